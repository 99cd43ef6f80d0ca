"""Sea-leg distances and simplified geometries with searoute (cached).

Every pair already computed is in ``sea_cache.json``; only a pair not yet there imports
``searoute`` (not a dependency of the package), so the committed network rebuilds without it.
"""
import json
import os

CACHE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sea_cache.json")
if os.path.exists(CACHE):
    with open(CACHE, encoding="utf-8") as _f:
        _cache = json.load(_f)
else:
    _cache = {}


def _norm_lon(x):
    return ((x + 180.0) % 360.0) - 180.0


def sea_route(a, b):
    """a, b = (lat, lon). Returns (km, waypoint string, passages)."""
    key = f"{a[0]:.4f},{a[1]:.4f}|{b[0]:.4f},{b[1]:.4f}"
    if key in _cache:
        return tuple(_cache[key])
    import searoute as sr  # only for a pair not in the cache
    from shapely.geometry import LineString

    r = sr.searoute([a[1], a[0]], [b[1], b[0]], units="km", append_orig_dest=True,
                    restrictions=["northwest"], return_passages=True)
    km = float(r["properties"]["length"])
    coords = r["geometry"]["coordinates"]
    passages = r["properties"].get("traversed_passages", [])
    # unwrap longitudes to keep the line continuous, then simplify
    un = [list(coords[0])]
    for lon, lat in coords[1:]:
        prev = un[-1][0]
        while lon - prev > 180:
            lon -= 360
        while lon - prev < -180:
            lon += 360
        un.append([lon, lat])
    line = LineString(un)
    tol = 0.05
    pts = list(line.coords)
    while len(pts) - 2 > 15:
        pts = list(line.simplify(tol, preserve_topology=False).coords)
        tol *= 1.5
    inner = pts[1:-1]
    wp = "; ".join(f"{_norm_lon(x):.1f} {y:.1f}" for x, y in inner)
    _cache[key] = (km, wp, passages)
    with open(CACHE, "w", encoding="utf-8") as f:
        json.dump(_cache, f)
    return km, wp, passages

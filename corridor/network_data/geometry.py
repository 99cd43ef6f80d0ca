"""Leg geometry: coordinates, geodesic lengths (pyproj) and GeoJSON lines.

Coordinates are ``(lon, lat)`` pairs in WGS84 throughout, as in RFC 7946.
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from functools import lru_cache
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from pyproj import Geod

Coord = tuple[float, float]


@lru_cache(maxsize=1)
def _geod() -> Geod:
    from pyproj import Geod  # imported lazily: only needed when a length must be computed

    return Geod(ellps="WGS84")


def parse_waypoints(text: str) -> list[Coord]:
    """Parse ``'lon lat; lon lat'`` into coordinate pairs (``ValueError`` if malformed)."""
    points: list[Coord] = []
    for chunk in text.split(";"):
        chunk = chunk.strip()
        if not chunk:
            continue
        parts = chunk.replace(",", " ").split()
        if len(parts) != 2:
            raise ValueError(f"waypoint '{chunk}' is not 'lon lat'")
        lon, lat = float(parts[0]), float(parts[1])
        if not (-180.0 <= lon <= 180.0 and -90.0 <= lat <= 90.0):
            raise ValueError(f"waypoint '{chunk}' is out of range")
        points.append((lon, lat))
    return points


def geodesic_km(lon1: np.ndarray, lat1: np.ndarray, lon2: np.ndarray,
                lat2: np.ndarray) -> np.ndarray:
    """Vectorised WGS84 geodesic distance in km between point pairs."""
    _, _, metres = _geod().inv(np.asarray(lon1, float), np.asarray(lat1, float),
                               np.asarray(lon2, float), np.asarray(lat2, float))
    return np.asarray(metres, dtype=float) / 1000.0


def line_length_km(coords: Sequence[Coord]) -> float:
    """Geodesic length in km of a polyline through ``coords`` (antimeridian-safe)."""
    if len(coords) < 2:
        return 0.0
    arr = np.asarray(coords, dtype=float)
    return float(geodesic_km(arr[:-1, 0], arr[:-1, 1], arr[1:, 0], arr[1:, 1]).sum())


def split_antimeridian(coords: Sequence[Coord]) -> list[list[Coord]]:
    """Split a polyline where it crosses the antimeridian (RFC 7946 §3.1.9).

    A segment whose longitudes differ by more than 180° is taken to cross the ±180° meridian;
    the crossing latitude is interpolated linearly in unwrapped longitude.
    """
    parts: list[list[Coord]] = [[coords[0]]] if coords else []
    for (lon1, lat1), (lon2, lat2) in itertools.pairwise(coords):
        if abs(lon2 - lon1) > 180.0:
            edge = 180.0 if lon1 > 0 else -180.0
            lon2_unwrapped = lon2 + 360.0 if lon1 > 0 else lon2 - 360.0
            frac = (edge - lon1) / (lon2_unwrapped - lon1)
            lat_cross = lat1 + frac * (lat2 - lat1)
            parts[-1].append((edge, lat_cross))
            parts.append([(-edge, lat_cross)])
        parts[-1].append((lon2, lat2))
    return parts


def geojson_line(coords: Sequence[Coord]) -> dict[str, object]:
    """A GeoJSON LineString (or MultiLineString when it crosses the antimeridian)."""
    parts = split_antimeridian(coords)
    rounded = [[[round(lon, 5), round(lat, 5)] for lon, lat in part] for part in parts]
    if len(rounded) == 1:
        return {"type": "LineString", "coordinates": rounded[0]}
    return {"type": "MultiLineString", "coordinates": rounded}

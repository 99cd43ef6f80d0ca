"""Maps of routes and plans (``--map FILE.png|svg``), drawn offline with matplotlib.

The background is Natural Earth's 1:110m country outlines (public domain, installed with
the package: ``corridor/reports/data``) and the whole network in light grey; on top, the
routes along their legs' real geometry (sea legs along their sea paths). Coordinates are
projected with pyproj onto an Equal Earth map centred on what is drawn, so a map from Central
Asia to Japan or to the Americas keeps its shapes and areas; a line crossing the map's edge
(the meridian opposite its centre) is split there rather than drawn across the map. No tiles
and no network access.
"""

from __future__ import annotations

import io
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork
    from corridor.routing.plan import Plan
    from corridor.routing.query import RouteAnswer
    from corridor.routing.whatif import Outcome

#: Route colours, in rank order (colour-blind safe, Okabe–Ito).
ROUTE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

Coords = Sequence[tuple[float, float]]


@dataclass(frozen=True)
class Line:
    """A line to draw: lon/lat points, colour, width (points) and legend label."""

    coords: Coords
    colour: str
    width: float
    label: str = ""


@dataclass(frozen=True)
class Label:
    """A place or passage named on the map."""

    lon: float
    lat: float
    text: str
    marker: str = "o"


def countries() -> list[list[Coords]]:
    """Country outlines: per country, its rings (lon/lat)."""
    data = json.loads(resources.files("corridor.reports.data").joinpath(
        "countries_110m.json").read_text("utf-8"))
    out: list[list[Coords]] = []
    for feature in data["features"]:
        geometry = feature["geometry"]
        polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" \
            else [geometry["coordinates"]]
        out.append([[(float(x), float(y)) for x, y in ring] for poly in polygons
                    for ring in poly])
    return out


class _Projection:
    """Equal Earth centred on ``lon_0``; splits lines at the opposite meridian."""

    def __init__(self, lon_0: float):
        from pyproj import Transformer

        self.lon_0 = lon_0
        self._to_map = Transformer.from_crs("EPSG:4326", f"+proj=eqearth +lon_0={lon_0:.4f}",
                                            always_xy=True)

    def pieces(self, coords: Coords) -> list[tuple[list[float], list[float]]]:
        """The line projected, in pieces that do not cross the map's edge."""
        out: list[tuple[list[float], list[float]]] = []
        lons: list[float] = []
        lats: list[float] = []
        previous = None
        for lon, lat in coords:
            rel = (lon - self.lon_0 + 180.0) % 360.0 - 180.0
            if previous is not None and abs(rel - previous) > 180.0 and lons:
                out.append(self._project(lons, lats))
                lons, lats = [], []
            lons.append(self.lon_0 + rel)
            lats.append(lat)
            previous = rel
        if len(lons) > 1:
            out.append(self._project(lons, lats))
        return out

    def _project(self, lons: list[float], lats: list[float]) -> tuple[list[float], list[float]]:
        xs, ys = self._to_map.transform(lons, lats)
        return list(xs), list(ys)

    def point(self, lon: float, lat: float) -> tuple[float, float]:
        x, y = self._to_map.transform(lon, lat)
        return float(x), float(y)


def _centre_lon(lines: Iterable[Line]) -> float:
    """The longitude to centre a map on: the middle of the shortest arc holding every
    point (so a route from Central Asia to Los Angeles is centred over the Pacific or
    Eurasia, whichever keeps it whole)."""
    lons = sorted({round(lon % 360.0, 3) for line in lines for lon, _ in line.coords})
    if not lons:
        return 60.0
    gaps = [(lons[(i + 1) % len(lons)] - lon) % 360.0 for i, lon in enumerate(lons)]
    widest = max(range(len(gaps)), key=lambda i: gaps[i])
    start = lons[(widest + 1) % len(lons)]
    span = 360.0 - gaps[widest]
    centre = (start + span / 2.0) % 360.0
    return centre - 360.0 if centre > 180.0 else centre


def draw(net: CompiledNetwork, lines: Sequence[Line], labels: Sequence[Label], *,
         title: str, suffix: str, note: str = "") -> str | bytes:
    """The map as SVG text or PNG bytes (by ``suffix``): countries, the network in grey,
    ``lines`` on top with a legend, ``labels``, a scale bar; the same input draws the same
    file."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "corridor"
    projection = _Projection(_centre_lon(lines))
    fig, ax = plt.subplots(figsize=(10, 6.2), dpi=110)
    ax.set_facecolor("#eef3f7")
    for rings in countries():
        for ring in rings:
            for xs, ys in projection.pieces(ring):
                ax.fill(xs, ys, color="#f7f5ef", linewidth=0, zorder=1)
                ax.plot(xs, ys, color="#b9b4a8", linewidth=0.4, zorder=2)
    for coords in net.leg_coords.values():
        for xs, ys in projection.pieces(coords):
            ax.plot(xs, ys, color="#c8c8c8", linewidth=0.5, zorder=3)
    labelled: set[str] = set()
    for line in lines:
        for xs, ys in projection.pieces(line.coords):
            show = line.label and line.label not in labelled
            ax.plot(xs, ys, color=line.colour, linewidth=line.width, solid_capstyle="round",
                    zorder=5, label=line.label if show else None)
            if show:
                labelled.add(line.label)
    for label in labels:
        x, y = projection.point(label.lon, label.lat)
        ax.plot([x], [y], marker=label.marker, color="#222222", markersize=3.5, zorder=6)
        ax.annotate(label.text, (x, y), xytext=(4, 3), textcoords="offset points",
                    fontsize=7, color="#222222", zorder=7)
    _frame(ax, projection, lines)
    if labelled:
        ax.legend(loc="lower left", fontsize=7, framealpha=0.9)
    ax.set_title(title, fontsize=10)
    if note:
        fig.text(0.01, 0.01, note, fontsize=6, color="#555555")
    ax.set_xticks([])
    ax.set_yticks([])
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:],
                metadata={"Date": None} if suffix == ".svg" else {"Software": None})
    plt.close(fig)
    data = buffer.getvalue()
    return data.decode("utf-8") if suffix == ".svg" else data


def _frame(ax: Any, projection: _Projection, lines: Sequence[Line]) -> None:
    """Zoom to what is drawn (a margin around it) and add a scale bar."""
    xs = [x for line in lines for piece in projection.pieces(line.coords) for x in piece[0]]
    ys = [y for line in lines for piece in projection.pieces(line.coords) for y in piece[1]]
    if not xs:
        return
    x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
    pad = 0.08 * max(x1 - x0, y1 - y0, 1e6)
    x0, x1, y0, y1 = x0 - pad, x1 + pad, y0 - pad, y1 + pad
    # the figure's shape, so the map is not stretched
    if (x1 - x0) / (y1 - y0) > 1.6:
        grow = ((x1 - x0) / 1.6 - (y1 - y0)) / 2
        y0, y1 = y0 - grow, y1 + grow
    else:
        grow = ((y1 - y0) * 1.6 - (x1 - x0)) / 2
        x0, x1 = x0 - grow, x1 + grow
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    # a round length near a fifth of the width (Equal Earth's units are metres)
    target = (x1 - x0) / 5
    length = 10 ** math.floor(math.log10(target))
    length *= 5 if target / length >= 5 else 2 if target / length >= 2 else 1
    bx, by = x1 - (x1 - x0) * 0.04 - length, y0 + (y1 - y0) * 0.05
    ax.plot([bx, bx + length], [by, by], color="#222222", linewidth=2, zorder=8)
    ax.annotate(f"{length / 1000:,.0f} km", (bx + length / 2, by), xytext=(0, 4),
                textcoords="offset points", ha="center", fontsize=7, zorder=8)


def _arc_coords(net: CompiledNetwork, arcs: Iterable[int]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for arc in arcs:
        line = list(net.leg_coords[net.leg_ids[int(net.arc_leg[arc])]])
        if not bool(net.forward[arc]):
            line.reverse()
        coords.extend(line if not coords else line[1:])
    return coords


def _place_labels(net: CompiledNetwork, node_ids: Iterable[str]) -> list[Label]:
    index = net.node_index
    out = []
    for node in dict.fromkeys(node_ids):
        i = index[node]
        arcs = [a for a in range(net.n_arcs) if int(net.tail[a]) == i][:1]
        if not arcs:
            continue
        line = net.leg_coords[net.leg_ids[int(net.arc_leg[arcs[0]])]]
        lon, lat = line[0] if bool(net.forward[arcs[0]]) else line[-1]
        out.append(Label(lon, lat, net.node_name[i]))
    return out


def route_map(answer: RouteAnswer, suffix: str) -> str | bytes:
    """A route answer's routes, each in its colour (rank order), the ends and the passages
    named."""
    net = answer.compiled
    lines = [Line(_arc_coords(net, r.arcs), ROUTE_COLOURS[i % len(ROUTE_COLOURS)],
                  3.0 if i == 0 else 1.8, f"{i + 1}. {answer.land_name(r)}")
             for i, r in enumerate(answer.routes)]
    labels = _place_labels(net, [answer.origin, answer.destination])
    labels += _passage_labels(net, [a for r in answer.routes for a in r.arcs])
    names = dict(zip(net.node_ids, net.node_name))
    return draw(net, lines, labels, suffix=suffix,
                title=f"{names[answer.origin]} → {names[answer.destination]}: "
                      f"{len(lines)} route{'s' if len(lines) != 1 else ''}",
                note="Country outlines: Natural Earth (public domain).")


def _passage_labels(net: CompiledNetwork, arcs: Iterable[int]) -> list[Label]:
    seen: dict[str, Label] = {}
    for arc in arcs:
        key = net.passage[arc]
        if key and key not in seen:
            line = net.leg_coords[net.leg_ids[int(net.arc_leg[arc])]]
            lon, lat = line[len(line) // 2]
            seen[key] = Label(lon, lat, key.replace("_", " ").title(), marker="D")
    return list(seen.values())


def _load_lines(net: CompiledNetwork, loads: dict[tuple[str, str, str], float],
                colour_of: Any, label_of: Any) -> list[Line]:
    """One line per leg direction with a load, width by the square root of its share of
    the largest load."""
    if not loads:
        return []
    top = max(abs(v) for v in loads.values()) or 1.0
    arc_of = {(net.leg_ids[int(net.arc_leg[a])], net.node_ids[int(net.tail[a])]): a
              for a in range(net.n_arcs)}
    out = []
    for (leg, tail, _head), value in sorted(loads.items(), key=lambda kv: abs(kv[1])):
        arc = arc_of[(leg, tail)]
        out.append(Line(_arc_coords(net, [arc]), colour_of(value),
                        0.8 + 5.0 * math.sqrt(abs(value) / top), label_of(value)))
    return out


def plan_map(result: Plan, suffix: str) -> str | bytes:
    """A plan's loaded legs, wider and darker with more tonnes, ports and borders of the
    busiest legs named."""
    from matplotlib import colormaps

    net = result.solution.problem.net
    legs = result.legs
    loads = {(leg, a, b): float(t) for leg, a, b, t in zip(
        legs["leg_id"].tolist(), legs["from_id"].tolist(), legs["to_id"].tolist(),
        legs["load_t"].tolist()) if t > 0}
    top = max(loads.values(), default=1.0)
    cmap = colormaps["viridis_r"]

    def colour(value: float) -> str:
        r, g, b, _ = cmap(0.15 + 0.85 * math.sqrt(value / top))
        return f"#{int(r * 255):02x}{int(g * 255):02x}{int(b * 255):02x}"

    def label(value: float) -> str:
        return "more tonnes: wider, darker" if value == top else ""

    lines = _load_lines(net, loads, colour, label)
    ships = result.shipments
    ends = [*ships["origin"].tolist(), *ships["destination"].tolist()]
    s = result.summary
    return draw(net, lines, _place_labels(net, ends), suffix=suffix,
                title=f"Plan: {s['planned_tonnes']:,.0f} t on {len(loads)} leg directions, "
                      f"{s['total_cost_usd'] / 1e6:,.1f} M USD",
                note="Country outlines: Natural Earth (public domain). Width: tonnes.")


def whatif_map(outcome: Outcome, baseline: Plan, suffix: str) -> str | bytes:
    """What moved where under a scenario: legs that gained tonnes in red, that lost them in
    blue, wider with more."""
    net = baseline.solution.problem.net
    changes = {(leg, a, b): float(d) for leg, a, b, d in zip(
        outcome.legs["leg_id"].tolist(), outcome.legs["from_id"].tolist(),
        outcome.legs["to_id"].tolist(), outcome.legs["delta_t"].tolist())}

    def colour(value: float) -> str:
        return "#c0392b" if value > 0 else "#2c6fbb"

    def label(value: float) -> str:
        return "tonnes gained" if value > 0 else "tonnes lost"

    lines = _load_lines(net, changes, colour, label)
    return draw(net, lines, [], suffix=suffix,
                title=f"{outcome.name}: what moved where "
                      f"({outcome.deltas['shipments_rerouted']} shipments rerouted)",
                note="Country outlines: Natural Earth (public domain). Width: tonnes moved.")

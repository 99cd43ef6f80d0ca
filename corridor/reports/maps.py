"""Maps of routes and plans (``--map FILE.png|svg``), drawn offline with matplotlib.

The background is Natural Earth's 1:110m country outlines (public domain, installed with
the package: ``corridor/reports/data``) and the whole network in light grey; on top, the
routes along their legs' real geometry (sea legs along their sea paths). Coordinates are
projected with pyproj onto an Equal Earth map centred on what is drawn, so a map from Central
Asia to Japan or to the Americas keeps its shapes and areas; a line crossing the map's edge
(the meridian opposite its centre) is split there rather than drawn across the map. No tiles
and no network access.

Places are named without overlap where possible: the route ends first, then the sea
passages, then the ports and border crossings; each label takes the first of eight places
around its point where its text covers no other label's text or marker and stays inside
the map, else only its marker is drawn (a route end is always named). Where the texts go is
decided in :mod:`corridor.reports.map_labels`; this module measures and draws them.

The functions taking plain data (:func:`loads_map`, :func:`changes_map`,
:func:`side_by_side_map`) serve a report built from a plan's JSON; :func:`plan_map` and
:func:`whatif_map` are the same maps drawn from a :class:`~corridor.routing.plan.Plan` and a
what-if :class:`~corridor.routing.whatif.Outcome`.
"""

from __future__ import annotations

import io
import json
import math
import re
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from typing import TYPE_CHECKING, Any

from corridor.reports.map_labels import RINGS, candidate_boxes, place_labels, position

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork
    from corridor.routing.plan import Plan
    from corridor.routing.query import RouteAnswer
    from corridor.routing.whatif import Outcome

#: Route colours, in rank order (colour-blind safe, Okabe–Ito).
ROUTE_COLOURS = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9")

#: The views of a what-if map (:func:`whatif_map`): the change per leg, or the baseline and
#: the scenario's loads side by side.
MAP_VIEWS = ("difference", "side-by-side")
#: Resolution of a PNG map: 1,600 px wide for a one-panel map.
PNG_DPI = 160

#: Label priorities, most important (placed first, never dropped) first.
END, PASSAGE, PLACE = 0, 1, 2

#: Node kinds named as ports and as border crossings. Dry ports (inland terminals) are not:
#: most sit beside the seaport or city they serve and would name the same spot twice.
PORT_KINDS = ("seaport",)
BORDER_KINDS = ("border",)

#: On a map of loads or changes, the ports and crossings named are those of legs carrying
#: at least this share of the largest value, busiest first, at most ``MAX_PLACES`` of them.
BUSY_SHARE = 0.1
MAX_PLACES = 25

NOTE = "Country outlines: Natural Earth (public domain)."

Coords = Sequence[tuple[float, float]]
#: Tonnes per leg direction: (leg_id, from_id, to_id) -> t.
Loads = Mapping[tuple[str, str, str], float]

_FONT = 7  # label text size, points
_MARKER = 3.5  # label marker size, points
_GAP = 3.5  # from a label's point to its text, points (clear of the marker)


@dataclass(frozen=True)
class Line:
    """A line to draw: lon/lat points, colour, width (points) and legend label."""

    coords: Coords
    colour: str
    width: float
    label: str = ""


@dataclass(frozen=True)
class Label:
    """A place or passage named on the map; ``priority`` orders the placing (lower is placed
    first; :data:`END` and below are always named, the rest only where their text fits)."""

    lon: float
    lat: float
    text: str
    marker: str = "o"
    priority: int = PLACE


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



@dataclass
class _Panel:
    """One map drawn on an axes: its projection and what labels must keep clear of."""

    ax: Any
    projection: _Projection
    keep_clear: list[Any] = field(default_factory=list)  # artists: scale bar, legend


def _figure(ncols: int, size: tuple[float, float]) -> tuple[Any, list[Any]]:
    """A figure of ``ncols`` axes side by side, on the Agg canvas (its renderer measures
    text; no pyplot, so nothing global is left open)."""
    import matplotlib
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure

    matplotlib.rcParams["svg.hashsalt"] = "corridor"  # SVG ids the same in each run
    fig = Figure(figsize=size, dpi=110)
    FigureCanvasAgg(fig)
    axes = fig.subplots(1, ncols, squeeze=False)[0]
    return fig, list(axes)


def _draw_panel(ax: Any, net: CompiledNetwork, projection: _Projection,
                lines: Sequence[Line], *, frame: Sequence[Line], scale_bar: bool = True,
                empty: str = "") -> _Panel:
    """Draw one map onto ``ax``: countries, the network in grey, ``lines`` on top, zoomed
    to the lines of ``frame`` (with a scale bar unless ``scale_bar`` is false); ``empty``
    is written across a map with nothing to show."""
    from matplotlib.collections import LineCollection, PolyCollection

    ax.set_facecolor("#eef3f7")
    rings = [list(zip(*piece)) for country in countries() for ring in country
             for piece in projection.pieces(ring)]
    # one collection per layer rather than an artist per ring: the same look, drawn faster
    ax.add_collection(PolyCollection(rings, facecolors="#f7f5ef", linewidths=0, zorder=1))
    ax.add_collection(LineCollection(rings, colors="#b9b4a8", linewidths=0.4, zorder=2))
    network = [list(zip(*piece)) for coords in net.leg_coords.values()
               for piece in projection.pieces(coords)]
    ax.add_collection(LineCollection(network, colors="#c8c8c8", linewidths=0.5, zorder=3))
    ax.autoscale_view()  # the whole world, where ``frame`` has nothing to zoom to
    labelled: set[str] = set()
    for line in lines:
        for xs, ys in projection.pieces(line.coords):
            show = line.label and line.label not in labelled
            ax.plot(xs, ys, color=line.colour, linewidth=line.width, solid_capstyle="round",
                    zorder=5, label=line.label if show else None)
            if show:
                labelled.add(line.label)
    panel = _Panel(ax, projection, _frame(ax, projection, frame, scale_bar=scale_bar))
    if empty:
        panel.keep_clear.append(ax.text(
            0.5, 0.5, empty, transform=ax.transAxes, ha="center", va="center", fontsize=9,
            color="#444444", zorder=9,
            bbox={"facecolor": "white", "edgecolor": "#999999", "alpha": 0.9}))
    ax.set_xticks([])
    ax.set_yticks([])
    return panel


def _frame(ax: Any, projection: _Projection, lines: Sequence[Line], *,
           scale_bar: bool = True) -> list[Any]:
    """Zoom to what is drawn (a margin around it) and add a scale bar; returns the scale
    bar's artists."""
    xs = [x for line in lines for piece in projection.pieces(line.coords) for x in piece[0]]
    ys = [y for line in lines for piece in projection.pieces(line.coords) for y in piece[1]]
    if not xs:
        return []
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
    if not scale_bar:
        return []
    # a round length near a fifth of the width (Equal Earth's units are metres)
    target = (x1 - x0) / 5
    length = 10 ** math.floor(math.log10(target))
    length *= 5 if target / length >= 5 else 2 if target / length >= 2 else 1
    bx, by = x1 - (x1 - x0) * 0.04 - length, y0 + (y1 - y0) * 0.05
    bar = ax.plot([bx, bx + length], [by, by], color="#222222", linewidth=2, zorder=8)
    text = ax.annotate(f"{length / 1000:,.0f} km", (bx + length / 2, by), xytext=(0, 4),
                       textcoords="offset points", ha="center", fontsize=7, zorder=8)
    return [*bar, text]


def _draw_labels(panel: _Panel, labels: Sequence[Label], renderer: Any) -> None:
    """Mark and name ``labels`` on a laid-out panel (its axes at their final place): those
    inside its frame, in priority order, each text where
    :func:`~corridor.reports.map_labels.place_labels` puts it."""
    from matplotlib import patheffects

    ax = panel.ax
    ax.apply_aspect()  # the axes' final box (aspect kept), which the texts are placed in
    (x0, x1), (y0, y1) = sorted(ax.get_xlim()), sorted(ax.get_ylim())
    shown = []
    for _, label in sorted(enumerate(labels), key=lambda p: (p[1].priority, p[0])):
        x, y = panel.projection.point(label.lon, label.lat)
        if x0 <= x <= x1 and y0 <= y <= y1:  # a place outside the frame is not drawn
            shown.append((label, x, y))
    if not shown:
        return
    px = ax.figure.dpi / 72.0  # display units per point
    at = ax.transData.transform([(x, y) for _, x, y in shown])
    radius = (_MARKER / 2 + 0.5) * px
    markers = [(float(dx) - radius, float(dy) - radius, float(dx) + radius,
                float(dy) + radius) for dx, dy in at]
    candidates = []
    for (label, _, _), (dx, dy) in zip(shown, at):
        probe = ax.text(0, 0, label.text, fontsize=_FONT)  # the real extent of the text
        extent = probe.get_window_extent(renderer)
        probe.remove()
        # a route end may go further out, on a leader line, where the ends crowd
        candidates.append(candidate_boxes(float(dx), float(dy), extent.width, extent.height,
                                          _GAP * px,
                                          rings=len(RINGS) if label.priority <= END else 1))
    inset = 2 * px  # keep texts off the axes' edge
    box = ax.bbox
    bounds = (box.x0 + inset, box.y0 + inset, box.x1 - inset, box.y1 - inset)
    blocked = [tuple(a.get_window_extent(renderer).extents) for a in panel.keep_clear]
    chosen = place_labels(candidates, markers, bounds, blocked=blocked,
                          always=[i for i, (label, _, _) in enumerate(shown)
                                  if label.priority <= END])
    # a white outline under each text keeps it readable over the lines; drawn as a copy
    # of its own, so the text itself stays text (SVG keeps its words, a page can be searched)
    halo = [patheffects.Stroke(linewidth=2.5, foreground="white")]
    for (label, x, y), k in zip(shown, chosen):
        ax.plot([x], [y], marker=label.marker, color="#222222", markersize=_MARKER,
                zorder=6)
        if k is None:
            continue
        (_, dx, dy, ha, va), ring = position(k)
        if ring > 1:  # a text set further out: a thin line back to its point
            ax.plot(*_leader(ax, (x, y), (dx, dy), ring), color="#555555", lw=0.5,
                    zorder=6.5)
        for zorder, effects in ((7.0, halo), (7.1, None)):
            ax.annotate(label.text, (x, y), xytext=(dx * _GAP * ring, dy * _GAP * ring),
                        textcoords="offset points", ha=ha, va=va, fontsize=_FONT,
                        color="#222222", zorder=zorder, path_effects=effects)


def _leader(ax: Any, point: tuple[float, float], direction: tuple[int, int], ring: float
            ) -> tuple[list[float], list[float]]:
    """The leader line (xs, ys in data units) from where a text ``ring`` gaps out in
    ``direction`` starts back to its point, stopping at the point's marker."""
    px = ax.figure.dpi / 72.0
    ax_, ay = (float(v) for v in ax.transData.transform([point])[0])
    cx, cy = ax_ + direction[0] * _GAP * ring * px, ay + direction[1] * _GAP * ring * px
    length = math.hypot(ax_ - cx, ay - cy)
    stop = (_MARKER / 2 * px) / length  # the share of the line inside the marker
    end = (ax_ - (ax_ - cx) * stop, ay - (ay - cy) * stop)
    (x0, y0), (x1, y1) = ax.transData.inverted().transform([(cx, cy), end])
    return [float(x0), float(x1)], [float(y0), float(y1)]


def _save(fig: Any, suffix: str) -> str | bytes:
    """The figure as SVG text or PNG bytes, with no date or software version in it (the
    same input gives the same file)."""
    buffer = io.BytesIO()
    # PNG at PNG_DPI: sharp at a report's full width (text and lines scale with it, so the
    # labels placed at the figure's own dpi keep their places)
    fig.savefig(buffer, format=suffix[1:],
                metadata={"Date": None} if suffix == ".svg" else {"Software": None},
                **({} if suffix == ".svg" else {"dpi": PNG_DPI}))
    data = buffer.getvalue()
    return data.decode("utf-8") if suffix == ".svg" else data


def draw(net: CompiledNetwork, lines: Sequence[Line], labels: Sequence[Label], *,
         title: str, suffix: str, note: str = "", empty: str = "") -> str | bytes:
    """The map as SVG text or PNG bytes (by ``suffix``): countries, the network in grey,
    ``lines`` on top with a legend, ``labels`` placed without overlap where they fit, a
    scale bar; ``empty`` is written across a map with nothing to show. The same input
    draws the same file."""
    fig, (ax,) = _figure(1, (10, 6.2))
    panel = _draw_panel(ax, net, _Projection(_centre_lon(lines)), lines, frame=lines,
                        empty=empty)
    if any(line.label for line in lines):
        panel.keep_clear.append(ax.legend(loc="lower left", fontsize=7, framealpha=0.9))
    ax.set_title(title, fontsize=10)
    if note:
        fig.text(0.01, 0.01, note, fontsize=6, color="#555555")
    fig.tight_layout()
    _draw_labels(panel, labels, fig.canvas.get_renderer())
    return _save(fig, suffix)


# ------------------------------------------------------------------------- what is named

def _node_points(net: CompiledNetwork) -> dict[int, tuple[float, float]]:
    """Each node's lon/lat, where its legs' lines start (looked up once for a whole map)."""
    points: dict[int, tuple[float, float]] = {}
    legs, coords = net.leg_ids, net.leg_coords
    for leg, tail, forward in zip(net.arc_leg.tolist(), net.tail.tolist(),
                                  net.forward.tolist()):
        if tail not in points:
            line = coords[legs[leg]]
            points[tail] = line[0] if forward else line[-1]
    return points


def _node(net: CompiledNetwork, node_id: str) -> int:
    try:
        return net.node_index[node_id]
    except KeyError:
        raise ValueError(f"node {node_id!r} is not in the network {net.label!r}") from None


def _end_labels(net: CompiledNetwork, points: Mapping[int, tuple[float, float]],
                node_ids: Iterable[str]) -> list[Label]:
    out = []
    for node in dict.fromkeys(node_ids):
        i = _node(net, node)
        if i in points:
            out.append(Label(*points[i], _short(net.node_name[i]), priority=END))
    return out


def _passage_labels(net: CompiledNetwork, arcs: Iterable[int]) -> list[Label]:
    seen: dict[str, Label] = {}
    for arc in arcs:
        key = net.passage[arc]
        if key and key not in seen:
            line = net.leg_coords[net.leg_ids[int(net.arc_leg[arc])]]
            lon, lat = line[len(line) // 2]
            seen[key] = Label(lon, lat, key.replace("_", " ").title(), marker="D",
                              priority=PASSAGE)
    return list(seen.values())


def _short(name: str) -> str:
    """A node's name as a map names it, without its closing qualifier: ``Aul (KZ–RU
    border, KZ side)`` -> ``Aul`` (the tables keep the whole name; on a map the long ones
    crowd out their neighbours)."""
    return re.sub(r"\s*\([^()]*\)$", "", name) or name


def _place_labels(net: CompiledNetwork, points: Mapping[int, tuple[float, float]],
                  arcs: Sequence[int], skip: Collection[int] = ()) -> list[Label]:
    """The ports and border crossings at the ends of ``arcs``, in their order, each once
    (nodes in ``skip`` left out). A crossing (a border leg of ``arcs`` between two border
    stations a few km apart) is one label, ``Dostyk / Alashankou``, not two on one spot."""
    partner: dict[int, int] = {}
    for arc in arcs:
        tail, head = int(net.tail[arc]), int(net.head[arc])
        if net.mode[arc] == "border" and net.node_kind[tail] in BORDER_KINDS \
                and net.node_kind[head] in BORDER_KINDS:
            partner.setdefault(tail, head)
            partner.setdefault(head, tail)
    out: list[Label] = []
    seen = set(skip)
    for arc in arcs:
        for node in (int(net.tail[arc]), int(net.head[arc])):
            if node in seen or node not in points or \
                    net.node_kind[node] not in (*PORT_KINDS, *BORDER_KINDS):
                continue
            seen.add(node)
            other = partner.get(node)
            if other is None:
                out.append(Label(*points[node], _short(net.node_name[node])))
            elif other not in seen:  # else the crossing's other side is an end: named so
                seen.add(other)
                a, b = _short(net.node_name[node]), _short(net.node_name[other])
                out.append(Label(*points[node], a if a == b else f"{a} / {b}"))
    return out


def _arc_coords(net: CompiledNetwork, arcs: Iterable[int]) -> list[tuple[float, float]]:
    coords: list[tuple[float, float]] = []
    for arc in arcs:
        line = list(net.leg_coords[net.leg_ids[int(net.arc_leg[arc])]])
        if not bool(net.forward[arc]):
            line.reverse()
        coords.extend(line if not coords else line[1:])
    return coords


def route_map(answer: RouteAnswer, suffix: str) -> str | bytes:
    """A route answer's routes, each in its colour (rank order); the ends, the passages and
    the routes' ports and border crossings named."""
    net = answer.compiled
    lines = [Line(_arc_coords(net, r.arcs), ROUTE_COLOURS[i % len(ROUTE_COLOURS)],
                  3.0 if i == 0 else 1.8, f"{i + 1}. {answer.land_name(r)}")
             for i, r in enumerate(answer.routes)]
    points = _node_points(net)
    ends = [answer.origin, answer.destination]
    arcs = [a for r in answer.routes for a in r.arcs]
    labels = [*_end_labels(net, points, ends), *_passage_labels(net, arcs),
              *_place_labels(net, points, arcs, skip={_node(net, n) for n in ends})]
    names = dict(zip(net.node_ids, net.node_name))
    return draw(net, lines, labels, suffix=suffix,
                title=f"{names[answer.origin]} → {names[answer.destination]}: "
                      f"{len(lines)} route{'s' if len(lines) != 1 else ''}",
                note=NOTE)


# ---------------------------------------------------------------------- loads and changes

def _arcs_of(net: CompiledNetwork, values: Loads) -> dict[tuple[str, str, str], int]:
    """The arc of each leg direction ``(leg_id, from_id, to_id)``."""
    arc_of = {(net.leg_ids[leg], net.node_ids[tail]): a for a, (leg, tail) in
              enumerate(zip(net.arc_leg.tolist(), net.tail.tolist()))}
    out = {}
    for key in values:
        arc = arc_of.get((key[0], key[1]))
        if arc is None or net.node_ids[int(net.head[arc])] != key[2]:
            raise ValueError(f"leg {key[0]!r} from {key[1]!r} to {key[2]!r} is not in the "
                             f"network {net.label!r}")
        out[key] = arc
    return out


def _load_lines(net: CompiledNetwork, values: Loads, arcs: Mapping[tuple[str, str, str], int],
                colour_of: Callable[[float], str], label_of: Callable[[float], str], *,
                top: float | None = None) -> list[Line]:
    """One line per leg direction with a value, width by the square root of its share of
    ``top`` (the largest value if not given); smallest first, so the largest are on top."""
    if not values:
        return []
    top = top or max(abs(v) for v in values.values()) or 1.0
    return [Line(_arc_coords(net, [arcs[key]]), colour_of(value),
                 0.8 + 5.0 * math.sqrt(min(abs(value) / top, 1.0)), label_of(value))
            for key, value in sorted(values.items(), key=lambda kv: (abs(kv[1]), kv[0]))]


def _busy_labels(net: CompiledNetwork, points: Mapping[int, tuple[float, float]],
                 values: Loads, arcs: Mapping[tuple[str, str, str], int],
                 skip: Collection[int] = ()) -> list[Label]:
    """The passages of the legs with a value, and the ports and crossings of the busiest
    (:data:`BUSY_SHARE`, :data:`MAX_PLACES`), busiest first."""
    order = sorted(values.items(), key=lambda kv: (-abs(kv[1]), kv[0]))
    top = abs(order[0][1]) if order else 0.0
    busy = [arcs[key] for key, value in order if abs(value) >= BUSY_SHARE * top > 0]
    return [*_passage_labels(net, [arcs[key] for key, _ in order]),
            *_place_labels(net, points, busy, skip)[:MAX_PLACES]]


def _hex(rgba: Sequence[float]) -> str:
    r, g, b = (int(c * 255) for c in rgba[:3])
    return f"#{r:02x}{g:02x}{b:02x}"


def _tonnes_colour(top: float) -> Callable[[float], str]:
    """Colour by tonnes: darker with more, on a square-root scale up to ``top``."""
    from matplotlib import colormaps

    cmap = colormaps["viridis_r"]
    return lambda value: _hex(cmap(0.15 + 0.85 * math.sqrt(min(value / top, 1.0))))


def _loads(values: Loads) -> dict[tuple[str, str, str], float]:
    return {key: float(t) for key, t in values.items() if t > 0}


def loads_map(net: CompiledNetwork, loads: Loads, ends: Sequence[str], *, title: str,
              suffix: str, note: str = f"{NOTE} Width: tonnes.") -> str | bytes:
    """Tonnes per leg direction (``(leg_id, from_id, to_id) -> t``; none above 0 draws a
    plain map saying so), wider and darker with more; the ``ends`` (node ids: origins and
    destinations), the passages and the ports and borders of the busiest legs named.
    SVG text or PNG bytes by ``suffix``."""
    loads = _loads(loads)
    arcs = _arcs_of(net, loads)
    points = _node_points(net)
    top = max(loads.values(), default=1.0)

    def label(value: float) -> str:
        return "more tonnes: wider, darker" if value == top else ""

    lines = _load_lines(net, loads, arcs, _tonnes_colour(top), label)
    end_labels = _end_labels(net, points, ends)
    skip = {_node(net, n) for n in ends}
    return draw(net, lines, [*end_labels, *_busy_labels(net, points, loads, arcs, skip)],
                title=title, suffix=suffix, note=note,
                empty="" if lines else "No leg carries a load")


def plan_map(result: Plan, suffix: str) -> str | bytes:
    """A plan's loaded legs, wider and darker with more tonnes; its origins and
    destinations, passages and the ports and borders of its busiest legs named."""
    s = result.summary
    ships = result.shipments
    loads = _plan_loads(result)
    return loads_map(result.solution.problem.net, loads,
                     [*ships["origin"].tolist(), *ships["destination"].tolist()],
                     suffix=suffix,
                     title=f"Plan: {s['planned_tonnes']:,.0f} t on {len(loads)} leg "
                           f"directions, {s['total_cost_usd'] / 1e6:,.1f} M USD")


def _plan_loads(result: Plan) -> dict[tuple[str, str, str], float]:
    legs = result.legs
    return _loads({(leg, a, b): float(t) for leg, a, b, t in zip(
        legs["leg_id"].tolist(), legs["from_id"].tolist(), legs["to_id"].tolist(),
        legs["load_t"].tolist())})


def changes_map(net: CompiledNetwork, changes: Loads, *, title: str, suffix: str,
                note: str = f"{NOTE} Width: tonnes moved.") -> str | bytes:
    """What moved where: the change in tonnes per leg direction (``(leg_id, from_id,
    to_id) -> t``), legs that gained in red, that lost in blue, wider with more; the
    passages and the ports and borders of the most changed legs named. No change draws a
    plain map saying so. SVG text or PNG bytes by ``suffix``."""
    changes = {key: float(d) for key, d in changes.items() if d}
    arcs = _arcs_of(net, changes)

    def colour(value: float) -> str:
        return "#c0392b" if value > 0 else "#2c6fbb"

    def label(value: float) -> str:
        return "tonnes gained" if value > 0 else "tonnes lost"

    lines = _load_lines(net, changes, arcs, colour, label)
    return draw(net, lines, _busy_labels(net, _node_points(net), changes, arcs),
                title=title, suffix=suffix, note=note,
                empty="" if lines else "No leg's load changed")


def _tonnes_handles(top: float, colour: Callable[[float], str]) -> list[Any]:
    """Legend entries for a few loads (the largest, a quarter and a sixteenth of it, at two
    significant figures), drawn as the lines of those loads are."""
    from matplotlib.lines import Line2D

    out = []
    for share in (1.0, 0.25, 0.0625):
        value = float(f"{top * share:.2g}")
        width = 0.8 + 5.0 * math.sqrt(min(value / top, 1.0))
        out.append(Line2D([], [], color=colour(value), linewidth=width,
                          solid_capstyle="round",
                          label=f"{value:,.0f} t" if value >= 10 else f"{value:g} t"))
    return out


def side_by_side_map(net: CompiledNetwork, baseline_loads: Loads, scenario_loads: Loads,
                     ends: Sequence[str], *, title: str, left_title: str, right_title: str,
                     suffix: str, note: str = f"{NOTE} Width and colour: tonnes."
                     ) -> str | bytes:
    """Two load maps side by side (baseline left, scenario right), each as
    :func:`loads_map` draws one, in the same projection and frame and on the same tonnes
    scale (width and colour), so they compare at a glance; one legend and scale bar for
    both. SVG text or PNG bytes by ``suffix``."""
    sides = [_loads(baseline_loads), _loads(scenario_loads)]
    top = max((t for loads in sides for t in loads.values()), default=1.0)
    colour = _tonnes_colour(top)
    points = _node_points(net)
    skip = {_node(net, n) for n in ends}
    end_labels = _end_labels(net, points, ends)
    drawn = []
    for loads in sides:
        arcs = _arcs_of(net, loads)
        drawn.append((_load_lines(net, loads, arcs, colour, lambda _: "", top=top),
                      [*end_labels, *_busy_labels(net, points, loads, arcs, skip)]))
    every = [line for lines, _ in drawn for line in lines]
    projection = _Projection(_centre_lon(every))
    fig, axes = _figure(2, (14, 5.2))
    panels = []
    for i, (ax, (lines, _), name) in enumerate(zip(axes, drawn, (left_title, right_title))):
        panels.append(_draw_panel(ax, net, projection, lines, frame=every,
                                  scale_bar=i == 1,
                                  empty="" if lines else "No leg carries a load"))
        ax.set_title(name, fontsize=9)
    fig.suptitle(title, fontsize=10)
    if every:
        fig.legend(handles=_tonnes_handles(top, colour), loc="lower center", ncol=3,
                   fontsize=7, frameon=False, bbox_to_anchor=(0.5, 0.0))
    if note:
        fig.text(0.01, 0.01, note, fontsize=6, color="#555555")
    fig.tight_layout(rect=(0, 0.05, 1, 1))  # room below for the shared legend
    renderer = fig.canvas.get_renderer()
    for panel, (_, labels) in zip(panels, drawn):
        _draw_labels(panel, labels, renderer)
    return _save(fig, suffix)


def whatif_map(outcome: Outcome, baseline: Plan, suffix: str,
               view: str = "difference") -> str | bytes:
    """A what-if on a map, by ``view`` (:data:`MAP_VIEWS`): ``difference`` shows what moved
    where (legs that gained tonnes in red, that lost them in blue, wider with more);
    ``side-by-side`` the baseline plan's loads and the scenario's, on one scale."""
    if view not in MAP_VIEWS:
        raise ValueError(f"view {view!r}: give one of {', '.join(MAP_VIEWS)}")
    net = baseline.solution.problem.net
    legs = outcome.legs
    keys = list(zip(legs["leg_id"].tolist(), legs["from_id"].tolist(),
                    legs["to_id"].tolist()))
    rerouted = outcome.deltas["shipments_rerouted"]
    if view == "difference":
        return changes_map(net, dict(zip(keys, legs["delta_t"].astype(float).tolist())),
                           suffix=suffix, title=f"{outcome.name}: what moved where "
                                                f"({rerouted} shipments rerouted)")
    before = _plan_loads(baseline)
    # ``outcome.legs`` has only the leg directions whose load changed: the rest keep theirs
    after = {**before, **dict(zip(keys, legs["scenario_load_t"].astype(float).tolist()))}
    ships = baseline.shipments
    return side_by_side_map(net, before, after,
                            [*ships["origin"].tolist(), *ships["destination"].tolist()],
                            suffix=suffix, left_title="Baseline plan",
                            right_title=f"Under {outcome.name}",
                            title=f"{outcome.name}: loads before and after "
                                  f"({rerouted} shipments rerouted)")

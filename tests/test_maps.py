"""Maps (--map on route, plan and whatif): drawn offline, routes visible, lines split at the
map's edge, bad file names refused; names placed clear of each other (ends always named),
ports and border crossings named, loads and changes from plain data, a what-if side by
side."""

from __future__ import annotations

import re
from collections.abc import Collection
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from conftest import REPO, run_cli

from corridor.network_data.model import Network
from corridor.network_data.scenario import find_scenario
from corridor.network_data.shipments import read_shipments
from corridor.reports import maps
from corridor.reports.map_labels import (
    POSITIONS,
    RINGS,
    Box,
    candidate_boxes,
    place_labels,
    position,
)
from corridor.reports.maps import (
    END,
    MAP_VIEWS,
    PASSAGE,
    PLACE,
    Label,
    Line,
    _centre_lon,
    _Projection,
    changes_map,
    countries,
    loads_map,
    plan_map,
    route_map,
    side_by_side_map,
    whatif_map,
)
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.plan import Plan, plan
from corridor.routing.query import find_routes
from corridor.routing.whatif import WhatIf, whatif

BOOK = str(REPO / "examples" / "shipments.csv")
PNG = b"\x89PNG\r\n\x1a\n"


def _pixels_near(png: Path, colour: str, tolerance: float = 0.08) -> int:
    """How many pixels of the image are close to ``colour`` (#rrggbb)."""
    from matplotlib import image

    rgb = image.imread(png)[..., :3]
    target = np.array([int(colour[i:i + 2], 16) / 255 for i in (1, 3, 5)])
    return int((np.abs(rgb - target).max(axis=2) < tolerance).sum())


def test_a_route_map_shows_the_routes(tmp_path: Path) -> None:
    out = tmp_path / "route.png"
    res = run_cli("route", "Oskemen", "Yokohama", "--map", str(out))
    assert res.returncode == 0, res.stderr
    assert out.read_bytes()[:8] == PNG
    assert _pixels_near(out, "#0072B2") > 300  # route 1, drawn thick
    assert _pixels_near(out, "#D55E00") > 100  # route 2


def test_a_map_is_the_same_file_each_time_and_svg_by_its_ending(tmp_path: Path) -> None:
    import xml.etree.ElementTree as ET

    a, b = tmp_path / "a.svg", tmp_path / "b.svg"
    for path in (a, b):
        assert run_cli("route", "Oskemen", "Poti", "--map", str(path)).returncode == 0
    assert ET.parse(a).getroot().tag.endswith("svg")
    assert a.read_bytes() == b.read_bytes()


def test_plan_and_whatif_maps(tmp_path: Path) -> None:
    plan_png, whatif_png = tmp_path / "plan.png", tmp_path / "whatif.png"
    assert run_cli("plan", BOOK, "--map", str(plan_png)).returncode == 0
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--map", str(whatif_png))
    assert res.returncode == 0, res.stderr
    assert _pixels_near(whatif_png, "#c0392b") > 300  # tonnes gained
    assert _pixels_near(whatif_png, "#2c6fbb") > 300  # tonnes lost
    assert plan_png.stat().st_size > 50_000
    both = tmp_path / "both.png"
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--map", str(both),
                  "--map-view", "side-by-side")
    assert res.returncode == 0, res.stderr
    from PIL import Image

    width, height = Image.open(both).size
    assert width > 2 * height  # two maps side by side
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--map", str(both),
                  "--map-view", "overlay")
    assert res.returncode == 2 and "'overlay' is not one of" in res.stderr


def test_a_bad_map_name_is_refused_and_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "map.pdf"
    res = run_cli("route", "Oskemen", "Yokohama", "--map", str(out))
    assert res.returncode == 2
    assert res.stderr.strip() == (f"error: command line, field --map: '{out}': give a file "
                                  "ending .png or .svg")
    assert not out.exists()


def test_lines_are_split_at_the_maps_edge() -> None:
    projection = _Projection(60.0)  # the edge is the meridian 120 W
    crossing = [(-125.0, 30.0), (-118.0, 31.0), (-110.0, 32.0)]
    assert len(projection.pieces(crossing)) == 2
    assert len(projection.pieces([(50.0, 40.0), (70.0, 42.0)])) == 1


def test_the_map_is_centred_to_keep_what_it_draws_whole() -> None:
    pacific = [Line([(140.0, 35.0), (-118.0, 34.0)], "#000000", 1.0)]
    centre = _centre_lon(pacific)
    assert centre > 140.0 or centre < -118.0  # over the Pacific, not over Eurasia
    asia = [Line([(70.0, 45.0), (140.0, 35.0)], "#000000", 1.0)]
    assert 70.0 < _centre_lon(asia) < 140.0


def test_the_outlines_are_installed() -> None:
    rings = countries()
    assert len(rings) > 150
    assert all(len(ring) >= 4 for country in rings for ring in country)


@pytest.mark.parametrize("command", ["route", "plan"])
def test_map_help(command: str) -> None:
    assert "--map FILE.png|FILE.svg" in run_cli(command, "--help").stdout


# ------------------------------------------------------------------ placing labels, pure

def _overlap(a: Box, b: Box) -> float:
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * \
        max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _marker(x: float, y: float, r: float = 2.0) -> Box:
    return (x - r, y - r, x + r, y + r)


def test_candidate_boxes_sit_around_the_point_in_order() -> None:
    boxes = candidate_boxes(100.0, 50.0, 40.0, 10.0, 4.0)
    assert len(boxes) == 8
    assert boxes[0] == (104.0, 54.0, 144.0, 64.0)  # north-east first, clear of the point
    assert boxes[4] == (56.0, 36.0, 96.0, 46.0)  # south-west
    for x0, y0, x1, y1 in boxes:
        assert (x1 - x0, y1 - y0) == (40.0, 10.0)
        assert not (x0 < 100.0 < x1 and y0 < 50.0 < y1)  # never over its own point


def test_crowded_labels_never_cover_each_other_or_a_marker() -> None:
    rng = np.random.default_rng(7)
    bounds = (0.0, 0.0, 400.0, 300.0)
    points = [(float(x), float(y)) for x, y in rng.uniform((20, 20), (380, 280), (80, 2))]
    widths = rng.uniform(20.0, 90.0, len(points))
    candidates = [candidate_boxes(x, y, float(w), 9.0, 4.0) for (x, y), w in zip(points, widths)]
    markers = [_marker(x, y) for x, y in points]
    chosen = place_labels(candidates, markers, bounds, always={0, 1})
    assert chosen == place_labels(candidates, markers, bounds, always={0, 1})
    placed = {i: candidates[i][k] for i, k in enumerate(chosen) if k is not None}
    assert 0 in placed and 1 in placed  # ends always
    assert 20 < len(placed) < len(points)  # crowded: many fit, not all
    for i, box in placed.items():
        assert bounds[0] <= box[0] and box[2] <= bounds[2]
        assert bounds[1] <= box[1] and box[3] <= bounds[3]
        assert all(_overlap(box, other) == 0 for j, other in placed.items() if j != i)
        assert all(_overlap(box, m) == 0 for j, m in enumerate(markers) if j != i)


def test_crowded_ends_go_further_out_on_the_outer_rings() -> None:
    # a dozen route ends 12 px apart on a line (origins across Kazakhstan on a world map):
    # the texts next to their points cannot all clear each other, further out they can
    points = [(100.0 + 12.0 * i, 150.0) for i in range(12)]
    markers = [_marker(x, y) for x, y in points]
    bounds = (0.0, 0.0, 400.0, 300.0)
    near = [candidate_boxes(x, y, 50.0, 9.0, 4.0) for x, y in points]
    rings = [candidate_boxes(x, y, 50.0, 9.0, 4.0, rings=len(RINGS)) for x, y in points]
    assert len(rings[0]) == 8 * len(RINGS) and rings[0][:8] == near[0]
    assert position(8) == (POSITIONS[0], RINGS[1])
    assert position(8)[0][0] == "NE" and rings[0][8][0] == 100.0 + 4.0 * RINGS[1]
    everyone = list(range(12))

    def overlaps(cands: list[list[Box]], chosen: list[int | None]) -> int:
        boxes = [cands[i][k] for i, k in enumerate(chosen) if k is not None]
        return sum(_overlap(a, b) > 0 for n, a in enumerate(boxes) for b in boxes[:n])

    assert overlaps(near, place_labels(near, markers, bounds, always=everyone)) > 0
    chosen = place_labels(rings, markers, bounds, always=everyone)
    assert None not in chosen and overlaps(rings, chosen) == 0
    assert any(k is not None and k >= 8 for k in chosen)  # some on an outer ring
    assert sum(k is not None and k < 8 for k in chosen) >= 2  # the first ring still first


def test_a_label_that_fits_nowhere_is_left_out_unless_it_must_be_named() -> None:
    candidates = [candidate_boxes(50.0, 50.0, 40.0, 10.0, 4.0)] * 2  # two on one spot
    bounds = candidates[0][0]  # room for one text, north-east of the spot
    markers = [_marker(50.0, 50.0)] * 2
    assert place_labels(candidates, markers, bounds) == [0, None]
    # a label that must be named (a route's end) is placed before the others
    assert place_labels(candidates, markers, bounds, always=[1]) == [None, 0]
    # two that must be: the second where it covers least, inside the map before all else
    assert place_labels(candidates, markers, bounds, always=[0, 1]) == [0, 0]


def test_ends_are_fitted_together_where_placing_one_by_one_would_not() -> None:
    bounds = (0.0, 0.0, 200.0, 200.0)
    shared, spare = (10.0, 10.0, 50.0, 20.0), (10.0, 30.0, 50.0, 40.0)
    far = [_marker(150.0, 150.0), _marker(160.0, 160.0)]
    # the first end's first choice is the second end's only one: the first moves over
    assert place_labels([[shared, spare], [shared]], far, bounds, always=[0, 1]) == [1, 0]
    # not an end: the first keeps its first choice, the second is left out
    assert place_labels([[shared, spare], [shared]], far, bounds, always=[0]) == [0, None]


def test_blocked_boxes_and_markers_push_a_text_round_its_point() -> None:
    boxes = candidate_boxes(50.0, 50.0, 40.0, 10.0, 4.0)
    bounds = (0.0, 0.0, 200.0, 200.0)
    assert place_labels([boxes], [_marker(50.0, 50.0)], bounds) == [0]
    # east would reach into the blocked north-east box too (it is centred on the point)
    assert place_labels([boxes], [_marker(50.0, 50.0)], bounds, blocked=[boxes[0]]) == [2]
    # another label's marker where this one's text would go first
    other = _marker(70.0, 58.0)
    assert place_labels([boxes, [(300.0, 300.0, 301.0, 301.0)]], [_marker(50.0, 50.0), other],
                        bounds) == [1, None]


def test_labels_keep_working_without_a_priority_and_ends_come_first() -> None:
    assert Label(1.0, 2.0, "Aktau").priority == PLACE
    assert END < PASSAGE < PLACE
    assert MAP_VIEWS == ("difference", "side-by-side")


# ------------------------------------------------------------------------ drawn maps

@pytest.fixture(scope="module")
def compiled(net: Network) -> CompiledNetwork:
    return compile_network(net)


@pytest.fixture(scope="module")
def example_plan(net: Network) -> Plan:
    return plan(net, read_shipments(BOOK, net))


@pytest.fixture(scope="module")
def china_ban(net: Network) -> WhatIf:
    scenario = find_scenario("china-transit-ban", net.vocabulary, net.sources.index)
    return whatif(net, read_shipments(BOOK, net), [[scenario]])


@pytest.fixture
def figures(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """The figures the maps draw, kept as they are saved."""
    kept: list[Any] = []
    save = maps._save

    def keep(fig: Any, suffix: str) -> str | bytes:
        kept.append(fig)
        return save(fig, suffix)

    monkeypatch.setattr(maps, "_save", keep)
    return kept


def _label_texts(ax: Any) -> list[Any]:
    """The names drawn on a map (not their white outlines, not the scale bar's length)."""
    from matplotlib.text import Annotation

    return [t for t in ax.texts if isinstance(t, Annotation) and not t.get_path_effects()
            and not t.get_text().endswith(" km")]


def _clashes(fig: Any, ends: Collection[str] = ()) -> tuple[int, list[tuple[str, str]]]:
    """How many names a figure draws, and the pairs (name, what it covers) where one
    covers another name, the map's edge or, but for ``ends`` (named wherever they cover
    least), another label's marker; as rendered."""
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    drawn, clashes = 0, []
    for ax in fig.axes:
        texts = _label_texts(ax)
        boxes = [tuple(t.get_window_extent(renderer).extents) for t in texts]
        markers = [(tuple(line.get_xydata()[0]), tuple(line.get_window_extent(renderer).extents))
                   for line in ax.lines if line.get_marker() not in ("None", "", None)]
        frame = tuple(ax.bbox.extents)
        drawn += len(texts)
        for i, (text, box) in enumerate(zip(texts, boxes)):
            name = text.get_text()
            if _overlap(box, frame) < (box[2] - box[0]) * (box[3] - box[1]) - 1.0:
                clashes.append((name, "the map's edge"))
            clashes += [(name, texts[j].get_text()) for j in range(i)
                        if _overlap(box, boxes[j]) > 1.0]  # px²: rounding, not a collision
            if name not in ends:
                clashes += [(name, f"a marker at {xy}") for xy, m in markers
                            if xy != tuple(text.xy) and _overlap(box, m) > 1.0]
    return drawn, clashes


def test_a_crowded_plan_map_names_its_ends_and_no_names_collide(
        example_plan: Plan, figures: list[Any]) -> None:
    assert plan_map(example_plan, ".png")[:8] == PNG
    (fig,) = figures
    net = example_plan.solution.problem.net
    ships = example_plan.shipments
    ends = {_short(net.node_name[net.node_index[n]])
            for n in [*ships["origin"].tolist(), *ships["destination"].tolist()]}
    drawn, clashes = _clashes(fig, ends)
    assert drawn >= 30, drawn  # crowded: ends, passages, ports and borders
    assert clashes == []
    assert ends <= {t.get_text() for t in _label_texts(fig.axes[0])}


def _short(name: str) -> str:
    return re.sub(r"\s*\([^()]*\)$", "", name)


def _svg_words(svg: str) -> str:
    return "\n".join(re.findall(r"<text[^>]*>([^<]*)</text>", svg))


def test_a_route_maps_ports_and_border_crossings_are_named(
        compiled: CompiledNetwork, figures: list[Any]) -> None:
    import matplotlib

    answer = find_routes(compiled, "kz-oskemen", "JPYOK")
    with matplotlib.rc_context({"svg.fonttype": "none"}):  # words as SVG text, to find
        words = _svg_words(str(route_map(answer, ".svg")))
    best = answer.routes[0]
    kinds = [compiled.node_kind[compiled.node_index[n]] for n in best.nodes]
    places = [_short(compiled.node_name[compiled.node_index[n]])
              for n, kind in zip(best.nodes, kinds) if kind in ("seaport", "border")]
    assert "border" in kinds and "seaport" in kinds
    assert all(place in words for place in places), (places, words)
    assert "Oskemen" in words and "Yokohama" in words
    assert _clashes(figures[0])[1] == []


def _arc_key(net: CompiledNetwork, arc: int) -> tuple[str, str, str]:
    return (net.leg_ids[int(net.arc_leg[arc])], net.node_ids[int(net.tail[arc])],
            net.node_ids[int(net.head[arc])])


def test_the_busiest_legs_name_their_ports_and_crossings(compiled: CompiledNetwork) -> None:
    import matplotlib

    net = compiled
    kind = net.node_kind
    crossing = next(a for a in range(net.n_arcs) if net.mode[a] == "border"
                    and kind[int(net.tail[a])] == kind[int(net.head[a])] == "border"
                    and _short(net.node_name[int(net.tail[a])])
                    != _short(net.node_name[int(net.head[a])]))
    port = next(a for a in range(net.n_arcs) if kind[int(net.head[a])] == "seaport"
                and kind[int(net.tail[a])] not in ("seaport", "border"))
    tail, head = (_short(net.node_name[int(n)]) for n in (net.tail[crossing],
                                                           net.head[crossing]))
    port_name = _short(net.node_name[int(net.head[port])])
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        loads = _svg_words(str(loads_map(net, {_arc_key(net, crossing): 500.0}, [],
                                         title="t", suffix=".svg")))
        changes = _svg_words(str(changes_map(net, {_arc_key(net, port): -300.0}, title="t",
                                             suffix=".svg")))
    assert f"{tail} / {head}" in loads  # one name for the two sides of a crossing
    assert port_name in changes


def test_empty_loads_and_changes_draw_a_plain_map_saying_so(
        compiled: CompiledNetwork) -> None:
    import matplotlib

    assert loads_map(compiled, {}, [], title="Nothing", suffix=".png")[:8] == PNG
    with matplotlib.rc_context({"svg.fonttype": "none"}):
        svg = str(changes_map(compiled, {}, title="Nothing", suffix=".svg"))
    assert "No leg's load changed" in _svg_words(svg)
    assert side_by_side_map(compiled, {}, {}, [], title="t", left_title="a",
                            right_title="b", suffix=".png")[:8] == PNG


def test_a_leg_not_in_the_network_is_refused(compiled: CompiledNetwork) -> None:
    with pytest.raises(ValueError, match="not in the network"):
        loads_map(compiled, {("no-such-leg", "a", "b"): 1.0}, [], title="t", suffix=".png")


def test_side_by_side_panels_share_frame_and_tonnes_scale(
        compiled: CompiledNetwork, figures: list[Any]) -> None:
    net = compiled
    rail = [a for a in range(net.n_arcs) if net.mode[a] == "rail"]
    a, b = _arc_key(net, rail[0]), _arc_key(net, rail[len(rail) // 2])
    out = side_by_side_map(net, {a: 100.0}, {a: 100.0, b: 400.0}, [a[1]], title="t",
                           left_title="before", right_title="after", suffix=".png")
    assert out[:8] == PNG
    left, right = figures[0].axes

    def drawn(ax: Any) -> list[tuple[float, str]]:
        return [(line.get_linewidth(), line.get_color()) for line in ax.lines
                if line.get_marker() in ("None", "", None) and line.get_zorder() == 5]

    assert (left.get_xlim(), left.get_ylim()) == (right.get_xlim(), right.get_ylim())
    # the 100 t leg is drawn alike in both, on the scale of the largest load (400 t)
    assert drawn(left) == drawn(right)[:1]
    assert drawn(left)[0][0] == pytest.approx(0.8 + 5.0 * 0.5)
    assert drawn(right)[1][0] == pytest.approx(5.8)
    assert drawn(left)[0][1] != drawn(right)[1][1]
    assert _clashes(figures[0])[1] == []


def test_a_whatif_map_in_either_view(china_ban: WhatIf, tmp_path: Path,
                                     figures: list[Any]) -> None:
    outcome, baseline = china_ban.outcomes[0], china_ban.baseline
    png = whatif_map(outcome, baseline, ".png", view="side-by-side")
    assert isinstance(png, bytes) and png[:8] == PNG
    net = baseline.solution.problem.net
    ships = baseline.shipments
    ends = {_short(net.node_name[net.node_index[n]])
            for n in [*ships["origin"].tolist(), *ships["destination"].tolist()]}
    drawn, clashes = _clashes(figures[0], ends)
    assert len(figures[0].axes) == 2 and drawn >= 40
    # half the width for each map: Kazakhstan's origins cannot all be named clear of each
    # other (they are named all the same), but no other name covers anything
    assert [c for c in clashes if not set(c) <= ends] == []
    path = tmp_path / "side.png"
    path.write_bytes(png)
    assert _pixels_near(path, "#eef3f7") > 100_000  # two maps' worth of sea
    svg = whatif_map(outcome, baseline, ".svg", view="side-by-side")
    assert svg == whatif_map(outcome, baseline, ".svg", view="side-by-side")
    assert svg != whatif_map(outcome, baseline, ".svg")  # the difference by default
    with pytest.raises(ValueError, match="difference, side-by-side"):
        whatif_map(outcome, baseline, ".png", view="both")


def test_a_place_outside_the_maps_frame_is_not_drawn(compiled: CompiledNetwork,
                                                       figures: list[Any]) -> None:
    asia = [Line([(60.0, 45.0), (80.0, 43.0)], "#000000", 2.0)]
    labels = [Label(60.0, 45.0, "In frame", priority=END),
              Label(-74.0, 40.7, "New York", priority=END)]
    assert maps.draw(compiled, asia, labels, title="t", suffix=".png")[:8] == PNG
    (ax,) = figures[0].axes
    assert [t.get_text() for t in _label_texts(ax)] == ["In frame"]
    assert sum(line.get_marker() not in ("None", "", None) for line in ax.lines) == 1

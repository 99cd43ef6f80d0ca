"""Maps (--map on route, plan and whatif): drawn offline, routes visible, lines split at the
map's edge, bad file names refused."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from conftest import REPO, run_cli

from corridor.reports.maps import Line, _centre_lon, _Projection, countries

BOOK = str(REPO / "examples" / "shipments.csv")


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
    assert out.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
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

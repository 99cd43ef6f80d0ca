"""The `corridor` command on the tiny network: in this process through `main(argv)`, and in a
process of its own where the exit status is the point."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli, run_cli_process
from tests_support import BROKEN, TINY

NET = ("--network", str(TINY))


def test_validate_ok_and_broken() -> None:
    """The clean network in this process; exit 1 of the installed command in a process of
    its own."""
    ok = run_cli("network", "validate", *NET)
    assert ok.returncode == 0, ok.stderr
    assert ok.stdout.startswith("ok: 9 nodes, 11 legs")
    bad = run_cli_process("network", "validate", *NET, "--legs",
                          str(BROKEN / "legs_three_defects.csv"))
    assert bad.returncode == 1
    lines = bad.stderr.strip().splitlines()
    assert len(lines) == 4 and lines[-1] == "3 problems found"
    assert all(line.startswith("error: ") and "legs_three_defects.csv line" in line
               for line in lines[:3])
    assert "Traceback" not in bad.stderr


def test_list_json_and_filters() -> None:
    out = run_cli("network", "list", *NET, "--json", "--country", "kz")
    assert out.returncode == 0, out.stderr
    records = json.loads(out.stdout)
    assert {r["id"] for r in records} == {"kz-a", "kz-b", "kz-port"}
    assert set(records[0]) >= {"id", "name", "country", "kind", "lat", "lon"}
    table = run_cli("network", "list", *NET, "--kind", "seaport")
    assert "Delta Port" in table.stdout and "Alpha" not in table.stdout


def test_show_resolves_alias_and_lists_legs() -> None:
    out = run_cli("network", "show", "ALPHA TOWN", *NET)
    assert out.returncode == 0, out.stderr
    assert "Alpha (kz-a)" in out.stdout and "l8" in out.stdout
    bad = run_cli("network", "show", "Alpah", *NET)
    assert bad.returncode == 2
    assert bad.stderr.strip() == ("error: command line, field NODE: unknown place 'Alpah'; "
                                  "did you mean Alpha (kz-a)?")


def test_export_geojson(tmp_path: Path) -> None:
    target = tmp_path / "net.geojson"
    out = run_cli("network", "export", "--geojson", str(target), *NET)
    assert out.returncode == 0, out.stderr
    doc = json.loads(target.read_text())
    assert doc["type"] == "FeatureCollection" and len(doc["features"]) == 11
    props = doc["features"][0]["properties"]
    assert set(props) >= {"id", "from", "to", "mode", "corridor", "distance_km",
                          "by_cargo_class", "capacity_tpy", "countries", "provenance"}
    assert set(props["by_cargo_class"]) == {"bulk", "container", "class7"}
    geom = doc["features"][9]["geometry"]  # l10 with waypoints, lon/lat order
    assert geom["type"] == "LineString" and geom["coordinates"][0] == [49.4, 40.0]
    assert len(geom["coordinates"]) == 5


def test_export_to_missing_folder_writes_nothing(tmp_path: Path) -> None:
    out = run_cli("network", "export", "--geojson", str(tmp_path / "no" / "x.geojson"), *NET)
    assert out.returncode == 2 and "folder does not exist" in out.stderr
    assert not (tmp_path / "no").exists()


def test_route_json_and_geojson(tmp_path: Path) -> None:
    target = tmp_path / "routes.geojson"
    out = run_cli("route", "alpha", "juliet", "--commodity", "ore", "--json", "--geojson",
                  str(target), *NET)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    best = doc["routes"][0]
    assert best["nodes"] == ["kz-a", "kz-b", "cn-c", "cn-port", "jp-dest"]
    assert best["cost_usd_per_t"] == 317.19
    assert set(best["cost_breakdown"]) == {"freight", "handling", "time", "risk",
                                           "dependency"}
    assert set(best) >= {"countries", "corridors", "distance_km", "transit_days"}
    assert doc["switches"][0]["parameter"] == "penalty:CN"
    geo = json.loads(target.read_text())
    assert len(geo["features"]) == len(doc["routes"]) == 3
    first = geo["features"][0]["geometry"]["coordinates"]
    assert first[0] == [70.0, 45.0] and first[-1] == [139.6, 35.4]


def test_route_table_shows_switch() -> None:
    out = run_cli("route", "Alpha", "Juliet", "--commodity", "ore", *NET)
    assert out.returncode == 0, out.stderr
    assert "What would change the choice" in out.stdout
    assert "a CN penalty above 32.5" in out.stdout


def test_route_bad_inputs_are_one_line_errors() -> None:
    cases = [
        (("route", "Alpha", "Juliett"), "did you mean Juliet"),
        (("route", "Alpha", "Juliet", "--tonnes", "-5"), "--tonnes: -5 must be > 0"),
        (("route", "Alpha", "Juliet", "--penalty", "CN40"), "is not KEY=USD"),
        (("route", "Alpha", "Juliet", "--avoid", "XX"),
         "'XX' names no country, passage, corridor"),
        (("route", "Alpha", "Juliet", "--commodity", "gold"), "unknown commodity 'gold'"),
    ]
    for args, text in cases:
        out = run_cli(*args, *NET)
        assert out.returncode == 2, (args, out.stderr)
        assert text in out.stderr and "Traceback" not in out.stderr
        assert len(out.stderr.strip().splitlines()) == 1


def test_route_blocked_exit_3() -> None:
    """Exit 3 of the installed command, in a process of its own."""
    out = run_cli_process("route", "Alpha", "Juliet", "--avoid", "CN,RU", "--avoid",
                          "trans_caspian", *NET)
    assert out.returncode == 3
    assert "no route from Alpha to Juliet that avoids CN, RU, trans_caspian" in out.stderr


def test_missing_network_file() -> None:
    out = run_cli("route", "Alpha", "Juliet", "--network", "/nonexistent")
    assert out.returncode == 2
    assert out.stderr == "error: /nonexistent: folder not found\n"


def test_schema_json_and_templates(tmp_path: Path) -> None:
    out = run_cli("network", "schema", "legs", "--json")
    spec = json.loads(out.stdout)["legs"]
    dist = next(c for c in spec if c["column"] == "distance_km")
    assert dist["unit"] == "km" and dist["required"] is False
    assert run_cli("network", "schema", "--template", str(tmp_path)).returncode == 0
    assert (tmp_path / "legs.csv").read_text().startswith("leg_id,from_id,to_id,mode,")
    assert run_cli("network", "schema", "roads").returncode == 2

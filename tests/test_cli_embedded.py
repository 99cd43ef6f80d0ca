"""The `corridor` command on the embedded network, through the real entry point."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import run_cli


def test_validate_embedded() -> None:
    out = run_cli("network", "validate")
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("ok: ") and "(embedded)" in out.stdout


def test_list_json_has_the_network() -> None:
    out = run_cli("network", "list", "--json")
    records = json.loads(out.stdout)
    assert len(records) >= 80
    assert all({"id", "name", "country", "kind", "lat", "lon"} <= set(r) for r in records)
    ports = json.loads(run_cli("network", "list", "--json", "--kind", "seaport",
                               "--country", "JP").stdout)
    assert {p["name"] for p in ports} >= {"Yokohama", "Kobe", "Nagoya"}


def test_show_baku_is_the_port_at_alat() -> None:
    out = run_cli("network", "show", "Baku", "--json")
    node = json.loads(out.stdout)
    assert node["kind"] == "seaport" and node["country"] == "AZ"
    assert "Alat" in node["aliases"] or "Alyat" in node["aliases"]
    assert any(leg["mode"] == "ferry" for leg in node["legs"])


def test_export_geojson_is_rfc7946(tmp_path: Path) -> None:
    target = tmp_path / "network.geojson"
    assert run_cli("network", "export", "--geojson", str(target)).returncode == 0
    doc = json.loads(target.read_text(encoding="utf-8"))
    assert len(doc["features"]) >= 150
    for feature in doc["features"]:
        geom = feature["geometry"]
        lines = [geom["coordinates"]] if geom["type"] == "LineString" else geom["coordinates"]
        for line in lines:
            assert len(line) >= 2
            for lon, lat in line:
                assert -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["provenance"]


def test_route_in_japanese_and_cyrillic() -> None:
    out = run_cli("route", "Усть-Каменогорск", "横浜", "--commodity", "beryllium", "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["routes"][0]["nodes"][0] == "kz-oskemen"
    assert doc["routes"][0]["nodes"][-1] == "JPYOK"
    assert len(doc["routes"]) == 4


def test_route_same_answer_twice() -> None:
    args = ("route", "Almaty", "Rotterdam", "--commodity", "rare_earth_oxide", "--json",
            "--penalty", "CN=40")
    assert run_cli(*args).stdout == run_cli(*args).stdout


def test_uranium_with_everything_avoided_names_the_restriction() -> None:
    out = run_cli("route", "Oskemen", "Rotterdam", "--commodity", "uranium_ore_concentrate",
                  "--avoid", "RU,AZ")
    assert out.returncode == 3
    assert "no route from Oskemen to Rotterdam" in out.stderr and "RU" in out.stderr


def test_show_aktau_names_the_shared_ferry_capacity() -> None:
    """The Caspian ferry crossings (three to Baku, Aktau–Turkmenbashi) share the fleet's
    4.5 Mt/yr [30a]: shown as shared, the group listed once; no 'nan' where a leg has no
    status year."""
    out = run_cli("network", "show", "Aktau")
    assert out.returncode == 0, out.stderr
    assert "4,500,000 shared" in out.stdout
    assert "capacity group caspian_rail_ferry_fleet: 4,500,000 t/yr shared by " \
           "kzaau-sea--azbak-sea, kzkur-sea--azbak-sea, tmkrw-sea--azbak-sea, " \
           "kzaau-sea--tmkrw-sea" in out.stdout  # in file order
    assert " nan" not in out.stdout
    legs = {leg["id"]: leg for leg in json.loads(
        run_cli("network", "show", "Aktau", "--json").stdout)["legs"]}
    # the ferries sail from Aktau's sea side, shown with the port
    assert legs["kzaau-sea--azbak-sea"]["capacity_group"] == "caspian_rail_ferry_fleet"
    assert legs["kzaau-sea--tmkrw-sea"]["capacity_group"] == "caspian_rail_ferry_fleet"
    assert legs["kz-aktau-rail--kzaau"]["capacity_group"] is None


def test_commands_set_the_loaded_network_aside_from_garbage_collection() -> None:
    """After `load`, the imported modules and the network are frozen (gc.freeze): a full
    collection no longer walks them, while garbage made later is still collected."""
    import subprocess
    import sys

    script = (
        "import gc\n"
        "from corridor.cli.common import load\n"
        "net = load(None, None, None)\n"
        "frozen = gc.get_freeze_count()\n"
        "class Cycle: pass\n"
        "a = Cycle(); a.me = a; del a\n"
        "print(frozen, gc.collect())\n"
    )
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120)
    frozen, collected = map(int, out.stdout.split())
    assert frozen > 10_000  # the modules and the network
    assert collected >= 1  # the cycle made afterwards


def test_output_piped_into_a_reader_that_stops_early_exits_quietly() -> None:
    """`corridor route ... | head -1`: exit 0, nothing on stderr, for table commands too."""
    import os
    import subprocess

    from conftest import corridor_exe

    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    for args in (["route", "Oskemen", "Yokohama"], ["plan", "examples/shipments.csv"]):
        proc = subprocess.Popen([*corridor_exe(), *args], stdout=subprocess.PIPE,
                                stderr=subprocess.PIPE, env=env,
                                cwd=Path(__file__).resolve().parent.parent)
        assert proc.stdout is not None and proc.stderr is not None
        proc.stdout.readline()
        proc.stdout.close()  # the reader goes away before the command has written it all
        err = proc.stderr.read()
        assert proc.wait(timeout=120) == 0, err
        assert err == b""

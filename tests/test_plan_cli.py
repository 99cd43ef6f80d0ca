"""`corridor plan` through its real entry point."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import run_cli
from tests_support import DATA, TINY, without_book

NET = ("--network", str(TINY))
HEADER = "shipment_id,origin,destination,commodity,tonnes,max_days\n"


def _book(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "book.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_plan_json_and_files(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1500000,\ns2,Alpha,Juliet,UOC,100,\n")
    out, legs, geo = tmp_path / "plan.csv", tmp_path / "legs.csv", tmp_path / "plan.geojson"
    res = run_cli("plan", str(book), *NET, "--json", "-o", str(out), "--legs", str(legs),
                  "--geojson", str(geo), "--max-share", "CN=70%")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert set(doc) >= {"shipments", "legs", "summary"}
    s = doc["summary"]
    assert s["unserved_tonnes"] == 0 and s["total_cost_usd"] > 0
    assert s["share_by_country"]["CN"] <= 0.7 + 1e-9 and s["share_by_country"]["KZ"] == 1.0
    assert s["max_share"] == {"CN": 0.7}
    lines = out.read_text().splitlines()
    assert lines[0].startswith(
        "shipment_id,status,route,origin,destination,commodity,service,tonnes")
    assert len(lines) == 1 + len(doc["shipments"])
    assert legs.read_text().startswith("leg_id,from_id,to_id,mode,corridor,load_t,capacity_group,"
                                       "capacity_t,"
                                       "utilisation,dual_usd_per_t")
    features = json.loads(geo.read_text())["features"]
    assert len(features) == len(doc["shipments"])
    assert features[0]["geometry"]["coordinates"][0] == [70.0, 45.0]


def test_plan_table_shows_binding_leg_and_unserved(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1500000,\ns2,Alpha,Juliet,ore,10,4\n")
    res = run_cli("plan", str(book), *NET, "--avoid", "RU,trans_caspian")
    assert res.returncode == 0, res.stderr
    assert "Binding capacities" in res.stdout and "l2" in res.stdout
    assert "Unserved" in res.stdout and "deadline: no route within 4 days" in res.stdout


def test_many_unserved_shipments_are_summarised_by_reason(tmp_path: Path) -> None:
    """Past 20 unserved shipments the terminal shows them by reason and the 10 largest, not
    thousands of lines; the files still have every one."""
    rows = "".join(f"d{i},Alpha,Juliet,ore,{100 + i},4\n" for i in range(30))  # too slow
    book = _book(tmp_path, rows + "ok,Alpha,Juliet,ore,10,\n")
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), *NET, "--avoid", "RU,trans_caspian", "-o", str(out))
    assert res.returncode == 0, res.stderr
    by_reason = res.stdout.split("Unserved by reason")[1].split("Largest")[0]
    assert "deadline: no route within 4 days │        30 │  3,435 │" in by_reason
    assert "Largest unserved shipments (10 of 30;" in res.stdout
    assert "d29 " in res.stdout and "d20 " in res.stdout and "d19 " not in res.stdout
    assert sum(1 for line in out.read_text().splitlines() if ",unserved," in line) == 30


def test_excel_file_plans_like_plain(tmp_path: Path) -> None:
    a = run_cli("plan", str(DATA / "shipments_excel_bom_crlf.csv"), *NET, "--json")
    b = run_cli("plan", str(DATA / "shipments_plain.csv"), *NET, "--json")
    assert a.returncode == 0, a.stderr
    assert without_book(a.stdout) == without_book(b.stdout)  # the same plan of other bytes


def test_bad_book_exit_2_nothing_written(tmp_path: Path) -> None:
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(DATA / "shipments_four_defects.csv"), *NET, "-o", str(out))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 5 and all(line.startswith("error: ") for line in lines)
    assert "line 3, field origin: unknown place 'Alpah'; did you mean Alpha" in lines[0]
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_bad_options_exit_2(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,10,\n")
    for args, text in ((("--max-share", "CN"), "is not KEY=FRACTION"),
                       (("--max-share", "XX=0.3"), "'XX' names no country, passage"),
                       (("--max-share", "CN=1.5"), "between 0 and 1"),
                       (("--horizon-days", "0"), "--horizon-days"),
                       (("--penalty", "ZZ=3"), "'ZZ' names no country, passage")):
        res = run_cli("plan", str(book), *NET, *args)
        assert res.returncode == 2, (args, res.stderr)
        assert text in res.stderr and "Traceback" not in res.stderr
    missing = run_cli("plan", str(tmp_path / "nope.csv"), *NET)
    assert missing.returncode == 2 and "file not found" in missing.stderr


def test_nothing_plannable_exit_3(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,10,\n")
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), *NET, "--avoid", "CN,RU,trans_caspian", "-o", str(out))
    assert res.returncode == 3
    assert "no legal path" in res.stderr and not out.exists()


def test_unsplittable_flag(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,700000,\ns2,Alpha,Juliet,ore,500000,\n")
    res = run_cli("plan", str(book), *NET, "--unsplittable", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["summary"]["mip_gap"] > 0
    assert len(doc["shipments"]) == 2


def test_example_book_on_embedded_network(tmp_path: Path) -> None:
    example = Path(__file__).resolve().parent.parent / "examples" / "shipments.csv"
    res = run_cli("plan", str(example), "--max-share", "CN=0.3", "--json")
    assert res.returncode == 0, res.stderr
    s = json.loads(res.stdout)["summary"]
    assert s["unserved_tonnes"] == 0 and s["share_by_country"].get("CN", 0) <= 0.3


def test_share_caps_table_shows_what_a_point_is_worth(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1000000,\n")
    res = run_cli("plan", str(book), *NET, "--max-share", "CN=0.2", "--max-share", "RU=0.5")
    assert res.returncode == 0, res.stderr
    rows = [" ".join(line.split()) for line in res.stdout.split("Share caps")[1].splitlines()]
    # China route 317.19 USD/t, Caspian 382.23: a point is 10,000 t moved, 650,411 USD
    assert "│ CN │ 20.0% │ 20.0% │ 65.04 │ 650,411 │" in rows
    assert "│ RU │ 50.0% │ 0.0% │ not binding │ 0 │" in rows


def test_binding_capacity_group_is_one_row(tmp_path: Path) -> None:
    """A user's network with a capacity group: the terminal names the group once, and the
    unserved reason names it too."""
    import csv

    rows = list(csv.DictReader((TINY / "legs.csv").open(encoding="utf-8")))
    for row in rows:
        row["capacity_group"] = "gate" if row["leg_id"] in ("l2", "l9") else ""
        if row["leg_id"] in ("l2", "l9"):
            row["capacity_tpy"] = "1000000"
    legs = tmp_path / "legs.csv"
    with legs.open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    book = tmp_path / "book.csv"
    book.write_text("shipment_id,origin,destination,commodity,tonnes,avoid\n"
                    "s1,Alpha,Juliet,ore,1500000,RU\n", encoding="utf-8")
    res = run_cli("plan", str(book), *NET, "--legs-file", str(legs))
    assert res.returncode == 0, res.stderr
    assert "capacity group shared by 2 legs" in res.stdout
    binding = [line for line in res.stdout.splitlines() if line.startswith("│ gate ")]
    assert len(binding) == 1 and "1,000,000" in binding[0]
    assert "capacity: gate" in res.stdout


def test_stage_clock_counts_seconds_while_a_stage_runs(monkeypatch: pytest.MonkeyPatch) -> None:
    """The spinner's text keeps counting during a long stage (the solver releases the GIL).
    The stage's clock is one the test moves, so a second passes without waiting for it."""
    import time
    import types

    import corridor.cli.plan_cmd as plan_cmd
    from corridor.cli.plan_cmd import StageClock

    now = [1000.0]
    monkeypatch.setattr(plan_cmd, "time", types.SimpleNamespace(perf_counter=lambda: now[0]))
    shown: list[str] = []
    clock = StageClock(shown.append, every_s=0.01)
    clock.say("unsplittable plan: SCIP over 60 routes (stops after 60 s)")
    time.sleep(0.1)  # the thread ticks, but under a second into the stage it adds nothing
    assert shown == ["unsplittable plan: SCIP over 60 routes (stops after 60 s)"]
    now[0] += 1.3
    waited = time.monotonic()
    while len(shown) < 2 and time.monotonic() - waited < 10:
        time.sleep(0.01)
    clock.stop()
    assert shown[-1] == "unsplittable plan: SCIP over 60 routes (stops after 60 s) · 1 s"
    n = len(shown)
    time.sleep(0.05)
    assert len(shown) == n  # stopped: nothing more is shown


def _table_rows(stdout: str, title: str) -> list[str]:
    """The body rows of the terminal table titled ``title``, whitespace squeezed."""
    body = stdout.split(title, 1)[1].split("└", 1)[0]
    return [" ".join(line.split()) for line in body.splitlines() if line.startswith("│")]


def test_routes_table_shows_each_route_of_a_split_shipment(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1000000,\ns2,Alpha,Juliet,UOC,100,\n")
    res = run_cli("plan", str(book), *NET, "--max-share", "CN=0.2")
    assert res.returncode == 0, res.stderr
    assert _table_rows(res.stdout, "\nRoutes") == [
        "│ s1 │ 1 │ 799,980 │ trans_caspian via AZ │ — │ 33.0 │ 382.23 │",
        "│ s1 │ 2 │ 200,020 │ china via CN │ — │ 10.0 │ 317.19 │",
        "│ s2 │ 1 │ 100 │ trans_caspian via AZ │ — │ 33.0 │ 1,098.29 │"]


def test_routes_table_of_a_big_book_shows_the_costliest(tmp_path: Path) -> None:
    book = _book(tmp_path, "".join(f"r{i},Alpha,Juliet,ore,{1000 + i},\n" for i in range(45)))
    res = run_cli("plan", str(book), *NET)
    assert res.returncode == 0, res.stderr
    assert "Costliest routes (20 of 45; all are in -o PLAN.csv and --json)" in res.stdout
    rows = _table_rows(res.stdout, "Costliest routes")
    assert [row.split()[1] for row in rows] == [f"r{i}" for i in range(44, 24, -1)]


def test_many_problems_end_with_a_count_by_field(tmp_path: Path) -> None:
    """Past 20 problems every one is still listed, then one line counts them by field."""
    rows = "".join(f"b{i},{'Alpah' if i % 3 == 0 else 'Alpha'},Juliet,ore,-{i + 1},\n"
                   for i in range(24))
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(_book(tmp_path, rows)), *NET, "-o", str(out))
    assert res.returncode == 2 and not out.exists()
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 24 + 8 + 1 and all(line.startswith("error: ") for line in lines[:-1])
    assert lines[-1] == f"32 problems in {tmp_path / 'book.csv'} (tonnes 24, origin 8); each " \
        "is listed above"


def test_csv_style_excel_semicolon_holds_the_plain_plan(tmp_path: Path) -> None:
    """--csv-style excel-semicolon: UTF-8 with BOM, ';' between cells, decimal commas,
    CRLF; read back as such, the same table as the plain file."""
    import pandas as pd

    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1000000.5,\ns2,Alpha,Juliet,UOC,100,\n")
    plain, excel = tmp_path / "plain.csv", tmp_path / "excel.csv"
    legs_plain, legs_excel = tmp_path / "legs_plain.csv", tmp_path / "legs_excel.csv"
    for out, legs, style in ((plain, legs_plain, "plain"), (excel, legs_excel,
                                                             "excel-semicolon")):
        res = run_cli("plan", str(book), *NET, "--max-share", "CN=0.2", "-o", str(out),
                      "--legs", str(legs), "--csv-style", style)
        assert res.returncode == 0, res.stderr
    raw = excel.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfshipment_id;status;route;") and b"\r\n" in raw
    assert b";1000000,5;" not in raw and b";799980," in raw  # the split's decimal comma
    for a, b in ((plain, excel), (legs_plain, legs_excel)):
        assert pd.read_csv(b, sep=";", decimal=",", encoding="utf-8-sig").equals(
            pd.read_csv(a))
    res = run_cli("plan", str(book), *NET, "--csv-style", "xls")
    assert res.returncode == 2
    assert res.stderr.strip() == "error: command line, field --csv-style: 'xls' is not one " \
        "of plain, excel, excel-semicolon"


def test_book_from_standard_input(tmp_path: Path) -> None:
    """`corridor plan -` reads the book from standard input (a script's pipe), as a file."""
    body = "s1,Alpha,Juliet,ore,1500,\ns2,Álpha Town,Juliet,UOC,100,\n"
    piped = run_cli("plan", "-", *NET, "--json", stdin="\ufeff" + HEADER + body)
    from_file = run_cli("plan", str(_book(tmp_path, body)), *NET, "--json")
    assert piped.returncode == 0, piped.stderr
    assert without_book(piped.stdout) == without_book(from_file.stdout)
    assert json.loads(piped.stdout)["made_with"]["book"]["path"] == "-"
    bad = run_cli("plan", "-", *NET, stdin=HEADER + "s1,Alpha,Juliet,ore,-5,\n")
    assert bad.returncode == 2
    assert bad.stderr.strip() == "error: stdin line 2, field tonnes: -5 must be > 0"


def test_summary_shows_the_horizon_and_its_capacity_scale(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1000,\n")
    quarter = run_cli("plan", str(book), *NET, "--horizon-days", "90")
    year = run_cli("plan", str(book), *NET)
    assert "│ horizon │ 90 days (capacities × 0.247) │" in " ".join(quarter.stdout.split())
    assert "│ horizon │ a year (365 days) │" in " ".join(year.stdout.split())


def test_a_kilogram_book_shows_its_tonnes(tmp_path: Path) -> None:
    book = _book(tmp_path, "kg,Alpha,Juliet,ore,0.001,\n")
    res = run_cli("plan", str(book), *NET)
    assert res.returncode == 0, res.stderr
    assert re.search(r"tonnes planned\s*│\s*0.001 of 0.001", res.stdout), res.stdout

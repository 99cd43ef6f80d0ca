"""`corridor scenarios`, `corridor whatif` and --scenario on route and plan, through the real
command."""

from __future__ import annotations

import io
import json
import tomllib
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, run_cli, run_cli_process
from tests_support import TINY

from corridor.network_data import load_network
from corridor.network_data.scenario import (
    library,
    library_names,
    library_text,
    parse_scenario,
)
from corridor.routing.whatif import COMPARISON_COLUMNS

BOOK = str(REPO / "examples" / "shipments.csv")
TINY_BOOK = ("shipment_id,origin,destination,commodity,tonnes,avoid\n"
             "a,Alpha,Juliet,ore,100,RU;AZ\nb,Alpha,Juliet,ore,10,\n")


@pytest.fixture(scope="module")
def whatif_doc() -> dict[str, object]:
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--json")
    assert res.returncode == 0, res.stderr
    doc: dict[str, object] = json.loads(res.stdout)
    return doc


@pytest.fixture(scope="module")
def plan_summary_keys() -> set[str]:
    res = run_cli("plan", BOOK, "--json")
    assert res.returncode == 0, res.stderr
    return set(json.loads(res.stdout)["summary"])


def _one_error_line(stderr: str) -> str:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error:") and "Traceback" not in stderr
    return lines[0]


# ------------------------------------------------------------------------ corridor scenarios

def test_scenarios_lists_the_library() -> None:
    res = run_cli("scenarios")
    assert res.returncode == 0, res.stderr
    for name in library_names():
        assert name in res.stdout
    lasts = {item["duration_days"] for item in library()}
    assert "horizon" in res.stdout or None not in lasts  # how long each lasts
    for days in lasts - {None}:
        assert f"{days:g} d" in res.stdout


def test_scenarios_json() -> None:
    res = run_cli("scenarios", "--json")
    assert res.returncode == 0, res.stderr
    items = json.loads(res.stdout)
    assert isinstance(items, list)
    assert [item["name"] for item in items] == library_names()
    for item in items:
        assert isinstance(item["description"], str) and item["description"].strip()
        assert item["changes"] >= 1
        text = tomllib.loads(library_text(item["name"]))
        assert item["description"] == text["description"]
        assert item["duration_days"] == text.get("duration_days")


@pytest.mark.parametrize("name", ["red-sea-closed", "caspian-storm-month",
                                  "middle-corridor-2030"])
def test_scenarios_show_prints_the_file(name: str, tmp_path: Path) -> None:
    res = run_cli("scenarios", "show", name)
    assert res.returncode == 0, res.stderr
    assert res.stdout == library_text(name)
    net = load_network()
    shown = parse_scenario(res.stdout, net.vocabulary, net.sources.index)
    assert shown.name == name and shown.changes
    # saved and edited, it is a scenario file of one's own
    path = tmp_path / "mine.toml"
    path.write_text(res.stdout.replace(f'name = "{name}"', 'name = "mine"'), encoding="utf-8")
    mine = run_cli("whatif", BOOK, "--scenario", str(path), "--json")
    assert mine.returncode == 0, mine.stderr
    assert json.loads(mine.stdout)["scenarios"][0]["name"] == "mine"


def test_scenarios_show_unknown_name() -> None:
    res = run_cli("scenarios", "show", "nosuch")
    assert res.returncode == 2 and res.stdout == ""
    assert "'nosuch'" in _one_error_line(res.stderr)
    near = run_cli("scenarios", "show", "bosporus-closd")
    assert near.returncode == 2
    assert "did you mean bosporus-closed?" in _one_error_line(near.stderr)


# --------------------------------------------------------------------------- corridor whatif

def test_whatif_text() -> None:
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban")
    assert res.returncode == 0, res.stderr
    out = res.stdout
    assert "Scenario china-transit-ban" in out
    assert "close CN" in out  # the change, as the scenario has it
    assert "keep their routes" in out and "of 30 shipments keep their routes" in out
    assert "Totals" in out and "shipments rerouted" in out
    assert "Share of planned tonnage" in out and "CN" in out


def test_whatif_json_document(whatif_doc: dict[str, object],
                              plan_summary_keys: set[str]) -> None:
    doc = whatif_doc
    assert list(doc) == ["status", "made_with", "baseline", "scenarios"]
    assert set(doc["baseline"]) == plan_summary_keys  # type: ignore[arg-type]
    scenarios = doc["scenarios"]
    assert isinstance(scenarios, list) and len(scenarios) == 1
    entry = scenarios[0]
    assert entry["name"] == "china-transit-ban"
    assert entry["status"] in ("optimal", "optimal_with_unserved")
    assert set(entry["summary"]) == plan_summary_keys | {"periods"}
    assert entry["summary"]["periods"] == [{"days": 365.0, "in_force": ["china-transit-ban"]}]
    assert "CN" not in entry["summary"]["share_by_country"]
    assert set(entry["deltas"]) >= {"total_cost_usd", "objective_usd", "unserved_tonnes",
                                    "shipments_rerouted", "shipments_stranded"}
    assert entry["deltas"]["objective_usd"] > 0
    assert len(entry["shipments"]) == 30
    assert all(list(row) == list(COMPARISON_COLUMNS) for row in entry["shipments"])
    assert entry["legs"] and {"leg_id", "baseline_load_t", "scenario_load_t", "delta_t"} <= \
        set(entry["legs"][0])
    assert any(r["kind"] == "country" and r["key"] == "CN" and r["scenario_share"] == 0
               for r in entry["shares"])
    assert entry["scenarios"][0]["name"] == "china-transit-ban"
    assert entry["scenarios"][0]["origin"] == "library"
    made = doc["made_with"]
    assert made["book"]["path"] == BOOK and made["network"]["label"] == "embedded"


def test_whatif_two_scenarios_and_a_joined_pair() -> None:
    res = run_cli("whatif", BOOK, "--scenario", "red-sea-closed", "--scenario",
                  "torkham-closed", "--json")
    assert res.returncode == 0, res.stderr
    names = [s["name"] for s in json.loads(res.stdout)["scenarios"]]
    assert names == ["red-sea-closed", "torkham-closed"]
    joined = run_cli("whatif", BOOK, "--scenario", "red-sea-closed+torkham-closed", "--json")
    assert joined.returncode == 0, joined.stderr
    (entry,) = json.loads(joined.stdout)["scenarios"]
    assert entry["name"] == "red-sea-closed + torkham-closed"
    assert [s["name"] for s in entry["scenarios"]] == ["red-sea-closed", "torkham-closed"]
    days = tomllib.loads(library_text("torkham-closed"))["duration_days"]
    assert tomllib.loads(library_text("red-sea-closed")).get("duration_days") is None
    assert entry["summary"]["periods"] == [
        {"days": days, "in_force": ["red-sea-closed", "torkham-closed"]},
        {"days": 365 - days, "in_force": ["red-sea-closed"]}]


def test_whatif_comparison_csv(tmp_path: Path) -> None:
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", BOOK, "--scenario", "red-sea-closed", "--scenario",
                  "russia-transit-ban", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert f"wrote {out}" in res.stderr
    frame = pd.read_csv(out)
    assert list(frame.columns) == ["scenario", *COMPARISON_COLUMNS]
    assert len(frame) == 2 * 30
    assert frame["scenario"].tolist() == ["red-sea-closed"] * 30 + ["russia-transit-ban"] * 30
    book = pd.read_csv(BOOK)
    assert frame["shipment_id"].tolist() == book["shipment_id"].tolist() * 2
    ru = frame[frame["scenario"] == "russia-transit-ban"]
    assert ru["route_changed"].any()
    assert (ru["delta_cost_usd"] - (ru["scenario_cost_usd"] - ru["baseline_cost_usd"])
            ).abs().max() < 0.02
    # the same comparison with --json: the same rows
    both = run_cli("whatif", BOOK, "--scenario", "red-sea-closed", "--scenario",
                   "russia-transit-ban", "--json", "-o", str(tmp_path / "again.csv"))
    assert both.returncode == 0, both.stderr
    assert (tmp_path / "again.csv").read_bytes() == out.read_bytes()
    rows = [r for s in json.loads(both.stdout)["scenarios"] for r in s["shipments"]]
    assert [r["shipment_id"] for r in rows] == frame["shipment_id"].tolist()


def test_whatif_stranding_on_the_tiny_network(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    scenario = tmp_path / "cut.toml"
    scenario.write_text('name = "cut"\ndescription = "the China border shut"\n\n'
                        '[[change]]\nclose = ["leg:l2"]\n', encoding="utf-8")
    res = run_cli("whatif", str(book), "--network", str(TINY), "--scenario", str(scenario),
                  "--json")
    assert res.returncode == 0, res.stderr
    (entry,) = json.loads(res.stdout)["scenarios"]
    rows = {r["shipment_id"]: r for r in entry["shipments"]}
    assert rows["a"]["stranded_t"] == 100 and rows["a"]["touched_legs"] == ["l2"]
    assert rows["a"]["stranded_usd"] == pytest.approx(
        100 * (10 * rows["a"]["baseline_usd_per_t"] + 1000), abs=100 * 10 * 0.005 + 0.01)
    assert rows["b"]["route_changed"] and rows["b"]["stranded_t"] == 0
    assert entry["deltas"]["shipments_stranded"] == 1
    assert entry["status"] == "optimal_with_unserved"
    text = run_cli("whatif", str(book), "--network", str(TINY), "--scenario", str(scenario))
    assert text.returncode == 0, text.stderr
    assert "0 of 2 shipments keep their routes" in text.stdout


# ------------------------------------------------------------------------------ bad input

def test_unknown_scenario_name(tmp_path: Path) -> None:
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", BOOK, "--scenario", "red-sea-closd", "-o", str(out))
    assert res.returncode == 2 and res.stdout == ""
    line = _one_error_line(res.stderr)
    assert "field --scenario" in line and "did you mean red-sea-closed?" in line
    assert not out.exists()


BAD_SCENARIO = """\
name = "three-problems"
description = "three problems, each on its line"

[[change]]
close = ["CNN"]

[[change]]
scale = ["passage:suez"]
capasity = 0.5

[[change]]
add_days = ["leg:l1"]
days = -1
"""


def test_a_scenario_file_with_three_problems(tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(BAD_SCENARIO, encoding="utf-8")
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", BOOK, "--scenario", str(path), "--scenario", "red-sea-closed",
                  "-o", str(out))
    assert res.returncode == 2 and res.stdout == ""
    lines = res.stderr.strip().splitlines()
    assert all(line.startswith(f"error: {path} line ") for line in lines), lines
    assert len(lines) >= 3
    assert f"{path} line 5, field close: 'CNN'" in lines[0]
    assert any(f"{path} line 9, field capasity" in line and "did you mean capacity" in line
               for line in lines)
    assert any(f"{path} line 13, field days" in line for line in lines)
    assert not out.exists()


def test_problems_of_several_scenarios_are_all_reported(tmp_path: Path) -> None:
    a = tmp_path / "a.toml"
    a.write_text('name = "a"\n\n[[change]]\nclose = ["CN"]\n', encoding="utf-8")
    res = run_cli("whatif", BOOK, "--scenario", str(a), "--scenario", "nosuch-scenario")
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2 and all(line.startswith("error: ") for line in lines)
    assert f"{a}, field description" in lines[0]
    assert "'nosuch-scenario'" in lines[1]


def test_scenarios_that_cannot_apply_are_all_reported_before_planning(tmp_path: Path
                                                                      ) -> None:
    b = tmp_path / "b.toml"
    b.write_text('name = "b"\ndescription = "d"\n\n[[change]]\n'
                 'open = ["leg:kz-shar--kz-semey"]\n', encoding="utf-8")
    c = tmp_path / "c.toml"
    c.write_text('name = "c"\ndescription = "d"\n\n[[change]]\nclose = ["RU"]\n\n'
                 '[[change]]\nscale = ["leg:kz-oskemen--kz-shar"]\ncapacity = 2\n',
                 encoding="utf-8")
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", BOOK, "--scenario", str(b), "--scenario", "red-sea-closed",
                  "--scenario", str(c), "-o", str(out))
    assert res.returncode == 2 and not out.exists()
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 2, lines
    assert lines[0].startswith(f"error: {b} line 4, field open: b: ")
    assert lines[1].startswith(f"error: {c} line 7, field scale: c: ")


@pytest.mark.parametrize(("args", "needle"), [
    (("{tmp}/missing.csv", "--scenario", "red-sea-closed"), "missing.csv"),
    ((BOOK, "--scenario", "red-sea-closed", "--horizon-days", "-5"), "--horizon-days"),
    ((BOOK, "--scenario", "red-sea-closed", "--horizon-days", "0"), "--horizon-days"),
    ((BOOK, "--scenario", "red-sea-closed", "--time-limit", "0"), "--time-limit"),
    ((BOOK, "--scenario", "red-sea-closed", "--max-share", "CN=2"), "--max-share"),
    ((BOOK, "--scenario", "red-sea-closed", "--avoid", "suezz"), "did you mean suez"),
    ((BOOK, "--scenario", "{tmp}/nofile.toml"), "nofile.toml"),
])
def test_bad_input_exits_2_writing_nothing(tmp_path: Path, args: tuple[str, ...],
                                           needle: str) -> None:
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", *(a.format(tmp=tmp_path) for a in args), "-o", str(out))
    assert res.returncode == 2, res.stderr
    assert needle in res.stderr and res.stderr.startswith("error:")
    assert "Traceback" not in res.stderr
    assert not out.exists() and res.stdout == ""


def test_whatif_needs_a_scenario() -> None:
    res = run_cli("whatif", BOOK)
    assert res.returncode == 2
    assert "--scenario" in res.stderr


CUT = 'name = "cut"\ndescription = "d"\n\n[[change]]\nclose = ["leg:l2"]\n'


def test_output_over_the_book_is_refused(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    scenario = tmp_path / "cut.toml"
    scenario.write_text(CUT, encoding="utf-8")
    before = book.read_bytes()
    res = run_cli("whatif", str(book), "--network", str(TINY), "--scenario", str(scenario),
                  "-o", str(book))
    assert res.returncode == 2
    assert "field -o: is an input of this run" in _one_error_line(res.stderr)
    assert book.read_bytes() == before


@pytest.mark.parametrize("command", ["whatif", "plan", "route"])
def test_output_over_a_scenario_file_is_refused(tmp_path: Path, command: str) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    scenario = tmp_path / "cut.toml"
    scenario.write_text(CUT, encoding="utf-8")
    where = ["Alpha", "Juliet"] if command == "route" else [str(book)]
    output = "--geojson" if command == "route" else "-o"
    res = run_cli(command, *where, "--network", str(TINY), "--scenario", str(scenario),
                  output, str(scenario))
    assert scenario.read_text(encoding="utf-8") == CUT
    assert res.returncode == 2
    assert "is an input of this run" in _one_error_line(res.stderr)


# --------------------------------------------------------- --scenario on route and plan

def test_route_under_a_scenario() -> None:
    base = run_cli("route", "Oskemen", "Yokohama", "--json", "--alternatives", "5")
    assert base.returncode == 0, base.stderr
    res = run_cli("route", "Oskemen", "Yokohama", "--scenario", "red-sea-closed", "--json",
                  "--alternatives", "5")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    (record,) = doc["made_with"]["scenarios"]
    assert record["name"] == "red-sea-closed" and record["origin"] == "library"
    assert json.loads(base.stdout)["made_with"]["scenarios"] == []
    routes = doc["routes"]
    assert routes
    text = json.dumps(routes)
    assert "bab_el_mandeb" not in text
    china = run_cli("route", "Oskemen", "Yokohama", "--scenario", "china-transit-ban",
                    "--json", "--alternatives", "5")
    assert china.returncode == 0, china.stderr
    for route in json.loads(china.stdout)["routes"]:
        assert "CN" not in route["countries"]
    shown = run_cli("route", "Oskemen", "Yokohama", "--scenario", "china-transit-ban")
    assert shown.returncode == 0 and "under scenario china-transit-ban" in shown.stdout


def test_route_under_a_scenario_lasting_part_of_the_horizon_says_so() -> None:
    res = run_cli("route", "Oskemen", "Rotterdam", "--scenario", "caspian-storm-month")
    assert res.returncode == 0, res.stderr
    assert "note: scenario caspian-storm-month lasts 30 days" in res.stderr


def test_route_with_an_unknown_scenario() -> None:
    res = run_cli("route", "Oskemen", "Yokohama", "--scenario", "red-sea-clsoed")
    assert res.returncode == 2
    assert "did you mean red-sea-closed?" in _one_error_line(res.stderr)


def test_plan_under_a_scenario() -> None:
    res = run_cli("plan", BOOK, "--scenario", "russia-transit-ban", "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert [s["name"] for s in doc["made_with"]["scenarios"]] == ["russia-transit-ban"]
    planned = [r for r in doc["shipments"] if r["status"] == "planned"]
    assert planned and all("RU" not in r["countries"] for r in planned)
    assert "RU" not in doc["summary"]["share_by_country"]
    base = run_cli("plan", BOOK, "--json")
    assert json.loads(base.stdout)["summary"]["share_by_country"]["RU"] > 0
    assert doc["summary"]["objective_usd"] >= json.loads(base.stdout)["summary"][
        "objective_usd"]
    text = run_cli("plan", BOOK, "--scenario", "russia-transit-ban")
    assert text.returncode == 0 and "russia-transit-ban" in text.stdout


def test_plan_with_two_scenarios_joined_and_repeated() -> None:
    joined = run_cli("plan", BOOK, "--scenario", "red-sea-closed+bosporus-closed", "--json")
    repeated = run_cli("plan", BOOK, "--scenario", "red-sea-closed", "--scenario",
                       "bosporus-closed", "--json")
    assert joined.returncode == 0 and repeated.returncode == 0, joined.stderr
    assert joined.stdout == repeated.stdout
    names = [s["name"] for s in json.loads(joined.stdout)["made_with"]["scenarios"]]
    assert names == ["red-sea-closed", "bosporus-closed"]


def test_rerun_refuses_a_scenario_beside_it(tmp_path: Path) -> None:
    first = run_cli("plan", BOOK, "--json")
    saved = tmp_path / "p.json"
    saved.write_text(first.stdout, encoding="utf-8")
    res = run_cli("plan", "--rerun", str(saved), "--scenario", "red-sea-closed")
    assert res.returncode == 2
    assert "--scenario" in _one_error_line(res.stderr)


def test_whatif_csv_is_read_back_whole(tmp_path: Path) -> None:
    out = tmp_path / "cmp.csv"
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "-o", str(out))
    assert res.returncode == 0, res.stderr
    frame = pd.read_csv(io.StringIO(out.read_text(encoding="utf-8")))
    touched = frame["touched_legs"].fillna("")
    assert (touched != "").any()
    assert all(part.strip() for cell in touched if cell for part in cell.split(";"))


def test_a_whatif_json_is_not_re_run_as_a_plan(tmp_path: Path) -> None:
    doc = tmp_path / "whatif.json"
    res = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--json")
    assert res.returncode == 0, res.stderr
    doc.write_text(res.stdout, encoding="utf-8")
    again = run_cli("plan", "--rerun", str(doc))
    assert again.returncode == 2
    assert again.stderr.strip().splitlines() == [
        f"error: {doc}: the JSON of a what-if (corridor whatif --json), not of a plan: run "
        "the what-if again instead"]


def test_whatif_reads_the_book_from_standard_input() -> None:
    piped = run_cli_process("whatif", "-", "--scenario", "china-transit-ban", "--json",
                            stdin=Path(BOOK).read_text(encoding="utf-8"))
    named = run_cli("whatif", BOOK, "--scenario", "china-transit-ban", "--json")
    assert piped.returncode == 0, piped.stderr
    assert json.loads(piped.stdout)["scenarios"] == json.loads(named.stdout)["scenarios"]

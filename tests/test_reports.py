"""corridor.reports: results carry their status and what they were made with, and a plan
can be made again from its JSON (``corridor plan --rerun``) only from the same files."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import REPO, run_cli
from tests_support import TINY

import corridor
from corridor import reports
from corridor.network_data.errors import InputError
from corridor.network_data.load import load_network
from corridor.network_data.model import Network
from corridor.network_data.shipments import read_shipments, shipments_from_records
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan
from corridor.routing.query import find_routes

NET = ("--network", str(TINY))
BOOK = ("shipment_id,origin,destination,commodity,tonnes,max_days\n"
        "s1,Alpha,Juliet,ore,1500000,\n"
        "s2,Alpha,Juliet,UOC,100,\n")


def _book(folder: Path, text: str = BOOK) -> Path:
    path = folder / "book.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _tiny_sha256(folder: Path = TINY) -> str:
    """The fingerprint of the tiny network's files, worked out here from its definition."""
    digest = hashlib.sha256()
    for name in ("nodes.csv", "legs.csv", "sources.csv", "commodities.csv"):
        digest.update(b"\0" + name.encode() + b"\0" + (folder / name).read_bytes())
    return digest.hexdigest()


# ----------------------------------------------------------------------------- status
def test_plan_status_says_what_the_solver_knows(tiny_net: Network, tmp_path: Path) -> None:
    book = read_shipments(_book(tmp_path), tiny_net)
    done = plan(tiny_net, book)
    assert done.status == "optimal"
    unserved = plan(tiny_net, book, params=CostParams(avoid=frozenset({"CN", "RU", "china"})),
                    max_share={"AZ": 0.5})
    assert unserved.summary["unserved_tonnes"] > 0
    assert unserved.status == "optimal_with_unserved"
    # an unsplittable solve that stopped at its time limit: SCIP's FEASIBLE, not OPTIMAL
    stopped = dataclasses.replace(done, stats=dataclasses.replace(done.stats,
                                                                  mip_optimal=False))
    assert stopped.status == "time_limit"
    assert dataclasses.replace(unserved, stats=stopped.stats).status == \
        "time_limit_with_unserved"
    assert json.loads(reports.plan_json(unserved))["status"] == "optimal_with_unserved"
    assert set(corridor.routing.plan.result.PLAN_STATUSES) == {
        "optimal", "optimal_with_unserved", "time_limit", "time_limit_with_unserved"}


def test_route_status_says_whether_every_alternative_asked_for_exists(tiny_net: Network
                                                                      ) -> None:
    one = find_routes(tiny_net, "Alpha", "Juliet", commodity="ore", alternatives=1)
    many = find_routes(tiny_net, "Alpha", "Juliet", commodity="ore", alternatives=9)
    assert (one.status, len(one.routes)) == ("optimal", 2)
    assert many.status == "optimal_fewer_alternatives" and len(many.routes) < 10
    assert reports.route_dict(many)["status"] == "optimal_fewer_alternatives"


# ----------------------------------------------------------------------------- made_with
def test_plan_json_records_what_it_was_made_with(tmp_path: Path) -> None:
    book = _book(tmp_path)
    res = run_cli("plan", str(book), *NET, "--json", "--max-share", "CN=70%", "--avoid",
                  "RU", "--penalty", "AZ=3", "--risk-weight", "0.5", "--horizon-days", "300",
                  "--time-limit", "20")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert list(doc)[:3] == ["status", "made_with", "summary"]
    assert doc["status"] == "optimal"
    assert doc["made_with"] == {
        "corridor": corridor.__version__,
        "network": {"label": str(TINY), "files": {"directory": str(TINY)},
                    "sha256": _tiny_sha256()},
        "scenarios": [],
        "book": {"path": str(book), "sha256": hashlib.sha256(book.read_bytes()).hexdigest()},
        "cost": {"risk_weight": 0.5, "carrying_rate": 0.08, "loss_share": None,
                 "penalties_usd_per_t": {"AZ": 3.0}},
        "avoid": ["RU"],
        "open_statuses": ["operational"],
        "max_share": {"CN": 0.7}, "horizon_days": 300.0, "service": "regular",
        "unsplittable": False,
        "time_limit_s": 20.0, "solvers": {"lp": "GLOP", "mip": "SCIP"}}


def test_route_json_records_what_it_was_made_with() -> None:
    res = run_cli("route", "Alpha", "Juliet", *NET, "--json", "--avoid", "trans_caspian",
                  "--alternatives", "1", "--open-planned")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert list(doc) == ["status", "made_with", "query", "routes", "switches"]
    made = doc["made_with"]
    assert made["network"]["sha256"] == _tiny_sha256() and made["alternatives"] == 1
    assert made["avoid"] == ["trans_caspian"]
    assert made["open_statuses"] == ["operational", "planned", "under_construction"]
    assert made["corridor"] == corridor.__version__
    assert made["service"] == doc["query"]["service"] == "regular"


def test_the_network_fingerprint_follows_the_bytes_not_the_folder(tmp_path: Path) -> None:
    copy = tmp_path / "net"
    shutil.copytree(TINY, copy)
    assert load_network(directory=copy).files.sha256 == _tiny_sha256()  # type: ignore[union-attr]
    legs = copy / "legs.csv"
    legs.write_text(legs.read_text(encoding="utf-8") + "\n", encoding="utf-8")  # a blank line
    changed = load_network(directory=copy)
    assert changed.files is not None and changed.files.sha256 == _tiny_sha256(copy)
    assert changed.files.sha256 != _tiny_sha256()
    assert changed.files.given == (("directory", str(copy)),)
    embedded = load_network()
    assert embedded.files is not None and embedded.files.given == ()


def test_inputs_made_in_memory_record_no_fingerprint(tiny_net: Network) -> None:
    """A network changed in Python is no longer its files; a book from records has none."""
    legs = tiny_net.legs.copy()
    changed = tiny_net.replace(legs=legs)
    assert changed.files is None and tiny_net.replace(label="x").files == tiny_net.files
    book = shipments_from_records([{"shipment_id": "a", "origin": "Alpha",
                                    "destination": "Juliet", "commodity": "ore",
                                    "tonnes": 5}], changed)
    made = reports.plan_made_with(plan(changed, book))
    assert made["network"] == {"label": str(TINY), "files": None, "sha256": None}
    assert made["book"] == {"path": None, "sha256": None}


# ----------------------------------------------------------------------------- rerun
def test_rerun_gives_the_same_json_and_files(tmp_path: Path) -> None:
    book = _book(tmp_path)
    first_csv, again_csv = tmp_path / "first.csv", tmp_path / "again.csv"
    first = run_cli("plan", str(book), *NET, "--json", "--max-share", "CN=0.5",
                    "--unsplittable", "--avoid", "ru,l11", "--penalty", "l3=2,Hotel=1",
                    "-o", str(first_csv))
    assert first.returncode == 0, first.stderr
    saved = tmp_path / "plan.json"
    saved.write_text(first.stdout, encoding="utf-8")
    again = run_cli("plan", "--rerun", str(saved), "--json", "-o", str(again_csv))
    assert again.returncode == 0, again.stderr
    # plan JSON has no timings (they stay in Plan.stats): the same bytes
    assert again.stdout == first.stdout
    assert again_csv.read_bytes() == first_csv.read_bytes()
    made = json.loads(again.stdout)["made_with"]
    assert made["unsplittable"] is True
    # selectors recorded by name resolve back to the same ones
    assert made["avoid"] == ["RU", "leg:l11"]
    assert made["cost"]["penalties_usd_per_t"] == {"leg:l3": 2.0, "node:kz-port": 1.0}
    table = run_cli("plan", "--rerun", str(saved))  # and the terminal tables
    assert table.returncode == 0 and "Plan" in table.stdout


def test_replan_from_python_equals_the_plan(tmp_path: Path) -> None:
    net = load_network(directory=TINY)
    result = plan(net, read_shipments(_book(tmp_path), net), max_share={"CN": 0.4},
                  lp_solver="CLP")
    saved = tmp_path / "plan.json"
    saved.write_text(reports.plan_json(result), encoding="utf-8")
    recipe = reports.read_recipe(saved)
    assert recipe.options.lp_solver == "CLP" and recipe.max_share == {"CN": 0.4}
    assert reports.plan_json(reports.replan(saved)) == saved.read_text(encoding="utf-8")


def test_rerun_of_a_book_from_standard_input(tmp_path: Path) -> None:
    first = run_cli("plan", "-", *NET, "--json", stdin=BOOK)
    assert first.returncode == 0, first.stderr
    saved = tmp_path / "plan.json"
    saved.write_text(first.stdout, encoding="utf-8")
    again = run_cli("plan", "--rerun", str(saved), "--json", stdin=BOOK)
    assert again.stdout == first.stdout
    other = run_cli("plan", "--rerun", str(saved), "--json", stdin=BOOK + "s3,Alpha,Juliet,"
                    "ore,5,\n")
    assert other.returncode == 2
    assert "the book on standard input has changed since the plan was made" in other.stderr


def _one_error(res: subprocess.CompletedProcess[str]) -> str:
    assert res.returncode == 2, res.stderr
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), lines
    return lines[0]


def test_rerun_refuses_a_changed_book_or_network(tmp_path: Path) -> None:
    network = tmp_path / "net"
    shutil.copytree(TINY, network)
    book = _book(tmp_path)
    first = run_cli("plan", str(book), "--network", str(network), "--json")
    saved = tmp_path / "plan.json"
    saved.write_text(first.stdout, encoding="utf-8")
    out = tmp_path / "again.csv"

    book.write_text(BOOK + "s3,Alpha,Juliet,ore,5,\n", encoding="utf-8")
    line = _one_error(run_cli("plan", "--rerun", str(saved), "-o", str(out)))
    assert re.fullmatch(rf"error: {re.escape(str(saved))}, field made_with\.book\.sha256: "
                        rf"{re.escape(str(book))} has changed since the plan was made "
                        r"\(sha256 [0-9a-f]{12}… then, [0-9a-f]{12}… now\); plan it anew "
                        r"instead of re-running", line), line
    book.write_text(BOOK, encoding="utf-8")  # the same bytes again: the same plan

    legs = network / "legs.csv"
    legs.write_text(legs.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    line = _one_error(run_cli("plan", "--rerun", str(saved), "-o", str(out)))
    assert f"field made_with.network.sha256: the network ({network}) has changed" in line
    assert not out.exists()

    legs.write_text(legs.read_text(encoding="utf-8")[:-1], encoding="utf-8")
    again = run_cli("plan", "--rerun", str(saved), "--json")
    assert again.returncode == 0 and again.stdout == first.stdout


def test_rerun_refuses_planning_options_and_what_is_not_a_plan(tmp_path: Path) -> None:
    first = run_cli("plan", str(_book(tmp_path)), *NET, "--json")
    saved = tmp_path / "plan.json"
    saved.write_text(first.stdout, encoding="utf-8")
    line = _one_error(run_cli("plan", "--rerun", str(saved), "--max-share", "CN=0.3",
                              "--network", str(TINY)))
    assert line == ("error: command line, field --rerun: plans with the book, network and "
                    "options PLAN.json records; --max-share, --network cannot be given "
                    "with it")
    assert "SHIPMENTS.csv cannot be given" in _one_error(
        run_cli("plan", str(tmp_path / "book.csv"), "--rerun", str(saved)))
    assert _one_error(run_cli("plan")) == ("error: command line, field SHIPMENTS.csv: give a "
                                           "shipment book (or --rerun PLAN.json)")
    assert "is an input of this run" in _one_error(
        run_cli("plan", "--rerun", str(saved), "-o", str(saved)))
    route = tmp_path / "route.json"
    route.write_text(run_cli("route", "Alpha", "Juliet", *NET, "--json").stdout,
                     encoding="utf-8")
    assert _one_error(run_cli("plan", "--rerun", str(route))) == \
        f"error: {route}, field made_with.book: missing: --rerun takes the JSON of a plan " \
        "(corridor plan --json), not of a route"
    assert "is not JSON" in _one_error(run_cli("plan", "--rerun", str(tmp_path / "book.csv")))
    doc = json.loads(first.stdout)
    doc["made_with"]["cost"]["risk_weight"] = "high"
    saved.write_text(json.dumps(doc), encoding="utf-8")
    assert _one_error(run_cli("plan", "--rerun", str(saved))) == \
        f"error: {saved}, field made_with.cost.risk_weight: \"high\" is not what a plan records"


def test_a_plan_made_in_memory_cannot_be_rerun(tiny_net: Network, tmp_path: Path) -> None:
    book = shipments_from_records([{"shipment_id": "a", "origin": "Alpha",
                                    "destination": "Juliet", "commodity": "ore",
                                    "tonnes": 5}], tiny_net)
    saved = tmp_path / "plan.json"
    saved.write_text(reports.plan_json(plan(tiny_net, book)), encoding="utf-8")
    with pytest.raises(InputError, match="the plan's book was not read from a file"):
        reports.read_recipe(saved)


# ----------------------------------------------------------------------------- the package
def test_reports_names_are_its_functions_not_its_modules() -> None:
    """A module named like a function would shadow it once imported (``from
    corridor.reports import plan_json`` giving the module): every public name stays what
    it says after every module is loaded."""
    import importlib
    import pkgutil
    import types

    for info in pkgutil.iter_modules(reports.__path__):
        importlib.import_module(f"corridor.reports.{info.name}")
        assert info.name not in reports.__all__, info.name
    for name in reports.__all__:
        assert not isinstance(getattr(reports, name), types.ModuleType), name
    assert corridor.reports.plan_json is reports.plan_json  # `import corridor` reaches it


def test_import_direction() -> None:
    """reports reads routing and network_data, never the command line; routing and
    network_data never import reports (a solver that formats files again would show
    here)."""
    package = REPO / "corridor"
    for folder, banned in (("routing", "corridor.reports"), ("network_data", "corridor.reports"),
                           ("reports", "corridor.cli")):
        pattern = re.compile(rf"^\s*(from|import) {re.escape(banned)}\b", re.MULTILINE)
        for source in (package / folder).rglob("*.py"):
            assert not pattern.search(source.read_text(encoding="utf-8")), (source, banned)
    script = ("import sys, corridor.routing.plan, corridor.routing.query, "
              "corridor.network_data.shipments\n"
              "print(any(m.startswith('corridor.reports') for m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                         check=True, timeout=120)
    assert out.stdout.strip() == "False"


def test_write_plan_files_writes_what_the_cli_writes(tmp_path: Path) -> None:
    book = _book(tmp_path)
    cli = run_cli("plan", str(book), *NET, "-o", str(tmp_path / "cli.csv"), "--legs",
                  str(tmp_path / "cli_legs.csv"), "--geojson", str(tmp_path / "cli.geojson"),
                  "--csv-style", "excel")
    assert cli.returncode == 0, cli.stderr
    net = load_network(directory=TINY)
    result = plan(net, read_shipments(book, net))
    with pytest.raises(ValueError, match="unknown CSV style 'xls'"):
        reports.write_plan_files(result, shipments=tmp_path / "py.csv", style="xls")
    assert not (tmp_path / "py.csv").exists()
    written = reports.write_plan_files(result, shipments=tmp_path / "py.csv",
                                       legs=str(tmp_path / "py_legs.csv"),
                                       geojson=tmp_path / "py.geojson", style="excel")
    assert [p.name for p in written] == ["py.csv", "py_legs.csv", "py.geojson"]
    for mine, theirs in (("py.csv", "cli.csv"), ("py_legs.csv", "cli_legs.csv"),
                         ("py.geojson", "cli.geojson")):
        assert (tmp_path / mine).read_bytes() == (tmp_path / theirs).read_bytes()

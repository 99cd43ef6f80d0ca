"""What-if runs: baseline against scenario plans, shipment by shipment (closing never makes
the plan cheaper, what a closure takes away is not used, only what used it changes,
stranding priced from the baseline, durations as weighted periods, determinism), and a plan
under a scenario (recorded in its JSON, re-run byte for byte, refused once the file
changed)."""

from __future__ import annotations

import hashlib
import json
import tomllib
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from conftest import REPO, run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.network_data.errors import InputError
from corridor.network_data.model import Network
from corridor.network_data.scenario import (
    Scenario,
    find_scenario,
    library_names,
    library_text,
    parse_scenario,
)
from corridor.network_data.shipments import ShipmentBook, read_shipments, shipments_from_records
from corridor.reports import plan_dict
from corridor.reports.whatif_report import (
    comparison_frame,
    outcome_status,
    whatif_dict,
    whatif_json,
)
from corridor.routing.plan import Plan, plan, priced_book
from corridor.routing.plan.verify import verify
from corridor.routing.whatif import COMPARISON_COLUMNS, WhatIf, periods_of, whatif

EXAMPLES = REPO / "examples" / "shipments.csv"
SETTINGS = settings(max_examples=8, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _scenario(net: Network, name: str, *changes: str, duration: float | None = None
              ) -> Scenario:
    body = "".join(f"\n[[change]]\n{c.strip()}\n" for c in changes)
    extra = "" if duration is None else f"duration_days = {duration}\n"
    return parse_scenario(f'name = "{name}"\ndescription = "test"\n{extra}{body}',
                          net.vocabulary, net.sources.index)


def _library(net: Network, name: str) -> Scenario:
    return find_scenario(name, net.vocabulary, net.sources.index)


def _worsening(s: Scenario) -> bool:
    """Does every change only take away (close, wait longer, cost more, carry less)?"""
    for c in s.changes:
        figures = dict(c.figures)
        if c.action == "scale":
            if figures.pop("capacity", 1.0) > 1.0 or any(v < 1.0 for v in figures.values()):
                return False
        elif c.action not in ("close", "add_days"):
            return False
    return True


def _opening(s: Scenario) -> bool:
    """Does every change only add (open, carry more, cost less)?"""
    for c in s.changes:
        figures = dict(c.figures)
        if c.action == "scale":
            if figures.pop("capacity", 1.0) < 1.0 or any(v > 1.0 for v in figures.values()):
                return False
        elif c.action != "open":
            return False
    return True


def _no_worse(after: float, before: float) -> bool:
    return after >= before - 1e-6 * max(1.0, abs(before))


def _scenario_plans(run: WhatIf) -> list[Plan]:
    return [p.plan for o in run.outcomes for p in o.periods if p.in_force]


def _planned(p: Plan) -> pd.DataFrame:
    return p.shipments[p.shipments["status"] == "planned"]


@pytest.fixture(scope="module")
def book(net: Network) -> ShipmentBook:
    return read_shipments(EXAMPLES, net)


@pytest.fixture(scope="module")
def small_book(net: Network) -> ShipmentBook:
    """The example book at 5 t a shipment: no capacity binds (every plan is shortest
    paths)."""
    rows = pd.read_csv(EXAMPLES, dtype=str, keep_default_na=False)
    rows["tonnes"] = "5"
    return shipments_from_records(rows.to_dict("records"), net)


@pytest.fixture(scope="module")
def library_run(net: Network, book: ShipmentBook) -> WhatIf:
    """Every library scenario against the example book, in one run."""
    return whatif(net, book, [[_library(net, name)] for name in library_names()])


# ------------------------------------------------------------------ the library, at large

def test_a_run_has_one_outcome_per_scenario_in_order(library_run: WhatIf) -> None:
    assert [o.name for o in library_run.outcomes] == library_names()
    for outcome in library_run.outcomes:
        assert list(outcome.shipments.columns) == list(COMPARISON_COLUMNS)
        assert len(outcome.shipments) == len(library_run.book)
        total = sum(p.days for p in outcome.periods)
        assert total == pytest.approx(365.0)
        assert sum(p.weight for p in outcome.periods) == pytest.approx(1.0)
        duration = outcome.scenarios[0].duration_days
        assert outcome.periods[0].in_force == (outcome.name,)
        assert outcome.periods[0].days == pytest.approx(duration or 365.0)
        assert outcome.summary["periods"] == [
            {"days": p.days, "in_force": list(p.in_force)} for p in outcome.periods]
        assert outcome_status(outcome) in ("optimal", "optimal_with_unserved")


def test_taking_away_never_lowers_the_total(library_run: WhatIf) -> None:
    base = library_run.baseline.summary["objective_usd"]
    checked = [o for o in library_run.outcomes if _worsening(o.scenarios[0])]
    assert len(checked) >= 8
    for outcome in checked:
        assert _no_worse(outcome.summary["objective_usd"], base), outcome.name
        assert outcome.deltas["objective_usd"] == pytest.approx(
            outcome.summary["objective_usd"] - base, abs=0.02)
    # and at least one of them costs something (the comparison is not vacuous)
    assert any(o.deltas["objective_usd"] > 1000 for o in checked)


def test_opening_never_raises_the_total(library_run: WhatIf) -> None:
    base = library_run.baseline.summary["objective_usd"]
    checked = [o for o in library_run.outcomes if _opening(o.scenarios[0])]
    assert {"trans-afghan-railway-open"} <= {o.name for o in checked}
    for outcome in checked:
        assert outcome.summary["objective_usd"] <= base + 1e-6 * abs(base), outcome.name


def test_china_closed_no_tonne_depends_on_china(library_run: WhatIf) -> None:
    outcome = next(o for o in library_run.outcomes if o.name == "china-transit-ban")
    assert "CN" in library_run.baseline.summary["share_by_country"]
    for period in outcome.periods:
        assert all("CN" not in c for c in _planned(period.plan)["countries"])
    assert "CN" not in outcome.summary["share_by_country"]
    shares = outcome.shares.set_index(["kind", "key"])
    assert shares.loc[("country", "CN"), "scenario_share"] == 0
    assert shares.loc[("country", "CN"), "baseline_share"] > 0
    # those that went through China had their route changed, or are stranded
    used = outcome.shipments[outcome.shipments["touched_legs"].map(len) > 0]
    assert len(used) and (used["route_changed"] | (used["stranded_t"] > 0)).all()


@pytest.mark.parametrize(("name", "passage"), [("bosporus-closed", "bosporus"),
                                               ("red-sea-closed", "bab_el_mandeb"),
                                               ("hormuz-closed", "hormuz")])
def test_a_closed_passage_carries_nothing(library_run: WhatIf, name: str,
                                          passage: str) -> None:
    outcome = next(o for o in library_run.outcomes if o.name == name)
    for period in outcome.periods:
        if period.in_force:
            assert all(passage not in p for p in _planned(period.plan)["passages"])
    assert passage not in outcome.summary["share_by_passage"]


def test_russia_closed_no_route_crosses_russia(library_run: WhatIf) -> None:
    outcome = next(o for o in library_run.outcomes if o.name == "russia-transit-ban")
    assert library_run.baseline.summary["share_by_country"].get("RU", 0) > 0
    for period in outcome.periods:
        assert all("RU" not in c for c in _planned(period.plan)["countries"])


def test_every_plan_of_a_run_verifies_again(library_run: WhatIf) -> None:
    verify(library_run.baseline.solution)
    plans = _scenario_plans(library_run)
    assert len(plans) >= len(library_names())
    for p in plans:
        verify(p.solution)
        assert p.solution.problem.book is library_run.book or \
            p.solution.problem.book.shipment_id.tolist() == library_run.book.shipment_id.tolist()
        assert np.array_equal(p.solution.problem.book.unserved_usd_per_t,
                              library_run.book.unserved_usd_per_t)


def test_the_run_is_deterministic(net: Network, book: ShipmentBook) -> None:
    runs = [[_library(net, "caspian-storm-month")],
            [_library(net, "red-sea-closed"), _library(net, "torkham-closed")]]
    first, second = whatif(net, book, runs), whatif(net, book, runs)
    assert whatif_json(first) == whatif_json(second)
    doc = json.loads(whatif_json(first))
    assert [s["name"] for s in doc["scenarios"]] == ["caspian-storm-month",
                                                     "red-sea-closed + torkham-closed"]
    pd.testing.assert_frame_equal(comparison_frame(first), comparison_frame(second))


# ----------------------------------------------------------------- random closures

def _closable(net: Network, base: Plan) -> list[str]:
    v = net.vocabulary
    used = base.shipments["legs"].explode().dropna().unique().tolist()
    nodes = base.shipments["nodes"].explode().dropna().unique().tolist()
    return sorted({*v.countries, *(f"passage:{p}" for p in v.passages),
                   *(f"corridor:{c}" for c in v.corridors), *(f"leg:{leg}" for leg in used),
                   *(f"node:{n}" for n in nodes)})


@pytest.fixture(scope="module")
def example_base(net: Network, book: ShipmentBook) -> Plan:
    return plan(net, book)


@SETTINGS
@given(data=st.data())
def test_random_closures_never_lower_the_total_and_are_obeyed(
        net: Network, book: ShipmentBook, example_base: Plan, data: st.DataObject) -> None:
    words = _closable(net, example_base)
    picks = [data.draw(st.lists(st.sampled_from(words), min_size=1, max_size=3, unique=True))
             for _ in range(3)]
    runs = [[_scenario(net, f"c{i}", f"close = {json.dumps(p)}")] for i, p in enumerate(picks)]
    run = whatif(net, book, runs)
    base = run.baseline.summary
    assert base["objective_usd"] == pytest.approx(example_base.summary["objective_usd"],
                                                  abs=0.01)
    for outcome, pick in zip(run.outcomes, picks):
        assert _no_worse(outcome.summary["objective_usd"], base["objective_usd"]), pick
        planned = _planned(outcome.periods[0].plan)
        for word in pick:
            kind, _, name = word.partition(":") if ":" in word else ("country", "", word)
            column = {"country": "countries", "passage": "passages", "corridor": "corridors",
                      "leg": "legs", "node": "nodes"}[kind]
            assert all(name not in cell for cell in planned[column]), (word, pick)


@SETTINGS
@given(data=st.data())
def test_random_openings_never_raise_the_total(net: Network, book: ShipmentBook,
                                               example_base: Plan, data: st.DataObject
                                               ) -> None:
    legs = net.legs
    future = sorted(legs.index[legs["status"].isin(["planned", "under_construction"])])
    pick = data.draw(st.lists(st.sampled_from(future), min_size=1, max_size=5, unique=True))
    opened = _scenario(net, "o", f"open = {json.dumps([f'leg:{x}' for x in pick])}")
    run = whatif(net, book, [[opened]])
    after = run.outcomes[0].summary["objective_usd"]
    before = run.baseline.summary["objective_usd"]
    assert after <= before + 1e-6 * abs(before)


# ----------------------------------------------------- only what used it changes

def _assert_untouched_keep_their_routes(run: WhatIf) -> None:
    for outcome in run.outcomes:
        ships = outcome.shipments
        kept = ships[ships["touched_legs"].map(len) == 0]
        assert not kept["route_changed"].any(), kept[kept["route_changed"]]
        assert (kept["delta_usd_per_t"] == 0).all()
        assert (kept["delta_days"] == 0).all() and (kept["stranded_t"] == 0).all()
        assert (kept["baseline_route"] == kept["scenario_route"]).all()
        # a closure: what used a closed leg moved or is stranded
        if all(c.action == "close" for s in outcome.scenarios for c in s.changes):
            hit = ships[ships["touched_legs"].map(len) > 0]
            assert (hit["route_changed"] | (hit["stranded_t"] > 0)).all()


def _no_binding(p: Plan) -> bool:
    s = p.summary
    return s["binding_legs"] == [] and s["binding_caps"] == [] and \
        s["method"] == "shortest_paths"


def test_a_closure_changes_only_what_used_it(net: Network, small_book: ShipmentBook) -> None:
    runs = [[_library(net, name)] for name in ("china-transit-ban", "red-sea-closed",
                                               "bosporus-closed", "torkham-closed")]
    run = whatif(net, small_book, runs)
    assert _no_binding(run.baseline)
    assert all(_no_binding(p) for p in _scenario_plans(run))
    _assert_untouched_keep_their_routes(run)
    china = run.outcomes[0].shipments
    assert 0 < (china["touched_legs"].map(len) > 0).sum() < len(china)
    assert china["route_changed"].sum() == run.outcomes[0].deltas["shipments_rerouted"] > 0


@SETTINGS
@given(data=st.data())
def test_a_random_single_leg_closure_changes_only_what_used_it(
        net: Network, small_book: ShipmentBook, data: st.DataObject) -> None:
    base = plan(net, small_book)
    used = sorted(base.shipments["legs"].explode().dropna().unique())
    leg = data.draw(st.sampled_from(used))
    run = whatif(net, small_book, [[_scenario(net, "one", f'close = ["leg:{leg}"]')]])
    assert _no_binding(run.baseline) and all(_no_binding(p) for p in _scenario_plans(run))
    _assert_untouched_keep_their_routes(run)
    ships = run.outcomes[0].shipments
    hit = ships[ships["touched_legs"].map(len) > 0]
    assert len(hit) and all(t == (leg,) for t in hit["touched_legs"])


# -------------------------------------------------------------------- stranding's price

STRAND_ROWS = [
    {"shipment_id": "only-china", "origin": "Alpha", "destination": "Juliet",
     "commodity": "ore", "tonnes": 100, "avoid": "RU;AZ"},
    {"shipment_id": "own-price", "origin": "Alpha", "destination": "Juliet",
     "commodity": "ore", "tonnes": 50, "avoid": "RU;AZ", "unserved_usd_per_t": 777},
    {"shipment_id": "free", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
     "tonnes": 10},
]


def test_stranded_tonnes_are_priced_from_the_baseline(tiny_net: Network) -> None:
    book = shipments_from_records(STRAND_ROWS, tiny_net)
    run = whatif(tiny_net, book, [[_scenario(tiny_net, "cut", 'close = ["leg:l2"]')]])
    base = run.baseline
    cost = base.shipments.set_index("shipment_id")
    assert (cost["status"] == "planned").all()
    cheapest = float(cost.loc["only-china", "cost_usd"]) / 100
    price = dict(zip(run.book.shipment_id.tolist(), run.book.unserved_usd_per_t.tolist()))
    assert price["only-china"] == pytest.approx(10 * cheapest + 1000, abs=1e-3)
    assert price["own-price"] == 777
    ships = run.outcomes[0].shipments.set_index("shipment_id")
    assert ships.loc["only-china", "stranded_t"] == 100
    assert ships.loc["only-china", "stranded_usd"] == pytest.approx(100 * price["only-china"],
                                                                    abs=0.01)
    assert ships.loc["own-price", "stranded_usd"] == pytest.approx(50 * 777, abs=0.01)
    assert ships.loc["free", "stranded_t"] == 0 and ships.loc["free", "route_changed"]
    assert ships.loc["free", "delta_usd_per_t"] > 0
    assert ships.loc["only-china", "reason"] != ""
    summary = run.outcomes[0].summary
    assert summary["unserved_tonnes"] == 150
    assert summary["unserved_penalty_usd"] == pytest.approx(
        100 * price["only-china"] + 50 * 777, abs=0.02)
    assert summary["objective_usd"] >= base.summary["objective_usd"]
    assert run.outcomes[0].deltas["shipments_stranded"] == 2
    # the price is the baseline's, not what is left of the network: planning under the
    # closure alone would price the stranded shipment on no route at all
    assert priced_book(tiny_net, book).unserved_usd_per_t.tolist() == \
        run.book.unserved_usd_per_t.tolist()


def test_plan_under_a_scenario_prices_stranding_on_the_baseline(tiny_net: Network) -> None:
    book = shipments_from_records(STRAND_ROWS, tiny_net)
    cut = _scenario(tiny_net, "cut", 'close = ["leg:l2"]')
    under = plan(tiny_net, book, scenarios=[cut])
    run = whatif(tiny_net, book, [[cut]])
    assert under.summary == run.outcomes[0].periods[0].plan.summary
    assert under.summary["objective_usd"] >= run.baseline.summary["objective_usd"]
    made = plan_dict(under)["made_with"]
    assert made["scenarios"] == [{"name": "cut", "origin": "memory", "sha256": cut.sha256,
                                  "duration_days": None}]
    assert plan_dict(plan(tiny_net, book))["made_with"]["scenarios"] == []


# ------------------------------------------------------------------------------ durations

def test_a_scenario_lasting_part_of_the_horizon_is_weighed_by_its_days(
        net: Network, book: ShipmentBook) -> None:
    shut = 'close = ["CN", "node:kz-oskemen"]'  # strands the Oskemen shipments
    full = _scenario(net, "cn-full", shut)
    part = _scenario(net, "cn-part", shut, duration=73)
    run = whatif(net, book, [[full], [part]])
    base = run.baseline.summary["objective_usd"]
    whole, weighed = run.outcomes
    assert whole.summary["objective_usd"] > base
    expect = 0.8 * base + 0.2 * whole.summary["objective_usd"]
    assert weighed.summary["objective_usd"] == pytest.approx(expect, abs=0.02 * len(book))
    assert weighed.summary["periods"] == [{"days": 73.0, "in_force": ["cn-part"]},
                                          {"days": 292.0, "in_force": []}]
    assert weighed.periods[1].plan is run.baseline
    for key in ("total_cost_usd", "unserved_tonnes", "tonne_km"):
        assert weighed.summary[key] == pytest.approx(
            0.8 * run.baseline.summary[key] + 0.2 * whole.summary[key], abs=0.1)
    # per shipment: a fifth of what the whole-horizon closure strands
    a = whole.shipments.set_index("shipment_id")
    b = weighed.shipments.set_index("shipment_id")
    assert np.allclose(b["stranded_t"], 0.2 * a["stranded_t"], atol=2e-3)
    oskemen = a.index[a["origin"] == "kz-oskemen"]
    assert len(oskemen) and (a.loc[oskemen, "stranded_t"] == a.loc[oskemen, "tonnes"]).all()
    assert np.allclose(b.loc[oskemen, "stranded_usd"], 0.2 * a.loc[oskemen, "stranded_usd"],
                       atol=0.02)
    # their route, for the 292 days they move, is the baseline's
    assert (b.loc[oskemen, "scenario_route"] == b.loc[oskemen, "baseline_route"]).all()
    assert np.allclose(b["delta_cost_usd"].sum(), 0.2 * a["delta_cost_usd"].sum(), atol=1.0)
    # CN still carries some tonnage, in the 292 days without the ban
    assert 0 < weighed.summary["share_by_country"]["CN"] < \
        run.baseline.summary["share_by_country"]["CN"]


def _timed(name: str, days: float | None) -> Scenario:
    return Scenario(name=name, description="d", changes=(), duration_days=days)


def test_periods_of_composed_scenarios_nest_from_day_zero() -> None:
    a, b, c = _timed("a", 30), _timed("b", 90), _timed("c", None)
    assert periods_of([a, b, c], 365) == [(30, (0, 1, 2)), (60, (1, 2)), (275, (2,))]
    assert periods_of([b, a], 365) == [(30, (0, 1)), (60, (0,)), (275, ())]
    assert periods_of([c], 365) == [(365, (0,))]
    assert periods_of([a], 365) == [(30, (0,)), (335, ())]
    assert periods_of([a, _timed("a2", 30)], 100) == [(30, (0, 1)), (70, ())]
    # a scenario longer than the horizon lasts the horizon
    assert periods_of([_timed("long", 500), a], 365) == [(30, (0, 1)), (335, (0,))]
    assert periods_of([_timed("h", 365)], 365) == [(365, (0,))]
    for scenarios in ([a, b, c], [b, a], [a]):
        assert sum(d for d, _ in periods_of(scenarios, 365)) == 365


def test_composed_scenarios_with_different_durations(net: Network, book: ShipmentBook
                                                     ) -> None:
    short = _scenario(net, "short", 'close = ["passage:bab_el_mandeb"]', duration=30)
    long = _scenario(net, "long", 'close = ["passage:bosporus"]', duration=100)
    run = whatif(net, book, [[short, long], [short], [long]])
    both, only_short, only_long = run.outcomes
    assert both.name == "short + long"
    assert [p.in_force for p in both.periods] == [("short", "long"), ("long",), ()]
    assert [p.days for p in both.periods] == [30, 70, 265]
    # the 70 days of "long" alone are the plan of the run that has "long" only
    assert both.periods[1].plan is only_long.periods[0].plan
    assert both.periods[2].plan is run.baseline
    base = run.baseline.summary["objective_usd"]
    for outcome in run.outcomes:
        assert _no_worse(outcome.summary["objective_usd"], base)
    assert _no_worse(both.summary["objective_usd"], only_long.summary["objective_usd"])
    assert _no_worse(both.summary["objective_usd"], only_short.summary["objective_usd"])


def test_a_scenario_that_cannot_apply_stops_the_run_before_planning(
        net: Network, book: ShipmentBook, tmp_path: Path) -> None:
    path = tmp_path / "bad.toml"
    path.write_text('name = "bad"\ndescription = "d"\n\n[[change]]\n'
                    'open = ["leg:kz-oskemen--kz-shar"]\n', encoding="utf-8")
    bad = find_scenario(str(path), net.vocabulary, net.sources.index)
    also = _scenario(net, "nocap", 'scale = ["leg:kz-oskemen--kz-shar"]\ncapacity = 2')
    seen: list[str] = []
    with pytest.raises(InputError) as info:
        whatif(net, book, [[_library(net, "red-sea-closed")], [bad], [also]],
               progress=seen.append)
    assert [(p.source, p.row) for p in info.value.problems] == [(str(path), 4),
                                                                ("memory", 4)]
    assert not any("under" in m for m in seen)


# ------------------------------------------------------------- the report of a run

def test_the_json_document(net: Network, book: ShipmentBook, example_base: Plan) -> None:
    run = whatif(net, book, [[_library(net, "red-sea-closed")]])
    doc = whatif_dict(run)
    assert list(doc) == ["status", "made_with", "baseline", "scenarios"]
    assert doc["status"] == "optimal"
    assert "scenarios" not in doc["made_with"]
    assert doc["baseline"] == example_base.summary
    (entry,) = doc["scenarios"]
    assert set(entry) >= {"name", "status", "scenarios", "summary", "deltas", "shipments",
                          "legs", "shares"}
    assert set(entry["summary"]) == set(example_base.summary) | {"periods"}
    assert [set(row) for row in entry["shipments"]] == [set(COMPARISON_COLUMNS)] * len(book)
    assert entry["scenarios"][0]["sha256"] == _library(net, "red-sea-closed").sha256
    assert json.loads(whatif_json(run)) == json.loads(json.dumps(doc, default=list))


# ----------------------------------------------------- a plan under a scenario, re-run

def test_plan_under_a_scenario_is_the_whatifs_plan(net: Network, book: ShipmentBook) -> None:
    scenario = _library(net, "red-sea-closed")
    under = plan(net, book, scenarios=[scenario])
    run = whatif(net, book, [[scenario]])
    assert under.summary["objective_usd"] == run.outcomes[0].summary["objective_usd"]
    assert {k: v for k, v in run.outcomes[0].summary.items() if k != "periods"} == \
        under.summary
    made = plan_dict(under)["made_with"]
    assert made["scenarios"] == [{"name": "red-sea-closed", "origin": "library",
                                  "sha256": scenario.sha256, "duration_days": None}]


def test_plan_with_a_scenario_reruns_byte_for_byte(tmp_path: Path) -> None:
    first = run_cli("plan", str(EXAMPLES), "--scenario", "red-sea-closed", "--json")
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    (record,) = doc["made_with"]["scenarios"]
    assert record["name"] == "red-sea-closed" and record["origin"] == "library"
    assert record["sha256"] == hashlib.sha256(
        library_text("red-sea-closed").encode()).hexdigest()
    assert all("bab_el_mandeb" not in row["passages"] for row in doc["shipments"]
               if row["status"] == "planned")
    saved = tmp_path / "p.json"
    saved.write_text(first.stdout, encoding="utf-8")
    again = run_cli("plan", "--rerun", str(saved), "--json")
    assert again.returncode == 0, again.stderr
    assert again.stdout == first.stdout


def test_rerun_refuses_once_the_scenario_file_changed(tmp_path: Path) -> None:
    scenario = tmp_path / "mine.toml"
    scenario.write_text(library_text("torkham-closed").replace(
        'name = "torkham-closed"', 'name = "mine"'), encoding="utf-8")
    first = run_cli("plan", str(EXAMPLES), "--scenario", str(scenario), "--json")
    assert first.returncode == 0, first.stderr
    doc = json.loads(first.stdout)
    assert doc["made_with"]["scenarios"][0]["origin"] == str(scenario)
    assert doc["made_with"]["scenarios"][0]["duration_days"] == tomllib.loads(
        library_text("torkham-closed"))["duration_days"]
    saved = tmp_path / "p.json"
    saved.write_text(first.stdout, encoding="utf-8")
    unchanged = run_cli("plan", "--rerun", str(saved), "--json")
    assert unchanged.returncode == 0 and unchanged.stdout == first.stdout, unchanged.stderr
    scenario.write_text(scenario.read_text(encoding="utf-8") + "\n# edited\n",
                        encoding="utf-8")
    out = tmp_path / "plan.csv"
    refused = run_cli("plan", "--rerun", str(saved), "--json", "-o", str(out))
    assert refused.returncode == 2
    lines = refused.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ")
    assert "made_with.scenarios.0.sha256" in lines[0] and "mine" in lines[0]
    assert refused.stdout == "" and not out.exists()
    scenario.unlink()
    gone = run_cli("plan", "--rerun", str(saved))
    assert gone.returncode == 2 and "mine.toml" in gone.stderr


def test_a_plan_of_a_scenario_network_prices_stranding_before_the_scenario(
        net: Network, book: ShipmentBook) -> None:
    """plan() of a network apply_scenarios made prices unserved tonnes on the network the
    scenario was applied to, as plan(..., scenarios=...) and a re-run of its JSON do."""
    from corridor.routing.scenarios import apply_scenarios

    closed = _library(net, "bosporus-closed")
    direct = plan(apply_scenarios(net, [closed]), book)
    given = plan(net, book, scenarios=[closed])
    assert direct.summary["unserved_tonnes"] > 0  # the uranium via Poti has no way out
    assert direct.summary["objective_usd"] == given.summary["objective_usd"]
    assert plan_dict(direct)["made_with"] == plan_dict(given)["made_with"]

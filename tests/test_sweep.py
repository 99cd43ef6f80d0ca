"""Criticality sweeps (corridor.routing.sweep), library level: each closure's row equals a
plan made from scratch with the closure avoided (to the cent; single closures, the "none"
shortcut, warm starts, pairs settled by pruning), Monte-Carlo draws (deterministic per draw,
operational legs only, frequencies near the legs' disruption probabilities) and their
summary, the results file (resume, refusals, pandas), local worker processes, and the warm
start's refusal of a problem that is not a closure."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections import Counter
from contextlib import closing
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from conftest import REPO
from plan_support import random_network

from corridor.network_data.errors import InputError
from corridor.network_data.model import Network
from corridor.network_data.scenario import find_scenario
from corridor.network_data.shipments import ShipmentBook, read_shipments, shipments_from_records
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan, priced_book
from corridor.routing.plan.problem import build_problem, with_closure
from corridor.routing.plan.solve import WarmStart, _same_but_arcs, solve
from corridor.routing.plan.verify import verify
from corridor.routing.sweep import (
    RESULT_COLUMNS,
    Closure,
    Evaluator,
    ResultStore,
    SweepInputs,
    SweepSpec,
    monte_carlo,
    ranking,
    run_sweep,
)
from corridor.routing.sweep.run import fingerprint, prune_pair, scenarios_of
from corridor.routing.sweep.spec import draw_closures, selectors_of_kind, single_closures

EXAMPLES = REPO / "examples" / "shipments.csv"
CAPS = {"RU": 0.3, "CN": 0.3}


# ----------------------------------------------------------------------------- helpers

def _tiny_book(net: Network) -> ShipmentBook:
    """Alpha → Juliet on the tiny network: 1.5 Mt of ore (the China border l2 carries
    1 Mt a year), uranium concentrate (Class 7: Caspian legs only) and ore due in 20 days
    (China or Russia, not the 33-day Caspian route)."""
    base = {"origin": "Alpha", "destination": "Juliet", "commodity": "ore"}
    return shipments_from_records([
        {**base, "shipment_id": "s1", "tonnes": 1_500_000},
        {**base, "shipment_id": "s2", "commodity": "test_uoc", "tonnes": 1_000},
        {**base, "shipment_id": "s3", "tonnes": 300_000, "max_days": 20},
    ], net)


def _random_case(seed: int) -> tuple[Network, ShipmentBook]:
    """A random 8-place network (capacities, node throughputs, capacity groups) and five
    shipments on it."""
    net = random_network(seed, n_nodes=8, groups=True, throughput=True)
    rng = np.random.default_rng(300 + seed)
    recs = []
    for i in range(5):
        o, d = (int(v) for v in rng.choice(8, 2, replace=False))
        recs.append({"shipment_id": f"s{i}", "origin": f"n{o}", "destination": f"n{d}",
                     "commodity": ["ore", "metal"][int(rng.integers(0, 2))],
                     "tonnes": float(rng.integers(5, 40))})
    return net, shipments_from_records(recs, net)


def _scratch(inputs: SweepInputs, closed: tuple[Selector, ...]) -> dict[str, Any]:
    """The summary of the closure planned from scratch, as `corridor plan --avoid` would
    (the book priced on the network before the closure, as the sweep prices it)."""
    params = dataclasses.replace(inputs.params,
                                 avoid=frozenset(inputs.params.avoid) | set(closed))
    book = priced_book(inputs.network, inputs.book, params=inputs.params,
                       horizon_days=inputs.horizon_days)
    result = plan(inputs.network, book, params=params, max_share=inputs.max_share,
                  horizon_days=inputs.horizon_days, unsplittable=inputs.unsplittable,
                  time_limit_s=inputs.time_limit_s, scenarios=inputs.base)
    return result.summary


def _assert_as_scratch(row: dict[str, Any], summary: dict[str, Any]) -> None:
    where = f"{row['name']} ({row['effect']})"
    assert row["objective_usd"] == pytest.approx(summary["objective_usd"], abs=0.01), where
    assert row["total_cost_usd"] == pytest.approx(summary["total_cost_usd"], abs=0.01), where
    assert row["unserved_t"] == pytest.approx(summary["unserved_tonnes"], abs=1e-3), where


def _in_use(ev: Evaluator, s: Selector) -> bool:
    return bool((ev.net.selector_mask(s) & ev.figures.used_arcs).any())


def _legs(ev: Evaluator) -> list[Selector]:
    return selectors_of_kind(ev.net, "legs", ev.inputs.params.open_statuses)


def _store(path: Path | None = None, spec: SweepSpec | None = None, *,
           resume: bool = False, record: dict[str, Any] | None = None
           ) -> tuple[ResultStore, str]:
    """A results store keyed as the command keys it (the inputs' record and the spec)."""
    record = record or {"book": "tiny"}
    key = fingerprint(None, spec or SweepSpec(), record)  # type: ignore[arg-type]
    return ResultStore(path, key, {"inputs": record}, resume=resume), key


@pytest.fixture(scope="module")
def tiny_inputs(tiny_net: Network) -> SweepInputs:
    return SweepInputs(network=tiny_net, book=_tiny_book(tiny_net), params=CostParams(),
                       max_share={"CN": 0.5})


@pytest.fixture(scope="module")
def tiny_eval(tiny_inputs: SweepInputs) -> Evaluator:
    return Evaluator(tiny_inputs)


@pytest.fixture(scope="module")
def example_inputs(net: Network) -> SweepInputs:
    return SweepInputs(network=net, book=read_shipments(EXAMPLES, net), params=CostParams(),
                       max_share=CAPS)


@pytest.fixture(scope="module")
def example_eval(example_inputs: SweepInputs) -> Evaluator:
    return Evaluator(example_inputs)


# ------------------------------------------- 1. a closure's row is its plan from scratch

def test_tiny_every_single_closure_equals_plan_from_scratch(
        tiny_inputs: SweepInputs, tiny_eval: Evaluator) -> None:
    legs = _legs(tiny_eval)
    # operational legs only: the planned l11 is closed already
    assert [s.name for s in legs] == sorted(f"l{i}" for i in range(1, 11))
    kinds = legs + selectors_of_kind(tiny_eval.net, "nodes") \
        + selectors_of_kind(tiny_eval.net, "countries")
    effects = Counter()
    for c in single_closures(kinds):
        row = tiny_eval.evaluate(c)
        _assert_as_scratch(row, _scratch(tiny_inputs, c.closed))
        effects[row["effect"]] += 1
    assert effects["replanned"] >= 10 and effects["none"] >= 3  # both paths taken


def test_tiny_closing_the_china_border_by_hand(tiny_eval: Evaluator) -> None:
    """l2 shut: the ore goes Caspian, the ore due in 20 days by Russia; stranding none."""
    base = tiny_eval.baseline_row()
    assert base["binding"] == ["share cap CN"]  # 50 % of 1.8 Mt < l2's 1 Mt
    row = tiny_eval.evaluate(Closure(0, "single", (Selector("leg", "l2"),)))
    assert row["effect"] == "replanned" and row["closed_in_use"] == ["leg:l2"]
    assert row["stranded_t"] == 0.0 and row["unserved_t"] == 0.0
    assert row["added_cost_usd"] > 0
    assert row["added_cost_usd"] == row["added_cost_with_stranded_usd"]
    assert row["shipments_rerouted"] == 2  # s1 and s3; the uranium concentrate stays
    change = row["dependency_change"]
    assert change["CN"] < -0.4 and change["RU"] > 0 and change["AZ"] > 0
    assert "KZ" not in change and "JP" not in change  # 100 % before and after
    assert row["binding"] == []


def test_tiny_closing_the_caspian_ferry_strands_the_uranium(tiny_eval: Evaluator) -> None:
    row = tiny_eval.evaluate(Closure(0, "single", (Selector("leg", "l9"),)))
    assert row["stranded_t"] == 1000.0 and row["unserved_t"] == 1000.0
    assert row["added_cost_with_stranded_usd"] > row["added_cost_usd"]


def test_tiny_unsplittable_closures_equal_plan_from_scratch(tiny_net: Network) -> None:
    base = {"origin": "Alpha", "destination": "Juliet", "commodity": "ore"}
    book = shipments_from_records([
        {**base, "shipment_id": "u1", "tonnes": 800_000},
        {**base, "shipment_id": "u2", "tonnes": 700_000},
        {**base, "shipment_id": "u3", "commodity": "test_uoc", "tonnes": 1_000},
    ], tiny_net)
    inputs = SweepInputs(network=tiny_net, book=book, params=CostParams(), max_share={},
                         unsplittable=True)
    ev = Evaluator(inputs)
    for c in single_closures(_legs(ev)):
        _assert_as_scratch(ev.evaluate(c), _scratch(inputs, c.closed))


def test_example_sampled_leg_closures_equal_plan_from_scratch(
        example_inputs: SweepInputs, example_eval: Evaluator) -> None:
    legs = _legs(example_eval)
    used = [s for s in legs if _in_use(example_eval, s)]
    unused = [s for s in legs if not _in_use(example_eval, s)]
    assert len(legs) == 462 and len(used) > 100
    sample = used[::len(used) // 12][:12] + unused[::len(unused) // 4][:4]
    for c in single_closures(sample):
        row = example_eval.evaluate(c)
        assert row["effect"] == ("replanned" if c.closed[0] in used else "none")
        _assert_as_scratch(row, _scratch(example_inputs, c.closed))


def test_example_closures_under_a_scenario_equal_plan_from_scratch(
        net: Network, example_inputs: SweepInputs) -> None:
    """Closures added to a what-if scenario (`--scenario`): stranding priced before it."""
    scenario = find_scenario("red-sea-closed", net.vocabulary, net.sources.index)
    inputs = dataclasses.replace(example_inputs, base=(scenario,))
    ev = Evaluator(inputs)
    used = [s for s in _legs(ev) if _in_use(ev, s)]
    for c in single_closures([*used[::len(used) // 4][:4],
                              *selectors_of_kind(ev.net, "passages")[:3]]):
        _assert_as_scratch(ev.evaluate(c), _scratch(inputs, c.closed))


def _chain_network() -> tuple[Network, ShipmentBook]:
    """o → d four ways (by x and y, by z, by w and y, direct); x is also an origin, and a
    one-way leg w → y makes y a place of three legs. Legs in series: oz and zd only."""
    from plan_support import make_network

    nodes = [{"node_id": n, "country": "AA"} for n in ("o", "x", "y", "z", "w", "d")]
    legs = [{"leg_id": f"{a}{b}", "from_id": a, "to_id": b, "bidirectional": True,
             "tariff_fixed_usd_per_t": usd, "capacity_tpy": cap}
            for a, b, usd, cap in (("o", "x", 10.0, None), ("x", "y", 10.0, 60.0),
                                   ("y", "d", 10.0, None), ("o", "z", 20.0, 80.0),
                                   ("z", "d", 20.0, None), ("o", "w", 5.0, None),
                                   ("o", "d", 100.0, None))]
    legs.append({"leg_id": "wy", "from_id": "w", "to_id": "y", "tariff_fixed_usd_per_t": 30.0})
    net = make_network(nodes, legs)
    book = shipments_from_records([
        {"shipment_id": "s1", "origin": "o", "destination": "d", "commodity": "ore",
         "tonnes": 100},
        {"shipment_id": "s2", "origin": "x", "destination": "d", "commodity": "ore",
         "tonnes": 50}], net)
    return net, book


@pytest.mark.parametrize("order", [1, -1])
def test_legs_in_series_share_an_answer_and_others_do_not(order: int) -> None:
    net, book = _chain_network()
    inputs = SweepInputs(network=net, book=book, params=CostParams(), max_share={})
    ev = Evaluator(inputs)
    chain = ev.chain_of
    assert chain["oz"] == chain["zd"]
    assert len({chain[g] for g in ("ox", "xy", "yd", "ow", "od", "wy", "oz")}) == 7
    rows = {}
    for c in single_closures(_legs(ev)[::order]):  # each order: either one is asked second
        rows[c.name] = row = ev.evaluate(c)
        _assert_as_scratch(row, _scratch(inputs, c.closed))
    assert rows["leg:oz"]["effect"] == rows["leg:zd"]["effect"] == "replanned"
    assert rows["leg:oz"]["objective_usd"] == rows["leg:zd"]["objective_usd"]


def test_example_legs_in_series_equal_plan_from_scratch(
        example_inputs: SweepInputs) -> None:
    ev = Evaluator(example_inputs)
    chains: dict[str, list[Selector]] = {}
    for s in _legs(ev):
        chains.setdefault(ev.chain_of[s.name], []).append(s)
    used = [legs for legs in chains.values() if len(legs) > 2 and _in_use(ev, legs[0])]
    assert len(used) >= 10
    for legs in used[::4]:
        rows = [ev.evaluate(c) for c in single_closures(legs)]
        assert len({r["objective_usd"] for r in rows}) == 1
        for c, row in zip(single_closures(legs), rows):
            assert row["effect"] == "replanned" and row["closed_in_use"] == [c.name]
        _assert_as_scratch(rows[-1], _scratch(example_inputs, legs[-1:]))


# ----------------------------------------------------------- 2. the "none" shortcut

def test_unused_closures_are_the_baseline_exactly(
        example_inputs: SweepInputs, example_eval: Evaluator) -> None:
    base = example_eval.baseline_row()
    unused = [s for s in _legs(example_eval) if not _in_use(example_eval, s)]
    assert len(unused) > 100
    same = [c for c in RESULT_COLUMNS if c not in ("id", "kind", "name", "closed", "uses")]
    for c in single_closures(unused[::40]):
        row = example_eval.evaluate(c)
        assert row["effect"] == "none" and row["closed_in_use"] == []
        assert {k: row[k] for k in same} == {**{k: base[k] for k in same},
                                             "effect": "none"}
        assert row["added_cost_with_stranded_usd"] == 0.0 and row["shipments_rerouted"] == 0
        assert row["dependency_change"] == {}
        assert _scratch(example_inputs, c.closed)["objective_usd"] == pytest.approx(
            base["objective_usd"], abs=0.01)


def test_used_closures_are_replanned_and_never_cheaper(example_eval: Evaluator) -> None:
    base = example_eval.baseline_row()
    for c in single_closures(selectors_of_kind(example_eval.net, "passages")):
        row = example_eval.evaluate(c)
        assert (row["effect"] == "replanned") == _in_use(example_eval, c.closed[0])
        assert row["objective_usd"] >= base["objective_usd"] - 0.01


# --------------------------------------------------------------- 3. pairs and pruning

def _pairs_match_direct(inputs: SweepInputs) -> Counter[str]:
    ev = Evaluator(inputs)
    spec = SweepSpec(closures="legs", pairs=True)
    store, key = _store(None, spec)
    rows = run_sweep(inputs, spec, store, key, evaluator=ev)
    plan_ = scenarios_of(ev, spec)
    n = len(plan_.singles)
    assert [r["id"] for r in rows] == list(range(n + n * (n - 1) // 2))
    effects: Counter[str] = Counter()
    for row, c in zip(rows, [*plan_.singles, *plan_.pairs]):
        assert row["name"] == c.name and row["kind"] == c.kind
        direct = ev.evaluate(c)
        assert row["objective_usd"] == pytest.approx(direct["objective_usd"], abs=0.01), \
            f"{c.name} ({row['effect']})"
        assert sorted(row["closed_in_use"]) == sorted(direct["closed_in_use"]), c.name
        if c.kind == "pair":
            effects["pruned" if row["effect"].startswith("as ") else row["effect"]] += 1
    return effects


def test_pruned_pairs_equal_pairs_solved_tiny(tiny_inputs: SweepInputs) -> None:
    effects = _pairs_match_direct(tiny_inputs)
    assert effects["pruned"] > 0 and effects["replanned"] > 0


def test_pruned_pairs_equal_pairs_solved_random_network() -> None:
    net, book = _random_case(1)
    effects = _pairs_match_direct(SweepInputs(network=net, book=book, params=CostParams(),
                                              max_share={"c1": 0.6}))
    assert effects["pruned"] > 100 and effects["replanned"] > 10


def test_prune_pair_rule() -> None:
    a, b = Selector("leg", "a"), Selector("leg", "b")
    pair = Closure(5, "pair", (a, b))

    def row(i: int, name: str, uses: list[str]) -> dict[str, Any]:
        return {"id": i, "kind": "single", "name": name, "closed": [name],
                "effect": "replanned", "objective_usd": float(i), "closed_in_use": [name],
                "uses": uses}

    single_of = {a: 0, b: 1}
    # each plan uses the other: must be solved
    assert prune_pair(pair, {0: row(0, "leg:a", ["leg:b"]), 1: row(1, "leg:b", ["leg:a"])},
                      single_of) is None
    # the plan without b does not use a: the pair is b's
    got = prune_pair(pair, {0: row(0, "leg:a", ["leg:b"]), 1: row(1, "leg:b", [])},
                     single_of)
    assert got is not None
    assert (got["id"], got["kind"], got["effect"], got["objective_usd"]) == \
        (5, "pair", "as leg:b", 1.0)
    assert got["closed"] == ["leg:a", "leg:b"] and got["closed_in_use"] == ["leg:a", "leg:b"]
    got = prune_pair(pair, {0: row(0, "leg:a", []), 1: row(1, "leg:b", ["leg:a"])},
                     single_of)
    assert got is not None and got["effect"] == "as leg:a" and got["objective_usd"] == 0.0


# ---------------------------------------------------------------------- 4. Monte-Carlo

def test_draws_are_deterministic_per_draw(example_eval: Evaluator) -> None:
    net = example_eval.net
    assert draw_closures(net, 10, 7)[:5] == draw_closures(net, 100, 7)[:5]
    assert draw_closures(net, 20, 7) == draw_closures(net, 20, 7)
    assert [d.closed for d in draw_closures(net, 20, 7)] != \
        [d.closed for d in draw_closures(net, 20, 8)]
    assert [d.id for d in draw_closures(net, 4, 1)] == [0, 1, 2, 3]
    assert draw_closures(net, 0, 1) == []
    # draw i is its own stream (seed, i): the same whichever worker makes it, in any order
    legs = example_eval.inputs.network.legs.set_index("leg_id").loc[list(net.leg_ids)]
    prob = legs["disruption_prob"].to_numpy()
    live = (legs["status"] == "operational").to_numpy()
    for i in (0, 3, 17):
        u = np.random.default_rng([7, i]).random(len(net.leg_ids))
        assert draw_closures(net, 20, 7)[i].closed == tuple(
            Selector("leg", leg) for leg in legs.index[live & (u < prob)])


def test_draws_close_operational_legs_at_their_probability(net: Network) -> None:
    compiled = compile_network(net)
    n = 3000
    draws = draw_closures(compiled, n, 11)
    counts = Counter(s.name for d in draws for s in d.closed)
    assert all(s.kind == "leg" for d in draws for s in d.closed)
    assert all(len(set(d.closed)) == len(d.closed) for d in draws)
    legs = net.legs.set_index("leg_id")
    operational = legs["status"] == "operational"
    # a planned leg with a high probability is never drawn
    assert legs.loc["kz-bakhty--cn-tacheng", "status"] != "operational"
    assert legs.loc["kz-bakhty--cn-tacheng", "disruption_prob"] > 0.1
    assert set(counts) <= set(legs.index[operational])
    for leg, p in legs.loc[operational, "disruption_prob"].items():
        sd = np.sqrt(n * p * (1 - p))
        assert abs(counts.get(leg, 0) - n * p) <= 5 * sd + 3, (leg, counts.get(leg, 0), p)
    expected = n * legs.loc[operational, "disruption_prob"].sum()
    assert sum(counts.values()) == pytest.approx(expected, rel=0.05)


def test_draws_of_a_sure_and_a_never_leg() -> None:
    from plan_support import make_network

    net = make_network(
        [{"node_id": "a", "country": "AA"}, {"node_id": "b", "country": "AA"}],
        [{"leg_id": "sure", "from_id": "a", "to_id": "b", "disruption_prob": 1.0},
         {"leg_id": "never", "from_id": "a", "to_id": "b", "disruption_prob": 0.0},
         {"leg_id": "planned", "from_id": "a", "to_id": "b", "disruption_prob": 1.0,
          "status": "planned"}])
    draws = draw_closures(compile_network(net), 50, 0)
    assert {d.closed for d in draws} == {(Selector("leg", "sure"),)}
    assert all(d.kind == "draw" and d.name == f"draw {d.id}" for d in draws)


def test_monte_carlo_summary_of_a_sweep(example_inputs: SweepInputs,
                                        example_eval: Evaluator) -> None:
    spec = SweepSpec(monte_carlo=40, seed=3)
    store, key = _store(None, spec)
    rows = run_sweep(example_inputs, spec, store, key, evaluator=example_eval)
    assert [r["kind"] for r in rows] == ["draw"] * 40
    mc = monte_carlo(rows)
    assert mc is not None and mc["draws"] == 40
    assert mc["draws_with_effect"] == sum(1 for r in rows if r["effect"] != "none") > 0
    for field in ("added_cost_usd", "added_cost_with_stranded_usd", "stranded_t"):
        d = mc[field]
        values = np.array([r[field] for r in rows])
        assert d["mean"] == pytest.approx(values.mean(), abs=0.01)
        assert d["p50"] <= d["p95"] <= d["p99"] <= values.max() + 0.01
        assert d["p50"] == pytest.approx(np.median(values), abs=0.01)
    damage = np.array([r["added_cost_with_stranded_usd"] for r in rows])
    cut = np.percentile(damage, 95)
    bad = [r for r in rows if r["added_cost_with_stranded_usd"] >= cut
           and r["added_cost_with_stranded_usd"] > 0]
    assert mc["bad_draw_threshold_usd"] == pytest.approx(cut, abs=0.01)
    assert mc["bad_draws"] == len(bad) > 0
    # critical legs: closed in a bad draw and used by the baseline plan
    want = Counter(s for r in bad for s in r["closed"]
                   if _in_use(example_eval, Selector("leg", s.split(":", 1)[1])))
    got = {x["leg"]: x["bad_draws"] for x in mc["critical_legs"]}
    assert got == dict(want) and got
    assert [x["bad_draws"] for x in mc["critical_legs"]] == \
        sorted(got.values(), reverse=True)
    assert all(x["share_of_bad_draws"] == round(x["bad_draws"] / len(bad), 4)
               for x in mc["critical_legs"])


def _draw(i: int, damage: float, closed_in_use: list[str]) -> dict[str, Any]:
    return {"id": i, "kind": "draw", "name": f"draw {i}", "effect": "replanned",
            "added_cost_usd": damage / 2, "added_cost_with_stranded_usd": damage,
            "stranded_t": damage / 1000, "closed": closed_in_use,
            "closed_in_use": closed_in_use}


def test_monte_carlo_summary_by_hand() -> None:
    rows = [_draw(i, 1000.0 * i, ["leg:x"] if i % 2 else ["leg:y"]) for i in range(20)]
    rows.append({**_draw(20, 0.0, []), "kind": "single"})  # not a draw
    mc = monte_carlo(rows)
    assert mc is not None
    assert (mc["draws"], mc["bad_draws"], mc["draws_with_effect"]) == (20, 1, 20)
    assert mc["bad_draw_threshold_usd"] == 18050.0  # P95 of 0, 1000, ..., 19000
    assert mc["added_cost_with_stranded_usd"] == {"mean": 9500.0, "p50": 9500.0,
                                                  "p95": 18050.0, "p99": 18810.0}
    assert mc["critical_legs"] == [{"leg": "leg:x", "bad_draws": 1,
                                    "share_of_bad_draws": 1.0}]
    calm = monte_carlo([{**_draw(i, 0.0, ["leg:x"]), "effect": "none"} for i in range(5)])
    assert calm is not None and calm["bad_draws"] == 0 and calm["critical_legs"] == []
    assert monte_carlo(rows[20:]) is None


def test_ranking_order() -> None:
    def row(kind: str, name: str, cost: float, stranded: float = 0.0,
            effect: str = "replanned") -> dict[str, Any]:
        return {"kind": kind, "name": name, "closed": name.split(" + "), "effect": effect,
                "added_cost_with_stranded_usd": cost, "stranded_t": stranded}

    rows = [row("single", "b", 10.0), row("single", "a", 10.0), row("single", "c", 10.0, 5.0),
            row("single", "d", 99.0), row("single", "e", -1.0, effect="none"),
            row("pair", "a + x", 10.0), row("pair", "p + q", 50.0),
            row("pair", "d + a", 99.0, effect="as d"),  # settled by d: left out
            row("draw", "draw 9", 1e9)]
    # by damage, then stranded tonnes, then fewer closed, then name; draws apart
    assert [r["name"] for r in ranking(rows)] == ["d", "p + q", "c", "a", "b", "a + x", "e"]
    assert [r["name"] for r in ranking(rows, kinds=("draw",))] == ["draw 9"]


# ---------------------------------------------------------------- 5. store and resume

TINY_SPEC = SweepSpec(closures="legs", pairs=True)


class _Counting(Evaluator):
    """An evaluator that counts the closures it answers."""

    calls = 0

    def evaluate(self, closure: Closure, uses_of: tuple[Selector, ...] = ()
                 ) -> dict[str, Any]:
        type(self).calls += 1
        return super().evaluate(closure, uses_of)


@pytest.fixture(scope="module")
def tiny_full(tiny_inputs: SweepInputs) -> list[dict[str, Any]]:
    """The tiny sweep (legs and their pairs) run in one go, in memory."""
    store, key = _store(None, TINY_SPEC)
    return run_sweep(tiny_inputs, TINY_SPEC, store, key)


def test_resume_of_a_finished_sweep_records_nothing_again(
        tmp_path: Path, tiny_inputs: SweepInputs, tiny_full: list[dict[str, Any]]) -> None:
    path = tmp_path / "sweep.db"
    store, key = _store(path, TINY_SPEC)
    first = run_sweep(tiny_inputs, TINY_SPEC, store, key)
    store.close()
    assert first == tiny_full and len(first) == 55
    ev = _Counting(tiny_inputs)
    _Counting.calls = 0
    store, key = _store(path, TINY_SPEC, resume=True)
    again = run_sweep(tiny_inputs, TINY_SPEC, store, key, evaluator=ev)
    store.close()
    assert again == first and _Counting.calls == 0
    with closing(sqlite3.connect(path)) as db:
        assert db.execute("select count(*), count(distinct id) from results").fetchone() == \
            (55, 55)


def test_resume_after_half_the_singles_by_hand(
        tmp_path: Path, tiny_inputs: SweepInputs, tiny_full: list[dict[str, Any]]) -> None:
    path = tmp_path / "sweep.db"
    ev = _Counting(tiny_inputs)
    store, key = _store(path, TINY_SPEC)
    singles = scenarios_of(ev, TINY_SPEC).singles
    uses_of = tuple(c.closed[0] for c in singles)
    store.add([ev.evaluate(c, uses_of) for c in singles[::2]])
    store.close()  # as if stopped there
    _Counting.calls = 0
    store, key = _store(path, TINY_SPEC, resume=True)
    rows = run_sweep(tiny_inputs, TINY_SPEC, store, key, evaluator=ev)
    store.close()
    assert rows == tiny_full
    # the other half of the singles, and the pairs pruning did not settle
    solved = sum(1 for r in tiny_full if r["kind"] == "pair" and r["effect"] == "replanned")
    assert _Counting.calls == len(singles) // 2 + solved


@pytest.mark.parametrize("stop_after", [8, 20])  # among the singles, among the pairs
def test_resume_after_an_interrupt(tmp_path: Path, tiny_inputs: SweepInputs,
                                   tiny_full: list[dict[str, Any]], stop_after: int) -> None:
    path = tmp_path / "sweep.db"
    store, key = _store(path, TINY_SPEC)

    def stop(done: int, _total: int) -> None:
        if done >= stop_after:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_sweep(tiny_inputs, TINY_SPEC, store, key, progress=stop)
    kept = len(store.done())
    store.close()
    assert stop_after <= kept < len(tiny_full)
    seen: list[tuple[int, int]] = []
    store, key = _store(path, TINY_SPEC, resume=True)
    rows = run_sweep(tiny_inputs, TINY_SPEC, store, key,
                     progress=lambda d, t: seen.append((d, t)))
    store.close()
    assert rows == tiny_full
    assert seen[0] == (kept, 55) and seen[-1] == (55, 55)


def test_store_refusals(tmp_path: Path) -> None:
    path = tmp_path / "sweep.db"
    _store(path, TINY_SPEC)[0].close()
    with pytest.raises(InputError, match="exists: give --resume"):
        _store(path, TINY_SPEC)
    with pytest.raises(InputError, match="other inputs"):
        _store(path, SweepSpec(closures="legs", pairs=False), resume=True)
    with pytest.raises(InputError, match="other inputs"):
        _store(path, TINY_SPEC, resume=True, record={"book": "another"})
    _store(path, TINY_SPEC, resume=True)[0].close()  # the same sweep opens
    with pytest.raises(InputError, match="does not exist"):
        _store(tmp_path / "missing.db", TINY_SPEC, resume=True)
    assert not (tmp_path / "missing.db").exists()
    text = tmp_path / "book.csv"
    text.write_text("shipment_id,origin\nx,y\n" * 50)
    before = text.read_bytes()
    with pytest.raises(InputError, match="not a sweep's results file"):
        _store(text, TINY_SPEC, resume=True)
    assert text.read_bytes() == before
    other = tmp_path / "other.db"
    with closing(sqlite3.connect(other)) as db:
        db.execute("create table t (x)")
    with pytest.raises(InputError, match="not a sweep's results file"):
        _store(other, TINY_SPEC, resume=True)


def test_refused_resume_leaves_an_empty_file_as_it_was(tmp_path: Path) -> None:
    empty = tmp_path / "empty.db"
    empty.touch()
    with pytest.raises(InputError, match="not a sweep's results file"):
        _store(empty, TINY_SPEC, resume=True)
    assert empty.read_bytes() == b""


# ---------------------------------------------------------------------- 6. workers

def test_local_worker_processes_give_the_same_rows(example_inputs: SweepInputs,
                                                   example_eval: Evaluator) -> None:
    spec = SweepSpec(closures="passages", monte_carlo=24, seed=5)
    results = []
    for workers in (1, 2):
        store, key = _store(None, spec)
        rows = run_sweep(example_inputs, spec, store, key, workers=workers,
                         evaluator=example_eval)
        results.append(sorted(rows, key=lambda r: r["id"]))
    assert results[0] == results[1]
    assert [r["id"] for r in results[0]] == list(range(34))


# ------------------------------------------------------------ 7. results read by pandas

def test_results_file_read_by_pandas(tmp_path: Path, tiny_inputs: SweepInputs,
                                     tiny_full: list[dict[str, Any]]) -> None:
    path = tmp_path / "sweep.db"
    store, key = _store(path, TINY_SPEC)
    run_sweep(tiny_inputs, TINY_SPEC, store, key)
    store.set_meta("baseline", {"objective_usd": 1.5})
    store.close()
    with closing(sqlite3.connect(path)) as db:
        frame = pd.read_sql("select * from results", db)
        meta = dict(db.execute("select key, value from meta").fetchall())
    assert list(frame.columns) == list(RESULT_COLUMNS)
    assert len(frame) == 55 and frame["id"].is_unique
    frame = frame.sort_values("id")
    assert frame["objective_usd"].tolist() == [r["objective_usd"] for r in tiny_full]
    assert frame["effect"].tolist() == [r["effect"] for r in tiny_full]
    assert set(meta) == {"fingerprint", "inputs", "baseline"}
    assert meta["fingerprint"] == key


# ------------------------------------------------------------------ 8. warm start safety

def test_warm_start_refuses_a_problem_that_is_not_a_closure(tiny_net: Network) -> None:
    """A warm start from a plan of another problem starts cold and gives the cold answer.
    Where the cheapest routes are optimal (one uncapacitated shipment), a warm start taken
    wrongly would keep the old cheapest route and give a wrong objective."""
    compiled = compile_network(tiny_net)
    l2 = Selector("leg", "l2")
    big = priced_book(tiny_net, _tiny_book(tiny_net))
    small = priced_book(tiny_net, shipments_from_records([
        {"shipment_id": "x", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 400_000}], tiny_net))

    def problem(book: ShipmentBook, **kw: Any) -> Any:
        return build_problem(compiled, book, params=kw.pop("params", CostParams()), **kw)

    cases = {  # name: (the problem the warm start's plan solved, the problem solved now)
        "other share cap": (problem(big), problem(big, max_share={"CN": 0.2})),
        "other horizon": (problem(big), problem(big, horizon_days=100)),
        "other book": (problem(big), problem(priced_book(tiny_net, _tiny_book(tiny_net)))),
        "other costs": (problem(small),
                        problem(small, params=CostParams(penalties={"CN": 500}))),
        "arcs opened": (problem(small, params=CostParams(avoid={l2})), problem(small)),
    }
    for name, (before, now) in cases.items():
        assert not _same_but_arcs(before, now), name
        warm, cold = solve(now, warm=WarmStart(solve(before))), solve(now)
        assert warm.objective == pytest.approx(cold.objective, abs=0.01), name
        assert not any("warm start" in n for n in warm.stats.notes), name
    # a closure of the same problem is taken warm, and gives the cold answer
    base = problem(big)
    closed = with_closure(base, frozenset({l2}))
    assert _same_but_arcs(base, closed)
    warm = solve(closed, warm=WarmStart(solve(base)))
    assert any("warm start" in n for n in warm.stats.notes)
    assert warm.objective == pytest.approx(
        solve(problem(big, params=CostParams(avoid={l2}))).objective, abs=0.01)


# ---------------------------------------------------------------- known bugs, pinned

@pytest.mark.parametrize(("seed", "leg"), [(6, "l23"), (21, "l0")])
def test_unsplittable_random_closure_equals_plan_from_scratch(seed: int, leg: str) -> None:
    net, book = _random_case(seed)
    inputs = SweepInputs(network=net, book=book, params=CostParams(),
                         max_share={"c1": 0.6}, unsplittable=True)
    closure = Closure(0, "single", (Selector("leg", leg),))
    _assert_as_scratch(Evaluator(inputs).evaluate(closure), _scratch(inputs, closure.closed))


def test_unsplittable_pruned_pair_equals_pair_planned() -> None:
    net, book = _random_case(0)
    inputs = SweepInputs(network=net, book=book, params=CostParams(),
                         max_share={"c1": 0.6}, unsplittable=True)
    spec = SweepSpec(closures="legs", pairs=True)
    store, key = _store(None, spec)
    rows = {r["name"]: r for r in run_sweep(inputs, spec, store, key)}
    row = rows["leg:l0 + leg:l21"]
    assert row["effect"] == "replanned"  # no pair is settled by an unproven integer plan
    _assert_as_scratch(row, _scratch(inputs, (Selector("leg", "l0"), Selector("leg", "l21"))))


def test_open_planned_legs_are_swept(tiny_net: Network) -> None:
    params = CostParams(open_statuses={"operational", "planned"})
    inputs = SweepInputs(network=tiny_net, book=_tiny_book(tiny_net), params=params,
                         max_share={})
    ev = Evaluator(inputs)
    assert Selector("leg", "l11") in _legs(ev)
    swept = scenarios_of(ev, SweepSpec(closures="legs"))
    assert (Selector("leg", "l11"),) in [c.closed for c in swept.singles]
    closed = Evaluator(dataclasses.replace(inputs, params=CostParams()))
    assert Selector("leg", "l11") not in _legs(closed)  # not open: closed already


def test_a_repaired_closure_is_the_lp_optimum() -> None:
    """Closures whose lost flow moves onto routes no priced capacity touches are answered
    from the baseline's prices, without an LP ('repaired'); their objective must equal a
    cold solve's, and closures where the proof fails must still be solved."""
    from corridor.network_data import load_network
    from corridor.routing.plan.problem import with_closure
    from corridor.routing.plan.solve import WarmStart, solve

    net = load_network()
    book = read_shipments(REPO / "examples" / "shipments.csv", net)
    ev = Evaluator(SweepInputs(network=net, book=book, params=CostParams(), max_share={}))
    in_use = [c for c in single_closures(_legs(ev))
              if (ev.closed_mask(c.closed) & ev.figures.used_arcs).any()]
    methods = set()
    for closure in in_use[::4]:
        problem = with_closure(ev.problem, frozenset(closure.closed))
        warm = solve(problem, warm=WarmStart(ev.solution))
        verify(warm)
        cold = solve(problem)
        methods.add(warm.stats.method)
        assert warm.objective == pytest.approx(cold.objective, rel=1e-9, abs=0.01), closure
    assert "repaired" in methods and "column_generation" in methods

"""The fast solve paths agree exactly with the straightforward ones: pricing that reads only
routes that may qualify, vectorised flow splitting and capacity checks, and arc costs."""

from __future__ import annotations

import dataclasses
import importlib

import numpy as np
import pytest
from plan_support import random_network

from corridor.network_data import load_network
from corridor.network_data.shipments import shipments_from_records
from corridor.routing.compile import compile_network
from corridor.routing.costs import PARTS, CostParams, arc_costs, usable_arcs
from corridor.routing.plan.columns import Routes
from corridor.routing.plan.master import Duals
from corridor.routing.plan.problem import PlanProblem, build_problem
from corridor.routing.plan.solve import SolveStats, _finish, _fits, solve


def _problem(seed: int, *, deadlines: bool) -> PlanProblem:
    net = random_network(seed, n_nodes=10, n_extra=14, capacity_share=0.5, throughput=True,
                         groups=seed % 3 == 0)
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(12):
        o, d = (int(v) for v in rng.choice(10, 2, replace=False))
        row: dict[str, object] = {
            "shipment_id": f"s{i}", "origin": f"n{o}", "destination": f"n{d}",
            "commodity": ["ore", "metal"][int(rng.integers(0, 2))],
            "tonnes": float(rng.integers(5, 40))}
        if deadlines and rng.random() < 0.4:
            row["max_days"] = float(rng.integers(3, 12))
        rows.append(row)
    book = shipments_from_records(rows, net)
    return build_problem(compile_network(net), book, params=CostParams())


#: The module (``corridor.routing.plan.solve`` the attribute is the function, re-exported).
solve_module = importlib.import_module("corridor.routing.plan.solve")


def _read_everything(p, duals, const):  # type: ignore[no-untyped-def]
    return lambda groups, dist: np.ones(len(groups), dtype=bool)


@pytest.mark.parametrize("seed", range(40))
def test_screened_pricing_finds_the_same_routes(seed: int,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    problem = _problem(seed, deadlines=seed % 2 == 1)
    fast = solve(problem)
    monkeypatch.setattr(solve_module, "_screen", _read_everything)
    full = solve(problem)
    assert fast.stats.iterations == full.stats.iterations
    assert fast.columns == full.columns
    assert np.array_equal(fast.flow_col, full.flow_col)
    assert np.array_equal(fast.flow_tonnes, full.flow_tonnes)
    assert fast.objective == full.objective


def test_screened_pricing_is_exercised() -> None:
    # The comparison above means something only if column generation runs for several rounds.
    rounds = [solve(_problem(seed, deadlines=False)).stats.iterations for seed in range(40)]
    assert sum(r >= 2 for r in rounds) >= 10


def _reference_finish(problem: PlanProblem, columns: list, x: np.ndarray, u: np.ndarray,
                      reason_none: dict[int, str]) -> tuple[list, list, list, np.ndarray, list]:
    """Flows, unserved tonnes and which shipments get a reason, one shipment at a time."""
    tonnes = problem.tonnes
    share = tonnes / np.array([problem.groups[g].tonnes for g in problem.ship_group])
    by_group: dict[int, list[int]] = {}
    for j, col in enumerate(columns):
        by_group.setdefault(col.group, []).append(j)
    fs, fc, ft = [], [], []
    for s in range(len(tonnes)):
        for j in by_group.get(int(problem.ship_group[s]), []):
            if x[j] > 1e-9:
                fs.append(s)
                fc.append(j)
                ft.append(float(x[j] * share[s]))
    unserved = u[problem.ship_group] * share
    unserved = np.where(unserved > 1e-9, unserved, 0.0)
    explained = [s for s in range(len(tonnes)) if unserved[s] > 1e-9]
    return fs, fc, ft, unserved, explained


@pytest.mark.parametrize("seed", range(20))
def test_flow_split_matches_per_shipment_loops(seed: int) -> None:
    problem = _problem(seed, deadlines=False)
    first = solve(problem)  # for routes; x and u are then made up to cover every case
    columns = first.columns
    rng = np.random.default_rng(seed)
    x = np.where(rng.random(len(columns)) < 0.5, rng.random(len(columns)) * 30, 0.0)
    u = np.where(rng.random(len(problem.groups)) < 0.5, rng.random(len(problem.groups)), 0.0)
    n = problem.net
    duals = Duals(np.zeros(len(problem.groups)), np.zeros(n.n_arcs), np.zeros(n.n_nodes),
                  np.zeros(0))
    reason_none = {0: "no legal path"}
    price = np.full(len(problem.groups), 100.0)
    got = _finish(problem, columns, x, u, price, duals, reason_none, SolveStats(),
                  unsplittable=False, time_limit_s=1.0, say=lambda _m: None)
    fs, fc, ft, unserved, explained = _reference_finish(problem, list(columns), x, u,
                                                        reason_none)
    assert got.flow_ship.tolist() == fs
    assert got.flow_col.tolist() == fc
    assert got.flow_tonnes.tolist() == ft
    assert np.array_equal(got.unserved, unserved)
    assert [s for s, r in enumerate(got.reasons) if r] == explained
    for s in explained:
        g = int(problem.ship_group[s])
        assert (got.reasons[s] == "no legal path") == (g == 0)


def _reference_fits(problem: PlanProblem, columns: list, tonnes_g: np.ndarray) -> bool:
    arc_load = np.zeros(problem.net.n_arcs)
    node_load = np.zeros(problem.net.n_nodes)
    for col in columns:
        np.add.at(arc_load, np.asarray(col.arcs), tonnes_g[col.group])
        np.add.at(node_load, np.asarray(col.nodes), tonnes_g[col.group])
    # capacity groups from the legs table: the total over all arcs of the member legs
    net = problem.net
    group_of = net.network.legs["capacity_group"].fillna("")
    limit = problem.arc_cap.copy()
    for group in set(group_of) - {""}:
        members = [a for a in range(net.n_arcs)
                   if group_of.iloc[int(net.arc_leg[a])] == group]
        if arc_load[members].sum() > limit[members[0]] * (1 + 1e-9):
            return False
        limit[members] = np.inf
    if (arc_load > limit * (1 + 1e-9)).any() or \
            (node_load > problem.node_cap * (1 + 1e-9)).any():
        return False
    total = sum(tonnes_g[c.group] for c in columns)
    for k, cap in enumerate(problem.caps):
        dep = sum(tonnes_g[c.group] for c in columns if c.dep[k])
        if dep > cap.fraction * total * (1 + 1e-9) + 1e-9:
            return False
    return True


@pytest.mark.parametrize("seed", range(30))
def test_fits_matches_per_route_loads(seed: int) -> None:
    problem = _problem(seed, deadlines=False)
    key = sorted(problem.net.countries)[seed % len(problem.net.countries)]
    problem = dataclasses.replace(problem, caps=build_problem(
        problem.net, problem.book, params=CostParams(), max_share={key: 0.5}).caps)
    solved = solve(problem).columns  # routes of the uncapped problem, rebuilt under the cap
    columns = Routes.build(problem, solved.group.tolist(),
                           [solved.arcs_of(j) for j in range(len(solved))])
    rng = np.random.default_rng(seed)
    for scale in (0.2, 1.0, 5.0):
        tonnes_g = rng.random(len(problem.groups)) * 40 * scale
        assert _fits(problem, columns, tonnes_g) == _reference_fits(problem, list(columns),
                                                                    tonnes_g)


ALL_STATUSES = frozenset({"operational", "planned", "under_construction"})


@pytest.mark.parametrize(("keys", "corridors", "nodes", "legs", "penalties", "extra"), [
    ((), (), (), (), {}, {}),
    ((), (), (), (), {}, {"open_statuses": ALL_STATUSES}),
    (("RU",), ("trans_caspian", "china"), (), (), {"KZ": 12.5, "CN": 3.0}, {}),
    ((), (), ("bosporus-north",), (), {"IR": 40.0, "suez": 5.0}, {}),
    (("hormuz", "AF"), (), (), (), {}, {"loss_share": 0.3}),
    ((), (), (), ("kz-kuryk-rail--kzkur",), {"trans_caspian": 7.0}, {}),
])
@pytest.mark.parametrize("class7", [False, True])
def test_arc_costs_match_per_arc_rules(keys: tuple[str, ...], corridors: tuple[str, ...],
                                       nodes: tuple[str, ...], legs: tuple[str, ...],
                                       penalties: dict[str, float], extra: dict[str, object],
                                       class7: bool) -> None:
    """Avoids and penalties by selector agree with a reference written arc by arc from the
    raw words (country and passage keys, corridor labels, node and leg ids)."""
    net = compile_network(load_network())
    assert all(leg in net.leg_ids for leg in legs)
    avoid = {*keys, *corridors, *(f"node:{n}" for n in nodes), *(f"leg:{g}" for g in legs)}
    params = CostParams(avoid=frozenset(avoid), penalties=penalties, **extra)  # type: ignore[arg-type]
    got = arc_costs(net, value_usd_per_t=2500.0, params=params, class7_only=class7)
    penalty = np.zeros(len(net.keys))
    for code, usd in penalties.items():
        if code in net.key_index:
            penalty[net.key_index[code]] = usd
    expected_dependency = net.arc_key.astype(float) @ penalty
    for code, usd in penalties.items():
        if code not in net.key_index:  # a corridor label
            expected_dependency = expected_dependency + usd * np.array(
                [c == code for c in net.corridor], dtype=float)
    assert np.array_equal(got.parts["dependency"], expected_dependency)
    assert got.total.tobytes() == np.sum([got.parts[p] for p in PARTS], axis=0).tobytes()
    ok = np.array([s in params.open_statuses for s in net.status], dtype=bool)
    ok &= np.array([c not in corridors for c in net.corridor], dtype=bool)
    ok &= np.array([net.leg_ids[leg] not in legs for leg in net.arc_leg.tolist()], dtype=bool)
    for code in keys:
        ok &= ~net.arc_key[:, net.key_index[code]]
    closed = np.array([n in nodes for n in net.node_ids], dtype=bool)
    ok &= ~(closed[net.tail] | closed[net.head])
    if class7:
        ok &= net.allows_class7
    assert np.array_equal(got.usable, ok)
    assert np.array_equal(usable_arcs(net, params=params, class7_only=class7), ok)


@pytest.mark.parametrize("seed", [None, 0, 1, 2])
def test_arc_keys_match_per_arc_names(seed: int | None) -> None:
    net = load_network() if seed is None else random_network(seed, n_nodes=12, n_extra=20)
    compiled = compile_network(net)
    want = tuple(tuple(compiled.keys[i] for i in np.flatnonzero(row))
                 for row in compiled.arc_key)
    assert compiled.arc_keys == want
    assert len(set(want)) > 1

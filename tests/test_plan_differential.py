"""Differential tests: the planner against independent solvers on random small networks.

* single commodity: OR-Tools SimpleMinCostFlow and networkx network_simplex (integer data);
* several origins and commodities with shared arc and node capacities: a straightforward arc
  LP (one flow block per origin × cost class) solved with scipy's HiGHS;
* share caps and deadlines (not arc-linear): a path LP over *every* simple path, enumerated.
"""

from __future__ import annotations

import networkx as nx
import numpy as np
import pytest
from plan_support import random_network
from scipy.optimize import linprog
from scipy.sparse import lil_matrix

from corridor.network_data.shipments import shipments_from_records
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams, arc_costs
from corridor.routing.plan import plan

FREE = CostParams(risk_weight=0.0, carrying_rate=0.0)  # integer arc costs on integer data
PENALTY = 500.0


def _book(net, rows):
    return shipments_from_records([
        {"shipment_id": f"s{i}", "origin": o, "destination": d, "commodity": c, "tonnes": t,
         "unserved_usd_per_t": PENALTY, **extra}
        for i, (o, d, c, t, extra) in enumerate(rows)], net)


@pytest.mark.parametrize("seed", range(8))
def test_single_commodity_matches_min_cost_flow(seed: int) -> None:
    from ortools.graph.python import min_cost_flow

    net = random_network(seed, n_nodes=9, integer=True)
    rng = np.random.default_rng(100 + seed)
    dests = sorted({int(v) for v in rng.integers(1, 9, 3)})
    rows = [("n0", f"n{d}", "ore", float(rng.integers(10, 60)), {}) for d in dests]
    result = plan(net, _book(net, rows), params=FREE)
    c = compile_network(net)
    cost = arc_costs(c, value_usd_per_t=1000.0, params=FREE).total
    assert np.allclose(cost, np.round(cost))
    sink = c.n_nodes  # super sink; slack arcs origin → sink price unserved tonnes
    smcf = min_cost_flow.SimpleMinCostFlow()
    g = nx.DiGraph()
    big = 10**9
    for a in range(c.n_arcs):
        cap = int(c.capacity_tpy[a]) if np.isfinite(c.capacity_tpy[a]) else big
        smcf.add_arc_with_capacity_and_unit_cost(int(c.tail[a]), int(c.head[a]), cap,
                                                 int(cost[a]))
        g.add_edge(int(c.tail[a]), int(c.head[a]), capacity=cap, weight=int(cost[a]))
    total = 0
    for _, d, _, t, _ in rows:
        dn = c.node_index[d]
        smcf.add_arc_with_capacity_and_unit_cost(dn, sink, int(t), 0)
        smcf.add_arc_with_capacity_and_unit_cost(0, sink + 1 + dn, int(t), int(PENALTY))
        smcf.add_arc_with_capacity_and_unit_cost(sink + 1 + dn, sink, int(t), 0)
        g.add_edge(dn, ("sink-in", dn), capacity=int(t), weight=0)
        g.add_edge(("sink-in", dn), "sink", capacity=int(t), weight=0)
        g.add_edge(0, ("slack", dn), capacity=int(t), weight=int(PENALTY))
        g.add_edge(("slack", dn), "sink", capacity=int(t), weight=0)
        total += int(t)
    smcf.set_node_supply(0, total)
    smcf.set_node_supply(sink, -total)
    assert smcf.solve() == smcf.OPTIMAL
    g.nodes[0]["demand"] = -total
    g.add_node("sink", demand=total)
    nx_cost, _ = nx.network_simplex(g)
    assert result.summary["objective_usd"] == pytest.approx(smcf.optimal_cost(), abs=1e-3)
    assert nx_cost == smcf.optimal_cost()


def _arc_lp(net, rows, params) -> float:
    """The same model as an arc LP: one block per (origin, value), unserved slack per row."""
    c = compile_network(net)
    blocks = sorted({(o, com) for o, _, com, _, _ in rows})
    values = {"ore": 1000.0, "metal": 50000.0}
    nb, na, nr, nn = len(blocks), c.n_arcs, len(rows), c.n_nodes
    nvar = nb * na + nr
    cost = np.zeros(nvar)
    ub = np.full(nvar, np.inf)
    for b, (_, com) in enumerate(blocks):
        ac = arc_costs(c, value_usd_per_t=values[com], params=params)
        cost[b * na:(b + 1) * na] = ac.total
        ub[b * na:(b + 1) * na] = np.where(ac.usable, np.inf, 0.0)
    cost[nb * na:] = PENALTY
    a_eq = lil_matrix((nb * nn, nvar))
    b_eq = np.zeros(nb * nn)
    for b in range(nb):
        for a in range(na):
            a_eq[b * nn + c.tail[a], b * na + a] += 1
            a_eq[b * nn + c.head[a], b * na + a] -= 1
    for r, (o, d, com, t, _) in enumerate(rows):
        b = blocks.index((o, com))
        oi, di = c.node_index[o], c.node_index[d]
        b_eq[b * nn + oi] += t
        b_eq[b * nn + di] -= t
        a_eq[b * nn + oi, nb * na + r] += 1  # unserved: less leaves the origin...
        a_eq[b * nn + di, nb * na + r] -= 1  # ... and less arrives
    rows_ub, b_ub = [], []
    for a in np.flatnonzero(np.isfinite(c.capacity_tpy)):
        row = np.zeros(nvar)
        row[[b * na + a for b in range(nb)]] = 1
        rows_ub.append(row)
        b_ub.append(c.capacity_tpy[a])
    # capacity groups, read from the legs table: one row over all arcs of the member legs
    group_of = net.legs["capacity_group"].fillna("")
    for group in sorted(set(group_of) - {""}):
        members = {c.leg_ids.index(leg) for leg in group_of.index[group_of == group]}
        arcs = [a for a in range(na) if int(c.arc_leg[a]) in members]
        row = np.zeros(nvar)
        row[[b * na + a for b in range(nb) for a in arcs]] = 1
        rows_ub.append(row)
        b_ub.append(float(net.legs.loc[group_of == group, "capacity_tpy"].iloc[0]))
    thr = net.nodes["throughput_tpy"].to_numpy(dtype=float, na_value=np.nan)
    for v in np.flatnonzero(~np.isnan(thr)):
        row = np.zeros(nvar)
        for b in range(nb):
            row[[b * na + a for a in np.flatnonzero(c.head == v)]] = 1
        const = 0.0
        for r, (o, _, _, t, _) in enumerate(rows):
            if c.node_index[o] == v:  # tonnes served from here pass through here
                row[nb * na + r] -= 1
                const += t
        rows_ub.append(row)
        b_ub.append(thr[v] - const)
    res = linprog(cost, A_ub=np.array(rows_ub) if rows_ub else None,
                  b_ub=np.array(b_ub) if b_ub else None, A_eq=a_eq.tocsr(), b_eq=b_eq,
                  bounds=list(zip(np.zeros(nvar), ub)), method="highs")
    assert res.status == 0, res.message
    return float(res.fun)


# GLOP gets the master through OR-Tools' model builder, CLP as a pywraplp proto: both builds
# of the same rows (demand, share caps, arc, group and node capacities) are checked.
@pytest.mark.parametrize("lp_solver", ["GLOP", "CLP"])
@pytest.mark.parametrize("seed", range(10))
def test_multi_commodity_matches_arc_lp(seed: int, lp_solver: str) -> None:
    # odd seeds share capacities in groups (a ferry fleet over several crossings)
    net = random_network(seed, n_nodes=10, throughput=True, groups=seed % 2 == 1)
    if seed % 2:
        assert (net.legs["capacity_group"].fillna("") != "").any()
    rng = np.random.default_rng(200 + seed)
    rows = []
    for _ in range(6):
        o, d = (int(v) for v in rng.choice(10, 2, replace=False))
        rows.append((f"n{o}", f"n{d}", ["ore", "metal"][int(rng.integers(0, 2))],
                     float(rng.integers(5, 40)), {}))
    params = CostParams()
    result = plan(net, _book(net, rows), params=params, lp_solver=lp_solver)
    assert result.summary["objective_usd"] == pytest.approx(_arc_lp(net, rows, params),
                                                            rel=1e-6, abs=1e-3)


def _path_lp(net, rows, caps: dict[str, float]) -> float:
    """Every simple path of every shipment as a column: the path model, enumerated."""
    c = compile_network(net)
    g = nx.MultiDiGraph()
    for a in range(c.n_arcs):
        g.add_edge(int(c.tail[a]), int(c.head[a]), key=a)
    cols = []  # (row, arcs)
    for r, (o, d, _, _, extra) in enumerate(rows):
        for path in nx.all_simple_edge_paths(g, c.node_index[o], c.node_index[d]):
            arcs = [k for _, _, k in path]
            if c.days("container")[arcs].sum() <= extra.get("max_days", np.inf) + 1e-9:
                cols.append((r, arcs))
    values = {"ore": 1000.0, "metal": 50000.0}
    total = {com: arc_costs(c, value_usd_per_t=v, params=CostParams()).total
             for com, v in values.items()}
    nx_, nr = len(cols), len(rows)
    cost = np.concatenate([[total[rows[r][2]][arcs].sum() for r, arcs in cols],
                           np.full(nr, PENALTY)])
    a_eq = np.zeros((nr, nx_ + nr))
    for j, (r, _) in enumerate(cols):
        a_eq[r, j] = 1
    a_eq[np.arange(nr), nx_ + np.arange(nr)] = 1
    b_eq = np.array([t for _, _, _, t, _ in rows])
    a_ub, b_ub = [], []
    for a in np.flatnonzero(np.isfinite(c.capacity_tpy)):
        a_ub.append([float(a in arcs) for _, arcs in cols] + [0.0] * nr)
        b_ub.append(c.capacity_tpy[a])
    for key, frac in caps.items():
        dep = c.arc_key[:, c.key_index[key]]
        a_ub.append([float(dep[arcs].any()) - frac for _, arcs in cols] + [0.0] * nr)
        b_ub.append(0.0)
    res = linprog(cost, A_ub=np.array(a_ub) if a_ub else None,
                  b_ub=np.array(b_ub) if b_ub else None, A_eq=a_eq, b_eq=b_eq,
                  bounds=(0, None), method="highs")
    assert res.status == 0, res.message
    return float(res.fun)


@pytest.mark.parametrize("lp_solver", ["GLOP", "CLP"])
@pytest.mark.parametrize("seed", range(10))
def test_caps_and_deadlines_match_enumerated_path_lp(seed: int, lp_solver: str) -> None:
    net = random_network(seed, n_nodes=7, n_extra=6)
    rng = np.random.default_rng(300 + seed)
    rows = []
    for _ in range(5):
        o, d = (int(v) for v in rng.choice(7, 2, replace=False))
        extra = {"max_days": float(rng.integers(3, 12))} if rng.random() < 0.5 else {}
        rows.append((f"n{o}", f"n{d}", ["ore", "metal"][int(rng.integers(0, 2))],
                     float(rng.integers(5, 40)), extra))
    caps = {k: float(rng.choice([0.2, 0.4, 0.6])) for k in
            sorted({"BB", "CC", "DD"} & set(net.countries)) if rng.random() < 0.6}
    result = plan(net, _book(net, rows), max_share=caps, lp_solver=lp_solver)
    assert result.summary["objective_usd"] == pytest.approx(_path_lp(net, rows, caps),
                                                            rel=1e-6, abs=1e-3)

"""Checking a solved plan independently of the solver that produced it.

Everything is recomputed from the network and the shipment book, not from the solver's
model: per-shipment arc flows, arc and node loads, route days and dependencies, costs from a
fresh :func:`~corridor.routing.costs.arc_costs` per shipment. A plan that fails any check raises
:class:`~corridor.network_data.errors.SolverError`: it is never reported.

Checks
------
* conservation at every node for every shipment: out − in = served at the origin, −served at
  the destination, 0 elsewhere (and every route is a contiguous path);
* every arc used is legal for the shipment (status, avoids, Class 7);
* arc and node loads ≤ capacity × horizon / 365 (a capacity group: the total over its legs);
* share caps: tonnes on routes depending on a key ≤ fraction × planned tonnes;
* deadlines: every route used takes ≤ max_days;
* served + unserved = tonnes, nothing negative;
* the reported objective equals the recomputed one.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

from corridor.network_data.errors import SolverError
from corridor.routing.costs import arc_costs
from corridor.routing.plan.solve import Solution
from corridor.routing.services import with_service


def verify(sol: Solution, *, rtol: float = 1e-6) -> None:
    """Raise :class:`SolverError` listing every failed check of ``sol``."""
    p = sol.problem
    net = p.net
    book = p.book
    n_ship = len(book)
    ids = book.shipment_id
    tonnes = np.asarray(book.tonnes, dtype=float)
    scale = max(1.0, float(tonnes.sum()))
    atol = rtol * scale
    fail: list[str] = []

    # served + unserved = tonnes
    served = np.bincount(sol.flow_ship, weights=sol.flow_tonnes, minlength=n_ship)
    if (sol.flow_tonnes < -atol).any() or (sol.unserved < -atol).any():
        fail.append("negative flow or unserved tonnage")
    bad = np.flatnonzero(np.abs(served + sol.unserved - tonnes) > rtol * np.maximum(1, tonnes))
    for s in bad[:5]:
        fail.append(f"shipment {ids[s]}: served {served[s]:.6g} + unserved "
                    f"{sol.unserved[s]:.6g} ≠ {tonnes[s]:.6g} t")

    # expand flows to (shipment, arc) pieces, recomputing each route's facts from the network:
    # once per (shipment rules, route) pair, then indexed by flow
    origin, dest = net.node_indices(book.origin), net.node_indices(book.destination)
    # the distinct rule sets (cargo class, value, Class-7 rule, avoids, service) of the
    # shipments, each costed once; the cargo class read afresh from the commodities table
    cargo_of = net.network.commodities["cargo_class"].astype(str).to_dict()
    cargo = np.array([cargo_of[c] for c in book.commodity.tolist()], dtype=object)
    named = book.services(net.service)  # None: every shipment at the plan's service
    rule_columns = (cargo, book.value_usd_per_t, book.class7_only, book.avoid,
                    *(() if named is None else (named,)))
    # (grouped here on purpose, not with the problem's own class codes: the check must not
    # share the grouping it checks)
    ship_rule = np.zeros(n_ship, dtype=np.int64)
    for column in rule_columns:  # combined a column at a time, so keys stay < n_ship
        part, distinct = pd.factorize(column)
        _, ship_rule = np.unique(ship_rule * len(distinct) + part, return_inverse=True)
        ship_rule = ship_rule.reshape(-1)
    first = np.unique(ship_rule, return_index=True)[1]
    rules: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = []  # (usable, total, days)
    # costs without the avoids, kept on the network (a sweep verifies hundreds of plans
    # that differ only by what they avoid); the avoided arcs removed per rule
    open_params = dataclasses.replace(p.params, avoid=frozenset())
    for i in first.tolist():
        cls, value, class7, avoid, *own = (column[i] for column in rule_columns)
        level = str(own[0]) if own else net.service
        key = (str(cls), float(value), bool(class7), open_params, level)
        found = net.cost_cache.get(key)
        if found is None:
            c = arc_costs(with_service(net, level), value_usd_per_t=float(value),
                          params=open_params, class7_only=bool(class7), cargo_class=str(cls))
            found = net.cost_cache[key] = (c.usable, c.total, c.days)
        usable, total, days = found
        avoided = p.params.avoid | avoid
        rules.append((usable & ~net.any_mask(avoided) if avoided else usable, total, days))
    n_cols = len(sol.columns)
    f_ship, f_col, f_t = sol.flow_ship, sol.flow_col, sol.flow_tonnes
    pairs, f_pair = np.unique(ship_rule[f_ship] * n_cols + f_col, return_inverse=True)
    f_pair = f_pair.reshape(-1)
    pair_rule, pair_col = np.divmod(pairs, n_cols)
    pair_routes = sol.columns.take(pair_col)
    routes = pair_routes.reducer
    contiguous = pair_routes.contiguous
    legal = routes.all_by_rows(np.stack([u for u, _, _ in rules]), pair_rule)
    route_days = routes.sums_by_rows(np.stack([d for _, _, d in rules]), pair_rule)
    route_cost = routes.sums_by_rows(np.stack([t for _, t, _ in rules]), pair_rule)
    deps = []
    for cap in p.caps:
        if cap.key in net.key_index:
            mask = net.arc_key[:, net.key_index[cap.key]]
        else:
            mask = np.array([c == cap.key for c in net.corridor], dtype=bool)
        deps.append(routes.any(np.asarray(mask, dtype=bool)))
    max_days = np.where(np.isnan(book.max_days), np.inf, book.max_days)
    good = contiguous[f_pair]
    f_days = route_days[f_pair]
    late = good & (f_days > max_days[f_ship] + 1e-6)
    for f in np.flatnonzero(~good | ~legal[f_pair] | late).tolist():
        s = int(f_ship[f])
        if not good[f]:
            fail.append(f"shipment {ids[s]}: route is not a contiguous path")
            continue
        if not legal[f_pair[f]]:
            fail.append(f"shipment {ids[s]}: uses an arc its rules forbid")
        if late[f]:
            fail.append(f"shipment {ids[s]}: route takes {float(f_days[f]):g} days > "
                        f"max_days {float(max_days[s]):g}")
    g_pair, g_t, g_ship = f_pair[good], f_t[good], f_ship[good]
    recomputed = _running_sum(g_t * route_cost[g_pair])
    dep_t = np.array([_running_sum(g_t[dep[g_pair]]) for dep in deps], dtype=float)

    # conservation per shipment and node. Each route is a contiguous path (checked above), so
    # its flow t leaves its first node and enters its last one (+t, −t) and passes every
    # node between (in = out): summing endpoints is summing every node's balance.
    start, end = pair_routes.first_node, pair_routes.last_node
    n = net.n_nodes
    keys = np.concatenate([g_ship * n + start[g_pair], g_ship * n + end[g_pair],
                           np.arange(n_ship) * n + origin, np.arange(n_ship) * n + dest])
    vals = np.concatenate([g_t, -g_t, -served, served])
    inv, uniq = pd.factorize(keys)  # by hashing (keys in order of first appearance)
    balance = np.bincount(inv, weights=vals, minlength=len(uniq))
    off = np.flatnonzero(np.abs(balance) > atol)
    off = off[np.argsort(uniq[off], kind="stable")]  # reported by shipment, then node
    for i in off[:5]:
        s, node = divmod(int(uniq[i]), n)
        fail.append(f"shipment {ids[s]}: flow not conserved at "
                    f"{net.node_ids[node]} (imbalance {balance[i]:.6g} t)")

    # loads: tonnes per (rules, route) pair, spread over its arcs and nodes (the first tail,
    # then every head)
    pair_t = np.bincount(g_pair, weights=g_t, minlength=len(pairs))
    n_arcs = pair_routes.lengths
    pa = pair_routes.arcs
    pt = np.repeat(pair_t, n_arcs)
    node_load = np.bincount(np.concatenate([start[n_arcs > 0], net.head[pa]]),
                            weights=np.concatenate([pair_t[n_arcs > 0], pt]),
                            minlength=net.n_nodes).astype(float)

    # capacities, recomputed from the network's per-year figures
    horizon = p.horizon_days / 365.0
    arc_load = np.bincount(pa, weights=pt, minlength=net.n_arcs).astype(float)
    row_load = net.row_loads(arc_load)
    row_cap = np.asarray(net.row_capacity_tpy, dtype=float) * horizon
    for r in np.flatnonzero(row_load > row_cap + atol)[:5]:
        if net.row_group[r]:
            what = f"capacity group {net.row_group[r]}"
        else:
            a = int(net.row_first_arc[r])
            what = (f"leg {net.leg_ids[int(net.arc_leg[a])]} ({net.node_ids[net.tail[a]]} → "
                    f"{net.node_ids[net.head[a]]})")
        fail.append(f"{what}: load {row_load[r]:,.3f} t > capacity {row_cap[r]:,.3f} t")
    node_cap = net.node_throughput_tpy * horizon
    for v in np.flatnonzero(node_load > node_cap + atol)[:5]:
        fail.append(f"node {net.node_ids[v]}: throughput {node_load[v]:,.3f} t > capacity "
                    f"{node_cap[v]:,.3f} t")

    # share caps
    planned = float(served.sum())
    for k, cap in enumerate(p.caps):
        if dep_t[k] > cap.fraction * planned + atol:
            fail.append(f"share cap {cap.key} ≤ {cap.fraction:.0%}: {dep_t[k]:,.3f} t of "
                        f"{planned:,.3f} t depend on it")

    # objective
    recomputed += float(sol.unserved @ sol.unserved_price[p.ship_group])
    if abs(recomputed - sol.objective) > rtol * max(1.0, abs(recomputed)):
        fail.append(f"objective {sol.objective:,.2f} USD ≠ recomputed {recomputed:,.2f} USD")

    if fail:
        raise SolverError("the plan failed verification: " + "; ".join(fail))


def _running_sum(x: np.ndarray) -> float:
    """``0.0 + x[0] + x[1] + ...`` in order (the floats a Python loop would give)."""
    return float(np.cumsum(x)[-1]) if len(x) else 0.0

"""Checking a solved plan independently of the solver that produced it.

Everything is recomputed from the network and the shipment book, not from the solver's
model: per-shipment arc flows, arc and node loads, route days and dependencies, costs from a
fresh :func:`~routing.costs.arc_costs` per shipment. A plan that fails any check raises
:class:`~network_data.errors.SolverError`: it is never reported.

Checks
------
* conservation at every node for every shipment: out − in = served at the origin, −served at
  the destination, 0 elsewhere (and every route is a contiguous path);
* every arc used is legal for the shipment (status, avoids, Class 7);
* arc and node loads ≤ capacity × horizon / 365;
* share caps: tonnes on routes depending on a key ≤ fraction × planned tonnes;
* deadlines: every route used takes ≤ max_days;
* served + unserved = tonnes, nothing negative;
* the reported objective equals the recomputed one.
"""

from __future__ import annotations

import dataclasses

import numpy as np

from network_data.errors import SolverError
from routing.costs import arc_costs
from routing.plan.solve import Solution


def verify(sol: Solution, *, rtol: float = 1e-6) -> None:
    """Raise :class:`SolverError` listing every failed check of ``sol``."""
    p = sol.problem
    net = p.net
    book = p.book.shipments
    n_ship = len(book)
    tonnes = np.array([s.tonnes for s in book], dtype=float)
    scale = max(1.0, float(tonnes.sum()))
    atol = rtol * scale
    fail: list[str] = []

    # served + unserved = tonnes
    served = np.bincount(sol.flow_ship, weights=sol.flow_tonnes, minlength=n_ship)
    if (sol.flow_tonnes < -atol).any() or (sol.unserved < -atol).any():
        fail.append("negative flow or unserved tonnage")
    bad = np.flatnonzero(np.abs(served + sol.unserved - tonnes) > rtol * np.maximum(1, tonnes))
    for s in bad[:5]:
        fail.append(f"shipment {book[s].shipment_id}: served {served[s]:.6g} + unserved "
                    f"{sol.unserved[s]:.6g} ≠ {tonnes[s]:.6g} t")

    # expand flows to (shipment, arc) pieces, recomputing each route's facts from the network
    origin = np.array([net.node_index[s.origin] for s in book], dtype=np.int64)
    dest = np.array([net.node_index[s.destination] for s in book], dtype=np.int64)
    piece_ship: list[np.ndarray] = []
    piece_arc: list[np.ndarray] = []
    piece_t: list[np.ndarray] = []
    node_load = np.zeros(net.n_nodes)
    usable_cache: dict[tuple[object, ...], tuple[np.ndarray, np.ndarray]] = {}
    recomputed = 0.0
    dep_t = np.zeros(len(p.caps))
    for s, j, t in zip(sol.flow_ship.tolist(), sol.flow_col.tolist(), sol.flow_tonnes.tolist()):
        ship = book[s]
        arcs = np.asarray(sol.columns[j].arcs, dtype=np.int64)
        if len(arcs) == 0 or (net.head[arcs[:-1]] != net.tail[arcs[1:]]).any():
            fail.append(f"shipment {ship.shipment_id}: route is not a contiguous path")
            continue
        key = (ship.value_usd_per_t, ship.class7_only, ship.avoid_countries,
               ship.avoid_corridors)
        if key not in usable_cache:
            params = dataclasses.replace(
                p.params, avoid_countries=p.params.avoid_countries | ship.avoid_countries,
                avoid_corridors=p.params.avoid_corridors | ship.avoid_corridors)
            c = arc_costs(net, value_usd_per_t=ship.value_usd_per_t, params=params,
                          class7_only=ship.class7_only)
            usable_cache[key] = (c.usable, c.total)
        usable, total = usable_cache[key]
        if not usable[arcs].all():
            fail.append(f"shipment {ship.shipment_id}: uses an arc its rules forbid")
        days = float(net.days[arcs].sum())
        if ship.max_days is not None and days > ship.max_days + 1e-6:
            fail.append(f"shipment {ship.shipment_id}: route takes {days:g} days > "
                        f"max_days {ship.max_days:g}")
        recomputed += t * float(total[arcs].sum())
        node_load[int(net.tail[arcs[0]])] += t
        np.add.at(node_load, net.head[arcs], t)
        for k, cap in enumerate(p.caps):
            if cap.key in net.country_index:
                depends = net.arc_country[arcs, net.country_index[cap.key]].any()
            else:
                depends = any(net.corridor[a] == cap.key for a in arcs.tolist())
            if depends:
                dep_t[k] += t
        piece_ship.append(np.full(len(arcs), s, dtype=np.int64))
        piece_arc.append(arcs)
        piece_t.append(np.full(len(arcs), t))
    if piece_arc:
        ps, pa, pt = np.concatenate(piece_ship), np.concatenate(piece_arc), \
            np.concatenate(piece_t)
    else:
        ps = pa = np.zeros(0, dtype=np.int64)
        pt = np.zeros(0)

    # conservation per shipment and node
    n = net.n_nodes
    keys = np.concatenate([ps * n + net.tail[pa], ps * n + net.head[pa],
                           np.arange(n_ship) * n + origin, np.arange(n_ship) * n + dest])
    vals = np.concatenate([pt, -pt, -served, served])
    uniq, inv = np.unique(keys, return_inverse=True)
    balance = np.bincount(inv, weights=vals, minlength=len(uniq))
    off = np.flatnonzero(np.abs(balance) > atol)
    for i in off[:5]:
        s, node = divmod(int(uniq[i]), n)
        fail.append(f"shipment {book[s].shipment_id}: flow not conserved at "
                    f"{net.node_ids[node]} (imbalance {balance[i]:.6g} t)")

    # capacities, recomputed from the network's per-year figures
    horizon = p.horizon_days / 365.0
    arc_load = np.bincount(pa, weights=pt, minlength=net.n_arcs)
    arc_cap = np.asarray(net.capacity_tpy, dtype=float) * horizon
    for a in np.flatnonzero(arc_load > arc_cap + atol)[:5]:
        fail.append(f"leg {net.leg_ids[int(net.arc_leg[a])]} ({net.node_ids[net.tail[a]]} → "
                    f"{net.node_ids[net.head[a]]}): load {arc_load[a]:,.3f} t > capacity "
                    f"{arc_cap[a]:,.3f} t")
    thr = net.network.nodes["throughput_tpy"].to_numpy(dtype=float, na_value=np.nan)
    node_cap = np.where(np.isnan(thr), np.inf, thr) * horizon
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

"""A verified plan as tidy tables: shipments × routes, leg and node loads, a summary.

Numbers are rounded once here (tonnes to 0.001 t, money to 0.01 USD) and rows are sorted,
so the same input gives byte-identical CSV and JSON.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from routing.costs import PARTS
from routing.plan.solve import Solution, SolveStats

#: Columns of :attr:`Plan.shipments` (list-valued ones are ``;``-joined in CSV).
SHIPMENT_COLUMNS = (
    "shipment_id", "status", "route", "origin", "destination", "commodity", "tonnes",
    "days", "distance_km", *(f"{p}_usd_per_t" for p in PARTS), "cost_usd_per_t", "cost_usd",
    "countries", "corridors", "chokepoints", "nodes", "legs", "reason",
)
LEG_COLUMNS = ("leg_id", "from_id", "to_id", "mode", "corridor", "load_t", "capacity_t",
               "utilisation", "dual_usd_per_t")
NODE_COLUMNS = ("node_id", "name", "load_t", "capacity_t", "utilisation", "dual_usd_per_t")
LIST_COLUMNS = ("countries", "corridors", "chokepoints", "nodes", "legs")


def _r(x: float, nd: int) -> float:
    v = round(float(x), nd)
    return 0.0 if v == 0 else v  # no "-0.0"


@dataclass(frozen=True)
class Plan:
    """A verified shipment plan.

    Attributes
    ----------
    shipments
        One row per shipment and route used (``status="planned"``), plus one row per
        shipment with unserved tonnage (``status="unserved"``, with ``reason``). Money per
        tonne split into the cost parts; ``cost_usd`` for the row's tonnes.
    legs
        One row per leg direction that carries flow or whose capacity binds: load,
        capacity for the horizon, utilisation and ``dual_usd_per_t``, the cost saved by one
        more tonne of capacity.
    nodes
        The same for nodes with a throughput capacity.
    summary
        Totals: cost, tonne-km, unserved tonnes, share of planned tonnage by country and by
        corridor, method, iterations, LP bound and (unsplittable) the optimality gap.
    stats
        Solver statistics and timings (kept out of :meth:`to_dict`, which is deterministic).
    solution
        The raw solution (columns, flows, duals) for further analysis.
    """

    shipments: pd.DataFrame
    legs: pd.DataFrame
    nodes: pd.DataFrame
    summary: dict[str, Any]
    stats: SolveStats
    solution: Solution

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ``{"summary", "shipments", "legs", "nodes"}``."""
        return {
            "summary": self.summary,
            "shipments": _records(self.shipments),
            "legs": _records(self.legs),
            "nodes": _records(self.nodes),
        }

    def shipments_csv(self) -> str:
        """:attr:`shipments` as CSV text (lists joined with ``;``)."""
        return _csv(self.shipments)

    def legs_csv(self) -> str:
        """:attr:`legs` as CSV text."""
        return _csv(self.legs)

    def to_geojson(self) -> dict[str, Any]:
        """Routes used as GeoJSON features (RFC 7946, lon/lat), one per shipment and route."""
        from network_data.geometry import geojson_line

        p = self.solution.problem
        net = p.net
        features = []
        for rec in _records(self.shipments):
            if rec["status"] != "planned":
                continue
            coords: list[tuple[float, float]] = []
            for leg, a, b in zip(rec["legs"], rec["nodes"][:-1], rec["nodes"][1:]):
                line = list(net.network.leg_coords[leg])
                if net.network.legs.at[leg, "from_id"] != a or \
                        net.network.legs.at[leg, "to_id"] != b:
                    line.reverse()
                coords.extend(line if not coords else line[1:])
            props = {k: v for k, v in rec.items() if k not in ("nodes", "legs")}
            features.append({"type": "Feature", "geometry": geojson_line(coords),
                             "properties": props})
        return {"type": "FeatureCollection", "features": features}


def _records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    out = frame.astype(object).where(frame.notna(), None).to_dict("records")
    return [{k: (list(v) if isinstance(v, tuple) else v) for k, v in r.items()} for r in out]


def _csv(frame: pd.DataFrame) -> str:
    flat = frame.copy()
    for col in LIST_COLUMNS:
        if col in flat.columns:
            flat[col] = [";".join(v) for v in flat[col]]
    return flat.to_csv(index=False, lineterminator="\n")


def build_plan(sol: Solution) -> Plan:
    """Tables and summary of a (verified) solution."""
    p = sol.problem
    net = p.net
    book = p.book.shipments
    names = net.network.nodes["name"]
    route_desc: dict[int, dict[str, Any]] = {}

    def describe(j: int) -> dict[str, Any]:
        if j not in route_desc:
            col = sol.columns[j]
            idx = np.asarray(col.arcs, dtype=np.int64)
            costs = p.classes[p.groups[col.group].cls].costs
            countries: dict[str, None] = {}
            for a in col.arcs:
                for c in net.arc_countries[a]:
                    countries.setdefault(c, None)
            route_desc[j] = {
                "days": _r(net.days[idx].sum(), 2),
                "distance_km": _r(net.distance_km[idx].sum(), 1),
                **{f"{part}_usd_per_t": _r(costs.parts[part][idx].sum(), 2) for part in PARTS},
                "cost_usd_per_t": _r(costs.total[idx].sum(), 2),
                "countries": tuple(countries),
                "corridors": tuple(dict.fromkeys(net.corridor[a] for a in col.arcs)),
                "chokepoints": tuple(net.node_ids[v] for v in col.nodes[1:-1]
                                     if net.node_kind[v] == "chokepoint"),
                "nodes": tuple(net.node_ids[v] for v in col.nodes),
                "legs": tuple(net.leg_ids[int(net.arc_leg[a])] for a in col.arcs),
                "_km": float(net.distance_km[idx].sum()),
                "_cost": float(costs.total[idx].sum()),
            }
        return route_desc[j]

    rows: list[dict[str, Any]] = []
    order = np.lexsort((sol.flow_col, sol.flow_ship))
    flows_by_ship: dict[int, list[tuple[int, float]]] = {}
    for i in order.tolist():
        flows_by_ship.setdefault(int(sol.flow_ship[i]), []).append(
            (int(sol.flow_col[i]), float(sol.flow_tonnes[i])))
    tonne_km = 0.0
    cost_total = 0.0
    parts_total = dict.fromkeys(PARTS, 0.0)
    by_country: dict[str, float] = {}
    by_corridor: dict[str, float] = {}
    for s, ship in enumerate(book):
        base = {"shipment_id": ship.shipment_id, "origin": ship.origin,
                "destination": ship.destination, "commodity": ship.commodity}
        flows = sorted(flows_by_ship.get(s, []), key=lambda f: (-f[1], f[0]))
        for k, (j, t) in enumerate(flows, start=1):
            d = describe(j)
            tonne_km += t * d["_km"]
            cost_total += t * d["_cost"]
            for part in PARTS:
                parts_total[part] += t * d[f"{part}_usd_per_t"]
            for c in d["countries"]:
                by_country[c] = by_country.get(c, 0.0) + t
            for c in d["corridors"]:
                by_corridor[c] = by_corridor.get(c, 0.0) + t
            rows.append({**base, "status": "planned", "route": k, "tonnes": _r(t, 3),
                         **{c: v for c, v in d.items() if not c.startswith("_")},
                         "cost_usd": _r(t * d["_cost"], 2), "reason": ""})
        if sol.unserved[s] > 1e-9:
            price = float(sol.unserved_price[p.ship_group[s]])
            rows.append({**base, "status": "unserved", "route": 0,
                         "tonnes": _r(sol.unserved[s], 3), "days": None,
                         "distance_km": None,
                         **{f"{part}_usd_per_t": None for part in PARTS},
                         "cost_usd_per_t": _r(price, 2),
                         "cost_usd": _r(sol.unserved[s] * price, 2), "countries": (),
                         "corridors": (), "chokepoints": (), "nodes": (), "legs": (),
                         "reason": sol.reasons[s]})
    shipments = pd.DataFrame(rows, columns=list(SHIPMENT_COLUMNS))
    shipments["route"] = shipments["route"].astype(int)

    # loads, recomputed from flows
    arc_load = np.zeros(net.n_arcs)
    node_load = np.zeros(net.n_nodes)
    for j, t in zip(sol.flow_col.tolist(), sol.flow_tonnes.tolist()):
        col = sol.columns[j]
        np.add.at(arc_load, np.asarray(col.arcs), t)
        np.add.at(node_load, np.asarray(col.nodes), t)
    shown = np.flatnonzero((arc_load > 1e-9) | (sol.duals.p_arc > 1e-9))
    legs = pd.DataFrame({
        "leg_id": [net.leg_ids[int(net.arc_leg[a])] for a in shown],
        "from_id": [net.node_ids[int(net.tail[a])] for a in shown],
        "to_id": [net.node_ids[int(net.head[a])] for a in shown],
        "mode": [net.mode[a] for a in shown],
        "corridor": [net.corridor[a] for a in shown],
        "load_t": [_r(arc_load[a], 3) for a in shown],
        "capacity_t": [_r(p.arc_cap[a], 3) if np.isfinite(p.arc_cap[a]) else None
                       for a in shown],
        "utilisation": [_r(arc_load[a] / p.arc_cap[a], 4) if np.isfinite(p.arc_cap[a])
                        and p.arc_cap[a] > 0 else None for a in shown],
        "dual_usd_per_t": [_r(sol.duals.p_arc[a], 2) for a in shown],
    }, columns=list(LEG_COLUMNS))
    legs = legs.sort_values(["leg_id", "from_id"], kind="stable").reset_index(drop=True)
    nshown = np.flatnonzero(np.isfinite(p.node_cap) & ((node_load > 1e-9) |
                                                       (sol.duals.p_node > 1e-9)))
    nodes = pd.DataFrame({
        "node_id": [net.node_ids[v] for v in nshown],
        "name": [str(names.iloc[v]) for v in nshown],
        "load_t": [_r(node_load[v], 3) for v in nshown],
        "capacity_t": [_r(p.node_cap[v], 3) for v in nshown],
        "utilisation": [_r(node_load[v] / p.node_cap[v], 4) if p.node_cap[v] > 0 else None
                        for v in nshown],
        "dual_usd_per_t": [_r(sol.duals.p_node[v], 2) for v in nshown],
    }, columns=list(NODE_COLUMNS)).sort_values("node_id", kind="stable").reset_index(drop=True)

    planned = float(sol.flow_tonnes.sum())
    unserved = float(sol.unserved.sum())
    st = sol.stats
    summary: dict[str, Any] = {
        "shipments": len(book),
        "tonnes": _r(sum(s.tonnes for s in book), 3),
        "planned_tonnes": _r(planned, 3),
        "unserved_tonnes": _r(unserved, 3),
        "shipments_fully_served": int(sum(1 for s in range(len(book))
                                          if sol.unserved[s] <= 1e-9)),
        "total_cost_usd": _r(cost_total, 2),
        "cost_by_part_usd": {part: _r(v, 2) for part, v in parts_total.items()},
        "unserved_penalty_usd": _r(sol.objective - cost_total, 2),
        "objective_usd": _r(sol.objective, 2),
        "tonne_km": _r(tonne_km, 1),
        "share_by_country": {c: _r(t / planned, 4) for c, t in
                             sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))}
        if planned > 0 else {},
        "share_by_corridor": {c: _r(t / planned, 4) for c, t in
                              sorted(by_corridor.items(), key=lambda kv: (-kv[1], kv[0]))}
        if planned > 0 else {},
        "max_share": {cap.key: cap.fraction for cap in p.caps},
        "horizon_days": p.horizon_days,
        "method": st.method,
        "lp_needed": st.method != "shortest_paths",
        "iterations": st.iterations,
        "routes_generated": st.columns,
        "lp_bound_usd": None if st.lp_bound is None else _r(st.lp_bound, 2),
        "mip_gap": None if st.mip_gap is None else _r(st.mip_gap, 6),
        "mip_optimal": st.mip_optimal,
        "binding_legs": sorted({net.leg_ids[int(net.arc_leg[a])]
                                for a in np.flatnonzero(sol.duals.p_arc > 1e-9)}),
        "binding_caps": sorted(cap.key for k, cap in enumerate(p.caps)
                               if sol.duals.q[k] > 1e-9),
        "notes": list(st.notes),
    }
    return Plan(shipments=shipments, legs=legs, nodes=nodes, summary=summary, stats=st,
                solution=sol)

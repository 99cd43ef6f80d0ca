"""A verified plan as tidy tables: shipments × routes, leg and node loads, a summary.

Numbers are rounded once here (tonnes to 0.001 t, money to 0.01 USD) and rows are sorted,
so the same input gives byte-identical CSV and JSON.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corridor.network_data.arrays import object_array
from corridor.network_data.errors import InputError, Problem
from corridor.network_data.io import column_key
from corridor.network_data.shipments import ShipmentBook
from corridor.routing.compile import CompiledNetwork
from corridor.routing.costs import PARTS
from corridor.routing.paths import SEA_MODES, land_route_name
from corridor.routing.plan.arrays import ranges
from corridor.routing.plan.columns import Routes
from corridor.routing.plan.problem import PlanProblem
from corridor.routing.plan.solve import Solution, SolveStats

#: Columns of :attr:`Plan.shipments` (list-valued ones are ``;``-joined in CSV).
SHIPMENT_COLUMNS = (
    "shipment_id", "status", "route", "origin", "destination", "commodity", "service", "tonnes",
    "days", "distance_km", *(f"{p}_usd_per_t" for p in PARTS), "cost_usd_per_t", "cost_usd",
    "countries", "corridors", "passages", "nodes", "legs", "reason", "notes",
)
LEG_COLUMNS = ("leg_id", "from_id", "to_id", "mode", "corridor", "load_t", "capacity_group",
               "capacity_t", "utilisation", "dual_usd_per_t")
NODE_COLUMNS = ("node_id", "name", "load_t", "capacity_t", "utilisation", "dual_usd_per_t")
LIST_COLUMNS = ("countries", "corridors", "passages", "nodes", "legs")


def _r(x: float, nd: int) -> float:
    return round(float(x), nd) + 0.0  # + 0.0: no "-0.0"


def _rounded(x: np.ndarray, nd: int) -> np.ndarray:
    """:func:`_r` of every element: Python's correctly rounded ``round``, not NumPy's.

    Vectorised: ``y = x·10^nd`` is within half an ulp of the exact product, so where ``y`` is
    not within a few ulps of a tie (``k + ½``) its nearest integer ``k`` is the exact
    product's, and ``k / 10^nd`` (one correctly rounded division) is the double nearest the
    decimal ``k·10^-nd``, as ``round`` returns. Near-ties, huge values and NaN/inf go
    through ``round`` itself.
    """
    x = np.asarray(x, dtype=float)
    scale = 10.0 ** nd
    with np.errstate(invalid="ignore", over="ignore"):
        y = x * scale
        out = np.rint(y) / scale
        slow = ~(np.abs(y) < 2.0 ** 52) | (np.abs(np.abs(y - np.trunc(y)) - 0.5)
                                            <= 8 * np.spacing(np.abs(y)))
    if slow.any():
        out[slow] = [round(v, nd) for v in x[slow].tolist()]
    return out + 0.0


#: What :attr:`Plan.status` can say (a plan that could not be made raises instead).
PLAN_STATUSES = {
    "optimal": "every tonne planned, at least cost",
    "optimal_with_unserved": "at least cost, with some tonnes unserved (no legal or timely "
                             "route, no room left, or cheaper to leave; each row says why)",
    "time_limit": "every tonne planned; the unsplittable solve stopped at its time limit "
                  "with this plan, not proven optimal (summary mip_gap: how far it may be)",
    "time_limit_with_unserved": "as time_limit, with some tonnes unserved",
}


@dataclass(frozen=True)
class PlanOptions:
    """The options of :func:`corridor.routing.plan.plan` a plan was solved with, besides
    those its problem holds (cost parameters, share caps, horizon)."""

    unsplittable: bool = False
    time_limit_s: float = 60.0
    lp_solver: str = "GLOP"
    mip_solver: str = "SCIP"


@dataclass(frozen=True)
class Plan:
    """A verified shipment plan.

    Its files and JSON are written by :mod:`corridor.reports` (``plan_json``,
    ``shipments_csv``, ``write_plan_files``...).

    Attributes
    ----------
    shipments
        One row per shipment and route used (``status="planned"``), plus one row per
        shipment with unserved tonnage (``status="unserved"``, with ``reason``). Money per
        tonne split into the cost parts; ``cost_usd`` for the row's tonnes; then the book's
        own columns (:attr:`~corridor.network_data.shipments.ShipmentBook.extra`), as text.
    legs
        One row per leg direction that carries flow or whose own capacity binds: load,
        capacity for the horizon, utilisation and ``dual_usd_per_t``, the cost saved by one
        more tonne of capacity. A leg in a capacity group shows the group's capacity,
        utilisation and dual; unloaded members are left out (``summary["capacity_groups"]``
        has every group).
    nodes
        The same for nodes with a throughput capacity.
    summary
        Totals: cost, tonne-km, unserved tonnes, share of planned tonnage by country and by
        corridor, method, iterations, LP bound and (unsplittable) the optimality gap.
    stats
        Solver statistics and timings (kept out of the plan's JSON, which is deterministic).
    solution
        The raw solution (columns, flows, duals) for further analysis; its ``problem`` holds
        the network, the book, the cost parameters, share caps and horizon.
    options
        The other options it was solved with (unsplittable, time limit, solver backends).
    """

    shipments: pd.DataFrame
    legs: pd.DataFrame
    nodes: pd.DataFrame
    summary: dict[str, Any]
    stats: SolveStats
    solution: Solution
    options: PlanOptions = PlanOptions()

    @property
    def status(self) -> str:
        """The outcome, one of :data:`PLAN_STATUSES`: ``optimal`` unless some tonnes are
        unserved or the unsplittable solve stopped at its time limit."""
        stopped = self.stats.mip_optimal is False  # None: no integer solve
        unserved = self.summary["unserved_tonnes"] > 0
        return ("time_limit" if stopped else "optimal") + ("_with_unserved" if unserved
                                                           else "")

    def route_names(self, rows: pd.DataFrame | None = None) -> list[str]:
        """Short names of the routes of ``rows`` (planned rows of :attr:`shipments`; all of
        them by default), as ``corridor route`` names routes: the land corridors and the
        states crossed between the ends' countries, e.g. ``trans_caspian via AZ-GE``."""
        if rows is None:
            rows = self.shipments[self.shipments["status"] == "planned"]
        net = self.solution.problem.net
        # a leg's arcs (one per direction) share its mode and countries: any one will do
        arc_of_leg = dict(zip((net.leg_ids[i] for i in net.arc_leg.tolist()),
                              range(net.n_arcs)))
        names: dict[tuple[str, ...], str] = {}  # a route's legs fix its ends too
        for legs, corridors, origin, destination in zip(
                rows["legs"].tolist(), rows["corridors"].tolist(), rows["origin"].tolist(),
                rows["destination"].tolist()):
            if legs not in names:
                arcs = [arc_of_leg[leg] for leg in legs]
                land = [c for a in arcs if net.mode[a] not in SEA_MODES for c in net.arc_keys[a]]
                ends = {net.node_country[net.node_index[origin]],
                        net.node_country[net.node_index[destination]]}
                names[legs] = land_route_name(corridors, list(dict.fromkeys(land)), ends)
        return [names[legs] for legs in rows["legs"].tolist()]


def check_book_columns(book: ShipmentBook) -> None:
    """Refuse a book whose own columns would clash with a column the plan writes beside
    them (``route``, ``status``, ``cost_usd``...; case and spaces ignored, as in a header):
    ``InputError`` naming each."""
    problems = [Problem(book.source, 1 if book.path is not None else None, name,  # header
                        f"the plan writes a column '{column_key(name)}' of its own; rename "
                        "this one in the book") for name in book.extra
                if column_key(name) in SHIPMENT_COLUMNS]
    if problems:
        raise InputError(problems)


def build_plan(sol: Solution, options: PlanOptions = PlanOptions()) -> Plan:
    """Tables and summary of a (verified) solution solved with ``options``."""
    p = sol.problem
    net = p.net
    book = p.book
    names = net.network.nodes["name"]
    n_ship = len(book)

    # Flows in table order: by shipment, then most tonnes first, then column.
    order = np.lexsort((sol.flow_col, -sol.flow_tonnes, sol.flow_ship))
    f_ship = sol.flow_ship[order]
    f_col = sol.flow_col[order]
    f_t = sol.flow_tonnes[order]
    n_flow = len(order)
    # Each route used is described once (sums per route, then indexed by flow).
    used, f_route = np.unique(f_col, return_inverse=True)
    f_route = f_route.reshape(-1)
    routes = sol.columns.take(used)
    route_cls = p.group_class[routes.group]
    reducer = routes.reducer
    km = reducer.sums(net.distance_km)
    cost, *by_part = reducer.sums_by_rows_each(
        [p.class_total, *(np.stack([c.costs.parts[part] for c in p.classes]) for part in PARTS)],
        route_cls)
    part_sums = dict(zip(PARTS, by_part))
    days_r = _rounded(reducer.sums_by_rows(p.class_days, route_cls), 2)
    km_r = _rounded(km, 1)
    parts_r = {part: _rounded(part_sums[part], 2) for part in PARTS}
    cost_r = _rounded(cost, 2)
    keys, corridors, r_nodes, r_legs = _route_labels(net, routes)
    r_keys, r_corridors = keys.tuples(), corridors.tuples()
    passage_keys = set(net.passages)
    r_countries = [tuple(k for k in ks if k not in passage_keys) for ks in r_keys]
    r_passages = [tuple(k for k in ks if k in passage_keys) for ks in r_keys]

    # Totals, added in table order (as a running sum: the same floats as a loop).
    def running_sum(x: np.ndarray) -> float:
        return float(np.cumsum(x)[-1]) if len(x) else 0.0

    tonne_km = running_sum(f_t * km[f_route])
    cost_total = running_sum(f_t * cost[f_route])
    parts_total = {part: running_sum(f_t * np.asarray(parts_r[part])[f_route])
                   for part in PARTS}
    by_key = _shares(keys, f_route, f_t)
    by_country = {k: t for k, t in by_key.items() if k not in passage_keys}
    by_passage = {k: t for k, t in by_key.items() if k in passage_keys}
    by_corridor = _shares(corridors, f_route, f_t)

    # Rows: each shipment's planned routes (numbered 1, 2...), then its unserved tonnage.
    unserved_ships = np.flatnonzero(sol.unserved > 1e-9)
    n_uns = len(unserved_ships)
    row_ship = np.concatenate([f_ship, unserved_ships])
    row_kind = np.concatenate([np.zeros(n_flow, dtype=np.int64),
                               np.ones(n_uns, dtype=np.int64)])
    row_order = np.lexsort((row_kind, row_ship))
    is_flow = row_order < n_flow
    first = np.ones(n_flow, dtype=bool)
    first[1:] = f_ship[1:] != f_ship[:-1]
    starts = np.flatnonzero(first)
    rank = np.arange(n_flow) - np.repeat(starts, np.diff(np.append(starts, n_flow))) + 1
    route_num = np.concatenate([rank, np.zeros(n_uns, dtype=np.int64)])[row_order]
    ship_of_row = row_ship[row_order]
    # per row: the route (index into the used routes), or -1 for an unserved row
    row_route = np.concatenate([f_route, np.full(n_uns, -1, dtype=np.int64)])[row_order]
    # per row: tonnes and price per tonne (route cost, or the unserved price)
    planned_row = row_route >= 0
    flow_of_row = np.where(planned_row, row_order, 0)
    uns_of_row = np.where(planned_row, 0, row_order - n_flow)
    uns_price = sol.unserved_price[p.ship_group[unserved_ships]].astype(float)
    row_t = np.where(planned_row, f_t[flow_of_row] if n_flow else 0.0,
                     sol.unserved[unserved_ships][uns_of_row] if n_uns else 0.0)
    row_price = np.where(planned_row, cost[row_route] if len(cost) else 0.0,
                         uns_price[uns_of_row] if n_uns else 0.0)
    row_price_r = np.append(cost_r, np.nan)[row_route]
    row_price_r[~planned_row] = _rounded(row_price[~planned_row], 2)
    reasons = np.full(len(row_order), "", dtype=object)
    reasons[~planned_row] = [sol.reasons[int(s)] for s in
                             unserved_ships[uns_of_row[~planned_row]].tolist()]
    tonnes_r = _rounded(row_t, 3)
    cost_usd_r = _rounded(row_t * row_price, 2)
    # one string object per status, not one per row (100 MB for a million-shipment book)
    status = object_array(("unserved", "planned"))[is_flow.astype(np.intp)]
    # A row array is 14 MB per million rows, and the table's columns are made next: the
    # per-row intermediates go first, so that they are not all held at the peak.
    del row_ship, row_kind, is_flow, first, starts, rank, planned_row, flow_of_row, \
        uns_of_row, row_t, row_price

    def per_route(values: np.ndarray) -> np.ndarray:
        """Each row's route value (NaN on unserved rows)."""
        return np.append(values, np.nan)[row_route]

    def per_route_list(values: list[tuple[str, ...]]) -> np.ndarray:
        """Each row's route list (empty on unserved rows), the same tuple object per route."""
        return object_array([*values, ()])[row_route]

    data: dict[str, Any] = {
        "shipment_id": book.shipment_id[ship_of_row],
        "status": status,
        "route": route_num,
        "origin": book.origin[ship_of_row],
        "destination": book.destination[ship_of_row],
        "commodity": book.commodity[ship_of_row],
        # the service each moved at: its own, else the plan's
        "service": _services(book, p.net.service)[ship_of_row],
        "tonnes": tonnes_r,
        "days": per_route(days_r),
        "distance_km": per_route(km_r),
        **{f"{part}_usd_per_t": per_route(parts_r[part]) for part in PARTS},
        "cost_usd_per_t": row_price_r,
        "cost_usd": cost_usd_r,
        "countries": per_route_list(r_countries),
        "corridors": per_route_list(r_corridors),
        "passages": per_route_list(r_passages),
        "nodes": per_route_list(r_nodes),
        "legs": per_route_list(r_legs),
        "reason": reasons,
        "notes": book.notes[ship_of_row],
        **{name: cells[ship_of_row] for name, cells in book.extra.items()},
    }
    columns = [*SHIPMENT_COLUMNS, *book.extra]
    n_rows = len(row_order)
    del row_order, ship_of_row, route_num, row_price_r, reasons, tonnes_r, \
        cost_usd_r, status
    if n_rows:
        # copy=False: each column keeps its array (made here for the table alone) as its own
        # block; the default copies every one of them into blocks by dtype, holding both
        # (~300 MB more at a million rows)
        shipments = pd.DataFrame({c: data.pop(c) for c in columns}, columns=columns,
                                 copy=False)
    else:
        shipments = pd.DataFrame([], columns=columns)
    shipments["route"] = shipments["route"].astype(int)

    # loads, recomputed from the flows (in the solution's order, as the totals are added)
    route_of_flow = np.empty(n_flow, dtype=np.int64)
    route_of_flow[order] = f_route
    arc_load, node_load = _loads(net, routes, route_of_flow, sol.flow_tonnes)
    # a capacitated arc's capacity and utilisation are its row's (a capacity group: the
    # group's total load against the shared capacity)
    row_load = net.row_loads(arc_load)
    arc_row_load = np.where(net.cap_row >= 0, row_load[np.maximum(net.cap_row, 0)]
                            if len(row_load) else 0.0, arc_load)
    # legs that carry flow, and those whose own capacity binds; an unloaded member of a
    # binding capacity group would only repeat the group's price (summary.capacity_groups)
    row_is_group = np.array([bool(g) for g in net.row_group] + [False], dtype=bool)
    in_group = row_is_group[net.cap_row]  # cap_row -1 reads the trailing False
    shown = np.flatnonzero((arc_load > 1e-9) | ((sol.duals.p_arc > 1e-9) & ~in_group))
    lab = net.labels
    # table order: by leg id, then from id (stable: arc order on ties)
    shown = shown[np.lexsort((lab.node_id[net.tail[shown]].astype(str),
                              lab.leg_id[shown].astype(str)))]
    shown_cap = p.arc_cap[shown]
    limited = np.isfinite(shown_cap)
    with np.errstate(divide="ignore", invalid="ignore"):
        util = _rounded(arc_row_load[shown] / shown_cap, 4).tolist()
    cap_t = _rounded(shown_cap, 3).tolist()
    legs = pd.DataFrame({
        "leg_id": lab.leg_id[shown].tolist(),
        "from_id": lab.node_id[net.tail[shown]].tolist(),
        "to_id": lab.node_id[net.head[shown]].tolist(),
        "mode": [net.mode[a] for a in shown.tolist()],
        "corridor": lab.corridor[shown].tolist(),
        "load_t": _rounded(arc_load[shown], 3).tolist(),
        "capacity_group": [net.row_group[r] if r >= 0 else ""
                           for r in net.cap_row[shown].tolist()],
        "capacity_t": [c if ok else None for c, ok in zip(cap_t, limited.tolist())],
        "utilisation": [v if ok else None for v, ok in
                        zip(util, (limited & (shown_cap > 0)).tolist())],
        "dual_usd_per_t": _rounded(sol.duals.p_arc[shown], 2).tolist(),
    }, columns=list(LEG_COLUMNS))
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
    share_caps = _cap_summary(p, routes, f_route, f_t, planned, sol.duals.q)
    summary: dict[str, Any] = {
        "shipments": len(book),
        "tonnes": _r(book.total_tonnes, 3),
        "planned_tonnes": _r(planned, 3),
        "unserved_tonnes": _r(unserved, 3),
        "shipments_fully_served": int((sol.unserved[:n_ship] <= 1e-9).sum()),
        "total_cost_usd": _r(cost_total, 2),
        "cost_by_part_usd": {part: _r(v, 2) for part, v in parts_total.items()},
        "unserved_penalty_usd": _r(sol.objective - cost_total, 2),
        "objective_usd": _r(sol.objective, 2),
        "tonne_km": _r(tonne_km, 1),
        "share_by_country": {c: _r(t / planned, 4) for c, t in
                             sorted(by_country.items(), key=lambda kv: (-kv[1], kv[0]))}
        if planned > 0 else {},
        "share_by_passage": {c: _r(t / planned, 4) for c, t in
                             sorted(by_passage.items(), key=lambda kv: (-kv[1], kv[0]))}
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
        "binding_caps": sorted(key for key, cap in share_caps.items() if cap["binding"]),
        "share_caps": share_caps,
        "capacity_groups": _group_summary(net, p.row_cap, row_load, sol.duals.p_arc),
        "notes": list(st.notes),
    }
    return Plan(shipments=shipments, legs=legs, nodes=nodes, summary=summary, stats=st,
                solution=sol, options=options)


@dataclass(frozen=True)
class RouteLabels:
    """Distinct labels per route: route ``j``'s are ``codes[offsets[j]:offsets[j + 1]]``
    (indices into ``names``), in order of first appearance along the route."""

    names: tuple[str, ...]
    offsets: np.ndarray
    codes: np.ndarray

    @property
    def route(self) -> np.ndarray:
        """The route of each entry of ``codes``."""
        return np.repeat(np.arange(len(self.offsets) - 1), np.diff(self.offsets))

    def tuples(self) -> list[tuple[str, ...]]:
        """Each route's labels as a tuple of names."""
        return _cut([self.names[c] for c in self.codes.tolist()], self.offsets)


def _cut(names: list[str], offsets: np.ndarray) -> list[tuple[str, ...]]:
    """``names`` cut into one tuple per run (run ``j`` is ``offsets[j]:offsets[j + 1]``)."""
    return [tuple(names[a:b]) for a, b in itertools.pairwise(offsets.tolist())]


def _route_labels(net: CompiledNetwork, routes: Routes
                  ) -> tuple[RouteLabels, RouteLabels, list[tuple[str, ...]],
                             list[tuple[str, ...]]]:
    """Per route: dependency keys (countries and passages) and corridors (each once, in
    order of first appearance along the route), node ids and leg ids; all routes named at
    once."""
    lab = net.labels
    arcs, nodes = routes.arcs, routes.nodes
    r_legs = _cut(lab.leg_id[arcs].tolist(), routes.offsets)
    r_nodes = _cut(lab.node_id[nodes].tolist(), routes.node_offsets)
    corridor_names, corridor_code = net.corridor_codes
    corridors = RouteLabels(corridor_names, *routes.distinct_in_order(corridor_code[arcs],
                                                                      routes.route_of_arc))
    # an arc's keys, in the order arc_keys lists them, once per run of arcs with the same
    # keys (a run adds nothing new after its first arc)
    set_of_arc, ptr, country = net.arc_key_sets
    sets = set_of_arc[arcs]
    run = np.ones(len(arcs), dtype=bool)
    run[1:] = (sets[1:] != sets[:-1]) | (routes.route_of_arc[1:] != routes.route_of_arc[:-1])
    first = np.flatnonzero(run)
    count = np.diff(ptr)[sets[first]]
    entries = country[ranges(ptr[sets[first]], count)]
    keys = RouteLabels(net.keys, *routes.distinct_in_order(
        entries, np.repeat(routes.route_of_arc[first], count)))
    return keys, corridors, r_nodes, r_legs


def _cap_summary(p: PlanProblem, routes: Routes, f_route: np.ndarray, f_t: np.ndarray,
                 planned: float, q: np.ndarray) -> dict[str, dict[str, Any]]:
    """Per share cap: its fraction, the planned share depending on its key, whether it
    binds, its dual (USD saved per tonne more of dependent tonnage allowed) and what one
    more percentage point of cap is worth.

    The cap row is ``Σ (dep − F) x ≤ 0``, so by the envelope theorem raising ``F`` by one
    point saves ``q × planned tonnes / 100`` at the margin (checked against re-planning
    with the cap moved in the tests); it holds until the plan changes basis.
    """
    dep_t = f_t @ routes.dep[f_route] if len(f_t) else np.zeros(len(p.caps))
    out = {}
    for k, cap in enumerate(p.caps):
        dual = float(q[k]) if q[k] > 1e-9 else 0.0
        out[cap.key] = {"max_share": cap.fraction,
                        "share": _r(float(dep_t[k]) / planned, 4) if planned > 0 else 0.0,
                        "binding": dual > 0,
                        "dual_usd_per_t": _r(dual, 4),
                        "usd_per_point": _r(dual * planned / 100, 2)}
    return out


def _group_summary(net: CompiledNetwork, row_cap: np.ndarray, row_load: np.ndarray,
                   p_arc: np.ndarray) -> dict[str, dict[str, float]]:
    """Load, shared capacity, utilisation and dual of each capacity group, by label."""
    out: dict[str, dict[str, float]] = {}
    for r, group in enumerate(net.row_group):
        if group:
            arc = int(net.row_first_arc[r])
            out[group] = {"load_t": _r(row_load[r], 3), "capacity_t": _r(row_cap[r], 3),
                          "utilisation": _r(row_load[r] / row_cap[r], 4) if row_cap[r] > 0
                          else 0.0, "dual_usd_per_t": _r(p_arc[arc], 2)}
    return dict(sorted(out.items()))


def _loads(net: CompiledNetwork, routes: Routes, route_of_flow: np.ndarray,
           flow_tonnes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Tonnes through each arc and each node: the flows' tonnes totalled per route (in flow
    order), then spread over the routes' arcs and nodes."""
    col_t = np.bincount(route_of_flow, weights=flow_tonnes, minlength=len(routes))
    arc_load = np.bincount(routes.arcs, weights=col_t[routes.route_of_arc],
                           minlength=net.n_arcs).astype(float)
    node_load = np.bincount(routes.nodes, weights=col_t[routes.route_of_node],
                            minlength=net.n_nodes).astype(float)
    return arc_load, node_load


def _shares(labels: RouteLabels, f_route: np.ndarray, f_t: np.ndarray) -> dict[str, float]:
    """Tonnes per label (country or corridor) over the flows, each a running sum in order."""
    out: dict[str, float] = {}
    member = np.zeros((len(labels.offsets) - 1, len(labels.names)), dtype=bool)
    member[labels.route, labels.codes] = True
    per_flow = member[f_route]
    for i in sorted(range(len(labels.names)), key=lambda i: labels.names[i]):
        t = f_t[per_flow[:, i]]
        if len(t):
            out[labels.names[i]] = float(np.cumsum(t)[-1])
    return out


def _services(book: ShipmentBook, default: str) -> np.ndarray:
    """Each shipment's service level: its own, else the plan's ``default``."""
    named = book.services(default)
    return np.full(len(book), default, dtype=object) if named is None else named

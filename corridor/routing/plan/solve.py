"""Solving a :class:`~corridor.routing.plan.problem.PlanProblem`: shortest paths first, the LP only
where capacities, caps or prices bind.

1. **Shortest paths.** Every demand group gets its cheapest legal route (batched Dijkstra per
   cost class; the exact deadline search where the cheapest route is too slow). If these
   routes respect every capacity and share cap, they *are* the optimum (each group pays its
   own minimum) and no LP is built: the duals are zero and the plan says so.
2. **Column generation** otherwise. The restricted master (:mod:`corridor.routing.plan.master`)
   starts from those routes; pricing finds, per group, the route of least reduced cost
   ``c_r + Σ_{a∈r} p_a + Σ_{n∈r} p_n + Σ_k q_k (dep_k(r) − F_k) − π_g``. The cap term is not
   additive over arcs (a route depends on a key once, however many of its arcs do), so
   pricing enumerates the subsets ``S`` of binding caps a route avoids: arcs depending on
   ``S`` are removed and every other binding key is charged once. The minimum over subsets
   is exact. Groups whose reduced cost cannot be negative (their lower bound
   ``c_min + p_origin + p_destination − Σ F_k q_k − π_g ≥ 0``) are not priced at all, and
   when no cap binds, only the routes whose tree distance leaves room for a negative reduced
   cost are read back from the trees. The loop ends when no route has a negative reduced
   cost: the LP optimum over all routes.
3. **Unsplittable** (optional): SCIP over the generated routes, each shipment on one route or
   unserved; the gap is reported against the LP optimum (a lower bound).
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from corridor.network_data.errors import SolverError
from corridor.routing.plan.arrays import RouteArcs, concat_runs, join_runs, split_runs, take_runs
from corridor.routing.plan.columns import CapacityTerms, Routes
from corridor.routing.plan.master import Duals, LPFailure, LPMaster, solve_unsplittable
from corridor.routing.plan.problem import PlanProblem
from corridor.routing.plan.search import (
    ArcPairs,
    TreePaths,
    deadline_path,
    read_paths,
    shortest_trees,
)

#: Unserved tonnage costs this many times the group's cheapest legal route ...
UNSERVED_FACTOR = 10.0
#: ... plus this many USD per tonne (also the price when there is no route at all).
UNSERVED_FLOOR_USD_PER_T = 1000.0

Progress = Callable[[str], None]
#: Which routes to read, from the groups and their tree distances (see ``best_routes``).
Screen = Callable[[np.ndarray, np.ndarray], np.ndarray]


@dataclass
class SolveStats:
    """What the solve did and where the time went."""

    method: str = "shortest_paths"  # or "column_generation", "column_generation+mip"
    iterations: int = 0
    columns: int = 0
    lp_solves: int = 0
    lp_rows: int = 0
    path_seconds: float = 0.0  # inside Dijkstra / deadline searches
    lp_seconds: float = 0.0  # inside GLOP
    mip_seconds: float = 0.0  # inside SCIP
    mip_gap: float | None = None  # (MIP − LP bound) / MIP, unsplittable only
    mip_optimal: bool | None = None
    lp_bound: float | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def solver_seconds(self) -> float:
        """Time spent inside solver calls (path searches, LP, MIP)."""
        return self.path_seconds + self.lp_seconds + self.mip_seconds


@dataclass(frozen=True)
class Solution:
    """A solved plan in solver terms: shipment flows on columns, unserved tonnes, prices."""

    problem: PlanProblem
    columns: Routes
    flow_ship: np.ndarray  # per flow: shipment index
    flow_col: np.ndarray  # per flow: column index
    flow_tonnes: np.ndarray
    unserved: np.ndarray  # per shipment
    unserved_price: np.ndarray  # per group, USD/t
    reasons: tuple[str, ...]  # per shipment ('' when fully served)
    duals: Duals
    objective: float  # route costs + unserved penalties, USD
    stats: SolveStats
    #: each routable group's cheapest legal route (the first stage), for a warm start
    first: Found | None = None


@dataclass(frozen=True)
class WarmStart:
    """A solved plan to start from when the problem is the same but for arcs taken away
    (a closure: the same book, costs, capacities and caps, fewer usable arcs).

    Its cheapest routes that are still legal stay the cheapest (nothing got cheaper), so only
    the groups that lost theirs are searched again; its columns that are still legal seed
    the master. :func:`solve` checks the problems match and starts cold otherwise."""

    solution: Solution


@dataclass(frozen=True)
class Found:
    """Routes found by a search, end to end: group ``group[i]``'s is
    ``arcs[offsets[i]:offsets[i + 1]]`` (each group at most once)."""

    group: np.ndarray
    arcs: np.ndarray
    offsets: np.ndarray

    @staticmethod
    def of(groups: np.ndarray, paths: Sequence[np.ndarray]) -> Found:
        """From one arc array per group."""
        return Found(np.asarray(groups, dtype=np.int64), *join_runs(paths))

    @staticmethod
    def concat(parts: Sequence[Found]) -> Found:
        """The routes of ``parts``, one after another."""
        if len(parts) == 1:
            return parts[0]
        if not parts:
            return Found.of(np.zeros(0, dtype=np.int64), [])
        return Found(np.concatenate([f.group for f in parts]),
                     *concat_runs([(f.arcs, f.offsets) for f in parts]))

    def take(self, index: np.ndarray) -> Found:
        """The routes at ``index``, in that order."""
        return Found(self.group[index], *take_runs(self.arcs, self.offsets, index))

    def by_group(self) -> Found:
        """The same routes, in group order."""
        order = np.argsort(self.group, kind="stable")
        return self if (np.diff(order) > 0).all() else self.take(order)

    def keys(self) -> list[tuple[int, bytes]]:
        """Per route, (group, its arcs' bytes): to tell routes already made (cheap to hash)."""
        return [(g, arcs.tobytes()) for g, arcs in
                zip(self.group.tolist(), split_runs(self.arcs, self.offsets))]

    def routes(self, problem: PlanProblem) -> Routes:
        """As :class:`Routes` (with their cost, days and dependencies)."""
        return Routes.from_flat(problem, self.group, self.arcs, self.offsets)


def _tol(value: Any) -> Any:
    """Tolerance on a reduced cost against the demand price ``value`` (scalar or array)."""
    return 1e-7 * np.maximum(1.0, np.abs(value))


class _Searcher:
    """Path searches with timing: batched trees per class, exact deadline search."""

    def __init__(self, problem: PlanProblem, stats: SolveStats):
        self.p = problem
        self.stats = stats
        net = problem.net
        self.pairs = ArcPairs(net.n_nodes, net.tail, net.head)

    def best_routes(self, groups: Sequence[int], weight_of: Callable[[int], np.ndarray],
                    usable_of: Callable[[int], np.ndarray], *, deadlines: bool = True,
                    wanted: Screen | None = None) -> Found:
        """Cheapest legal (deadline-respecting) route of each group under per-class weights.

        ``wanted(groups, dist)`` gets the groups of a class and their tree distances (a lower
        bound on the cost of their legal route) and says which routes to read; the others
        are left out of the result, as are groups with no legal route.
        """
        p = self.p
        todo = np.asarray(groups, dtype=np.int64)
        cls_of = p.group_class[todo]
        order = np.argsort(cls_of, kind="stable")  # by class, then as given
        bounds = np.flatnonzero(np.diff(cls_of[order])) + 1
        searched = []
        for chunk in np.split(order, bounds) if len(todo) else []:
            cls = int(cls_of[chunk[0]])
            members = todo[chunk]
            weight, usable = weight_of(cls), usable_of(cls)
            origins = p.group_origin[members]
            dests = p.group_destination[members]
            trees = shortest_trees(self.pairs, weight, usable, np.unique(origins))
            self.stats.path_seconds += trees.seconds
            rows = np.searchsorted(trees.sources, origins)
            if wanted is not None:
                keep = np.flatnonzero(wanted(members, trees.dist[rows, dests]))
                members, rows, dests = members[keep], rows[keep], dests[keep]
            searched.append((members, weight, usable, p.classes[cls].costs.days, trees, rows,
                             dests))
        # every class's paths read back in one walk
        paths = read_paths([(trees, rows, dests) for *_, trees, rows, dests in searched])
        parts = [self._in_time(members[found.item], found, weight, usable, days)
                 if deadlines else Found(members[found.item], found.arcs, found.offsets)
                 for (members, weight, usable, days, *_), found in zip(searched, paths)]
        return Found.concat(parts)

    def _in_time(self, groups: np.ndarray, found: TreePaths, weight: np.ndarray,
                 usable: np.ndarray, arc_days: np.ndarray) -> Found:
        """``found`` (the cheapest routes of ``groups``, all of one cost class whose arcs
        take ``arc_days``), with each route slower than its group's deadline replaced by the
        exact deadline search's (or dropped if none)."""
        p, net = self.p, self.p.net
        max_days = p.group_max_days[groups]
        late = np.flatnonzero(np.isfinite(max_days))
        if len(late):
            days = RouteArcs(found.arcs, found.offsets).sums(arc_days)
            late = late[days[late] > max_days[late] + 1e-9]
        if not len(late):
            return Found(groups, found.arcs, found.offsets)
        arcs = split_runs(found.arcs, found.offsets)
        kept = np.ones(len(groups), dtype=bool)
        for i in late.tolist():
            g = int(groups[i])
            grp = p.groups[g]
            start = time.perf_counter()
            slow = deadline_path(self.pairs, net.out_arcs, weight, arc_days, usable,
                                 grp.origin, grp.destination, grp.max_days)
            self.stats.path_seconds += time.perf_counter() - start
            if slow is None:
                kept[i] = False
            else:
                arcs[i] = np.array(slow, dtype=np.int64)
        keep = np.flatnonzero(kept).tolist()
        return Found.of(groups[keep], [arcs[i] for i in keep])


def solve(problem: PlanProblem, *, unsplittable: bool = False, time_limit_s: float = 60.0,
          max_iterations: int = 1000, progress: Progress | None = None,
          lp_solver: str = "GLOP", mip_solver: str = "SCIP",
          warm: WarmStart | None = None) -> Solution:
    """Solve the plan (see the module docstring for the method).

    ``lp_solver`` and ``mip_solver`` name the OR-Tools backends of the two masters; the
    defaults were picked by measurement (``python -m benchmarks.bench_backends``).

    Raises
    ------
    SolverError
        If GLOP or SCIP fail, or column generation does not converge.
    """
    say = progress or (lambda _msg: None)
    p, net = problem, problem.net
    stats = SolveStats()
    searcher = _Searcher(p, stats)
    n_groups = len(p.groups)
    say(f"shortest routes for {n_groups:,} demand groups")
    base = warm.solution if warm is not None and _same_but_arcs(warm.solution.problem, p) \
        else None
    if base is not None and not unsplittable:
        repaired = _repair(p, base, searcher)
        if repaired is not None:
            columns, x, u, price, duals, no_route = repaired
            stats.method = "repaired"
            stats.columns = len(columns)
            stats.notes.append("the closure moved flow only off routes that no binding "
                               "capacity or cap prices: the routes it lost were replaced by "
                               "the cheapest at the earlier plan's prices, which stay optimal")
            stats.lp_bound = None
            return _finish(p, columns, x, u, price, duals, no_route, stats,
                           unsplittable=False, time_limit_s=time_limit_s, say=say,
                           mip_solver=mip_solver)
    if base is not None and base.first is not None:
        kept = _still_legal(p, base.first.group, base.first.arcs, base.first.offsets)
        lost = np.setdiff1d(np.arange(n_groups), base.first.group[kept])
        first = Found.concat([base.first.take(np.flatnonzero(kept)),
                              searcher.best_routes(lost.tolist(),
                                                   lambda c: p.classes[c].costs.total,
                                                   lambda c: p.classes[c].costs.usable)
                              ]).by_group()
        stats.notes.append(f"warm start: {len(lost):,} of {n_groups:,} demand groups "
                           "searched again")
    else:
        first = searcher.best_routes(list(range(n_groups)),
                                     lambda c: p.classes[c].costs.total,
                                     lambda c: p.classes[c].costs.usable).by_group()
    # Why a group could have no route: none at all under the rules, or none in time.
    reason_none: dict[int, str] = {}
    unrouted = np.ones(n_groups, dtype=bool)
    unrouted[first.group] = False
    for g in np.flatnonzero(unrouted).tolist():
        grp = p.groups[g]
        if np.isfinite(grp.max_days):
            anyway = searcher.best_routes([g], lambda c: p.classes[c].costs.total,
                                          lambda c: p.classes[c].costs.usable,
                                          deadlines=False)
            reason_none[g] = "no legal path" if not len(anyway.group) else \
                f"deadline: no route within {grp.max_days:g} days"
        else:
            reason_none[g] = "no legal path"
    columns = first.routes(p)
    cmin = np.full(n_groups, np.inf)
    cmin[columns.group] = columns.cost
    price = _unserved_price(p, cmin)
    tonnes_g = p.group_tonnes

    if _fits(p, columns, tonnes_g) and bool((columns.cost <= price[columns.group]).all()):
        x = tonnes_g[columns.group]
        u = np.where(np.isfinite(cmin), 0.0, tonnes_g)
        duals = Duals(np.where(np.isfinite(cmin), cmin, price), np.zeros(net.n_arcs),
                      np.zeros(net.n_nodes), np.zeros(len(p.caps)))
        stats.columns = len(columns)
        stats.notes.append("no capacity or share cap binds: the cheapest routes are optimal, "
                           "no LP was needed")
        lp_objective = float(x @ columns.cost + u @ price)
        stats.lp_bound = lp_objective
        return _finish(p, columns, x, u, price, duals, reason_none, stats,
                       unsplittable=unsplittable, time_limit_s=time_limit_s, say=say,
                       mip_solver=mip_solver, first=first)

    seeds = _seeds(p, base.columns) if base is not None else None
    try:
        master, duals = _column_generation(p, searcher, columns, first, price, cmin,
                                           stats, say, lp_solver, max_iterations, seeds)
    except LPFailure as exc:
        if lp_solver.upper() != "GLOP":
            raise
        # GLOP's tolerances are absolute: a book mixing kilograms and millions of tonnes,
        # or prices of a cent and a billion USD, can defeat it; CLP copes (slower)
        stats.notes.append(f"GLOP failed on the master LP ({exc}); CLP solved it")
        stats.iterations = 0
        master, duals = _column_generation(p, searcher, columns, first, price, cmin,
                                           stats, say, "CLP", max_iterations, seeds)
    x, u = master.values()
    stats.method = "column_generation"
    stats.columns = len(master.columns)
    stats.lp_solves = master.solves
    stats.lp_seconds = master.seconds
    stats.lp_rows = master.n_rows
    stats.lp_bound = master.objective_value()
    return _finish(p, master.columns, x, u, price, duals, reason_none, stats,
                   unsplittable=unsplittable, time_limit_s=time_limit_s, say=say,
                   mip_solver=mip_solver, first=first)


def _repair(p: PlanProblem, base: Solution, searcher: _Searcher
            ) -> tuple[Routes, np.ndarray, np.ndarray, np.ndarray, Duals, dict[int, str]] | None:
    """The optimum of ``p`` (``base``'s problem with arcs taken away) made from ``base``
    and proven with its prices, or None where that proof does not hold.

    Keep ``base``'s row prices (capacities ``p_arc``, ``p_node``; no share cap may be
    priced). A group that lost flow (its route lost an arc) gets the route of least reduced
    cost at those prices under the closure, or goes unserved if that costs more than its
    unserved price; every other flow stays. This is the LP optimum when it is feasible and
    the prices still certify it: the groups' new ``π`` is their new least reduced cost (no
    route of any group got cheaper: arcs were only taken away), and complementary
    slackness holds if no priced row or node changes load (the lost and the new routes
    avoid them), capacities and caps hold elsewhere, and a group keeping some of its flow
    on surviving routes finds its new route at the same reduced cost."""
    d = base.duals
    net = p.net
    tol = 1e-9
    if (d.q > tol).any() or any(g.unserved_price is None for g in p.groups):
        return None
    cols = base.columns
    n_groups = len(p.groups)
    x = np.bincount(base.flow_col, weights=base.flow_tonnes, minlength=len(cols))
    u = np.bincount(p.ship_group, weights=base.unserved, minlength=n_groups)
    legal = _still_legal(p, cols.group, cols.arcs, cols.offsets)
    lost = np.bincount(cols.group[~legal], weights=x[~legal], minlength=n_groups)
    hit = np.flatnonzero(lost > tol)
    if not len(hit) or (u[hit] > tol).any():
        return None
    priced_arc = d.p_arc > tol
    priced_node = d.p_node > tol
    dropped = np.flatnonzero(~legal & (x > tol))
    gone = cols.take(dropped)
    if priced_arc[gone.arcs].any() or priced_node[gone.nodes].any():
        return None
    weights = p.class_total + d.p_arc + d.p_node[net.head]
    found = searcher.best_routes(hit.tolist(), lambda c: weights[c],
                                 lambda c: p.classes[c].costs.usable).by_group()
    new = found.routes(p)
    if len(new) and (priced_arc[new.arcs].any() or priced_node[new.nodes].any()):
        return None
    price = np.array([g.unserved_price for g in p.groups], dtype=float)
    reduced = np.full(n_groups, np.inf)
    if len(new):
        reduced[new.group] = new.reducer.sums_by_rows(weights, p.group_class[new.group]) + \
            d.p_node[p.group_origin[new.group]]
    kept = np.bincount(cols.group[legal], weights=x[legal], minlength=n_groups)
    pi = d.pi.copy()
    to_route = np.zeros(n_groups, dtype=bool)
    for g in hit.tolist():
        best = min(reduced[g], price[g])
        if kept[g] > tol and best > d.pi[g] + _tol(d.pi[g]):
            return None  # its surviving routes would be cheaper: the LP must re-balance
        pi[g] = d.pi[g] if kept[g] > tol else best
        to_route[g] = reduced[g] <= price[g]
    served = hit[to_route[hit]]
    new = new.take(np.flatnonzero(np.isin(new.group, served)))
    x_new = lost[new.group]
    u = u.copy()
    u[hit[~to_route[hit]]] += lost[hit[~to_route[hit]]]
    columns = Routes.concat([cols.take(np.flatnonzero(legal)), new])
    flows = np.concatenate([x[legal], x_new])
    if not _flows_fit(p, columns, flows):
        return None
    reason_none = {g: "no legal path" for g in hit.tolist() if not np.isfinite(reduced[g])}
    return columns, flows, u, price, Duals(pi, d.p_arc, d.p_node, d.q), reason_none


def _same_but_arcs(before: PlanProblem, now: PlanProblem) -> bool:
    """Is ``now`` ``before`` with arcs taken away: the same network arrays, book, groups,
    arc costs, days, capacities and caps, and no arc usable now that was not before?"""
    if before is now:
        return True
    if before.net.n_arcs != now.net.n_arcs or before.book is not now.book or \
            before.groups != now.groups or len(before.classes) != len(now.classes) or \
            not np.array_equal(before.ship_group, now.ship_group) or \
            not np.array_equal(before.row_cap, now.row_cap) or \
            not np.array_equal(before.node_cap, now.node_cap) or \
            [(c.key, c.fraction) for c in before.caps] != [(c.key, c.fraction)
                                                            for c in now.caps]:
        return False
    return all(np.array_equal(a.costs.total, b.costs.total) and
               np.array_equal(a.costs.days, b.costs.days) and
               not (b.costs.usable & ~a.costs.usable).any()
               for a, b in zip(before.classes, now.classes))


def _still_legal(p: PlanProblem, group: np.ndarray, arcs: np.ndarray,
                 offsets: np.ndarray) -> np.ndarray:
    """Per route (``arcs[offsets[j]:offsets[j + 1]]`` of group ``group[j]``): are all its
    arcs usable by its group's class in ``p``?"""
    if not len(group):
        return np.zeros(0, dtype=bool)
    usable = np.stack([c.costs.usable for c in p.classes])
    route_of_arc = np.repeat(np.arange(len(group)), np.diff(offsets))
    bad = ~usable[p.group_class[group][route_of_arc], arcs]
    return np.bincount(route_of_arc[bad], minlength=len(group)) == 0


def _seeds(p: PlanProblem, columns: Routes) -> Found:
    """An earlier solve's routes that are still legal in ``p``."""
    keep = np.flatnonzero(_still_legal(p, columns.group, columns.arcs, columns.offsets))
    return Found(columns.group, columns.arcs, columns.offsets).take(keep)


def _unserved_price(p: PlanProblem, cmin: np.ndarray) -> np.ndarray:
    """Per group, the price of an unserved tonne: the book's, else
    :data:`UNSERVED_FACTOR` × its cheapest legal route (``cmin``) + the floor."""
    return np.array([grp.unserved_price if grp.unserved_price is not None else
                     (UNSERVED_FACTOR * cmin[g] + UNSERVED_FLOOR_USD_PER_T
                      if np.isfinite(cmin[g]) else UNSERVED_FLOOR_USD_PER_T)
                     for g, grp in enumerate(p.groups)], dtype=float)


def unserved_prices(problem: PlanProblem) -> np.ndarray:
    """Per shipment, the price (USD/t) a plan of ``problem`` would charge for an unserved
    tonne: what :func:`solve` sets before it plans (the book's own price, else from the
    cheapest legal route, which needs only the shortest-path stage)."""
    p = problem
    searcher = _Searcher(p, SolveStats())
    first = searcher.best_routes(list(range(len(p.groups))),
                                 lambda c: p.classes[c].costs.total,
                                 lambda c: p.classes[c].costs.usable).by_group()
    cmin = np.full(len(p.groups), np.inf)
    cmin[first.group] = first.routes(p).cost
    return _unserved_price(p, cmin)[p.ship_group]


def _column_generation(p: PlanProblem, searcher: _Searcher, columns: Routes, first: Found,
                       price: np.ndarray, cmin: np.ndarray, stats: SolveStats, say: Progress,
                       lp_solver: str, max_iterations: int,
                       seeds: Found | None = None) -> tuple[LPMaster, Duals]:
    """Column generation from the cheapest routes ``columns`` (found as ``first``), and
    ``seeds`` (legal routes of an earlier solve, if any), to the LP optimum over all routes;
    the final master and its certified duals (``LPFailure`` if the LP backend fails or its
    duals do not certify the optimum)."""
    master = LPMaster(p, price, solver_name=lp_solver)
    master.add(columns)
    # routes already in the master, per group, by their arcs' bytes (cheap to hash)
    seen: set[tuple[int, bytes]] = set(first.keys())
    if seeds is not None and len(seeds.group):
        keys = seeds.keys()
        fresh = [i for i, key in enumerate(keys) if key not in seen]
        if fresh:
            more = seeds.take(np.array(fresh, dtype=np.int64))
            master.add(more.routes(p))
            seen.update(keys[i] for i in fresh)
    fractions = np.array([c.fraction for c in p.caps], dtype=float)
    origins, dests = p.group_origin, p.group_destination
    routable = np.isfinite(cmin)
    while True:
        stats.iterations += 1
        if stats.iterations > max_iterations:
            raise SolverError(f"column generation did not converge in {max_iterations} "
                              "iterations")
        master.solve()
        duals = master.duals()
        say(f"column generation: iteration {stats.iterations}, {master.n_routes:,} "
            f"routes, cost {master.objective_value():,.0f} USD")
        const = -float(fractions @ duals.q) if len(fractions) else 0.0
        bound = cmin + duals.p_node[origins] + duals.p_node[dests] + const - duals.pi
        todo = np.flatnonzero(routable & (bound < -_tol(duals.pi))).tolist()
        if not todo:
            break
        new = _price(p, searcher, duals, todo, const)
        keys = new.keys()
        fresh = [i for i, key in enumerate(keys) if key not in seen]
        if not fresh:
            break
        if len(fresh) < len(keys):
            new = new.take(np.array(fresh, dtype=np.int64))
            keys = [keys[i] for i in fresh]
        batch = new.routes(p)
        terms = batch.capacity_terms(p)
        keep = np.flatnonzero(_reduced_costs(p, batch, terms, duals, fractions) < -_tol(
            duals.pi[batch.group]))
        if not len(keep):
            break
        if len(keep) < len(batch):
            batch = batch.take(keep)
            terms = batch.capacity_terms(p)
            keys = [keys[i] for i in keep.tolist()]
        master.add(batch, terms)
        seen.update(keys)
    _certify(master, duals, fractions, price, lp_solver)
    return master, duals


def _certify(master: LPMaster, duals: Duals, fractions: np.ndarray, price: np.ndarray,
             lp_solver: str) -> None:
    """The duals must certify the final master's optimum, or the pricing proved nothing:
    dual feasibility (no route in the master, and no unserved slack, has a negative reduced
    cost) and strong duality (the dual objective equals the master's objective)."""
    reduced = _reduced_costs(master.problem, master.columns, master.terms, duals, fractions)
    scale = max(1.0, float(np.abs(price).max()))
    primal, dual = master.objective_value(), master.dual_objective(duals)
    problems = []
    if len(reduced) and reduced.min() < -1e-6 * scale:
        problems.append(f"a route's reduced cost is {reduced.min():,.4f} USD/t")
    if (price - duals.pi).min() < -1e-6 * scale:
        problems.append("an unserved slack has a negative reduced cost")
    if abs(primal - dual) > 1e-6 * max(1.0, abs(primal)):
        problems.append(f"objective {primal:,.2f} USD, dual objective {dual:,.2f} USD")
    if problems:
        raise LPFailure(f"{lp_solver}'s row prices do not certify the master LP's optimum "
                        f"({'; '.join(problems)})")


def _reduced_costs(p: PlanProblem, routes: Routes, terms: CapacityTerms, duals: Duals,
                   fractions: np.ndarray) -> np.ndarray:
    """Reduced cost of every route under ``duals``: ``c_r + Σ_{a∈r} p_a + Σ_{n∈r} p_n +
    Σ_k q_k (dep_k(r) − F_k) − π_g`` (the capacity prices from the sparse row terms: an
    arc's price is its row's)."""
    p_row = duals.p_arc[p.net.row_first_arc]
    reduced = routes.cost + terms.priced(p_row, duals.p_node) - duals.pi[routes.group]
    if len(fractions):
        reduced = reduced + (routes.dep - fractions) @ duals.q
    return reduced


def _price(p: PlanProblem, searcher: _Searcher, duals: Duals, todo: list[int],
           const: float) -> Found:
    """Least-reduced-cost route per group in ``todo`` with a negative reduced cost, in group
    order (exact; see the module docstring)."""
    net = p.net
    binding = [k for k in range(len(p.caps)) if duals.q[k] > 1e-9]
    best_est = np.full(len(p.groups), np.inf)
    best_at = np.full(len(p.groups), -1, dtype=np.int64)  # route index in ``found``, below
    found: list[Found] = []
    n_found = 0
    node_price_in = duals.p_node[net.head]
    # per class and arc, the priced weight of the searches (one table for all subsets)
    weights = p.class_total + duals.p_arc + node_price_in
    for r in range(len(binding) + 1):
        for avoided in itertools.combinations(binding, r):
            extra = float(sum(duals.q[k] for k in binding if k not in avoided))
            blocked = np.zeros(net.n_arcs, dtype=bool)
            for k in avoided:
                blocked |= p.caps[k].arcs
            routes = searcher.best_routes(
                todo, lambda c: weights[c],
                lambda c, blocked=blocked: p.classes[c].costs.usable & ~blocked,  # type: ignore[misc]
                wanted=None if binding else _screen(p, duals, const))
            groups = routes.group
            if not len(groups):
                continue
            # each route's weight summed as everywhere else (the same float as its column)
            est = RouteArcs(routes.arcs, routes.offsets).sums_by_rows(weights,
                                                                      p.group_class[groups])
            est += duals.p_node[p.group_origin[groups]] + extra + const - duals.pi[groups]
            better = np.flatnonzero(est < best_est[groups] - 1e-12)  # a group is here once
            best_est[groups[better]] = est[better]
            best_at[groups[better]] = n_found + better
            found.append(routes)
            n_found += len(groups)
    chosen = np.flatnonzero(best_at >= 0)
    chosen = chosen[best_est[chosen] < -_tol(duals.pi[chosen])]
    return Found.concat(found).take(best_at[chosen])


def _screen(p: PlanProblem, duals: Duals, const: float) -> Screen:
    """Which routes pricing reads when no share cap binds: those that may have a negative
    reduced cost.

    Then there is one search per class and a route is kept only if its reduced cost is
    negative. A group's tree distance is its route's cost up to rounding (a lower bound under
    a deadline), so a route that cannot qualify is never read. (Under binding caps every
    route is read: the comparison across the searches per cap subset needs them.)
    """
    origin = p.group_origin
    # Rounding bound: the tree distance and the summed route add the same ≤ n_nodes weights
    # (≥ 0) in different orders, each within (n − 1)·eps/2 of the exact sum; then four terms.
    slack = 4.0 * (p.net.n_nodes + 4) * float(np.finfo(float).eps)

    def screen(groups: np.ndarray, dist: np.ndarray) -> np.ndarray:
        p_origin = duals.p_node[origin[groups]]
        lower = dist + p_origin + const - duals.pi[groups]
        scale = np.abs(dist) + np.abs(p_origin) + abs(const) + np.abs(duals.pi[groups])
        return lower < -_tol(duals.pi[groups]) + slack * scale

    return screen


def _fits(p: PlanProblem, columns: Routes, tonnes_g: np.ndarray) -> bool:
    """Do these routes, each carrying its whole group, respect capacities and caps?"""
    return _flows_fit(p, columns, tonnes_g[columns.group] if len(columns) else tonnes_g[:0])


def _flows_fit(p: PlanProblem, columns: Routes, t: np.ndarray) -> bool:
    """Do these routes, carrying ``t`` tonnes each, respect capacities and caps?"""
    net = p.net
    if not len(columns):
        return True
    # bincount adds in route order, as one addition per route would
    arc_load = np.bincount(columns.arcs, weights=t[columns.route_of_arc],
                           minlength=net.n_arcs).astype(float)
    node_load = np.bincount(columns.nodes, weights=t[columns.route_of_node],
                            minlength=net.n_nodes).astype(float)
    row_load = net.row_loads(arc_load)
    if (row_load > p.row_cap * (1 + 1e-9)).any() or (node_load > p.node_cap * (1 + 1e-9)).any():
        return False
    carried = t.tolist()
    total = sum(carried)
    for k, cap in enumerate(p.caps):
        dep = sum(tc for tc, d in zip(carried, columns.dep[:, k].tolist()) if d)
        if dep > cap.fraction * total * (1 + 1e-9) + 1e-9:
            return False
    return True


def _finish(p: PlanProblem, columns: Routes, x: np.ndarray, u: np.ndarray,
            price: np.ndarray, duals: Duals, reason_none: dict[int, str], stats: SolveStats,
            *, unsplittable: bool, time_limit_s: float, say: Progress,
            mip_solver: str = "SCIP", first: Found | None = None) -> Solution:
    """Split group flows over shipments (or solve the unsplittable master) and explain."""
    tonnes = p.tonnes
    n_groups = len(p.groups)
    share = tonnes / p.group_tonnes[p.ship_group]
    col_group = columns.group
    used = x > 1e-9
    n_used = np.bincount(col_group[used], minlength=n_groups)
    unserved = u[p.ship_group] * share
    integral = bool(((n_used <= 1) & ((u <= 1e-9) | (n_used == 0))).all())
    if unsplittable and not integral:
        say(f"unsplittable plan: {mip_solver} over {len(columns):,} routes "
            f"(stops after {time_limit_s:g} s)")
        result = solve_unsplittable(p, columns, price, time_limit_s=time_limit_s,
                                    solver_name=mip_solver)
        stats.mip_seconds = result.seconds
        stats.method += "+mip"
        stats.mip_optimal = result.optimal
        lp = stats.lp_bound or 0.0
        stats.mip_gap = max(0.0, (result.objective - lp) / max(abs(result.objective), 1e-9))
        unserved = np.where(result.choice < 0, tonnes, 0.0)
        flow_ship = np.flatnonzero(result.choice >= 0)
        flow_col = result.choice[flow_ship].astype(np.int64)
        flow_tonnes = tonnes[flow_ship].astype(float)
    else:
        if unsplittable:
            stats.mip_gap = 0.0
            stats.mip_optimal = True
            stats.notes.append("the LP optimum already keeps every shipment on one route")
        # Every shipment gets a flow on each used route of its group (routes in index order).
        cols = np.flatnonzero(used)
        cols = cols[np.argsort(col_group[cols], kind="stable")]
        start = np.concatenate(([0], np.cumsum(n_used)[:-1]))
        per_ship = n_used[p.ship_group]
        flow_ship = np.repeat(np.arange(len(tonnes), dtype=np.int64), per_ship)
        offset = np.arange(len(flow_ship)) - np.repeat(np.cumsum(per_ship) - per_ship, per_ship)
        flow_col = cols[start[p.ship_group][flow_ship] + offset]
        flow_tonnes = x[flow_col] * share[flow_ship]
        unserved = np.where(unserved > 1e-9, unserved, 0.0)
    cost = columns.cost
    objective = float(flow_tonnes @ cost[flow_col]) if len(flow_col) else 0.0
    objective += float(unserved @ price[p.ship_group])
    reasons = [""] * len(tonnes)
    by_group: dict[int, str] = {}
    for s in np.flatnonzero(unserved > 1e-9).tolist():
        g = int(p.ship_group[s])
        if g not in by_group:
            by_group[g] = _reason(p, g, columns, col_group, duals, reason_none, unsplittable)
        reasons[s] = by_group[g]
    return Solution(p, columns, flow_ship, flow_col, flow_tonnes, unserved, price,
                    tuple(reasons), duals, objective, stats, first)


def _reason(p: PlanProblem, g: int, columns: Routes, col_group: np.ndarray,
            duals: Duals, reason_none: dict[int, str], unsplittable: bool) -> str:
    """Why (some of) group ``g`` is unserved."""
    if g in reason_none:
        return reason_none[g]
    net = p.net
    legs: set[str] = set()
    nodes: set[str] = set()
    caps: set[str] = set()
    for j in np.flatnonzero(col_group == g).tolist():
        # a leg in a capacity group is named by its group: the group's capacity binds
        legs.update(net.row_group[net.cap_row[a]] or net.leg_ids[int(net.arc_leg[a])]
                    for a in columns.arcs_of(j).tolist() if duals.p_arc[a] > 1e-9)
        nodes.update(net.node_ids[n] for n in columns.nodes_of(j).tolist()
                     if duals.p_node[n] > 1e-9)
        caps.update(cap.key for k, cap in enumerate(p.caps) if duals.q[k] > 1e-9)
    parts = []
    if legs or nodes:
        parts.append("capacity: " + ", ".join(sorted(legs) + sorted(nodes)))
    if caps:
        parts.append("share cap: " + ", ".join(sorted(caps)))
    if parts:
        return "; ".join(parts)
    return "capacity or share cap (no single route has room for the whole shipment)" \
        if unsplittable else "every route costs more than the unserved price"

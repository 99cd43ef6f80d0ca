"""The routes of a plan (the master problems' columns) as flat arrays.

Column generation makes thousands of routes of a hundred-odd arcs each. Holding each as an
object with its own tuples made the bookkeeping around the solver (building routes, LP
columns, certificates, verification, tables) cost as much as the solving itself. Here all
routes of a batch share one arc array with offsets, and every per-route figure (cost, days,
dependency on each share-cap key, capacity rows touched) is one vectorised pass per batch.

Per-route sums of an arc quantity use :class:`~corridor.routing.plan.arrays.RouteArcs`, so a route's
cost is the same float wherever it is computed (master, verification, tables).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from corridor.routing.compile import read_only
from corridor.routing.plan.arrays import RouteArcs, concat_runs, join_runs, offsets_of, take_runs
from corridor.routing.plan.problem import PlanProblem


@dataclass(frozen=True)
class Column:
    """One route of a demand group, as plain values (a view for reports and notebooks)."""

    group: int
    arcs: tuple[int, ...]
    nodes: tuple[int, ...]  # origin then the head of every arc
    cost: float  # USD per tonne
    days: float
    dep: tuple[bool, ...]  # depends on each share-cap key


class Routes:
    """An immutable sequence of routes: route ``j`` is ``arcs[offsets[j]:offsets[j + 1]]``.

    Attributes
    ----------
    group
        Demand group of each route.
    arcs, offsets
        All routes' arcs end to end, and where each route starts (length ``n + 1``).
    cost, days
        Per route: USD per tonne under its group's cost class, and transit days.
    dep
        Per route and share cap (``n × caps``): does the route depend on the cap's key.
    tail, head
        The network's arc endpoints (to name a route's nodes).
    """

    def __init__(self, group: np.ndarray, arcs: np.ndarray, offsets: np.ndarray,
                 cost: np.ndarray, days: np.ndarray, dep: np.ndarray, tail: np.ndarray,
                 head: np.ndarray):
        self.group = read_only(np.asarray(group, dtype=np.int64))
        self.arcs = read_only(np.asarray(arcs, dtype=np.int64))
        self.offsets = read_only(np.asarray(offsets, dtype=np.int64))
        self.cost = read_only(np.asarray(cost, dtype=float))
        self.days = read_only(np.asarray(days, dtype=float))
        self.dep = read_only(np.asarray(dep, dtype=bool))  # routes × caps
        self.tail = tail
        self.head = head

    # ------------------------------------------------------------------ construction
    @classmethod
    def build(cls, problem: PlanProblem, groups: Sequence[int],
              paths: Sequence[np.ndarray]) -> Routes:
        """Routes ``paths[i]`` (arc arrays, origin to destination) of ``groups[i]``, with
        their cost, days and dependencies computed in one pass."""
        return cls.from_flat(problem, np.asarray(groups, dtype=np.int64), *join_runs(paths))

    @classmethod
    def from_flat(cls, problem: PlanProblem, group: np.ndarray, arcs: np.ndarray,
                  offsets: np.ndarray) -> Routes:
        """Routes given end to end (route ``j`` of ``group[j]`` is
        ``arcs[offsets[j]:offsets[j + 1]]``), with their cost, days and dependencies."""
        net = problem.net
        group = np.asarray(group, dtype=np.int64)
        arcs = np.asarray(arcs).astype(np.int64, copy=False)
        reducer = RouteArcs(arcs, offsets)
        cost = reducer.sums_by_rows(problem.class_total, problem.group_class[group])
        days = reducer.sums_by_rows(problem.class_days, problem.group_class[group])
        dep = np.zeros((len(group), len(problem.caps)), dtype=bool)
        for k, cap in enumerate(problem.caps):
            dep[:, k] = reducer.any(cap.arcs)
        routes = cls(group, arcs, offsets, cost, days, dep, net.tail, net.head)
        routes.__dict__["reducer"] = reducer
        return routes

    @classmethod
    def empty(cls, problem: PlanProblem) -> Routes:
        """No routes."""
        return cls.build(problem, [], [])

    @classmethod
    def from_columns(cls, columns: Sequence[Column], tail: np.ndarray,
                     head: np.ndarray) -> Routes:
        """Routes holding exactly the given columns' values (arcs, cost, days, dep)."""
        n = len(columns)
        offsets = offsets_of(np.array([len(c.arcs) for c in columns], dtype=np.int64))
        arcs = np.array([a for c in columns for a in c.arcs], dtype=np.int64)
        n_caps = len(columns[0].dep) if n else 0
        return cls(np.array([c.group for c in columns], dtype=np.int64), arcs, offsets,
                   np.array([c.cost for c in columns], dtype=float),
                   np.array([c.days for c in columns], dtype=float),
                   np.array([c.dep for c in columns], dtype=bool).reshape(n, n_caps),
                   tail, head)

    @staticmethod
    def concat(parts: Sequence[Routes]) -> Routes:
        """The routes of ``parts``, in order (at least one part)."""
        if len(parts) == 1:
            return parts[0]
        arcs, offsets = concat_runs([(p.arcs, p.offsets) for p in parts])
        return Routes(np.concatenate([p.group for p in parts]), arcs, offsets,
                      np.concatenate([p.cost for p in parts]),
                      np.concatenate([p.days for p in parts]),
                      np.concatenate([p.dep for p in parts]), parts[0].tail, parts[0].head)

    def take(self, index: np.ndarray | Sequence[int]) -> Routes:
        """The routes at ``index``, in that order."""
        index = np.asarray(index, dtype=np.int64)
        arcs, offsets = take_runs(self.arcs, self.offsets, index)
        return Routes(self.group[index], arcs, offsets, self.cost[index],
                      self.days[index], self.dep[index], self.tail, self.head)

    # ------------------------------------------------------------------ sequence protocol
    def __len__(self) -> int:
        return len(self.group)

    def __getitem__(self, j: int) -> Column:
        return Column(int(self.group[j]), tuple(self.arcs_of(j).tolist()),
                      tuple(self.nodes_of(j).tolist()), float(self.cost[j]),
                      float(self.days[j]), tuple(self.dep[j].tolist()))

    def __iter__(self) -> Iterator[Column]:
        return (self[j] for j in range(len(self)))

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Routes):
            return NotImplemented
        return all(np.array_equal(getattr(self, name), getattr(other, name)) for name in
                   ("group", "arcs", "offsets", "cost", "days", "dep"))

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"Routes({len(self)} routes, {len(self.arcs)} arcs)"

    # ------------------------------------------------------------------ per-route views
    def arcs_of(self, j: int) -> np.ndarray:
        """Arcs of route ``j``."""
        return self.arcs[self.offsets[j]:self.offsets[j + 1]]

    def nodes_of(self, j: int) -> np.ndarray:
        """Nodes of route ``j``: its first tail, then the head of every arc."""
        return self.nodes[self.node_offsets[j]:self.node_offsets[j + 1]]

    @cached_property
    def lengths(self) -> np.ndarray:
        """Number of arcs of each route."""
        return read_only(np.diff(self.offsets))

    @cached_property
    def route_of_arc(self) -> np.ndarray:
        """For each entry of :attr:`arcs`, its route."""
        return read_only(np.repeat(np.arange(len(self), dtype=np.int64), self.lengths))

    @cached_property
    def first_node(self) -> np.ndarray:
        """Tail of each route's first arc (-1 for an empty route)."""
        first = np.full(len(self), -1, dtype=np.int64)
        some = self.lengths > 0
        first[some] = self.tail[self.arcs[self.offsets[:-1][some]]]
        return read_only(first)

    @cached_property
    def last_node(self) -> np.ndarray:
        """Head of each route's last arc (-1 for an empty route)."""
        last = np.full(len(self), -1, dtype=np.int64)
        some = self.lengths > 0
        last[some] = self.head[self.arcs[self.offsets[1:][some] - 1]]
        return read_only(last)

    @cached_property
    def node_offsets(self) -> np.ndarray:
        """Where each route's nodes start in :attr:`nodes` (a non-empty route has one node
        more than arcs)."""
        return read_only(offsets_of(self.lengths + (self.lengths > 0)))

    @cached_property
    def nodes(self) -> np.ndarray:
        """All routes' nodes end to end (see :meth:`nodes_of`)."""
        out = np.empty(int(self.node_offsets[-1]), dtype=np.int64)
        some = self.lengths > 0
        starts = self.node_offsets[:-1][some]
        out[starts] = self.first_node[some]
        heads = np.ones(len(out), dtype=bool)
        heads[starts] = False
        out[heads] = self.head[self.arcs]
        return read_only(out)

    @cached_property
    def route_of_node(self) -> np.ndarray:
        """For each entry of :attr:`nodes`, its route."""
        return read_only(np.repeat(np.arange(len(self), dtype=np.int64),
                                   np.diff(self.node_offsets)))

    @cached_property
    def reducer(self) -> RouteArcs:
        """Per-route reductions over the arcs (sums the same float wherever computed)."""
        return RouteArcs(self.arcs, self.offsets)

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Every route's sum of ``values`` over its arcs (see
        :func:`~corridor.routing.costs.route_sum`)."""
        return self.reducer.sums(values)

    @cached_property
    def contiguous(self) -> np.ndarray:
        """Per route: does every arc start where the one before it ends."""
        broken = np.flatnonzero(self.head[self.arcs[:-1]] != self.tail[self.arcs[1:]])
        # a break between two routes' arcs is no break
        inside = self.route_of_arc[broken] == self.route_of_arc[broken + 1]
        out = np.ones(len(self), dtype=bool)
        out[self.route_of_arc[broken[inside]]] = False
        return read_only(out)

    def distinct_in_order(self, codes: np.ndarray, entry_route: np.ndarray
                          ) -> tuple[np.ndarray, np.ndarray]:
        """Per route, the distinct ``codes`` in order of first appearance.

        ``codes`` and ``entry_route`` run in parallel, route by route and in route order (as
        :attr:`arcs` and :attr:`route_of_arc` do). Returns ``(offsets, distinct)``: route
        ``j``'s distinct codes are ``distinct[offsets[j]:offsets[j + 1]]``.
        """
        # Only the first entry of each run of equal (route, code) entries can be a first
        # appearance, and along a route a label repeats arc after arc: drop the rest of
        # each run before sorting (several times fewer entries).
        run = np.ones(len(codes), dtype=bool)
        run[1:] = (codes[1:] != codes[:-1]) | (entry_route[1:] != entry_route[:-1])
        starts = np.flatnonzero(run)
        n_codes = int(codes.max()) + 1 if len(codes) else 1
        key = entry_route[starts] * n_codes + codes[starts]
        _, first = np.unique(key, return_index=True)
        first = starts[np.sort(first)]  # entries run route by route: (route, appearance)
        return offsets_of(np.bincount(entry_route[first], minlength=len(self))), codes[first]

    def capacity_terms(self, problem: PlanProblem) -> CapacityTerms:
        """The routes' coefficients in the masters' capacity rows (see
        :class:`CapacityTerms`)."""
        net = problem.net
        cap_row = net.cap_row[self.arcs]
        hit = np.flatnonzero(cap_row >= 0)
        route = row = count = np.zeros(0, dtype=np.int64)
        if len(hit):
            n_rows = len(net.row_capacity_tpy)
            key = self.route_of_arc[hit] * n_rows + cap_row[hit]
            _, first, counts = np.unique(key, return_index=True, return_counts=True)
            order = np.argsort(first, kind="stable")
            route = self.route_of_arc[hit][first[order]]
            row = cap_row[hit][first[order]]
            count = counts[order]
        node_route = node = np.zeros(0, dtype=np.int64)
        capped = np.isfinite(problem.node_cap)
        if capped.any():
            hit = np.flatnonzero(capped[self.nodes])
            node_route, node = self.route_of_node[hit], self.nodes[hit]
        return CapacityTerms(len(self), route, row, count, node_route, node)


@dataclass(frozen=True)
class CapacityTerms:
    """Where routes enter capacity rows: route ``route[i]`` has ``count[i]`` arcs in capacity
    row ``row[i]`` (in order of first touch along the route), and passes capacitated node
    ``node[j]`` (route ``node_route[j]``, in route order). Sparse: most arcs and nodes are
    not capacitated."""

    n_routes: int
    route: np.ndarray
    row: np.ndarray
    count: np.ndarray
    node_route: np.ndarray
    node: np.ndarray

    def per_route(self) -> tuple[list[list[tuple[int, int]]], list[list[int]]]:
        """The same as lists per route: ``[(row, count), ...]`` and ``[node, ...]``."""
        rows: list[list[tuple[int, int]]] = [[] for _ in range(self.n_routes)]
        nodes: list[list[int]] = [[] for _ in range(self.n_routes)]
        for r, row, count in zip(self.route.tolist(), self.row.tolist(), self.count.tolist()):
            rows[r].append((row, count))
        for r, node in zip(self.node_route.tolist(), self.node.tolist()):
            nodes[r].append(node)
        return rows, nodes

    def priced(self, p_row: np.ndarray, p_node: np.ndarray) -> np.ndarray:
        """Per route, Σ count × ``p_row[row]`` + Σ ``p_node[node]``: its capacity prices."""
        out = np.bincount(self.route, weights=self.count * p_row[self.row],
                          minlength=self.n_routes).astype(float)
        out += np.bincount(self.node_route, weights=p_node[self.node], minlength=self.n_routes)
        return out

    @staticmethod
    def concat(parts: Sequence[CapacityTerms]) -> CapacityTerms:
        """The terms of ``parts`` (of routes one after another), renumbered."""
        shift = np.cumsum([0] + [t.n_routes for t in parts])
        return CapacityTerms(
            int(shift[-1]),
            np.concatenate([t.route + k for t, k in zip(parts, shift.tolist())]),
            np.concatenate([t.row for t in parts]), np.concatenate([t.count for t in parts]),
            np.concatenate([t.node_route + k for t, k in zip(parts, shift.tolist())]),
            np.concatenate([t.node for t in parts]))

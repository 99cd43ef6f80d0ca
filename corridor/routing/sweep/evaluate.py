"""Evaluating closures against a solved baseline, fast and exactly.

:class:`Evaluator` solves the baseline once (a shipment book on a network, with the plan's
options), then answers each :class:`~corridor.routing.sweep.spec.Closure` with the figures a
criticality ranking needs. Three levers, none of which changes an answer:

* a closure that takes away no arc the baseline plan uses leaves that plan optimal (it is
  still feasible, and nothing got cheaper): the baseline is the answer, nothing is solved;
* otherwise the problem is the baseline's with fewer usable arcs
  (:func:`~corridor.routing.plan.problem.with_closure`: costs shared, not recomputed), and
  it is solved warm (:class:`~corridor.routing.plan.solve.WarmStart`): the baseline's
  cheapest routes that survive are kept, only the groups that lost theirs are searched
  again, and its surviving routes seed the master;
* closures that leave the same routes open share one answer: legs in series (a chain whose
  inner places have no other leg, ship nothing and receive nothing) are closed by closing
  any one of them, so a closure is looked up by the chains it breaks (an LRU of
  :data:`REMEMBERED` answers) before it is solved;
* figures are read from the solution's arrays, not from plan tables.

Every solution is verified (:func:`~corridor.routing.plan.verify.verify`) before it is
reported; the tests compare objectives with a plan made from scratch. With
``unsplittable`` plans none of the levers holds (an integer plan is the best the solver
found in its time, not a proven optimum): each closure is planned from scratch.
"""

from __future__ import annotations

import dataclasses
from collections import OrderedDict
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from corridor.network_data.model import Network
from corridor.network_data.scenario import Scenario
from corridor.network_data.shipments import ShipmentBook
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan import priced_book
from corridor.routing.plan.problem import build_problem, with_closure
from corridor.routing.plan.solve import Solution, WarmStart, solve
from corridor.routing.plan.verify import verify
from corridor.routing.scenarios import apply_scenarios
from corridor.routing.sweep.spec import Closure

#: Answers remembered by the chains a closure breaks (see the module doc).
REMEMBERED = 4096

#: Columns of a sweep's results, one row per scenario (lists and maps as JSON text).
RESULT_COLUMNS = (
    "id", "kind", "name", "closed", "effect", "added_cost_usd", "added_cost_with_stranded_usd",
    "stranded_t", "total_cost_usd", "objective_usd", "unserved_t", "shipments_rerouted",
    "dependency_change", "binding", "closed_in_use", "uses",
)


@dataclass(frozen=True)
class SweepInputs:
    """What a sweep plans: the network, the book, the plan options and the scenarios every
    closure is added to. Small enough to send to every worker once."""

    network: Network
    book: ShipmentBook
    params: CostParams
    max_share: Mapping[str, float]
    horizon_days: float = 365.0
    unsplittable: bool = False
    time_limit_s: float = 60.0
    base: tuple[Scenario, ...] = ()


@dataclass(frozen=True)
class Figures:
    """A solved plan's figures, read from its solution."""

    objective: float
    cost: float
    unserved: float
    planned: float
    key_tonnes: dict[str, float]  # tonnes of planned routes depending on each key
    signature: tuple[tuple[tuple[bytes, float], ...], ...]  # per shipment
    binding: tuple[str, ...]
    used_arcs: np.ndarray  # bool per arc


class Evaluator:
    """A solved baseline that answers closures (see the module doc)."""

    def __init__(self, inputs: SweepInputs):
        root = inputs.network
        book = priced_book(root, inputs.book, params=inputs.params,
                           horizon_days=inputs.horizon_days)
        net = apply_scenarios(root, inputs.base)
        self.inputs = inputs
        self.net = compile_network(net)
        self.problem = build_problem(self.net, book, params=inputs.params,
                                     max_share=inputs.max_share,
                                     horizon_days=inputs.horizon_days)
        self.solution = self._solve(self.problem, None)
        self.figures = self.read(self.solution)
        self._answers: OrderedDict[object, Figures] = OrderedDict()

    def _solve(self, problem: Any, warm: WarmStart | None) -> Solution:
        sol = solve(problem, unsplittable=self.inputs.unsplittable,
                    time_limit_s=self.inputs.time_limit_s, warm=warm)
        verify(sol)
        return sol

    def read(self, sol: Solution) -> Figures:
        """The figures of a verified solution."""
        net = self.net
        cols = sol.columns
        cost = float(sol.flow_tonnes @ cols.cost[sol.flow_col]) if len(sol.flow_col) else 0.0
        used_cols = np.unique(sol.flow_col)
        col_t = np.bincount(sol.flow_col, weights=sol.flow_tonnes, minlength=len(cols))
        used = cols.take(used_cols)  # the routes carrying flow, their arcs end to end
        used_arcs = np.zeros(net.n_arcs, dtype=bool)
        used_arcs[used.arcs] = True
        key_t = np.zeros(len(net.keys))
        if len(used):
            # per route, the keys any of its arcs depends on (one pass over all arcs)
            depends = np.logical_or.reduceat(net.arc_key[used.arcs], used.offsets[:-1], axis=0)
            key_t = col_t[used_cols] @ depends
        route_bytes = dict(zip(used_cols.tolist(), (used.arcs[a:b].tobytes() for a, b in zip(
            used.offsets[:-1].tolist(), used.offsets[1:].tolist()))))
        book = sol.problem.book
        share = sol.flow_tonnes / np.asarray(book.tonnes, dtype=float)[sol.flow_ship]
        per_ship: list[list[tuple[bytes, float]]] = [[] for _ in range(len(book))]
        for s, j, f in zip(sol.flow_ship.tolist(), sol.flow_col.tolist(), share.tolist()):
            per_ship[s].append((route_bytes[j], round(f, 6)))
        d = sol.duals
        binding = sorted({net.row_group[net.cap_row[a]] or net.leg_ids[int(net.arc_leg[a])]
                          for a in np.flatnonzero(d.p_arc > 1e-9).tolist()}
                         | {net.node_ids[n] for n in np.flatnonzero(d.p_node > 1e-9).tolist()}
                         | {f"share cap {c.key}" for k, c in enumerate(sol.problem.caps)
                            if d.q[k] > 1e-9})
        return Figures(objective=sol.objective, cost=cost,
                       unserved=float(sol.unserved.sum()),
                       planned=float(sol.flow_tonnes.sum()),
                       key_tonnes={k: float(t) for k, t in zip(net.keys, key_t.tolist())
                                   if t > 0},
                       signature=tuple(tuple(sorted(x)) for x in per_ship),
                       binding=tuple(binding), used_arcs=used_arcs)

    def closed_mask(self, closed: tuple[Selector, ...]) -> np.ndarray:
        """The arcs the selectors name."""
        return self.net.any_mask(closed)

    def evaluate(self, closure: Closure, uses_of: tuple[Selector, ...] = ()
                 ) -> dict[str, Any]:
        """The results row of ``closure`` (:data:`RESULT_COLUMNS`; ``uses`` lists which of
        ``uses_of`` the plan under the closure uses, for pruning pairs)."""
        base = self.figures
        mask = self.closed_mask(closure.closed)
        in_use = [s for s in closure.closed if (self.net.selector_mask(s) &
                                                base.used_arcs).any()]
        if self.inputs.unsplittable:
            # an integer plan is the best found, not proven optimal: no shortcut holds
            # (the baseline's plan, a remembered answer, a warm start), each is planned as
            # corridor plan would, with the closure avoided
            params = dataclasses.replace(self.problem.params,
                                         avoid=self.problem.params.avoid | set(closure.closed))
            problem = build_problem(self.net, self.problem.book, params=params,
                                    max_share=self.inputs.max_share,
                                    horizon_days=self.inputs.horizon_days)
            figures = self.read(self._solve(problem, None))
            return self.row(closure, figures, "replanned", in_use, uses_of)
        if not (mask & base.used_arcs).any():
            figures, effect = base, "none"
        else:
            key = self._answer_key(closure.closed)
            found = self._answers.get(key)
            if found is None:
                problem = with_closure(self.problem, frozenset(closure.closed))
                found = self.read(self._solve(problem, WarmStart(self.solution)))
                self._answers[key] = found
                if len(self._answers) > REMEMBERED:
                    self._answers.popitem(last=False)
            else:
                self._answers.move_to_end(key)
            figures, effect = found, "replanned"
        return self.row(closure, figures, effect, in_use, uses_of)

    def _answer_key(self, closed: tuple[Selector, ...]) -> object:
        """What decides a closure's answer: the chains its legs break (other selectors as
        themselves)."""
        chain = self.chain_of
        return frozenset(("chain", chain[s.name]) if s.kind == "leg" else s for s in closed)

    @cached_property
    def chain_of(self) -> dict[str, str]:
        """Each leg's chain (the lowest leg id of the legs in series with it): legs joined
        at places with exactly two legs, both in operation and both ways, where no
        shipment starts or ends. Closing any leg of a chain leaves the same routes open."""
        net = self.net
        n_legs = len(net.leg_ids)
        two_way = np.bincount(net.arc_leg, minlength=n_legs) == 2
        working = np.zeros(n_legs, dtype=bool)
        working[net.arc_leg[net.operational]] = True
        book = self.problem.book
        ends = set(net.node_indices(book.origin).tolist()) | \
            set(net.node_indices(book.destination).tolist())
        forward = net.forward  # each leg once: its from -> to arc
        legs_at: dict[int, list[int]] = {}
        for a in np.flatnonzero(forward).tolist():
            leg = int(net.arc_leg[a])
            for node in (int(net.tail[a]), int(net.head[a])):
                legs_at.setdefault(node, []).append(leg)
        parent = list(range(n_legs))

        def root(x: int) -> int:
            while parent[x] != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for node, legs in legs_at.items():
            if len(legs) == 2 and node not in ends and all(two_way[g] and working[g]
                                                           for g in legs):
                a, b = root(legs[0]), root(legs[1])
                if a != b:
                    parent[max(a, b)] = min(a, b)
        return {net.leg_ids[g]: net.leg_ids[root(g)] for g in range(n_legs)}

    def row(self, closure: Closure, figures: Figures, effect: str,
            in_use: list[Selector], uses_of: tuple[Selector, ...]) -> dict[str, Any]:
        """A results row from a closure's figures."""
        base = self.figures
        shares = _shares(figures)
        before = _shares(base)
        change = {k: round(shares.get(k, 0.0) - before.get(k, 0.0), 4)
                  for k in sorted(set(shares) | set(before))}
        rerouted = sum(1 for a, b in zip(base.signature, figures.signature) if a != b)
        uses = [f"{s.kind}:{s.name}" for s in uses_of
                if (self.net.selector_mask(s) & figures.used_arcs).any()]
        return {
            "id": closure.id, "kind": closure.kind, "name": closure.name,
            "closed": [f"{s.kind}:{s.name}" for s in closure.closed],
            "effect": effect,
            "added_cost_usd": _cents(figures.cost - base.cost),
            "added_cost_with_stranded_usd": _cents(figures.objective - base.objective),
            "stranded_t": round(figures.unserved - base.unserved, 3) + 0.0,
            "total_cost_usd": _cents(figures.cost),
            "objective_usd": _cents(figures.objective),
            "unserved_t": round(figures.unserved, 3) + 0.0,
            "shipments_rerouted": rerouted,
            "dependency_change": {k: v for k, v in change.items() if v != 0.0},
            "binding": list(figures.binding),
            "closed_in_use": [f"{s.kind}:{s.name}" for s in in_use],
            "uses": uses,
        }

    def baseline_row(self) -> dict[str, Any]:
        """The baseline's own figures, as a row with id -1."""
        return self.row(Closure(-1, "baseline", ()), self.figures, "none", [], ())


def _cents(x: float) -> float:
    return round(x, 2) + 0.0


def _shares(figures: Figures) -> dict[str, float]:
    if figures.planned <= 0:
        return {}
    return {k: t / figures.planned for k, t in figures.key_tonnes.items()}

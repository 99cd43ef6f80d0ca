"""verify() is independent of the solver: a corrupted solution must raise SolverError."""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from corridor.network_data.errors import SolverError
from corridor.network_data.model import Network
from corridor.network_data.shipments import shipments_from_records
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan.columns import Column, Routes
from corridor.routing.plan.problem import build_problem
from corridor.routing.plan.solve import Solution, solve
from corridor.routing.plan.verify import verify


def _solve(net: Network, rows: list[dict[str, object]], **kw: object) -> Solution:
    recs = [{"shipment_id": f"s{i + 1}", "origin": "Alpha", "destination": "Juliet",
             "commodity": "ore", **row} for i, row in enumerate(rows)]
    book = shipments_from_records(recs, net)
    problem = build_problem(compile_network(net), book, params=CostParams(), **kw)  # type: ignore[arg-type]
    sol = solve(problem)
    verify(sol)  # the genuine solution passes
    return sol


def _fails(sol: Solution, match: str) -> None:
    with pytest.raises(SolverError, match=match):
        verify(sol)


def test_perturbed_flow_is_caught(tiny_net: Network) -> None:
    sol = _solve(tiny_net, [{"tonnes": 400_000}, {"tonnes": 1000}])
    tonnes = sol.flow_tonnes.copy()
    tonnes[0] *= 1.01
    _fails(dataclasses.replace(sol, flow_tonnes=tonnes), "served .* ≠")


def test_exceeded_capacity_is_caught(tiny_net: Network) -> None:
    sol = _solve(tiny_net, [{"tonnes": 1_500_000}])
    assert len(sol.flow_col) == 2  # split over two routes by the capacity of l2
    big = int(np.argmax(sol.flow_tonnes))
    moved = dataclasses.replace(sol, flow_col=np.full_like(sol.flow_col, sol.flow_col[big]))
    _fails(moved, "leg l2 .* > capacity")


def test_wrong_objective_is_caught(tiny_net: Network) -> None:
    sol = _solve(tiny_net, [{"tonnes": 400_000}])
    _fails(dataclasses.replace(sol, objective=sol.objective * 0.99), "objective")


def test_broken_route_and_forbidden_arc_and_deadline_are_caught(tiny_net: Network) -> None:
    sol = _solve(tiny_net, [{"tonnes": 1000}, {"tonnes": 1000, "avoid": "CN"}])
    net = sol.problem.net
    cols = list(sol.columns)
    china = next(c for c in cols if any("CN" in net.arc_keys[a] for a in c.arcs))
    j = cols.index(china)
    # shipment 2 (avoid CN) moved onto the China route
    _fails(dataclasses.replace(sol, flow_col=np.full_like(sol.flow_col, j)),
           "s2: uses an arc its rules forbid")
    # a route whose arcs do not chain
    broken = Column(china.group, tuple(reversed(china.arcs)), china.nodes, china.cost,
                    china.days, china.dep)
    cols[j] = broken
    _fails(dataclasses.replace(sol, columns=Routes.from_columns(cols, net.tail, net.head)),
           "not a contiguous path")
    # a deadline the route does not meet
    max_days = sol.problem.book.max_days.copy()
    max_days[0] = 1.0
    book = dataclasses.replace(sol.problem.book, max_days=max_days)
    _fails(dataclasses.replace(sol, problem=dataclasses.replace(sol.problem, book=book)),
           "s1: route takes .* days > max_days 1")


def test_exceeded_share_cap_is_caught(tiny_net: Network) -> None:
    sol = _solve(tiny_net, [{"tonnes": 400_000}], max_share={"CN": 0.5})
    net = sol.problem.net
    china = next(j for j, c in enumerate(sol.columns)
                 if any("CN" in net.arc_keys[a] for a in c.arcs))
    moved = dataclasses.replace(sol, flow_ship=np.zeros(1, dtype=np.int64),
                                flow_col=np.array([china], dtype=np.int64),
                                flow_tonnes=np.array([400_000.0]),
                                unserved=np.zeros(1))
    _fails(moved, "share cap CN")


def test_route_from_the_wrong_place_is_caught(tiny_net: Network) -> None:
    """A contiguous route that does not start at the shipment's origin breaks conservation."""
    sol = _solve(tiny_net, [{"tonnes": 1000}])
    col = sol.columns[int(sol.flow_col[0])]
    shortened = Column(col.group, col.arcs[1:], col.nodes[1:], col.cost, col.days, col.dep)
    net = sol.problem.net
    _fails(dataclasses.replace(sol, columns=Routes.from_columns([shortened], net.tail,
                                                                net.head)),
           f"s1: flow not conserved at {sol.problem.net.node_ids[col.nodes[0]]}")

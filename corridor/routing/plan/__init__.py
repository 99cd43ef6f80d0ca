"""Batch planning: a year's shipment book on shared, capacitated corridors.

The entry point is :func:`plan`::

    >>> from corridor.network_data import load_network
    >>> from corridor.network_data.shipments import shipments_from_records
    >>> net = load_network()
    >>> book = shipments_from_records([{"shipment_id": "be-1", "origin": "Oskemen",
    ...     "destination": "Yokohama", "commodity": "beryllium", "tonnes": 200}], net)
    >>> result = plan(net, book, max_share={"CN": 0.3})
    >>> result.summary["unserved_tonnes"]
    0.0

Stages, each callable on its own: :func:`corridor.routing.plan.problem.build_problem` (arrays),
:func:`corridor.routing.plan.solve.solve` (shortest paths, column generation, optional MIP),
:func:`corridor.routing.plan.verify.verify` (independent check),
:func:`corridor.routing.plan.result.build_plan` (tables).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping, Sequence

import numpy as np

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.model import Network
from corridor.network_data.scenario import Scenario
from corridor.network_data.schema import SERVICES, parameter_problems
from corridor.network_data.shipments import ShipmentBook
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan.gcpause import cyclic_gc_paused
from corridor.routing.plan.problem import build_problem
from corridor.routing.plan.result import Plan, PlanOptions, build_plan, check_book_columns
from corridor.routing.plan.solve import Progress, solve, unserved_prices
from corridor.routing.plan.verify import verify
from corridor.routing.scenarios import apply_scenarios, scenario_origin
from corridor.routing.services import with_service

__all__ = ["Plan", "PlanOptions", "cyclic_gc_paused", "plan", "priced_book"]


def plan(net: Network, book: ShipmentBook, *, params: CostParams | None = None,
         max_share: Mapping[str, float] | None = None, horizon_days: float = 365.0,
         unsplittable: bool = False, time_limit_s: float = 60.0,
         progress: Progress | None = None, lp_solver: str = "GLOP",
         mip_solver: str = "SCIP", scenarios: Sequence[Scenario] = (),
         service: str = "regular") -> Plan:
    """Plan a shipment book at least generalized cost under capacities, caps and deadlines.

    Parameters
    ----------
    net
        The network (its legs' ``capacity_tpy`` and nodes' ``throughput_tpy`` are per year).
    book
        Validated shipments (:func:`corridor.network_data.shipments.read_shipments`).
    params
        Cost parameters and plan-wide hard rules (avoids, penalties, open statuses); each
        shipment's own ``avoid`` adds to them.
    max_share
        ``{KEY: fraction}``: at most this share of all planned tonnage may use routes through
        what KEY names (any selector: a country, passage, corridor, capacity group, leg or
        place; see :mod:`corridor.network_data.vocabulary`).
    horizon_days
        The plan covers this many days: capacities are scaled by ``horizon_days / 365``.
    unsplittable
        Keep each shipment on a single route (integer model over the generated routes,
        solved with SCIP); ``summary["mip_gap"]`` is the gap to the LP bound.
    time_limit_s
        Time limit of the integer solve.
    progress
        Called with a short message at each stage (for a spinner or a log).
    lp_solver, mip_solver
        OR-Tools backends of the splittable and the unsplittable master (defaults picked
        by measurement: ``python -m benchmarks.bench_backends``, table in docs/performance.md).
    scenarios
        What-if scenarios to plan under, applied to ``net`` in order
        (:func:`corridor.routing.scenarios.apply_scenarios`; each in force for the whole
        horizon). Unserved tonnes are priced on the network before any scenario applied
        (``net``, or the network ``net`` was made from if it is a scenario's), with
        :func:`priced_book`, so closing something never makes the plan cheaper.
    service
        The service level every shipment moves at: 'regular', or 'express' (priority
        trains and trucks: the network's express days, :mod:`corridor.routing.services`;
        the same tariffs).

    Returns
    -------
    Plan
        Verified: flows conserve at every node, loads respect capacities, caps and deadlines
        hold, served + unserved = tonnes, and the objective is recomputed. It carries its
        :attr:`~Plan.status` and what it was made with (its problem and
        :attr:`~Plan.options`); :mod:`corridor.reports` writes it as CSV, JSON or GeoJSON.

    Raises
    ------
    InputError
        Bad ``max_share``, ``horizon_days`` (1 to 3650 days) or ``time_limit_s`` (above 0
        to a week), a number of the book outside its range (a book made in memory), or a
        column of the book's own that has the name of one the plan writes.
    SolverError
        A solver failed, or the solution failed verification.
    """
    params = params or CostParams()
    bad = parameter_problems({"time_limit_s": time_limit_s}) + book.range_problems()
    if service not in SERVICES:
        bad.append(Problem(PARAMETERS, None, "service",
                           f"'{service}' is not one of {', '.join(SERVICES)}"))
    if bad:
        raise InputError(bad)
    check_book_columns(book)
    origin = scenario_origin(net)
    if scenarios or origin is not None:  # stranding priced before any scenario applies
        root = net if origin is None else origin[0]
        book = priced_book(root, book, params=params, horizon_days=horizon_days)
        net = apply_scenarios(net, scenarios)
    options = PlanOptions(unsplittable=unsplittable, time_limit_s=float(time_limit_s),
                          lp_solver=lp_solver, mip_solver=mip_solver)
    with cyclic_gc_paused():
        problem = build_problem(with_service(compile_network(net), service), book,
                                params=params, max_share=max_share, horizon_days=horizon_days)
        solution = solve(problem, unsplittable=unsplittable, time_limit_s=time_limit_s,
                         progress=progress, lp_solver=lp_solver, mip_solver=mip_solver)
        if progress:
            progress("verifying the plan")
        verify(solution)
        return build_plan(solution, options)


def priced_book(net: Network, book: ShipmentBook, *, params: CostParams | None = None,
                horizon_days: float = 365.0) -> ShipmentBook:
    """``book`` with every shipment's unserved price fixed as a plan on ``net`` would set
    it (the book's own where it gives one; else ten times its cheapest legal route plus
    1,000 USD/t). Plans of this book under scenarios charge stranded tonnes what the
    baseline would, not what is left of the network. A book that prices every shipment
    already is returned as it is."""
    if not np.isnan(book.unserved_usd_per_t).any():
        return book
    problem = build_problem(compile_network(net), book, params=params or CostParams(),
                            horizon_days=horizon_days)
    prices = unserved_prices(problem).astype(float)
    prices.setflags(write=False)
    return dataclasses.replace(book, unserved_usd_per_t=prices)

"""The planning problem in array form: cost classes, demand groups, capacities and caps.

Aggregation is exact. Two shipments whose arc costs and usable arcs are identical (same
cargo class, cargo value, Class-7 restriction, avoid set and service level) share a *cost
class*; shipments
of one class that also share origin, destination, deadline and unserved price are
interchangeable in the splittable model, so they form one *demand group* whose flow is split
back over its members in proportion to their tonnes. Routes (columns) belong to groups.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.schema import RANGES, parameter_problems
from corridor.network_data.shipments import ShipmentBook
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import CompiledNetwork, read_only
from corridor.routing.costs import ArcCosts, CostParams, arc_costs
from corridor.routing.services import with_service


@dataclass(frozen=True)
class CostClass:
    """Shipments whose arcs cost the same: cargo class, value, Class-7 rule, avoid set and
    service level (its days: :mod:`corridor.routing.services`)."""

    cargo_class: str
    value_usd_per_t: float
    class7_only: bool
    avoid: frozenset[Selector]
    costs: ArcCosts
    service: str = "regular"


@dataclass(frozen=True)
class Group:
    """Interchangeable shipments: one class, origin, destination, deadline, unserved price."""

    cls: int
    origin: int  # node index
    destination: int  # node index
    max_days: float  # inf when no deadline
    unserved_price: float | None  # user-given, else decided after the first search
    tonnes: float  # its shipments (``PlanProblem.ship_group``) together


@dataclass(frozen=True)
class ShareCap:
    """At most ``fraction`` of all planned tonnage may use a route that uses an arc ``key``
    names."""

    key: str  # the selector's name: country code, passage, corridor, group, leg or node
    fraction: float
    arcs: np.ndarray  # bool per arc: the selector names the arc


@dataclass(frozen=True, eq=False)
class PlanProblem:
    """Everything the solver needs, as arrays; built once per (network, book, options).

    ``arc_cap``, ``row_cap`` and ``node_cap`` are capacities for the plan horizon (per-year
    capacity × horizon / 365), ``inf`` where not limiting. ``row_cap`` bounds the capacity
    rows of :class:`~corridor.routing.compile.CompiledNetwork` (an arc's own capacity, or a capacity
    group shared by several legs); ``arc_cap`` is each arc's row capacity, for reports.
    """

    net: CompiledNetwork
    book: ShipmentBook
    params: CostParams
    horizon_days: float
    classes: tuple[CostClass, ...]
    groups: tuple[Group, ...]
    ship_group: np.ndarray  # group of each shipment
    arc_cap: np.ndarray
    row_cap: np.ndarray
    node_cap: np.ndarray
    caps: tuple[ShareCap, ...]

    @cached_property
    def tonnes(self) -> np.ndarray:
        """Tonnes of each shipment."""
        return self.book.tonnes

    @cached_property
    def class_total(self) -> np.ndarray:
        """Total arc cost per tonne of every class (classes × arcs)."""
        if not self.classes:
            return np.zeros((0, self.net.n_arcs))
        return np.stack([c.costs.total for c in self.classes])

    @cached_property
    def class_days(self) -> np.ndarray:
        """Days on every arc for every class (classes × arcs)."""
        if not self.classes:
            return np.zeros((0, self.net.n_arcs))
        return np.stack([c.costs.days for c in self.classes])

    @cached_property
    def group_class(self) -> np.ndarray:
        """Cost class of every group."""
        return read_only(np.array([g.cls for g in self.groups], dtype=np.int64))

    @cached_property
    def group_origin(self) -> np.ndarray:
        """Origin node of every group."""
        return read_only(np.array([g.origin for g in self.groups], dtype=np.int64))

    @cached_property
    def group_destination(self) -> np.ndarray:
        """Destination node of every group."""
        return read_only(np.array([g.destination for g in self.groups], dtype=np.int64))

    @cached_property
    def group_tonnes(self) -> np.ndarray:
        """Tonnes of every group."""
        return read_only(np.array([g.tonnes for g in self.groups], dtype=float))

    @cached_property
    def group_max_days(self) -> np.ndarray:
        """Deadline of every group (inf where none)."""
        return read_only(np.array([g.max_days for g in self.groups], dtype=float))


def parse_max_share(net: CompiledNetwork, max_share: Mapping[str, float] | None,
                    source: str = PARAMETERS) -> tuple[ShareCap, ...]:
    """Validate share caps ``{KEY: fraction}``; KEY any selector (country, passage,
    corridor, capacity group, leg, place). Problems name the field ``max_share``."""
    problems: list[Problem] = []
    caps: list[ShareCap] = []
    seen: set[Selector] = set()
    for key, fraction in sorted((max_share or {}).items()):
        if RANGES["max_share"].complaint(float(fraction)):
            problems.append(Problem(source, None, "max_share",
                                    f"{key}={fraction:g}: the share must be between 0 and 1"))
            continue
        selector = net.vocabulary.find(key)
        if selector is None:
            problems.append(net.vocabulary.problem(key, field="max_share", source=source,
                                                   row=None))
        elif selector in seen:
            problems.append(Problem(source, None, "max_share",
                                    f"'{key}' names {selector}, capped twice"))
        else:
            seen.add(selector)
            caps.append(ShareCap(str(selector), float(fraction),
                                 net.selector_mask(selector)))
    if problems:
        raise InputError(problems)
    return tuple(caps)


def cargo_classes(net: CompiledNetwork, book: ShipmentBook) -> np.ndarray:
    """The cargo class of every shipment: its commodity's."""
    of = net.network.commodities["cargo_class"].astype(str).to_dict()
    codes, distinct = pd.factorize(book.commodity)
    return np.array([of[c] for c in distinct.tolist()], dtype=object)[codes]


def _first_codes(*keys: np.ndarray) -> np.ndarray:
    """Codes of the distinct key tuples (row-wise over ``keys``), numbered in order of first
    appearance. Keys are combined one at a time, so codes never exceed the row count."""
    code = np.zeros(len(keys[0]), dtype=np.int64)
    for key in keys:
        part, uniques = pd.factorize(key)
        code, _ = pd.factorize(code * len(uniques) + part)
    return code.astype(np.int64)


def build_problem(net: CompiledNetwork, book: ShipmentBook, *, params: CostParams,
                  max_share: Mapping[str, float] | None = None,
                  horizon_days: float = 365.0) -> PlanProblem:
    """Group the book into cost classes and demand groups; scale capacities to the horizon.

    ``InputError`` for bad parameters: ``horizon_days`` outside its plausible range
    (:data:`~corridor.network_data.schema.RANGES`), unknown selectors, bad share caps."""
    problems = parameter_problems({"horizon_days": horizon_days})
    try:
        params = params.resolved(net.vocabulary)
    except InputError as exc:
        problems += exc.problems
    try:
        caps = parse_max_share(net, max_share)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    n = len(book)
    # The avoid sets that apply to each shipment: the plan's own plus the shipment's. Distinct
    # cells are few, so they are resolved once each (the sets hash, so they factorize).
    cell = _first_codes(book.avoid)
    rules: dict[frozenset[Selector], int] = {}
    rule_of_cell = np.array([rules.setdefault(
        frozenset(params.avoid) | book.avoid[i], len(rules))
        for i in np.unique(cell, return_index=True)[1].tolist()], dtype=np.int64)
    avoid_rule = rule_of_cell[cell]
    rule_sets = list(rules)
    cargo = cargo_classes(net, book)
    # a shipment's own service, else the network's (the plan's --service)
    named = book.services(net.service)
    ship_class = _first_codes(cargo, book.value_usd_per_t, book.class7_only, avoid_rule,
                              *(() if named is None else (named,)))
    firsts = np.unique(ship_class, return_index=True)[1]
    classes: list[CostClass] = []
    for i in firsts.tolist():
        value, class7 = float(book.value_usd_per_t[i]), bool(book.class7_only[i])
        avoid = rule_sets[int(avoid_rule[i])]
        p = dataclasses.replace(params, avoid=avoid)
        level = net.service if named is None else str(named[i])
        classes.append(CostClass(str(cargo[i]), value, class7, avoid,
                                 arc_costs(with_service(net, level), value_usd_per_t=value,
                                           params=p, class7_only=class7,
                                           cargo_class=str(cargo[i])),
                                 service=level))
    origin = net.node_indices(book.origin)
    dest = net.node_indices(book.destination)
    max_days = np.where(np.isnan(book.max_days), np.inf, book.max_days)
    price = np.where(np.isnan(book.unserved_usd_per_t), -1.0, book.unserved_usd_per_t)
    ship_group = _first_codes(ship_class, origin, dest, max_days, price)
    n_groups = int(ship_group.max()) + 1 if n else 0
    # bincount adds each group's tonnes in file order, as a loop over its members would
    group_tonnes = np.bincount(ship_group, weights=book.tonnes, minlength=n_groups)
    first = np.unique(ship_group, return_index=True)[1]  # each group's first shipment
    groups = tuple(
        Group(cls=cls, origin=o, destination=d, max_days=days,
              unserved_price=None if up == -1.0 else up, tonnes=t)
        for cls, o, d, days, up, t in zip(
            ship_class[first].tolist(), origin[first].tolist(), dest[first].tolist(),
            max_days[first].tolist(), price[first].tolist(), group_tonnes.tolist()))
    scale = horizon_days / 365.0
    arc_cap = np.asarray(net.capacity_tpy, dtype=float) * scale
    row_cap = np.asarray(net.row_capacity_tpy, dtype=float) * scale
    row_cap.setflags(write=False)
    node_cap = net.node_throughput_tpy * scale
    arc_cap.setflags(write=False)
    node_cap.setflags(write=False)
    ship_group.setflags(write=False)
    return PlanProblem(net=net, book=book, params=params, horizon_days=float(horizon_days),
                       classes=tuple(classes), groups=groups, ship_group=ship_group,
                       arc_cap=arc_cap, row_cap=row_cap, node_cap=node_cap, caps=caps)


def with_closure(problem: PlanProblem, closed: frozenset[Selector]) -> PlanProblem:
    """``problem`` with the arcs ``closed`` names taken away from every shipment, as if
    each were avoided plan-wide (what :func:`build_problem` makes with them added to
    ``params.avoid``, its groups kept as they were): the costs are shared, only the usable
    masks change. A sweep of closures builds its problems this way."""
    if not closed:
        return problem
    net = problem.net
    shut = net.any_mask(closed)
    classes = tuple(dataclasses.replace(
        c, avoid=c.avoid | closed,
        costs=dataclasses.replace(c.costs, usable=read_only(c.costs.usable & ~shut)))
        for c in problem.classes)
    params = dataclasses.replace(problem.params, avoid=frozenset(problem.params.avoid) | closed)
    return dataclasses.replace(problem, params=params, classes=classes)

"""The planning problem in array form: cost classes, demand groups, capacities and caps.

Aggregation is exact. Two shipments whose arc costs and usable arcs are identical (same
cargo value, Class-7 restriction and avoid set) share a *cost class*; shipments of one class
that also share origin, destination, deadline and unserved price are interchangeable in the
splittable model, so they form one *demand group* whose flow is split back over its members
in proportion to their tonnes. Routes (columns) belong to groups.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cached_property

import numpy as np

from network_data.errors import InputError, Problem
from network_data.shipments import ShipmentBook
from routing.compile import CompiledNetwork
from routing.costs import ArcCosts, CostParams, arc_costs


@dataclass(frozen=True)
class CostClass:
    """Shipments whose arcs cost the same: value, Class-7 rule and avoid set."""

    value_usd_per_t: float
    class7_only: bool
    avoid_countries: frozenset[str]
    avoid_corridors: frozenset[str]
    costs: ArcCosts


@dataclass(frozen=True)
class Group:
    """Interchangeable shipments: one class, origin, destination, deadline, unserved price."""

    cls: int
    origin: int  # node index
    destination: int  # node index
    max_days: float  # inf when no deadline
    unserved_price: float | None  # user-given, else decided after the first search
    members: tuple[int, ...]  # shipment indices, file order
    tonnes: float


@dataclass(frozen=True)
class ShareCap:
    """At most ``fraction`` of all planned tonnage may use a route depending on ``key``."""

    key: str  # country code or corridor label
    fraction: float
    arcs: np.ndarray  # bool per arc: the arc depends on the key


@dataclass(frozen=True, eq=False)
class PlanProblem:
    """Everything the solver needs, as arrays; built once per (network, book, options).

    ``arc_cap`` and ``node_cap`` are capacities for the plan horizon (per-year capacity ×
    horizon / 365), ``inf`` where not limiting.
    """

    net: CompiledNetwork
    book: ShipmentBook
    params: CostParams
    horizon_days: float
    classes: tuple[CostClass, ...]
    groups: tuple[Group, ...]
    ship_group: np.ndarray  # group of each shipment
    arc_cap: np.ndarray
    node_cap: np.ndarray
    caps: tuple[ShareCap, ...]

    @cached_property
    def tonnes(self) -> np.ndarray:
        """Tonnes of each shipment."""
        return np.array([s.tonnes for s in self.book.shipments], dtype=float)


def parse_max_share(net: CompiledNetwork, max_share: Mapping[str, float] | None,
                    source: str = "command line") -> tuple[ShareCap, ...]:
    """Validate share caps ``{KEY: fraction}``; KEY a country code or corridor label."""
    problems: list[Problem] = []
    caps: list[ShareCap] = []
    corridors = {c.lower(): c for c in net.corridor}
    for key, fraction in sorted((max_share or {}).items()):
        if not 0.0 <= fraction <= 1.0 or fraction != fraction:
            problems.append(Problem(source, None, "--max-share",
                                    f"{key}={fraction:g}: the share must be between 0 and 1"))
            continue
        if key.upper() in net.country_index:
            code = key.upper()
            arcs = net.arc_country[:, net.country_index[code]].copy()
        elif key.lower() in corridors:
            code = corridors[key.lower()]
            arcs = np.array([c == code for c in net.corridor], dtype=bool)
        else:
            problems.append(Problem(source, None, "--max-share",
                                    f"'{key}' is neither a country code nor a corridor; "
                                    f"corridors: {', '.join(sorted(set(net.corridor)))}"))
            continue
        arcs.setflags(write=False)
        caps.append(ShareCap(code, float(fraction), arcs))
    if problems:
        raise InputError(problems)
    return tuple(caps)


def build_problem(net: CompiledNetwork, book: ShipmentBook, *, params: CostParams,
                  max_share: Mapping[str, float] | None = None,
                  horizon_days: float = 365.0) -> PlanProblem:
    """Group the book into cost classes and demand groups; scale capacities to the horizon."""
    if not horizon_days > 0:
        raise InputError(Problem("command line", None, "--horizon-days",
                                 f"{horizon_days:g} must be > 0"))
    caps = parse_max_share(net, max_share)
    class_index: dict[tuple[object, ...], int] = {}
    classes: list[CostClass] = []
    group_members: dict[tuple[int, int, int, float, float], list[int]] = {}
    for i, s in enumerate(book.shipments):
        avoid_c = params.avoid_countries | s.avoid_countries
        avoid_k = params.avoid_corridors | s.avoid_corridors
        ckey = (s.value_usd_per_t, s.class7_only, tuple(sorted(avoid_c)), tuple(sorted(avoid_k)))
        if ckey not in class_index:
            p = dataclasses.replace(params, avoid_countries=avoid_c, avoid_corridors=avoid_k)
            class_index[ckey] = len(classes)
            classes.append(CostClass(s.value_usd_per_t, s.class7_only, avoid_c, avoid_k,
                                     arc_costs(net, value_usd_per_t=s.value_usd_per_t,
                                               params=p, class7_only=s.class7_only)))
        gkey = (class_index[ckey], net.node_index[s.origin], net.node_index[s.destination],
                float(np.inf) if s.max_days is None else s.max_days,
                -1.0 if s.unserved_usd_per_t is None else s.unserved_usd_per_t)
        group_members.setdefault(gkey, []).append(i)
    groups: list[Group] = []
    ship_group = np.zeros(len(book), dtype=np.int64)
    for gkey in sorted(group_members, key=lambda k: group_members[k][0]):
        members = tuple(group_members[gkey])
        cls, o, d, days, price = gkey
        for m in members:
            ship_group[m] = len(groups)
        groups.append(Group(cls=cls, origin=o, destination=d, max_days=float(days),
                            unserved_price=None if price == -1.0 else float(price),
                            members=members,
                            tonnes=float(sum(book.shipments[m].tonnes for m in members))))
    scale = horizon_days / 365.0
    arc_cap = np.asarray(net.capacity_tpy, dtype=float) * scale
    thr = net.network.nodes["throughput_tpy"].to_numpy(dtype=float, na_value=np.nan)
    node_cap = np.where(np.isnan(thr), np.inf, thr) * scale
    arc_cap.setflags(write=False)
    node_cap.setflags(write=False)
    ship_group.setflags(write=False)
    return PlanProblem(net=net, book=book, params=params, horizon_days=float(horizon_days),
                       classes=tuple(classes), groups=tuple(groups), ship_group=ship_group,
                       arc_cap=arc_cap, node_cap=node_cap, caps=caps)

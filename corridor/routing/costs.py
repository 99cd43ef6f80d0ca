"""The generalized cost model, per tonne and in USD, split into parts.

For a directed arc ``a``, a cargo of class ``c`` (bulk, container, class7) worth ``v`` USD/t::

    freight    = tariff(a, c)                      (rail, road, sea and ferry legs)
    handling   = tariff(a, c)                      (border, transfer, port-call and passage
                                                    legs: clearance, gauge change, port
                                                    handling, canal tolls)
    time       = v × carrying_rate × days(a, c) / 365
    risk       = risk_weight × v × (premium(a) + carrying_rate × delay(a) / 365)
    dependency = Σ over the keys (countries, passages) the arc depends on of penalty[key]

where ``tariff`` and ``days`` come from the leg's rate for class ``c`` (see
:mod:`corridor.routing.compile`), ``premium`` is what the market charges to insure a transit of the
leg (war risk, sanctions, unsafe roads) as a share of value, and ``delay`` the expected days
lost to closures per transit. A user who prefers the older reading of risk as expected loss
gives ``loss_share``: the premium is then replaced by ``P_disruption(a) × loss_share``.

``total = freight + handling + time + risk + dependency``. Every part is linear in the
parameters, which is what lets :mod:`corridor.routing.explain` compute switching thresholds exactly.

Hard rules sit beside the soft ones: ``avoid`` removes arcs outright (countries, passages or
corridor labels), legs not yet operational are closed unless opened, and a commodity
restricted to Class-7 legs may only use arcs that allow it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from corridor.routing.compile import CompiledNetwork

#: Cost parts in reporting order.
PARTS = ("freight", "handling", "time", "risk", "dependency")

#: Default annual carrying (capital) rate used for the time cost (assumed: a typical cost of
#: capital, no source).
DEFAULT_CARRYING_RATE = 0.08
#: The cargo class of a route query that names no commodity.
DEFAULT_CARGO_CLASS = "container"

#: CO2 intensity by mode, kg CO2 per tonne-km (estimated: order of magnitude of published
#: well-to-wheel defaults for freight - diesel/electric rail mix, heavy truck, bulk/container
#: ship, Caspian Ro-Ro/rail ferry; no source in the fact sheet).
CO2_KG_PER_TKM = {"rail": 0.025, "road": 0.080, "sea": 0.008, "ferry": 0.040,
                  "border": 0.0, "transfer": 0.0, "passage": 0.008}
#: CO2 per tonne handled at a border or transfer point (estimated: cranes, shunting).
CO2_KG_PER_T_HANDLED = 1.0


@dataclass(frozen=True)
class CostParams:
    """Parameters of the generalized cost and the hard rules (a value, safe to share).

    Parameters
    ----------
    risk_weight
        Multiplier on the expected disruption loss (0 = ignore risk, 1 = expected value,
        >1 = risk averse).
    carrying_rate
        Annual cost of capital tied up in cargo, as a fraction of its value.
    loss_share
        ``None`` (default): risk is priced at the market's insurance premiums per leg.
        A number: risk is the expected loss instead, P(disruption) × value × loss_share
        (the user's own view of what a disruption costs).
    penalties
        ``key -> USD/t`` added on every arc that depends on that key (a country or a
        passage).
    avoid_keys, avoid_corridors
        Arcs depending on these keys (countries, passages), or labelled with these corridors,
        are removed.
    open_statuses
        Leg statuses usable (default: operational only; add ``"planned"`` and
        ``"under_construction"`` to open future infrastructure).
    closed_nodes
        Node ids closed outright (e.g. a chokepoint): every arc touching them is removed.
    """

    risk_weight: float = 1.0
    carrying_rate: float = DEFAULT_CARRYING_RATE
    loss_share: float | None = None
    penalties: Mapping[str, float] = field(default_factory=dict)
    avoid_keys: frozenset[str] = frozenset()
    avoid_corridors: frozenset[str] = frozenset()
    open_statuses: frozenset[str] = frozenset({"operational"})
    closed_nodes: frozenset[str] = frozenset()

    def __post_init__(self) -> None:
        for name in ("risk_weight", "carrying_rate", "loss_share"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} must not be negative")
        object.__setattr__(self, "penalties", dict(sorted(self.penalties.items())))


@dataclass(frozen=True)
class ArcCosts:
    """Per-arc cost parts (USD/t) for one cargo class and value, the arcs' days for that
    class, and the mask of usable arcs."""

    parts: dict[str, np.ndarray]
    total: np.ndarray
    usable: np.ndarray
    days: np.ndarray


def route_sum(values: np.ndarray) -> float:
    """A route's total of a per-arc quantity (``values``: the route's arcs' values, in
    order): ``v[0] + v[1:].sum()``, the float ``np.add.reduceat`` gives for the route's
    segment. Single routes (``corridor route``) and the plan's many routes at once
    (:class:`corridor.routing.plan.arrays.RouteArcs`) are summed the same way, so one route
    costs the same to the last bit in both."""
    return float(values[0] + values[1:].sum()) if len(values) else 0.0


def risk_share(net: CompiledNetwork, params: CostParams) -> np.ndarray:
    """Per arc, the risk part per USD of cargo value at risk weight 1: the insurance premium
    (or P(disruption) × loss share) plus the carrying cost of the expected closure delay."""
    premium = (net.risk_premium_share if params.loss_share is None
               else net.disruption_prob * params.loss_share)
    return premium + params.carrying_rate * net.expected_delay_days / 365.0


def arc_costs(net: CompiledNetwork, *, value_usd_per_t: float, params: CostParams,
              class7_only: bool = False, cargo_class: str = DEFAULT_CARGO_CLASS) -> ArcCosts:
    """Generalized cost of every arc for a cargo of ``cargo_class`` worth ``value_usd_per_t``.

    Examples
    --------
    >>> from corridor.network_data import load_network
    >>> from corridor.routing.compile import compile_network
    >>> c = arc_costs(compile_network(load_network()), value_usd_per_t=1000.0,
    ...               params=CostParams(), cargo_class="bulk")
    >>> bool((c.total[c.usable] >= 0).all())
    True
    """
    freight, handling = net.freight_and_handling(cargo_class)  # shared (read-only)
    days = net.days(cargo_class)
    penalty = np.zeros(len(net.keys))
    for code, usd in params.penalties.items():
        if code in net.key_index:
            penalty[net.key_index[code]] = usd
    parts = {
        "freight": freight,
        "handling": handling,
        "time": value_usd_per_t * params.carrying_rate * days / 365.0,
        "risk": params.risk_weight * value_usd_per_t * risk_share(net, params),
        # No penalty: the product is all zeros, so skip the (arcs × keys) matrix.
        "dependency": net.arc_key_float @ penalty if penalty.any() else
        np.zeros(net.n_arcs),
    }
    # Summed part by part, in PARTS order (the same sums as np.sum over the stacked parts).
    total = parts[PARTS[0]] + parts[PARTS[1]]
    for part in PARTS[2:]:
        total += parts[part]
    return ArcCosts(parts=parts, total=total, days=days,
                    usable=usable_arcs(net, params=params, class7_only=class7_only))


def usable_arcs(net: CompiledNetwork, *, params: CostParams, class7_only: bool = False
                ) -> np.ndarray:
    """Boolean mask of arcs allowed by the hard rules."""
    ok = net.status_in(params.open_statuses)
    if params.avoid_keys:
        cols = [net.key_index[c] for c in params.avoid_keys if c in net.key_index]
        if cols:
            ok &= ~net.arc_key[:, cols].any(axis=1)
    if params.avoid_corridors:
        ok &= ~net.corridor_in(params.avoid_corridors)
    if params.closed_nodes:
        closed = np.array([n in params.closed_nodes for n in net.node_ids], dtype=bool)
        ok &= ~(closed[net.tail] | closed[net.head])
    if class7_only:
        ok &= net.allows_class7
    return ok


def co2_kg_per_t(net: CompiledNetwork, arcs: np.ndarray) -> float:
    """Estimated kg CO2 per tonne along ``arcs``."""
    arcs = np.asarray(arcs, dtype=np.int64)
    per_tkm = np.array([CO2_KG_PER_TKM.get(net.mode[a], 0.0) for a in arcs])
    handled = sum(1 for a in arcs.tolist() if net.mode[a] in ("border", "transfer"))
    return float((per_tkm * net.distance_km[arcs]).sum() + CO2_KG_PER_T_HANDLED * handled)

"""The generalized cost model, per tonne and in USD, split into parts.

For a directed arc ``a``, a cargo of class ``c`` (bulk, container, class7) worth ``v`` USD/t::

    freight    = tariff(a, c)                      (rail, road, sea and ferry legs)
    handling   = tariff(a, c)                      (border, transfer, port-call and passage
                                                    legs: clearance, gauge change, port
                                                    handling, canal tolls)
    time       = v × carrying_rate × days(a, c) / 365
    risk       = risk_weight × v × (premium(a) + carrying_rate × delay(a) / 365)
    dependency = Σ over the penalised selectors that name the arc of their penalty
                 (a country or passage the arc depends on, its corridor, capacity group or
                 leg; a place: on the arcs entering it)

where ``tariff`` and ``days`` come from the leg's rate for class ``c`` (see
:mod:`corridor.routing.compile`), ``premium`` is what the market charges to insure a transit of the
leg (war risk, sanctions, unsafe roads) as a share of value, and ``delay`` the expected days
lost to closures per transit. A user who prefers the older reading of risk as expected loss
gives ``loss_share``: the premium is then replaced by ``P_disruption(a) × loss_share``.

``total = freight + handling + time + risk + dependency``. Every part is linear in the
parameters, which is what lets :mod:`corridor.routing.explain` compute switching thresholds exactly.

Hard rules sit beside the soft ones: ``avoid`` removes outright the arcs its selectors name
(countries, passages, corridors, capacity groups, legs, places), legs not yet operational
are closed unless opened, and a commodity restricted to Class-7 legs may only use arcs that
allow it.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import cast

import numpy as np

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.schema import RANGES, parameter_problems
from corridor.network_data.vocabulary import Selector, Vocabulary
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


#: Penalties as a caller gives them: a mapping or pairs, keyed by selector or by its text.
PenaltiesGiven = (Mapping[str, float] | Mapping[Selector, float] | Mapping[Selector | str, float]
                  | tuple[tuple[Selector | str, float], ...])


@dataclass(frozen=True)
class CostParams:
    """Parameters of the generalized cost and the hard rules (a hashable value, safe to
    share and to use as a cache key).

    Parameters
    ----------
    risk_weight
        Multiplier on the risk cost (0 = ignore risk, 1 = the market's price of it,
        >1 = risk averse).
    carrying_rate
        Annual cost of capital tied up in cargo, as a fraction of its value.
    loss_share
        ``None`` (default): risk is priced at the market's insurance premiums per leg.
        A number: risk is the expected loss instead, P(disruption) × value × loss_share
        (the user's own view of what a disruption costs).
    penalties
        ``selector -> USD/t`` added on every arc the selector names (a country or passage
        the arc depends on, a corridor, a capacity group, a leg; for a node, the arcs
        entering it, so a route pays a node's penalty once per visit).
        Given as a mapping or pairs; kept as pairs sorted by name.
    avoid
        Arcs any of these selectors names are removed.
    open_statuses
        Leg statuses usable (default: operational only; add ``"planned"`` and
        ``"under_construction"`` to open future infrastructure).

    Selectors may be given as text (``"CN"``, ``"suez"``, ``"node:kz-aktau"``):
    :meth:`resolved` turns them into :class:`~corridor.network_data.vocabulary.Selector`
    against a network's vocabulary, as :func:`~corridor.routing.query.find_routes` and
    :func:`~corridor.routing.plan.plan` do before using them.

    Raises
    ------
    InputError
        A rate outside its plausible range (:data:`corridor.network_data.schema.RANGES`:
        ``risk_weight`` 0 to 1000, ``carrying_rate`` 0 to 10, ``loss_share`` 0 to 1), NaN
        or infinite; each problem names the parameter, with source
        :data:`~corridor.network_data.errors.PARAMETERS`. Penalties (0 to 10^6 USD/t) are
        checked with their selectors, by :meth:`resolved`.
    """

    risk_weight: float = 1.0
    carrying_rate: float = DEFAULT_CARRYING_RATE
    loss_share: float | None = None
    penalties: PenaltiesGiven = ()
    avoid: frozenset[Selector | str] = frozenset()
    open_statuses: frozenset[str] = frozenset({"operational"})

    def __post_init__(self) -> None:
        given = self.penalties
        pairs = [(key, float(usd)) for key, usd in
                 (given.items() if isinstance(given, Mapping) else given)]
        # the rates in their plausible ranges (schema.RANGES); penalties: see resolved()
        bad = parameter_problems({name: getattr(self, name) for name in
                                  ("risk_weight", "carrying_rate", "loss_share")})
        if bad:  # an InputError is a ValueError too
            raise InputError(bad)
        object.__setattr__(self, "penalties", tuple(sorted(
            pairs, key=lambda kv: (str(kv[0]), kv[1]))))
        object.__setattr__(self, "avoid", frozenset(self.avoid))
        object.__setattr__(self, "open_statuses", frozenset(self.open_statuses))

    @property
    def penalty_pairs(self) -> tuple[tuple[Selector | str, float], ...]:
        """The penalties as ``(selector, USD/t)`` pairs, sorted by name."""
        return cast(tuple[tuple[Selector | str, float], ...], self.penalties)

    def penalty_of(self, selector: Selector) -> float:
        """The penalty on ``selector`` (0.0 if none)."""
        return next((usd for key, usd in self.penalty_pairs if key == selector), 0.0)

    @property
    def avoid_names(self) -> list[str]:
        """The avoided selectors' names, sorted (for reports)."""
        return sorted(str(s) for s in self.avoid)

    @property
    def penalty_names(self) -> dict[str, float]:
        """``{name: USD/t}`` of the penalties (for reports)."""
        return {str(key): usd for key, usd in self.penalty_pairs}

    def resolved(self, vocabulary: Vocabulary) -> CostParams:
        """These parameters with every selector given as text resolved against
        ``vocabulary``; unknown names, penalties outside their plausible range and a
        selector penalised twice at different prices are reported together (fields
        ``avoid`` and ``penalty``, source :data:`~corridor.network_data.errors.PARAMETERS`).
        """
        problems: list[Problem] = []
        avoid: set[Selector] = set()
        for item in sorted(self.avoid, key=str):
            try:
                avoid.add(item if isinstance(item, Selector) else
                          vocabulary.resolve(item, field="avoid", source=PARAMETERS))
            except InputError as exc:
                problems += exc.problems
        penalties: dict[Selector, float] = {}
        for key, usd in self.penalty_pairs:
            selector = key if isinstance(key, Selector) else vocabulary.find(key)
            complaint = RANGES["penalty"].complaint(usd)
            if selector is None:
                problems.append(vocabulary.problem(str(key), field="penalty", source=PARAMETERS,
                                                   row=None))
            elif complaint:
                problems.append(Problem(PARAMETERS, None, "penalty", f"{key}: {complaint}"))
            elif penalties.get(selector, usd) != usd:
                problems.append(Problem(PARAMETERS, None, "penalty",
                                        f"{selector} is given twice, as "
                                        f"{penalties[selector]:g} and {usd:g} USD/t"))
            else:
                penalties[selector] = usd
        if problems:
            raise InputError(problems)
        return dataclasses.replace(self, avoid=frozenset(avoid), penalties=tuple(
            penalties.items()))


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
    parts = {
        "freight": freight,
        "handling": handling,
        "time": value_usd_per_t * params.carrying_rate * days / 365.0,
        "risk": params.risk_weight * value_usd_per_t * risk_share(net, params),
        "dependency": dependency_costs(net, params),
    }
    # Summed part by part, in PARTS order (the same sums as np.sum over the stacked parts).
    total = parts[PARTS[0]] + parts[PARTS[1]]
    for part in PARTS[2:]:
        total += parts[part]
    return ArcCosts(parts=parts, total=total, days=days,
                    usable=usable_arcs(net, params=params, class7_only=class7_only))


def _selectors(net: CompiledNetwork, items: Iterable[Selector | str]) -> list[Selector]:
    """``items`` as selectors (text resolved against the network's vocabulary, for a
    caller who did not call :meth:`CostParams.resolved` first)."""
    return [item if isinstance(item, Selector) else
            net.vocabulary.resolve(item, field="selector", source=PARAMETERS)
            for item in items]


def dependency_costs(net: CompiledNetwork, params: CostParams) -> np.ndarray:
    """Per arc, the penalties (USD/t) of the selectors that name it."""
    if not params.penalties:
        return np.zeros(net.n_arcs)
    selectors = _selectors(net, (key for key, _ in params.penalty_pairs))
    usd = [value for _, value in params.penalty_pairs]
    keyed = [(net.key_index[s.name], u) for s, u in zip(selectors, usd)
             if s.is_dependency and s.name in net.key_index]
    penalty = np.zeros(len(net.keys))
    for column, u in keyed:
        penalty[column] = u
    # Countries and passages through the (arcs × keys) matrix; other selectors by mask.
    total = net.arc_key_float @ penalty if keyed else np.zeros(net.n_arcs)
    for s, u in zip(selectors, usd):
        if not s.is_dependency:
            total = total + u * net.penalty_weight(s)
    return total


def usable_arcs(net: CompiledNetwork, *, params: CostParams, class7_only: bool = False
                ) -> np.ndarray:
    """Boolean mask of arcs allowed by the hard rules."""
    ok = net.status_in(params.open_statuses)
    if params.avoid:
        ok &= ~net.any_mask(_selectors(net, params.avoid))
    if class7_only:
        ok &= net.allows_class7
    return ok


def co2_kg_per_t(net: CompiledNetwork, arcs: np.ndarray) -> float:
    """Estimated kg CO2 per tonne along ``arcs``."""
    arcs = np.asarray(arcs, dtype=np.int64)
    per_tkm = np.array([CO2_KG_PER_TKM.get(net.mode[a], 0.0) for a in arcs])
    handled = sum(1 for a in arcs.tolist() if net.mode[a] in ("border", "transfer"))
    return float((per_tkm * net.distance_km[arcs]).sum() + CO2_KG_PER_T_HANDLED * handled)

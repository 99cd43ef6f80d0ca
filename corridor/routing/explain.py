"""Why the best route wins, and what would make another win: computed switching points.

Every cost part is linear in the parameters (penalties on countries and passages, risk
weight), so along one parameter the cheapest-route cost is a concave piecewise-linear function
and the best route stays best on an interval. A *switch* is where the cheapest route becomes
another choice: another land corridor or transit state, or another sea passage (a sibling of
the best route one siding away does not count). The switching point is found by re-running
the exact route search inside a bracket and bisecting to 0.01 USD/t (or 0.001 in risk
weight); what wins just past it is reported as found by the search, not assumed to be the
runner-up. The brackets are stated (:data:`RISK_WEIGHT_RANGE`, penalties up to the best
route's whole cost), so "nothing switches" is a claim about them, never more.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from corridor.network_data.schema import RANGES
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import CompiledNetwork
from corridor.routing.costs import ArcCosts, CostParams, arc_costs
from corridor.routing.paths import SEA_MODES, Route, cheapest_arcs, describe_route

#: Risk weights searched for a switch: from 0 up to this multiple of the current weight
#: (at least up to this value; at most the largest plausible weight: see
#: :func:`risk_weight_bracket`).
RISK_WEIGHT_RANGE = 100.0


def risk_weight_bracket(risk_weight: float) -> float:
    """The largest risk weight searched for a switch from ``risk_weight``: ``RISK_WEIGHT_RANGE``
    times it (at least ``RISK_WEIGHT_RANGE``), but no more than the plausible maximum
    (:data:`~corridor.network_data.schema.RANGES`), which no parameters can exceed."""
    return min(max(risk_weight * RISK_WEIGHT_RANGE, RISK_WEIGHT_RANGE),
               RANGES["risk_weight"].high)
#: Letters whose English name starts with a vowel sound: "an AZ penalty", "a CN penalty".
_VOWEL_LETTERS = frozenset("AEFHILMNORSX")


def article(key: str) -> str:
    """'a' or 'an' before ``key`` read aloud: a country code letter by letter ("an RU"),
    a passage as a word ("a Suez")."""
    if len(key) == 2 and key.isupper():
        return "an" if key[0] in _VOWEL_LETTERS else "a"
    return "an" if key[:1].lower() in "aeiou" else "a"


@dataclass(frozen=True)
class Switch:
    """A parameter change that makes another route cheapest than the current best."""

    parameter: str  # "penalty:CN", "penalty:suez" or "risk_weight"
    current: float
    threshold: float
    direction: str  # "above" or "below"
    winner: Route
    extra_cost_usd_per_t: float  # how much the best route's cost has changed at the threshold

    def sentence(self, name_of: Callable[[Route], str]) -> str:
        """A planner's sentence for this switch."""
        if self.parameter.startswith("penalty:"):
            code = self.parameter.split(":", 1)[1]
            return (f"{article(code)} {code} penalty {self.direction} {self.threshold:,.2f} "
                    f"USD/t (now {self.current:,.2f}) makes {name_of(self.winner)} cheapest")
        return (f"a risk weight {self.direction} {self.threshold:.3f} (now {self.current:g}) "
                f"makes {name_of(self.winner)} cheapest")


Choice = tuple[frozenset[str], frozenset[str], tuple[str, ...]]


def route_choice(net: CompiledNetwork, arcs: list[int]) -> Choice:
    """What a planner would call the route: the keys and corridors of its land arcs, and the
    passages it crosses in order (the same as :attr:`Route.choice`, from arcs alone)."""
    keys: set[str] = set()
    corridors: set[str] = set()
    passages: list[str] = []
    for a in arcs:
        if net.mode[a] not in SEA_MODES:
            keys.update(net.arc_keys[a])
            corridors.add(net.corridor[a])
        if net.passage[a] and net.passage[a] not in passages:
            passages.append(net.passage[a])
    return frozenset(keys), frozenset(corridors), tuple(passages)


CostsAt = Callable[[CostParams], ArcCosts]


def _switch_point(net: CompiledNetwork, source: int, target: int, costs_at: CostsAt,
                  best_arcs: list[int], lo: float, hi: float,
                  make: Callable[[float], CostParams], tol: float) -> float | None:
    """Smallest parameter in (lo, hi] at which the cheapest route is another choice than the
    best one (``None`` if it never is in the bracket)."""
    home = route_choice(net, best_arcs)

    def beaten(x: float) -> bool:
        costs = costs_at(make(x))
        arcs = cheapest_arcs(net, source, target, costs.total, costs.usable)
        return arcs is not None and route_choice(net, arcs) != home

    if not beaten(hi):
        return None
    for _ in range(80):
        if hi - lo <= tol:
            break
        mid = (lo + hi) / 2.0
        if beaten(mid):
            hi = mid
        else:
            lo = mid
    return hi


def _switch_point_down(net: CompiledNetwork, source: int, target: int, costs_at: CostsAt,
                       best_arcs: list[int], lo: float, hi: float,
                       make: Callable[[float], CostParams], tol: float) -> float | None:
    """Largest parameter in [lo, hi) at which ``best_arcs`` is no longer cheapest."""
    flipped = _switch_point(net, source, target, costs_at, best_arcs, -hi, -lo,
                            lambda x: make(-x), tol)
    return None if flipped is None else -flipped


def switching_points(net: CompiledNetwork, source: int, target: int, *, value: float,
                     params: CostParams, best: Route, class7_only: bool = False,
                     cargo_class: str = "container", max_items: int = 4) -> list[Switch]:
    """Parameter changes that dethrone ``best``, smallest effect on its cost first.

    Considers a higher penalty on each country and passage the best route depends on (other
    than the origin's and destination's own countries) and a higher or lower risk weight
    (from 0 to :func:`risk_weight_bracket` of the current one).
    """
    def costs_at(p: CostParams) -> ArcCosts:
        return arc_costs(net, value_usd_per_t=value, params=p, class7_only=class7_only,
                         cargo_class=cargo_class)

    switches: list[Switch] = []
    best_arcs = list(best.arcs)
    fixed = {net.node_country[source], net.node_country[target]}
    for code in (*best.countries, *best.passages):
        if code in fixed:
            continue
        key = Selector("passage" if net.is_passage(code) else "country", code)
        current = params.penalty_of(key)
        n_legs = sum(1 for a in best_arcs if code in net.arc_keys[a])

        def make(x: float, key: Selector = key) -> CostParams:
            return dataclasses.replace(params, penalties={**dict(params.penalty_pairs), key: x})

        # Upper bracket: enough to price every arc of that key out of the best route.
        hi = current + best.cost_total + 1.0
        point = _switch_point(net, source, target, costs_at, best_arcs, current, hi, make,
                              0.01)
        if point is not None:
            winner = _winner(net, source, target, costs_at(make(point)))
            switches.append(Switch(f"penalty:{code}", current, point, "above", winner,
                                   round((point - current) * n_legs, 2)))
    rw = params.risk_weight

    def make_rw(x: float) -> CostParams:
        return dataclasses.replace(params, risk_weight=max(x, 0.0))

    risk_per_w = best.cost_parts["risk"] / rw if rw > 0 else None
    up = _switch_point(net, source, target, costs_at, best_arcs, rw, risk_weight_bracket(rw),
                       make_rw, 1e-3)
    if up is not None:
        winner = _winner(net, source, target, costs_at(make_rw(up)))
        extra = (up - rw) * risk_per_w if risk_per_w is not None else 0.0
        switches.append(Switch("risk_weight", rw, up, "above", winner, round(extra, 2)))
    if rw > 0:
        down = _switch_point_down(net, source, target, costs_at, best_arcs, 0.0, rw, make_rw,
                                  1e-3)
        if down is not None:
            winner = _winner(net, source, target, costs_at(make_rw(down)))
            extra = (rw - down) * (risk_per_w or 0.0)
            switches.append(Switch("risk_weight", rw, down, "below", winner, round(extra, 2)))
    # The risk-weight switches always show (they answer "how risk-averse must I be?"); then
    # the penalties with the smallest effect on the best route's cost.
    risk = [s for s in switches if s.parameter == "risk_weight"]
    penalties = sorted((s for s in switches if s.parameter != "risk_weight"),
                       key=lambda s: (abs(s.extra_cost_usd_per_t), s.parameter))
    return penalties[:max(max_items - len(risk), 1)] + risk


def _winner(net: CompiledNetwork, source: int, target: int, costs: ArcCosts) -> Route:
    arcs = cheapest_arcs(net, source, target, costs.total, costs.usable)
    assert arcs is not None  # a switch point is only reported where a route exists
    return describe_route(net, arcs, costs)

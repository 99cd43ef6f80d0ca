"""Why the best route wins, and what would make another win: computed switching points.

Every cost part is linear in the parameters (country penalties, risk weight), so along one
parameter the cheapest-route cost is a concave piecewise-linear function and the best route
stays best on an interval. A *switch* is where the cheapest route moves to another land
corridor or transit state (its land signature changes; a sibling of the best route one siding
or one strait away does not count). The switching point is found by re-running the exact route
search inside a bracket and bisecting to 0.01 USD/t (or 0.001 in risk weight); what wins just
past it is reported as found by the search, not assumed to be the runner-up.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from routing.compile import CompiledNetwork
from routing.costs import CostParams, arc_costs
from routing.paths import Route, cheapest_arcs, describe_route


@dataclass(frozen=True)
class Switch:
    """A parameter change that makes another route cheapest than the current best."""

    parameter: str  # "penalty:CN" or "risk_weight"
    current: float
    threshold: float
    direction: str  # "above" or "below"
    winner: Route
    extra_cost_usd_per_t: float  # how much the best route's cost has changed at the threshold

    def sentence(self, name_of: Callable[[Route], str]) -> str:
        """A planner's sentence for this switch."""
        if self.parameter.startswith("penalty:"):
            code = self.parameter.split(":", 1)[1]
            return (f"a {code} penalty {self.direction} {self.threshold:,.2f} USD/t "
                    f"(now {self.current:,.2f}) makes {name_of(self.winner)} cheapest")
        return (f"a risk weight {self.direction} {self.threshold:.3f} (now {self.current:g}) "
                f"makes {name_of(self.winner)} cheapest")


Signature = tuple[frozenset[str], frozenset[str]]


def land_signature(net: CompiledNetwork, arcs: list[int]) -> Signature:
    """(countries, corridors) of the non-sea arcs of a path: what it relies on on land."""
    countries: set[str] = set()
    corridors: set[str] = set()
    for a in arcs:
        if net.mode[a] != "sea":
            countries.update(net.arc_countries[a])
            corridors.add(net.corridor[a])
    return frozenset(countries), frozenset(corridors)


def _switch_point(net: CompiledNetwork, source: int, target: int, value: float,
                  best_arcs: list[int], class7_only: bool, lo: float, hi: float,
                  make: Callable[[float], CostParams], tol: float) -> float | None:
    """Smallest parameter in (lo, hi] at which the cheapest route leaves the best one's
    land corridor (``None`` if it never does in the bracket)."""
    home = land_signature(net, best_arcs)

    def beaten(x: float) -> bool:
        costs = arc_costs(net, value_usd_per_t=value, params=make(x), class7_only=class7_only)
        arcs = cheapest_arcs(net, source, target, costs.total, costs.usable)
        return arcs is not None and land_signature(net, arcs) != home

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


def _switch_point_down(net: CompiledNetwork, source: int, target: int, value: float,
                       best_arcs: list[int], class7_only: bool, lo: float, hi: float,
                       make: Callable[[float], CostParams], tol: float) -> float | None:
    """Largest parameter in [lo, hi) at which ``best_arcs`` is no longer cheapest."""
    flipped = _switch_point(net, source, target, value, best_arcs, class7_only, -hi, -lo,
                            lambda x: make(-x), tol)
    return None if flipped is None else -flipped


def switching_points(net: CompiledNetwork, source: int, target: int, *, value: float,
                     params: CostParams, best: Route, class7_only: bool = False,
                     max_items: int = 4) -> list[Switch]:
    """Parameter changes that dethrone ``best``, smallest effect on its cost first.

    Considers a higher penalty on each country the best route depends on (other than the
    origin's and destination's own) and a higher or lower risk weight.
    """
    switches: list[Switch] = []
    best_arcs = list(best.arcs)
    fixed = {net.node_country[source], net.node_country[target]}
    for code in best.countries:
        if code in fixed:
            continue
        current = float(params.penalties.get(code, 0.0))
        n_legs = sum(1 for a in best_arcs if code in net.arc_countries[a])

        def make(x: float, code: str = code) -> CostParams:
            return dataclasses.replace(params, penalties={**params.penalties, code: x})

        # Upper bracket: enough to price every arc in that country out of the best route.
        hi = current + best.cost_total + 1.0
        point = _switch_point(net, source, target, value, best_arcs, class7_only, current, hi,
                              make, 0.01)
        if point is not None:
            winner = _winner(net, source, target, value, make(point), class7_only)
            switches.append(Switch(f"penalty:{code}", current, point, "above", winner,
                                   round((point - current) * n_legs, 2)))
    rw = params.risk_weight

    def make_rw(x: float) -> CostParams:
        return dataclasses.replace(params, risk_weight=max(x, 0.0))

    risk_per_w = best.cost_parts["risk"] / rw if rw > 0 else None
    up = _switch_point(net, source, target, value, best_arcs, class7_only, rw,
                       max(rw * 100.0, 100.0), make_rw, 1e-3)
    if up is not None:
        winner = _winner(net, source, target, value, make_rw(up), class7_only)
        extra = (up - rw) * risk_per_w if risk_per_w is not None else 0.0
        switches.append(Switch("risk_weight", rw, up, "above", winner, round(extra, 2)))
    if rw > 0:
        down = _switch_point_down(net, source, target, value, best_arcs, class7_only, 0.0, rw,
                                  make_rw, 1e-3)
        if down is not None:
            winner = _winner(net, source, target, value, make_rw(down), class7_only)
            extra = (rw - down) * (risk_per_w or 0.0)
            switches.append(Switch("risk_weight", rw, down, "below", winner, round(extra, 2)))
    # The risk-weight switches always show (they answer "how risk-averse must I be?"); then
    # the country penalties with the smallest effect on the best route's cost.
    risk = [s for s in switches if s.parameter == "risk_weight"]
    penalties = sorted((s for s in switches if s.parameter != "risk_weight"),
                       key=lambda s: (abs(s.extra_cost_usd_per_t), s.parameter))
    return penalties[:max(max_items - len(risk), 1)] + risk


def _winner(net: CompiledNetwork, source: int, target: int, value: float, params: CostParams,
            class7_only: bool) -> Route:
    costs = arc_costs(net, value_usd_per_t=value, params=params, class7_only=class7_only)
    arcs = cheapest_arcs(net, source, target, costs.total, costs.usable)
    assert arcs is not None  # a switch point is only reported where a route exists
    return describe_route(net, arcs, costs)

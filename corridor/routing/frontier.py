"""The cost–dependency frontier: what each point of share on a country, passage or corridor
costs, with the exact caps where the plan changes.

The least cost ``C(F)`` of a book whose planned tonnage may depend on a key for at most a
share ``F`` falls as ``F`` grows, piecewise linearly: between two caps where the optimal
plan's routes stay the same, only the split of a few shipments moves. Its slope at ``F`` is
the cap's price (the plan's ``dual_usd_per_t`` of the cap times the planned tonnes: what one
more unit of share saves). The frontier is found exactly, not on a grid, by the sandwich
method for a convex piecewise-linear function: plan at the two ends (no cap, and a cap of 0);
between two planned caps, the tangents at both ends meet at ``F*``; plan at ``F*``: if the
cost there is on the tangents, ``F*`` is the one kink between them; otherwise the curve bends
in between and both halves are searched again. Each point is a verified plan.

Where shipments go unserved, the planned tonnage changes with the cap and the cap is no
longer a plain bound on the dependent tonnes; the method still returns optimal plans at the
caps it tries, and says so (:attr:`Frontier.convex`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.model import Network
from corridor.network_data.scenario import Scenario
from corridor.network_data.shipments import ShipmentBook
from corridor.routing.costs import CostParams
from corridor.routing.plan import Plan, plan, priced_book
from corridor.routing.scenarios import apply_scenarios

#: Most plans one frontier makes (a frontier of the example book has a few dozen kinks).
MAX_POINTS = 200
#: Caps closer than this are one point.
CAP_STEP = 1e-6


@dataclass(frozen=True)
class Point:
    """One optimal plan on the frontier: the cap on the key's share, the share reached, the
    plan's costs and the marginal saving of one more percentage point of cap."""

    cap: float
    plan: Plan
    key: str  # the selector's name, as the plan's share caps name it

    @property
    def share(self) -> float:
        """The planned tonnage's share depending on the key."""
        return float(self.plan.summary["share_caps"][self.key]["share"])

    @property
    def exact_share(self) -> float:
        """:attr:`share` unrounded, from the plan's flows."""
        sol = self.plan.solution
        k = [cap.key for cap in sol.problem.caps].index(self.key)
        planned = float(sol.flow_tonnes.sum())
        dep = sol.columns.dep[sol.flow_col, k]
        return float(sol.flow_tonnes[dep].sum()) / planned if planned > 0 else 0.0

    @property
    def objective(self) -> float:
        """Total cost with the stranded tonnes' price, USD (what the plan minimises)."""
        return float(self.plan.summary["objective_usd"])

    @property
    def usd_per_point(self) -> float:
        """What one more percentage point of cap saves, USD (0 where it does not bind)."""
        return float(self.plan.summary["share_caps"][self.key]["usd_per_point"])

    @property
    def slope(self) -> float:
        """d(objective)/d(cap), USD per unit of share (≤ 0): the cap's price unrounded,
        times the planned tonnes (the envelope theorem; at a kink, one side's slope)."""
        sol = self.plan.solution
        k = [cap.key for cap in sol.problem.caps].index(self.key)
        return -float(sol.duals.q[k]) * float(sol.flow_tonnes.sum())


@dataclass(frozen=True)
class Frontier:
    """The frontier's points by cap (lowest first), the key and whether the cost was convex
    in the cap at every point found (it is wherever the planned tonnage stays the same)."""

    key: str
    points: tuple[Point, ...]
    convex: bool


def _within_budget(made: int) -> None:
    """Refuse to make more than :data:`MAX_POINTS` plans for one frontier."""
    if made >= MAX_POINTS:
        raise InputError(Problem(PARAMETERS, None, "over", f"more than {MAX_POINTS} plans "
                                 "without closing the frontier"))


def frontier(net: Network, book: ShipmentBook, key: str, *,
             params: CostParams | None = None, max_share: Mapping[str, float] | None = None,
             horizon_days: float = 365.0, scenarios: Sequence[Scenario] = (),
             tolerance_usd: float = 0.01,
             progress: Callable[[str], None] | None = None) -> Frontier:
    """The cost–dependency frontier of ``book`` for the share depending on ``key`` (any
    selector: a country, passage, corridor...), found exactly (see the module doc).

    ``max_share`` holds other caps that apply at every point; stranded tonnes are priced on
    ``net`` before ``scenarios`` apply (:func:`~corridor.routing.plan.priced_book`), as in
    ``whatif``. Raises ``InputError`` for an unknown key or one ``max_share`` caps already.
    """
    params = params or CostParams()
    selector = net.vocabulary.find(key)
    if selector is None:
        raise InputError(net.vocabulary.problem(key, field="over", source=PARAMETERS,
                                                row=None))
    others = dict(max_share or {})
    if any(net.vocabulary.find(k) == selector for k in others):
        raise InputError(Problem(PARAMETERS, None, "over",
                                 f"{key} is capped by max_share already: the frontier moves "
                                 "its cap"))
    say = progress or (lambda _m: None)
    book = priced_book(net, book, params=params, horizon_days=horizon_days)
    changed = apply_scenarios(net, scenarios)
    name = str(selector)
    made: dict[float, Point] = {}

    def at(cap: float) -> Point:
        cap = min(1.0, max(0.0, cap))
        if cap not in made:
            _within_budget(len(made))
            say(f"frontier: plan {len(made) + 1} (cap {cap:.2%})")
            made[cap] = Point(cap, plan(changed, book, params=params,
                                        max_share={**others, name: cap},
                                        horizon_days=horizon_days), name)
        return made[cap]

    top = at(1.0)
    high = at(top.exact_share)  # the unconstrained share: no saving above it
    low = at(0.0)
    convex = True
    stack = [(low, high)]
    while stack:
        a, b = stack.pop()
        if b.cap - a.cap <= CAP_STEP or abs(a.slope - b.slope) <= 1e-9 * max(
                1.0, abs(a.slope)):
            continue  # one line between them
        # the tangents at a and b meet at x
        x = (b.objective - a.objective + a.slope * a.cap - b.slope * b.cap) / (
            a.slope - b.slope)
        if not a.cap + CAP_STEP < x < b.cap - CAP_STEP:
            # the tangents meet at an end: the kink is that point itself; beyond the ends,
            # the slopes are not those of a convex curve
            convex &= a.cap - CAP_STEP <= x <= b.cap + CAP_STEP
            continue
        mid = at(x)
        on_tangent = a.objective + a.slope * (mid.cap - a.cap)
        if mid.objective < on_tangent - tolerance_usd * 10:
            convex = False  # below a tangent: not convex there
        if abs(mid.objective - on_tangent) <= max(tolerance_usd * 10,
                                                   1e-9 * abs(mid.objective)):
            continue  # x is the kink between a and b
        stack += [(a, mid), (mid, b)]
    points = sorted((p for c, p in made.items() if c <= high.cap), key=lambda p: p.cap)
    return Frontier(key=name, points=tuple(_kinks(points)), convex=convex)


def _kinks(points: list[Point]) -> list[Point]:
    """``points`` without those inside a straight piece (the ends are kept): the sandwich
    plans at caps where the curve bends somewhere between, not always at a kink."""
    out = points[:1]
    for i in range(1, len(points) - 1):
        a, b, c = out[-1], points[i], points[i + 1]
        step = min(b.cap - a.cap, c.cap - b.cap)
        left = (b.objective - a.objective) / max(b.cap - a.cap, 1e-12)
        right = (c.objective - b.objective) / max(c.cap - b.cap, 1e-12)
        # objectives are to the cent: each slope is good to 0.01 USD over its step
        if abs(left - right) > 1e-7 * max(abs(left), abs(right)) + 0.02 / max(step, 1e-12):
            out.append(b)
    return out + points[len(points) - 1:] if len(points) > 1 else out


def switches(before: Point | RiskPoint, after: Point | RiskPoint, *,
             without_risk: bool = False) -> list[dict[str, Any]]:
    """Shipments whose main route differs between two neighbouring points (``before`` the
    lower cap, or the higher risk weight): id, origin, destination, commodity, the route
    at each and the cost per tonne change (``without_risk``: its risk part left out, for
    plans made at different risk weights)."""
    def main_routes(point: Point | RiskPoint) -> dict[str, tuple[str, float]]:
        ships = point.plan.shipments
        planned = ships[ships["status"] == "planned"]
        names = point.plan.route_names(planned)
        out: dict[str, tuple[str, float]] = {}
        best: dict[str, float] = {}
        usd_per_t = planned["cost_usd_per_t"] - (planned["risk_usd_per_t"] if without_risk
                                                 else 0.0)
        for sid, t, name, usd in zip(planned["shipment_id"].tolist(),
                                     planned["tonnes"].tolist(), names, usd_per_t.tolist()):
            if t > best.get(sid, -1.0):
                best[sid] = t
                out[sid] = (name, float(usd))
        return out

    low, high = main_routes(before), main_routes(after)
    book = before.plan.solution.problem.book
    rows = []
    for sid, origin, dest, commodity in zip(book.shipment_id.tolist(), book.origin.tolist(),
                                            book.destination.tolist(),
                                            book.commodity.tolist()):
        a, b = low.get(sid), high.get(sid)
        if a is not None and b is not None and a[0] != b[0]:
            rows.append({"shipment_id": sid, "origin": origin, "destination": dest,
                         "commodity": commodity, "route_above": b[0], "route_below": a[0],
                         "delta_usd_per_t": round(a[1] - b[1], 2)})
    return rows


@dataclass(frozen=True)
class RiskPoint:
    """One optimal plan on the cost–risk frontier: the risk weight it was planned at, its
    expected disruption cost (the risk part at weight 1: insurance premiums and the
    carrying cost of expected closure delays) and its cost without it."""

    weight: float
    plan: Plan
    risk_usd: float

    @property
    def objective(self) -> float:
        """What the plan minimised: cost + weight × risk, stranded tonnes priced."""
        return float(self.plan.summary["objective_usd"])

    @property
    def cost(self) -> float:
        """Total cost without the risk part, stranded tonnes priced, USD."""
        return self.objective - self.weight * self.risk_usd


def expected_risk_usd(result: Plan) -> float:
    """The plan's expected disruption cost at risk weight 1, USD: each flow's tonnes × its
    cargo's value × the risk share of its route's arcs."""
    from corridor.routing.costs import risk_share

    sol = result.solution
    p = sol.problem
    share = risk_share(p.net, p.params)
    cols = sol.columns
    value = np.array([p.classes[c].value_usd_per_t for c in p.group_class[cols.group]],
                     dtype=float)
    per_t = cols.reducer.sums(share) * value
    return float(sol.flow_tonnes @ per_t[sol.flow_col]) if len(sol.flow_col) else 0.0


@dataclass(frozen=True)
class RiskFrontier:
    """The cost–risk frontier's points, least risk weight (cheapest, riskiest) first."""

    points: tuple[RiskPoint, ...]


def risk_frontier(net: Network, book: ShipmentBook, *, params: CostParams | None = None,
                  max_share: Mapping[str, float] | None = None, horizon_days: float = 365.0,
                  scenarios: Sequence[Scenario] = (), tolerance_usd: float = 0.01,
                  progress: Callable[[str], None] | None = None) -> RiskFrontier:
    """The frontier between total cost and expected disruption cost, found exactly: the
    plans that minimise cost + w × risk as the risk weight w goes from 0 to its highest
    (1000), each vertex of the curve once. Between two plans, the weight at which they cost
    the same is tried; a plan there that is cheaper at that weight than both is a new
    vertex, and both sides are searched again (the weighted-sum method for a linear
    programme finds every vertex this way)."""
    from corridor.network_data.schema import RANGES

    params = params or CostParams()
    say = progress or (lambda _m: None)
    book = priced_book(net, book, params=params, horizon_days=horizon_days)
    changed = apply_scenarios(net, scenarios)
    made: dict[float, RiskPoint] = {}

    def at(weight: float) -> RiskPoint:
        if weight not in made:
            _within_budget(len(made))
            say(f"frontier: plan {len(made) + 1} (risk weight {weight:.4g})")
            result = plan(changed, book, params=dataclasses.replace(params, risk_weight=weight),
                          max_share=max_share, horizon_days=horizon_days)
            made[weight] = RiskPoint(weight, result, expected_risk_usd(result))
        return made[weight]

    stack = [(at(0.0), at(RANGES["risk_weight"].high))]
    while stack:
        a, b = stack.pop()
        if a.risk_usd - b.risk_usd <= tolerance_usd or b.weight - a.weight <= 1e-9:
            continue
        w = (b.cost - a.cost) / (a.risk_usd - b.risk_usd)  # where a and b cost the same
        if not a.weight < w < b.weight:
            continue
        mid = at(w)
        if mid.cost + w * mid.risk_usd < a.cost + w * a.risk_usd - 10 * tolerance_usd:
            stack += [(a, mid), (mid, b)]
    vertices: list[RiskPoint] = []
    for point in sorted(made.values(), key=lambda q: q.weight):
        if not vertices or abs(point.risk_usd - vertices[-1].risk_usd) > 1.0 or \
                abs(point.cost - vertices[-1].cost) > 1.0:  # one plan, two weights: once
            vertices.append(point)
    return RiskFrontier(tuple(vertices))

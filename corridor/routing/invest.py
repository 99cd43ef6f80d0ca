"""What an investment buys: binding capacities ranked by their prices, and projects weighed.

**Capacities.** A capacity that binds in the optimal plan has a price: what one more tonne
a year of it would save (its dual, over the plan's horizon). Ranked by it, the top ones are
checked by planning with the capacity expanded: the saving stays at the dual's rate up to
the first kink of the saving curve (the *range*, in tonnes a year), found as the frontier's
kinks are, by tangents (the curve is convex: each tonne more saves no more than the last).
Each check also says what the expansion does to the dependency on the keys watched (by
default CN and RU: the tonnes of planned routes that depend on any of them).

**Projects.** A project is a what-if scenario (close, open, scale, set capacity) with its
cost (``cost_usd``): the plan under it against the baseline gives its saving a year, its
change in dependency, what it costs per tonne a year of dependency removed and its simple
payback; all the projects together show whether they add up or compete.

Stranded tonnes are priced on the baseline network (:func:`~corridor.routing.plan.
priced_book`), as in ``whatif``.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.network_data.model import Network
from corridor.network_data.scenario import Change, Scenario
from corridor.network_data.schema import RANGES
from corridor.network_data.shipments import ShipmentBook
from corridor.network_data.vocabulary import Selector
from corridor.routing.costs import CostParams
from corridor.routing.plan import Plan, plan, priced_book
from corridor.routing.scenarios import apply_scenarios

#: Plans one range search may make.
RANGE_STEPS = 12
#: A change in dependent tonnes (a year, or over a capacity's range) smaller than this is
#: the solver's rounding, not tonnes moved off a dependency.
MIN_REMOVED_TPY = 1.0


@dataclass(frozen=True)
class Inputs:
    """The book, network and plan options an investment study plans with."""

    network: Network
    book: ShipmentBook
    params: CostParams
    max_share: Mapping[str, float]
    horizon_days: float
    watch: tuple[Selector, ...]  # dependency keys: tonnes depending on any of them


class Study:
    """The baseline plan of an investment study and the plans it compares with it."""

    def __init__(self, inputs: Inputs, progress: Callable[[str], None] | None = None):
        self.inputs = inputs
        self.say = progress or (lambda _m: None)
        self.book = priced_book(inputs.network, inputs.book, params=inputs.params,
                                horizon_days=inputs.horizon_days)
        self.say("baseline plan")
        self.baseline = self.plan_under(())

    def plan_under(self, scenarios: Sequence[Scenario]) -> Plan:
        """The plan of the book under ``scenarios`` (each in force all the horizon)."""
        i = self.inputs
        return plan(apply_scenarios(i.network, scenarios), self.book, params=i.params,
                    max_share=i.max_share, horizon_days=i.horizon_days)

    def dependent_tonnes(self, result: Plan) -> float:
        """Planned tonnes whose routes depend on any watched key."""
        sol = result.solution
        net = sol.problem.net
        if not self.inputs.watch or not len(sol.flow_col):
            return 0.0
        mask = net.any_mask(self.inputs.watch)
        cols = sol.columns
        touches = np.bincount(cols.route_of_arc, weights=mask[cols.arcs].astype(float),
                              minlength=len(cols)) > 0
        return float(sol.flow_tonnes[touches[sol.flow_col]].sum())

    # ------------------------------------------------------------------------ capacities
    def binding(self) -> list[dict[str, Any]]:
        """Every capacity that binds in the baseline: legs with their own capacity,
        capacity groups and places, with load, capacity (t/yr) and the saving over the
        horizon of one more tonne a year of it; dearest first."""
        s = self.baseline.summary
        scale = self.inputs.horizon_days / 365.0
        out = []
        for name, g in s["capacity_groups"].items():
            if g["dual_usd_per_t"] > 0:
                out.append({"capacity": f"group:{name}", "kind": "capacity group",
                            "capacity_tpy": g["capacity_t"] / scale, "capacity_t": g["capacity_t"],
                            "load_t": g["load_t"],
                            "usd_per_tpy": round(g["dual_usd_per_t"] * scale, 2)})
        legs = self.baseline.legs
        own = legs[(legs["dual_usd_per_t"] > 0) & (legs["capacity_group"] == "")]
        for rec in own.to_dict("records"):
            out.append({"capacity": f"leg:{rec['leg_id']}", "kind": "leg",
                        "capacity_tpy": rec["capacity_t"] / scale,
                        "capacity_t": rec["capacity_t"], "load_t": rec["load_t"],
                        "usd_per_tpy": round(rec["dual_usd_per_t"] * scale, 2)})
        nodes = self.baseline.nodes
        for rec in nodes[nodes["dual_usd_per_t"] > 0].to_dict("records"):
            out.append({"capacity": f"node:{rec['node_id']}", "kind": "place",
                        "capacity_tpy": rec["capacity_t"] / scale,
                        "capacity_t": rec["capacity_t"], "load_t": rec["load_t"],
                        "usd_per_tpy": round(rec["dual_usd_per_t"] * scale, 2)})
        # one leg both ways is one capacity: keep its dearer direction
        best: dict[str, dict[str, Any]] = {}
        for row in out:
            if row["capacity"] not in best or row["usd_per_tpy"] > best[row["capacity"]][
                    "usd_per_tpy"]:
                best[row["capacity"]] = row
        return sorted(best.values(), key=lambda r: (-r["usd_per_tpy"], r["capacity"]))

    def price_of(self, result: Plan, capacity: str) -> float:
        """What one more tonne a year of ``capacity`` saves in ``result``, USD over the
        horizon (0 where it does not bind)."""
        kind, _, name = capacity.partition(":")
        scale = self.inputs.horizon_days / 365.0
        sol = result.solution
        net = sol.problem.net
        if kind == "node":
            return float(sol.duals.p_node[net.node_index[name]]) * scale
        # a leg's arcs (both ways), or a group's (they share its row and its price)
        arcs = net.selector_mask(Selector(kind, name))
        return float(sol.duals.p_arc[arcs].max()) * scale if arcs.any() else 0.0

    def expanded(self, capacity: str, capacity_tpy: float) -> Plan:
        """The plan with ``capacity`` (``leg:``, ``group:`` or ``node:`` name) set to
        ``capacity_tpy``."""
        kind, _, name = capacity.partition(":")
        change = Change("set_capacity", (Selector(kind, name),),
                        (("capacity_tpy", float(capacity_tpy)),))
        return self.plan_under([Scenario(name="expansion", description=capacity,
                                         changes=(change,))])

    def check(self, row: dict[str, Any]) -> dict[str, Any]:
        """``row`` (a binding capacity) checked by planning: the range (t/yr) over which
        each tonne a year saves the dual's amount, the saving and the change in dependent
        tonnes there, and what the capacity would carry if it were not limited."""
        base = self.baseline.summary["objective_usd"]
        cap = row["capacity_tpy"]
        rate = self.price_of(self.baseline, row["capacity"])  # unrounded
        self.say(f"checking {row['capacity']}")
        free = self.expanded(row["capacity"], RANGES["capacity_tpy"].high)
        unlimited_saving = base - free.summary["objective_usd"]
        # The saving S(x) of x t/yr more is concave, S(x) = rate × x up to its first kink.
        # From a point x past it, the tangent there (slope: the capacity's price at x)
        # meets the line rate × x at or after the kink, and exactly at it when x lies on
        # the piece right after it: a few plans find it.
        x = unlimited_saving / rate if rate > 0 else 0.0
        at_x: Plan | None = None
        for _ in range(RANGE_STEPS):
            if x <= 0:
                break
            at_x = self.expanded(row["capacity"], cap + x)
            saving = base - at_x.summary["objective_usd"]
            if saving >= rate * x - 0.05:  # objectives are to the cent
                break  # on the line: the price holds up to x
            slope = self.price_of(at_x, row["capacity"])
            x = (saving - slope * x) / (rate - slope) if rate - slope > 1e-9 * rate \
                else saving / rate
        dependent = self.dependent_tonnes(self.baseline)
        return {**row, "range_tpy": round(x, 0),
                "saving_in_range_usd": round(rate * x, 2),
                "dependent_t_change_in_range": None if at_x is None else _change(
                    self.dependent_tonnes(at_x) - dependent),
                "saving_if_unlimited_usd": round(unlimited_saving, 2)}

    # -------------------------------------------------------------------------- projects
    def project(self, scenario: Scenario) -> dict[str, Any]:
        """A project's saving over the horizon, change in dependent tonnes, cost per tonne
        a year of dependency removed and simple payback (years, at the horizon's saving
        rate)."""
        self.say(f"planning with {scenario.name}")
        return self._compare(scenario.name, scenario.cost_usd, self.plan_under([scenario]))

    def together(self, scenarios: Sequence[Scenario]) -> dict[str, Any]:
        """All the projects at once, as one."""
        costs = [s.cost_usd for s in scenarios]
        total = None if any(c is None for c in costs) else float(sum(c or 0.0 for c in costs))
        return self._compare(" + ".join(s.name for s in scenarios), total,
                             self.plan_under(scenarios))

    def _compare(self, name: str, cost: float | None, result: Plan) -> dict[str, Any]:
        base = self.baseline.summary
        years = self.inputs.horizon_days / 365.0
        saving = base["objective_usd"] - result.summary["objective_usd"]
        removed = _change((self.dependent_tonnes(self.baseline) -
                           self.dependent_tonnes(result)) / years)
        return {"project": name, "cost_usd": cost,
                "saving_per_year_usd": round(saving / years, 2),
                "dependent_tpy_removed": round(removed, 3),
                "usd_per_tpy_dependency_removed": None if cost is None or removed <= 0
                else round(cost / removed, 2),
                "payback_years": None if cost is None or saving <= 0
                else round(cost / (saving / years), 2),
                "unserved_tonnes": result.summary["unserved_tonnes"]}


def _change(tonnes: float) -> float:
    """A change in dependent tonnes, rounded to 3 decimals; under :data:`MIN_REMOVED_TPY`
    it is the LP's rounding (flows exact to far less than a tonne), so 0.0 (never -0.0)."""
    return 0.0 if abs(tonnes) < MIN_REMOVED_TPY else round(tonnes, 3)

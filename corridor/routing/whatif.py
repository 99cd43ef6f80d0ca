"""What-if runs: the baseline plan against the plan under each scenario, shipment by shipment.

Stranding is priced before any scenario applies: the baseline plan's unserved price of each
shipment (ten times its cheapest legal route plus 1,000 USD/t, or the book's own
``unserved_usd_per_t``) is written into the book, and every plan of the run uses that book.
A scenario only takes routes away or makes them dearer (or, opening track, adds some), so
with the prices fixed a closure can never make the plan cheaper by stranding cargo.

**Durations.** A scenario lasting ``d`` of the horizon's ``H`` days is modelled as periods of
one flow each: cargo moves evenly over the horizon, the scenario is in force for the first
``d`` days and the network is whole again after. Plans are linear in tonnes and capacities,
so the plan of a period of ``d`` days (its share ``d/H`` of every shipment, capacities for
``d`` days) is the full-horizon plan under the scenario scaled by ``d/H``: the run plans the
full horizon once per distinct set of scenarios in force and weighs each plan by its
period's share. Composed scenarios with different durations all start on day 0. What this
leaves out: cargo held back during a closure and sent after it (a backlog), and share caps
are met in every period, not only over the whole horizon.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from corridor.network_data.errors import InputError, Problem
from corridor.network_data.model import Network
from corridor.network_data.scenario import Scenario, scenario_label
from corridor.network_data.shipments import ShipmentBook
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan import Plan, plan, priced_book
from corridor.routing.scenarios import apply_scenarios

Progress = Callable[[str], None]


@dataclass(frozen=True)
class Period:
    """Part of the horizon with one set of scenarios in force, and its plan (a full-horizon
    plan under those scenarios; ``weight`` = its days / the horizon's)."""

    days: float
    in_force: tuple[str, ...]
    weight: float
    plan: Plan


@dataclass(frozen=True)
class Outcome:
    """One what-if: the scenarios applied together, their periods, and the comparison.

    ``summary`` has the form of a plan's (blended over the periods: tonnes and money
    weighted by each period's share of the horizon) plus ``periods``; ``shipments`` is one
    row per shipment (:data:`COMPARISON_COLUMNS`), ``legs`` the leg directions whose load
    changed, largest change first, ``shares`` the share of planned tonnage by country and
    passage before and after, ``deltas`` the totals' changes."""

    name: str
    scenarios: tuple[Scenario, ...]
    periods: tuple[Period, ...]
    summary: dict[str, Any]
    shipments: pd.DataFrame
    legs: pd.DataFrame
    shares: pd.DataFrame
    deltas: dict[str, float]


@dataclass(frozen=True)
class WhatIf:
    """A what-if run: the baseline plan (of the priced book) and each scenario's outcome."""

    baseline: Plan
    outcomes: tuple[Outcome, ...]
    book: ShipmentBook  # with the unserved prices every plan of the run used


COMPARISON_COLUMNS = (
    "shipment_id", "origin", "destination", "commodity", "tonnes", "baseline_route",
    "scenario_route", "route_changed", "baseline_usd_per_t", "scenario_usd_per_t",
    "delta_usd_per_t", "baseline_days", "scenario_days", "delta_days", "baseline_cost_usd",
    "scenario_cost_usd", "delta_cost_usd", "baseline_unserved_t", "stranded_t",
    "stranded_usd", "reason", "touched_legs",
)


def periods_of(scenarios: Sequence[Scenario], horizon_days: float
               ) -> list[tuple[float, tuple[int, ...]]]:
    """The horizon cut where a scenario ends: ``(days, indices of the scenarios in
    force)`` per period, in time order (windows start on day 0; none lasts past the
    horizon)."""
    ends = sorted({min(s.duration_days or horizon_days, horizon_days) for s in scenarios}
                  | {horizon_days})
    out = []
    start = 0.0
    for end in ends:
        in_force = tuple(i for i, s in enumerate(scenarios)
                         if min(s.duration_days or horizon_days, horizon_days) >= end)
        if end > start:
            out.append((end - start, in_force))
        start = end
    return out


def whatif(net: Network, book: ShipmentBook, runs: Sequence[Sequence[Scenario]], *,
           params: CostParams | None = None, max_share: Mapping[str, float] | None = None,
           horizon_days: float = 365.0, unsplittable: bool = False,
           time_limit_s: float = 60.0, progress: Progress | None = None,
           service: str = "regular") -> WhatIf:
    """Plan ``book`` on ``net`` and under each run of scenarios (a run: scenarios applied
    together, in order), with the same options, and compare them shipment by shipment.
    ``service`` is the level of the shipments whose book names none
    (:func:`corridor.routing.plan.plan`).

    Every plan is verified (:func:`corridor.routing.plan.plan`). Raises what ``plan`` and
    :func:`~corridor.routing.scenarios.apply_scenarios` raise."""
    say = progress or (lambda _m: None)
    options: dict[str, Any] = {"params": params, "max_share": max_share,
                               "horizon_days": horizon_days, "unsplittable": unsplittable,
                               "time_limit_s": time_limit_s, "service": service}
    # every network first: a scenario that cannot apply is reported before any planning,
    # with the problems of every other one
    Key = tuple[tuple[str, str], ...]
    networks: dict[Key, Network] = {}
    problems: list[Problem] = []
    schedule = []
    for run in runs:
        periods = []
        for days, in_force in periods_of(run, horizon_days):
            applied = [run[i] for i in in_force]
            key = tuple((s.name, s.sha256) for s in applied)
            if key and key not in networks:
                try:
                    networks[key] = apply_scenarios(net, applied)
                except InputError as exc:
                    problems += [p for p in exc.problems if p not in problems]
            periods.append((days, key))
        schedule.append((run, periods))
    if problems:
        raise InputError(problems)
    say("baseline plan")
    book = priced_book(net, book, params=params, horizon_days=horizon_days)
    baseline = plan(net, book, **options)
    base_view = _shipment_view([(1.0, baseline)])
    plans: dict[Key, Plan] = {(): baseline}
    outcomes = []
    for run, keyed in schedule:
        periods_made = []
        for days, key in keyed:
            if key not in plans:
                say(f"plan under {' + '.join(name for name, _ in key)}")
                plans[key] = plan(networks[key], book, **options)
            periods_made.append(Period(days, tuple(name for name, _ in key),
                                       days / horizon_days, plans[key]))
        outcomes.append(_outcome(scenario_label(run), tuple(run), tuple(periods_made),
                                 baseline, base_view))
    return WhatIf(baseline=baseline, outcomes=tuple(outcomes), book=book)


# ------------------------------------------------------------------------------ comparison

def _weighted(periods: Sequence[tuple[float, Plan]]) -> list[tuple[float, Plan]]:
    return [(w, p) for w, p in periods if w > 0]


def _shipment_view(periods: Sequence[tuple[float, Plan]]) -> pd.DataFrame:
    """Per shipment (indexed by id, in book order): planned and unserved tonnes, cost,
    tonne-weighted days, the route's name, the route signature (legs and shares), the legs
    used and the reason for unserved tonnes, over the weighted plans."""
    book = periods[0][1].solution.problem.book
    sids = [str(s) for s in book.shipment_id.tolist()]
    acc: dict[str, dict[str, Any]] = {sid: {
        "planned_t": 0.0, "cost_usd": 0.0, "day_t": 0.0, "names": {}, "names_t": {},
        "routes": {}, "unserved_t": 0.0, "unserved_usd": 0.0, "reasons": {}} for sid in sids}
    for w, p in _weighted(periods):
        ships = p.shipments
        planned = ships[ships["status"] == "planned"]
        for sid, t, cost, days, name, legs in zip(
                planned["shipment_id"].tolist(), planned["tonnes"].tolist(),
                planned["cost_usd"].tolist(), planned["days"].tolist(),
                p.route_names(planned), planned["legs"].tolist()):
            a = acc[str(sid)]
            a["planned_t"] += w * t
            a["cost_usd"] += w * cost
            a["day_t"] += w * t * days
            a["names"].setdefault(name, set()).add(legs)
            a["routes"][legs] = a["routes"].get(legs, 0.0) + w * t
            a["names_t"][name] = a["names_t"].get(name, 0.0) + w * t
        unserved = ships[ships["status"] == "unserved"]
        for sid, t, cost, reason in zip(unserved["shipment_id"].tolist(),
                                        unserved["tonnes"].tolist(),
                                        unserved["cost_usd"].tolist(),
                                        unserved["reason"].tolist()):
            a = acc[str(sid)]
            a["unserved_t"] += w * t
            a["unserved_usd"] += w * cost
            if reason:
                a["reasons"][reason] = None
    out = {}
    for sid, a in acc.items():
        planned_t = a["planned_t"]
        names_t = sorted(a["names_t"].items(), key=lambda kv: -kv[1])
        out[sid] = {
            "planned_t": planned_t, "cost_usd": a["cost_usd"],
            "days": a["day_t"] / planned_t if planned_t > 0 else np.nan,
            "route": _route_text([(n, t, len(a["names"][n])) for n, t in names_t], planned_t),
            "signature": tuple((legs, round(t / planned_t, 6)) for legs, t in
                               sorted(a["routes"].items())) if planned_t > 0 else (),
            "legs": frozenset(leg for legs in a["routes"] for leg in legs),
            "unserved_t": a["unserved_t"], "unserved_usd": a["unserved_usd"],
            "reason": "; ".join(a["reasons"]),
        }
    return pd.DataFrame.from_dict(out, orient="index")


def _route_text(rows: list[tuple[str, float, int]], planned_t: float) -> str:
    """The route's name (as ``corridor route`` names routes) from ``(name, tonnes, number
    of routes)`` by tonnes: a shipment split over routes of different names: each with its
    share; several routes under one name: how many."""
    def name(route: str, count: int) -> str:
        return route if count == 1 else f"{route} ({count} routes)"

    if not rows:
        return ""
    if len(rows) == 1:
        return name(rows[0][0], rows[0][2])
    return "; ".join(f"{name(r, n)} {t / planned_t:.0%}" for r, t, n in rows)


def _touched_legs(base: CompiledNetwork, changed: CompiledNetwork) -> frozenset[str]:
    """Legs whose figures differ between two compiled forms of one network (a node whose
    throughput changed touches its legs)."""
    arcs = (base.class_tariff != changed.class_tariff).any(axis=0) | \
        (base.class_days != changed.class_days).any(axis=0) | \
        (base.capacity_tpy != changed.capacity_tpy) | \
        (np.array(base.status, dtype=object) != np.array(changed.status, dtype=object)) | \
        (base.disruption_prob != changed.disruption_prob) | \
        (base.risk_premium_share != changed.risk_premium_share) | \
        (base.expected_delay_days != changed.expected_delay_days)
    nodes = np.flatnonzero(base.node_throughput_tpy != changed.node_throughput_tpy)
    arcs |= np.isin(base.tail, nodes) | np.isin(base.head, nodes)
    return frozenset(base.leg_ids[i] for i in np.unique(base.arc_leg[arcs]).tolist())


def _outcome(name: str, scenarios: tuple[Scenario, ...], periods: tuple[Period, ...],
             baseline: Plan, base_view: pd.DataFrame) -> Outcome:
    weighted = [(p.weight, p.plan) for p in periods]
    view = _shipment_view(weighted)
    base_net = compile_network(baseline.solution.problem.net.network)
    touched = frozenset().union(*(_touched_legs(base_net, p.plan.solution.problem.net)
                                  for p in periods if p.in_force))
    book = baseline.solution.problem.book
    b, s = base_view, view
    sids = book.shipment_id.tolist()
    b, s = b.loc[sids], s.loc[sids]
    shipments = pd.DataFrame({
        "shipment_id": sids, "origin": book.origin, "destination": book.destination,
        "commodity": book.commodity, "tonnes": book.tonnes,
        "baseline_route": b["route"].to_numpy(), "scenario_route": s["route"].to_numpy(),
        "route_changed": (b["signature"].to_numpy() != s["signature"].to_numpy()),
        "baseline_usd_per_t": _per_t(b), "scenario_usd_per_t": _per_t(s),
        "baseline_days": b["days"].to_numpy(dtype=float),
        "scenario_days": s["days"].to_numpy(dtype=float),
        "baseline_cost_usd": b["cost_usd"].to_numpy(dtype=float),
        "scenario_cost_usd": s["cost_usd"].to_numpy(dtype=float),
        "baseline_unserved_t": b["unserved_t"].to_numpy(dtype=float),
        "stranded_t": s["unserved_t"].to_numpy(dtype=float),
        "stranded_usd": s["unserved_usd"].to_numpy(dtype=float),
        "reason": s["reason"].to_numpy(),
        "touched_legs": [tuple(sorted(legs & touched)) for legs in b["legs"]],
    })
    shipments["delta_usd_per_t"] = shipments["scenario_usd_per_t"] - \
        shipments["baseline_usd_per_t"]
    shipments["delta_days"] = shipments["scenario_days"] - shipments["baseline_days"]
    shipments["delta_cost_usd"] = shipments["scenario_cost_usd"] - \
        shipments["baseline_cost_usd"]
    for column in ("baseline_usd_per_t", "scenario_usd_per_t", "delta_usd_per_t",
                   "baseline_cost_usd", "scenario_cost_usd", "delta_cost_usd",
                   "stranded_usd"):
        shipments[column] = shipments[column].round(2) + 0.0
    for column in ("baseline_days", "scenario_days", "delta_days"):
        shipments[column] = shipments[column].round(2) + 0.0
    for column in ("tonnes", "baseline_unserved_t", "stranded_t"):
        shipments[column] = shipments[column].round(3) + 0.0
    shipments = shipments[list(COMPARISON_COLUMNS)]
    summary = blend_summaries(weighted, view)
    summary["periods"] = [{"days": p.days, "in_force": list(p.in_force)} for p in periods]
    base = baseline.summary
    deltas = {
        "total_cost_usd": round(summary["total_cost_usd"] - base["total_cost_usd"], 2),
        "objective_usd": round(summary["objective_usd"] - base["objective_usd"], 2),
        "unserved_tonnes": round(summary["unserved_tonnes"] - base["unserved_tonnes"], 3),
        "shipments_rerouted": int(shipments["route_changed"].sum()),
        "shipments_stranded": int(((shipments["stranded_t"] > 0) &
                                   (shipments["baseline_unserved_t"] == 0)).sum()),
    }
    return Outcome(name=name, scenarios=scenarios, periods=periods, summary=summary,
                   shipments=shipments, legs=_leg_changes(baseline, weighted),
                   shares=_share_changes(base, summary), deltas=deltas)


def _per_t(view: pd.DataFrame) -> np.ndarray:
    planned = view["planned_t"].to_numpy(dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(planned > 0, view["cost_usd"].to_numpy(dtype=float) / planned, np.nan)


def _leg_loads(periods: Sequence[tuple[float, Plan]]) -> pd.DataFrame:
    """Per leg direction: load and capacity over the horizon, weighted over the periods."""
    parts = []
    for w, p in _weighted(periods):
        legs = p.legs[["leg_id", "from_id", "to_id", "load_t", "capacity_t"]].copy()
        legs["load_t"] = legs["load_t"].astype(float) * w
        legs["capacity_t"] = legs["capacity_t"].astype(float) * w
        parts.append(legs)
    frame = pd.concat(parts, ignore_index=True)
    grouped = frame.groupby(["leg_id", "from_id", "to_id"], sort=True)
    return pd.DataFrame({"load_t": grouped["load_t"].sum(),
                         "capacity_t": grouped["capacity_t"].sum(min_count=1)})


def _leg_changes(baseline: Plan, periods: Sequence[tuple[float, Plan]]) -> pd.DataFrame:
    """Leg directions whose load changed, largest change first."""
    before = _leg_loads([(1.0, baseline)])
    after = _leg_loads(periods)
    both = before.add_suffix("_before").join(after.add_suffix("_after"), how="outer")
    both[["load_t_before", "load_t_after"]] = both[["load_t_before", "load_t_after"]].fillna(0.0)
    both["delta_t"] = both["load_t_after"] - both["load_t_before"]
    both = both[both["delta_t"].abs() > 0.0005].reset_index()
    both["order"] = -both["delta_t"].abs()
    both = both.sort_values(["order", "leg_id", "from_id"], kind="stable").drop(columns="order")
    out = pd.DataFrame({
        "leg_id": both["leg_id"], "from_id": both["from_id"], "to_id": both["to_id"],
        "baseline_load_t": both["load_t_before"].round(3),
        "scenario_load_t": both["load_t_after"].round(3),
        "delta_t": both["delta_t"].round(3),
        "baseline_capacity_t": both["capacity_t_before"].round(3),
        "scenario_capacity_t": both["capacity_t_after"].round(3)})
    with np.errstate(invalid="ignore", divide="ignore"):
        out["baseline_utilisation"] = (out["baseline_load_t"] /
                                       out["baseline_capacity_t"]).round(4)
        out["scenario_utilisation"] = (out["scenario_load_t"] /
                                       out["scenario_capacity_t"]).round(4)
    return out.reset_index(drop=True)


def _share_changes(before: Mapping[str, Any], after: Mapping[str, Any]) -> pd.DataFrame:
    """Share of planned tonnage by country and passage, before and after."""
    rows = []
    for kind, field in (("country", "share_by_country"), ("passage", "share_by_passage")):
        keys = sorted(set(before[field]) | set(after[field]))
        for key in keys:
            b, a = before[field].get(key, 0.0), after[field].get(key, 0.0)
            rows.append((kind, key, b, a, round(a - b, 4)))
    frame = pd.DataFrame(rows, columns=["kind", "key", "baseline_share", "scenario_share",
                                        "delta"])
    frame["order"] = -frame["delta"].abs()
    return frame.sort_values(["kind", "order", "key"], kind="stable").drop(
        columns="order").reset_index(drop=True)


def blend_summaries(periods: Sequence[tuple[float, Plan]],
                    view: pd.DataFrame | None = None) -> dict[str, Any]:
    """A plan summary of weighted plans (weights summing to 1): tonnes, money and tonne-km
    weighted, shares recomputed from the weighted tonnes, binding lists joined, duals
    weighted (the value of one more tonne a year of capacity is the periods' values
    weighted by their share of it). One plan of weight 1: its own summary. ``view``: the
    periods' :func:`_shipment_view`, if the caller has it already."""
    periods = _weighted(periods)
    if len(periods) == 1 and periods[0][0] == 1.0:
        return dict(periods[0][1].summary)
    sums = [(w, p.summary) for w, p in periods]

    def total(field: str, nd: int) -> float:
        return round(sum(w * s[field] for w, s in sums), nd) + 0.0

    planned = sum(w * s["planned_tonnes"] for w, s in sums)

    def shares(field: str) -> dict[str, float]:
        tonnes: dict[str, float] = {}
        for w, s in sums:
            for key, share in s[field].items():
                tonnes[key] = tonnes.get(key, 0.0) + w * share * s["planned_tonnes"]
        return {k: round(t / planned, 4) for k, t in
                sorted(tonnes.items(), key=lambda kv: (-kv[1], kv[0]))} if planned > 0 else {}

    first = sums[0][1]
    if view is None:
        view = _shipment_view(periods)
    groups = {}
    for group in first["capacity_groups"]:
        load = sum(w * s["capacity_groups"][group]["load_t"] for w, s in sums)
        cap = sum(w * s["capacity_groups"][group]["capacity_t"] for w, s in sums)
        groups[group] = {"load_t": round(load, 3), "capacity_t": round(cap, 3),
                         "utilisation": round(load / cap, 4) if cap > 0 else 0.0,
                         "dual_usd_per_t": round(sum(
                             w * s["capacity_groups"][group]["dual_usd_per_t"]
                             for w, s in sums), 2)}
    caps = {}
    for key, cap in first["share_caps"].items():
        dep = sum(w * s["share_caps"][key]["share"] * s["planned_tonnes"] for w, s in sums)
        dual = sum(w * s["share_caps"][key]["dual_usd_per_t"] for w, s in sums)
        caps[key] = {"max_share": cap["max_share"],
                     "share": round(dep / planned, 4) if planned > 0 else 0.0,
                     "binding": any(s["share_caps"][key]["binding"] for _, s in sums),
                     "dual_usd_per_t": round(dual, 4),
                     "usd_per_point": round(dual * planned / 100, 2)}
    gaps = [s["mip_gap"] for _, s in sums if s["mip_gap"] is not None]
    bounds = [s["lp_bound_usd"] for _, s in sums]
    return {
        "shipments": first["shipments"], "tonnes": first["tonnes"],
        "planned_tonnes": round(planned, 3) + 0.0,
        "unserved_tonnes": total("unserved_tonnes", 3),
        "shipments_fully_served": int((view["unserved_t"] <= 1e-9).sum()),
        "total_cost_usd": total("total_cost_usd", 2),
        "cost_by_part_usd": {part: round(sum(w * s["cost_by_part_usd"][part]
                                             for w, s in sums), 2) + 0.0
                             for part in first["cost_by_part_usd"]},
        "unserved_penalty_usd": total("unserved_penalty_usd", 2),
        "objective_usd": total("objective_usd", 2),
        "tonne_km": total("tonne_km", 1),
        "share_by_country": shares("share_by_country"),
        "share_by_passage": shares("share_by_passage"),
        "share_by_corridor": shares("share_by_corridor"),
        "max_share": first["max_share"], "horizon_days": first["horizon_days"],
        "method": " / ".join(dict.fromkeys(s["method"] for _, s in sums)),
        "lp_needed": any(s["lp_needed"] for _, s in sums),
        "iterations": sum(s["iterations"] for _, s in sums),
        "routes_generated": sum(s["routes_generated"] for _, s in sums),
        "lp_bound_usd": None if None in bounds else
        round(sum(w * b for (w, _), b in zip(sums, bounds)), 2),
        "mip_gap": max(gaps) if gaps else None,
        "mip_optimal": None if all(s["mip_optimal"] is None for _, s in sums) else
        all(s["mip_optimal"] is not False for _, s in sums),
        "binding_legs": sorted(set().union(*(s["binding_legs"] for _, s in sums))),
        "binding_caps": sorted(set().union(*(s["binding_caps"] for _, s in sums))),
        "share_caps": caps,
        "capacity_groups": groups,
        "notes": list(dict.fromkeys(n for _, s in sums for n in s["notes"])),
    }

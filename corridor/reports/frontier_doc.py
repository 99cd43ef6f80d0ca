"""A frontier as data (``corridor frontier --json``), as CSV (``-o``) and drawn (``--plot``).

JSON layout::

    {"key": "CN",                      # the selector traded against cost, or "risk"
     "convex": true,                   # (share frontier only) the cost is convex in the cap
     "made_with": {...},               # corridor.reports.made_with, of the frontier's plans
     "points": [{...}, ...]}           # lowest cap (least risk weight) first

The same inputs give the same bytes.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, Any

from corridor.reports.made_with import plan_made_with

if TYPE_CHECKING:
    from corridor.routing.frontier import Frontier, RiskFrontier

#: Kinks named on the plot (the lowest caps' first; all are in --json).
PLOT_LABELS = 8


def frontier_made_with(drawn: Frontier | RiskFrontier) -> dict[str, Any]:
    """What the frontier's plans were made with: a plan's record with the parameter the
    frontier varies left out (the cap on its key, or the risk weight, which is null)."""
    from corridor.routing.frontier import Frontier

    if not drawn.points:
        return {}
    made = plan_made_with(drawn.points[-1].plan)
    if isinstance(drawn, Frontier):  # every plan has its own cap on the key
        key = drawn.points[-1].key
        made["max_share"] = {k: v for k, v in made["max_share"].items() if k != key}
    else:
        made["cost"] = {**made["cost"], "risk_weight": None}
    return made


def frontier_dict(drawn: Frontier) -> dict[str, Any]:
    """The frontier as JSON-able data: its key, whether convex, and its points (lowest cap
    first), each with what switches above it."""
    from corridor.routing.frontier import switches

    points = []
    for i, p in enumerate(drawn.points):
        s = p.plan.summary
        below = drawn.points[i - 1] if i else None
        # what each point of cap less than this one costs: the piece down to the next point
        per_point = None if below is None else round(
            (below.objective - p.objective) / (100 * (p.cap - below.cap)), 2)
        points.append({
            "cap": p.cap, "share": p.share, "total_cost_usd": s["total_cost_usd"],
            "objective_usd": p.objective, "unserved_tonnes": s["unserved_tonnes"],
            "usd_per_point": per_point, "share_by_corridor": s["share_by_corridor"],
            "switches_above": switches(p, drawn.points[i + 1])
            if i + 1 < len(drawn.points) else []})
    return {"key": drawn.key, "convex": drawn.convex, "made_with": frontier_made_with(drawn),
            "points": points}



def risk_dict(drawn: RiskFrontier) -> dict[str, Any]:
    """The cost–risk frontier as JSON-able data: its points (least risk weight first),
    each with what it costs to remove a dollar of expected disruption cost down to the
    next, and the shipments that take a safer route there."""
    from corridor.routing.frontier import switches

    points = []
    for i, p in enumerate(drawn.points):
        s = p.plan.summary
        safer = drawn.points[i + 1] if i + 1 < len(drawn.points) else None
        points.append({
            "risk_weight": p.weight, "cost_usd": round(p.cost, 2),
            "risk_usd": round(p.risk_usd, 2), "objective_usd": p.objective,
            "unserved_tonnes": s["unserved_tonnes"],
            "usd_per_risk_usd": None if safer is None else round(
                (safer.cost - p.cost) / (p.risk_usd - safer.risk_usd), 4),
            "share_by_corridor": s["share_by_corridor"],
            "switches_safer": [] if safer is None else [
                {**{k: v for k, v in row.items() if k not in ("route_above", "route_below")},
                 "route": row["route_above"], "safer_route": row["route_below"]}
                for row in switches(safer, p, without_risk=True)]})
    return {"key": "risk", "made_with": frontier_made_with(drawn), "points": points}



def frontier_csv(doc: dict[str, Any]) -> str:
    """One row per point: cap, share, costs, what each point of cap below it costs, the
    corridor mix as text."""
    import pandas as pd

    if doc["key"] == "risk":
        return str(pd.DataFrame([{
            "risk_weight": p["risk_weight"], "cost_usd": p["cost_usd"],
            "risk_usd": p["risk_usd"], "objective_usd": p["objective_usd"],
            "unserved_tonnes": p["unserved_tonnes"],
            "usd_per_risk_usd": p["usd_per_risk_usd"], "corridor_mix": mix_text(p),
            "switches_safer": "; ".join(f"{s['shipment_id']}: {s['route']} -> "
                                        f"{s['safer_route']}" for s in p["switches_safer"])}
            for p in doc["points"]]).to_csv(index=False))
    rows = [{"cap": p["cap"], "share": p["share"], "total_cost_usd": p["total_cost_usd"],
             "objective_usd": p["objective_usd"], "unserved_tonnes": p["unserved_tonnes"],
             "usd_per_point": p["usd_per_point"],
             "corridor_mix": mix_text(p),
             "switches_above": "; ".join(f"{s['shipment_id']}: {s['route_below']} -> "
                                         f"{s['route_above']}" for s in p["switches_above"])}
            for p in doc["points"]]
    return str(pd.DataFrame(rows).to_csv(index=False))



def mix_text(point: dict[str, Any]) -> str:
    """A point's corridor mix as text: ``sea 100.0%; kazakh_rail 99.9%; ...``."""
    return "; ".join(f"{k} {v:.1%}" for k, v in point["share_by_corridor"].items())



def main_corridors(point: dict[str, Any]) -> str:
    """The corridors that tell points apart (not those every route takes), top three."""
    return ", ".join(f"{k} {v:.0%}" for k, v in
                     [(k, v) for k, v in point["share_by_corridor"].items() if v < 0.999][:3])



def frontier_plot(doc: dict[str, Any], suffix: str) -> str | bytes:
    """The frontier drawn with matplotlib: total cost (with stranded tonnes) against the
    share depending on the key, each kink marked, the first few named by the shipments
    that switch there. SVG as text, PNG as bytes; the same input draws the same file."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "corridor"  # stable ids in the SVG
    points = doc["points"]
    risk = doc["key"] == "risk"
    share = [p["risk_usd"] / 1e6 if risk else 100 * p["cap"] for p in points]
    cost = [(p["cost_usd"] if risk else p["objective_usd"]) / 1e6 for p in points]
    fig, ax = plt.subplots(figsize=(8, 5), dpi=120)
    ax.plot(share, cost, color="#1f4e79", linewidth=1.6, marker="o", markersize=4)
    # a label per kink, at least a fifteenth of the axis from the last one named
    gap = (max(share) - min(share)) / 15 if len(share) > 1 else 1.0
    named, last = 0, -math.inf
    for p, x, y in zip(points, share, cost):
        moved = p["switches_safer" if risk else "switches_above"]
        if moved and named < PLOT_LABELS and abs(x - last) >= gap:
            last = x
            ids = ", ".join(s["shipment_id"] for s in moved[:2])
            more = len(moved) - 2
            ax.annotate(ids + (f" +{more}" if more > 0 else ""), (x, y), fontsize=7,
                        xytext=(4, 6), textcoords="offset points", color="#444444")
            named += 1
    if risk:
        ax.set_xlabel("expected disruption cost (insurance and closure delays), million USD")
        ax.set_ylabel("cost without it, stranded tonnes priced, million USD")
        ax.set_title("Cost against disruption risk: the frontier, vertices marked")
    else:
        ax.set_xlabel(f"share of planned tonnage depending on {doc['key']}, % (cap)")
        ax.set_ylabel("total cost with stranded tonnes, million USD")
        ax.set_title(f"Cost of independence from {doc['key']}: the frontier, kinks marked")
    ax.grid(True, linewidth=0.4, alpha=0.5)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:], metadata={"Date": None} if suffix == ".svg"
                else {"Software": None})
    plt.close(fig)
    data = buffer.getvalue()
    return data.decode("utf-8") if suffix == ".svg" else data



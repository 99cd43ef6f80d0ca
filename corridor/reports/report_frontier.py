"""The frontier sections of a report: the plot, the points and who switches route where
(from ``corridor frontier --json``, by share cap or by risk weight)."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

from corridor.reports.html_parts import Column, data_table, esc, section
from corridor.reports.report_common import Progress


def frontier_sections(doc: dict[str, Any], notes: list[str], step: Progress
                      ) -> tuple[str, str, list[str]]:
    """(title, subtitle, sections) of a frontier's report (by share cap or risk weight)."""
    risk = doc["key"] == "risk"
    points = doc.get("points") or []
    title = ("Cost against disruption risk" if risk
             else f"The cost of independence from {doc['key']}")
    made = doc.get("made_with") or {}
    book = (made.get("book") or {}).get("path") or "a shipment book"
    subtitle = f"{len(points)} points on the frontier, for the book {book}"
    step("drawing the plot")
    body = []
    plot = _plot_svg(doc, notes)
    if plot:
        body.append(section("plot", "Frontier", f'<figure class="plot">{plot}<figcaption>'
                            + esc("Each point is an optimal plan; between points the cost "
                                  "moves on the straight line. Labels name shipments that "
                                  "switch route at a kink.") + "</figcaption></figure>",
                            intro="What it costs to lower the expected disruption." if risk
                            else "What it costs to depend less."))
    cols: tuple[Column, ...]
    switch_cols: tuple[Column, ...]
    if risk:
        cols = (Column("risk weight", "num", 4), Column("cost USD", "num"),
                Column("expected disruption USD", "num"),
                Column("USD per USD of risk removed", "num", 2), Column("corridor mix"))
        rows = [[p["risk_weight"], p["cost_usd"], p["risk_usd"], p["usd_per_risk_usd"],
                 _mix(p)] for p in points]
        switch_rows = [[nxt["risk_weight"], w["shipment_id"], w["origin"], w["destination"],
                        w["commodity"], w["route"], w["safer_route"], -w["delta_usd_per_t"]]
                       for p, nxt in pairwise(points) for w in p["switches_safer"]]
        switch_cols = (Column("from risk weight", "num", 4), Column("shipment"),
                       Column("from"), Column("to"), Column("commodity"), Column("route"),
                       Column("safer route"), Column("change USD/t before risk", "num", 2))
    else:
        top = points[-1]["objective_usd"] if points else 0.0
        cols = (Column("cap", "pct", 3), Column("share", "pct", 3),
                Column("total cost USD", "num"), Column("more than uncapped USD", "num"),
                Column("USD per point of share less", "num"), Column("unserved t", "num"),
                Column("corridor mix"))
        rows = [[p["cap"], p["share"], p["objective_usd"], p["objective_usd"] - top,
                 p["usd_per_point"], p["unserved_tonnes"], _mix(p)] for p in points]
        switch_rows = [[p["cap"], w["shipment_id"], w["origin"], w["destination"],
                        w["commodity"], w["route_above"], w["route_below"],
                        w["delta_usd_per_t"]] for p in points for w in p["switches_above"]]
        switch_cols = (Column("at cap or less", "pct", 3), Column("shipment"),
                       Column("from"), Column("to"), Column("commodity"),
                       Column("route above"), Column("route below"),
                       Column("change USD/t", "num", 2))
        if not doc.get("convex", True):
            notes.append("The cost is not convex in the cap here (tonnes go unserved as it "
                          "tightens): kinks between the points shown may be missed.")
    body.append(section("points", "Points", data_table("points", cols, rows),
                        intro="The frontier's points, each an optimal, verified plan."))
    body.append(section("switches", "Who switches where", data_table(
        "switches", switch_cols, switch_rows, empty="No shipment switches route."),
        intro="The shipments that change route between neighbouring points."))
    return title, subtitle, body


def _mix(point: dict[str, Any]) -> str:
    return ", ".join(f"{k} {v:.0%}" for k, v in point.get("share_by_corridor", {}).items()
                     if v < 0.999)


def _plot_svg(doc: dict[str, Any], notes: list[str]) -> str:
    try:
        from corridor.reports.frontier_doc import frontier_plot

        svg = frontier_plot(doc, ".svg")
    except ImportError:
        notes.append("No plot: matplotlib is not installed (pip install 'corridor[plot]').")
        return ""
    assert isinstance(svg, str)
    return svg[svg.index("<svg"):]  # inline: no XML declaration or doctype

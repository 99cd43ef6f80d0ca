"""The what-if sections of a report: the scenarios against the baseline, then per scenario
its definition, figures, map of what moved where and tables (from ``corridor whatif
--json``)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridor.reports.html_parts import (
    Column,
    bars,
    cards,
    data_table,
    esc,
    number,
    percent,
    section,
)
from corridor.reports.report_common import PlaceNames, Progress, figure, known_loads, map_png

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork

#: Scenario maps drawn in a what-if report (the first ones; every table has them all).
WHATIF_MAPS = 6
#: Scenarios named in the title; more are counted (the summary names them all).
TITLE_NAMES = 3


COMPARISON_COLUMNS = (
    Column("shipment"), Column("from"), Column("to"), Column("commodity"),
    Column("tonnes", "num"), Column("route before"), Column("route under scenario"),
    Column("rerouted", "flag"), Column("USD/t before", "num", 2),
    Column("USD/t under scenario", "num", 2), Column("change USD/t", "num", 2),
    Column("days before", "num", 1), Column("days under scenario", "num", 1),
    Column("change in cost USD", "num"), Column("stranded t", "num"), Column("why"))

CHANGED_LEG_COLUMNS = (
    Column("leg"), Column("from"), Column("to"), Column("t before", "num"),
    Column("t under scenario", "num"), Column("change t", "num"),
    Column("utilisation before", "pct", 1), Column("utilisation under scenario", "pct", 1))


def whatif_sections(doc: dict[str, Any], net: CompiledNetwork | None, names: PlaceNames,
                    notes: list[str], step: Progress) -> tuple[str, str, list[str]]:
    """(title, subtitle, sections) of a what-if's report."""
    base = doc["baseline"]
    runs = doc.get("scenarios") or []
    made = doc.get("made_with") or {}
    book = (made.get("book") or {}).get("path") or "a book made in Python"
    named = [str(r["name"]) for r in runs]
    title = "What if: " + (", ".join(named) if len(named) <= TITLE_NAMES
                           else f"{len(named)} scenarios")
    subtitle = (f"{base['shipments']:,} shipments, {number(base['tonnes'])} t from {book}; "
                f"{len(runs)} scenario{'s' if len(runs) != 1 else ''} against the plan as is")
    before = base.get("objective_usd", base["total_cost_usd"])
    overview = [[r["name"], r.get("status"), before,
                 r["summary"].get("objective_usd", r["summary"]["total_cost_usd"]),
                 _with_stranded(r["deltas"]),
                 _with_stranded(r["deltas"]) / before if before else None,
                 r["deltas"]["total_cost_usd"], r["deltas"]["shipments_rerouted"],
                 r["deltas"]["shipments_stranded"], r["summary"].get("unserved_tonnes")]
                for r in runs]
    body = [section("summary", "Summary", data_table(
        "overview", (Column("scenario"), Column("status"),
                     Column("total before USD", "num"),
                     Column("total under scenario USD", "num"),
                     Column("change USD", "num"), Column("change", "pct", 1),
                     Column("change in cost of planned tonnes USD", "num",
                            help="Without the stranded tonnes' price: falls when cargo is "
                            "left behind"),
                     Column("shipments rerouted", "num"),
                     Column("shipments stranded", "num"), Column("unserved t", "num")),
        overview, caption="Totals include stranded tonnes at their price before the "
        "scenario, so a closure never looks cheaper by leaving cargo behind."),
        intro="Each scenario against the plan with nothing changed.")]
    for i, run in enumerate(runs):
        step(f"writing scenario {i + 1} of {len(runs)}: {run['name']}")
        body.append(_scenario_block(i, run, base, net, names, notes, draw=i < WHATIF_MAPS))
    if len(runs) > WHATIF_MAPS:
        notes.append(f"Maps are drawn for the first {WHATIF_MAPS} scenarios; the tables "
                     "cover all of them.")
    return title, subtitle, body


def _with_stranded(deltas: dict[str, Any]) -> float:
    """The change in total cost with stranded tonnes priced (the objective's), or the
    planned tonnes' where the document has no objective."""
    return float(deltas.get("objective_usd", deltas["total_cost_usd"]))


def _scenario_block(i: int, run: dict[str, Any], base: dict[str, Any],
                    net: CompiledNetwork | None, names: PlaceNames, notes: list[str], *,
                    draw: bool) -> str:
    d = run["deltas"]
    s = run["summary"]
    defs = run.get("scenarios") or []
    text = []
    for sc in defs:
        lasts = (f" Lasts {number(sc['duration_days'])} days of the "
                 f"{number(s.get('horizon_days'))}-day horizon; the plan is blended over "
                 "the periods with and without it." if sc.get("duration_days") else "")
        changes = "; ".join(
            f"{c.get('action')} {', '.join(map(str, c.get('select') or []))}"
            + (f" ({c['note']})" if c.get("note") else "") for c in sc.get("changes") or [])
        text.append(f"<p><b>{esc(sc.get('name'))}</b>: {esc(sc.get('description', ''))}"
                    f"{esc(lasts)}</p><p class=\"intro\">Changes: {esc(changes)}. Sources: "
                    f"{esc(', '.join(map(str, sc.get('sources') or [])) or 'none given')}.</p>")
    change = _with_stranded(d)
    before = base.get("objective_usd", base["total_cost_usd"])
    planned = d["total_cost_usd"]
    items = [
        ("Change in total cost", f"{'+' if change >= 0 else ''}{number(change / 1e6, 1)} M USD",
         (percent(change / before) + ", stranded tonnes priced") if before else ""),
        ("Cost of planned tonnes", f"{'+' if planned >= 0 else ''}"
         f"{number(planned / 1e6, 1)} M USD", "the tonnes still carried"),
        ("Shipments rerouted", f"{d['shipments_rerouted']:,}", ""),
        ("Shipments stranded", f"{d['shipments_stranded']:,}",
         f"{number(s.get('unserved_tonnes'))} t unserved"),
    ]
    out = [f'<section id="scenario-{i + 1}" class="scenario"><h2>{esc(run["name"])}</h2>',
           *text, cards(items)]
    legs = run.get("legs") or []
    if draw:
        moved = {(str(r["leg_id"]), str(r["from_id"]), str(r["to_id"])): float(r["delta_t"])
                 for r in legs if r.get("delta_t")}
        image = map_png(net, notes, lambda m: m.changes_map(
            net, known_loads(net, moved, notes), suffix=".png",
            title=f"{run['name']}: what moved where",
            note="Country outlines: Natural Earth (public domain). Red: tonnes gained; "
                 "blue: tonnes lost; width: tonnes."))
        if image:
            out.append(figure(image, f"Map: what moved where under {run['name']}",
                               "Legs that gained tonnes in red, that lost them in blue; "
                               "wider with more tonnes moved."))
    shares = run.get("shares") or []
    if shares:
        out.append("<h3>Dependency before and after</h3><p class=\"intro\">Share of planned "
                   "tonnes through each country and passage; the bar is the change (dark: "
                   "more, blue: less), largest first.</p>" + bars(
                       [(f"{r['key']} ({r['kind']})", r["delta"],
                         f"{percent(r['baseline_share'])} → {percent(r['scenario_share'])}")
                        for r in shares[:12]], scale=1.0))
    rows = [[r.get("shipment_id"), names(r.get("origin")), names(r.get("destination")),
             r.get("commodity"), r.get("tonnes"), r.get("baseline_route"),
             r.get("scenario_route"), r.get("route_changed"), r.get("baseline_usd_per_t"),
             r.get("scenario_usd_per_t"), r.get("delta_usd_per_t"), r.get("baseline_days"),
             r.get("scenario_days"), r.get("delta_cost_usd"), r.get("stranded_t"),
             r.get("reason") or ""] for r in run.get("shipments") or []]
    out.append("<h3>Shipments</h3>" + data_table(
        f"scenario-{i + 1}-shipments", COMPARISON_COLUMNS, rows,
        caption="Every shipment before and under the scenario."))
    leg_rows = [[r.get("leg_id"), names(r.get("from_id")), names(r.get("to_id")),
                 r.get("baseline_load_t"), r.get("scenario_load_t"), r.get("delta_t"),
                 r.get("baseline_utilisation"), r.get("scenario_utilisation")] for r in legs]
    out.append("<h3>Legs whose load changed</h3>" + data_table(
        f"scenario-{i + 1}-legs", CHANGED_LEG_COLUMNS, leg_rows, caption="Largest change first.",
        empty="No leg's load changed."))
    out.append("</section>")
    return "".join(out)

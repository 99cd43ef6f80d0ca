"""A run as one self-contained HTML file (``corridor report``, ``--report`` on plan, whatif
and frontier), for a reader who will never run the tool.

The page holds everything it shows: styles and the table script inline, the map as an
embedded PNG, the frontier plot as inline SVG, every table's rows as JSON. It loads nothing
from anywhere (no fonts, tiles, scripts or images fetched), so it can be mailed, archived
and opened offline. It is built from the run's JSON document (what ``--json`` prints) and
the network the run was made on, so ``corridor report PLAN.json`` and ``corridor plan
--report`` give the same bytes; no clock or random number goes in (same input, same file).

Sections: summary, map, shares, shipments, legs and capacities (plan); per scenario its
definition, changes, map and tables (what-if); the plot, points and switches (frontier);
then the parameters and network fingerprint the run was made with, and where the figures
come from in plain words.
"""

from __future__ import annotations

import base64
from collections.abc import Callable, Sequence
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from corridor.reports.html_parts import (
    Column,
    bars,
    cards,
    data_table,
    definition_list,
    esc,
    number,
    percent,
    section,
)

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork

#: What a report can be made of: the kinds of JSON document (see report_input).
KINDS = ("plan", "whatif", "frontier", "risk-frontier")
#: Scenario maps drawn in a what-if report (the first ones; every table has them all).
WHATIF_MAPS = 6

Progress = Callable[[str], None]


def _asset(name: str) -> str:
    return resources.files("corridor.reports.data").joinpath(name).read_text("utf-8")


class PlaceNames:
    """Place names for node ids (the id itself where the network does not know it)."""

    def __init__(self, net: CompiledNetwork | None):
        self._names = {} if net is None else dict(zip(net.node_ids, net.node_name))

    def __call__(self, node_id: object) -> str:
        return self._names.get(str(node_id), str(node_id))


def report_html(kind: str, doc: dict[str, Any], net: CompiledNetwork | None, *,
                source: str, caveats: Sequence[str] = (),
                progress: Progress | None = None) -> str:
    """The report of a ``kind`` document (:data:`KINDS`) as HTML text.

    ``net`` is the network the run was made on (the map and place names need it; without
    it the report has no map and shows ids). ``source`` names what the report was made
    from (a file name); ``caveats`` are shown at the top (a network that changed since the
    run, a map that could not be drawn).
    """
    step = progress or (lambda _message: None)
    names = PlaceNames(net)
    notes = list(caveats)
    if kind == "plan":
        title, subtitle, body = _plan(doc, net, names, notes, step)
    elif kind == "whatif":
        title, subtitle, body = _whatif(doc, net, names, notes, step)
    elif kind in ("frontier", "risk-frontier"):
        title, subtitle, body = _frontier(doc, notes, step)
    else:
        raise ValueError(f"unknown report kind {kind!r}")
    step("writing the parameters and provenance")
    body.append(_parameters(doc.get("made_with") or {}, source))
    body.append(_provenance(net, doc, kind))
    warn = "".join(f'<p class="caveat">{esc(n)}</p>' for n in notes)
    nav = "".join(f'<a href="#{sid}">{esc(label)}</a>' for sid, label in _nav(body))
    made = doc.get("made_with") or {}
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # nothing may be fetched: the page is whole in itself
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header>"
        f"<nav>{nav}</nav><main>{warn}{''.join(body)}</main>"
        f"<footer>Made with corridor {esc(made.get('corridor', ''))} from {esc(source)}. "
        "Country outlines: Natural Earth (public domain). This file loads nothing from "
        "the network; it can be forwarded and opened offline.</footer>"
        f"<script>{_asset('report.js')}</script></body></html>\n")


def _nav(body: Sequence[str]) -> list[tuple[str, str]]:
    """(id, title) of each top-level section, for the navigation bar."""
    out = []
    for block in body:
        if block.startswith('<section id="'):
            sid = block[len('<section id="'):block.index('"', len('<section id="'))]
            start = block.index("<h2>") + 4
            out.append((sid, block[start:block.index("</h2>")]))
    return out


# --- plan -----------------------------------------------------------------------------------

SHIPMENT_COLUMNS = (
    Column("shipment"), Column("route", "num", help="The shipment's route number: a split "
                               "shipment has a row per route"),
    Column("status"), Column("from"), Column("to"), Column("commodity"),
    Column("tonnes", "num"),
    Column("corridors", help="Land and sea corridors in the order travelled", wide=True),
    Column("countries", help="Countries entered or crossed, in order", wide=True),
    Column("passages", help="Straits and canals passed"),
    Column("days", "num", 1), Column("km", "num"),
    Column("USD/t", "num", 2, "Cost per tonne: freight, handling, time, risk and "
           "dependency"),
    Column("risk USD/t", "num", 2, "Of which expected disruption: insurance and closure "
           "delays"),
    Column("cost USD", "num"), Column("why unserved"))

LEG_COLUMNS = (
    Column("leg"), Column("from"), Column("to"), Column("mode"), Column("corridor"),
    Column("load t", "num"), Column("capacity t", "num",
                                    help="Capacity over the plan's horizon; — where none "
                                    "is known"),
    Column("utilisation", "pct", 1), Column("USD/t per t of capacity", "num", 2,
                                            "What one more tonne of capacity here would "
                                            "save (the dual price); 0 where not binding"),
    Column("capacity group"))

PLACE_COLUMNS = (
    Column("place"), Column("id"), Column("load t", "num"), Column("capacity t", "num"),
    Column("utilisation", "pct", 1), Column("USD/t per t of capacity", "num", 2))


def _plan(doc: dict[str, Any], net: CompiledNetwork | None, names: PlaceNames, notes: list[str],
          step: Progress) -> tuple[str, str, list[str]]:
    s = doc["summary"]
    made = doc.get("made_with") or {}
    book = (made.get("book") or {}).get("path") or "a book made in Python"
    title = "Shipment plan"
    subtitle = (f"{s['shipments']:,} shipments, {number(s['tonnes'])} t from {book}; "
                f"status {doc.get('status', '')}")
    legs = doc.get("legs") or []
    leg_names = {str(r["leg_id"]): f"{names(r['from_id'])} – {names(r['to_id'])}" for r in legs}
    body = [_plan_summary(s, leg_names)]
    step("drawing the map")
    ships = doc.get("shipments") or []
    loads = {(str(r["leg_id"]), str(r["from_id"]), str(r["to_id"])): float(r["load_t"])
             for r in legs if (r.get("load_t") or 0) > 0}
    ends = [str(r[k]) for r in ships for k in ("origin", "destination")]
    known_ends = [e for e in ends if net is not None and e in net.node_index]
    image = _map_png(net, notes, lambda m: m.loads_map(
        net, _known(net, loads, notes), known_ends, suffix=".png",
        title=f"{number(s['planned_tonnes'])} t on {len(loads)} leg directions",
        note="Country outlines: Natural Earth (public domain). Width and colour: tonnes."))
    if image:
        body.append(section("map", "Map", _figure(
            image, "Map of the plan's loaded legs", "Loaded legs drawn along their real "
            "geometry; wider and darker carry more tonnes. Grey: the rest of the network."),
            intro="Where the cargo goes."))
    body.append(_shares(s))
    step("writing the tables")
    body.append(section("shipments", "Shipments", data_table(
        "shipments", SHIPMENT_COLUMNS, [shipment_row(r, names) for r in ships],
        caption="One row per shipment and route (a split shipment has a row per route). "
        "Click a heading to sort; type to filter."),
        intro="Each shipment's route, time and cost per tonne."))
    body.append(section("legs", "Legs and capacities", _legs_block(doc, legs, names),
                        intro="Every leg carrying cargo, with its capacity where one is known "
                        "and what a tonne more of it would save where it binds."))
    return title, subtitle, body


#: Binding legs named in a plan's summary (all are in its legs table).
BINDING_NAMED = 8


def _plan_summary(s: dict[str, Any], leg_names: dict[str, str]) -> str:
    """Cards, cost by part and what limits the plan (binding legs by their places'
    names, from ``leg_names``)."""
    planned = s.get("planned_tonnes") or 0.0
    per_t = s["total_cost_usd"] / planned if planned else None
    unserved = s.get("unserved_tonnes") or 0.0
    items = [
        ("Total cost", f"{number(s['total_cost_usd'] / 1e6, 1)} M USD",
         f"{number(per_t, 2)} USD per tonne planned" if per_t is not None else ""),
        ("Planned", f"{number(planned)} t",
         f"{s.get('shipments_fully_served', 0):,} of {s['shipments']:,} shipments in full"),
        ("Unserved", f"{number(unserved)} t",
         "no open route or no capacity left" if unserved else "every tonne has a route"),
        ("Tonne-km", f"{number((s.get('tonne_km') or 0) / 1e9, 2)} bn", ""),
        ("Horizon", f"{number(s.get('horizon_days'), 0)} days",
         f"solved by {s.get('method', '')}".replace("_", " ")),
    ]
    parts = s.get("cost_by_part_usd") or {}
    part_bars = bars([(k, v, f"{number(v / 1e6, 1)} M") for k, v in parts.items()])
    binding = s.get("binding_legs") or []
    caps = s.get("binding_caps") or []
    limits = []
    if binding:
        shown = ", ".join(leg_names.get(str(b), str(b)) for b in binding[:BINDING_NAMED])
        more = len(binding) - BINDING_NAMED
        limits.append(f"Capacity binds on {len(binding)} leg{'s' if len(binding) > 1 else ''}: "
                      f"{shown}{f' and {more} more (see the legs table)' if more > 0 else ''}.")
    if caps:
        limits.append(f"Share caps that bind: {', '.join(map(str, caps))}.")
    for note in s.get("notes") or []:
        limits.append(str(note))
    return section(
        "summary", "Summary",
        cards(items) + '<div class="grid2"><div><h3>Cost by part, USD</h3>' + part_bars
        + "</div><div><h3>What limits the plan</h3>"
        + ("".join(f"<p>{esc(x)}</p>" for x in limits) or "<p>No capacity or share cap "
           "binds: every shipment takes its cheapest open route.</p>") + "</div></div>",
        intro="The plan in figures: what it costs, what it moves and what stops it.")


def _shares(s: dict[str, Any]) -> str:
    blocks = []
    for key, label in (("share_by_country", "Countries"), ("share_by_passage", "Passages"),
                       ("share_by_corridor", "Corridors")):
        shares = s.get(key) or {}
        if shares:
            blocks.append(f"<div><h3>{label}</h3>" + bars(
                [(k, v, percent(v)) for k, v in shares.items()], scale=1.0) + "</div>")
    if not blocks:
        return ""
    return section("shares", "Dependency", '<div class="grid2">' + "".join(blocks) + "</div>",
                   intro="Share of planned tonnes that enters or crosses each country, "
                   "passes each strait or canal, or travels each corridor.")


def shipment_row(r: dict[str, Any], names: PlaceNames) -> list[Any]:
    """A plan's shipment record as a row of :data:`SHIPMENT_COLUMNS`."""
    return [r.get("shipment_id"), r.get("route"), r.get("status"), names(r.get("origin")),
            names(r.get("destination")), str(r.get("commodity")).replace("_", " "),
            r.get("tonnes"),
            " → ".join(str(c).replace("_", " ") for c in r.get("corridors") or []),
            " ".join(map(str, r.get("countries") or [])),
            ", ".join(str(p).replace("_", " ") for p in r.get("passages") or []),
            r.get("days"), r.get("distance_km"), r.get("cost_usd_per_t"),
            r.get("risk_usd_per_t"), r.get("cost_usd"), r.get("reason") or ""]


def _legs_block(doc: dict[str, Any], legs: list[dict[str, Any]], names: PlaceNames) -> str:
    rows = [[r.get("leg_id"), names(r.get("from_id")), names(r.get("to_id")), r.get("mode"),
             r.get("corridor"), r.get("load_t"), r.get("capacity_t"), r.get("utilisation"),
             r.get("dual_usd_per_t"), r.get("capacity_group") or ""]
            for r in legs if (r.get("load_t") or 0) > 0]
    out = data_table("legs", LEG_COLUMNS, rows, caption="Loaded leg directions.")
    places = [[names(r.get("node_id")), r.get("node_id"), r.get("load_t"), r.get("capacity_t"),
               r.get("utilisation"), r.get("dual_usd_per_t")]
              for r in doc.get("nodes") or [] if (r.get("load_t") or 0) > 0]
    if places:
        out += "<h3>Places with a throughput limit</h3>" + data_table(
            "places", PLACE_COLUMNS, places, caption="Ports and terminals whose yearly "
            "throughput is known, with the plan's load.")
    groups = (doc.get("summary") or {}).get("capacity_groups") or {}
    if groups:
        out += "<h3>Shared capacities</h3>" + data_table(
            "groups", (Column("group"), Column("load t", "num"), Column("capacity t", "num"),
                       Column("utilisation", "pct", 1),
                       Column("USD/t per t of capacity", "num", 2)),
            [[k, g.get("load_t"), g.get("capacity_t"), g.get("utilisation"),
              g.get("dual_usd_per_t")] for k, g in groups.items()],
            caption="Capacities shared by several legs (a ferry fleet, a border's lines).")
    return out


# --- what-if --------------------------------------------------------------------------------

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


def _whatif(doc: dict[str, Any], net: CompiledNetwork | None, names: PlaceNames,
            notes: list[str], step: Progress) -> tuple[str, str, list[str]]:
    base = doc["baseline"]
    runs = doc.get("scenarios") or []
    made = doc.get("made_with") or {}
    book = (made.get("book") or {}).get("path") or "a book made in Python"
    title = "What if: " + ", ".join(str(r["name"]) for r in runs)
    subtitle = (f"{base['shipments']:,} shipments, {number(base['tonnes'])} t from {book}; "
                f"{len(runs)} scenario{'s' if len(runs) != 1 else ''} against the plan as is")
    overview = [[r["name"], r.get("status"), base["total_cost_usd"],
                 r["summary"]["total_cost_usd"], r["deltas"]["total_cost_usd"],
                 r["deltas"]["total_cost_usd"] / base["total_cost_usd"]
                 if base["total_cost_usd"] else None,
                 r["deltas"]["shipments_rerouted"], r["deltas"]["shipments_stranded"],
                 r["summary"].get("unserved_tonnes")] for r in runs]
    body = [section("summary", "Summary", data_table(
        "overview", (Column("scenario"), Column("status"), Column("cost before USD", "num"),
                     Column("cost under scenario USD", "num"), Column("change USD", "num"),
                     Column("change", "pct", 1), Column("shipments rerouted", "num"),
                     Column("shipments stranded", "num"), Column("unserved t", "num")),
        overview, caption="Total cost includes stranded tonnes at their price before the "
        "scenario, so a closure never looks cheaper by leaving cargo behind."),
        intro="Each scenario against the plan with nothing changed.")]
    for i, run in enumerate(runs):
        step(f"writing scenario {i + 1} of {len(runs)}: {run['name']}")
        body.append(_scenario_block(i, run, base, net, names, notes, draw=i < WHATIF_MAPS))
    if len(runs) > WHATIF_MAPS:
        notes.append(f"Maps are drawn for the first {WHATIF_MAPS} scenarios; the tables "
                     "cover all of them.")
    return title, subtitle, body


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
    change = d["total_cost_usd"]
    items = [
        ("Change in total cost", f"{'+' if change >= 0 else ''}{number(change / 1e6, 1)} M USD",
         percent(change / base["total_cost_usd"]) if base["total_cost_usd"] else ""),
        ("Shipments rerouted", f"{d['shipments_rerouted']:,}", ""),
        ("Shipments stranded", f"{d['shipments_stranded']:,}",
         f"{number(s.get('unserved_tonnes'))} t unserved"),
        ("Total cost under it", f"{number(s['total_cost_usd'] / 1e6, 1)} M USD", ""),
    ]
    out = [f'<section id="scenario-{i + 1}" class="scenario"><h2>{esc(run["name"])}</h2>',
           *text, cards(items)]
    legs = run.get("legs") or []
    if draw:
        moved = {(str(r["leg_id"]), str(r["from_id"]), str(r["to_id"])): float(r["delta_t"])
                 for r in legs if r.get("delta_t")}
        image = _map_png(net, notes, lambda m: m.changes_map(
            net, _known(net, moved, notes), suffix=".png", title=f"{run['name']}: what moved where",
            note="Country outlines: Natural Earth (public domain). Red: tonnes gained; "
                 "blue: tonnes lost; width: tonnes."))
        if image:
            out.append(_figure(image, f"Map: what moved where under {run['name']}",
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


# --- frontier -------------------------------------------------------------------------------

def _frontier(doc: dict[str, Any], notes: list[str], step: Progress
              ) -> tuple[str, str, list[str]]:
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


# --- shared parts ---------------------------------------------------------------------------

def _map_png(net: CompiledNetwork | None, notes: list[str], make: Callable[[Any], Any]
             ) -> str:
    """A map as a data URL, or '' with the reason in ``notes``."""
    if net is None:
        return ""
    try:
        from corridor.reports import maps

        png = make(maps)
    except ImportError:
        notes.append("No map: matplotlib is not installed (pip install 'corridor[plot]').")
        return ""
    assert isinstance(png, bytes)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def _known(net: CompiledNetwork | None, loads: dict[tuple[str, str, str], float],
           notes: list[str]) -> dict[tuple[str, str, str], float]:
    """The loads on legs the network has, in the direction it has them (a run made on
    another network may name others: they are left off the map, and the report says so)."""
    if net is None:
        return {}
    directions = {(net.leg_ids[int(net.arc_leg[a])], net.node_ids[int(net.tail[a])],
                   net.node_ids[int(net.head[a])]) for a in range(net.n_arcs)}
    kept = {k: v for k, v in loads.items() if k in directions}
    if len(kept) < len(loads):
        notes.append(f"{len(loads) - len(kept)} leg direction(s) of the run are not in this "
                     "network and are left off the map.")
    return kept


def _figure(data_url: str, alt: str, caption: str) -> str:
    return (f'<figure class="map"><img src="{data_url}" alt="{esc(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")


def _parameters(made: dict[str, Any], source: str) -> str:
    if not made:
        return section("parameters", "Parameters", "<p>The document records no "
                       "parameters.</p>")
    network = made.get("network") or {}
    book = made.get("book") or {}
    cost = made.get("cost") or {}
    files = network.get("files") or {}
    caps = made.get("max_share") or {}
    penalties = cost.get("penalties_usd_per_t") or {}
    scenarios = made.get("scenarios") or []
    weight = cost.get("risk_weight")
    items = [
        ("made from", source),
        ("corridor version", str(made.get("corridor", ""))),
        ("network", str(network.get("label", "")) + (
            " (" + ", ".join(f"{k}: {v}" for k, v in files.items()) + ")" if files else "")),
        ("network fingerprint (sha256)", str(network.get("sha256") or "not from files")),
        ("shipment book", str(book.get("path") or "made in Python")),
        ("book fingerprint (sha256)", str(book.get("sha256") or "—")),
        ("scenarios applied", ", ".join(str(s.get("name")) for s in scenarios) or "none"),
        ("risk weight", "varied along the frontier" if weight is None else str(weight)),
        ("carrying rate (a year, on cargo value)", str(cost.get("carrying_rate", ""))),
        ("loss share", "per corridor and passage (network)" if cost.get("loss_share") is None
         else str(cost.get("loss_share"))),
        ("penalties, USD/t", ", ".join(f"{k} {v:g}" for k, v in penalties.items()) or "none"),
        ("avoided", ", ".join(map(str, made.get("avoid") or [])) or "nothing"),
        ("legs open", ", ".join(map(str, made.get("open_statuses") or []))),
        ("share caps", ", ".join(f"{k} ≤ {v:.1%}" for k, v in caps.items()) or "none"),
        ("horizon", f"{made.get('horizon_days', '')} days"),
        ("whole shipments only", "yes" if made.get("unsplittable") else "no (may split)"),
        ("solvers", ", ".join(f"{k}: {v}" for k, v in (made.get("solvers") or {}).items())),
    ]
    return section("parameters", "Parameters", definition_list(items),
                   intro="What the run was made with. The fingerprints identify the exact "
                   "network and book: the same inputs give the same plan and this same file.")


def _provenance(net: CompiledNetwork | None, doc: dict[str, Any], kind: str) -> str:
    if net is None:
        return section("provenance", "Where the figures come from", "<p>The network was not "
                       "available when this report was made, so its sources are not listed."
                       "</p>")
    from corridor.reports.provenance import in_words, provenance

    legs: list[str] | None = None
    what = "the network has"
    if kind == "plan":
        legs = sorted({str(r["leg_id"]) for r in doc.get("legs") or []
                       if (r.get("load_t") or 0) > 0})
        what = "this plan uses"
    p = provenance(net.network, legs)
    paragraphs = "".join(f"<p>{esc(t)}</p>" for t in in_words(p, what=what))
    rows = [[r.source_id, r.title, r.publisher, r.year, r.url]
            for r in p.sources.itertuples(index=False)]
    table = data_table("sources", (Column("id"), Column("title", wide=True),
                                   Column("publisher"), Column("year"),
                                   Column("address", "link")),
                       rows, caption="Sources cited by these legs and their rates.")
    return section("provenance", "Where the figures come from", paragraphs + table,
                   intro="In plain words: what is published, what is fitted, what is "
                   "estimated.")

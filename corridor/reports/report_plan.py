"""The plan sections of a report: summary, map, dependency shares, shipments, and legs with
their capacities (from what ``corridor plan --json`` prints)."""

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


def plan_sections(doc: dict[str, Any], net: CompiledNetwork | None, names: PlaceNames,
                  notes: list[str], step: Progress) -> tuple[str, str, list[str]]:
    """(title, subtitle, sections) of a plan's report."""
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
    image = map_png(net, notes, lambda m: m.loads_map(
        net, known_loads(net, loads, notes), known_ends, suffix=".png",
        title=f"{number(s['planned_tonnes'])} t on {len(loads)} leg directions",
        note="Country outlines: Natural Earth (public domain). Width and colour: tonnes."))
    if image:
        body.append(section("map", "Map", figure(
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
    detail = s.get("share_caps") or {}
    for key in caps:
        cap = detail.get(str(key)) or {}
        if "max_share" in cap and "usd_per_point" in cap:
            limits.append(f"The cap on {key} binds: {percent(cap.get('share'))} of planned "
                          f"tonnes depend on it, its limit is {percent(cap['max_share'])}; "
                          f"each point more would save {number(cap['usd_per_point'])} USD.")
        else:
            limits.append(f"The share cap on {key} binds.")
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

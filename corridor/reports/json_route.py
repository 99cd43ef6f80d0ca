"""A route answer as JSON (``corridor route --json``): its status, what it was made with,
the query, the routes and what would switch them.

Layout::

    {"status": "optimal",        # RouteAnswer.status
     "made_with": {...},         # corridor.reports.made_with.route_made_with
     "query": {...},             # places, commodity, tonnes, value, cost parameters
     "routes": [{...}, ...],     # route_record: cheapest first
     "switches": [{...}, ...]}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridor.network_data.jsontext import dump_json
from corridor.reports.made_with import route_made_with

if TYPE_CHECKING:
    from corridor.routing.query import RouteAnswer


def route_record(answer: RouteAnswer, rank: int) -> dict[str, Any]:
    """Route ``rank`` (0: the cheapest) of ``answer``: name, path, figures, cost split and
    totals for the answer's tonnes (also a GeoJSON feature's properties)."""
    r = answer.routes[rank]
    return {
        "rank": rank + 1,
        "name": answer.route_name(r),
        "nodes": list(r.nodes),
        "legs": list(r.legs),
        "modes": list(r.modes),
        "countries": list(r.countries),
        "corridors": list(r.corridors),
        "passages": list(r.passages),
        "distance_km": r.distance_km,
        "transit_days": r.transit_days,
        "cost_usd_per_t": r.cost_total,
        "cost_breakdown": dict(r.cost_parts),
        "cost_usd_total": round(r.cost_total * answer.tonnes, 2),
        "disruption_prob": r.disruption_prob,
        "co2_kg_per_t": r.co2_kg_per_t,
        "co2_t_total": round(r.co2_kg_per_t * answer.tonnes / 1000.0, 2),
    }


def route_dict(answer: RouteAnswer) -> dict[str, Any]:
    """The answer's JSON document as Python values (see the module docstring)."""
    p = answer.params
    return {
        "status": answer.status,
        "made_with": route_made_with(answer),
        "query": {
            "origin": answer.origin, "destination": answer.destination,
            "commodity": answer.commodity, "cargo_class": answer.cargo_class,
            "tonnes": answer.tonnes, "service": answer.compiled.service,
            "value_usd_per_t": answer.value_usd_per_t, "risk_weight": p.risk_weight,
            "carrying_rate": p.carrying_rate, "loss_share": p.loss_share,
            "penalties_usd_per_t": p.penalty_names,
            "avoid": p.avoid_names,
            "open_statuses": sorted(p.open_statuses),
        },
        "routes": [route_record(answer, i) for i in range(len(answer.routes))],
        "switches": [
            {"parameter": s.parameter, "current": s.current, "threshold": round(s.threshold, 3),
             "direction": s.direction, "winner": answer.route_name(s.winner),
             "winner_nodes": list(s.winner.nodes),
             "sentence": s.sentence(answer.route_name)}
            for s in answer.switches
        ],
    }


def route_json(answer: RouteAnswer) -> str:
    """:func:`route_dict` as JSON text, in corridor's layout
    (:func:`corridor.network_data.jsontext.dump_json`)."""
    return dump_json(route_dict(answer))

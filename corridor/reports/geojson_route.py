"""A route answer's routes as GeoJSON (``corridor route --geojson``): RFC 7946, lon/lat
LineStrings following the legs' geometry, one feature per route.

Light on purpose: a route query does not load the planner's modules.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from corridor.network_data.geometry import geojson_line
from corridor.network_data.jsontext import dump_json
from corridor.reports.json_route import route_record

if TYPE_CHECKING:
    from corridor.routing.query import RouteAnswer


def route_geojson_dict(answer: RouteAnswer) -> dict[str, Any]:
    """A route answer's routes as a GeoJSON FeatureCollection following the leg
    geometries, each route's :func:`~corridor.reports.json_route.route_record` as its
    properties."""
    net = answer.compiled
    features = []
    for rank, r in enumerate(answer.routes):
        coords: list[tuple[float, float]] = []
        for arc in r.arcs:
            line = list(net.leg_coords[net.leg_ids[int(net.arc_leg[arc])]])
            if not bool(net.forward[arc]):
                line.reverse()
            coords.extend(line if not coords else line[1:])
        features.append({"type": "Feature", "geometry": geojson_line(coords),
                         "properties": route_record(answer, rank)})
    return {"type": "FeatureCollection", "features": features}


def route_geojson(answer: RouteAnswer) -> str:
    """:func:`route_geojson_dict` as JSON text."""
    return dump_json(route_geojson_dict(answer))

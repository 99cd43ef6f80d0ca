"""A plan's routes as GeoJSON (``corridor plan --geojson``): RFC 7946, lon/lat
LineStrings following the legs' geometry, one feature per shipment and route."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

import numpy as np
import pandas as pd

from corridor.network_data.geometry import geojson_line
from corridor.network_data.jsontext import compact, dump_json, plain, write_json
from corridor.reports.tabletext import JsonFeatures, first_rows, identity_codes, records
from corridor.routing.plan.gcpause import cyclic_gc_paused
from corridor.routing.plan.result import LIST_COLUMNS

if TYPE_CHECKING:
    from corridor.routing.plan import Plan


def plan_geojson_dict(plan: Plan) -> dict[str, Any]:
    """The routes a plan uses as a GeoJSON FeatureCollection: one feature per shipment and
    route, the row's figures (and the book's own columns) as properties, without its node
    and leg lists. A route's line is drawn once; the features on it share its coordinate
    list."""
    rows, columns, lines, line_of_row = _route_lines(plan)
    properties = plan.shipments.iloc[rows][columns]
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "geometry": dict(lines[k]), "properties": props}
        for props, k in zip(records(properties), line_of_row.tolist())]}


def plan_geojson(plan: Plan) -> str:
    """:func:`plan_geojson_dict` as JSON text: the text
    :func:`~corridor.network_data.jsontext.dump_json` gives for it, written column by column
    with each route's line encoded once."""
    with cyclic_gc_paused():  # a string per cell: no cycles, many collector passes
        return dump_json(_document(plan))


def write_plan_geojson(plan: Plan, out: TextIO) -> None:
    """Write :func:`plan_geojson` to the open text file ``out`` (``corridor plan
    --geojson``), the features in chunks of rows: the same text, never held whole."""
    with cyclic_gc_paused():
        write_json(_document(plan), out)


def _document(plan: Plan) -> dict[str, Any]:
    """The FeatureCollection, its features a :class:`~corridor.reports.tabletext.
    JsonFeatures` over the plan's planned rows (no copy of the table)."""
    rows, columns, lines, line_of_row = _route_lines(plan)
    geometry = ([compact(plain(line)) for line in lines], line_of_row)
    return {"type": "FeatureCollection",
            "features": JsonFeatures(plan.shipments, LIST_COLUMNS, geometry, rows=rows,
                                     columns=columns)}


def _route_lines(plan: Plan) -> tuple[np.ndarray, list[str], list[dict[str, Any]],
                                      np.ndarray]:
    """The positions of the planned rows in :attr:`Plan.shipments`, its columns but the
    node and leg lists (a feature's properties), the GeoJSON line of each route the rows
    use, and each row's line."""
    shipments = plan.shipments
    # positions, not a filtered copy of the table (hundreds of MB for a million rows)
    rows = np.flatnonzero((shipments["status"] == "planned").to_numpy())
    columns = [c for c in shipments.columns if c not in ("nodes", "legs")]
    # rows on one route share its tuples of legs and nodes: group by their identity
    route_legs = shipments["legs"].to_numpy()[rows]
    route_nodes = shipments["nodes"].to_numpy()[rows]
    by_legs, n_legs = identity_codes(route_legs)
    by_nodes, _ = identity_codes(route_nodes)
    line_of_row, distinct = pd.factorize(by_nodes * n_legs + by_legs)
    network = plan.solution.problem.net.network
    legs = network.legs
    ends = dict(zip(legs.index.tolist(), zip(legs["from_id"].tolist(),
                                             legs["to_id"].tolist())))
    lines = []
    for i in first_rows(line_of_row, len(distinct)):
        coords: list[tuple[float, float]] = []
        for leg, a, b in zip(route_legs[i], route_nodes[i][:-1], route_nodes[i][1:]):
            part = list(network.leg_coords[leg])
            if ends[leg] != (a, b):
                part.reverse()
            coords.extend(part if not coords else part[1:])
        lines.append(geojson_line(coords))
    return rows, columns, lines, line_of_row

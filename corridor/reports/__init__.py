"""Output writing: plans and route answers as CSV, JSON and GeoJSON, and re-running a plan
from its JSON. The ``corridor`` command writes every file through here, and so can Python
users::

    import corridor
    from corridor import reports

    result = corridor.plan(net, book)
    text = reports.plan_json(result)                   # what `corridor plan --json` prints
    reports.write_plan_files(result, shipments="plan.csv", legs="legs.csv",
                             geojson="routes.geojson", style="excel")
    again = reports.replan("plan.json")                # `corridor plan --rerun plan.json`

Modules, one job each: :mod:`~corridor.reports.plan_csv` (a plan's tables as CSV),
:mod:`~corridor.reports.json_plan` (a plan as JSON), :mod:`~corridor.reports.json_route`
(a route answer as JSON), :mod:`~corridor.reports.geojson_plan` and
:mod:`~corridor.reports.geojson_route` (routes as GeoJSON),
:mod:`~corridor.reports.made_with` (what a result was made with),
:mod:`~corridor.reports.write_plan` (a plan's files, all or none),
:mod:`~corridor.reports.files` (atomic file writing), :mod:`~corridor.reports.rerun`
(planning again from a plan's JSON) and :mod:`~corridor.reports.tabletext` (the column-wise
CSV and JSON writer behind the tables).

This package reads :mod:`corridor.routing` and :mod:`corridor.network_data`; neither of
them imports it. Names are imported on first use, so the command line stays cheap.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.network_data.lazy import lazy_exports

#: Public name -> module that defines it (imported lazily by :func:`__getattr__`).
_EXPORTS = {
    "CSV_STYLES": "corridor.reports.tabletext",
    "shipments_csv": "corridor.reports.plan_csv",
    "legs_csv": "corridor.reports.plan_csv",
    "write_shipments_csv": "corridor.reports.plan_csv",
    "write_legs_csv": "corridor.reports.plan_csv",
    "plan_dict": "corridor.reports.json_plan",
    "plan_json": "corridor.reports.json_plan",
    "write_plan_json": "corridor.reports.json_plan",
    "route_dict": "corridor.reports.json_route",
    "route_json": "corridor.reports.json_route",
    "route_record": "corridor.reports.json_route",
    "plan_geojson": "corridor.reports.geojson_plan",
    "plan_geojson_dict": "corridor.reports.geojson_plan",
    "write_plan_geojson": "corridor.reports.geojson_plan",
    "route_geojson": "corridor.reports.geojson_route",
    "route_geojson_dict": "corridor.reports.geojson_route",
    "plan_made_with": "corridor.reports.made_with",
    "route_made_with": "corridor.reports.made_with",
    "plan_files": "corridor.reports.write_plan",
    "write_plan_files": "corridor.reports.write_plan",
    "write_all_atomic": "corridor.reports.files",
    "Chunked": "corridor.reports.files",
    "Recipe": "corridor.reports.rerun",
    "read_recipe": "corridor.reports.rerun",
    "recipe_inputs": "corridor.reports.rerun",
    "replan": "corridor.reports.rerun",
}

__all__ = [
    "CSV_STYLES", "Chunked", "Recipe", "legs_csv", "plan_dict", "plan_files", "plan_geojson",
    "plan_geojson_dict", "plan_json", "plan_made_with", "read_recipe", "recipe_inputs",
    "replan", "route_dict", "route_geojson", "route_geojson_dict", "route_json",
    "route_made_with", "route_record", "shipments_csv", "write_all_atomic",
    "write_legs_csv", "write_plan_files", "write_plan_geojson", "write_plan_json",
    "write_shipments_csv",
]

if TYPE_CHECKING:
    from corridor.reports.files import Chunked, write_all_atomic
    from corridor.reports.geojson_plan import plan_geojson, plan_geojson_dict, write_plan_geojson
    from corridor.reports.geojson_route import route_geojson, route_geojson_dict
    from corridor.reports.json_plan import plan_dict, plan_json, write_plan_json
    from corridor.reports.json_route import route_dict, route_json, route_record
    from corridor.reports.made_with import plan_made_with, route_made_with
    from corridor.reports.plan_csv import (
        legs_csv,
        shipments_csv,
        write_legs_csv,
        write_shipments_csv,
    )
    from corridor.reports.rerun import Recipe, read_recipe, recipe_inputs, replan
    from corridor.reports.tabletext import CSV_STYLES
    from corridor.reports.write_plan import plan_files, write_plan_files

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

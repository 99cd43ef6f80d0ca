"""corridor: route and shipment planner for export corridors out of Central Asia.

The public API, for Python users::

    import corridor

    net = corridor.load_network()                         # the embedded, calibrated network
    answer = corridor.find_routes(net, "Oskemen", "Yokohama",
                                  commodity="rare_earth_concentrate")  # best and alternatives
    book = corridor.read_shipments("examples/shipments.csv", net)
    result = corridor.plan(net, book, max_share={"CN": 0.3, "RU": 0.3})
    text = corridor.reports.plan_json(result)             # what `corridor plan --json` prints

Subpackages: :mod:`corridor.network_data` (the data model: schema, loading, validation),
:mod:`corridor.routing` (costs, route search, batch planning), :mod:`corridor.reports`
(CSV, JSON and GeoJSON of plans and routes; re-running a plan), :mod:`corridor.cli` (the
``corridor`` command). Names are imported on first use, so ``import corridor`` stays cheap
for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.network_data.lazy import lazy_exports

__version__ = "0.1.0"

#: Public name -> module that defines it (imported lazily by :func:`__getattr__`).
_EXPORTS = {
    "load_network": "corridor.network_data.load",
    "check_network": "corridor.network_data.load",
    "Network": "corridor.network_data.model",
    "read_shipments": "corridor.network_data.shipments",
    "shipments_from_records": "corridor.network_data.shipments",
    "ShipmentBook": "corridor.network_data.shipments",
    "CorridorError": "corridor.network_data.errors",
    "InputError": "corridor.network_data.errors",
    "InfeasibleError": "corridor.network_data.errors",
    "SolverError": "corridor.network_data.errors",
    "Problem": "corridor.network_data.errors",
    "CostParams": "corridor.routing.costs",
    "compile_network": "corridor.routing.compile",
    "CompiledNetwork": "corridor.routing.compile",
    "find_routes": "corridor.routing.query",
    "RouteAnswer": "corridor.routing.query",
    "plan": "corridor.routing.plan",
    "Plan": "corridor.routing.plan",
}

__all__ = [
    "CompiledNetwork", "CorridorError", "CostParams", "InfeasibleError", "InputError",
    "Network", "Plan", "Problem", "RouteAnswer", "ShipmentBook", "SolverError",
    "__version__", "check_network", "compile_network", "find_routes", "load_network", "plan",
    "read_shipments", "shipments_from_records",
]

if TYPE_CHECKING:
    from corridor.network_data.errors import (
        CorridorError,
        InfeasibleError,
        InputError,
        Problem,
        SolverError,
    )
    from corridor.network_data.load import check_network, load_network
    from corridor.network_data.model import Network
    from corridor.network_data.shipments import (
        ShipmentBook,
        read_shipments,
        shipments_from_records,
    )
    from corridor.routing.compile import CompiledNetwork, compile_network
    from corridor.routing.costs import CostParams
    from corridor.routing.plan import Plan, plan
    from corridor.routing.query import RouteAnswer, find_routes

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

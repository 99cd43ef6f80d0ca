"""corridor's data model: schema, loading, validation and geometry of the corridor network.

This package never imports a solver. Entry points::

    from corridor.network_data import load_network
    net = load_network()                      # the embedded network
    net = load_network(directory=Path("my"))  # a user's files with the same schema

Names are imported on first use, so that the modules without pandas (files, cache,
vocabulary, names, errors) can be used without loading it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from corridor.network_data.lazy import lazy_exports

_EXPORTS = {
    "CorridorError": "corridor.network_data.errors",
    "InfeasibleError": "corridor.network_data.errors",
    "InputError": "corridor.network_data.errors",
    "Problem": "corridor.network_data.errors",
    "SolverError": "corridor.network_data.errors",
    "check_network": "corridor.network_data.load",
    "load_network": "corridor.network_data.load",
    "Network": "corridor.network_data.model",
}

__all__ = ["CorridorError", "InfeasibleError", "InputError", "Network", "Problem",
           "SolverError", "check_network", "load_network"]

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

__getattr__, __dir__ = lazy_exports(__name__, _EXPORTS)

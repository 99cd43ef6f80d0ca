"""corridor's data model: schema, loading, validation and geometry of the corridor network.

This package never imports a solver. Entry points::

    from corridor.network_data import load_network
    net = load_network()                      # the embedded network
    net = load_network(directory=Path("my"))  # a user's files with the same schema
"""

from corridor.network_data.errors import (
           CorridorError,
           InfeasibleError,
           InputError,
           Problem,
           SolverError,
)
from corridor.network_data.load import check_network, load_network
from corridor.network_data.model import Network

__all__ = ["CorridorError", "InfeasibleError", "InputError", "Network", "Problem",
           "SolverError", "check_network", "load_network"]

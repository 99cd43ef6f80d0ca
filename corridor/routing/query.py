"""Route queries: the entry point behind ``corridor route``.

>>> from corridor.network_data import load_network
>>> answer = find_routes(load_network(), "Oskemen", "Yokohama", commodity="beryllium")
>>> answer.routes[0].nodes[0]
'kz-oskemen'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import TYPE_CHECKING

from corridor.network_data.errors import PARAMETERS, InfeasibleError, InputError, Problem
from corridor.network_data.schema import CARGO_CLASSES, parameter_problems
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.costs import DEFAULT_CARGO_CLASS, CostParams, arc_costs
from corridor.routing.explain import Switch, switching_points
from corridor.routing.paths import Route, cheapest_arcs, diverse_routes, land_route_name

if TYPE_CHECKING:  # the route query runs from the compact cache, without pandas
    from corridor.network_data.model import Network

#: What :attr:`RouteAnswer.status` can say (a query with no route raises instead).
ROUTE_STATUSES = {
    "optimal": "the cheapest route, and as many alternatives as asked for",
    "optimal_fewer_alternatives": "the cheapest route; fewer genuinely different "
                                  "alternatives exist than were asked for",
}


@dataclass(frozen=True)
class RouteAnswer:
    """The answer to a route query (written as JSON and GeoJSON by :mod:`corridor.reports`).

    ``alternatives`` is how many alternatives were asked for; ``routes`` has the cheapest
    route first, then at most that many.
    """

    origin: str
    destination: str
    commodity: str | None
    cargo_class: str
    tonnes: float
    value_usd_per_t: float
    params: CostParams
    routes: tuple[Route, ...]
    switches: tuple[Switch, ...]
    compiled: CompiledNetwork
    alternatives: int = 3

    @property
    def status(self) -> str:
        """The outcome, one of :data:`ROUTE_STATUSES`."""
        return "optimal" if len(self.routes) > self.alternatives \
            else "optimal_fewer_alternatives"

    def land_name(self, route: Route) -> str:
        """The land part of a route's name: corridors and transit states (``china via CN``)."""
        ends = {self.compiled.node_country[self.compiled.node_index[self.origin]],
                self.compiled.node_country[self.compiled.node_index[self.destination]]}
        return land_route_name(route.corridors, route.land_countries, ends)

    def route_name(self, route: Route) -> str:
        """A short name: land corridors and transit states, then the sea passages.

        e.g. ``trans_caspian via AZ-GE, sea via bosporus/dardanelles/suez``.
        """
        name = self.land_name(route)
        if route.passages:
            sea = "sea via " + "/".join(route.passages)
            name = sea if name == "sea" else f"{name}, {sea}"
        return name


def find_routes(net: Network | CompiledNetwork, origin: str, destination: str, *,
                commodity: str | None = None, tonnes: float = 1.0,
                value_usd_per_t: float | None = None, params: CostParams | None = None,
                alternatives: int = 3, explain: bool = True,
                cargo_class: str | None = None) -> RouteAnswer:
    """Cheapest route and up to ``alternatives`` genuinely different ones.

    Parameters
    ----------
    net
        The network, or its compiled form (what the command line reads from the cache).
    origin, destination
        Place ids, names or aliases.
    commodity
        Commodity id or name; sets the cargo value, cargo class and restrictions (Class 7).
    tonnes
        Shipment size, reported in totals (costs are per tonne).
    value_usd_per_t
        Cargo value; overrides the commodity's default. Needed if no commodity is given
        (default then 1,000 USD/t).
    params
        Cost parameters and hard rules (selectors given as text are resolved here).
    alternatives
        How many alternatives besides the best route.
    cargo_class
        bulk, container or class7; overrides the commodity's (default: the commodity's, or
        container).

    Raises
    ------
    InputError
        Unknown place, commodity or selector, numbers outside their plausible ranges
        (:data:`corridor.network_data.schema.RANGES`: ``tonnes`` 0.001 to 10^9,
        ``value_usd_per_t`` above 0 to 10^9, ``alternatives`` 0 to 100); each problem names
        the parameter (``origin``, ``destination``, ``commodity``, ``avoid``, ``penalty``,
        ``tonnes``...) with source :data:`~corridor.network_data.errors.PARAMETERS`.
    InfeasibleError
        No route under the rules; the message names what blocked it.
    """
    compiled = net if isinstance(net, CompiledNetwork) else compile_network(net)
    vocabulary = compiled.vocabulary
    problems: list[Problem] = []
    o = d = None
    try:
        o = vocabulary.places.resolve(origin, field="origin", source=PARAMETERS)
    except InputError as exc:
        problems += exc.problems
    try:
        d = vocabulary.places.resolve(destination, field="destination", source=PARAMETERS)
    except InputError as exc:
        problems += exc.problems
    commodity_id = None
    class7_only = False
    value = value_usd_per_t
    cls = cargo_class
    if commodity is not None:
        try:
            commodity_id = vocabulary.commodities.resolve(commodity, field="commodity",
                                                          source=PARAMETERS)
            facts = compiled.commodity[commodity_id]
            class7_only = facts.class7_only
            if value is None:
                value = facts.value_usd_per_t
            if cls is None:
                cls = facts.cargo_class or DEFAULT_CARGO_CLASS
        except InputError as exc:
            problems += exc.problems
    cls = cls or DEFAULT_CARGO_CLASS
    if cls not in CARGO_CLASSES:
        problems.append(Problem(PARAMETERS, None, "cargo_class",
                                f"'{cls}' is not one of {', '.join(CARGO_CLASSES)}"))
    problems += parameter_problems({"tonnes": tonnes, "value_usd_per_t": value_usd_per_t,
                                    "alternatives": alternatives})
    if o is not None and o == d:
        problems.append(Problem(PARAMETERS, None, "destination", "origin and destination are "
                                "the same place"))
    try:
        params = (params or CostParams()).resolved(vocabulary)
    except InputError as exc:
        problems += exc.problems
    if problems:
        raise InputError(problems)
    assert o is not None and d is not None and params is not None
    value = 1000.0 if value is None else value
    costs = arc_costs(compiled, value_usd_per_t=value, params=params, class7_only=class7_only,
                      cargo_class=cls)
    s, t = compiled.node_index[o], compiled.node_index[d]
    routes = diverse_routes(compiled, s, t, costs, count=alternatives + 1)
    if not routes:
        raise InfeasibleError(_why_blocked(compiled, o, d, value, params, commodity_id,
                                           class7_only))
    switches = switching_points(compiled, s, t, value=value, params=params, best=routes[0],
                                class7_only=class7_only, cargo_class=cls) if explain else []
    return RouteAnswer(origin=o, destination=d, commodity=commodity_id, cargo_class=cls,
                       tonnes=tonnes, value_usd_per_t=value, params=params,
                       routes=tuple(routes), switches=tuple(switches), compiled=compiled,
                       alternatives=alternatives)


def _why_blocked(compiled: CompiledNetwork, o: str, d: str, value: float,
                 params: CostParams, commodity_id: str | None, class7_only: bool) -> str:
    """Name what blocks every route: the avoids, the Class-7 restriction, or closures."""
    s, t = compiled.node_index[o], compiled.node_index[d]
    where = f"no route from {compiled.node_name[s]} to {compiled.node_name[t]}"

    def reachable(p: CostParams, c7: bool) -> bool:  # costs do not matter, only usability
        c = arc_costs(compiled, value_usd_per_t=value, params=p, class7_only=c7)
        return cheapest_arcs(compiled, s, t, c.total, c.usable) is not None

    free = dataclasses.replace(params, avoid=frozenset())
    if class7_only and not reachable(free, True):
        return (f"{where}: {commodity_id} may only use legs allowed for hazard Class 7, and "
                "none of those connect them")
    if params.avoid and reachable(free, class7_only):
        extra = f" on Class-7 legs ({commodity_id})" if class7_only else ""
        return f"{where}{extra} that avoids {', '.join(params.avoid_names)}"
    return f"{where}: they are not connected by open legs"

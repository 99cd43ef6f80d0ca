"""Route queries: the entry point behind ``corridor route``.

>>> from corridor.network_data import load_network
>>> answer = find_routes(load_network(), "Oskemen", "Yokohama", commodity="beryllium")
>>> answer.routes[0].nodes[0]
'kz-oskemen'
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from corridor.network_data.errors import InfeasibleError, InputError, Problem
from corridor.network_data.model import Network
from corridor.network_data.schema import CARGO_CLASSES
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.costs import DEFAULT_CARGO_CLASS, CostParams, arc_costs
from corridor.routing.explain import Switch, switching_points
from corridor.routing.paths import Route, cheapest_arcs, diverse_routes, land_route_name

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


def _resolve_avoid(net: Network, params: CostParams) -> None:
    problems = []
    for code in sorted(params.avoid_keys):
        if code not in net.countries and code not in net.passages:
            problems.append(Problem("command line", None, "--avoid",
                                    f"'{code}' is neither a country, a passage nor a corridor "
                                    "of the network"))
    for code in sorted(params.penalties):
        if code not in net.countries and code not in net.passages:
            problems.append(Problem("command line", None, "--penalty",
                                    f"'{code}' is neither a country nor a passage of the "
                                    "network"))
    if problems:
        raise InputError(problems)


def split_avoid(net: Network, keys: list[str]) -> tuple[frozenset[str], frozenset[str]]:
    """Split ``--avoid`` keys into (countries and passages, corridors); unknown keys raise
    ``InputError``."""
    found, corridors, problems = set(), set(), []
    for key in keys:
        code = net.dependency_key(key)
        if code is not None:
            found.add(code)
        elif key.lower() in net.corridors:
            corridors.add(key.lower())
        else:
            problems.append(Problem("command line", None, "--avoid",
                                    f"'{key}' is neither a country code, a passage nor a "
                                    f"corridor{net.key_suggestion(key)}; passages: "
                                    f"{', '.join(sorted(net.passages))}; corridors: "
                                    f"{', '.join(sorted(net.corridors))}"))
    if problems:
        raise InputError(problems)
    return frozenset(found), frozenset(corridors)


def find_routes(net: Network, origin: str, destination: str, *,
                commodity: str | None = None, tonnes: float = 1.0,
                value_usd_per_t: float | None = None, params: CostParams | None = None,
                alternatives: int = 3, explain: bool = True,
                cargo_class: str | None = None) -> RouteAnswer:
    """Cheapest route and up to ``alternatives`` genuinely different ones.

    Parameters
    ----------
    net
        The network.
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
        Cost parameters and hard rules.
    alternatives
        How many alternatives besides the best route.
    cargo_class
        bulk, container or class7; overrides the commodity's (default: the commodity's, or
        container).

    Raises
    ------
    InputError
        Unknown place or commodity, bad numbers.
    InfeasibleError
        No route under the rules; the message names what blocked it.
    """
    params = params or CostParams()
    problems: list[Problem] = []
    o = d = None
    try:
        o = net.resolve_place(origin, field="FROM", source="command line")
    except InputError as exc:
        problems += exc.problems
    try:
        d = net.resolve_place(destination, field="TO", source="command line")
    except InputError as exc:
        problems += exc.problems
    commodity_id = None
    class7_only = False
    value = value_usd_per_t
    cls = cargo_class
    if commodity is not None:
        try:
            commodity_id = net.resolve_commodity(commodity, field="--commodity",
                                                 source="command line")
            row = net.commodities.loc[commodity_id]
            class7_only = bool(row["class7_only_legs"])
            if value is None:
                value = float(row["value_usd_per_t"])
            if cls is None:
                cls = str(row["cargo_class"] or DEFAULT_CARGO_CLASS)
        except InputError as exc:
            problems += exc.problems
    cls = cls or DEFAULT_CARGO_CLASS
    if cls not in CARGO_CLASSES:
        problems.append(Problem("command line", None, "--cargo-class",
                                f"'{cls}' is not one of {', '.join(CARGO_CLASSES)}"))
    if tonnes <= 0:
        problems.append(Problem("command line", None, "--tonnes", f"{tonnes:g} must be > 0"))
    if value is not None and value <= 0:
        problems.append(Problem("command line", None, "--value-usd-per-t",
                                f"{value:g} must be > 0"))
    if alternatives < 0:
        problems.append(Problem("command line", None, "--alternatives", "must be ≥ 0"))
    if o is not None and o == d:
        problems.append(Problem("command line", None, "TO", "origin and destination are the "
                                "same place"))
    if problems:
        raise InputError(problems)
    assert o is not None and d is not None
    _resolve_avoid(net, params)
    value = 1000.0 if value is None else value
    compiled = compile_network(net)
    costs = arc_costs(compiled, value_usd_per_t=value, params=params, class7_only=class7_only,
                      cargo_class=cls)
    s, t = compiled.node_index[o], compiled.node_index[d]
    routes = diverse_routes(compiled, s, t, costs, count=alternatives + 1)
    if not routes:
        raise InfeasibleError(_why_blocked(net, compiled, o, d, value, params, commodity_id,
                                           class7_only))
    switches = switching_points(compiled, s, t, value=value, params=params, best=routes[0],
                                class7_only=class7_only, cargo_class=cls) if explain else []
    return RouteAnswer(origin=o, destination=d, commodity=commodity_id, cargo_class=cls,
                       tonnes=tonnes, value_usd_per_t=value, params=params,
                       routes=tuple(routes), switches=tuple(switches), compiled=compiled,
                       alternatives=alternatives)


def _why_blocked(net: Network, compiled: CompiledNetwork, o: str, d: str, value: float,
                 params: CostParams, commodity_id: str | None, class7_only: bool) -> str:
    """Name what blocks every route: the avoids, the Class-7 restriction, or closures."""
    s, t = compiled.node_index[o], compiled.node_index[d]
    where = f"no route from {net.nodes.at[o, 'name']} to {net.nodes.at[d, 'name']}"

    def reachable(p: CostParams, c7: bool) -> bool:  # costs do not matter, only usability
        c = arc_costs(compiled, value_usd_per_t=value, params=p, class7_only=c7)
        return cheapest_arcs(compiled, s, t, c.total, c.usable) is not None

    free = dataclasses.replace(params, avoid_keys=frozenset(), avoid_corridors=frozenset(),
                               closed_nodes=frozenset())
    avoided = sorted(params.avoid_keys) + sorted(params.avoid_corridors)
    if class7_only and not reachable(free, True):
        return (f"{where}: {commodity_id} may only use legs allowed for hazard Class 7, and "
                "none of those connect them")
    if avoided and reachable(free, class7_only):
        extra = f" on Class-7 legs ({commodity_id})" if class7_only else ""
        return f"{where}{extra} that avoids {', '.join(avoided)}"
    if params.closed_nodes and reachable(dataclasses.replace(
            params, closed_nodes=frozenset()), class7_only):
        return f"{where} with {', '.join(sorted(params.closed_nodes))} closed"
    return f"{where}: they are not connected by open legs"

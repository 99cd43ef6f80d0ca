"""Route search: the cheapest route under the generalized cost, and genuinely different
alternatives.

The network is small (hundreds of arcs), so a heap Dijkstra over the compiled adjacency is
exact, deterministic and sub-millisecond; it also keeps scipy and networkx off the route
query's start-up path.

Alternatives are not k-shortest paths (those differ by one siding). Each route has a
*dependency signature*: the keys it depends on (countries, passages) and the corridors it
uses. Starting from the best route, the search forbids, one more at a time, a country or
corridor the route relies on, and keeps the cheapest route of every new signature (a
best-first search over forbidden sets). So the runner-up is the cheapest route that avoids at
least one state or corridor the best one depends on, and so on. Two routes through the same
transit states whose costs are within :data:`SAME_ROUTE_SHARE` of each other count as one
alternative: a planner reads them as the same choice.
"""

from __future__ import annotations

import heapq
import math
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from corridor.routing.compile import CompiledNetwork
from corridor.routing.costs import PARTS, ArcCosts, co2_kg_per_t, route_sum

#: Two routes crossing the same transit states whose costs differ by at most this share of
#: the cheaper one are one alternative (e.g. the same Iranian route with its Turkmen legs
#: labelled under another corridor).
SAME_ROUTE_SHARE = 0.02
#: Modes on the open sea: their keys (a canal's state, a passage) are not land dependencies.
SEA_MODES = frozenset({"sea", "passage"})


def cheapest_arcs(net: CompiledNetwork, source: int, target: int, cost: np.ndarray,
                  usable: np.ndarray) -> list[int] | None:
    """Arc indices of a cheapest ``source -> target`` path, or ``None`` if there is none.

    Ties are broken deterministically (lower node index first, then lower arc index).
    Costs must be non-negative.
    """
    cost_list = cost.tolist()
    usable_list = usable.tolist()
    steps = net.out_steps
    inf = math.inf
    best = [inf] * net.n_nodes
    best[source] = 0.0
    via = [-1] * net.n_nodes
    done = bytearray(net.n_nodes)
    heap = [(0.0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if done[node]:
            continue
        if node == target:
            break
        done[node] = 1
        for arc, nxt in steps[node]:
            if usable_list[arc]:
                nd = d + cost_list[arc]
                if nd < best[nxt] - 1e-12:
                    best[nxt] = nd
                    via[nxt] = arc
                    heapq.heappush(heap, (nd, nxt))
    if best[target] == inf:
        return None
    arcs: list[int] = []
    node = target
    while node != source:
        arc = via[node]
        arcs.append(arc)
        node = int(net.tail[arc])
    arcs.reverse()
    return arcs


@dataclass(frozen=True)
class Route:
    """One route with everything a planner reads off it (all money per tonne, USD)."""

    arcs: tuple[int, ...]
    nodes: tuple[str, ...]
    legs: tuple[str, ...]
    modes: tuple[str, ...]
    corridors: tuple[str, ...]  # in order of first use
    countries: tuple[str, ...]  # every country depended on, in order of first appearance
    passages: tuple[str, ...]  # passage keys crossed, in order
    distance_km: float
    transit_days: float
    cost_parts: dict[str, float]
    cost_total: float
    disruption_prob: float  # probability that at least one leg is disrupted
    co2_kg_per_t: float
    land_countries: tuple[str, ...] = ()  # countries depended on by non-sea legs
    land_corridors: tuple[str, ...] = ()  # corridors of the non-sea legs, in order

    @property
    def signature(self) -> tuple[frozenset[str], frozenset[str]]:
        """What the route depends on: (countries and passages, corridors)."""
        return frozenset(self.countries) | frozenset(self.passages), frozenset(self.corridors)

    @property
    def choice(self) -> tuple[tuple[frozenset[str], frozenset[str], bool], tuple[str, ...]]:
        """The route as a planner's choice: its land signature and its sea passages (two
        routes with the same choice differ only by a siding or a port)."""
        return self.land_signature, self.passages

    @property
    def land_signature(self) -> tuple[frozenset[str], frozenset[str], bool]:
        """The land part of what the route depends on: (countries, corridors) off the sea,
        and whether it goes to sea at all.

        Two routes with the same land signature take the same corridor through the same
        states and differ only at sea or by a siding; an all-land route and one that leaves
        the same corridor for a ship (Moscow to Vostochny by the Trans-Siberian, or by rail
        to St Petersburg and round by sea) are different choices.
        """
        return (frozenset(self.land_countries),
                frozenset(c for c in self.land_corridors if c != "sea"), self.by_sea)

    @property
    def by_sea(self) -> bool:
        """True if any leg is at sea (ocean, Black Sea or a passage; Caspian ferries are
        land corridors' crossings)."""
        return any(m in SEA_MODES for m in self.modes)


def land_route_name(corridors: Sequence[str], land_countries: Sequence[str],
                    end_countries: Collection[str]) -> str:
    """A route's name by its land part: the corridors it takes off the sea (Kazakh rail left
    out when another corridor follows it) and the states it crosses between the countries
    of its ends, e.g. ``trans_caspian via AZ-GE``; ``sea`` for a route all at sea."""
    transit = [c for c in land_countries if c not in end_countries]
    land = [c for c in corridors if c != "sea"]
    if len(land) > 1:
        land = [c for c in land if c != "kazakh_rail"]
    name = "+".join(land) if land else "sea"
    return f"{name} via {'-'.join(transit)}" if transit else name


def _ordered_unique(items: Sequence[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for item in items:
        seen.setdefault(item, None)
    return tuple(seen)


def describe_route(net: CompiledNetwork, arcs: Sequence[int], costs: ArcCosts) -> Route:
    """Build a :class:`Route` (breakdown, days, countries...) from arc indices."""
    idx = np.asarray(arcs, dtype=np.int64)
    node_seq = [net.node_ids[int(net.tail[idx[0]])]] + [net.node_ids[int(h)]
                                                         for h in net.head[idx]]
    countries: list[str] = []
    land: list[str] = []
    land_corridors: list[str] = []
    passages: list[str] = []
    for a in arcs:
        keys = net.arc_keys[a]
        countries.extend(k for k in keys if not net.is_passage(k))
        if net.mode[a] not in SEA_MODES:
            land.extend(keys)
            land_corridors.append(net.corridor[a])
        if net.passage[a]:
            passages.append(net.passage[a])
    parts = {p: round(route_sum(costs.parts[p][idx]), 2) for p in PARTS}
    survive = float(np.prod(1.0 - net.disruption_prob[idx]))
    return Route(
        arcs=tuple(int(a) for a in arcs),
        nodes=tuple(node_seq),
        legs=tuple(net.leg_ids[int(net.arc_leg[a])] for a in arcs),
        modes=tuple(net.mode[a] for a in arcs),
        corridors=_ordered_unique([net.corridor[a] for a in arcs]),
        countries=_ordered_unique(countries),
        passages=_ordered_unique(passages),
        distance_km=round(route_sum(net.distance_km[idx]), 1),
        transit_days=round(route_sum(costs.days[idx]), 2),
        cost_parts=parts,
        cost_total=round(route_sum(costs.total[idx]), 2),
        disruption_prob=round(1.0 - survive, 4),
        co2_kg_per_t=round(co2_kg_per_t(net, idx), 1),
        land_countries=_ordered_unique(land),
        land_corridors=_ordered_unique(land_corridors),
    )


#: What the alternative search forbids: ("key", country or passage), ("corridor", label) or
#: ("mode", "sea"): every sea leg and passage.
Forbidden = frozenset[tuple[str, str]]


def _forbid_mask(net: CompiledNetwork, forbidden: Forbidden) -> np.ndarray:
    """Arcs that depend on a forbidden key or use a forbidden corridor."""
    mask = np.zeros(net.n_arcs, dtype=bool)
    cols = [net.key_index[k] for kind, k in forbidden if kind == "key" and k in net.key_index]
    if cols:
        mask |= net.arc_key[:, cols].any(axis=1)
    corridors = {k for kind, k in forbidden if kind == "corridor"}
    if corridors:
        mask |= net.corridor_in(corridors)
    if ("mode", "sea") in forbidden:
        mask |= net.mode_in(SEA_MODES)
    return mask


def _near_copy(a: Route, b: Route, end_countries: Collection[str]) -> bool:
    """True if a planner would read ``a`` and ``b`` as one choice: the same transit states
    and sea passages at costs within :data:`SAME_ROUTE_SHARE` of each other (they differ by
    a siding or a corridor label, not by what they depend on)."""
    transit_a = [c for c in a.land_countries if c not in end_countries]
    transit_b = [c for c in b.land_countries if c not in end_countries]
    cheaper = min(a.cost_total, b.cost_total)
    return (transit_a == transit_b and a.passages == b.passages and
            abs(a.cost_total - b.cost_total) <= SAME_ROUTE_SHARE * cheaper)


def diverse_routes(net: CompiledNetwork, source: int, target: int, costs: ArcCosts, *,
                   count: int, max_searches: int = 300) -> list[Route]:
    """The cheapest route and up to ``count - 1`` genuinely different alternatives.

    A best-first search over sets of forbidden countries/corridors: each route found spawns
    children that forbid one more of the countries or corridors it depends on (the origin's
    and destination's own countries cannot be avoided and are not forbidden), and a route
    that goes to sea one that forbids the sea. Routes come out in cost order. Alternatives
    with a new *land* signature (another corridor or transit state on land, or staying on
    land where the best route goes to sea) are preferred; only if there are too few of those
    are routes that differ just at sea (another strait or cape) added.
    """
    fixed = {net.node_country[source], net.node_country[target]}
    found: list[Route] = []
    sea_only: list[Route] = []
    signatures: set[tuple[frozenset[str], frozenset[str]]] = set()
    tried: set[Forbidden] = set()
    # Frontier entries: (cost key, tie-break, forbidden set, arcs or None). A child is pushed
    # lazily with its parent's cost as key (forbidding more never makes a route cheaper) and
    # only searched when it reaches the front: most children are never searched at all.
    frontier: list[tuple[float, tuple[tuple[str, str], ...], Forbidden, list[int] | None]] = []
    searches = 0

    def push(forbidden: Forbidden, bound: float) -> None:
        if forbidden not in tried:
            tried.add(forbidden)
            heapq.heappush(frontier, (bound, tuple(sorted(forbidden)), forbidden, None))

    push(frozenset(), 0.0)
    while frontier and len(found) < count:
        bound, tie, forbidden, arcs = heapq.heappop(frontier)
        if arcs is None:
            if searches >= max_searches:
                break
            searches += 1
            usable = costs.usable & ~_forbid_mask(net, forbidden) if forbidden \
                else costs.usable
            arcs = cheapest_arcs(net, source, target, costs.total, usable)
            if arcs is not None:
                total = round(float(costs.total[np.asarray(arcs)].sum()), 6)
                heapq.heappush(frontier, (total, tie, forbidden, arcs))
            continue
        route = describe_route(net, arcs, costs)
        if route.signature not in signatures:
            signatures.add(route.signature)
            if any(_near_copy(route, other, fixed) for other in found + sea_only):
                pass  # one choice with a route already kept
            elif any(route.land_signature == other.land_signature for other in found):
                sea_only.append(route)  # another passage for a land route already kept
            else:
                found.append(route)
        # Branch on what the route relies on over land; only an all-sea route branches on its
        # passages and the states of its sea legs (branching on those first would flood the
        # search with near-copies that differ by one strait).
        keys = [("key", c) for c in route.land_countries if c not in fixed]
        keys += [("corridor", k) for k in route.land_corridors if k != "sea"]
        if route.by_sea and keys:
            keys.append(("mode", "sea"))  # the all-land alternative, where there is one
        if not keys:
            keys = [("key", c) for c in (*route.passages, *route.countries) if c not in fixed]
        for key in keys:
            push(forbidden | {key}, bound)
    if len(found) < count:
        found = sorted(found + sea_only[:count - len(found)],
                       key=lambda r: (r.cost_total, r.nodes))
    return found

"""Route search: the cheapest route under the generalized cost, and genuinely different
alternatives.

The network is small (hundreds of arcs), so a heap Dijkstra over the compiled adjacency is
exact, deterministic and sub-millisecond; it also keeps scipy and networkx off the route
query's start-up path.

Alternatives are not k-shortest paths (those differ by one siding). Each route has a
*dependency signature*: the countries it depends on and the corridors it uses. Starting from
the best route, the search forbids, one more at a time, a country or corridor the route relies
on, and keeps the cheapest route of every new signature (a best-first search over forbidden
sets). So the runner-up is the cheapest route that avoids at least one state or corridor the
best one depends on, and so on.
"""

from __future__ import annotations

import heapq
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from routing.compile import CompiledNetwork
from routing.costs import PARTS, ArcCosts, co2_kg_per_t, route_sum


def cheapest_arcs(net: CompiledNetwork, source: int, target: int, cost: np.ndarray,
                  usable: np.ndarray) -> list[int] | None:
    """Arc indices of a cheapest ``source -> target`` path, or ``None`` if there is none.

    Ties are broken deterministically (lower node index first, then lower arc index).
    Costs must be non-negative.
    """
    cost_list = cost.tolist()
    usable_list = usable.tolist()
    head = net.head.tolist()
    out = net.out_arcs
    best = {source: 0.0}
    via: dict[int, int] = {}
    done: set[int] = set()
    heap = [(0.0, source)]
    while heap:
        d, node = heapq.heappop(heap)
        if node in done:
            continue
        if node == target:
            break
        done.add(node)
        for arc in out[node]:
            if not usable_list[arc]:
                continue
            nxt = head[arc]
            nd = d + cost_list[arc]
            if nd < best.get(nxt, float("inf")) - 1e-12:
                best[nxt] = nd
                via[nxt] = arc
                heapq.heappush(heap, (nd, nxt))
    if target not in best:
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
    chokepoints: tuple[str, ...]  # chokepoint node ids passed
    distance_km: float
    transit_days: float
    cost_parts: dict[str, float]
    cost_total: float
    disruption_prob: float  # probability that at least one leg is disrupted
    co2_kg_per_t: float
    land_countries: tuple[str, ...] = ()  # countries depended on by non-sea legs

    @property
    def signature(self) -> tuple[frozenset[str], frozenset[str]]:
        """What the route depends on: (countries, corridors), sea passages included."""
        return frozenset(self.countries), frozenset(self.corridors)

    @property
    def land_signature(self) -> tuple[frozenset[str], frozenset[str]]:
        """The land part of what the route depends on: (countries, corridors) off the sea.

        Two routes with the same land signature take the same corridor through the same
        states and differ only at sea or by a siding.
        """
        return frozenset(self.land_countries), frozenset(c for c in self.corridors
                                                         if c != "sea")


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
    for a in arcs:
        countries.extend(net.arc_countries[a])
        if net.mode[a] != "sea":
            land.extend(net.arc_countries[a])
    chokepoints = tuple(n for n in node_seq[1:-1]
                        if net.node_kind[net.node_index[n]] == "chokepoint")
    parts = {p: round(route_sum(costs.parts[p][idx]), 2) for p in PARTS}
    survive = float(np.prod(1.0 - net.disruption_prob[idx]))
    return Route(
        arcs=tuple(int(a) for a in arcs),
        nodes=tuple(node_seq),
        legs=tuple(net.leg_ids[int(net.arc_leg[a])] for a in arcs),
        modes=tuple(net.mode[a] for a in arcs),
        corridors=_ordered_unique([net.corridor[a] for a in arcs]),
        countries=_ordered_unique(countries),
        chokepoints=chokepoints,
        distance_km=round(route_sum(net.distance_km[idx]), 1),
        transit_days=round(route_sum(net.days[idx]), 2),
        cost_parts=parts,
        cost_total=round(route_sum(costs.total[idx]), 2),
        disruption_prob=round(1.0 - survive, 4),
        co2_kg_per_t=round(co2_kg_per_t(net, idx), 1),
        land_countries=_ordered_unique(land),
    )


def _forbid_mask(net: CompiledNetwork, forbidden: frozenset[str]) -> np.ndarray:
    """Arcs that depend on a forbidden country (``C:XX``) or use a forbidden corridor."""
    mask = np.zeros(net.n_arcs, dtype=bool)
    cols = [net.country_index[f[2:]] for f in forbidden
            if f.startswith("C:") and f[2:] in net.country_index]
    if cols:
        mask |= net.arc_country[:, cols].any(axis=1)
    corridors = {f[2:] for f in forbidden if f.startswith("K:")}
    if corridors:
        mask |= np.array([c in corridors for c in net.corridor], dtype=bool)
    return mask


def diverse_routes(net: CompiledNetwork, source: int, target: int, costs: ArcCosts, *,
                   count: int, max_searches: int = 300) -> list[Route]:
    """The cheapest route and up to ``count - 1`` genuinely different alternatives.

    A best-first search over sets of forbidden countries/corridors: each route found spawns
    children that forbid one more of the countries or corridors it depends on (the origin's
    and destination's own countries cannot be avoided and are not forbidden). Routes come out
    in cost order. Alternatives with a new *land* signature (another corridor or transit
    state on land) are preferred; only if there are too few of those are routes that differ
    just at sea (another strait or cape) added.
    """
    fixed = {net.node_country[source], net.node_country[target]}
    found: list[Route] = []
    land_seen: set[tuple[frozenset[str], frozenset[str]]] = set()
    sea_only: list[Route] = []
    signatures: set[tuple[frozenset[str], frozenset[str]]] = set()
    tried: set[frozenset[str]] = set()
    # Frontier entries: (cost key, tie-break, forbidden set, arcs or None). A child is pushed
    # lazily with its parent's cost as key (forbidding more never makes a route cheaper) and
    # only searched when it reaches the front: most children are never searched at all.
    frontier: list[tuple[float, tuple[str, ...], frozenset[str], list[int] | None]] = []
    searches = 0

    def push(forbidden: frozenset[str], bound: float) -> None:
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
            if route.land_signature not in land_seen:
                land_seen.add(route.land_signature)
                found.append(route)
            else:
                sea_only.append(route)
        # Branch on what the route relies on over land; only an all-sea route branches on the
        # states of its sea passages (branching on those first would flood the search with
        # near-copies that differ by one strait).
        keys = [f"C:{c}" for c in route.land_countries if c not in fixed]
        keys += [f"K:{k}" for k in route.corridors if k != "sea"]
        if not keys:
            keys = [f"C:{c}" for c in route.countries if c not in fixed]
        for key in keys:
            push(forbidden | {key}, bound)
    if len(found) < count:
        found = sorted(found + sea_only[:count - len(found)],
                       key=lambda r: (r.cost_total, r.nodes))
    return found

"""Compiling a :class:`~network_data.model.Network` into arc arrays for the solvers.

This is the one place where the table form becomes the array form (style: PyVRP
``ProblemData``). Each bidirectional leg becomes two directed arcs with the same attributes and
each its own capacity; a one-way leg becomes one arc. Arrays are read-only so a compiled
network can be shared by many scenarios and solves.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from functools import cached_property

import numpy as np
import pandas as pd

from network_data.model import Network

#: Modes whose fixed charge is a handling/border/gauge-change charge rather than freight.
HANDLING_MODES = frozenset({"border", "transfer"})


def read_only(arr: np.ndarray) -> np.ndarray:
    """``arr``, made read-only (shared arrays must not change under their users)."""
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True)
class ArcLabels:
    """Per node and per arc, the names a report prints (object arrays, index by position)."""

    node_id: np.ndarray  # per node
    leg_id: np.ndarray  # per arc: its leg
    corridor: np.ndarray  # per arc
    chokepoint: np.ndarray  # bool per node


@dataclass(frozen=True, eq=False)
class CompiledNetwork:
    """Directed-arc arrays of a network.

    Attributes
    ----------
    node_ids
        Node ids; position = node index.
    arc_leg
        Index into ``leg_ids`` of each arc's leg.
    tail, head
        Node indices of each arc.
    forward
        True where the arc runs ``from_id -> to_id`` of its leg.
    countries
        Country codes; ``arc_country`` is a boolean (arcs × countries) matrix marking the
        countries each arc depends on (territory ∪ control).
    cap_row, row_capacity_tpy, row_group
        Capacity rows: each capacitated arc belongs to one row (``cap_row``, -1 = not
        limiting) whose ``row_capacity_tpy`` bounds the total load of its arcs. An arc's own
        capacity is a row of one arc; the legs of a capacity group share one row over all
        their arcs (``row_group`` is its label, '' for a row of one arc).
    """

    network: Network
    node_ids: tuple[str, ...]
    leg_ids: tuple[str, ...]
    arc_leg: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    forward: np.ndarray
    distance_km: np.ndarray
    tariff_fixed: np.ndarray
    tariff_tkm: np.ndarray
    days: np.ndarray
    capacity_tpy: np.ndarray  # inf where not limiting (a grouped arc: its group's capacity)
    cap_row: np.ndarray  # per arc: capacity row, -1 where not limiting
    row_capacity_tpy: np.ndarray  # per capacity row
    row_group: tuple[str, ...]  # per capacity row: group label, '' for an arc's own capacity
    disruption_prob: np.ndarray
    is_handling: np.ndarray
    allows_class7: np.ndarray
    operational: np.ndarray
    mode: tuple[str, ...]  # per arc
    corridor: tuple[str, ...]  # per arc
    status: tuple[str, ...]  # per arc
    countries: tuple[str, ...]
    arc_country: np.ndarray  # bool, arcs × countries
    node_country: tuple[str, ...]
    node_kind: tuple[str, ...]

    @property
    def n_nodes(self) -> int:
        """Number of nodes."""
        return len(self.node_ids)

    @property
    def n_arcs(self) -> int:
        """Number of directed arcs."""
        return len(self.arc_leg)

    @cached_property
    def node_index(self) -> dict[str, int]:
        """Node id -> index."""
        return {n: i for i, n in enumerate(self.node_ids)}

    def node_indices(self, ids: np.ndarray) -> np.ndarray:
        """The index of each node id in ``ids`` (each distinct id looked up once)."""
        codes, distinct = pd.factorize(ids)
        return np.array([self.node_index[d] for d in distinct.tolist()], dtype=np.int64)[codes]

    @cached_property
    def country_index(self) -> dict[str, int]:
        """Country code -> column of ``arc_country``."""
        return {c: i for i, c in enumerate(self.countries)}

    @cached_property
    def arc_countries(self) -> tuple[tuple[str, ...], ...]:
        """Per arc, the sorted countries it depends on."""
        # few distinct sets (arc_country_sets): name each once, then share
        set_of_arc, ptr, country = self.arc_country_sets
        names = [tuple(self.countries[c] for c in country[b:e].tolist())
                 for b, e in zip(ptr[:-1].tolist(), ptr[1:].tolist())]
        return tuple([names[s] for s in set_of_arc.tolist()])

    @cached_property
    def row_first_arc(self) -> np.ndarray:
        """Per capacity row, its lowest arc (where a row's per-arc price can be read)."""
        rows, first = np.unique(self.cap_row, return_index=True)
        return read_only(first[rows >= 0])

    def row_loads(self, arc_load: np.ndarray) -> np.ndarray:
        """Per capacity row, the total load of its arcs (``arc_load`` per arc)."""
        capped = self.cap_row >= 0
        return np.bincount(self.cap_row[capped], weights=arc_load[capped],
                           minlength=len(self.row_capacity_tpy)).astype(float)

    @cached_property
    def labels(self) -> ArcLabels:
        """Ids and labels as object arrays, for naming many routes' arcs and nodes at once."""
        def objects(values: list[object]) -> np.ndarray:
            return read_only(np.fromiter(values, dtype=object, count=len(values)))

        return ArcLabels(
            node_id=objects(list(self.node_ids)),
            leg_id=read_only(objects(list(self.leg_ids))[self.arc_leg]),
            corridor=objects(list(self.corridor)),
            chokepoint=read_only(np.array([k == "chokepoint" for k in self.node_kind], dtype=bool)))

    @cached_property
    def freight_and_handling(self) -> tuple[np.ndarray, np.ndarray]:
        """Per arc, the tariff (fixed + per tonne-km × km) as freight and as handling (the
        same for every cargo; each arc's is in one of the two, 0.0 in the other)."""
        tariff = self.tariff_fixed + self.tariff_tkm * self.distance_km
        return (read_only(np.where(self.is_handling, 0.0, tariff)),
                read_only(np.where(self.is_handling, tariff, 0.0)))

    @cached_property
    def arc_country_float(self) -> np.ndarray:
        """``arc_country`` as 0.0/1.0 (for per-country penalties)."""
        return read_only(self.arc_country.astype(float))

    @cached_property
    def arc_country_sets(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct rows of ``arc_country``: ``(set_of_arc, ptr, country)``, arc ``a``
        depending on the countries ``country[ptr[s]:ptr[s + 1]]`` of its set
        ``s = set_of_arc[a]`` (indices, in column order). Few sets: consecutive arcs of a
        route mostly share one, so a route's countries can be read per run of arcs."""
        if not self.countries:
            return (read_only(np.zeros(self.n_arcs, dtype=np.int64)),
                    read_only(np.zeros(2, dtype=np.int64)), read_only(np.zeros(0, np.int64)))
        packed = np.ascontiguousarray(np.packbits(self.arc_country, axis=1))
        keys = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
        _, first, inverse = np.unique(keys, return_index=True, return_inverse=True)
        row, country = np.nonzero(self.arc_country[first])  # row-major: by set, then column
        ptr = np.zeros(len(first) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(first)), out=ptr[1:])
        return (read_only(inverse.ravel().astype(np.int64)), read_only(ptr),
                read_only(country.astype(np.int64)))

    @cached_property
    def corridor_codes(self) -> tuple[tuple[str, ...], np.ndarray]:
        """Distinct corridor labels (in order of first arc) and each arc's index among them."""
        return _codes(self.corridor)

    @cached_property
    def _status_codes(self) -> tuple[tuple[str, ...], np.ndarray]:
        return _codes(self.status)

    def status_in(self, statuses: Collection[str]) -> np.ndarray:
        """Boolean mask of the arcs whose status is one of ``statuses`` (a new array)."""
        return _in(self._status_codes, statuses)

    def corridor_in(self, corridors: Collection[str]) -> np.ndarray:
        """Boolean mask of the arcs whose corridor is one of ``corridors`` (a new array)."""
        return _in(self.corridor_codes, corridors)

    @cached_property
    def out_arcs(self) -> tuple[tuple[int, ...], ...]:
        """Per node, the arcs leaving it (in arc order, for deterministic search)."""
        buckets: list[list[int]] = [[] for _ in range(self.n_nodes)]
        for arc, t in enumerate(self.tail.tolist()):
            buckets[t].append(arc)
        return tuple(tuple(b) for b in buckets)


def _codes(labels: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
    """Distinct labels (in order of first item) and each item's position among them (set
    tests per label, not item)."""
    codes, distinct = pd.factorize(np.fromiter(labels, dtype=object, count=len(labels)),
                                   use_na_sentinel=False)
    return tuple(distinct.tolist()), read_only(codes.astype(np.int64))


def _in(codes: tuple[tuple[str, ...], np.ndarray], wanted: Collection[str]) -> np.ndarray:
    distinct, code = codes
    return np.array([label in wanted for label in distinct], dtype=bool)[code]


_CACHE: dict[int, CompiledNetwork] = {}


def compile_network(network: Network) -> CompiledNetwork:
    """Compile ``network`` to arc arrays (memoised per network object)."""
    cached = _CACHE.get(id(network))
    if cached is not None and cached.network is network:
        return cached
    compiled = _compile(network)
    _CACHE.clear()  # keep one: scenarios make new networks, old ones should not pile up
    _CACHE[id(network)] = compiled
    return compiled


def _compile(network: Network) -> CompiledNetwork:
    nodes, legs = network.nodes, network.legs
    node_ids = tuple(str(n) for n in nodes.index)
    index = {n: i for i, n in enumerate(node_ids)}
    leg_ids = tuple(str(leg) for leg in legs.index)
    n_legs = len(leg_ids)
    frm = np.array([index[a] for a in legs["from_id"]], dtype=np.int64)
    to = np.array([index[b] for b in legs["to_id"]], dtype=np.int64)
    bidir = legs["bidirectional"].to_numpy(dtype=bool)
    leg_pos = np.arange(n_legs)
    back = leg_pos[bidir]
    arc_leg = np.concatenate([leg_pos, back])
    forward = np.concatenate([np.ones(n_legs, bool), np.zeros(len(back), bool)])
    tail = np.concatenate([frm, to[bidir]])
    head = np.concatenate([to, frm[bidir]])

    def col(name: str, fill: float = 0.0) -> np.ndarray:
        values = legs[name].to_numpy(dtype=float, na_value=np.nan)
        values = np.where(np.isnan(values), fill, values)
        return read_only(values[arc_leg].astype(float))

    countries = sorted(network.countries)
    cidx = {c: i for i, c in enumerate(countries)}
    leg_country = np.zeros((n_legs, len(countries)), dtype=bool)
    for i, (terr, ctrl) in enumerate(zip(legs["territory"], legs["control"])):
        for code in (*terr, *ctrl):
            leg_country[i, cidx[code]] = True
    modes = legs["mode"].tolist()
    corridors = legs["corridor"].tolist()
    statuses = legs["status"].tolist()
    arc_mode = tuple(modes[i] for i in arc_leg)
    capacity = col("capacity_tpy", np.inf)
    cap_row, row_capacity, row_group = _capacity_rows(
        capacity, [str(g or "") for g in legs["capacity_group"].tolist()], arc_leg)
    return CompiledNetwork(
        network=network,
        node_ids=node_ids,
        leg_ids=leg_ids,
        arc_leg=read_only(arc_leg),
        tail=read_only(tail),
        head=read_only(head),
        forward=read_only(forward),
        distance_km=col("distance_km"),
        tariff_fixed=col("tariff_fixed_usd_per_t"),
        tariff_tkm=col("tariff_usd_per_tkm"),
        days=col("transit_days"),
        capacity_tpy=capacity,
        cap_row=cap_row,
        row_capacity_tpy=row_capacity,
        row_group=row_group,
        disruption_prob=col("disruption_prob"),
        is_handling=read_only(np.array([m in HANDLING_MODES for m in arc_mode], dtype=bool)),
        allows_class7=read_only(legs["allows_class7"].to_numpy(dtype=bool)[arc_leg]),
        operational=read_only(np.array([statuses[i] == "operational" for i in arc_leg],
                                       dtype=bool)),
        mode=arc_mode,
        corridor=tuple(corridors[i] for i in arc_leg),
        status=tuple(statuses[i] for i in arc_leg),
        countries=tuple(countries),
        arc_country=read_only(leg_country[arc_leg]),
        node_country=tuple(str(c) for c in nodes["country"]),
        node_kind=tuple(str(k) for k in nodes["kind"]),
    )


def _capacity_rows(capacity: np.ndarray, leg_group: list[str], arc_leg: np.ndarray
                   ) -> tuple[np.ndarray, np.ndarray, tuple[str, ...]]:
    """Capacity rows in order of their first arc: one per capacitated arc, or one per group."""
    cap_row = np.full(len(arc_leg), -1, dtype=np.int64)
    rows: dict[tuple[str, int], int] = {}
    row_capacity: list[float] = []
    row_group: list[str] = []
    for a in np.flatnonzero(np.isfinite(capacity)).tolist():
        group = leg_group[int(arc_leg[a])]
        key = (group, -1) if group else ("", a)
        row = rows.get(key)
        if row is None:
            row = rows[key] = len(row_capacity)
            row_capacity.append(float(capacity[a]))
            row_group.append(group)
        cap_row[a] = row
    return read_only(cap_row), read_only(np.array(row_capacity, dtype=float)), tuple(row_group)

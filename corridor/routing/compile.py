"""Compiling a :class:`~corridor.network_data.model.Network` into arc arrays for the solvers.

This is the one place where the table form becomes the array form (style: PyVRP
``ProblemData``). Each bidirectional leg becomes two directed arcs with the same attributes and
each its own capacity; a one-way leg becomes one arc. Arrays are read-only so a compiled
network can be shared by many scenarios and solves.

Rates become numbers here too: a leg naming a ``rate_id`` costs, per cargo class,
``usd_per_t + usd_per_tkm × km`` (plus the leg's own tariff) and takes
``days + km / km_per_day`` (plus its own transit days). A class without a row of its own
for a rate (typically ``class7``) moves at the ``container`` row's figures.

What a route *depends on* is a set of keys: the countries of its legs' territory and
control, and the passages (suez, bosporus...) its passage legs cross (``arc_key``). Avoids,
penalties and share caps name any selector (these keys, corridors, capacity groups, legs,
places): :meth:`CompiledNetwork.selector_mask` turns each into the arcs it names.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from corridor.network_data.files import NetworkFiles
from corridor.network_data.schema import CARGO_CLASSES
from corridor.network_data.vocabulary import Selector, Vocabulary
from corridor.routing.services import EXPRESS_RATES

if TYPE_CHECKING:  # pandas stays off the route query's path (it reads the compact cache)
    import pandas as pd

    from corridor.network_data.model import Network

#: Modes whose charge is a handling/border/port/passage charge rather than line-haul freight.
HANDLING_MODES = frozenset({"border", "transfer", "passage"})
#: The class whose rate rows stand in for a class that has none of its own.
FALLBACK_CLASS = "container"


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
    passage: np.ndarray  # per arc: the passage key it crosses, '' for other arcs


@dataclass(frozen=True)
class CommodityFacts:
    """What a route query needs to know of a commodity."""

    value_usd_per_t: float
    cargo_class: str  # '' where the commodity names none
    class7_only: bool


@dataclass(frozen=True, eq=False)
class CompiledNetwork:
    """Directed-arc arrays of a network.

    Attributes
    ----------
    network_loader
        Gives the :class:`~corridor.network_data.model.Network` compiled (see
        :attr:`network`).
    node_ids
        Node ids; position = node index.
    arc_leg
        Index into ``leg_ids`` of each arc's leg.
    tail, head
        Node indices of each arc.
    forward
        True where the arc runs ``from_id -> to_id`` of its leg.
    cargo_classes, class_tariff, class_days
        Per cargo class (rows) and arc (columns): the tariff in USD/t (freight on line-haul
        arcs, a charge on border, transfer and passage arcs) and the days, of the
        ``service`` the network is compiled for (:mod:`corridor.routing.services`).
    class_days_regular, class_days_express
        The days of each service (``class_days`` is one of them).
    keys, n_countries
        Dependency keys: country codes (the first ``n_countries``) then passage keys;
        ``arc_key`` is a boolean (arcs × keys) matrix marking the keys each arc depends on
        (its territory ∪ control, and the passage it crosses).
    node_throughput_tpy
        Per node, its throughput capacity (t/yr; inf where not limiting).
    vocabulary
        What a user can name (:class:`~corridor.network_data.vocabulary.Vocabulary`);
        :meth:`selector_mask` turns its selectors into arc masks.
    cap_row, row_capacity_tpy, row_group
        Capacity rows: each capacitated arc belongs to one row (``cap_row``, -1 = not
        limiting) whose ``row_capacity_tpy`` bounds the total load of its arcs. An arc's own
        capacity is a row of one arc; the legs of a capacity group share one row over all
        their arcs (``row_group`` is its label, '' for a row of one arc).
    """

    network_loader: Callable[[], Network] = field(repr=False)
    node_ids: tuple[str, ...]
    leg_ids: tuple[str, ...]
    arc_leg: np.ndarray
    tail: np.ndarray
    head: np.ndarray
    forward: np.ndarray
    distance_km: np.ndarray
    cargo_classes: tuple[str, ...]
    class_tariff: np.ndarray  # float, classes × arcs
    class_days: np.ndarray  # float, classes × arcs: of ``service``
    class_days_regular: np.ndarray  # float, classes × arcs
    class_days_express: np.ndarray  # float, classes × arcs
    capacity_tpy: np.ndarray  # inf where not limiting (a grouped arc: its group's capacity)
    cap_row: np.ndarray  # per arc: capacity row, -1 where not limiting
    row_capacity_tpy: np.ndarray  # per capacity row
    row_group: tuple[str, ...]  # per capacity row: group label, '' for an arc's own capacity
    disruption_prob: np.ndarray
    risk_premium_share: np.ndarray
    expected_delay_days: np.ndarray
    is_handling: np.ndarray
    allows_class7: np.ndarray
    operational: np.ndarray
    mode: tuple[str, ...]  # per arc
    corridor: tuple[str, ...]  # per arc
    status: tuple[str, ...]  # per arc
    passage: tuple[str, ...]  # per arc
    keys: tuple[str, ...]
    n_countries: int
    arc_key: np.ndarray  # bool, arcs × keys
    node_country: tuple[str, ...]
    node_kind: tuple[str, ...]
    node_name: tuple[str, ...]
    node_throughput_tpy: np.ndarray  # per node, inf where not limiting
    group: tuple[str, ...]  # per arc: its leg's capacity group, '' for none
    vocabulary: Vocabulary
    commodity: dict[str, CommodityFacts]  # by commodity id
    leg_coords: Mapping[str, tuple[tuple[float, float], ...]] = field(repr=False)
    label: str = "embedded"  # the network's (for messages and what a result records)
    files: NetworkFiles | None = None  # the files it was loaded from, and their fingerprint
    #: what-if scenarios applied to the network ``label`` and ``files`` name, in order
    #: (:mod:`corridor.routing.scenarios`); empty for a network as loaded
    scenarios: tuple[Any, ...] = ()
    #: the service level whose days ``class_days`` holds ('regular' or 'express')
    service: str = "regular"
    #: the express factors of the container class, by the mode they change (border: days
    #: factor; rail, road: speed factor); 1.0 where the network has none
    express_factors: Mapping[str, float] = field(default_factory=dict)

    @cached_property
    def network(self) -> Network:
        """The network this was compiled from (built from its files on first use when the
        compiled form came from the cache: a route query never needs it)."""
        return self.network_loader()

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
        distinct, codes = np.unique(np.asarray(ids, dtype=object), return_inverse=True)
        index = self.node_index
        return np.array([index[d] for d in distinct.tolist()],
                        dtype=np.int64)[codes.ravel()]

    @cached_property
    def key_index(self) -> dict[str, int]:
        """Dependency key (country code or passage) -> column of ``arc_key``."""
        return {c: i for i, c in enumerate(self.keys)}

    @property
    def countries(self) -> tuple[str, ...]:
        """The country codes among the keys."""
        return self.keys[:self.n_countries]

    @property
    def passages(self) -> tuple[str, ...]:
        """The passage keys (suez, bosporus...) among the keys."""
        return self.keys[self.n_countries:]

    def is_passage(self, key: str) -> bool:
        """True if ``key`` is a passage key of this network."""
        i = self.key_index.get(key)
        return i is not None and i >= self.n_countries

    def class_index(self, cargo_class: str) -> int:
        """Row of ``class_tariff`` / ``class_days`` for a cargo class."""
        return self.cargo_classes.index(cargo_class)

    @cached_property
    def arc_keys(self) -> tuple[tuple[str, ...], ...]:
        """Per arc, the keys it depends on (countries sorted, then its passage)."""
        # few distinct sets (arc_key_sets): name each once, then share
        set_of_arc, ptr, key = self.arc_key_sets
        names = [tuple(self.keys[c] for c in key[b:e].tolist())
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
            passage=objects(list(self.passage)))

    def freight_and_handling(self, cargo_class: str) -> tuple[np.ndarray, np.ndarray]:
        """Per arc, a cargo class's tariff as freight and as handling (each arc's is in one
        of the two, 0.0 in the other)."""
        return self._freight_and_handling[self.class_index(cargo_class)]

    def days(self, cargo_class: str) -> np.ndarray:
        """Per arc, the days a cargo class spends on it."""
        return self.class_days[self.class_index(cargo_class)]

    @cached_property
    def _freight_and_handling(self) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
        return tuple((read_only(np.where(self.is_handling, 0.0, tariff)),
                      read_only(np.where(self.is_handling, tariff, 0.0)))
                     for tariff in self.class_tariff)

    @cached_property
    def arc_key_float(self) -> np.ndarray:
        """``arc_key`` as 0.0/1.0 (for per-key penalties)."""
        return read_only(self.arc_key.astype(float))

    @cached_property
    def arc_key_sets(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The distinct rows of ``arc_key``: ``(set_of_arc, ptr, key)``, arc ``a``
        depending on the keys ``key[ptr[s]:ptr[s + 1]]`` of its set ``s = set_of_arc[a]``
        (indices, in column order). Few sets: consecutive arcs of a route mostly share one,
        so a route's keys can be read per run of arcs."""
        if not self.keys:
            return (read_only(np.zeros(self.n_arcs, dtype=np.int64)),
                    read_only(np.zeros(2, dtype=np.int64)), read_only(np.zeros(0, np.int64)))
        packed = np.ascontiguousarray(np.packbits(self.arc_key, axis=1))
        rows = packed.view(np.dtype((np.void, packed.shape[1]))).ravel()
        _, first, inverse = np.unique(rows, return_index=True, return_inverse=True)
        row, key = np.nonzero(self.arc_key[first])  # row-major: by set, then column
        ptr = np.zeros(len(first) + 1, dtype=np.int64)
        np.cumsum(np.bincount(row, minlength=len(first)), out=ptr[1:])
        return (read_only(inverse.ravel().astype(np.int64)), read_only(ptr),
                read_only(key.astype(np.int64)))

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

    @cached_property
    def _mode_codes(self) -> tuple[tuple[str, ...], np.ndarray]:
        return _codes(self.mode)

    def mode_in(self, modes: Collection[str]) -> np.ndarray:
        """Boolean mask of the arcs whose mode is one of ``modes`` (a new array)."""
        return _in(self._mode_codes, modes)

    def corridor_in(self, corridors: Collection[str]) -> np.ndarray:
        """Boolean mask of the arcs whose corridor is one of ``corridors`` (a new array)."""
        return _in(self.corridor_codes, corridors)

    @cached_property
    def _masks(self) -> dict[Selector, np.ndarray]:
        return {}

    @cached_property
    def cost_cache(self) -> dict[object, tuple[np.ndarray, np.ndarray, np.ndarray]]:
        """Arc costs a check recomputes often (usable, total, days), by what they were
        computed from; filled by :func:`corridor.routing.plan.verify.verify`."""
        return {}

    def selector_mask(self, selector: Selector) -> np.ndarray:
        """Read-only boolean mask of the arcs ``selector`` names: the arcs depending on a
        country or passage, the arcs of a corridor, of a capacity group or of a leg, and the
        arcs entering or leaving a node. Computed once per selector."""
        mask = self._masks.get(selector)
        if mask is None:
            mask = self._masks[selector] = read_only(self._mask(selector))
        return mask

    def _mask(self, selector: Selector) -> np.ndarray:
        kind, name = selector.kind, selector.name
        if kind in ("country", "passage"):
            column = self.key_index.get(name)
            return (self.arc_key[:, column].copy() if column is not None
                    else np.zeros(self.n_arcs, dtype=bool))
        if kind == "corridor":
            return self.corridor_in({name})
        if kind == "group":
            return _in(self._group_codes, {name})
        if kind == "leg":
            return np.array([leg == name for leg in self.leg_ids], dtype=bool)[self.arc_leg]
        if kind == "node":
            node = self.node_index.get(name)
            if node is None:
                return np.zeros(self.n_arcs, dtype=bool)
            return (self.tail == node) | (self.head == node)
        raise ValueError(f"unknown selector kind {kind!r}")

    def penalty_weight(self, selector: Selector) -> np.ndarray:
        """Per arc, how many times a penalty on ``selector`` is charged there (0 or 1): on
        the arcs it names, except that a node's penalty is charged on the arcs *entering*
        it, so a route passing through pays it once (and a route starting there not at
        all), like a port or border charge."""
        if selector.kind != "node":
            return self.selector_mask(selector)
        node = self.node_index.get(selector.name, -1)
        return self.head == node

    def any_mask(self, selectors: Collection[Selector]) -> np.ndarray:
        """Boolean mask of the arcs any of ``selectors`` names (a new array)."""
        mask = np.zeros(self.n_arcs, dtype=bool)
        for selector in selectors:
            mask |= self.selector_mask(selector)
        return mask

    @cached_property
    def _group_codes(self) -> tuple[tuple[str, ...], np.ndarray]:
        return _codes(self.group)

    @cached_property
    def out_arcs(self) -> tuple[tuple[int, ...], ...]:
        """Per node, the arcs leaving it (in arc order, for deterministic search)."""
        buckets: list[list[int]] = [[] for _ in range(self.n_nodes)]
        for arc, t in enumerate(self.tail.tolist()):
            buckets[t].append(arc)
        return tuple(tuple(b) for b in buckets)

    @cached_property
    def out_steps(self) -> tuple[tuple[tuple[int, int], ...], ...]:
        """Per node, (arc, head) of the arcs leaving it, in arc order: the search's inner
        loop reads both without indexing an array per arc."""
        head = self.head.tolist()
        return tuple(tuple((arc, head[arc]) for arc in arcs) for arcs in self.out_arcs)


def _codes(labels: tuple[str, ...]) -> tuple[tuple[str, ...], np.ndarray]:
    """Distinct labels (in order of first item) and each item's position among them (set
    tests per label, not item)."""
    position: dict[str, int] = {}
    codes = np.fromiter((position.setdefault(label, len(position)) for label in labels),
                        dtype=np.int64, count=len(labels))
    return tuple(position), read_only(codes)


def _in(codes: tuple[tuple[str, ...], np.ndarray], wanted: Collection[str]) -> np.ndarray:
    distinct, code = codes
    return np.array([label in wanted for label in distinct], dtype=bool)[code]


def compile_network(network: Network) -> CompiledNetwork:
    """Compile ``network`` to arc arrays, once per network instance (kept with it, so a
    baseline and its scenarios each stay compiled while they are in use)."""
    return network.derived("compiled", _compile)


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
    passages = [str(p) for p in legs["passage"].tolist()]
    keys = countries + sorted(network.passages)
    kidx = {c: i for i, c in enumerate(keys)}
    leg_key = np.zeros((n_legs, len(keys)), dtype=bool)
    for i, (terr, ctrl, passage) in enumerate(zip(legs["territory"], legs["control"],
                                                  passages)):
        for code in (*terr, *ctrl, *((passage,) if passage else ())):
            leg_key[i, kidx[code]] = True
    tariff, days, express, factors = _class_figures(network)
    regular_days = read_only(days[:, arc_leg])  # the compiled service's, shared
    modes = legs["mode"].tolist()
    corridors = legs["corridor"].tolist()
    statuses = legs["status"].tolist()
    arc_mode = tuple(modes[i] for i in arc_leg)
    capacity = col("capacity_tpy", np.inf)
    groups = [str(g or "") for g in legs["capacity_group"].tolist()]
    cap_row, row_capacity, row_group = capacity_rows(capacity, groups, arc_leg)
    return CompiledNetwork(
        network_loader=lambda: network,
        node_ids=node_ids,
        leg_ids=leg_ids,
        arc_leg=read_only(arc_leg),
        tail=read_only(tail),
        head=read_only(head),
        forward=read_only(forward),
        distance_km=col("distance_km"),
        cargo_classes=CARGO_CLASSES,
        class_tariff=read_only(tariff[:, arc_leg]),
        class_days=regular_days,
        class_days_regular=regular_days,
        class_days_express=read_only(express[:, arc_leg]),
        capacity_tpy=capacity,
        cap_row=cap_row,
        row_capacity_tpy=row_capacity,
        row_group=row_group,
        disruption_prob=col("disruption_prob"),
        risk_premium_share=col("risk_premium_share"),
        expected_delay_days=col("expected_delay_days"),
        is_handling=read_only(np.array([m in HANDLING_MODES for m in arc_mode], dtype=bool)),
        allows_class7=read_only(legs["allows_class7"].to_numpy(dtype=bool)[arc_leg]),
        operational=read_only(np.array([statuses[i] == "operational" for i in arc_leg],
                                       dtype=bool)),
        mode=arc_mode,
        corridor=tuple(corridors[i] for i in arc_leg),
        status=tuple(statuses[i] for i in arc_leg),
        passage=tuple(passages[i] for i in arc_leg),
        keys=tuple(keys),
        n_countries=len(countries),
        arc_key=read_only(leg_key[arc_leg]),
        node_country=tuple(str(c) for c in nodes["country"]),
        node_kind=tuple(str(k) for k in nodes["kind"]),
        node_name=tuple(str(k) for k in nodes["name"]),
        node_throughput_tpy=read_only(np.nan_to_num(
            nodes["throughput_tpy"].to_numpy(dtype=float, na_value=np.nan), nan=np.inf)),
        group=tuple(groups[i] for i in arc_leg),
        vocabulary=network.vocabulary,
        commodity=_commodity_facts(network),
        leg_coords=network.leg_coords,
        label=network.label,
        files=network.files,
        express_factors=factors,
    )


def _commodity_facts(network: Network) -> dict[str, CommodityFacts]:
    table = network.commodities
    return {str(i): CommodityFacts(float(v), str(c or ""), bool(k)) for i, v, c, k in zip(
        table.index.tolist(), table["value_usd_per_t"].tolist(),
        table["cargo_class"].tolist(), table["class7_only_legs"].tolist())}


def own_figures(legs: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Per leg: distance (km), its own tariff (USD/t) and its own days, the part of its
    figures that does not come from its rate (empty cells count 0)."""
    def column(name: str) -> np.ndarray:
        values = legs[name].to_numpy(dtype=float, na_value=np.nan)
        return np.where(np.isnan(values), 0.0, values)

    km = column("distance_km")
    return (km, column("tariff_fixed_usd_per_t") + column("tariff_usd_per_tkm") * km,
            column("transit_days"))


def _class_figures(network: Network
                   ) -> tuple[np.ndarray, np.ndarray, np.ndarray, dict[str, float]]:
    """Per cargo class and leg: tariff (USD/t), days, and days of the express service, from
    the leg's own figures plus its rate's (``usd_per_t + usd_per_tkm × km``, ``days + km /
    km_per_day``); and the container class's express factors by mode.

    Express days: a border's dwell (its own days and its rate's) × ``express:border``'s
    ``days_factor``, rail and road line-haul speeds × ``express:<mode>``'s ``speed_factor``
    (a class without express rows of its own takes the container class's; none: 1)."""
    legs = network.legs
    km, own_tariff, own_days = own_figures(legs)
    tariff = np.tile(own_tariff, (len(CARGO_CLASSES), 1))
    days = np.tile(own_days, (len(CARGO_CLASSES), 1))
    express = days.copy()
    factors = {mode: 1.0 for mode in EXPRESS_RATES}
    rates = network.rates
    if len(rates):
        table = {(str(r), str(c), str(k)): float(v) for r, c, k, v in zip(
            rates["rate_id"], rates["cargo_class"], rates["component"], rates["value"])}
        rate_of_leg = [str(r or "") for r in legs["rate_id"].tolist()]
        modes = legs["mode"].to_numpy(dtype=object)
        is_border = modes == "border"
        is_haul = {mode: modes == mode for mode in ("rail", "road")}
        for k, cls in enumerate(CARGO_CLASSES):
            def get(rate: str, component: str, cls: str = cls) -> float | None:
                value = table.get((rate, cls, component))
                return table.get((rate, FALLBACK_CLASS, component)) if value is None else value

            per_rate = {}
            for rate in sorted(set(rate_of_leg) - {""}):
                speed = get(rate, "km_per_day")
                per_rate[rate] = (get(rate, "usd_per_t") or 0.0, get(rate, "usd_per_tkm") or 0.0,
                                  get(rate, "days") or 0.0, 1.0 / speed if speed else 0.0)
            fixed, per_km, dwell, pace = (np.array(
                [per_rate[r][j] if r else 0.0 for r in rate_of_leg], dtype=float)
                for j in range(4))
            tariff[k] += fixed + per_km * km
            days[k] += dwell + pace * km
            factor = {mode: get(*row) or 1.0 for mode, row in EXPRESS_RATES.items()}
            on_dwell = np.where(is_border, factor["border"], 1.0)
            on_pace = np.ones(len(modes))
            for mode, mask in is_haul.items():
                on_pace[mask] = 1.0 / factor[mode]
            express[k] += (own_days + dwell) * on_dwell - own_days + pace * km * on_pace
            if cls == FALLBACK_CLASS:
                factors = factor
    return tariff, days, express, factors


def capacity_rows(capacity: np.ndarray, leg_group: list[str], arc_leg: np.ndarray
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

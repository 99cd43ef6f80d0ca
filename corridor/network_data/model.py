"""The validated, immutable network.

A :class:`Network` holds four validated tables (pandas, indexed by their key) and the leg
geometries. It is never changed in place: a scenario or an edit makes a new one with
:meth:`Network.replace`. Derived lookups (name indexes, adjacency) are computed once per
instance.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Mapping
from functools import cached_property
from types import MappingProxyType
from typing import Any, TypeVar, cast

import pandas as pd

from corridor.network_data.errors import InputError
from corridor.network_data.files import NetworkFiles
from corridor.network_data.geometry import Coord
from corridor.network_data.names import NameIndex
from corridor.network_data.vocabulary import Vocabulary

T = TypeVar("T")


#: The tables of a network, in constructor order.
TABLES = ("nodes", "legs", "sources", "commodities", "rates", "observations")


class Network:
    """A validated corridor network, immutable after loading.

    Attributes
    ----------
    nodes, legs, sources, commodities
        Tables indexed by ``node_id``, ``leg_id``, ``source_id`` and ``commodity_id`` with the
        columns of :mod:`corridor.network_data.schema`. ``legs.distance_km`` is always
        filled; the extra column ``legs.distance_basis`` says ``"given"`` or ``"geodesic"``.
    leg_coords
        ``leg_id -> ((lon, lat), ...)``: the leg's line from its ``from_id`` node through its
        waypoints to its ``to_id`` node (a read-only mapping).
    label
        Where the network came from ("embedded" or the files' folder), for messages.
    rates
        The rates legs name (``rate_id``, ``cargo_class``, ``component``, ``value``...), one
        row per rate, class and component; empty when every leg carries its own figures.
    observations
        Published end-to-end figures (indexed by ``obs_id``) the rates were fitted to and
        are checked against; empty for a network without them.

    Each table attribute gives a copy-on-write view (pandas copies on the first write), so
    ``net.legs.loc[...] = x`` or ``net.legs["c"] = ...`` change that view, never the network:
    a network shared by a baseline, its scenarios and their compiled forms cannot drift.
    An edit makes a new network (:meth:`replace`).
    files
        The files it was loaded from and their fingerprint; ``None`` for a network built in
        memory or changed since (:meth:`replace` of a table drops it).
    """

    leg_coords: Mapping[str, tuple[Coord, ...]]
    label: str
    files: NetworkFiles | None
    _frames: dict[str, pd.DataFrame]
    _derived: dict[str, object]

    def __init__(self, nodes: pd.DataFrame, legs: pd.DataFrame, sources: pd.DataFrame,
                 commodities: pd.DataFrame, leg_coords: Mapping[str, tuple[Coord, ...]],
                 label: str = "embedded", rates: pd.DataFrame | None = None,
                 observations: pd.DataFrame | None = None,
                 files: NetworkFiles | None = None) -> None:
        frames = {"nodes": nodes, "legs": legs, "sources": sources,
                  "commodities": commodities,
                  "rates": pd.DataFrame() if rates is None else rates,
                  "observations": pd.DataFrame() if observations is None else observations}
        # the network keeps its own shallow copies: the caller's frames stay the caller's
        init = object.__setattr__
        init(self, "_frames", {k: v.copy(deep=False) for k, v in frames.items()})
        init(self, "_derived", {})
        init(self, "leg_coords", MappingProxyType(dict(leg_coords)))
        init(self, "label", label)
        init(self, "files", files)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"a Network is immutable (set {name!r} with replace())")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"a Network is immutable (cannot delete {name!r})")

    def __repr__(self) -> str:
        return (f"Network(label={self.label!r}, nodes={len(self._frames['nodes'])}, "
                f"legs={len(self._frames['legs'])})")

    def __getstate__(self) -> dict[str, object]:
        return {"frames": self._frames, "leg_coords": dict(self.leg_coords),
                "label": self.label, "files": self.files}

    def __setstate__(self, state: dict[str, object]) -> None:
        init = object.__setattr__
        init(self, "_frames", state["frames"])
        init(self, "_derived", {})
        init(self, "leg_coords", MappingProxyType(cast(dict[str, Any], state["leg_coords"])))
        init(self, "label", state["label"])
        init(self, "files", state.get("files"))

    def _table(self, name: str) -> pd.DataFrame:
        return self._frames[name].copy(deep=False)

    @property
    def nodes(self) -> pd.DataFrame:
        """The nodes table (a copy-on-write view)."""
        return self._table("nodes")

    @property
    def legs(self) -> pd.DataFrame:
        """The legs table (a copy-on-write view)."""
        return self._table("legs")

    @property
    def sources(self) -> pd.DataFrame:
        """The sources table (a copy-on-write view)."""
        return self._table("sources")

    @property
    def commodities(self) -> pd.DataFrame:
        """The commodities table (a copy-on-write view)."""
        return self._table("commodities")

    @property
    def rates(self) -> pd.DataFrame:
        """The rates table (a copy-on-write view; empty if the network has none)."""
        return self._table("rates")

    @property
    def observations(self) -> pd.DataFrame:
        """The observations table (a copy-on-write view; empty if the network has none)."""
        return self._table("observations")

    def derived(self, what: str, build: Callable[[Network], T]) -> T:
        """``build(self)``, computed once per network instance and kept with it (the
        solvers' compiled arrays: a baseline and a scenario each stay compiled, and a
        network that is dropped takes its derived data with it)."""
        if what not in self._derived:
            self._derived[what] = build(self)
        return cast(T, self._derived[what])

    def seed_derived(self, what: str, value: object) -> None:
        """Keep ``value`` as this network's derived ``what``, made by other means than
        :meth:`derived`'s builder (a scenario's compiled form, edited from its baseline's
        arrays instead of compiled afresh). Only before anything asked for it."""
        if what in self._derived:
            raise ValueError(f"the network's {what!r} is already derived")
        self._derived[what] = value

    def replace(self, **changes: object) -> Network:
        """A new network with some tables, ``leg_coords``, ``label`` or ``files`` replaced
        (the original is left untouched; the new one is compiled afresh when used).

        A new table means the network is no longer what its files hold, so unless ``files``
        is given too, the new network has none.
        """
        unknown = set(changes) - {*TABLES, "leg_coords", "label", "files"}
        if unknown:
            raise TypeError(f"Network.replace() got unknown fields {sorted(unknown)}")
        if set(changes) - {"label", "files"}:
            changes.setdefault("files", None)
        fields: dict[str, Any] = {**self._frames, "leg_coords": self.leg_coords,
                                  "label": self.label, "files": self.files}
        fields.update(changes)
        return Network(**fields)

    @cached_property
    def places(self) -> NameIndex:
        """Index resolving place names (id, name, alias) to node ids."""
        nodes = self.nodes  # columns as lists: a row-wise pass costs ~20× more on 30,000 nodes
        return NameIndex(
            ((str(i), str(name), tuple(aliases)) for i, name, aliases in zip(
                nodes.index.tolist(), nodes["name"].tolist(), nodes["aliases"].tolist())),
            what="place",
        )

    @cached_property
    def node_id_set(self) -> frozenset[str]:
        """Every node id (for exact lookups that need no name index)."""
        return frozenset(str(i) for i in self.nodes.index.tolist())

    def place_id(self, text: str) -> str | None:
        """The node ``text`` names: itself if it is a node id, else by name or alias (see
        :attr:`places`); None if nothing matches.

        Books written by programs name nodes by id: those resolve without building the name
        index (~10 ms on a 3,000-node network).
        """
        return text if text in self.node_id_set else self.places.get(text)

    @cached_property
    def commodity_names(self) -> NameIndex:
        """Index resolving commodity names to commodity ids."""
        return NameIndex(
            ((str(i), str(r.name), tuple(r.aliases))
             for i, r in zip(self.commodities.index, self.commodities.itertuples())),
            what="commodity",
        )

    def resolve_place(self, text: str, *, field: str = "place", source: str = "input",
                      row: int | None = None) -> str:
        """Node id for a place name (``InputError`` with suggestions if unknown)."""
        found = self.place_id(text)
        if found is None:
            raise InputError(self.places.problem(text, field=field, source=source, row=row))
        return found

    def resolve_commodity(self, text: str, *, field: str = "commodity", source: str = "input",
                          row: int | None = None) -> str:
        """Commodity id for a commodity name (``InputError`` with suggestions if unknown)."""
        return self.commodity_names.resolve(text, field=field, source=source, row=row)

    def legs_at(self, node_id: str) -> pd.DataFrame:
        """The legs that start or end at ``node_id``."""
        mask = (self.legs["from_id"] == node_id) | (self.legs["to_id"] == node_id)
        return self.legs[mask]

    @cached_property
    def countries(self) -> frozenset[str]:
        """Every ISO country code that appears on a node or leg."""
        codes: set[str] = {c for c in self.nodes["country"].tolist() if c}
        for col in ("territory", "control"):
            codes.update(itertools.chain.from_iterable(set(self.legs[col].tolist())))
        return frozenset(codes)

    @cached_property
    def corridors(self) -> frozenset[str]:
        """Every corridor label used by a leg."""
        return frozenset(self.legs["corridor"].tolist())

    @cached_property
    def passages(self) -> frozenset[str]:
        """Every passage key (suez, bosporus...) a passage leg crosses."""
        return frozenset(p for p in self.legs["passage"].tolist() if p)

    @cached_property
    def groups(self) -> frozenset[str]:
        """Every capacity-group label used by a leg."""
        return frozenset(str(g) for g in self.legs["capacity_group"].tolist() if g)

    @cached_property
    def vocabulary(self) -> Vocabulary:
        """What a user can name in this network (selectors for ``--avoid``, ``--penalty``,
        ``--max-share`` and a book's ``avoid`` cells), resolved in one place."""
        return Vocabulary(countries=self.countries, passages=self.passages,
                          corridors=self.corridors, groups=self.groups,
                          leg_ids=frozenset(str(i) for i in self.legs.index.tolist()),
                          node_ids=self.node_id_set,
                          make_places=lambda: self.places,
                          make_commodities=lambda: self.commodity_names)

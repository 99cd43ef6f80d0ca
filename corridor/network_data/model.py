"""The validated, immutable network.

A :class:`Network` holds four validated tables (pandas, indexed by their key) and the leg
geometries. It is never changed in place: a scenario or an edit makes a new one with
:meth:`Network.replace`. Derived lookups (name indexes, adjacency) are computed once per
instance.
"""

from __future__ import annotations

import dataclasses
import itertools
from dataclasses import dataclass, field
from functools import cached_property

import pandas as pd

from corridor.network_data.errors import InputError
from corridor.network_data.geometry import Coord
from corridor.network_data.names import NameIndex


@dataclass(frozen=True)
class NetworkFiles:
    """The files a network was loaded from, so a result can say what it was made with.

    ``given`` holds the :func:`~corridor.network_data.load.load_network` arguments that named
    files or a folder, as given (``(("directory", "my/net"),)``; empty for the embedded
    network), enough to load it again. ``sha256`` fingerprints the bytes of every table
    file read (:func:`corridor.network_data.fingerprint.files_sha256`): a network loaded
    later from changed files has another.
    """

    given: tuple[tuple[str, str], ...]
    sha256: str


@dataclass(frozen=True, eq=False)
class Network:
    """A validated corridor network.

    Attributes
    ----------
    nodes, legs, sources, commodities
        Tables indexed by ``node_id``, ``leg_id``, ``source_id`` and ``commodity_id`` with the
        columns of :mod:`corridor.network_data.schema`. ``legs.distance_km`` is always
        filled; the extra column ``legs.distance_basis`` says ``"given"`` or ``"geodesic"``.
    leg_coords
        ``leg_id -> ((lon, lat), ...)``: the leg's line from its ``from_id`` node through its
        waypoints to its ``to_id`` node.
    label
        Where the network came from ("embedded" or the files' folder), for messages.
    rates
        The rates legs name (``rate_id``, ``cargo_class``, ``component``, ``value``...), one
        row per rate, class and component; empty when every leg carries its own figures.
    observations
        Published end-to-end figures (indexed by ``obs_id``) the rates were fitted to and
        are checked against; empty for a network without them.
    files
        The files it was loaded from and their fingerprint; ``None`` for a network built in
        memory or changed since (:meth:`replace` of a table drops it).
    """

    nodes: pd.DataFrame
    legs: pd.DataFrame
    sources: pd.DataFrame
    commodities: pd.DataFrame
    leg_coords: dict[str, tuple[Coord, ...]] = field(repr=False)
    label: str = "embedded"
    rates: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    observations: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    files: NetworkFiles | None = field(default=None, repr=False)

    def replace(self, **changes: object) -> Network:
        """A new network with some fields replaced (the original is left untouched).

        A new table means the network is no longer what its files hold, so unless ``files``
        is given too, the new network has none.
        """
        if set(changes) - {"label", "files"}:
            changes.setdefault("files", None)
        return dataclasses.replace(self, **changes)  # type: ignore[arg-type]

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

    def key_suggestion(self, text: str) -> str:
        """' (did you mean X?)' for the country, passage or corridor nearest ``text``."""
        import difflib

        words = [*self.passages, *self.corridors]
        near = difflib.get_close_matches(text.strip().lower().replace("-", "_")
                                         .replace(" ", "_"), words, n=1, cutoff=0.7)
        return f" (did you mean {near[0]}?)" if near else ""

    def dependency_key(self, text: str) -> str | None:
        """The country code or passage key ``text`` names (case, hyphens and spaces
        ignored: ``cn``, ``Suez``, ``bab-el-mandeb``), or ``None``."""
        if text.upper() in self.countries:
            return text.upper()
        passage = text.strip().lower().replace("-", "_").replace(" ", "_")
        return passage if passage in self.passages else None

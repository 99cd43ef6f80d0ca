"""What a user can name: selectors for countries, passages, corridors, capacity groups,
nodes and legs, resolved in one place.

Every option and book cell that names part of the network (``--avoid``, ``--penalty``,
``--max-share``, a book's ``avoid`` cell, and the scenarios of later commands) goes through
:meth:`Vocabulary.resolve`. A bare word is tried as, in this order:

1. a country code (``CN``, ``cn``): the territory or control of any leg or node;
2. a passage key (``suez``, ``Bab-el-Mandeb``: case, hyphens and spaces ignored);
3. a corridor label (``trans_caspian``);
4. a capacity group (``caspian_rail_ferry_fleet``);
5. a leg id;
6. a place: a node's id, name or alias (``Aktau``, ``kz-aktau``).

``kind:name`` picks the kind explicitly where a word could mean two things
(``node:Suez`` is a place, ``suez`` the canal). An unknown word is one
:class:`~corridor.network_data.errors.Problem` with "did you mean" over every kind.

The vocabulary is plain Python (no pandas), so the route query can use it straight from
the compact cache; it is built once per network (:attr:`Network.vocabulary`).
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property

from corridor.network_data.errors import InputError, Problem
from corridor.network_data.names import NameIndex

#: Selector kinds, in the order a bare word is tried.
KINDS = ("country", "passage", "corridor", "group", "leg", "node")
#: Kinds printed by their bare name (``CN``, ``suez``, ``china``); the others as kind:name.
_BARE = frozenset({"country", "passage", "corridor"})


@dataclass(frozen=True, order=True)
class Selector:
    """A named part of the network: ``kind`` (one of :data:`KINDS`) and its canonical name
    (country code, passage key, corridor label, group label, leg id or node id)."""

    kind: str
    name: str

    def __str__(self) -> str:
        return self.name if self.kind in _BARE else f"{self.kind}:{self.name}"

    @property
    def is_dependency(self) -> bool:
        """True for a country or a passage: a key a route *depends on* (a route's countries
        and passages are reported and shared by key)."""
        return self.kind in ("country", "passage")


def _bare(text: str) -> str:
    """``text`` without a ``kind:`` prefix naming one of :data:`KINDS`."""
    kind, sep, rest = text.partition(":")
    return rest.strip() if sep and kind.strip().lower() in KINDS else text


def passage_key(text: str) -> str:
    """``text`` folded the way passage keys are written (``Bab-el-Mandeb`` -> ``bab_el_mandeb``)."""
    return text.strip().lower().replace("-", "_").replace(" ", "_")


@dataclass(frozen=True, eq=False)
class Vocabulary:
    """Everything a user can name in one network, and the resolver.

    Attributes
    ----------
    countries, passages, corridors, groups
        Country codes, passage keys, corridor labels and capacity-group labels in use.
    leg_ids, node_ids
        Every leg id and node id (exact ids resolve without the name indexes).
    make_places, make_commodities
        Build the name indexes of node and commodity ids, names and aliases
        (:class:`~corridor.network_data.names.NameIndex`), on first use: a book that names
        everything by id never pays for them.
    """

    countries: frozenset[str]
    passages: frozenset[str]
    corridors: frozenset[str]
    groups: frozenset[str]
    leg_ids: frozenset[str]
    node_ids: frozenset[str]
    make_places: Callable[[], NameIndex] = field(repr=False)
    make_commodities: Callable[[], NameIndex] = field(repr=False)

    @cached_property
    def places(self) -> NameIndex:
        """Node ids, names and aliases."""
        return self.make_places()

    @cached_property
    def commodities(self) -> NameIndex:
        """Commodity ids, names and aliases."""
        return self.make_commodities()

    @cached_property
    def _corridor_by_fold(self) -> dict[str, str]:
        return {c.lower(): c for c in self.corridors}

    @cached_property
    def _group_by_fold(self) -> dict[str, str]:
        return {g.lower(): g for g in self.groups}

    def find(self, text: str) -> Selector | None:
        """The selector ``text`` names, or ``None`` (see the module doc for the order)."""
        text = text.strip()
        kind, sep, rest = text.partition(":")
        if sep and kind.strip().lower() in KINDS:
            return self._find_kind(kind.strip().lower(), rest.strip())
        for kind in KINDS:
            found = self._find_kind(kind, text)
            if found is not None:
                return found
        return None

    def _find_kind(self, kind: str, text: str) -> Selector | None:
        name: str | None
        if kind == "country":
            name = text.upper() if text.upper() in self.countries else None
        elif kind == "passage":
            name = passage_key(text) if passage_key(text) in self.passages else None
        elif kind == "corridor":
            name = self._corridor_by_fold.get(text.lower())
        elif kind == "group":
            name = self._group_by_fold.get(text.lower())
        elif kind == "leg":
            name = text if text in self.leg_ids else None
        elif text in self.node_ids:
            name = text
        else:
            name = self.places.get(text) if text else None
        return None if name is None else Selector(kind, name)

    def resolve(self, text: str, *, field: str, source: str = "input",
                row: int | None = None) -> Selector:
        """The selector ``text`` names; :class:`InputError` with suggestions if none."""
        found = self.find(text)
        if found is None:
            raise InputError(self.problem(text, field=field, source=source, row=row))
        return found

    def resolve_all(self, texts: Iterable[str], *, field: str, source: str = "input",
                    row: int | None = None) -> tuple[Selector, ...]:
        """Each of ``texts`` resolved (empty items skipped); every unknown one is reported
        in one :class:`InputError`."""
        found: list[Selector] = []
        problems: list[Problem] = []
        for text in texts:
            if not text.strip():
                continue
            selector = self.find(text)
            if selector is None:
                problems.append(self.problem(text, field=field, source=source, row=row))
            elif selector not in found:
                found.append(selector)
        if problems:
            raise InputError(problems)
        return tuple(found)

    def suggestion(self, text: str) -> str | None:
        """The nearest passage, corridor, group or country to ``text`` (a ``kind:`` prefix
        left out), or ``None``."""
        text = _bare(text)
        words = [*self.passages, *self.corridors, *self.groups]
        near = difflib.get_close_matches(passage_key(text), words, n=1, cutoff=0.7)
        if near:
            return near[0]
        near = difflib.get_close_matches(text.strip().upper(), list(self.countries), n=1,
                                         cutoff=0.5) if len(text.strip()) == 2 else []
        return near[0] if near else None

    def problem(self, text: str, *, field: str, source: str, row: int | None) -> Problem:
        """The :class:`Problem` for a word that names nothing, with what it could have been."""
        hint = self.suggestion(text)
        places = [] if hint else self.places.suggestions(_bare(text), n=2)
        message = (f"'{text}' names no country, passage, corridor, capacity group, leg or "
                   "place of the network")
        if hint:
            message += f" (did you mean {hint}?)"
        elif places:
            message += f" (did you mean {' or '.join(places)}?)"
        for what, words in (("passages", self.passages), ("corridors", self.corridors),
                            ("capacity groups", self.groups)):
            if words:
                message += f"; {what}: {', '.join(sorted(words))}"
        return Problem(source, row, field, message)

    def to_json(self) -> dict[str, object]:
        """The vocabulary as JSON-able lists (for the compact cache); places and
        commodities are rebuilt from their ids, names and aliases by the caller."""
        return {"countries": sorted(self.countries), "passages": sorted(self.passages),
                "corridors": sorted(self.corridors), "groups": sorted(self.groups),
                "leg_ids": sorted(self.leg_ids), "node_ids": sorted(self.node_ids)}

    @classmethod
    def from_json(cls, data: Mapping[str, object], make_places: Callable[[], NameIndex],
                  make_commodities: Callable[[], NameIndex]) -> Vocabulary:
        """The inverse of :meth:`to_json`."""
        def words(key: str) -> frozenset[str]:
            value = data[key]
            assert isinstance(value, list)
            return frozenset(str(v) for v in value)

        return cls(countries=words("countries"), passages=words("passages"),
                   corridors=words("corridors"), groups=words("groups"),
                   leg_ids=words("leg_ids"), node_ids=words("node_ids"),
                   make_places=make_places, make_commodities=make_commodities)

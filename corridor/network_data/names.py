"""Resolving what a planner types to a node or commodity id.

Names match by id, name or alias, ignoring case, accents, punctuation and spacing, so that
"Öskemen", "oskemen" and "Ust-Kamenogorsk" reach the same node and "Baku" reaches the port of
Baku at Alat. Non-Latin spellings (Усть-Каменогорск, 横浜) match exactly after Unicode
normalisation. An unknown name raises :class:`~corridor.network_data.errors.InputError`
with "did you mean" suggestions.
"""

from __future__ import annotations

import difflib
import itertools
import re
import unicodedata
from collections.abc import Iterable

from corridor.network_data.errors import InputError, Problem

_NOT_ASCII_ALNUM = re.compile(r"[^0-9a-z]+")


def normalize_name(text: str) -> str:
    """Fold a name for matching: NFKD, strip accents, casefold, keep letters and digits only."""
    if text.isascii():  # the same fold, without a Python step per character
        return _NOT_ASCII_ALNUM.sub("", text.lower())
    decomposed = unicodedata.normalize("NFKD", text)
    kept = []
    for ch in decomposed:
        if unicodedata.combining(ch):
            continue
        if ch.isalnum():
            kept.append(ch.casefold())
    return unicodedata.normalize("NFC", "".join(kept))


class NameIndex:
    """Maps every normalised id, name and alias to the id it names.

    Parameters
    ----------
    entries
        ``(id, name, aliases)`` triples. Ids win over names, names over aliases, so an alias
        can never hijack another entry's own name.
    what
        What the entries are, for messages ("place", "commodity").
    """

    def __init__(self, entries: Iterable[tuple[str, str, Iterable[str]]], *, what: str):
        self.what = what
        rows = [(ident, name, tuple(aliases)) for ident, name, aliases in entries]
        ids = [r[0] for r in rows]
        names = [r[1] for r in rows]
        fold: dict[str, str] = {}  # ids and names often repeat each other: fold each once
        for key in itertools.chain(ids, names, *(r[2] for r in rows)):
            if key not in fold:
                fold[key] = normalize_name(key)
        self._labels: dict[str, str] = {}
        for ident, name in zip(ids, names):
            self._labels.setdefault(ident, name)
        self._by_key: dict[str, str] = {}
        pairs = itertools.chain(
            zip(ids, ids), zip(ids, names),
            ((ident, alias) for ident, _, aliases in rows for alias in aliases))
        for ident, key in pairs:  # ids first, then names, then aliases: earlier ranks win
            norm = fold[key]
            if norm and norm not in self._by_key:
                self._by_key[norm] = ident
        self._display: dict[str, str] = {}
        for ident, name, aliases in rows:
            for key in (ident, name, *aliases):
                self._display.setdefault(fold[key], key)
        # suggestions already made, by (normalised text, n): a book misspelling one place
        # on thousands of rows asks the same fuzzy search thousands of times
        self._suggested: dict[tuple[str, int], tuple[str, ...]] = {}

    def get(self, text: str) -> str | None:
        """The id ``text`` names, or ``None``."""
        return self._by_key.get(normalize_name(text))

    def suggestions(self, text: str, n: int = 3) -> list[str]:
        """Up to ``n`` display names close to ``text``."""
        norm = normalize_name(text)
        found = self._suggested.get((norm, n))
        if found is None:
            close = difflib.get_close_matches(norm, list(self._by_key), n=n * 3, cutoff=0.6)
            seen: list[str] = []
            for key in close:
                label = f"{self._labels[self._by_key[key]]} ({self._by_key[key]})"
                if label not in seen:
                    seen.append(label)
            found = self._suggested[(norm, n)] = tuple(seen[:n])
        return list(found)

    def resolve(self, text: str, *, field: str = "place", source: str = "input",
                row: int | None = None) -> str:
        """The id ``text`` names; ``InputError`` with "did you mean" if none."""
        ident = self.get(text)
        if ident is not None:
            return ident
        raise InputError(self.problem(text, field=field, source=source, row=row))

    def problem(self, text: str, *, field: str, source: str, row: int | None) -> Problem:
        """The :class:`Problem` describing an unknown name, with suggestions."""
        hint = self.suggestions(text)
        message = f"unknown {self.what} '{text}'"
        if hint:
            message += "; did you mean " + " or ".join(hint) + "?"
        return Problem(source, row, field, message)

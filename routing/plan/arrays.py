"""Array helpers shared by the plan's tables and its verification: per-route sums.

A route's total of an arc quantity must be *the same float* whichever way it is computed
(tables are rounded from it, so a last-bit difference could change a printed digit). NumPy's
``a[idx].sum()`` uses pairwise summation whose grouping depends on the length, so routes are
summed in blocks of equal length, one row per route: ``matrix.sum(axis=1)`` adds each row
exactly as ``row.sum()`` does, without a Python-level reduction per route.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np


def offsets_of(counts: np.ndarray) -> np.ndarray:
    """Where each of consecutive runs of ``counts`` items starts, plus the end (length + 1)."""
    offsets = np.zeros(len(counts) + 1, dtype=np.int64)
    np.cumsum(counts, out=offsets[1:])
    return offsets


def ranges(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """``starts[i], starts[i] + 1, ..., starts[i] + counts[i] - 1`` for every ``i``, end to end
    (to gather runs of a flat array at once)."""
    ends = np.cumsum(counts)
    within = np.arange(int(ends[-1]) if len(ends) else 0, dtype=np.int64) \
        - np.repeat(ends - counts, counts)
    return np.repeat(np.asarray(starts, dtype=np.int64), counts) + within


class RouteArcs:
    """The arcs of many routes, grouped by route length for per-route reductions."""

    def __init__(self, arcs: np.ndarray, offsets: np.ndarray):
        """Routes given end to end: route ``j`` is ``arcs[offsets[j]:offsets[j + 1]]``."""
        self.n = len(offsets) - 1
        self.lengths = np.diff(offsets)
        self.blocks: list[tuple[np.ndarray, np.ndarray]] = []  # (route rows, rows × length)
        if self.n == 0:
            return
        order = np.argsort(self.lengths, kind="stable")
        cuts = np.flatnonzero(np.diff(self.lengths[order])) + 1
        for rows in np.split(order, cuts):
            length = int(self.lengths[rows[0]])
            if length == 0:
                continue
            self.blocks.append((rows, arcs[offsets[rows][:, None]
                                           + np.arange(length, dtype=np.int64)]))

    def sums(self, values: np.ndarray) -> np.ndarray:
        """``values[arcs].sum()`` of every route (0.0 for an empty one), bit for bit."""
        return self.sums_by_rows(values[None, :], np.zeros(self.n, dtype=np.int64))

    def sums_by_rows(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """Like :meth:`sums`, route ``r`` summing row ``which[r]`` of the 2-D ``table``."""
        return self._reduce(table, which, np.sum, np.zeros(self.n))

    def any(self, mask: np.ndarray) -> np.ndarray:
        """Does the route use any arc where ``mask`` is true."""
        return self._reduce(mask[None, :], np.zeros(self.n, dtype=np.int64), np.any,
                            np.zeros(self.n, dtype=bool))

    def all_by_rows(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """Does route ``r`` use only arcs where row ``which[r]`` of the 2-D boolean ``table``
        is true (empty: True)."""
        return self._reduce(table, which, np.all, np.ones(self.n, dtype=bool))

    def _reduce(self, table: np.ndarray, which: np.ndarray, reduce: Callable[..., np.ndarray],
                out: np.ndarray) -> np.ndarray:
        """``out[r] = reduce(table[which[r], arcs of r])`` for every non-empty route, one
        (routes × length) gather and reduction per block."""
        for rows, matrix in self.blocks:
            out[rows] = reduce(table[which[rows][:, None], matrix], axis=1)
        return out

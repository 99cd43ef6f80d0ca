"""Array helpers shared by the plan's tables and its verification: per-route sums.

A route's total of an arc quantity must be *the same float* whichever way it is computed
(tables are rounded from it, so a last-bit difference could change a printed digit). NumPy's
``a[idx].sum()`` uses pairwise summation whose grouping depends on the length, so routes are
summed in blocks of equal length, one row per route: ``matrix.sum(axis=1)`` adds each row
exactly as ``row.sum()`` does, without a Python-level reduction per route.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


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
        out = np.zeros(self.n)
        for rows, matrix in self.blocks:
            out[rows] = values[matrix].sum(axis=1)
        return out

    def sums_by(self, values_of: Sequence[np.ndarray], which: np.ndarray) -> np.ndarray:
        """Like :meth:`sums`, route ``r`` summing ``values_of[which[r]]``."""
        out = np.zeros(self.n)
        for rows, matrix in self.blocks:
            kinds = which[rows]
            for k in np.unique(kinds).tolist():
                sel = kinds == k
                out[rows[sel]] = values_of[k][matrix[sel]].sum(axis=1)
        return out

    def sums_by_rows(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """Like :meth:`sums_by` with ``values_of`` the rows of the 2-D ``table``."""
        out = np.zeros(self.n)
        for rows, matrix in self.blocks:
            out[rows] = table[which[rows][:, None], matrix].sum(axis=1)
        return out

    def any(self, mask: np.ndarray) -> np.ndarray:
        """Does the route use any arc where ``mask`` is true."""
        out = np.zeros(self.n, dtype=bool)
        for rows, matrix in self.blocks:
            out[rows] = mask[matrix].any(axis=1)
        return out

    def all_by(self, masks_of: Sequence[np.ndarray], which: np.ndarray) -> np.ndarray:
        """Does route ``r`` use only arcs where ``masks_of[which[r]]`` is true (empty: True)."""
        out = np.ones(self.n, dtype=bool)
        for rows, matrix in self.blocks:
            kinds = which[rows]
            for k in np.unique(kinds).tolist():
                sel = kinds == k
                out[rows[sel]] = masks_of[k][matrix[sel]].all(axis=1)
        return out

"""Array helpers shared by the plan's tables and its verification: per-route sums.

A route's total of an arc quantity must be *the same float* whichever way it is computed
(tables are rounded from it, so a last-bit difference could change a printed digit). All
routes of a batch are reduced at once with ``np.add.reduceat`` over one gather of their arcs'
values; for a route with values ``v`` that float is ``v[0] + v[1:].sum()`` (NumPy adds the
rest of a segment pairwise onto its first element), and :func:`route_sum` gives it for one
route alone.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from corridor.routing.costs import route_sum

__all__ = ["RouteArcs", "concat_runs", "join_runs", "offsets_of", "ranges", "route_sum",
           "split_runs", "take_runs"]


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


def join_runs(runs: Sequence[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Separate int arrays end to end: ``(flat, offsets)``, run ``i`` being
    ``flat[offsets[i]:offsets[i + 1]]``."""
    lengths = np.fromiter(map(len, runs), dtype=np.int64, count=len(runs))
    flat = np.concatenate(runs) if len(runs) else np.zeros(0, dtype=np.int64)
    return flat.astype(np.int64, copy=False), offsets_of(lengths)


def split_runs(flat: np.ndarray, offsets: np.ndarray) -> list[np.ndarray]:
    """The runs of ``flat`` as separate arrays (views)."""
    return [flat[b:e] for b, e in zip(offsets[:-1].tolist(), offsets[1:].tolist())]


def take_runs(flat: np.ndarray, offsets: np.ndarray, index: np.ndarray
              ) -> tuple[np.ndarray, np.ndarray]:
    """The runs at ``index``, in that order, end to end: ``(flat, offsets)``."""
    lengths = np.diff(offsets)[index]
    return flat[ranges(offsets[:-1][index], lengths)], offsets_of(lengths)


def concat_runs(parts: Sequence[tuple[np.ndarray, np.ndarray]]
                ) -> tuple[np.ndarray, np.ndarray]:
    """Several ``(flat, offsets)`` one after another, as one."""
    shift = np.cumsum([0] + [int(offsets[-1]) for _, offsets in parts[:-1]])
    return (np.concatenate([flat for flat, _ in parts]),
            np.concatenate([np.zeros(1, dtype=np.int64)] + [
                offsets[1:] + k for (_, offsets), k in zip(parts, shift.tolist())]))


class RouteArcs:
    """The arcs of many routes end to end, for per-route reductions in one pass."""

    def __init__(self, arcs: np.ndarray, offsets: np.ndarray):
        """Routes given end to end: route ``j`` is ``arcs[offsets[j]:offsets[j + 1]]``."""
        self.arcs = arcs
        self.n = len(offsets) - 1
        self.lengths = np.diff(offsets)
        some = self.lengths > 0
        # reduceat over the non-empty routes only: an empty segment would yield the value
        # at its start, and a trailing one would start past the end
        self._rows = np.flatnonzero(some)
        self._starts = offsets[:-1][some]

    def sums(self, values: np.ndarray) -> np.ndarray:
        """Every route's sum of ``values`` over its arcs (0.0 for an empty one); see
        :func:`route_sum`."""
        return self._reduce(values[self.arcs], np.add, np.zeros(self.n))

    def sums_by_rows(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """Like :meth:`sums`, route ``r`` summing row ``which[r]`` of the 2-D ``table``."""
        return self._reduce(self._gather(table, which), np.add, np.zeros(self.n))

    def sums_by_rows_each(self, tables: Sequence[np.ndarray], which: np.ndarray
                          ) -> list[np.ndarray]:
        """:meth:`sums_by_rows` of several tables of one shape, the gather worked out once."""
        flat = self._flat_index(tables[0].shape[1], which) if tables else None
        return [self._reduce(table.reshape(-1)[flat], np.add, np.zeros(self.n))
                for table in tables]

    def any(self, mask: np.ndarray) -> np.ndarray:
        """Does the route use any arc where ``mask`` is true."""
        return self._reduce(mask[self.arcs], np.logical_or, np.zeros(self.n, dtype=bool))

    def all_by_rows(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """Does route ``r`` use only arcs where row ``which[r]`` of the 2-D boolean ``table``
        is true (empty: True)."""
        return self._reduce(self._gather(table, which), np.logical_and,
                            np.ones(self.n, dtype=bool))

    def _gather(self, table: np.ndarray, which: np.ndarray) -> np.ndarray:
        """``table[which[r], a]`` for every arc ``a`` of every route ``r``, end to end."""
        return table.reshape(-1)[self._flat_index(table.shape[1], which)]  # type: ignore[no-any-return]

    def _flat_index(self, n_cols: int, which: np.ndarray) -> np.ndarray:
        """Where ``table[which[r], a]`` sits in a flattened (rows × ``n_cols``) table, for
        every arc ``a`` of every route ``r``."""
        flat_row = np.repeat(np.asarray(which, dtype=np.int64) * n_cols, self.lengths)
        return flat_row + self.arcs  # type: ignore[no-any-return]

    def _reduce(self, per_arc: np.ndarray, ufunc: np.ufunc, out: np.ndarray) -> np.ndarray:
        """``out[r] = ufunc.reduce(per_arc over route r's arcs)`` for every non-empty route."""
        if len(self._rows):
            out[self._rows] = ufunc.reduceat(per_arc, self._starts)
        return out

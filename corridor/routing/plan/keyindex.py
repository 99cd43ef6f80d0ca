"""Positions of many int64 keys in a fixed set of keys, by hashing.

Reading paths back from shortest-path trees turns every (node, next node) pair of every path
into the arc the search used: a few hundred thousand lookups per pricing round into the ~10⁴
arcs of one graph. ``np.searchsorted`` does them as a binary search each, jumping through the
key array in random order; an open-addressing hash table does them in a handful of array
operations (measured ~10× faster on the benchmark's 3,000-node network).
"""

from __future__ import annotations

import numpy as np

#: Fibonacci hashing: the key times 2⁶⁴/φ (wrapping), top bits as the slot.
_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)


class KeyIndex:
    """Where each of ``keys`` (distinct non-negative int64) is: ``positions(q)[i]`` is the
    index ``j`` with ``keys[j] == q[i]``.

    Linear probing in a table of at least 4 slots per key, so almost every lookup ends at its
    first slot; the rest are resolved together, one probe step per round, for at most as
    many rounds as the furthest any key sits from its home slot.
    """

    def __init__(self, keys: np.ndarray):
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) and keys.min() < 0:  # −1 marks an empty slot
            raise ValueError("KeyIndex holds non-negative keys only")
        self._bits = max(3, int(len(keys) * 4 - 1).bit_length())
        size = 1 << self._bits
        self._mask = size - 1
        slot_of = np.full(size, -1, dtype=np.int64)  # slot → position in keys, −1 = empty
        todo = np.arange(len(keys), dtype=np.int64)
        slot = self._slot(keys)  # per key still to place, the slot it tries next
        self._longest = -1  # the most slots any key sits past its home slot
        while len(todo):
            self._longest += 1
            # Keys whose slot is free claim it and one of each slot's claimants gets it
            # (which one does not matter: a lookup probes until it finds its key); the
            # others, and those finding their slot taken, try the next slot. A key only
            # ever moves past taken slots, so no probe meets an empty slot before its key.
            free = slot_of[slot] < 0
            slot_of[slot[free]] = todo[free]
            left = slot_of[slot] != todo
            todo = todo[left]
            slot = (slot[left] + 1) & self._mask
        self._slot_of = slot_of
        self._slot_key = np.where(slot_of >= 0, keys[np.maximum(slot_of, 0)] if len(keys)
                                  else 0, -1)

    def _slot(self, keys: np.ndarray) -> np.ndarray:
        """Each key's home slot."""
        hashed = keys.view(np.uint64) * _MULTIPLIER  # wraps modulo 2⁶⁴, as intended
        hashed >>= np.uint64(64 - self._bits)
        return hashed.view(np.int64)

    def positions(self, query: np.ndarray) -> np.ndarray:
        """Index in ``keys`` of every key in ``query``.

        Raises
        ------
        KeyError
            If a queried key is not one of ``keys``.
        """
        query = np.asarray(query, dtype=np.int64)
        slot = self._slot(query)
        probing = np.flatnonzero(self._slot_key[slot] != query)
        for _ in range(self._longest):  # no key sits further from home than this
            if not len(probing):
                break
            slot[probing] = (slot[probing] + 1) & self._mask
            probing = probing[self._slot_key[slot[probing]] != query[probing]]
        if len(probing):
            raise KeyError(int(query[probing[0]]))
        return self._slot_of[slot]

"""The hash index of int keys finds every key where a binary search over the sorted keys
does, for sets with many home-slot collisions too, and refuses keys it does not hold."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.routing.plan.keyindex import KeyIndex


@pytest.mark.parametrize("seed", range(40))
def test_positions_equal_a_binary_search(seed: int) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 5000))
    span = int(rng.choice([n, 10 * n, 2**40, 2**62]))  # dense to sparse keys
    keys = np.unique(rng.integers(0, span, n))
    rng.shuffle(keys)  # the index takes keys in any order
    query = keys[rng.integers(0, len(keys), int(rng.integers(0, 3 * n)))]
    got = KeyIndex(keys).positions(query)
    assert np.array_equal(keys[got], query)
    order = np.argsort(keys)
    assert np.array_equal(got, order[np.searchsorted(keys[order], query)])


def test_keys_crowding_into_few_slots_are_all_found() -> None:
    # Arithmetic progressions with a power-of-two step, and runs of consecutive keys: the
    # probe chains get long, every key is still found at its own position.
    keys = np.concatenate([np.arange(0, 2**20 * 600, 2**20), np.arange(10**9, 10**9 + 600)])
    index = KeyIndex(keys)
    assert np.array_equal(index.positions(keys[::-1]), np.arange(len(keys))[::-1])


@pytest.mark.parametrize("keys", [np.array([5]), np.array([0, 3, 9]), np.zeros(0, np.int64)])
def test_a_key_not_held_is_an_error(keys: np.ndarray) -> None:
    index = KeyIndex(keys)
    assert index.positions(np.zeros(0, dtype=np.int64)).tolist() == []
    with pytest.raises(KeyError):
        index.positions(np.array([*keys.tolist(), 7]))


def test_keys_sharing_one_home_slot_and_a_key_not_held_that_hashes_there_too() -> None:
    # 41 keys whose home slot is the same in a table sized for 40 keys: they sit 0, 1, 2 ...
    # slots past it; the 41st is not held, and its probe ends after as many steps
    candidates = np.arange(2_000_000, dtype=np.int64)
    home = KeyIndex(np.arange(40))._slot(candidates)  # the home slots of a 40-key table
    crowd = candidates[home == home[0]][:41]
    assert len(crowd) == 41
    index = KeyIndex(crowd[:40])
    assert index._longest == 39
    assert np.array_equal(index.positions(crowd[:40][::-1]), np.arange(40)[::-1])
    with pytest.raises(KeyError):
        index.positions(crowd[40:])


def test_negative_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="non-negative"):
        KeyIndex(np.array([3, -1]))

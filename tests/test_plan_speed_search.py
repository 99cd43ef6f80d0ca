"""The fast path searches give exactly what the straightforward ones gave: the reduced graph
(cheapest usable arc per pair, lowest index on ties), the trees and the paths read back."""

from __future__ import annotations

import numpy as np
import pytest
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridor.network_data.errors import SolverError
from corridor.routing.plan.search import (
    ArcPairs,
    distances_to,
    read_paths,
    shortest_trees,
    tree_paths,
)


def _reference_graph(n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                     usable: np.ndarray) -> tuple[csr_matrix, np.ndarray]:
    """Sort every usable arc by (tail, head, weight, index) and keep the first per pair."""
    idx = np.flatnonzero(usable)
    idx = idx[np.lexsort((idx, weight[idx], head[idx], tail[idx]))]
    key = tail[idx].astype(np.int64) * n_nodes + head[idx]
    first = np.ones(len(idx), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    idx = idx[first]
    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail[idx], minlength=n_nodes), out=indptr[1:])
    graph = csr_matrix((weight[idx].astype(float), head[idx].astype(np.int32), indptr),
                       shape=(n_nodes, n_nodes))
    return graph, idx


def _reference_path(n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                    usable: np.ndarray, source: int, target: int) -> list[int] | None:
    """Dijkstra on the reference graph; the predecessor arc of every node, walked back."""
    graph, arc_of = _reference_graph(n_nodes, tail, head, weight, usable)
    dist, pred = dijkstra(graph, directed=True, indices=[source], return_predecessors=True)
    if not np.isfinite(dist[0, target]):
        return None
    arc_by_pair = {(int(tail[a]), int(head[a])): int(a) for a in arc_of}
    arcs: list[int] = []
    node = target
    while node != source:
        arcs.append(arc_by_pair[(int(pred[0, node]), node)])
        node = int(pred[0, node])
    return arcs[::-1]


def _random_graph(seed: int) -> tuple[int, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Few nodes and many arcs: parallel arcs, equal weights (ties), zeros, unusable arcs."""
    rng = np.random.default_rng(seed)
    n = int(rng.integers(2, 12))
    m = int(rng.integers(1, 6 * n))
    tail = rng.integers(0, n, m)
    head = rng.integers(0, n, m)
    weight = rng.integers(0, 4, m).astype(float)
    if seed % 3 == 0:
        weight = weight + rng.random(m)  # mostly distinct weights
    usable = rng.random(m) < 0.8
    return n, tail, head, weight, usable


@pytest.mark.parametrize("seed", range(300))
def test_reduced_graph_matches_sorting_every_arc(seed: int) -> None:
    n, tail, head, weight, usable = _random_graph(seed)
    pairs = ArcPairs(n, tail, head)
    reduced = pairs.reduce(weight, usable)
    ref, arc_of = _reference_graph(n, tail, head, weight, usable)
    got = reduced.graph
    assert np.array_equal(got.indptr, ref.indptr)
    assert np.array_equal(got.indices, ref.indices)
    assert np.array_equal(got.data, ref.data)
    assert np.array_equal(reduced.arc, arc_of)
    # node pairs back to arcs: every usable pair to its kept arc, an unusable one refused
    kept = tail[arc_of].astype(np.int64) * n + head[arc_of]
    assert np.array_equal(reduced.arcs_of(pairs.find(kept[::-1])), arc_of[::-1])
    unusable = sorted(set((tail.astype(np.int64) * n + head).tolist()) - set(kept.tolist()))
    for key in unusable[:3]:
        with pytest.raises(SolverError, match="none of whose arcs was usable"):
            reduced.arcs_of(pairs.find(np.array([*kept.tolist(), key])))
    with pytest.raises(SolverError, match="no arc joins"):
        pairs.find(np.array([*kept.tolist(), n * n]))


@pytest.mark.parametrize("seed", range(300))
def test_tree_paths_match_per_target_walks(seed: int) -> None:
    n, tail, head, weight, usable = _random_graph(seed)
    pairs = ArcPairs(n, tail, head)
    rng = np.random.default_rng(seed + 1)
    sources = np.unique(rng.integers(0, n, 3))
    trees = shortest_trees(pairs, weight, usable, sources)
    rows = np.repeat(np.arange(len(sources)), n)
    targets = np.tile(np.arange(n), len(sources))
    got = tree_paths(trees, rows, targets)
    for row, target, path in zip(rows.tolist(), targets.tolist(), got):
        want = _reference_path(n, tail, head, weight, usable, int(sources[row]), target)
        if want is None:
            assert path is None
        else:
            assert path is not None and path.tolist() == want


@pytest.mark.parametrize("seed", range(100))
def test_distances_to_match_a_reversed_search(seed: int) -> None:
    n, tail, head, weight, usable = _random_graph(seed)
    target = seed % n
    ref, _ = _reference_graph(n, head, tail, weight, usable)
    want = dijkstra(ref, directed=True, indices=[target])[0]
    assert np.array_equal(distances_to(ArcPairs(n, tail, head), weight, usable, target), want)


def test_tree_paths_of_a_subset_of_rows_and_unreachable_targets() -> None:
    # 0 -> 1 -> 2 (two parallel arcs 1 -> 2, the later one cheaper), 3 isolated.
    tail = np.array([0, 1, 1])
    head = np.array([1, 2, 2])
    weight = np.array([1.0, 2.0, 1.0])
    trees = shortest_trees(ArcPairs(4, tail, head), weight, np.ones(3, bool), np.array([0, 1]))
    got = tree_paths(trees, np.array([1, 0, 0, 0]), np.array([2, 2, 3, 0]))
    assert [None if p is None else p.tolist() for p in got] == [[2], [0, 2], None, []]


@pytest.mark.parametrize("seed", range(100))
def test_paths_of_several_searches_read_together_match_one_by_one(seed: int) -> None:
    """One walk over the trees of several searches (different weights and usable arcs on
    the same topology, as one pricing round over cost classes) gives each search's paths."""
    n, tail, head, weight, usable = _random_graph(seed)
    pairs = ArcPairs(n, tail, head)
    rng = np.random.default_rng(seed + 2)
    requests, weights = [], []
    for _ in range(int(rng.integers(1, 4))):
        w = weight * rng.uniform(0.5, 2.0, len(weight))
        ok = usable & (rng.random(len(weight)) < 0.9)
        sources = np.unique(rng.integers(0, n, 2))
        trees = shortest_trees(pairs, w, ok, sources)
        k = int(rng.integers(0, 2 * n))
        requests.append((trees, rng.integers(0, len(sources), k), rng.integers(0, n, k)))
        weights.append(w)
    together = read_paths(requests)
    for (trees, rows, targets), found, w in zip(requests, together, weights):
        got: list[np.ndarray | None] = [None] * len(targets)
        for i, item in enumerate(found.item.tolist()):
            got[item] = found.arcs[found.offsets[i]:found.offsets[i + 1]]
        assert found.item.tolist() == sorted(found.item.tolist())
        alone = tree_paths(trees, rows, targets)
        assert [None if p is None else p.tolist() for p in got] == \
            [None if p is None else p.tolist() for p in alone]
        for row, target, path in zip(rows.tolist(), targets.tolist(), got):
            dist = trees.dist[row, target]
            assert (path is None) == (not np.isfinite(dist))
            if path is not None and len(path):  # contiguous, source to target, tree cost
                assert tail[path[0]] == trees.sources[row] and head[path[-1]] == target
                assert (head[path[:-1]] == tail[path[1:]]).all()
                assert np.isclose(w[path].sum(), dist)


def test_paths_of_trees_searched_on_other_arc_pairs_are_refused() -> None:
    tail, head = np.array([0, 1]), np.array([1, 2])
    ones, usable = np.ones(2), np.ones(2, dtype=bool)
    a = shortest_trees(ArcPairs(3, tail, head), ones, usable, np.array([0]))
    b = shortest_trees(ArcPairs(3, tail, head), ones, usable, np.array([0]))
    target = np.array([2])
    assert [p.arcs.tolist() for p in read_paths([(a, [0], target), (a, [0], target)])] == \
        [[0, 1], [0, 1]]
    with pytest.raises(ValueError, match="different arc pairs"):
        read_paths([(a, [0], target), (b, [0], target)])

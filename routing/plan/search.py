"""Path searches for planning: batched Dijkstra and deadline-constrained shortest paths.

* :func:`shortest_trees` runs scipy's compiled Dijkstra from many sources at once over the
  usable arcs (parallel arcs reduced to the cheapest, ties to the lowest arc index), and
  :func:`tree_path` reads one source-target path back as arc indices.
* :func:`deadline_path` is an exact resource-constrained shortest path (cost, days): a
  label-setting A* search whose bounds come from reverse Dijkstra on cost and on days, so
  labels that cannot reach the target in time, or cannot beat the best, are never made.
"""

from __future__ import annotations

import heapq
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from network_data.errors import SolverError


@dataclass(frozen=True)
class Trees:
    """Shortest-path trees from ``sources``: distances and predecessor arcs (-1 = none)."""

    sources: np.ndarray
    dist: np.ndarray  # (sources × nodes)
    pred_arc: np.ndarray  # (sources × nodes)


def _reduced_graph(n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                   usable: np.ndarray) -> tuple[csr_matrix, np.ndarray, np.ndarray]:
    """CSR graph keeping, per (tail, head) pair, the cheapest usable arc (lowest index on ties).

    Returns the graph, the arc index of each stored entry and the sorted pair keys.
    """
    idx = np.flatnonzero(usable)
    order = np.lexsort((idx, weight[idx], head[idx], tail[idx]))
    idx = idx[order]
    key = tail[idx].astype(np.int64) * n_nodes + head[idx]
    first = np.ones(len(idx), dtype=bool)
    first[1:] = key[1:] != key[:-1]
    idx, key = idx[first], key[first]
    indptr = np.zeros(n_nodes + 1, dtype=np.int64)
    np.cumsum(np.bincount(tail[idx], minlength=n_nodes), out=indptr[1:])
    graph = csr_matrix((weight[idx].astype(float), head[idx].astype(np.int32), indptr),
                       shape=(n_nodes, n_nodes))
    return graph, idx, key


def shortest_trees(n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                   usable: np.ndarray, sources: np.ndarray) -> Trees:
    """Dijkstra from every node in ``sources`` over the usable arcs (weights ≥ 0)."""
    sources = np.asarray(sources, dtype=np.int64)
    if len(sources) == 0:
        empty = np.zeros((0, n_nodes))
        return Trees(sources, empty, empty.astype(np.int64))
    graph, arc_of, key = _reduced_graph(n_nodes, tail, head, weight, usable)
    dist, pred = dijkstra(graph, directed=True, indices=sources, return_predecessors=True)
    dist = np.atleast_2d(dist)
    pred = np.atleast_2d(pred).astype(np.int64)
    pred_arc = np.full(pred.shape, -1, dtype=np.int64)
    has = pred >= 0
    if len(key):
        nodes = np.broadcast_to(np.arange(n_nodes), pred.shape)
        pos = np.searchsorted(key, pred[has] * n_nodes + nodes[has])
        pred_arc[has] = arc_of[pos]
    return Trees(sources, dist, pred_arc)


def tree_path(trees: Trees, row: int, target: int, tail: np.ndarray) -> list[int] | None:
    """Arcs of the tree path from ``trees.sources[row]`` to ``target`` (None if unreachable)."""
    if not np.isfinite(trees.dist[row, target]):
        return None
    source = int(trees.sources[row])
    arcs: list[int] = []
    node = target
    pred = trees.pred_arc[row]
    while node != source:
        arc = int(pred[node])
        arcs.append(arc)
        node = int(tail[arc])
        if len(arcs) > len(pred):
            raise SolverError("shortest-path tree has a cycle")
    arcs.reverse()
    return arcs


def distances_to(n_nodes: int, tail: np.ndarray, head: np.ndarray, weight: np.ndarray,
                 usable: np.ndarray, target: int) -> np.ndarray:
    """Distance from every node to ``target`` (reverse Dijkstra)."""
    trees = shortest_trees(n_nodes, head, tail, weight, usable, np.array([target]))
    return trees.dist[0]


def deadline_path(n_nodes: int, out_arcs: tuple[tuple[int, ...], ...], tail: np.ndarray,
                  head: np.ndarray, weight: np.ndarray, days: np.ndarray, usable: np.ndarray,
                  source: int, target: int, max_days: float, *,
                  max_labels: int = 2_000_000) -> list[int] | None:
    """Cheapest ``source -> target`` path taking at most ``max_days`` (exact), or None.

    Weights and days must be ≥ 0 (then the best path is simple: a cycle is dominated).

    Raises
    ------
    SolverError
        If the search needs more than ``max_labels`` labels.
    """
    eps = 1e-9
    h = distances_to(n_nodes, tail, head, weight, usable, target)
    dmin = distances_to(n_nodes, tail, head, days, usable, target)
    if not (np.isfinite(h[source]) and dmin[source] <= max_days + eps):
        return None
    w = weight.tolist()
    dy = days.tolist()
    hd = head.tolist()
    ok = usable.tolist()
    hl = h.tolist()
    dl = dmin.tolist()
    best_days = [np.inf] * n_nodes  # least days among labels already settled at a node
    parent: list[int] = [-1]
    via: list[int] = [-1]
    heap: list[tuple[float, float, int, int, float]] = [(hl[source], 0.0, 0, source, 0.0)]
    made = 1
    while heap:
        _, d, label, node, c = heapq.heappop(heap)
        if d >= best_days[node] - eps:
            continue  # a settled label here is no dearer (popped earlier) and no slower
        best_days[node] = d
        if node == target:
            arcs: list[int] = []
            while via[label] >= 0:
                arcs.append(via[label])
                label = parent[label]
            arcs.reverse()
            return arcs
        for arc in out_arcs[node]:
            if not ok[arc]:
                continue
            nxt = hd[arc]
            nd = d + dy[arc]
            if nd + dl[nxt] > max_days + eps or nd >= best_days[nxt] - eps:
                continue
            nc = c + w[arc]
            parent.append(label)
            via.append(arc)
            heapq.heappush(heap, (nc + hl[nxt], nd, made, nxt, nc))
            made += 1
            if made > max_labels:
                raise SolverError(f"deadline search exceeded {max_labels:,} labels")
    return None

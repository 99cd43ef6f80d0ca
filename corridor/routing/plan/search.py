"""Path searches for planning: batched Dijkstra and deadline-constrained shortest paths.

* :func:`shortest_trees` runs scipy's compiled Dijkstra from many sources at once over the
  usable arcs (parallel arcs reduced to the cheapest, ties to the lowest arc index; the
  grouping of arcs into pairs, :class:`ArcPairs`, is sorted once per network), and
  :func:`read_paths` reads many source-target paths back as arc indices at once.
* :func:`deadline_path` is an exact resource-constrained shortest path (cost, days): a
  label-setting A* search whose bounds come from reverse Dijkstra on cost and on days, so
  labels that cannot reach the target in time, or cannot beat the best, are never made.
"""

from __future__ import annotations

import heapq
import time
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import dijkstra

from corridor.network_data.errors import SolverError
from corridor.routing.compile import read_only
from corridor.routing.plan.arrays import offsets_of, split_runs
from corridor.routing.plan.keyindex import KeyIndex


class ArcPairs:
    """The arcs of a graph grouped by (tail, head) pair, sorted once per topology.

    Reducing parallel arcs to the cheapest is then a gather plus a small fix-up for the few
    pairs with several arcs, instead of sorting every arc by weight on every search (pricing
    searches the same topology again and again with new weights).
    """

    def __init__(self, n_nodes: int, tail: np.ndarray, head: np.ndarray):
        self.n_nodes = n_nodes
        self.tail = tail
        self.head = head
        order = np.lexsort((head, tail))  # stable: a pair's arcs stay in index order
        key = tail[order].astype(np.int64) * n_nodes + head[order]
        new = np.ones(len(order), dtype=bool)
        new[1:] = key[1:] != key[:-1]
        start = np.flatnonzero(new)
        self.key = key[start]  # per pair, sorted
        self.first = order[start]  # per pair: its lowest arc index
        self.pair_tail = tail[self.first]
        self.pair_head = head[self.first].astype(np.int32)
        size = np.diff(np.append(start, len(order)))
        multi = np.flatnonzero(size > 1)
        # Pairs with parallel arcs: their arcs (by pair, then index) and segment starts.
        self.multi = multi
        seg_size = size[multi]
        self.multi_start = np.concatenate(([0], np.cumsum(seg_size)[:-1])).astype(np.int64)
        self.multi_seg = np.repeat(np.arange(len(multi)), seg_size)
        within = np.arange(len(self.multi_seg)) - self.multi_start[self.multi_seg]
        self.multi_arcs = order[start[multi][self.multi_seg] + within]
        # CSR skeletons by which pairs are usable: pricing searches the same structure again
        # and again with new weights, and building (validating) a csr_matrix costs more than
        # the gather of its weights.
        self._skeletons: dict[bytes, tuple[np.ndarray, csr_matrix, np.ndarray,
                                           np.ndarray]] = {}

    @cached_property
    def _index(self) -> KeyIndex:
        """Pair keys → pair index (built on the first read of paths, then reused)."""
        return KeyIndex(self.key)

    def find(self, key: np.ndarray) -> np.ndarray:
        """The pair index of each node pair ``key`` (tail × n_nodes + head)."""
        try:
            return self._index.positions(key)
        except KeyError:
            raise SolverError("a path uses a node pair that no arc joins") from None

    @cached_property
    def reverse(self) -> ArcPairs:
        """The same arcs turned around (for searches towards a target)."""
        return ArcPairs(self.n_nodes, self.head, self.tail)

    def reduce(self, weight: np.ndarray, usable: np.ndarray) -> ReducedGraph:
        """CSR graph keeping, per pair, the cheapest usable arc (lowest index on ties)."""
        weight = np.asarray(weight, dtype=float)
        if not len(self.multi):  # no parallel arcs: each usable pair is its one arc
            keep, skeleton, arc, entry = self._skeleton(usable[self.first])
            return ReducedGraph(weight[arc], skeleton, arc, self, entry)
        arc = self.first.copy()
        w = weight[arc]
        ok = usable[arc]
        if len(self.multi):
            arcs = self.multi_arcs
            mine = usable[arcs]
            wa = np.where(mine, weight[arcs], np.inf)
            least = np.minimum.reduceat(wa, self.multi_start)
            hit = np.flatnonzero(mine & (wa == least[self.multi_seg]))
            seg = self.multi_seg[hit]
            lead = np.ones(len(hit), dtype=bool)
            lead[1:] = seg[1:] != seg[:-1]
            hit, seg = hit[lead], seg[lead]  # first (lowest-index) cheapest usable arc
            pairs = self.multi[seg]
            arc[pairs] = arcs[hit]
            w[pairs] = wa[hit]
            ok[self.multi] = np.logical_or.reduceat(mine, self.multi_start)
        keep, skeleton, _, entry = self._skeleton(ok)
        return ReducedGraph(w[keep], skeleton, arc[keep], self, entry)

    def _skeleton(self, ok: np.ndarray
                  ) -> tuple[np.ndarray, csr_matrix, np.ndarray, np.ndarray]:
        """The usable pairs, a CSR matrix of them (its data to be filled per search), their
        lowest-index arcs (the arcs themselves when no pair has parallel arcs) and each
        pair's CSR entry (−1 if unusable); the same array objects for the same mask."""
        tag = np.packbits(ok).tobytes()
        found = self._skeletons.get(tag)
        if found is None:
            keep = np.flatnonzero(ok)
            indptr = np.zeros(self.n_nodes + 1, dtype=np.int64)
            np.cumsum(np.bincount(self.pair_tail[keep], minlength=self.n_nodes),
                      out=indptr[1:])
            graph = csr_matrix((np.zeros(len(keep)), self.pair_head[keep], indptr),
                               shape=(self.n_nodes, self.n_nodes))
            if len(self._skeletons) >= 64:  # keep the cache small: a few masks recur
                self._skeletons.clear()
            entry = np.full(len(ok), -1, dtype=np.int64)
            entry[keep] = np.arange(len(keep))
            found = self._skeletons[tag] = (keep, graph, read_only(self.first[keep]),
                                             read_only(entry))
        return found


@dataclass(frozen=True)
class ReducedGraph:
    """One arc per usable (tail, head) pair: per CSR entry its weight and ``arc``."""

    weight: np.ndarray  # per entry, in CSR order
    skeleton: csr_matrix  # shared structure; its data is set by each search
    arc: np.ndarray  # arc index, per entry
    pairs: ArcPairs  # the pairs reduced
    entry_of_pair: np.ndarray  # per pair of ``pairs``, its CSR entry here (−1: unusable)

    def arcs_of(self, pair: np.ndarray) -> np.ndarray:
        """The arc this graph kept for each pair (indices into :attr:`pairs`, as
        :meth:`ArcPairs.find` gives them); every one must be usable here."""
        entry = self.entry_of_pair[pair]
        if (entry < 0).any():
            raise SolverError("a path uses a node pair none of whose arcs was usable in its "
                              "search")
        return self.arc[entry]

    @property
    def graph(self) -> csr_matrix:
        """The weighted graph as a new CSR matrix."""
        s = self.skeleton
        return csr_matrix((self.weight, s.indices, s.indptr), shape=s.shape)


@dataclass(frozen=True)
class Trees:
    """Shortest-path trees from ``sources``: distances and predecessor nodes (< 0 = none)."""

    sources: np.ndarray
    dist: np.ndarray  # (sources × nodes)
    pred: np.ndarray  # (sources × nodes)
    reduced: ReducedGraph  # the graph searched, to turn node pairs back into arcs
    seconds: float  # inside scipy's Dijkstra


def shortest_trees(pairs: ArcPairs, weight: np.ndarray, usable: np.ndarray,
                   sources: np.ndarray) -> Trees:
    """Dijkstra from every node in ``sources`` over the usable arcs (weights ≥ 0)."""
    sources = np.asarray(sources, dtype=np.int64)
    reduced = pairs.reduce(weight, usable)
    if len(sources) == 0:
        empty = np.zeros((0, pairs.n_nodes))
        return Trees(sources, empty, empty.astype(np.int64), reduced, 0.0)
    graph = reduced.skeleton
    graph.data = reduced.weight  # the skeleton is shared: set its weights just before use
    start = time.perf_counter()
    dist, pred = dijkstra(graph, directed=True, indices=sources, return_predecessors=True)
    seconds = time.perf_counter() - start
    return Trees(sources, np.atleast_2d(dist), np.atleast_2d(pred), reduced, seconds)


@dataclass(frozen=True)
class TreePaths:
    """Paths read from shortest-path trees, end to end: path ``i`` leads to request target
    ``item[i]`` (reachable targets only, in request order) and is
    ``arcs[offsets[i]:offsets[i + 1]]``."""

    item: np.ndarray
    arcs: np.ndarray
    offsets: np.ndarray


def tree_paths(trees: Trees, rows: np.ndarray, targets: np.ndarray) -> list[np.ndarray | None]:
    """Arcs (int64 arrays) of the tree paths from ``trees.sources[rows[i]]`` to ``targets[i]``;
    None where the target is unreachable (see :func:`read_paths`)."""
    found = read_paths([(trees, rows, targets)])[0]
    out: list[np.ndarray | None] = [None] * len(targets)
    for i, arcs in zip(found.item.tolist(), split_runs(found.arcs, found.offsets)):
        out[i] = arcs
    return out


def read_paths(requests: Sequence[tuple[Trees, np.ndarray, np.ndarray]]) -> list[TreePaths]:
    """The tree paths of several ``(trees, rows, targets)`` requests (trees searched on the
    same :class:`ArcPairs`): from ``trees.sources[rows[i]]`` to ``targets[i]``, per request.

    All paths of all requests are walked back together, one step per round (a source is its
    own predecessor, so finished paths just stay put): the rounds are as many as the longest
    path has arcs, not that times the number of requests. Only the node pairs on the paths
    are then looked up as arcs (by hashing, :class:`~corridor.routing.plan.keyindex.KeyIndex`), in
    each request's own reduced graph.
    """
    walks: list[np.ndarray] = []
    preds, bases, sources, starts = [], [], [], []
    offset = 0
    n_nodes = 0
    for trees, rows, targets in requests:
        rows = np.asarray(rows, dtype=np.int64)
        targets = np.asarray(targets, dtype=np.int64)
        n_nodes = trees.dist.shape[1]
        walk = np.flatnonzero(np.isfinite(trees.dist[rows, targets]))
        walks.append(walk)
        if not len(walk):
            continue
        n_trees = len(trees.sources)
        preds.append(trees.pred.reshape(-1))  # scipy's int32, copied once (below)
        bases.append(offset + np.arange(n_trees, dtype=np.int64) * n_nodes)
        sources.append(trees.sources)
        starts.append((rows[walk], targets[walk]))
        offset += n_trees * n_nodes
    none = np.zeros(0, dtype=np.int64)
    if not preds:
        return [TreePaths(none, none, np.zeros(1, dtype=np.int64)) for _ in requests]
    flat = np.concatenate(preds)
    tree_base = np.concatenate(bases)
    tree_source = np.concatenate(sources)
    flat[tree_base + tree_source] = tree_source  # a source is its own predecessor
    shift = np.cumsum([0] + [len(b) for b in bases[:-1]])
    path_tree = np.concatenate([local + k for (local, _), k in zip(starts, shift.tolist())])
    base = tree_base[path_tree]
    src = tree_source[path_tree].astype(flat.dtype)
    cur = np.concatenate([t for _, t in starts]).astype(flat.dtype)
    nodes = [cur]
    while not (cur == src).all():  # checked every 8 steps: extra steps stay at the source
        if len(nodes) > n_nodes + 8:
            raise SolverError("shortest-path tree has a cycle")
        for _ in range(8):
            cur = flat[base + cur]
            nodes.append(cur)
    # Paths as rows, source end first: the pairs (node before, node) still off the source,
    # read row by row, are the paths' arcs end to end.
    steps = np.array(nodes[::-1]).T
    to = steps[:, 1:]
    on = to != src[:, None]
    key = steps[:, :-1][on].astype(np.int64)  # every path's node pairs, keyed in place
    key *= n_nodes
    key += to[on]
    ends = offsets_of(on.sum(axis=1))  # path i's pairs: key[ends[i]:ends[i + 1]]
    # node pairs to pairs of the network at once, then to arcs in each request's own graph
    pairs = requests[0][0].reduced.pairs
    if any(trees.reduced.pairs is not pairs for trees, _, _ in requests):
        raise ValueError("read_paths: the trees were searched on different arc pairs")
    pair = pairs.find(key)
    arcs = np.empty(len(key), dtype=np.int64)
    first_path = offsets_of(np.array([len(w) for w in walks], dtype=np.int64))
    for i, (trees, _, _) in enumerate(requests):
        b, e = int(ends[first_path[i]]), int(ends[first_path[i + 1]])
        arcs[b:e] = trees.reduced.arcs_of(pair[b:e])
    return [TreePaths(walk, arcs[ends[first_path[i]]:ends[first_path[i + 1]]],
                      ends[first_path[i]:first_path[i + 1] + 1] - ends[first_path[i]])
            for i, walk in enumerate(walks)]


def distances_to(pairs: ArcPairs, weight: np.ndarray, usable: np.ndarray,
                 target: int) -> np.ndarray:
    """Distance from every node to ``target`` (reverse Dijkstra)."""
    trees = shortest_trees(pairs.reverse, weight, usable, np.array([target]))
    return trees.dist[0]


def deadline_path(pairs: ArcPairs, out_arcs: tuple[tuple[int, ...], ...], weight: np.ndarray,
                  days: np.ndarray, usable: np.ndarray, source: int, target: int,
                  max_days: float, *,
                  max_labels: int = 2_000_000) -> list[int] | None:
    """Cheapest ``source -> target`` path taking at most ``max_days`` (exact), or None.

    Weights and days must be ≥ 0 (then the best path is simple: a cycle is dominated).

    Raises
    ------
    SolverError
        If the search needs more than ``max_labels`` labels.
    """
    eps = 1e-9
    n_nodes = pairs.n_nodes
    h = distances_to(pairs, weight, usable, target)
    dmin = distances_to(pairs, days, usable, target)
    if not (np.isfinite(h[source]) and dmin[source] <= max_days + eps):
        return None
    w = weight.tolist()
    dy = days.tolist()
    hd = pairs.head.tolist()
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

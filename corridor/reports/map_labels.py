"""Where map labels go: greedy, deterministic placement of label boxes among markers and
blocked boxes, in display units and with no drawing (:mod:`corridor.reports.maps` measures
the texts and draws them).

Each label has its candidate text boxes around its point (:func:`candidate_boxes`, one per
:data:`POSITIONS` entry), its marker's box, and the map's bounds; some boxes (a legend, a
scale bar) are blocked. :func:`place_labels` gives each label the first candidate covering
no placed text, no other label's marker and nothing blocked, inside the bounds, in the order
given, else leaves its text out. The route ends are always placed: clear of each other
where some choice fits them all (:func:`_settle`), else where they cover least. The same
input gives the same answer.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

#: A box in display units (pixels): x0, y0, x1, y1.
Box = tuple[float, float, float, float]

#: Where a label's text may go around its point, in the order tried: the direction and the
#: text's alignment there (its box then starts a gap from the point: :func:`candidate_boxes`).
POSITIONS: tuple[tuple[str, int, int, str, str], ...] = (
    ("NE", 1, 1, "left", "bottom"), ("E", 1, 0, "left", "center"),
    ("SE", 1, -1, "left", "top"), ("S", 0, -1, "center", "top"),
    ("SW", -1, -1, "right", "top"), ("W", -1, 0, "right", "center"),
    ("NW", -1, 1, "right", "bottom"), ("N", 0, 1, "center", "bottom"),
)


#: How far out a label's text may go, in gaps: the first ring next to its point, the
#: outer ones (joined to the point by a leader line) only for the labels that must be
#: placed, where the ends crowd (a dozen origins in Kazakhstan on a world map).
RINGS = (1.0, 4.0, 7.0)


def candidate_boxes(x: float, y: float, width: float, height: float, gap: float,
                    rings: int = 1) -> list[Box]:
    """The boxes a ``width`` × ``height`` text may take around the point ``(x, y)``: per
    ring of :data:`RINGS` (the first ``rings`` of them), one per :data:`POSITIONS` entry in
    its order, ``gap`` × the ring's multiple away from the point (all in display units, y
    up). Candidate ``k`` is position ``k % len(POSITIONS)`` of ring ``k // len(POSITIONS)``
    (:func:`position`)."""
    out = []
    for ring in RINGS[:rings]:
        for _, dx, dy, ha, va in POSITIONS:
            left = x + dx * gap * ring - (width if ha == "right" else width / 2
                                          if ha == "center" else 0)
            bottom = y + dy * gap * ring - (height if va == "top" else height / 2
                                            if va == "center" else 0)
            out.append((left, bottom, left + width, bottom + height))
    return out


def position(k: int) -> tuple[tuple[str, int, int, str, str], float]:
    """Candidate ``k``'s :data:`POSITIONS` entry and its ring's multiple of the gap."""
    return POSITIONS[k % len(POSITIONS)], RINGS[k // len(POSITIONS)]


def _overlap(a: Box, b: Box) -> float:
    """The area two boxes share (0 where they only touch)."""
    return max(0.0, min(a[2], b[2]) - max(a[0], b[0])) * \
        max(0.0, min(a[3], b[3]) - max(a[1], b[1]))


def _area(a: Box) -> float:
    return (a[2] - a[0]) * (a[3] - a[1])


def place_labels(candidates: Sequence[Sequence[Box]], markers: Sequence[Box], bounds: Box,
                 *, blocked: Sequence[Box] = (), always: Collection[int] = ()
                 ) -> list[int | None]:
    """Where each label's text goes: the index of its chosen candidate, or None for a
    label left out (its text not drawn). The same input gives the same answer.

    ``candidates[i]`` are label ``i``'s possible text boxes in order of preference,
    ``markers[i]`` its marker's box; ``bounds`` the box every text must stay inside;
    ``blocked`` boxes no text may cover (a legend, a scale bar).

    The labels in ``always`` (route ends) are placed first and are never left out. Where
    their texts can all be placed clear of each other (inside ``bounds``, off everything
    ``blocked``), they are (:func:`_settle`); those that cannot each take their first
    candidate covering nothing (no placed text, no other label's marker, nothing
    ``blocked``), else the one covering least (area outside ``bounds`` first, then area of
    texts, then of markers); then, while it helps, a text that covers something moves to
    its candidate covering least. The others follow greedily in the order given (most
    important first), each taking its first candidate covering nothing, or left out.
    """
    must = [i for i in sorted(set(always)) if candidates[i]]
    out: list[int | None] = [None] * len(candidates)
    placed: dict[int, Box] = {}  # label -> its text's box
    clear = (0.0, 0.0, 0.0)

    def cost(i: int, box: Box) -> tuple[float, float, float]:
        """What a text at ``box`` for label ``i`` covers: area outside the bounds, area of
        texts and blocked boxes, area of other labels' markers (a text over a text is the
        worse)."""
        texts = (*blocked, *(b for j, b in placed.items() if j != i))
        return (_area(box) - _overlap(box, bounds), sum(_overlap(box, o) for o in texts),
                sum(_overlap(box, m) for j, m in enumerate(markers) if j != i))

    def first_clear(i: int) -> int | None:
        return next((k for k, box in enumerate(candidates[i]) if cost(i, box) == clear),
                    None)

    def put(i: int, k: int) -> None:
        out[i], placed[i] = k, candidates[i][k]

    def least(i: int) -> int:
        return min(range(len(candidates[i])), key=lambda k: (*cost(i, candidates[i][k]), k))

    settled = _settle(must, candidates, markers, bounds, blocked)
    for i in must:  # the ends: settled, else the first clear candidate or the least covering
        k = settled[i] if i in settled else first_clear(i)
        put(i, least(i) if k is None else k)
    for _ in range(len(must)):  # then better places for those covering something
        moved = False
        for i in must:
            now = cost(i, placed[i])
            if now != clear:
                k = least(i)
                if cost(i, candidates[i][k]) < now:
                    put(i, k)
                    moved = True
        if not moved:
            break
    for i in range(len(candidates)):  # the rest in order, where they fit
        if i not in placed:
            k = first_clear(i)
            if k is not None:
                put(i, k)
    return out


def _settle(must: Sequence[int], candidates: Sequence[Sequence[Box]],
            markers: Sequence[Box], bounds: Box, blocked: Sequence[Box], *,
            budget: int = 20_000) -> dict[int, int]:
    """Candidates for the labels ``must`` with no two texts overlapping, each inside
    ``bounds`` and off ``blocked``: found by a depth-first search over each cluster of
    labels whose texts could meet (in the order given, candidates covering no marker
    first, then in their own order), at most ``budget`` tries a cluster. Returns label ->
    candidate for the clusters settled; a cluster the search does not settle is left out.

    Greedy placing alone leaves ends overlapping in a dense cluster (a dozen origins in
    Kazakhstan on a world map) where another order of choices fits them all."""
    options: dict[int, list[int]] = {}
    for i in must:
        fits = [k for k, box in enumerate(candidates[i]) if _overlap(box, bounds) >= _area(box)
                and not any(_overlap(box, b) > 0 for b in blocked)]
        options[i] = sorted(fits, key=lambda k: (any(
            _overlap(candidates[i][k], m) > 0 for j, m in enumerate(markers) if j != i), k))
    # clusters: labels joined where the boxes around all their candidates meet
    reach = {i: (min(b[0] for b in candidates[i]), min(b[1] for b in candidates[i]),
                 max(b[2] for b in candidates[i]), max(b[3] for b in candidates[i]))
             for i in must}
    cluster = {i: i for i in must}

    def root(i: int) -> int:
        while cluster[i] != i:
            i = cluster[i]
        return i

    for n, i in enumerate(must):
        for j in must[:n]:
            if _overlap(reach[i], reach[j]) > 0:
                cluster[root(i)] = root(j)
    groups: dict[int, list[int]] = {}
    for i in must:
        groups.setdefault(root(i), []).append(i)
    out: dict[int, int] = {}
    for group in groups.values():
        if not all(options[i] for i in group):  # one cannot be placed clear of the rest
            continue
        chosen: list[int] = []  # option positions, one per label of the group so far
        tries, at = 0, 0  # ``at``: the next option to try for label ``group[len(chosen)]``
        while len(chosen) < len(group) and tries < budget:
            i = group[len(chosen)]
            placed = [candidates[j][options[j][c]] for j, c in zip(group, chosen)]
            while at < len(options[i]) and any(
                    _overlap(candidates[i][options[i][at]], b) > 0 for b in placed):
                at += 1
                tries += 1
            if at < len(options[i]):
                chosen.append(at)
                at = 0
            elif chosen:  # nothing fits: back to the previous label's next option
                at = chosen.pop() + 1
            else:
                break
            tries += 1
        if len(chosen) == len(group):
            out.update((i, options[i][c]) for i, c in zip(group, chosen))
    return out


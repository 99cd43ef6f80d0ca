"""The scenarios of a criticality sweep: single closures, pairs, Monte-Carlo draws.

A sweep scenario is a closure only: a set of selectors (legs, places, passages, corridors,
countries or capacity groups) taken out of use plan-wide, as ``--avoid`` would. It is data
(:class:`Closure`: an id, what kind of sweep made it, the selectors) so that workers, local
or on a cluster, receive a few bytes per scenario, and a sweep is the same list on every run.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import CompiledNetwork

#: ``--closures`` kinds, and the selector kind each names.
CLOSURE_KINDS = {"legs": "leg", "nodes": "node", "passages": "passage",
                 "corridors": "corridor", "countries": "country",
                 "capacity-groups": "group"}


@dataclass(frozen=True)
class Closure:
    """One sweep scenario: ``closed`` taken out of use. ``kind`` is ``single``, ``pair``
    or ``draw``; ``id`` numbers it within its sweep (the results' key)."""

    id: int
    kind: str
    closed: tuple[Selector, ...]

    @property
    def name(self) -> str:
        """What it closes, as text: ``leg:a + leg:b``; a draw: ``draw 17``."""
        if self.kind == "draw":
            return f"draw {self.id}"
        return " + ".join(f"{s.kind}:{s.name}" for s in self.closed)


def open_legs(net: CompiledNetwork, open_statuses: Collection[str]) -> np.ndarray:
    """Per leg, is it open: its status one of ``open_statuses`` (the plan's: operational,
    and with ``--open-planned`` planned and under construction)?"""
    live = np.zeros(len(net.leg_ids), dtype=bool)
    live[net.arc_leg[net.status_in(open_statuses)]] = True
    return live


def selectors_of_kind(net: CompiledNetwork, kind: str,
                      open_statuses: Collection[str] = ("operational",)) -> list[Selector]:
    """Every selector of a ``--closures`` kind worth closing, sorted by name: open legs
    (:func:`open_legs`: a leg the plan cannot use is closed already), places, passages,
    corridors, countries and capacity groups of the network."""
    vocab = net.vocabulary
    selector_kind = CLOSURE_KINDS[kind]
    if selector_kind == "leg":
        live = open_legs(net, open_statuses)
        names = sorted(net.leg_ids[i] for i in np.flatnonzero(live).tolist())
    else:
        names = sorted({"node": vocab.node_ids, "passage": vocab.passages,
                        "corridor": vocab.corridors, "country": vocab.countries,
                        "group": vocab.groups}[selector_kind])
    return [Selector(selector_kind, name) for name in names]


def single_closures(selectors: Sequence[Selector]) -> list[Closure]:
    """One closure per selector, numbered from 0."""
    return [Closure(i, "single", (s,)) for i, s in enumerate(selectors)]


def pair_closures(selectors: Sequence[Selector], first_id: int) -> list[Closure]:
    """Every pair of ``selectors`` (in order: (0, 1), (0, 2)...), numbered from
    ``first_id``."""
    out: list[Closure] = []
    n = len(selectors)
    for a in range(n):
        for b in range(a + 1, n):
            out.append(Closure(first_id + len(out), "pair", (selectors[a], selectors[b])))
    return out


def draw_closures(net: CompiledNetwork, n: int, seed: int,
                  open_statuses: Collection[str] = ("operational",)) -> list[Closure]:
    """``n`` Monte-Carlo draws: in each, every open leg (:func:`open_legs`; passage legs
    included) is closed with its disruption probability, independently. Draw ``i`` uses its
    own random stream (``seed``, ``i``), so a draw is the same whichever worker makes it and
    however many draws there are."""
    n_legs = len(net.leg_ids)
    prob = np.zeros(n_legs)
    prob[net.arc_leg] = net.disruption_prob  # both arcs of a leg carry its figure
    live = open_legs(net, open_statuses)
    out = []
    for i in range(n):
        rng = np.random.default_rng([seed, i])
        hit = np.flatnonzero(live & (rng.random(n_legs) < prob))
        out.append(Closure(i, "draw", tuple(Selector("leg", net.leg_ids[j])
                                            for j in hit.tolist())))
    return out

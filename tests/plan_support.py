"""Small networks and books for plan tests, built in memory through the schema."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from corridor.network_data.io import ParsedTable
from corridor.network_data.load import build_network
from corridor.network_data.model import Network
from corridor.network_data.schema import COMMODITIES, LEGS, NODES, SOURCES, TableSpec


def _frame(spec: TableSpec, rows: list[dict[str, Any]]) -> ParsedTable:
    full = [{c.name: r.get(c.name, c.default) for c in spec.columns} for r in rows]
    return ParsedTable(pd.DataFrame(full, columns=list(spec.column_names)),
                       tuple(range(2, len(rows) + 2)), spec.name)


def make_network(nodes: list[dict[str, Any]], legs: list[dict[str, Any]],
                 commodities: list[dict[str, Any]] | None = None) -> Network:
    """A Network from partial rows (schema defaults fill the rest; no validation)."""
    nodes = [{"kind": "city", "lat": 40.0, "lon": 60.0 + i, "coord_provenance": ("estimated",),
              "name": n["node_id"], **n} for i, n in enumerate(nodes)]
    legs = [{"mode": "rail", "corridor": "c0", "transit_days": 1.0, "territory": ("AA",),
             "disruption_prob": 0.0, "status": "operational", "provenance": ("estimated",),
             "tariff_fixed_usd_per_t": 0.0, "tariff_usd_per_tkm": 0.0, "distance_km": 100.0,
             "bidirectional": False, **leg} for leg in legs]
    commodities = commodities or [
        {"commodity_id": "ore", "name": "Ore", "value_usd_per_t": 1000.0,
         "provenance": ("estimated",)},
        {"commodity_id": "metal", "name": "Metal", "value_usd_per_t": 50000.0,
         "provenance": ("estimated",)},
    ]
    tables = {"nodes": _frame(NODES, nodes), "legs": _frame(LEGS, legs),
              "sources": _frame(SOURCES, []), "commodities": _frame(COMMODITIES, commodities)}
    return build_network(tables, label="test")


def random_network(seed: int, n_nodes: int = 8, n_extra: int = 10, *, integer: bool = False,
                   capacity_share: float = 0.4, throughput: bool = False,
                   groups: bool = False) -> Network:
    """A random connected directed network: a ring plus random chords, countries AA..DD,
    corridors c0..c2, some capacitated legs (and nodes); with ``groups``, about half the
    capacitated legs share one of two capacity groups."""
    rng = np.random.default_rng(seed)
    nodes = []
    for i in range(n_nodes):
        cap = float(rng.integers(20, 80)) if throughput and rng.random() < 0.25 else None
        nodes.append({"node_id": f"n{i}", "country": "AA" if i == 0 else
                      ["AA", "BB", "CC", "DD"][int(rng.integers(0, 4))],
                      "throughput_tpy": cap})
    pairs = {(i, (i + 1) % n_nodes) for i in range(n_nodes)}
    pairs |= {((i + 1) % n_nodes, i) for i in range(n_nodes)}
    while len(pairs) < 2 * n_nodes + n_extra:
        a, b = (int(v) for v in rng.integers(0, n_nodes, 2))
        if a != b:
            pairs.add((a, b))
    legs = []
    for k, (a, b) in enumerate(sorted(pairs)):
        terr = sorted({nodes[a]["country"], nodes[b]["country"]})
        legs.append({
            "leg_id": f"l{k}", "from_id": f"n{a}", "to_id": f"n{b}",
            "tariff_fixed_usd_per_t": float(rng.integers(1, 30)),
            "tariff_usd_per_tkm": 0.0 if integer else float(rng.integers(0, 3)) / 100,
            "transit_days": float(rng.integers(1, 6)),
            "capacity_tpy": float(rng.integers(10, 60)) if rng.random() < capacity_share
            else None,
            "territory": tuple(terr), "corridor": f"c{int(rng.integers(0, 3))}",
            "disruption_prob": 0.0 if integer else float(rng.integers(0, 5)) / 1000,
        })
    if groups:
        shared = {"g0": float(rng.integers(15, 60)), "g1": float(rng.integers(15, 60))}
        for leg in legs:
            if leg["capacity_tpy"] is not None and rng.random() < 0.5:
                leg["capacity_group"] = ["g0", "g1"][int(rng.integers(0, 2))]
                leg["capacity_tpy"] = shared[leg["capacity_group"]]
    return make_network(nodes, legs)

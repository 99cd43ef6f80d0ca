"""Route search cross-checked against networkx on random graphs, and property tests."""

from __future__ import annotations

import csv
import itertools
from pathlib import Path

import networkx as nx
import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests_support import TINY

from corridor.network_data import load_network
from corridor.network_data.errors import InfeasibleError
from corridor.network_data.model import Network
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams, arc_costs
from corridor.routing.paths import cheapest_arcs
from corridor.routing.query import find_routes

COUNTRIES = ["KZ", "CN", "RU", "AZ", "GE", "TR", "IR"]


def random_network(folder: Path, seed: int, n_nodes: int = 25, n_legs: int = 60) -> Network:
    """A random connected network written through the real CSV schema."""
    rng = np.random.default_rng(seed)
    lat = rng.uniform(30, 55, n_nodes)
    lon = rng.uniform(40, 90, n_nodes)
    for name in ("sources.csv", "commodities.csv"):
        (folder / name).write_text((TINY / name).read_text())
    with (folder / "nodes.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["node_id", "name", "country", "kind", "lat", "lon", "coord_provenance",
                    "is_origin", "is_destination"])
        for i in range(n_nodes):
            w.writerow([f"n{i}", f"Node {i}", COUNTRIES[i % len(COUNTRIES)], "city",
                        round(lat[i], 3), round(lon[i], 3), "estimated", "false", "false"])
    pairs = [(i, i + 1) for i in range(n_nodes - 1)]  # a spine keeps it connected
    while len(pairs) < n_legs:
        a, b = rng.choice(n_nodes, 2, replace=False)
        pairs.append((int(a), int(b)))
    with (folder / "legs.csv").open("w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["leg_id", "from_id", "to_id", "mode", "corridor", "tariff_fixed_usd_per_t",
                    "tariff_usd_per_tkm", "transit_days", "territory", "disruption_prob",
                    "status", "bidirectional", "provenance"])
        for k, (a, b) in enumerate(pairs):
            terr = sorted({COUNTRIES[a % 7], COUNTRIES[b % 7]})
            w.writerow([f"e{k}", f"n{a}", f"n{b}", "rail", f"c{k % 3}",
                        round(rng.uniform(0, 30), 2), round(rng.uniform(0.01, 0.2), 3),
                        round(rng.uniform(0.2, 5), 2), ";".join(terr),
                        round(rng.uniform(0, 0.05), 3), "operational",
                        "true" if rng.random() < 0.8 else "false", "estimated"])
    return load_network(directory=folder)


@pytest.mark.parametrize("seed", range(8))
def test_cheapest_path_cost_equals_networkx(tmp_path: Path, seed: int) -> None:
    net = random_network(tmp_path, seed)
    compiled = compile_network(net)
    costs = arc_costs(compiled, value_usd_per_t=5000.0,
                      params=CostParams(penalties={"CN": 7.0}))
    graph = nx.DiGraph()
    for arc in range(compiled.n_arcs):  # keep the cheapest of parallel arcs
        u, v, w = int(compiled.tail[arc]), int(compiled.head[arc]), float(costs.total[arc])
        if not graph.has_edge(u, v) or graph[u][v]["weight"] > w:
            graph.add_edge(u, v, weight=w)
    rng = np.random.default_rng(seed)
    for _ in range(15):
        s, t = (int(x) for x in rng.choice(compiled.n_nodes, 2, replace=False))
        arcs = cheapest_arcs(compiled, s, t, costs.total, costs.usable)
        try:
            expected = nx.dijkstra_path_length(graph, s, t)
        except nx.NetworkXNoPath:
            assert arcs is None
            continue
        assert arcs is not None
        assert float(costs.total[arcs].sum()) == pytest.approx(expected, abs=1e-9)
        # The arcs form a path from s to t.
        assert int(compiled.tail[arcs[0]]) == s and int(compiled.head[arcs[-1]]) == t
        assert all(int(compiled.head[a]) == int(compiled.tail[b])
                   for a, b in itertools.pairwise(arcs))


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(country=st.sampled_from(["KZ", "CN", "RU", "AZ", "JP"]),
       extra=st.floats(min_value=0.0, max_value=500.0),
       risk=st.floats(min_value=0.0, max_value=5.0))
def test_adding_a_penalty_never_lowers_a_route_cost(tiny_net: Network, country: str,
                                                    extra: float, risk: float) -> None:
    base = CostParams(risk_weight=risk)
    more = CostParams(risk_weight=risk, penalties={country: extra})
    a = find_routes(tiny_net, "Alpha", "Juliet", params=base, explain=False)
    b = find_routes(tiny_net, "Alpha", "Juliet", params=more, explain=False)
    assert b.routes[0].cost_total >= a.routes[0].cost_total - 1e-9


@settings(max_examples=30, deadline=None)
@given(seed=st.integers(0, 10_000), avoid=st.sets(st.sampled_from(COUNTRIES), max_size=3))
def test_avoided_country_never_in_a_returned_route(tmp_path_factory: pytest.TempPathFactory,
                                                   seed: int, avoid: set[str]) -> None:
    net = random_network(tmp_path_factory.mktemp("rand"), seed % 5)
    rng = np.random.default_rng(seed)
    s, t = (f"n{int(x)}" for x in rng.choice(len(net.nodes), 2, replace=False))
    params = CostParams(avoid=frozenset(avoid))
    try:
        answer = find_routes(net, s, t, params=params, explain=False)
    except InfeasibleError:
        return  # no route (or the endpoints themselves are in an avoided country)
    for route in answer.routes:
        assert not set(route.countries) & avoid

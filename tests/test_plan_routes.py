"""Routes held as flat arrays (``corridor.routing.plan.columns``) agree with per-route computations:
costs bit for bit (reductions of all routes in one pass equal each route reduced alone),
nodes, dependencies, subsets and concatenation, capacity-row terms and labels in order of
first appearance."""

from __future__ import annotations

import numpy as np
import pytest
from plan_support import random_network

from corridor.network_data.model import Network
from corridor.network_data.shipments import shipments_from_records
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan.arrays import RouteArcs, route_sum
from corridor.routing.plan.columns import Routes
from corridor.routing.plan.problem import PlanProblem, build_problem


def _problem(seed: int) -> PlanProblem:
    net = random_network(seed, n_nodes=9, n_extra=12, capacity_share=0.5, throughput=True,
                         groups=seed % 2 == 0)
    rng = np.random.default_rng(seed)
    compiled = compile_network(net)
    corridor = compiled.corridor_codes[0][0]
    country = compiled.countries[-1]
    rows = []
    for i in range(10):
        o, d = (int(v) for v in rng.choice(9, 2, replace=False))
        rows.append({"shipment_id": f"s{i}", "origin": f"n{o}", "destination": f"n{d}",
                     "commodity": ["ore", "metal"][i % 2], "tonnes": 10.0 + i,
                     "avoid": corridor if i % 3 == 0 else ""})  # three cost classes
    book = shipments_from_records(rows, net)
    return build_problem(compiled, book, params=CostParams(),
                         max_share={country: 0.5, corridor: 0.4})


def _random_routes(problem: PlanProblem, seed: int, n: int = 25
                   ) -> tuple[list[int], list[np.ndarray]]:
    """Random walks along the network's arcs (a route may revisit a node or an arc)."""
    rng = np.random.default_rng(seed)
    net = problem.net
    groups, paths = [], []
    for _ in range(n):
        node = int(rng.integers(0, net.n_nodes))
        arcs: list[int] = []
        for _ in range(int(rng.integers(1, 12))):
            out = net.out_arcs[node]
            if not out:
                break
            arc = int(out[int(rng.integers(0, len(out)))])
            arcs.append(arc)
            node = int(net.head[arc])
        if arcs:
            groups.append(int(rng.integers(0, len(problem.groups))))
            paths.append(np.array(arcs, dtype=np.int64))
    return groups, paths


@pytest.mark.parametrize("seed", range(20))
def test_built_routes_match_per_route_figures(seed: int) -> None:
    p = _problem(seed)
    groups, paths = _random_routes(p, seed)
    routes = Routes.build(p, groups, paths)
    net = p.net
    assert len(routes) == len(paths)
    for j, (g, arcs) in enumerate(zip(groups, paths)):
        costs = p.classes[p.groups[g].cls].costs
        assert routes.cost[j] == route_sum(costs.total[arcs])  # the same float, not just close
        assert routes.days[j] == route_sum(net.days("container")[arcs])
        assert routes.contiguous[j]
        assert routes.arcs_of(j).tolist() == arcs.tolist()
        assert routes.nodes_of(j).tolist() == [int(net.tail[arcs[0]]),
                                               *net.head[arcs].tolist()]
        assert routes.first_node[j] == net.tail[arcs[0]]
        assert routes.last_node[j] == net.head[arcs[-1]]
        assert routes.dep[j].tolist() == [bool(cap.arcs[arcs].any()) for cap in p.caps]
        col = routes[j]
        assert (col.group, list(col.arcs), col.cost) == (g, arcs.tolist(), routes.cost[j])


@pytest.mark.parametrize("seed", range(20))
def test_take_and_concat_keep_every_figure(seed: int) -> None:
    p = _problem(seed)
    groups, paths = _random_routes(p, seed)
    routes = Routes.build(p, groups, paths)
    rng = np.random.default_rng(seed)
    index = rng.integers(0, len(routes), 15)
    assert routes.take(index) == Routes.build(p, [groups[i] for i in index],
                                              [paths[i] for i in index])
    cut = len(routes) // 2
    assert Routes.concat([routes.take(np.arange(cut)),
                          routes.take(np.arange(cut, len(routes)))]) == routes
    assert Routes.from_columns(list(routes), routes.tail, routes.head) == routes


@pytest.mark.parametrize("seed", range(20))
def test_capacity_terms_match_counting_per_route(seed: int) -> None:
    p = _problem(seed)
    net = p.net
    groups, paths = _random_routes(p, seed)
    routes = Routes.build(p, groups, paths)
    terms = routes.capacity_terms(p)
    rows, nodes = terms.per_route()
    rng = np.random.default_rng(seed)
    p_row = rng.random(len(net.row_capacity_tpy))
    p_node = np.where(np.isfinite(p.node_cap), rng.random(net.n_nodes), 0.0)
    priced = terms.priced(p_row, p_node)
    for j, arcs in enumerate(paths):
        counts: dict[int, int] = {}  # rows in order of first touch along the route
        for a in arcs.tolist():
            if net.cap_row[a] >= 0:
                counts[int(net.cap_row[a])] = counts.get(int(net.cap_row[a]), 0) + 1
        assert rows[j] == list(counts.items())
        route_nodes = routes.nodes_of(j).tolist()
        assert nodes[j] == [v for v in route_nodes if np.isfinite(p.node_cap[v])]
        want = sum(p_row[r] * c for r, c in counts.items()) + sum(p_node[v] for v in route_nodes)
        assert priced[j] == pytest.approx(want, rel=1e-12, abs=1e-12)


@pytest.mark.parametrize("seed", range(20))
def test_distinct_labels_in_order_of_first_appearance(seed: int) -> None:
    p = _problem(seed)
    groups, paths = _random_routes(p, seed)
    routes = Routes.build(p, groups, paths)
    names, code = p.net.corridor_codes
    offsets, distinct = routes.distinct_in_order(code[routes.arcs], routes.route_of_arc)
    for j, arcs in enumerate(paths):
        want = list(dict.fromkeys(p.net.corridor[a] for a in arcs.tolist()))
        got = [names[c] for c in distinct[offsets[j]:offsets[j + 1]].tolist()]
        assert got == want


@pytest.mark.parametrize("seed", range(10))
def test_route_countries_in_order_of_first_appearance(seed: int) -> None:
    """The plan's per-route countries, read once per run of arcs with the same country
    set, are each route's arcs' countries (in ``arc_keys`` order) without repeats."""
    from corridor.routing.plan.result import _route_labels

    p = _problem(seed)
    groups, paths = _random_routes(p, seed)
    routes = Routes.build(p, groups, paths)
    set_of_arc, ptr, country = p.net.arc_key_sets
    for a in range(p.net.n_arcs):  # every arc's set lists its countries
        s = int(set_of_arc[a])
        assert tuple(p.net.keys[c] for c in country[ptr[s]:ptr[s + 1]].tolist()) == \
            p.net.arc_keys[a]
    countries = _route_labels(p.net, routes)[0].tuples()
    for j, arcs in enumerate(paths):
        want = tuple(dict.fromkeys(c for a in arcs.tolist() for c in p.net.arc_keys[a]))
        assert countries[j] == want


def test_no_routes() -> None:
    p = _problem(0)
    empty = Routes.empty(p)
    assert len(empty) == 0 and list(empty) == []
    assert empty.capacity_terms(p).per_route() == ([], [])
    assert empty.take(np.zeros(0, dtype=np.int64)) == empty


@pytest.mark.parametrize("seed", range(5))
def test_route_reductions_in_one_pass_equal_each_route_alone(seed: int) -> None:
    """Long routes (where NumPy's pairwise summation matters), empty ones among them and at
    the end: sums bit for bit, any and all with their identities on empty routes."""
    rng = np.random.default_rng(seed)
    n_arcs = 50
    lengths = rng.integers(0, 300, 40)
    lengths[[3, -1]] = 0
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    arcs = rng.integers(0, n_arcs, int(offsets[-1]))
    table = rng.random((3, n_arcs)) * 10.0 ** rng.uniform(-3, 6, (3, n_arcs))
    which = rng.integers(0, 3, len(lengths))
    mask = rng.random((3, n_arcs)) < 0.97
    reducer = RouteArcs(arcs, offsets)
    sums = reducer.sums(table[0])
    by_rows = reducer.sums_by_rows(table, which)
    each = reducer.sums_by_rows_each([table, table[::-1].copy()], which)
    assert np.array_equal(each[0], by_rows)
    assert np.array_equal(each[1], reducer.sums_by_rows(table[::-1].copy(), which))
    assert reducer.sums_by_rows_each([], which) == []
    any_ = reducer.any(~mask[0])
    all_ = reducer.all_by_rows(mask, which)
    differs_from_pairwise = 0
    for r in range(len(lengths)):
        mine = arcs[offsets[r]:offsets[r + 1]]
        assert sums[r] == route_sum(table[0][mine])
        assert by_rows[r] == route_sum(table[which[r]][mine])
        assert any_[r] == bool((~mask[0][mine]).any())
        assert all_[r] == bool(mask[which[r]][mine].all())
        differs_from_pairwise += sums[r] != table[0][mine].sum()
    assert sums[3] == 0.0 and sums[-1] == 0.0 and all_[3] and not any_[3]
    assert differs_from_pairwise > 0  # the test would catch a change of summation order


def test_contiguity_is_per_route() -> None:
    p = _problem(0)
    net = p.net
    groups, paths = _random_routes(p, 0)
    a, b = next((a, b) for a in paths for b in paths
                if net.head[a[-1]] != net.tail[b[0]])
    # two routes back to back are each contiguous; glued into one they are not
    routes = Routes.build(p, groups[:3], [a, b, np.concatenate([a, b])])
    assert routes.contiguous.tolist() == [True, True, False]


def test_plan_route_names_are_the_route_query_names(net: Network) -> None:
    """Every planned route of the (uncapped) example book is named as ``corridor route``
    names the same route: the plan takes each shipment's cheapest route there (shipments
    that capacities split over several routes are left out)."""
    from pathlib import Path

    from corridor.network_data.shipments import read_shipments
    from corridor.routing.plan import plan
    from corridor.routing.query import find_routes

    book = read_shipments(Path(__file__).parent.parent / "examples" / "shipments.csv", net)
    result = plan(net, book)
    rows = result.shipments[result.shipments["status"] == "planned"]
    names = result.route_names()
    assert len(names) == len(rows) >= len(book)
    single = rows["shipment_id"].map(rows["shipment_id"].value_counts()) == 1
    by_id = {s.shipment_id: s for s in book.shipments}
    checked = set()
    for sid, legs, name in zip(rows["shipment_id"][single], rows["legs"][single].tolist(),
                               [n for n, one in zip(names, single.tolist()) if one]):
        s = by_id[sid]
        answer = find_routes(net, s.origin, s.destination,
                             commodity=s.commodity, value_usd_per_t=s.value_usd_per_t,
                             params=CostParams(avoid=s.avoid),
                             alternatives=0, explain=False)
        cheapest = answer.routes[0]
        if cheapest.legs == legs:  # a deadline may have taken a slower route
            assert name == answer.land_name(cheapest)
            checked.add(name)
    assert len(checked) >= 4, checked  # several corridors, not one name checked 30 times

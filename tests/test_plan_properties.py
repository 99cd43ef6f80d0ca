"""Properties of plans on random networks (Hypothesis): monotonicity, no needless unserved
tonnage, determinism."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from plan_support import random_network

from corridor.network_data.shipments import shipments_from_records
from corridor.reports import plan_dict, shipments_csv
from corridor.routing.plan import plan

SETTINGS = settings(max_examples=12, deadline=None)


def _rows(seed: int, n_nodes: int, count: int = 5) -> list[dict[str, object]]:
    rng = np.random.default_rng(seed)
    rows = []
    for i in range(count):
        o, d = (int(v) for v in rng.choice(n_nodes, 2, replace=False))
        rows.append({"shipment_id": f"s{i}", "origin": f"n{o}", "destination": f"n{d}",
                     "commodity": ["ore", "metal"][int(rng.integers(0, 2))],
                     "tonnes": float(rng.integers(5, 40))})
    return rows


@SETTINGS
@given(seed=st.integers(0, 10_000), factor=st.floats(0.1, 0.9), groups=st.booleans())
def test_tightening_capacity_never_lowers_the_optimum(seed: int, factor: float,
                                                      groups: bool) -> None:
    net = random_network(seed, throughput=True, groups=groups)
    book = shipments_from_records(_rows(seed, 8), net)
    base = plan(net, book).summary["objective_usd"]
    legs = net.legs.copy()
    legs["capacity_tpy"] = legs["capacity_tpy"] * factor
    tighter = plan(net.replace(legs=legs), book).summary["objective_usd"]
    assert tighter >= base - 1e-6 * max(1.0, base)


@SETTINGS
@given(seed=st.integers(0, 10_000), loose=st.floats(0.3, 1.0), cut=st.floats(0.0, 0.3))
def test_tightening_a_cap_never_lowers_the_optimum(seed: int, loose: float,
                                                   cut: float) -> None:
    net = random_network(seed)
    book = shipments_from_records(_rows(seed, 8), net)
    key = sorted(net.countries - {"AA"})[0]
    base = plan(net, book, max_share={key: loose}).summary["objective_usd"]
    tighter = plan(net, book, max_share={key: loose - cut}).summary["objective_usd"]
    assert tighter >= base - 1e-6 * max(1.0, base)


@SETTINGS
@given(seed=st.integers(0, 10_000))
def test_no_unserved_tonnage_when_capacity_allows(seed: int) -> None:
    net = random_network(seed, capacity_share=0.0)  # ring both ways: always a path
    result = plan(net, shipments_from_records(_rows(seed, 8), net))
    assert result.summary["unserved_tonnes"] == 0
    assert result.summary["method"] == "shortest_paths"


@SETTINGS
@given(seed=st.integers(0, 10_000))
def test_plan_is_identical_across_runs(seed: int) -> None:
    net = random_network(seed, throughput=True, groups=seed % 2 == 1)
    book = shipments_from_records(_rows(seed, 8, count=7), net)
    caps = {sorted(net.countries)[-1]: 0.5}
    one, two = plan(net, book, max_share=caps), plan(net, book, max_share=caps)
    assert plan_dict(one) == plan_dict(two)
    assert shipments_csv(one) == shipments_csv(two)


@SETTINGS
@given(seed=st.integers(0, 10_000))
def test_sharing_a_capacity_never_lowers_the_optimum(seed: int) -> None:
    """Legs that share their capacity (a group) can carry no more than each alone."""
    net = random_network(seed, throughput=True, groups=True)
    book = shipments_from_records(_rows(seed, 8), net)
    shared = plan(net, book).summary["objective_usd"]
    legs = net.legs.copy()
    legs["capacity_group"] = ""
    separate = plan(net.replace(legs=legs), book).summary["objective_usd"]
    assert shared >= separate - 1e-6 * max(1.0, separate)


def test_cap_a_hair_below_one_is_solved() -> None:
    """Regression: a cap of 0.9999999999999999 gave GLOP 1e-16 coefficients (status 3)."""
    net = random_network(189)
    book = shipments_from_records(_rows(189, 8), net)
    key = sorted(net.countries - {"AA"})[0]
    loose = plan(net, book, max_share={key: 1.0}).summary["objective_usd"]
    hair = plan(net, book, max_share={key: 0.9999999999999999}).summary["objective_usd"]
    assert hair == loose

"""Capacity groups: legs that share one capacity (the Caspian ferry fleet serves several
crossings). Hand-solved on the tiny network: the China border l2 and the Caspian ferry l9 are
put in one group of 1,000,000 t/yr (see tests/test_plan_tiny.py for the route costs)."""

from __future__ import annotations

import dataclasses
import re

import pytest
from test_plan_tiny import C_CHINA, C_RUSSIA, CASPIAN, CHINA, RUSSIA, book, flows

from corridor.network_data.errors import SolverError
from corridor.network_data.model import Network
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan
from corridor.routing.plan.problem import build_problem
from corridor.routing.plan.solve import solve
from corridor.routing.plan.verify import verify


def _grouped(net: Network) -> Network:
    legs = net.legs.copy()
    legs.loc[["l2", "l9"], "capacity_tpy"] = 1_000_000.0
    legs.loc[["l2", "l9"], "capacity_group"] = "gate"
    return net.replace(legs=legs)


def test_group_rows_in_the_compiled_network(tiny_net: Network) -> None:
    c = compile_network(_grouped(tiny_net))
    grouped = [a for a in range(c.n_arcs) if c.cap_row[a] >= 0]
    assert sorted({c.leg_ids[c.arc_leg[a]] for a in grouped}) == ["l2", "l9"]
    assert len({int(c.cap_row[a]) for a in grouped}) == 1  # both legs, both directions
    assert c.row_group == ("gate",)
    assert list(c.row_capacity_tpy) == [1_000_000.0]


def test_group_capacity_is_shared(tiny_net: Network) -> None:
    net = _grouped(tiny_net)
    ungrouped = plan(tiny_net, book(tiny_net, ("ore", 1_500_000)))
    # each leg on its own: China takes l2's 1,000,000 t, the ferry the rest
    assert flows(ungrouped) == {("s1", CHINA): 1_000_000.0, ("s1", CASPIAN): 500_000.0}
    result = plan(net, book(net, ("ore", 1_500_000)))
    # shared: the cheaper China route takes the whole group, the rest goes round via Russia
    assert flows(result) == {("s1", CHINA): 1_000_000.0, ("s1", RUSSIA): 500_000.0}
    gate = result.summary["capacity_groups"]["gate"]
    assert gate["load_t"] == 1_000_000.0 and gate["utilisation"] == 1.0
    # one more tonne of the group saves the Russia route's extra cost over China
    assert gate["dual_usd_per_t"] == pytest.approx(C_RUSSIA - C_CHINA, abs=0.01)
    legs = result.legs.set_index(["leg_id", "from_id"])
    assert legs.loc[("l2", "kz-b"), "capacity_group"] == "gate"
    assert legs.loc[("l2", "kz-b"), "utilisation"] == 1.0
    # the group's unloaded members (l9 both ways, l2 backwards) are not listed: the group's
    # price is on its loaded member and in summary.capacity_groups
    gate_rows = result.legs[result.legs["capacity_group"] == "gate"]
    assert list(zip(gate_rows["leg_id"], gate_rows["from_id"])) == [("l2", "kz-b")]
    assert (result.legs["load_t"] > 0).all()


def test_group_bounds_unserved(tiny_net: Network) -> None:
    net = _grouped(tiny_net)
    result = plan(net, book(net, {"tonnes": 1_500_000, "avoid": "RU"}))
    rows = result.shipments.set_index(["shipment_id", "status"])
    assert rows.loc[("s1", "planned"), "tonnes"] == 1_000_000
    assert rows.loc[("s1", "unserved"), "tonnes"] == 500_000
    assert rows.loc[("s1", "unserved"), "reason"] == "capacity: gate"  # named by its group


def test_verify_catches_an_overloaded_group(tiny_net: Network) -> None:
    problem = build_problem(compile_network(tiny_net),
                            book(tiny_net, ("ore", 1_500_000)), params=CostParams())
    sol = solve(problem)
    verify(sol)  # fine on the network where each leg has its own capacity
    grouped = dataclasses.replace(problem, net=compile_network(_grouped(tiny_net)))
    with pytest.raises(SolverError, match=re.escape(
            "capacity group gate: load 1,500,000.000 t > capacity 1,000,000.000 t")):
        verify(dataclasses.replace(sol, problem=grouped))

"""Route queries on the tiny hand-solved network (unique optima, worked by hand).

Costs at 1,000 USD/t, carrying rate 0.08, no risk: time = 1000 × 0.08 × days / 365.
China route   Alpha→Bravo→Charlie→Delta→Juliet: freight 60+225+10, handling 20, 10 days
              = 315 + 2.19 = 317.19 USD/t
Caspian route Alpha→Hotel→Golf→Juliet: 250 + 40 + 85, 33 days = 375 + 7.23 = 382.23 USD/t
Russia route  Alpha→Echo→Foxtrot→Juliet: 150 + 500 + 8, 13 days = 658 + 2.85 = 660.85 USD/t
A CN penalty p adds 2p to the China route (two arcs depend on CN): it loses above
(382.23 − 317.19) / 2 = 32.52 USD/t.
"""

from __future__ import annotations

import dataclasses

import pytest

from corridor.network_data import InfeasibleError, InputError
from corridor.network_data.model import Network
from corridor.routing.costs import CostParams
from corridor.routing.query import find_routes


def test_best_route_and_breakdown(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore")
    best = answer.routes[0]
    assert best.nodes == ("kz-a", "kz-b", "cn-c", "cn-port", "jp-dest")
    assert best.cost_parts == {"freight": 295.0, "handling": 20.0, "time": 2.19, "risk": 0.0,
                               "dependency": 0.0}
    assert best.cost_total == pytest.approx(317.19, abs=0.01)
    assert best.transit_days == 10.0
    assert best.countries == ("KZ", "CN", "JP")


def test_alternatives_are_genuinely_different(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore", alternatives=5)
    assert [r.nodes[1] for r in answer.routes] == ["kz-b", "kz-port", "ru-e"]
    assert [r.cost_total for r in answer.routes] == pytest.approx([317.19, 382.23, 660.85],
                                                                   abs=0.01)
    assert len({r.signature for r in answer.routes}) == len(answer.routes)


def test_switch_threshold_is_computed(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore")
    (cn,) = [s for s in answer.switches if s.parameter == "penalty:CN"]
    assert cn.threshold == pytest.approx(32.52, abs=0.02)
    assert cn.winner.nodes[1] == "kz-port"
    # And it is true: just above the threshold the Caspian route is cheapest.
    above = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore",
                        params=CostParams(penalties={"CN": cn.threshold + 0.05}))
    below = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore",
                        params=CostParams(penalties={"CN": cn.threshold - 0.05}))
    assert above.routes[0].nodes[1] == "kz-port"
    assert below.routes[0].nodes[1] == "kz-b"


def test_penalty_is_added_per_leg_and_reported(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore",
                         params=CostParams(penalties={"CN": 10.0}))
    assert answer.routes[0].cost_parts["dependency"] == 20.0


def test_avoid_removes_country(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="test_ore",
                         params=CostParams(avoid=frozenset({"CN"})))
    assert all("CN" not in r.countries for r in answer.routes)
    assert answer.routes[0].nodes[1] == "kz-port"


def test_class7_commodity_uses_only_allowed_legs(tiny_net: Network) -> None:
    answer = find_routes(tiny_net, "Alpha", "Juliet", commodity="UOC")
    assert [r.nodes for r in answer.routes] == [("kz-a", "kz-port", "az-port", "jp-dest")]
    # Time cost scales with value: 100,000 × 0.08 × 33 / 365
    assert answer.routes[0].cost_parts["time"] == pytest.approx(723.29, abs=0.01)


def test_no_route_names_what_blocked_it(tiny_net: Network) -> None:
    with pytest.raises(InfeasibleError, match="avoids AZ"):
        find_routes(tiny_net, "Alpha", "Juliet", commodity="UOC",
                    params=CostParams(avoid=frozenset({"AZ"})))
    with pytest.raises(InfeasibleError, match="avoids CN, RU, trans_caspian"):
        find_routes(tiny_net, "Alpha", "Juliet", params=CostParams(
            avoid=frozenset({"CN", "RU", "trans_caspian"})))


def test_planned_legs_only_when_opened(tiny_net: Network) -> None:
    closed = find_routes(tiny_net, "Bravo", "Echo")
    opened = find_routes(tiny_net, "Bravo", "Echo", params=CostParams(
        open_statuses=frozenset({"operational", "planned"})))
    assert "l11" not in closed.routes[0].legs
    assert opened.routes[0].legs == ("l11",)


def test_unknown_names_are_all_reported(tiny_net: Network) -> None:
    with pytest.raises(InputError) as info:
        find_routes(tiny_net, "Alpah", "Nowhere", commodity="gold")
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 3
    assert "did you mean Alpha (kz-a)" in messages[0]


def test_risk_weight_prices_disruption(tiny_net: Network) -> None:
    legs = tiny_net.legs.copy()
    legs.loc["l3", "disruption_prob"] = 0.05
    legs.loc["l3", "risk_premium_share"] = 0.004
    legs.loc["l3", "expected_delay_days"] = 36.5
    risky = tiny_net.replace(legs=legs)
    answer = find_routes(risky, "Alpha", "Juliet", commodity="test_ore")
    # risk = 1 × 1000 USD/t × (0.4 % premium + 0.08/yr × 36.5 d / 365 d) = 4 + 8 = 12 USD/t
    assert answer.routes[0].cost_parts["risk"] == 12.0
    # a user's loss share replaces the premium by expected loss: 1000 × (0.05 × 0.3) + 8
    own = find_routes(risky, "Alpha", "Juliet", commodity="test_ore",
                      params=CostParams(loss_share=0.3))
    assert own.routes[0].cost_parts["risk"] == 23.0
    low = find_routes(risky, "Alpha", "Juliet", commodity="test_ore",
                      params=dataclasses.replace(CostParams(), risk_weight=0.0))
    assert low.routes[0].cost_parts["risk"] == 0.0
    # The original network is untouched (immutability).
    assert tiny_net.legs.loc["l3", "disruption_prob"] == 0.0

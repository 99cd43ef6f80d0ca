"""Problem data is immutable after loading: a network, its compiled arrays and the cost
parameters are values that a baseline and its scenarios can share."""

from __future__ import annotations

import pickle

import pytest

from corridor.network_data.errors import InfeasibleError, InputError
from corridor.network_data.model import Network
from corridor.routing.compile import compile_network
from corridor.routing.query import find_routes


def test_editing_a_table_never_changes_the_network(tiny_net: Network) -> None:
    before = find_routes(tiny_net, "Alpha", "Juliet", alternatives=0).routes[0].cost_total
    legs = tiny_net.legs
    legs["tariff_usd_per_tkm"] = 100.0  # a user's edit of what they were given
    legs.loc["l1", "status"] = "closed"
    nodes = tiny_net.nodes
    nodes["extra"] = 1
    assert "extra" not in tiny_net.nodes.columns
    assert (tiny_net.legs["tariff_usd_per_tkm"] < 100.0).all()
    assert tiny_net.legs.at["l1", "status"] == "operational"
    after = find_routes(tiny_net, "Alpha", "Juliet", alternatives=0).routes[0].cost_total
    assert after == before


def test_network_attributes_cannot_be_set(tiny_net: Network) -> None:
    with pytest.raises(AttributeError, match="immutable"):
        tiny_net.label = "other"  # type: ignore[misc]
    with pytest.raises(TypeError):
        tiny_net.leg_coords["l1"] = ()  # type: ignore[index]
    with pytest.raises(TypeError, match="unknown fields"):
        tiny_net.replace(edges=None)


def test_replace_makes_a_new_network_compiled_afresh(tiny_net: Network) -> None:
    legs = tiny_net.legs
    legs.loc["l3", "tariff_usd_per_tkm"] = 1.0  # China rail now dear
    dear = tiny_net.replace(legs=legs, label="dear")
    assert compile_network(dear) is not compile_network(tiny_net)
    assert dear.label == "dear" and tiny_net.label != "dear"
    base = find_routes(tiny_net, "Alpha", "Juliet", alternatives=0).routes[0]
    moved = find_routes(dear, "Alpha", "Juliet", alternatives=0).routes[0]
    assert "l3" in base.legs and "l3" not in moved.legs


def test_a_network_survives_pickling(tiny_net: Network) -> None:
    again = pickle.loads(pickle.dumps(tiny_net))
    assert again.legs.equals(tiny_net.legs) and dict(again.leg_coords) == dict(
        tiny_net.leg_coords)


def test_no_answer_is_not_bad_input() -> None:
    assert issubclass(InputError, ValueError)
    assert not issubclass(InfeasibleError, ValueError)

"""One selector vocabulary: what a user can name (country, passage, corridor, capacity group,
leg, place) resolves the same way in every option and book cell, and turns into arc masks."""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli
from tests_support import TINY

from corridor.network_data import InputError
from corridor.network_data.errors import PARAMETERS, InfeasibleError
from corridor.network_data.model import Network
from corridor.network_data.shipments import shipments_from_records
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan
from corridor.routing.query import find_routes


@pytest.mark.parametrize(("text", "kind", "name"), [
    ("CN", "country", "CN"), ("cn", "country", "CN"),
    ("trans_caspian", "corridor", "trans_caspian"), ("Trans_Caspian", "corridor", "trans_caspian"),
    ("l9", "leg", "l9"),
    ("kz-port", "node", "kz-port"), ("Hotel", "node", "kz-port"), ("Álpha town", "node", "kz-a"),
    ("node:Delta", "node", "cn-port"), ("country:ru", "country", "RU"), ("leg:l2", "leg", "l2"),
])
def test_words_resolve_to_their_selector(tiny_net: Network, text: str, kind: str,
                                         name: str) -> None:
    assert tiny_net.vocabulary.find(text) == Selector(kind, name)


def test_explicit_kind_that_does_not_match_names_nothing(tiny_net: Network) -> None:
    assert tiny_net.vocabulary.find("corridor:Charlie") is None
    assert tiny_net.vocabulary.find("node:trans_caspian") is None


def test_embedded_passages_groups_and_did_you_mean(net: Network) -> None:
    vocabulary = net.vocabulary
    assert vocabulary.find("Bab-el-Mandeb") == Selector("passage", "bab_el_mandeb")
    assert vocabulary.find("caspian_rail_ferry_fleet") == Selector(
        "group", "caspian_rail_ferry_fleet")
    with pytest.raises(InputError) as info:
        vocabulary.resolve_all(["suezz", "caspian_ferry_fleet", "CN"], field="avoid")
    messages = [str(p) for p in info.value.problems]
    assert len(messages) == 2  # both unknown words, reported together
    assert "(did you mean suez?)" in messages[0]
    assert "(did you mean caspian_rail_ferry_fleet?)" in messages[1]
    assert all(p.field == "avoid" for p in info.value.problems)


def test_selector_masks(tiny_net: Network) -> None:
    c = compile_network(tiny_net)
    legs_of = {leg: {a for a in range(c.n_arcs) if c.leg_ids[int(c.arc_leg[a])] == leg}
               for leg in c.leg_ids}
    node = c.node_index["cn-c"]
    assert set(np.flatnonzero(c.selector_mask(Selector("leg", "l9")))) == legs_of["l9"]
    assert set(np.flatnonzero(c.selector_mask(Selector("node", "cn-c")))) == {
        a for a in range(c.n_arcs) if node in (int(c.tail[a]), int(c.head[a]))}
    assert set(np.flatnonzero(c.selector_mask(Selector("corridor", "china")))) == \
        legs_of["l2"] | legs_of["l3"]
    assert set(np.flatnonzero(c.selector_mask(Selector("country", "AZ")))) == \
        legs_of["l9"] | legs_of["l10"]
    assert not c.selector_mask(Selector("leg", "l9")).flags.writeable


def test_avoiding_a_place_or_a_leg_in_a_route_query(tiny_net: Network) -> None:
    base = find_routes(tiny_net, "Alpha", "Juliet")
    assert "cn-c" in base.routes[0].nodes  # the China route is the cheapest
    answer = find_routes(tiny_net, "Alpha", "Juliet", params=CostParams(avoid={"Charlie"}))
    assert all("cn-c" not in r.nodes for r in answer.routes)
    answer = find_routes(tiny_net, "Alpha", "Juliet", params=CostParams(avoid={"leg:l9", "CN"}))
    assert all("l9" not in r.legs and "CN" not in r.countries for r in answer.routes)
    with pytest.raises(InfeasibleError, match="that avoids"):
        find_routes(tiny_net, "Alpha", "Juliet",
                    params=CostParams(avoid={"Charlie", "Echo", "Hotel"}))


def test_a_place_penalty_is_paid_once_per_visit(tiny_net: Network) -> None:
    route = find_routes(tiny_net, "Alpha", "Juliet", alternatives=0,
                        params=CostParams(penalties={"Charlie": 3.0})).routes[0]
    assert "cn-c" in route.nodes
    assert route.cost_parts["dependency"] == pytest.approx(3.0)
    leg = find_routes(tiny_net, "Alpha", "Juliet", alternatives=0,
                      params=CostParams(penalties={"l3": 2.5, "CN": 1.0})).routes[0]
    # l3 once, CN on each of the two arcs that depend on it (l2, l3)
    assert leg.cost_parts["dependency"] == pytest.approx(2.5 + 2 * 1.0)


def test_problems_name_the_parameter_not_an_option(tiny_net: Network) -> None:
    with pytest.raises(InputError) as info:
        find_routes(tiny_net, "Alpha", "Juliet", tonnes=-1,
                    params=CostParams(avoid={"XX"}, penalties={"CN": -2.0}))
    fields = sorted(p.field or "" for p in info.value.problems)
    assert fields == ["avoid", "penalty", "tonnes"]
    assert {p.source for p in info.value.problems} == {PARAMETERS}


def test_cost_params_are_values(tiny_net: Network) -> None:
    a = CostParams(penalties={"CN": 1.0, "RU": 2.0}, avoid={"suez", "IR"})
    b = CostParams(penalties={"RU": 2.0, "CN": 1.0}, avoid={"IR", "suez"})
    assert a == b and hash(a) == hash(b)
    r = CostParams(penalties={"cn": 1.0}, avoid={"Charlie"}).resolved(tiny_net.vocabulary)
    assert r.penalty_pairs == ((Selector("country", "CN"), 1.0),)
    assert r.avoid == frozenset({Selector("node", "cn-c")})
    assert hash(r) == hash(dataclasses.replace(r))


def test_share_cap_on_a_leg_and_book_avoid_on_a_place(tiny_net: Network) -> None:
    book = shipments_from_records([
        {"shipment_id": "a", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 1000},
        {"shipment_id": "b", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 1000, "avoid": ["Charlie"]},
    ], tiny_net)
    assert book.avoid[1] == frozenset({Selector("node", "cn-c")})
    free = plan(tiny_net, book)
    capped = plan(tiny_net, book, max_share={"l3": 0.25})
    rows = free.shipments
    via_c = rows[rows["nodes"].apply(lambda n: "cn-c" in n)]
    assert set(via_c["shipment_id"]) == {"a"}  # b avoids Charlie
    on_l3 = capped.shipments[capped.shipments["legs"].apply(lambda legs: "l3" in legs)]
    assert on_l3["tonnes"].sum() <= 0.25 * 2000 + 1e-6
    assert capped.summary["max_share"] == {"leg:l3": 0.25}


def test_compiled_once_per_network_instance(tiny_net: Network) -> None:
    other = tiny_net.replace(label="scenario")
    a, b = compile_network(tiny_net), compile_network(other)
    assert a is not b
    # alternating between a baseline and a scenario recompiles neither
    assert compile_network(tiny_net) is a and compile_network(other) is b


def test_command_line_names_places_and_legs(tmp_path: Path) -> None:
    net = ("--network", str(TINY))
    out = run_cli("route", "Alpha", "Juliet", "--avoid", "Charlie,leg:l9", "--json", *net)
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["query"]["avoid"] == ["leg:l9", "node:cn-c"]
    assert all("cn-c" not in r["nodes"] and "l9" not in r["legs"] for r in doc["routes"])
    bad = run_cli("route", "Alpha", "Juliet", "--avoid", "Charly", *net)
    assert bad.returncode == 2
    assert bad.stderr.startswith("error: command line, field --avoid: 'Charly' names no")
    assert "did you mean Charlie (cn-c)" in bad.stderr and "Traceback" not in bad.stderr
    book = tmp_path / "book.csv"
    book.write_text("shipment_id,origin,destination,commodity,tonnes,avoid\n"
                    "a,Alpha,Juliet,ore,1000,\nb,Alpha,Juliet,ore,1000,Hotel\n")
    res = run_cli("plan", str(book), "--max-share", "l3=0.25", "--json", *net)
    assert res.returncode == 0, res.stderr
    summary = json.loads(res.stdout)["summary"]
    assert summary["max_share"] == {"leg:l3": 0.25}

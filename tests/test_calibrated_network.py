"""The calibrated embedded network, checked as a planner of these corridors would check it:
the routes they know, the published figures, passages as keys, port calls, capacities on the
bottlenecks, risk priced as the market prices it."""

from __future__ import annotations

import numpy as np
import pytest

from corridor.network_data.load import check_warnings
from corridor.network_data.model import Network
from corridor.routing.calibrate import calibrate
from corridor.routing.compile import compile_network
from corridor.routing.costs import CostParams
from corridor.routing.figures import check_figures, summarise
from corridor.routing.query import find_routes

SEA = {"sea", "passage"}


def _modes(answer, route) -> set[str]:  # type: ignore[no-untyped-def]
    return {answer.compiled.mode[a] for a in route.arcs}


# ---- a planner's sanity suite (issue item 10) -------------------------------------------

def test_altynkol_to_baku_stays_on_land_and_crosses_at_aktau_or_kuryk(net: Network) -> None:
    answer = find_routes(net, "Altynkol", "Baku", commodity="rare_earth_concentrate")
    assert not _modes(answer, answer.routes[0]) & SEA  # no sea detour (it used to go via Suez)
    caspian = {net.resolve_place("Aktau"), net.resolve_place("Kuryk")}
    # the Middle Corridor's own crossing is on the list, and is the answer once Russia is out
    assert any(caspian & set(r.nodes) for r in answer.routes)
    no_ru = find_routes(net, "Altynkol", "Baku", commodity="rare_earth_concentrate",
                        params=CostParams(avoid=frozenset({"RU"})))
    assert caspian & set(no_ru.routes[0].nodes)
    assert 5 <= no_ru.routes[0].transit_days <= 14  # published 9 d (KTZ, o020)


def test_oskemen_to_st_petersburg_by_russian_rail(net: Network) -> None:
    answer = find_routes(net, "Oskemen", "St Petersburg", commodity="rare_earth_concentrate")
    best = answer.routes[0]
    assert set(best.corridors) <= {"kazakh_rail", "russia_north", "sea"}
    assert not _modes(answer, best) & SEA
    assert best.transit_days < 10


def test_moscow_to_vostochny_by_the_trans_siberian(net: Network) -> None:
    answer = find_routes(net, "Moscow", "Vostochny", commodity="rare_earth_concentrate")
    best = answer.routes[0]
    assert not _modes(answer, best) & SEA
    assert net.resolve_place("Novosibirsk") in best.nodes
    assert 6 <= best.transit_days <= 20  # 7 d express, 11-20 d ordinary [103d][103e]


def test_kashgar_to_tashkent_by_the_irkeshtam_road(net: Network) -> None:
    # Today's China-Kyrgyzstan-Uzbekistan link is a truck over Irkeshtam to Osh (the railway
    # via Torugart is under construction): the shortest way from Kashgar into the Fergana
    # valley, far shorter than the rail loop through Kazakhstan.
    answer = find_routes(net, "Kashgar", "Tashkent")
    best = answer.routes[0]
    assert {net.resolve_place("Irkeshtam"), net.resolve_place("Osh")} <= set(best.nodes)
    assert "KG" in best.countries and "KZ" not in best.countries
    assert 800 <= best.distance_km <= 1100  # the 2017 test convoy drove 920 km [nm-022]
    via_kz = [r for r in answer.routes if "KZ" in r.countries]
    assert via_kz and via_kz[0].distance_km > 2 * best.distance_km


def test_an_all_land_route_is_offered_where_the_best_one_goes_to_sea(net: Network) -> None:
    # Xi'an to Tianjin port is cheapest by rail to Lianyungang and a coastal ship; the
    # all-rail route on the same Chinese corridor is a different choice and must be listed.
    answer = find_routes(net, "Xi'an", "Tianjin")
    assert answer.routes[0].by_sea
    land = [r for r in answer.routes if not r.by_sea]
    assert land and land[0].cost_total > answer.routes[0].cost_total
    assert land[0].land_signature[:2] == answer.routes[0].land_signature[:2]


def test_black_sea_route_to_japan_sails_via_suez(net: Network) -> None:
    # Kazakhstan-Japan contract of Dec 2025: Caspian, Azerbaijan, Georgia or Türkiye, then sea
    answer = find_routes(net, "Oskemen", "Yokohama", commodity="rare_earth_concentrate",
                         params=CostParams(avoid=frozenset({"CN", "RU"})))
    best = answer.routes[0]
    assert "trans_caspian" in best.corridors
    assert "suez" in best.passages and "panama" not in best.passages
    assert "cape_of_good_hope" not in best.passages


def test_avoiding_china_costs_more_and_takes_longer_in_published_proportions(
        net: Network) -> None:
    kw = dict(commodity="rare_earth_concentrate", alternatives=0, explain=False)
    best = find_routes(net, "Oskemen", "Yokohama", **kw).routes[0]  # type: ignore[arg-type]
    assert "china" in best.corridors
    north = find_routes(net, "Oskemen", "Yokohama", **kw,  # type: ignore[arg-type]
                        params=CostParams(avoid=frozenset({"CN"}))).routes[0]
    middle = find_routes(net, "Oskemen", "Yokohama", **kw,  # type: ignore[arg-type]
                         params=CostParams(avoid=frozenset({"CN", "RU"}))).routes[0]
    assert "russia_north" in north.corridors and "trans_caspian" in middle.corridors
    assert best.cost_total < north.cost_total < middle.cost_total
    assert best.transit_days < middle.transit_days

    def tariff(r):  # type: ignore[no-untyped-def]
        return r.cost_parts["freight"] + r.cost_parts["handling"]
    # Middle Corridor "about a third" [21] "up to 1.5x" [87] dearer than the northern route;
    # accepted with a tenth of slack either side for a route ending in Japan, not the EU
    assert 1.2 <= tariff(middle) / tariff(north) <= 1.65


@pytest.mark.parametrize("origin", ["Tashkent", "Termez"])
def test_afghan_route_is_an_alternative_to_the_arabian_sea(net: Network, origin: str) -> None:
    answer = find_routes(net, origin, "Karachi", commodity="tungsten_concentrate")
    assert any("afghan_pakistan" in r.corridors and "AF" in r.countries for r in answer.routes)


def test_tungsten_to_karachi_risk_is_a_market_share_of_value(net: Network) -> None:
    # It used to be ~3 % of value per trip on the Middle Corridor; insurance and war-risk
    # premiums are tenths of a percent, closure delays a few days of carrying cost.
    answer = find_routes(net, "Tashkent", "Karachi", commodity="tungsten_concentrate")
    for route in answer.routes:
        assert route.cost_parts["risk"] <= 0.015 * 20000


# ---- passages are keys of their own (item 5) -------------------------------------------

def test_passages_are_keys_not_coastal_states(net: Network) -> None:
    compiled = compile_network(net)
    assert {"suez", "bab_el_mandeb", "hormuz", "malacca", "bosporus", "dardanelles",
            "gibraltar", "panama", "cape_of_good_hope"} <= set(compiled.passages)
    legs = net.legs.set_index("passage")
    assert set(legs.loc["suez", "territory"]) == {"EG"}
    assert set(legs.loc["panama", "territory"]) == {"PA"}
    for strait in ("gibraltar", "malacca", "bab_el_mandeb", "cape_of_good_hope"):
        assert not legs.loc[strait, "territory"], strait
    # no sea leg makes a coastal state a transit state
    sea = net.legs[net.legs["mode"] == "sea"]
    assert all(not t for t in sea["territory"])


def test_avoiding_suez_goes_round_the_cape(net: Network) -> None:
    base = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False)
    assert "suez" in base.routes[0].passages
    cape = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False,
                       params=CostParams(avoid=frozenset({"suez"})))
    assert "cape_of_good_hope" in cape.routes[0].passages
    assert "suez" not in cape.routes[0].passages
    assert cape.routes[0].transit_days > base.routes[0].transit_days + 5


def test_east_asia_to_the_us_east_coast_sails_via_panama(net: Network) -> None:
    # The all-water Asia–US East Coast services run through Panama (G17: Shanghai–New York
    # 19,744 km via Panama, against ~26,800 via the Cape); the US-bound lanes cost more
    # than Asia–Europe for the same distance (Drewry WCI Feb 2025: Shanghai–New York $5,126,
    # Shanghai–Rotterdam $2,618 per 40 ft [sv-002]).
    for origin in ("Shanghai", "Busan", "Yokohama"):
        best = find_routes(net, origin, "New York", alternatives=0, explain=False).routes[0]
        assert "panama" in best.passages, origin
        assert not {"suez", "cape_of_good_hope"} & set(best.passages), origin
    ny = find_routes(net, "Shanghai", "New York", alternatives=0, explain=False).routes[0]
    assert 19_000 < ny.distance_km < 21_000
    rtm = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False).routes[0]
    parts = ("freight", "handling")
    assert sum(ny.cost_parts[p] for p in parts) > 1.3 * sum(rtm.cost_parts[p] for p in parts)


def test_north_sea_to_new_york_crosses_the_north_atlantic(net: Network) -> None:
    best = find_routes(net, "Rotterdam", "New York", alternatives=0, explain=False).routes[0]
    assert best.distance_km < 7_000 and "gibraltar" not in best.passages


def test_a_passage_penalty_applies_once_per_crossing(net: Network) -> None:
    base = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False)
    pen = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False,
                      params=CostParams(penalties={"suez": 3.0}))
    assert pen.routes[0].arcs == base.routes[0].arcs
    assert pen.routes[0].cost_parts["dependency"] == 3.0


def test_no_route_passes_a_port_without_a_call(net: Network) -> None:
    compiled = compile_network(net)
    kind = compiled.node_kind
    for origin, dest in (("Poti", "Yokohama"), ("Shanghai", "New York"),
                         ("Karachi", "Los Angeles"), ("Vostochny", "Rotterdam")):
        answer = find_routes(net, origin, dest, alternatives=2, explain=False)
        for route in answer.routes:
            inner = [compiled.node_index[n] for n in route.nodes[1:-1]]
            quays = [n for n in inner if kind[n] == "seaport"]
            # a quay in the middle of a route is a transshipment: reached and left by a call
            for q in quays:
                i = route.nodes.index(compiled.node_ids[q])
                before, after = route.arcs[i - 1], route.arcs[i]
                assert compiled.mode[before] == "transfer" and compiled.mode[after] in (
                    "transfer", "rail", "road")


def test_port_calls_cost_handling_and_days(net: Network) -> None:
    answer = find_routes(net, "Shanghai", "Yokohama", alternatives=0, explain=False)
    calls = [a for a in answer.routes[0].arcs if answer.compiled.mode[a] == "transfer"]
    assert len(calls) == 2  # loading at Shanghai, discharge at Yokohama
    assert answer.routes[0].cost_parts["handling"] > 0


# ---- capacities, classes, figures --------------------------------------------------------

def test_every_corridor_has_a_capacity_and_no_port_can_be_passed(net: Network) -> None:
    assert check_warnings() == []


@pytest.mark.parametrize(("a", "b"), [("Dostyk", "Alashankou"), ("Altynkol", "Khorgos"),
                                      ("Beyuk Kesik", "Gardabani"),
                                      ("Torkham", "Torkham (PK side)"),
                                      ("Serakhs (TM)", "Sarakhs (IR)"),
                                      ("Akhalkalaki", "Akhalkalaki (1,435 mm side)")])
def test_bottleneck_crossings_have_capacities(net: Network, a: str, b: str) -> None:
    ids = {net.resolve_place(a), net.resolve_place(b)}
    legs = net.legs[net.legs["from_id"].isin(ids) & net.legs["to_id"].isin(ids)]
    assert len(legs) and legs["capacity_tpy"].notna().all()


@pytest.mark.parametrize("port", ["Aktau", "Kuryk", "Baku", "Poti", "Batumi", "Constanta",
                                  "St Petersburg", "Novorossiysk", "Vostochny",
                                  "Bandar Abbas", "Karachi", "Mersin"])
def test_bottleneck_ports_have_capacities(net: Network, port: str) -> None:
    node = net.resolve_place(port)
    legs = net.legs_at(node)
    thr = net.nodes.at[node, "throughput_tpy"]
    assert thr == thr or legs["capacity_tpy"].notna().any(), port


def test_cargo_classes_move_at_their_own_rates(net: Network) -> None:
    compiled = compile_network(net)
    kz = [i for i, leg in enumerate(compiled.leg_ids)
          if net.legs.at[leg, "rate_id"] == "rail:KZ"]
    bulk, box = compiled.class_index("bulk"), compiled.class_index("container")
    assert (compiled.class_days[bulk][kz] > compiled.class_days[box][kz]).all()
    commodities = net.commodities["cargo_class"]
    assert commodities["manganese_ore"] == "bulk"
    assert commodities["rare_earth_concentrate"] == "container"
    assert commodities["uranium_ore_concentrate"] == "class7"


def test_published_figures_are_met_where_fitted(net: Network) -> None:
    checks = check_figures(net)
    assert len(checks) >= 40
    assert all(c.model is not None for c in checks), [c.obs_id for c in checks if c.model is None]
    for s in summarise(checks, use="fit"):
        assert s.median_abs_error <= 0.15, s
    kinds = {c.kind for c in checks}
    assert kinds == {"days", "cost"}
    # every corridor has published figures behind it
    corridors = {compile_network(net).corridor[a] for c in checks for a in c.arcs}
    assert {"kazakh_rail", "china", "trans_caspian", "afghan_pakistan", "iran",
            "russia_north", "uzbek_turkmen", "sea", "eu_overland"} <= corridors


def test_rates_carry_provenance_and_lie_within_their_bounds(net: Network) -> None:
    rates = net.rates
    assert ((rates["value"] >= rates["low"] * (1 - 1e-9)) &
            (rates["value"] <= rates["high"] * (1 + 1e-9))).all()
    fitted = rates[rates["basis"] == "fitted"]
    assert len(fitted) >= 20 and all(len(f) for f in fitted["fitted_to"])
    assert all(len(p) for p in rates["provenance"])


def test_calibration_reproduces_the_shipped_rates(net: Network) -> None:
    result = calibrate(net)
    rates = net.rates
    for r, c, k, v in zip(rates["rate_id"], rates["cargo_class"], rates["component"],
                          rates["value"]):
        assert np.isclose(result.values[(r, c, k)], v, rtol=1e-9), (r, c, k)


# ---- alternatives a planner reads (item 8) -----------------------------------------------

PAIRS = [("Oskemen", "Yokohama"), ("Tashkent", "Karachi"), ("Almaty", "Rotterdam"),
         ("Navoi", "Busan"), ("Poti", "Yokohama"), ("Oskemen", "Poti"), ("Aktobe", "Hamburg")]


@pytest.mark.parametrize(("origin", "destination"), PAIRS)
def test_alternatives_are_not_near_copies(net: Network, origin: str, destination: str) -> None:
    from corridor.routing.paths import SAME_ROUTE_SHARE

    answer = find_routes(net, origin, destination, alternatives=4, explain=False)
    ends = {answer.compiled.node_country[answer.compiled.node_index[n]]
            for n in (answer.origin, answer.destination)}
    for i, a in enumerate(answer.routes):
        for b in answer.routes[i + 1:]:
            same_states = ([c for c in a.land_countries if c not in ends] ==
                           [c for c in b.land_countries if c not in ends])
            close = abs(a.cost_total - b.cost_total) <= SAME_ROUTE_SHARE * min(
                a.cost_total, b.cost_total)
            assert not (same_states and a.passages == b.passages and close), (
                answer.route_name(a), answer.route_name(b))


@pytest.mark.parametrize(("origin", "destination"), PAIRS)
def test_what_would_change_the_choice_is_never_false(net: Network, origin: str,
                                                     destination: str) -> None:
    import dataclasses

    from corridor.routing.explain import route_choice

    answer = find_routes(net, origin, destination, commodity="rare_earth_concentrate")
    best = answer.routes[0]
    home = route_choice(answer.compiled, list(best.arcs))
    for s in answer.switches:  # each reported switch happens just past its threshold
        step = 0.02 if s.parameter.startswith("penalty:") else 0.002
        x = s.threshold + (step if s.direction == "above" else -step)
        p = answer.params
        params = (dataclasses.replace(p, penalties={**dict(p.penalty_pairs), s.parameter[8:]: x})
                  if s.parameter.startswith("penalty:")
                  else dataclasses.replace(p, risk_weight=max(x, 0.0)))
        moved = find_routes(net, origin, destination, commodity="rare_earth_concentrate",
                            params=params, alternatives=0, explain=False).routes[0]
        assert route_choice(answer.compiled, list(moved.arcs)) != home, s.sentence(str)
    if not any(s.parameter == "risk_weight" for s in answer.switches):
        # "no risk weight from 0 to 100 changes it" must hold at both ends of that range
        for w in (0.0, 100.0):
            moved = find_routes(net, origin, destination, commodity="rare_earth_concentrate",
                                params=CostParams(risk_weight=w), alternatives=0,
                                explain=False).routes[0]
            assert route_choice(answer.compiled, list(moved.arcs)) == home, w


def test_switch_sentences_use_the_right_article() -> None:
    from corridor.routing.explain import article

    assert [article(k) for k in ("AZ", "IR", "RU", "CN", "KZ", "UZ", "suez", "hormuz")] == \
        ["an", "an", "an", "a", "a", "a", "a", "a"]


def test_a_misspelt_passage_gets_a_suggestion(net: Network) -> None:
    from corridor.network_data import InputError
    from corridor.network_data.vocabulary import Selector

    with pytest.raises(InputError) as info:
        net.vocabulary.resolve_all(["bosporous"], field="avoid")
    assert "(did you mean bosporus?)" in str(info.value.problems[0])
    assert net.vocabulary.resolve_all(["Bab-el-Mandeb", "cn"], field="avoid") == (
        Selector("passage", "bab_el_mandeb"), Selector("country", "CN"))

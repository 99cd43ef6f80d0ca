"""The embedded network: coverage, names, provenance, reachability by independent routes."""

from __future__ import annotations

import itertools

import pytest

from corridor.network_data import check_network
from corridor.network_data.model import Network
from corridor.routing.costs import CostParams
from corridor.routing.query import find_routes

REQUIRED_PLACES = [
    # Kazakh rail and origins
    "Oskemen", "Almaty", "Astana", "Karaganda", "Shymkent", "Aktobe", "Atyrau", "Beyneu",
    "Aktogay", "Moyinty", "Zhezkazgan", "Saryagash", "Bakhty",
    # China
    "Dostyk", "Alashankou", "Altynkol", "Khorgos", "Lianyungang", "Tianjin", "Qingdao",
    "Shanghai",
    # Trans-Caspian
    "Aktau", "Kuryk", "Turkmenbashi", "Baku", "Tbilisi", "Poti", "Batumi", "Anaklia",
    "Akhalkalaki", "Kars", "Mersin", "Samsun", "Istanbul", "Constanta",
    # Afghanistan-Pakistan
    "Termez", "Hairatan", "Mazar-i-Sharif", "Torkham", "Peshawar", "Karachi", "Port Qasim",
    "Gwadar",
    # Iran
    "Sarakhs", "Incheh Borun", "Bandar Abbas", "Chabahar",
    # Russia
    "Novosibirsk", "Vostochny", "St Petersburg",
    # Uzbekistan, Turkmenistan
    "Tashkent", "Navoi", "Bukhara", "Keles", "Turkmenabat", "Ashgabat",
    # chokepoints
    "Bosporus", "Dardanelles", "Suez", "Bab-el-Mandeb", "Hormuz", "Malacca", "Gibraltar",
    "Cape of Good Hope",
    # destinations
    "Yokohama", "Kobe", "Nagoya", "Busan", "Rotterdam", "Hamburg", "Los Angeles", "New York",
]
ORIGINS = ["Oskemen", "Almaty", "Astana", "Karaganda", "Shymkent", "Aktobe", "Tashkent",
           "Navoi"]
CHOKEPOINTS = ["Bosporus", "Dardanelles", "Suez", "Bab-el-Mandeb", "Hormuz", "Malacca",
               "Gibraltar", "Cape of Good Hope"]
CORRIDORS = {"kazakh_rail", "china", "trans_caspian", "afghan_pakistan", "iran",
             "russia_north", "uzbek_turkmen", "sea"}
COMMODITIES = ["rare_earth_concentrate", "rare_earth_oxide", "uranium_ore_concentrate",
               "tungsten_concentrate", "beryllium", "tantalum_niobium", "manganese_ore",
               "chrome_ore"]


def test_embedded_network_is_valid_and_large_enough(net: Network) -> None:
    assert check_network() == []
    assert len(net.nodes) >= 80
    assert len(net.legs) >= 150
    assert net.corridors >= CORRIDORS


@pytest.mark.parametrize("place", REQUIRED_PLACES)
def test_required_place_exists(net: Network, place: str) -> None:
    assert net.places.get(place) is not None, place


def test_origins_and_destinations_are_flagged(net: Network) -> None:
    origins = set(net.nodes.index[net.nodes["is_origin"]])
    assert {net.resolve_place(o) for o in ORIGINS} <= origins
    dest = net.nodes[net.nodes["is_destination"]]
    assert {"JP", "KR", "NL", "DE", "RO", "US"} <= set(dest["country"])
    us = dest[dest["country"] == "US"]
    assert (us["lon"] < -100).any() and (us["lon"] > -100).any(), "US east and west coast"


@pytest.mark.parametrize("spelling", ["Ust-Kamenogorsk", "Öskemen", "oskemen", "Усть-Каменогорск",
                                      "ウスチ・カメノゴルスク", "ウスケメン"])
def test_oskemen_spellings(net: Network, spelling: str) -> None:
    assert net.resolve_place(spelling) == net.resolve_place("Oskemen")


@pytest.mark.parametrize(("typed", "meant"), [("横浜", "Yokohama"), ("连云港", "Lianyungang"),
                                              ("Баку", "Baku"), ("Alat", "Baku")])
def test_local_spellings(net: Network, typed: str, meant: str) -> None:
    assert net.resolve_place(typed) == net.resolve_place(meant)


@pytest.mark.parametrize("name", ["Baku", "Istanbul", "Aktau", "Poti", "Karachi"])
def test_port_names_reach_the_port(net: Network, name: str) -> None:
    assert net.nodes.at[net.resolve_place(name), "kind"] == "seaport"


@pytest.mark.parametrize("name", CHOKEPOINTS)
def test_chokepoints_are_nodes(net: Network, name: str) -> None:
    assert net.nodes.at[net.resolve_place(name), "kind"] == "chokepoint"


def test_every_leg_has_provenance_and_sources_are_complete(net: Network) -> None:
    assert all(len(p) > 0 for p in net.legs["provenance"])
    used = {t for p in net.legs["provenance"] for t in p} - {"computed", "estimated"}
    assert used <= set(net.sources.index)
    assert net.sources["url"].str.startswith("http").all()
    assert (net.sources["title"].str.len() > 0).all()


def test_transfers_borders_and_statuses(net: Network) -> None:
    legs = net.legs
    assert (legs["mode"] == "border").sum() >= 10
    assert (legs["mode"] == "transfer").sum() >= 10
    assert {"operational", "planned", "under_construction"} <= set(legs["status"])
    gauges = net.nodes["gauge_mm"].dropna().astype(int)
    assert {1435, 1520, 1676} <= set(gauges)
    # Every gauge change happens on a border or transfer leg (validated; asserted here too).
    g = net.nodes["gauge_mm"].to_dict()
    for leg in legs.itertuples():
        ga, gb = g[leg.from_id], g[leg.to_id]
        if ga == ga and gb == gb and ga != gb and ga and gb:
            assert leg.mode in ("border", "transfer", "sea", "ferry", "road"), leg.leg_id


@pytest.mark.parametrize("commodity", COMMODITIES)
def test_commodities(net: Network, commodity: str) -> None:
    row = net.commodities.loc[commodity]
    assert row["value_usd_per_t"] > 0 and len(row["provenance"]) > 0


def test_uranium_is_class7(net: Network) -> None:
    row = net.commodities.loc["uranium_ore_concentrate"]
    assert row["hazard_class"] == "7" and bool(row["class7_only_legs"])
    assert net.resolve_commodity("UOC") == "uranium_ore_concentrate"
    assert net.resolve_commodity("yellowcake") == "uranium_ore_concentrate"


def _transit(net: Network, route_countries: tuple[str, ...], o: str, d: str) -> frozenset[str]:
    return frozenset(route_countries) - {net.nodes.at[o, "country"], net.nodes.at[d, "country"]}


DESTINATIONS = ["Yokohama", "Kobe", "Nagoya", "Busan", "Rotterdam", "Hamburg", "Constanta",
                "Los Angeles", "New York"]


@pytest.mark.parametrize(("origin", "destination"),
                         list(itertools.product(ORIGINS, DESTINATIONS)))
def test_three_routes_with_different_transit_states(net: Network, origin: str,
                                                    destination: str) -> None:
    """Three routes whose transit states differ, and one that needs neither CN nor RU."""
    answer = find_routes(net, origin, destination, alternatives=2, explain=False)
    transits = {_transit(net, r.countries, answer.origin, answer.destination)
                for r in answer.routes}
    assert len(transits) == 3
    free = find_routes(net, origin, destination, alternatives=0, explain=False,
                       params=CostParams(avoid=frozenset({"CN", "RU"})))
    assert not {"CN", "RU"} & set(free.routes[0].countries)


def test_black_sea_ports_leave_through_the_straits(net: Network) -> None:
    answer = find_routes(net, "Poti", "Rotterdam", alternatives=0, explain=False)
    passages = answer.routes[0].passages
    assert passages[:2] == ("bosporus", "dardanelles"), passages


def test_closing_suez_sends_asia_europe_round_the_cape(net: Network) -> None:
    suez = net.resolve_place("Suez")  # the canal's name answers to its Port Said end
    no_risk = CostParams(risk_weight=0.0)
    open_ = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False,
                        params=no_risk)
    assert "suez" in open_.routes[0].passages
    closed = find_routes(net, "Shanghai", "Rotterdam", alternatives=0, explain=False,
                         params=CostParams(risk_weight=0.0, avoid=frozenset({"node:" + suez})))
    assert "cape_of_good_hope" in closed.routes[0].passages
    assert closed.routes[0].distance_km > open_.routes[0].distance_km + 4000
    # Sea totals agree with the maritime reference (searoute: 19,472 km / 25,621 km) to 4 %
    # (the chain through passage ends and ports' sea sides is a little longer).
    assert open_.routes[0].distance_km == pytest.approx(19472, rel=0.04)
    assert closed.routes[0].distance_km == pytest.approx(25621, rel=0.04)

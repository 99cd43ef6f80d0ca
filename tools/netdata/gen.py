"""Generate the embedded network's tables (nodes, legs, sources, commodities, rates).

    python tools/netdata/gen.py           # writes network_data/data/*.csv (rates at their priors)
    python tools/netdata/build.py         # gen.py, then the calibration of the rates

Inputs, all in this folder: ``gen_nodes.py`` and ``gen_legs.py`` (places and land legs from the
fact sheet), ``gen_more.py`` (places and corridors added in 2026: EU overland, northern and
Iranian Caspian, INSTC west, Iran–Türkiye, Kyrgyzstan and Tajikistan, Kungrad–Beyneu, more
ports), ``gen_sea.py`` (passages, ports' sea sides, sea legs), ``rate_priors.csv`` (the rates
legs name, with their priors and bounds), ``risk_inputs.csv`` (insurance premiums, closure
delays and disruption odds per corridor segment and passage), ``capacities.csv`` (capacities
on the bottlenecks) and the source lists (``sources_facts.csv``: the fact sheet's, frozen;
``sources_2026.csv``; ``sources_*.csv``).
``observations.csv`` (published end-to-end figures) lives in ``network_data/data`` itself.

How a leg gets its figures (see ``rate_of`` and ``risk_scope_of``): its rate by mode and the
countries of its ends (``rail:KZ``, ``border:CN-KZ``, ``port:GE``, ``passage:suez``...), its
risk by the same segment (``risk_inputs.csv``), its capacity where a source gives one.
"""
import csv
import importlib.util
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gen_legs  # noqa: E402
import gen_sea  # noqa: E402
import sources_gen  # noqa: E402
from gen_legs import LEGS, add, gc_km  # noqa: E402
from gen_nodes import NODES  # noqa: E402

OUT = os.environ.get("NETDATA_OUT", os.path.join(HERE, "..", "..", "corridor", "network_data", "data"))

NODE_COLS = ["node_id", "name", "aliases", "country", "kind", "lat", "lon", "coord_provenance",
             "gauge_mm", "throughput_tpy", "is_origin", "is_destination", "provenance", "notes"]
LEG_COLS = ["leg_id", "from_id", "to_id", "mode", "corridor", "distance_km", "rate_id",
            "tariff_fixed_usd_per_t", "tariff_usd_per_tkm", "transit_days", "capacity_tpy",
            "capacity_group", "territory", "control", "passage", "disruption_prob", "risk_premium_share",
            "expected_delay_days", "status", "status_year", "allows_class7", "bidirectional", "waypoints",
            "provenance", "notes"]
SRC_COLS = ["source_id", "title", "publisher", "year", "url"]
COM_COLS = ["commodity_id", "name", "aliases", "value_usd_per_t", "hazard_class",
            "class7_only_legs", "cargo_class", "provenance", "notes"]
RATE_COLS = ["rate_id", "cargo_class", "component", "value", "prior", "low", "high", "basis",
             "provenance", "fitted_to", "notes"]
EU = {"PL", "DE", "NL", "FR", "BE", "CZ", "SK", "HU", "AT", "RO"}


# -----------------------------------------------------------------------------------------
# 2026 additions (gen_more.py)
# -----------------------------------------------------------------------------------------
def load_more():
    path = os.path.join(HERE, "gen_more.py")
    if not os.path.exists(path):
        return None
    spec = importlib.util.spec_from_file_location("gen_more", path)
    more = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(more)
    return more


def add_more(more):
    for n in more.NEW_NODES:
        n = dict(n)
        n["aliases"] = list(n.get("aliases") or [])
        n["coord_provenance"] = list(n.get("coord_provenance") or ["estimated"])
        n["provenance"] = list(n.get("provenance") or [])
        assert n["node_id"] not in NODES, n["node_id"]
        NODES[n["node_id"]] = n
    for nid, extra in getattr(more, "ALIASES", {}).items():
        known = set(NODES[nid]["aliases"])
        NODES[nid]["aliases"].extend(a for a in extra if a not in known and a != NODES[nid]["name"])
    for leg in more.NEW_LEGS:
        a, b = leg["from_id"], leg["to_id"]
        dist, dprov, dnote = leg.get("distance_km"), list(leg.get("distance_provenance") or []), leg.get("distance_note", "")
        if dist is None:
            factor = {"rail": 1.25, "road": 1.3, "ferry": 1.1}.get(leg["mode"])
            if factor:
                dist = round(gc_km(a, b) * factor / 5) * 5
                dprov = ["estimated"]
                dnote = f"distance = great-circle × {factor} (estimated; GC {gc_km(a, b):.0f} km)"
        prov = []
        for p in dprov + list(leg.get("capacity_provenance") or []):
            if p not in prov:
                prov.append(p)
        territory = []
        for c in (NODES[a]["country"], NODES[b]["country"]):
            if c and c not in territory:
                territory.append(c)
        add(dict(from_id=a, to_id=b, mode=leg["mode"], corridor=leg["corridor"], distance_km=dist,
                 capacity_tpy=leg.get("capacity_tpy"), territory=territory, control=list(leg.get("control") or []),
                 status=leg.get("status") or "operational", status_year=leg.get("status_year"),
                 allows_class7=bool(leg.get("allows_class7")), provenance=prov or ["estimated"],
                 notes="; ".join(x for x in (dnote, leg.get("capacity_note", ""), leg.get("notes", "")) if x)))
    for a, b in getattr(more, "NEW_SEA", []):
        a = gen_sea.PASSAGE_SIDE.get(a, a)
        b = gen_sea.PASSAGE_SIDE.get(b, b)
        if not any({x, y} == {a, b} for x, y, *_ in gen_sea.SEA):
            gen_sea.sea(a, b)


# -----------------------------------------------------------------------------------------
# rates and risk scopes per leg
# -----------------------------------------------------------------------------------------
PORT_GROUP = {
    "RUVYP": "RU_east", "RUVVO": "RU_east", "RULED": "RU_baltic", "RUULU": "RU_baltic", "RUNVS": "RU_black",
    "RUMCX": "caspian_RU", "ru-astrakhan-port": "caspian_RU", "ru-olya-port": "caspian_RU",
    "ir-amirabad-port": "caspian_IR", "ir-anzali-port": "caspian_IR",
    "KZAAU": "caspian_KZ", "KZKUR": "caspian_KZ", "AZBAK": "caspian_AZ", "TMKRW": "caspian_TM",
}
PORT_GROUP_BY_COUNTRY = {"NL": "EU", "DE": "EU"}


def port_group(port):
    n = NODES[port]
    return PORT_GROUP.get(port) or PORT_GROUP_BY_COUNTRY.get(n["country"]) or n["country"]


def rail_region(country):
    return "EU" if country in EU else country


def is_port_call(leg):
    kinds = {NODES[leg["from_id"]]["kind"], NODES[leg["to_id"]]["kind"]}
    return leg["mode"] == "transfer" and kinds == {"seaport", "waypoint"}


def quay(leg):
    return leg["from_id"] if NODES[leg["from_id"]]["kind"] == "seaport" else leg["to_id"]


def rate_of(leg):
    a, b = NODES[leg["from_id"]], NODES[leg["to_id"]]
    mode = leg["mode"]
    if mode == "rail":
        return f"rail:{rail_region(leg['territory'][0] if len(leg['territory']) == 1 else a['country'])}"
    if mode == "road":
        return f"road:{a['country']}"
    if mode == "border":
        return "border:" + "-".join(sorted({a["country"], b["country"]}))
    if mode == "passage":
        return f"passage:{leg['passage']}"
    if mode == "ferry":
        return "ferry:van" if "tr-van" in (leg["from_id"], leg["to_id"]) else "ferry:caspian"
    if mode == "sea":
        inside = [x for x in (leg["from_id"], leg["to_id"]) if _black_sea(x)]
        if len(inside) == 2:
            return "sea:blacksea"
        if {leg["from_id"], leg["to_id"]} & RUSSIAN_PORTS:
            return "sea:russia"
        if {leg["from_id"], leg["to_id"]} & US_PORTS_SEA:
            return "sea:us"
        return "sea:ocean"
    if mode == "transfer":
        if is_port_call(leg):
            return f"port:{port_group(quay(leg))}"
        if "seaport" in (a["kind"], b["kind"]):
            return "transfer:rail_port"
        if a["gauge_mm"] and b["gauge_mm"] and a["gauge_mm"] != b["gauge_mm"]:
            return "transfer:gauge"
        return "transfer:transload"
    raise ValueError(f"no rate for {leg['leg_id']} ({mode})")


def _black_sea(nid):
    for port in gen_sea.BLACK_SEA:
        if nid in (port, gen_sea.sea_side(port)):
            return True
    return False


# Iranian ports' approaches carry the Gulf/Gulf-of-Oman war rate once per call; the strait's
# own increment sits on the Hormuz passage leg (risk_inputs.csv: each zone charged once).
GULF_OF_OMAN = {"irbnd-sea", "irzbr-sea"}
# legs across the Pacific (to the US west coast and Panama's Pacific end): a trade lane priced
# apart (2025: Shanghai–Los Angeles $3,477/FEU over 10,600 km against Shanghai–Rotterdam
# $2,586 over 25,000 km via the Cape, Drewry WCI [cr26-146])
# the approaches to US ports: US-bound lanes are priced above their distance (sea:us)
US_PORTS_SEA = {"uslax-sea", "usnyc-sea", "usbal-sea", "ushou-sea"}
# Russia's ocean ports: the mainline carriers stopped calling in 2022 (sanctions, carrier
# avoidance [2]); regional lines and feeders serve them, so their legs take short-sea rates
RUSSIAN_PORTS = {"ruled-sea", "ruulu-sea", "runvs-sea", "ruvyp-sea", "ruvvo-sea"}
# the Trans-Siberian east of Novosibirsk (Eastern Polygon): rationed capacity
EASTERN_POLYGON = {frozenset(("ru-novosibirsk", "ru-ussuriysk")), frozenset(("ru-ussuriysk", "ru-vladivostok-rail")),
                   frozenset(("ru-ussuriysk", "ru-nakhodka-rail"))}
ARABIAN_SEA = {"pkkhi-sea", "pkbqm-sea", "pkgwd-sea"}


def risk_scope_of(leg):
    mode = leg["mode"]
    rate = leg["rate_id"]
    if mode == "rail" and frozenset((leg["from_id"], leg["to_id"])) in EASTERN_POLYGON:
        return "rail:RU_eastern_polygon"
    if mode in ("rail", "road", "border", "passage") or rate.startswith("port:"):
        return rate
    if mode == "ferry":
        return "sea:caspian" if rate == "ferry:caspian" else "rail:TR"
    if mode == "sea":
        ends = {leg["from_id"], leg["to_id"]}
        if rate == "sea:blacksea":
            return "sea:black_sea"
        if ends & GULF_OF_OMAN:
            return "sea:gulf_of_oman"
        if "bab-el-mandeb-south" in ends:
            return "sea:gulf_of_aden"
        if ends & ARABIAN_SEA:
            return "sea:arabian_sea"
        return "sea:ocean"
    return None  # transfers inside a country: no risk of their own


def read_csv(name):
    path = os.path.join(HERE, name)
    if not os.path.exists(path):
        return []
    with open(path, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def num(text):
    text = (text or "").strip()
    return float(text) if text else None


def apply_risk(legs):
    """Each leg's disruption odds, insurance premium and expected closure delay, from its
    segment's row in risk_inputs.csv. A road premium covers a transit of the country's road
    corridor, which takes several legs: it is spread over them in proportion to distance, so
    a route across the country pays it once, not once per leg."""
    rows = {r["scope"]: r for r in read_csv("risk_inputs.csv")}
    scope_of = {id(leg): risk_scope_of(leg) for leg in legs}
    road_km = {}
    for leg in legs:
        scope = scope_of[id(leg)]
        if scope and scope.startswith("road:"):
            road_km[scope] = road_km.get(scope, 0.0) + float(leg["distance_km"] or 0.0)
    for leg in legs:
        scope = scope_of[id(leg)]
        row = rows.get(scope) if scope else None
        if row is None:
            leg["disruption_prob"] = 0.0
            leg["risk_premium_share"] = 0.0
            leg["expected_delay_days"] = 0.0
            continue
        premium = num(row["premium_share"]) or 0.0
        note = f"risk figures: {scope} (risk_inputs)"
        if scope.startswith("road:") and premium:
            share = float(leg["distance_km"] or 0.0) / road_km[scope]
            premium *= share
            note += f"; its premium × {share:.3f} (this leg's share of the {scope} road km)"
        leg["disruption_prob"] = num(row["disruption_prob"]) or 0.0
        leg["risk_premium_share"] = round(premium, 8)
        leg["expected_delay_days"] = num(row["expected_delay_days"]) or 0.0
        for p in (row["provenance"] or "").split(";"):
            p = p.strip()
            if p and p not in leg["provenance"]:
                leg["provenance"].append(p)
        leg["notes"] = "; ".join(x for x in (leg["notes"], note) if x)


def apply_capacities(legs):
    by_ends = {}
    for leg in legs:
        by_ends.setdefault(frozenset((leg["from_id"], leg["to_id"])), []).append(leg)
    for row in read_csv("capacities.csv"):
        cap = num(row["capacity_tpy"])
        prov = [p.strip() for p in (row["provenance"] or "").split(";") if p.strip()]
        note = f"capacity {cap / 1e6:g} Mt/yr ({row['basis']}): {row['notes']}"
        if row["target"] == "node":
            n = NODES.get(row["node_id"])
            if n is None:
                print("capacities.csv: unknown node", row["node_id"], file=sys.stderr)
                continue
            n["throughput_tpy"] = cap
            n["provenance"] = n["provenance"] + [p for p in prov if p not in n["provenance"]]
            n["notes"] = "; ".join(x for x in (n["notes"], note) if x)
        else:
            matches = by_ends.get(frozenset((row["from_id"], row["to_id"])))
            if not matches:
                print("capacities.csv: no leg", row["from_id"], row["to_id"], file=sys.stderr)
                continue
            for leg in matches:
                if leg["capacity_group"]:
                    continue  # a shared capacity (Caspian fleet) stays the group's
                leg["capacity_tpy"] = cap
                leg["provenance"] += [p for p in prov if p not in leg["provenance"]]
                leg["notes"] = "; ".join(x for x in (leg["notes"], note) if x)


def rates_rows():
    out = []
    for r in read_csv("rate_priors.csv"):
        prov = [p.strip() for p in r["provenance"].split(";") if p.strip()]
        basis = "sourced" if any(p not in ("computed", "estimated") for p in prov) else \
            ("computed" if "computed" in prov else "estimated")
        out.append(dict(rate_id=r["rate_id"], cargo_class=r["cargo_class"], component=r["component"],
                        value=float(r["prior"]), prior=float(r["prior"]), low=float(r["low"]), high=float(r["high"]),
                        basis=basis, provenance=prov, fitted_to=[], notes=r["notes"]))
    return out


# -----------------------------------------------------------------------------------------
# sources and commodities
# -----------------------------------------------------------------------------------------
def sources_rows():
    # the fact sheet's source list, frozen in sources_facts.csv (refreshed by sources_gen.py)
    rows = [r for r in sources_gen.load() if r["source_id"] != "50c"]
    fixes = {
        "23": dict(publisher="Rodrigue, Port Economics, Management and Policy"),
        "58": dict(url="https://de.zxc.wiki/wiki/Nord-S%C3%BCd-Eisenbahn_(Iran)"),
        "68": dict(url="https://github.com/lukaszgajewski/pytradeshifts", year="2023",
                   title="WGI 2022 composite, normalised (data/stability_index/worldbank_governence_indicator_2022_normalised.csv; from Kaufmann & Kraay, WGI 2023 update)"),
        "112": dict(publisher="Astana Times", title="Kazakhstan, UK sign critical minerals roadmap (critical-minerals policy)"),
        "32": dict(title="Caspian storm closures (several reports 2018–2025)"),
        "33": dict(title="Caspian ice (maritime meteorological conditions)"),
    }
    for r in rows:
        r.update(fixes.get(r["source_id"], {}))
    rows.append(dict(source_id="searoute", title="searoute: maritime routing network and port list (PyPI package searoute 1.6.0)",
                     publisher="searoute authors (GitHub genthalili/searoute-py)", year="2024",
                     url="https://pypi.org/project/searoute/"))
    seen = {r["source_id"] for r in rows}
    for name in ("sources_2026.csv", "sources_obs.csv", "sources_rates.csv", "sources_risk.csv", "sources_more.csv"):
        for r in read_csv(name):
            if r["source_id"] not in seen:
                seen.add(r["source_id"])
                rows.append({c: r[c] for c in SRC_COLS})
    return rows


COMS = [
    # id, name, aliases, value USD/t, hazard class, Class-7 legs only, cargo class, note
    ("rare_earth_concentrate", "Rare-earth concentrate", ["REE concentrate", "rare earth concentrate", "REE conc", "RE concentrate",
                                                          "レアアース精鉱", "稀土精矿"], 5000, "", False, "container",
     "round order-of-magnitude estimate (mixed REE concentrate, value depends on TREO grade and NdPr share); no fact-sheet price. "
     "Moves in bags in containers"),
    ("rare_earth_oxide", "Rare-earth oxide", ["REO", "rare earth oxides", "TREO", "NdPr oxide", "稀土氧化物"], 40000, "", False,
     "container", "round order-of-magnitude estimate for mixed/separated REO; NdPr oxide trades higher. Moves in containers"),
    ("uranium_ore_concentrate", "Uranium ore concentrate", ["UOC", "U3O8", "yellowcake", "uranium", "uranium concentrate", "ウラン精鉱"],
     165000, "7", True, "class7",
     "value ≈ 75 USD/lb U3O8 × 2,204.6 lb/t ≈ 165,000 USD/t (estimated spot-order price). UN 2912 LSA-I, Class 7: may use only legs with "
     "allows_class7 = true (Kazatomprom routes: KZ rail, TITR via Aktau–Baku–Poti with chartered vessels, Russia rail to St Petersburg) "
     "[63a][63f][63j]. Packing 12.5 t net / 19.1 t gross per 20 ft [63i]."),
    ("tungsten_concentrate", "Tungsten concentrate (65 % WO3)", ["WO3 concentrate", "tungsten", "wolframite concentrate",
                                                                 "scheelite concentrate", "W concentrate"], 20000, "", False, "container",
     "estimated ~20,000 USD/t for 65 % WO3 concentrate (APT-linked); Boguty concentrator (opened Nov 2024) produces 65 % WO3 [72a]. "
     "Moves in bags or drums in containers"),
    ("beryllium", "Beryllium products", ["Be", "beryllium metal", "beryllium oxide", "BeO", "beryllium copper master alloy"], 500000, "",
     False, "container",
     "estimated ~500,000 USD/t for metal/oxide products (wide range by form); UMP Oskemen is one of ~3 producers worldwide [47i]. Not Class 7 (E)."),
    ("tantalum_niobium", "Tantalum and niobium products", ["tantalum", "niobium", "Ta", "Nb", "Ta/Nb", "columbium", "tantalum powder"],
     150000, "", False, "container",
     "estimated ~150,000 USD/t for Ta/Nb products (Ta powder/wire far higher, Nb oxide lower); UMP is one of ~5 Ta producers [47i]. Not Class 7 (E)."),
    ("manganese_ore", "Manganese ore", ["Mn ore", "manganese", "manganese concentrate"], 200, "", False, "bulk",
     "estimated ~200 USD/t (seaborne 37–44 % Mn ore order of magnitude); Central Asia ≈40 % of world Mn-ore reserves [72c]. Bulk: open wagons, bulk carriers"),
    ("chrome_ore", "Chrome ore", ["chromite", "chromium ore", "Cr ore", "chrome concentrate"], 300, "", False, "bulk",
     "estimated ~300 USD/t (chrome ore/concentrate order of magnitude); Kazakhstan largest chromite reserves (230 Mt), 3rd producer [72b]. Bulk"),
    ("ferrochrome", "Ferrochrome", ["FeCr", "high-carbon ferrochrome", "HC FeCr", "ferrochromium"], 1300, "", False, "bulk",
     "estimated ~1,300 USD/t (high-carbon ferrochrome order of magnitude); KZ ferrochrome shipped to Korea via Lianyungang [45d]. "
     "Bulk (wagons, bulk or break-bulk ships)"),
    ("copper_concentrate", "Copper concentrate", ["Cu concentrate", "copper", "copper ore concentrate"], 2500, "", False, "bulk",
     "estimated ~2,500 USD/t (≈25 % Cu concentrate order of magnitude); Zhezkazgan/East Kazakhstan origins. Bulk"),
]


def commodity_rows():
    return [dict(commodity_id=cid, name=name, aliases=al, value_usd_per_t=float(val), hazard_class=hz,
                 class7_only_legs=c7, cargo_class=cls, provenance=["estimated"], notes=note)
            for cid, name, al, val, hz, c7, cls, note in COMS]


# -----------------------------------------------------------------------------------------
# writing
# -----------------------------------------------------------------------------------------
def fmt(v):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ";".join(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(round(v, 8))
    return str(v)


def write(path, cols, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in cols])


def add_note_sources(rows, srcids):
    """Append the source ids cited in a row's notes to its provenance."""
    for r in rows:
        for m in re.findall(r"\[([0-9a-z]+(?:-[0-9]+)?)\]", r["notes"]):
            if m in srcids and m not in r["provenance"]:
                r["provenance"].append(m)


def build():
    more = load_more()
    if more is not None:
        add_more(more)
    gen_sea.build_passages()
    gen_sea.build_sea_legs()
    # sea and ferry legs meet at ports' sea sides, never at quays
    ports = gen_sea.sea_ports(LEGS)
    gen_sea.build_port_calls(ports)
    for leg in LEGS:
        if leg["mode"] in ("sea", "ferry"):
            for end in ("from_id", "to_id"):
                if NODES[leg[end]]["kind"] == "seaport":
                    leg[end] = gen_sea.sea_side(leg[end])
            leg["leg_id"] = f"{leg['from_id'].lower()}--{leg['to_id'].lower()}"
    for leg in LEGS:
        leg["rate_id"] = rate_of(leg)
    apply_capacities(LEGS)
    apply_risk(LEGS)
    return LEGS


if __name__ == "__main__":
    legs = build()
    os.makedirs(OUT, exist_ok=True)
    sources = sources_rows()
    ids = {s["source_id"] for s in sources}
    add_note_sources(NODES.values(), ids)
    add_note_sources(legs, ids)
    write(os.path.join(OUT, "nodes.csv"), NODE_COLS, NODES.values())
    write(os.path.join(OUT, "legs.csv"), LEG_COLS, legs)
    write(os.path.join(OUT, "sources.csv"), SRC_COLS, sources)
    write(os.path.join(OUT, "commodities.csv"), COM_COLS, commodity_rows())
    write(os.path.join(OUT, "rates.csv"), RATE_COLS, rates_rows())
    print(len(NODES), "nodes;", len(legs), "legs")

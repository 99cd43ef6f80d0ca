"""Checks on the generated CSVs (own rules + reachability)."""
import os
import csv
import math
import sys
import unicodedata
from collections import Counter, defaultdict

import networkx as nx

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
from network_data.schema import TABLES  # noqa: E402

D = sys.argv[1] if len(sys.argv) > 1 else os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "network_data", "data")
errs = []


def read(name):
    with open(f"{D}/{name}.csv", encoding="utf-8", newline="") as f:
        r = list(csv.reader(f))
    raw = open(f"{D}/{name}.csv", "rb").read()
    if b"\r" in raw:
        errs.append(f"{name}: CR in file")
    hdr = r[0]
    if tuple(hdr) != TABLES[name].column_names:
        errs.append(f"{name}: header mismatch {hdr}")
    return [dict(zip(hdr, row)) for row in r[1:]]


nodes, legs, srcs, coms = (read(x) for x in ("nodes", "legs", "sources", "commodities"))
N = {n["node_id"]: n for n in nodes}
if len(N) != len(nodes):
    errs.append("duplicate node ids")
ids = Counter(l["leg_id"] for l in legs)
errs += [f"dup leg id {k}" for k, v in ids.items() if v > 1]
sids = {s["source_id"] for s in srcs}
if len(sids) != len(srcs):
    errs.append("dup source")
TAGS = {"computed", "estimated"}


def norm(t):
    d = unicodedata.normalize("NFKD", t)
    return unicodedata.normalize("NFC", "".join(c.casefold() for c in d if not unicodedata.combining(c) and c.isalnum()))


def hav(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (float(N[a]["lat"]), float(N[a]["lon"]), float(N[b]["lat"]), float(N[b]["lon"])))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


# required fields
for name, rows in (("nodes", nodes), ("legs", legs), ("sources", srcs), ("commodities", coms)):
    for c in TABLES[name].columns:
        for r in rows:
            if c.required and r[c.name].strip() == "":
                errs.append(f"{name} {list(r.values())[0]}: required {c.name} empty")
            v = r[c.name]
            if v and c.dtype == "list" and (" ;" in v or "; " in v) and c.name != "waypoints":
                errs.append(f"{name} {list(r.values())[0]}: spaces in list {c.name}")
            if v and c.dtype == "bool" and v not in ("true", "false"):
                errs.append(f"{name}: bad bool {v}")
            if v and c.dtype == "float":
                float(v)
            if v and c.dtype == "int":
                assert float(v).is_integer()

# node checks; names/aliases unique after normalisation
owner = {}
for n in nodes:
    lat, lon = float(n["lat"]), float(n["lon"])
    if not (-90 <= lat <= 90 and -180 <= lon <= 180):
        errs.append(f"coord {n['node_id']}")
    for t in n["coord_provenance"].split(";") + [p for p in n["provenance"].split(";") if p]:
        if t not in sids and t not in TAGS:
            errs.append(f"node {n['node_id']} bad prov {t}")
    keys = [n["node_id"], n["name"]] + [a for a in n["aliases"].split(";") if a]
    for k in keys:
        nk = norm(k)
        if nk in owner and owner[nk] != n["node_id"]:
            errs.append(f"name/alias '{k}' on {n['node_id']} also on {owner[nk]}")
        owner.setdefault(nk, n["node_id"])
# leg checks
used = set()
for l in legs:
    a, b = l["from_id"], l["to_id"]
    if a not in N or b not in N:
        errs.append(f"leg {l['leg_id']} unknown node")
        continue
    used |= {a, b}
    if a == b:
        errs.append(f"self loop {l['leg_id']}")
    for t in l["provenance"].split(";"):
        if t not in sids and t not in TAGS:
            errs.append(f"leg {l['leg_id']} bad prov {t}")
    if l["distance_km"]:
        gc = hav(a, b)
        margin = 1.0 if l["mode"] == "sea" else 1.01
        if float(l["distance_km"]) < gc * margin:
            errs.append(f"leg {l['leg_id']} distance {l['distance_km']} < GC {gc:.1f} * 1.01")
    if l["mode"] == "rail" and N[a]["gauge_mm"] != N[b]["gauge_mm"]:
        errs.append(f"rail gauge mismatch {l['leg_id']}")
    if l["mode"] == "rail" and (not N[a]["gauge_mm"] or not N[b]["gauge_mm"]):
        errs.append(f"rail leg to non-rail node {l['leg_id']}")
    if l["mode"] in ("sea",) and (N[a]["kind"] not in ("seaport", "chokepoint") or N[b]["kind"] not in ("seaport", "chokepoint")):
        errs.append(f"sea leg to land node {l['leg_id']}")
    if l["mode"] in ("rail", "road") and (N[a]["kind"] in ("seaport", "chokepoint") or N[b]["kind"] in ("seaport", "chokepoint")):
        errs.append(f"land leg to port {l['leg_id']}")
    if l["mode"] == "border" and N[a]["country"] == N[b]["country"]:
        errs.append(f"border leg within one country {l['leg_id']}")
    p = float(l["disruption_prob"])
    if not 0 <= p <= 1:
        errs.append(f"prob {l['leg_id']}")
    if l["status"] not in ("operational", "under_construction", "planned"):
        errs.append("status")
    if l["waypoints"]:
        pts = [tuple(map(float, c.split())) for c in l["waypoints"].split(";")]
        if len(pts) > 16:
            errs.append(f"too many waypoints {l['leg_id']} {len(pts)}")
        for x, y in pts:
            if not (-180 <= x <= 180 and -90 <= y <= 90):
                errs.append(f"waypoint range {l['leg_id']}")
unused = set(N) - used
errs += [f"node not on any leg: {u}" for u in sorted(unused)]
for c in coms:
    for t in c["provenance"].split(";"):
        if t not in sids and t not in TAGS:
            errs.append(f"commodity bad prov {t}")

# ---------------------------------------------------------------- reachability
G = nx.MultiDiGraph()
for l in legs:
    if l["status"] != "operational":
        continue
    dep = set(l["territory"].split(";")) | {x for x in l["control"].split(";") if x}
    a, b = l["from_id"], l["to_id"]
    G.add_edge(a, b, dep=dep, c7=l["allows_class7"] == "true")
    if l["bidirectional"] == "true":
        G.add_edge(b, a, dep=dep, c7=l["allows_class7"] == "true")
origins = [n["node_id"] for n in nodes if n["is_origin"] == "true"]
dests = [n["node_id"] for n in nodes if n["is_destination"] == "true"]


def reach(avoid, c7=False):
    H = nx.DiGraph()
    H.add_nodes_from(G.nodes)
    for a, b, d in G.edges(data=True):
        if d["dep"] & avoid:
            continue
        if N[a]["country"] in avoid and N[a]["kind"] != "chokepoint":
            continue
        if N[b]["country"] in avoid and N[b]["kind"] != "chokepoint":
            continue
        if c7 and not d["c7"]:
            continue
        H.add_edge(a, b)
    out = {}
    for o in origins:
        r = nx.descendants(H, o) if o in H else set()
        out[o] = [d for d in dests if d not in r]
    return out


scen = [set(), {"CN"}, {"RU"}, {"CN", "RU"}, {"CN", "RU", "IR"}, {"CN", "RU", "AZ", "GE"},
        {"CN", "RU", "AZ", "GE", "TR"}, {"CN", "RU", "IR", "AZ", "GE"}, {"CN", "RU", "IR", "AF"},
        {"CN", "RU", "TR"}]
for avoid in scen:
    miss = reach(avoid)
    bad = {o: m for o, m in miss.items() if m}
    tag = "REQUIRED" if avoid in ({"CN"}, {"RU"}, {"CN", "RU"}, {"CN", "RU", "IR"}, {"CN", "RU", "AZ", "GE"}, set()) else "info"
    print(f"avoid {sorted(avoid) or '-'} [{tag}]: ", "OK all origins→all destinations" if not bad else bad if len(str(bad)) < 400 else str(bad)[:400])
    if bad and tag == "REQUIRED":
        errs.append(f"reachability fails avoiding {avoid}")
# class 7 reachability
miss = reach(set(), c7=True)
print("Class-7 legs only:", {o: m for o, m in miss.items() if m} or "OK")
miss = reach({"RU"}, c7=True)
print("Class-7 avoiding RU:", {o: m for o, m in miss.items() if m} or "OK")
miss = reach({"RU", "CN"}, c7=True)
print("Class-7 avoiding RU+CN:", {o: m for o, m in miss.items() if m} or "OK")
# connectivity (all legs, undirected)
U = nx.Graph()
U.add_nodes_from(N)
for l in legs:
    U.add_edge(l["from_id"], l["to_id"])
print("connected components (all legs):", nx.number_connected_components(U))
Uo = nx.Graph()
Uo.add_nodes_from(N)
for l in legs:
    if l["status"] == "operational":
        Uo.add_edge(l["from_id"], l["to_id"])
comps = list(nx.connected_components(Uo))
print("components (operational):", len(comps), [sorted(c) for c in comps if len(c) < 10])
if nx.number_connected_components(U) != 1:
    errs.append("not connected")
print(f"{len(nodes)} nodes, {len(legs)} legs, {len(srcs)} sources, {len(coms)} commodities")
print("ERRORS:" if errs else "NO ERRORS", *errs, sep="\n  ")

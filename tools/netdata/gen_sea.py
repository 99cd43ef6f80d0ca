"""The sea side of the embedded network: passages, ports' sea sides, ocean and Caspian legs.

Modelling rules (why the sea graph looks as it does):

* A **passage** (canal, strait, cape) is a leg of mode ``passage`` between its two ends (e.g.
  ``suez-north`` at Port Said and ``suez-south`` at Suez), with the passage's key (``suez``).
  A route that crosses it uses that one leg, so closing, penalising or capping the passage
  is exact, and a route that only touches one end (Mersin → Port Said → Aegean) does not
  count as crossing it. Only a canal's operator, or the state controlling a strait in
  practice, is a transit state of the passage leg (Egypt, Panama, Türkiye for the Turkish
  straits under the Montreux regime, Iran at Hormuz since its 2026 permissioned transits);
  the coastal states of an international strait are not.
* A **port** has a quay node (the seaport, where rail and trucks arrive and where cargo is
  booked to) and a sea side (a waypoint at the same place). Sea and ferry legs meet only at
  sea sides, chokepoint ends and open-sea waypoints. The quay and its sea side are joined by a
  **port call** (a ``transfer`` leg with the port's handling and dwell), so a route calling
  at a port pays for it, a transshipment pays two calls, and a route sailing past a port
  pays nothing because it never leaves the sea side.
* Sea legs carry no state's territory (the open sea), and their distance and line come from
  the searoute maritime network between their ends (``sea.py``, cached).
"""
from gen_legs import LEGS, add
from gen_nodes import NODES, node
from sea import sea_route

# passage key -> (name, controlling states, note, end A, end B); an end is (id, name, lat, lon)
PASSAGES = {
    "suez": ("Suez Canal", ["EG"], "canal run by the Suez Canal Authority (Egypt)",
             ("suez-north", "Suez Canal, Port Said end", 31.32, 32.36),
             ("suez-south", "Suez Canal, Suez end", 29.88, 32.56)),
    "bab_el_mandeb": ("Bab-el-Mandeb", [], "international strait (Yemen, Djibouti, Eritrea are coastal states)",
                      ("bab-el-mandeb-north", "Bab-el-Mandeb, Red Sea side", 13.05, 43.05),
                      ("bab-el-mandeb-south", "Bab-el-Mandeb, Gulf of Aden side", 12.35, 43.75)),
    "hormuz": ("Strait of Hormuz", ["IR"],
               "Iran controls passage in practice since March 2026 (permissioned transits, tolls) [rk26-038]; Oman "
               "is the other coastal state",
               ("hormuz-west", "Strait of Hormuz, Gulf side", 26.45, 56.05),
               ("hormuz-east", "Strait of Hormuz, Gulf of Oman side", 25.95, 56.85)),
    "malacca": ("Strait of Malacca and Singapore Strait", [], "international strait",
                ("malacca-north", "Strait of Malacca, Andaman Sea end", 5.90, 97.60),
                ("malacca-south", "Singapore Strait, South China Sea end", 1.35, 104.45)),
    "sunda": ("Sunda Strait", [], "strait in Indonesian archipelagic waters (archipelagic sea-lanes passage)",
              ("sunda-north", "Sunda Strait, Java Sea end", -5.85, 106.05),
              ("sunda-south", "Sunda Strait, Indian Ocean end", -6.35, 105.45)),
    "gibraltar": ("Strait of Gibraltar", [], "international strait",
                  ("gibraltar-east", "Strait of Gibraltar, Mediterranean end", 36.00, -5.05),
                  ("gibraltar-west", "Strait of Gibraltar, Atlantic end", 35.85, -6.25)),
    "bosporus": ("Bosporus", ["TR"], "Turkish Straits: passage regulated by Türkiye under the Montreux Convention",
                 ("bosporus-north", "Bosporus, Black Sea end", 41.25, 29.15),
                 ("bosporus-south", "Bosporus, Sea of Marmara end", 40.97, 29.00)),
    "dardanelles": ("Dardanelles", ["TR"], "Turkish Straits: passage regulated by Türkiye under the Montreux Convention",
                    ("dardanelles-north", "Dardanelles, Sea of Marmara end", 40.43, 26.72),
                    ("dardanelles-south", "Dardanelles, Aegean end", 40.00, 26.15)),
    "panama": ("Panama Canal", ["PA"], "canal run by the Panama Canal Authority",
               ("panama-north", "Panama Canal, Atlantic end (Colón)", 9.42, -79.92),
               ("panama-south", "Panama Canal, Pacific end (Balboa)", 8.85, -79.50)),
    "cape_of_good_hope": ("Cape of Good Hope", [], "open-sea rounding of the Cape (no state controls it)",
                          ("cape-west", "Cape of Good Hope, Atlantic side", -34.50, 18.00),
                          ("cape-east", "Cape of Good Hope, Indian Ocean side (off Cape Agulhas)", -35.20, 20.30)),
}
PASSAGE_ALIASES = {
    "suez": ["Suez", "Suez canal", "قناة السويس", "Суэцкий канал", "スエズ運河"],
    "bab_el_mandeb": ["Bab el Mandeb", "Bab al-Mandab", "Red Sea strait", "باب المندب", "Баб-эль-Мандеб"],
    "hormuz": ["Hormuz", "Ormuz", "تنگه هرمز", "Ормузский пролив", "ホルムズ海峡"],
    "malacca": ["Malacca", "Singapore Strait", "Straits of Malacca", "マラッカ海峡", "Малаккский пролив"],
    "sunda": ["Sunda", "Selat Sunda"],
    "gibraltar": ["Gibraltar", "Estrecho de Gibraltar", "Гибралтар"],
    "bosporus": ["Bosphorus", "İstanbul Boğazı", "Босфор", "Turkish Straits"],
    "dardanelles": ["Çanakkale Boğazı", "Дарданеллы", "Hellespont"],
    "panama": ["Panama", "Canal de Panamá", "Панамский канал", "パナマ運河"],
    "cape_of_good_hope": ["Cape of Good Hope", "Cape route", "Kaap die Goeie Hoop", "мыс Доброй Надежды", "喜望峰"],
}
# open-sea junctions (no passage): where Indian-Ocean lanes split
WAYPOINTS = {
    "dondra-head": ("Dondra Head (open sea south of Sri Lanka)", 5.60, 80.60,
                    "Open-sea junction south of Sri Lanka where the Malacca, Arabian Sea, Red Sea and Cape lanes split."),
}

SEA_SIDE_SUFFIX = "-sea"


def sea_side(port):
    """The waypoint node of a port's sea side."""
    return port.lower() + SEA_SIDE_SUFFIX


def passage_end(key, which):
    return PASSAGES[key][3 if which == "a" else 4][0]


def build_passages():
    for key, (name, control, note, a, b) in PASSAGES.items():
        for nid, label, lat, lon in (a, b):
            # the passage's own name answers to its first end (a planner types "Bosporus")
            names = [name, *PASSAGE_ALIASES[key]] if nid == a[0] else []
            node(nid, label, "", "chokepoint", lat, lon, aliases=[n for n in names if n != label],
                 notes=f"End of the {name} passage ({key}); {note}.")
        km, wp, _ = sea_route((a[2], a[3]), (b[2], b[3]))
        add(dict(from_id=a[0], to_id=b[0], mode="passage", corridor="sea", passage=key, distance_km=round(km),
                 territory=list(control), control=[], waypoints=wp, allows_class7=True,
                 provenance=["searoute", "computed"],
                 notes=f"{name}: {note}; distance {round(km)} km computed with searoute between its ends"))
    for nid, (name, lat, lon, note) in WAYPOINTS.items():
        node(nid, name, "", "waypoint", lat, lon, notes=note)


# -----------------------------------------------------------------------------------------
# ports and their sea sides
# -----------------------------------------------------------------------------------------
# Ports a Class-7 (uranium) consignment may not call at: Kazakh UOC goes to China by rail for
# Chinese buyers and west via St Petersburg or TITR/Poti on chartered vessels [63a][63f][63j];
# no Class-7 sea shipment is recorded through the others.
NON_C7_PORTS = {"PKKHI", "PKBQM", "PKGWD", "IRBND", "IRZBR", "TRMER", "TRSSX", "TRAMR", "RUNVS", "GEBUS",
                "ge-anaklia", "RUVYP", "RUVVO", "CNLYG", "CNTXG", "CNTAO", "CNSHA", "CNDLC"}


def build_port_calls(ports):
    """A sea side and a port-call leg for every port that has sea or ferry legs."""
    for port in ports:
        n = NODES[port]
        node(sea_side(port), f"{n['name']} (sea side)", "", "waypoint", n["lat"], n["lon"], cprov=n["coord_provenance"],
             notes=f"Where ships arriving at or passing {n['name']} are; a port call joins it to the quay.")
        add(dict(from_id=port, to_id=sea_side(port), mode="transfer", corridor="sea", distance_km=0.0,
                 territory=[n["country"]], allows_class7=port not in NON_C7_PORTS, status=n.get("port_status", "operational"),
                 status_year=n.get("port_status_year"), provenance=["computed"],
                 notes=f"port call at {n['name']}: loading or discharge and the wait for the vessel"))


SEA = []  # (a, b, corridor, status, year): a and b are ports (their sea sides are used) or sea nodes


def sea(a, b, corridor="sea", status="operational", year=None):
    SEA.append((a, b, corridor, status, year))


EA_CN = ["CNLYG", "CNTXG", "CNTAO", "CNSHA"]
EA_JK = ["JPYOK", "JPUKB", "JPNGO", "KRPUS"]
RU_EAST = ["RUVYP", "RUVVO"]
T = "trans_caspian"

for p in EA_CN:
    for d in EA_JK:
        sea(p, d)
for p in RU_EAST:
    for d in EA_JK:
        sea(p, d)
for p in EA_CN + EA_JK + ["RUVYP"]:
    sea(p, "USLAX")
    sea(p, "malacca-south")
for p in EA_CN + EA_JK:
    sea(p, "sunda-north")
for p in ["CNSHA", "KRPUS"]:
    sea(p, "panama-south")
sea("malacca-north", "dondra-head")
sea("malacca-south", "USLAX")
sea("sunda-south", "cape-east")
sea("sunda-south", "dondra-head")
for p in ["PKKHI", "PKBQM", "PKGWD", "IRZBR"]:
    sea("dondra-head", p)
    sea(p, "bab-el-mandeb-south")
    sea(p, "cape-east")
    sea(p, "hormuz-east")
sea("dondra-head", "hormuz-east")
sea("dondra-head", "bab-el-mandeb-south")
sea("dondra-head", "cape-east")
sea("hormuz-east", "bab-el-mandeb-south")
sea("hormuz-east", "cape-east")
sea("IRBND", "hormuz-west")
sea("bab-el-mandeb-north", "suez-south")
sea("suez-north", "gibraltar-east")
sea("suez-north", "TRMER")
sea("suez-north", "dardanelles-south")
sea("TRMER", "gibraltar-east")
sea("TRMER", "dardanelles-south")
sea("dardanelles-south", "gibraltar-east")
sea("dardanelles-north", "TRAMR")
sea("dardanelles-north", "bosporus-south")
sea("bosporus-south", "TRAMR")
for p in ["GEPTI", "GEBUS", "ROCND", "TRSSX", "RUNVS"]:
    sea(p, "bosporus-north", corridor=T if p[:2] in ("GE", "TR") else "sea")
sea("ge-anaklia", "bosporus-north", corridor=T, status="planned", year=2029)
sea("GEPTI", "ROCND", corridor=T)
sea("GEBUS", "ROCND", corridor=T)
sea("GEPTI", "TRSSX", corridor=T)
sea("GEBUS", "TRSSX", corridor=T)
sea("ge-anaklia", "ROCND", corridor=T, status="planned", year=2029)
for d in ["NLRTM", "DEHAM", "USNYC", "USBAL", "USHOU"]:
    sea("gibraltar-west", d)
    sea("cape-west", d)
sea("cape-west", "gibraltar-west")
sea("gibraltar-west", "panama-north")
for d in ["USNYC", "USBAL", "USHOU"]:
    sea("panama-north", d)
sea("panama-south", "USLAX")
# the North Atlantic: North Sea ports straight to the US East and Gulf coasts
for p in ["NLRTM", "DEHAM"]:
    for d in ["USNYC", "USBAL", "USHOU"]:
        sea(p, d)
for p in ["RULED", "RUULU"]:
    for d in ["NLRTM", "DEHAM", "USNYC", "USBAL", "gibraltar-west"]:
        sea(p, d)

# Black Sea: legs with both ends in it take the Black Sea short-sea rate and risk
BLACK_SEA = {"GEPTI", "GEBUS", "ROCND", "TRSSX", "RUNVS", "ge-anaklia", "bosporus-north"}
# the generic passage names other files use, per sea basin they are reached from
PASSAGE_SIDE = {"panama": "panama-south", "malacca": "malacca-south", "sunda": "sunda-north"}

CASPIAN_FLEET = "caspian_rail_ferry_fleet"
FERRIES = [
    # a, b, corridor, distance km, provenance, note
    ("KZAAU", "AZBAK", T, 468, ["searoute", "computed", "75", "28e"],
     "distance 468 km (253 nm) computed with searoute to the Baku point (fact sheet C1; ~450 km [75]); sailing ~22 h [28e]; "
     "Kazatomprom's TITR uranium route [63a]"),
    ("KZKUR", "AZBAK", T, 468, ["searoute", "computed", "28e"],
     "distance 468 km (253 nm) computed (fact sheet C2); sailing 18 h [28e]"),
    ("TMKRW", "AZBAK", T, 330, ["estimated"],
     "distance 330 km estimated (GC ~308 km × ~1.07): the fact sheet's 250 km (C3) was computed to the old Baku city port; "
     "low water cut tank-car loads −37 % on Baku–Turkmenbashi [31d]"),
    ("KZAAU", "TMKRW", T, 485, ["searoute", "computed", "84"],
     "distance 485 km (262 nm) computed with searoute (fact sheet G31); Aktau–Turkmenbashi feeder precedent [84]"),
]


def build_sea_legs():
    """Ocean, short-sea and Caspian ferry legs between sea sides and sea nodes."""
    def end(x):
        return sea_side(x) if NODES[x]["kind"] == "seaport" else x

    for a, b, corridor, status, year in SEA:
        na, nb = NODES[a], NODES[b]
        km, wp, passages = sea_route((na["lat"], na["lon"]), (nb["lat"], nb["lon"]))
        km = round(km)
        add(dict(from_id=end(a), to_id=end(b), mode="sea", corridor=corridor, distance_km=km, territory=[],
                 status=status, status_year=year, waypoints=wp,
                 allows_class7=not (a in NON_C7_PORTS or b in NON_C7_PORTS),
                 provenance=["searoute", "computed"],
                 notes=f"distance {km} km computed with searoute 1.6.0 between the end points (line simplified)"))
    for a, b, corridor, km, prov, note in FERRIES:
        add(dict(from_id=sea_side(a), to_id=sea_side(b), mode="ferry", corridor=corridor, distance_km=km,
                 capacity_tpy=4.5e6, capacity_group=CASPIAN_FLEET, territory=[NODES[a]["country"], NODES[b]["country"]],
                 allows_class7=a == "KZAAU" and b == "AZBAK", provenance=prov + ["30a"],
                 notes=note + "; capacity 4.5 Mt/yr = the whole Caspian rail-ferry fleet (~95,000 wagons) [30a], "
                              "shared by the ferry crossings (capacity group)"))


def sea_ports(legs=LEGS):
    """Seaports that sea or ferry legs touch (they get a sea side and a port call)."""
    ports = set()
    for a, b, *_ in SEA:
        ports.update(x for x in (a, b) if NODES[x]["kind"] == "seaport")
    for a, b, *_ in FERRIES:
        ports.update((a, b))
    for leg in legs:
        if leg["mode"] in ("sea", "ferry"):
            ports.update(x for x in (leg["from_id"], leg["to_id"]) if x in NODES and NODES[x]["kind"] == "seaport")
    return sorted(ports)

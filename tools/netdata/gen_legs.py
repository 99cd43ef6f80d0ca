"""Land legs of the embedded network: rail, road, border crossings and transfers.

Legs carry what is specific to them: distance, capacity, status, Class-7 permission and the
sources of those. What they cost and how long they take comes from the rate they name
(``rates.csv``: per mode, region and cargo class, fitted to published figures), and their risk
from ``risk_inputs.csv`` (per corridor segment and passage): both are assigned by ``gen.py``
from the leg's mode and the countries of its ends.
"""
import math

from gen_nodes import NODES

LEGS = []


def gc_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (NODES[a]["lat"], NODES[a]["lon"], NODES[b]["lat"], NODES[b]["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def add(leg):
    leg.setdefault("bidirectional", True)
    leg.setdefault("status", "operational")
    leg.setdefault("status_year", None)
    leg.setdefault("control", [])
    leg.setdefault("waypoints", "")
    leg.setdefault("capacity_tpy", None)
    leg.setdefault("capacity_group", "")
    leg.setdefault("allows_class7", False)
    leg.setdefault("passage", "")
    leg["leg_id"] = f"{leg['from_id'].lower()}--{leg['to_id'].lower()}"
    LEGS.append(leg)
    return leg


def terr(a, b, extra=()):
    out = []
    for c in [NODES[a]["country"], NODES[b]["country"], *extra]:
        if c and c not in out:
            out.append(c)
    return out


def _prov(*groups):
    out = []
    for group in groups:
        for p in group:
            if p not in out:
                out.append(p)
    return out


def _join(*parts):
    return "; ".join(p for p in parts if p)


def rail(a, b, corridor, dist=None, dprov=None, dnote="", cap=None, cprov=(), cnote="", status="operational",
         year=None, c7=False, rnote="", extra_terr=(), control=(), note=""):
    if dist is None:
        dist = round(gc_km(a, b) * 1.25 / 5) * 5
        dprov = ["estimated"]
        dnote = f"distance = great-circle × 1.25 (estimated; GC {gc_km(a, b):.0f} km)"
    return add(dict(from_id=a, to_id=b, mode="rail", corridor=corridor, distance_km=dist, capacity_tpy=cap,
                    territory=terr(a, b, extra_terr), control=list(control), status=status, status_year=year,
                    allows_class7=c7, provenance=_prov(dprov or [], cprov),
                    notes=_join(dnote, cnote, rnote and f"risk context: {rnote}", note)))


def road(a, b, corridor, dist=None, dprov=None, dnote="", rnote="", cap=None, note="", status="operational", year=None):
    if dist is None:
        dist = round(gc_km(a, b) * 1.3 / 5) * 5
        dprov = ["estimated"]
        dnote = f"distance = great-circle × 1.3 (estimated; GC {gc_km(a, b):.0f} km)"
    return add(dict(from_id=a, to_id=b, mode="road", corridor=corridor, distance_km=dist, capacity_tpy=cap,
                    territory=terr(a, b), status=status, status_year=year, allows_class7=False,
                    provenance=_prov(dprov or []), notes=_join(dnote, rnote and f"risk context: {rnote}", note)))


def border(a, b, corridor, cap=None, cprov=(), cnote="", rnote="", status="operational", year=None, c7=False,
           dist=None, control=(), note=""):
    ga, gb = NODES[a]["gauge_mm"], NODES[b]["gauge_mm"]
    gauge = f"gauge change {ga}/{gb} mm here" if ga and gb and ga != gb else ""
    return add(dict(from_id=a, to_id=b, mode="border", corridor=corridor, distance_km=dist, capacity_tpy=cap,
                    territory=terr(a, b), control=list(control), status=status, status_year=year,
                    allows_class7=c7, provenance=_prov(cprov) or ["estimated"],
                    notes=_join(gauge, cnote, rnote and f"risk context: {rnote}", note)))


def transfer(a, b, corridor, prov=(), note="", cap=None, c7=False, status="operational", year=None):
    return add(dict(from_id=a, to_id=b, mode="transfer", corridor=corridor, distance_km=None, capacity_tpy=cap,
                    territory=terr(a, b), status=status, status_year=year, allows_class7=c7,
                    provenance=_prov(prov) or ["estimated"], notes=note))


K = 'kazakh_rail'
rail('kz-oskemen', 'kz-shar', K, 151, ['47g'], 'distance 151 km sourced [47g]', c7=True, note='single line, PPP concession; Class-7 use needed special certification (2012) [47h]')
rail('kz-shar', 'kz-semey', K, 179, ['estimated'], 'distance 179 km estimated = Oskemen–Semey via Shar ~330 km (E) minus 151 km', c7=True)
rail('kz-shar', 'kz-ayagoz', K, 225, ['estimated'], 'distance estimated (Shar–Aktogay ~380 km (E) split by GC)', c7=True)
rail('kz-ayagoz', 'kz-aktogay', K, 155, ['estimated'], 'distance estimated (Shar–Aktogay ~380 km (E) split by GC)', c7=True)
rail('kz-aktogay', 'kz-dostyk', K, 310, ['estimated'], 'distance ~310 km (fact sheet E, A3)', c7=True, note='Dzungarian Gate winds >25 m/s halt work [70]; part of the Dostyk–Moyinty doubling [47a]')
rail('kz-aktogay', 'kz-moyinty', K, 526, ['47a', 'computed'], 'distance 526 km computed = Dostyk–Moyinty 836 km [47a] minus Aktogay–Dostyk ~310 km (E)', c7=True, note='second track 75 % built Nov 2024; service speed 800→1,500 km/day planned [47f]')
rail('kz-aktogay', 'kz-zhetygen', K, 577, ['estimated'], 'distance 577 km estimated = Oskemen–Almaty ~1,150 km (E) minus Oskemen–Aktogay (151+380) minus Almaty–Zhetygen ~42', c7=True)
rail('kz-zhetygen', 'kz-almaty', K, None, c7=True, note='Almaty–Altynkol then ~360 km vs ~335 km (E, A8)')
rail('kz-zhetygen', 'kz-altynkol', K, 293, ['47e'], 'distance 293 km sourced (Zhetygen–Altynkol) [47e]', c7=True, note='route via Altynkol ~500 km shorter than via Dostyk for Almaty/Aktau/CA traffic [47e]')
rail('kz-ayagoz', 'kz-bakhty', K, 272, ['47b'], 'distance 272 km sourced [47b]', status='under_construction', year=2027, c7=True, cap=20000000.0, cprov=['47b'], cnote='capacity +20 Mt/yr (KZ–CN 28→~48 Mt/yr) [47b]', note='double track, 321 bn KZT PPP [47b]; opening 2027 (some say 2028)')
rail('kz-moyinty', 'kz-karaganda', K, 340, ['estimated'], 'distance 340 km estimated (GC 288 × 1.2; fact sheet A10 ~480 km Moyinty–Astana is below the GC sum)', c7=True)
rail('kz-karaganda', 'kz-astana', K, 225, ['estimated'], 'distance 225 km estimated (GC 191 × 1.2)', c7=True)
rail('kz-moyinty', 'kz-zhezkazgan', K, 550, ['estimated'], 'distance ~550 km (fact sheet E, A11, existing line via Zharyk)', c7=True, note='planned Moyinty–Kyzylzhar 360 km shortcut not modelled [47c]')
rail('kz-zhezkazgan', 'kz-saksaulskaya', K, 517, ['47d', 'estimated'], "distance 517 km estimated: new-line split of the 988 km (S) Zhezkazgan–Beyneu construction [47d] (988 = 517 Zhezkazgan–Saksaulskaya + 471 Shalkar–Beyneu; the fact sheet's 988 km is shorter than the 994 km GC, so it cannot be the through distance)", c7=True, note='opened 2014; desert single track [47d]')
rail('kz-saksaulskaya', 'kz-shalkar', K, None, c7=True, note='existing Trans-Aral line')
rail('kz-shalkar', 'kz-beyneu', K, 471, ['47d', 'estimated'], 'distance 471 km estimated: new-line split of 988 km (S) [47d]', c7=True)
rail('kz-beyneu', 'kz-aktau-rail', K, 400, ['estimated'], 'distance ~400 km (fact sheet E, A13)', c7=True)
rail('kz-beyneu', 'kz-kuryk-rail', K, 430, ['estimated'], 'distance ~430 km (fact sheet E, A14)')
rail('kz-aktau-rail', 'kz-uzen', K, None)
rail('kz-uzen', 'kz-bolashak', K, 146, ['56a'], 'distance 146 km = upper end of the sourced KZ section 120–146 km [56a]', cap=5000000.0, cprov=['56a'], cnote='capacity 5 Mt/yr: KZ–TM–IR line 3–5 Mt/yr initially → 10–12 Mt/yr [56a]')
rail('kz-almaty', 'kz-shymkent', K, 700, ['47a', 'estimated'], 'distance ~700 km (fact sheet E, A17)', c7=True, note='Almaty junction congestion; 74 km bypass 75 % built Nov 2024 [47a]')
rail('kz-shymkent', 'kz-saryagash', K, 120, ['estimated'], 'distance ~120 km (fact sheet E, A18)', c7=True)
rail('kz-shymkent', 'kz-arys', K, None, c7=True)
rail('kz-arys', 'kz-kyzylorda', K, None, c7=True)
rail('kz-kyzylorda', 'kz-saksaulskaya', K, None, c7=True)
rail('kz-shalkar', 'kz-kandyagash', K, None, c7=True)
rail('kz-kandyagash', 'kz-aktobe', K, None, c7=True)
rail('kz-khromtau', 'kz-aktobe', K, None, c7=True, note='chrome ore spur (estimated alignment)')
rail('kz-kandyagash', 'kz-makat', K, None, c7=True)
rail('kz-makat', 'kz-atyrau', K, None, c7=True)
rail('kz-makat', 'kz-beyneu', K, None, c7=True, note='fact sheet A19/A20 (Aktobe–Beyneu ~650 km, Atyrau–Beyneu ~380 km, E) are shorter than the GC sums via Makat; network distances used')
rail('kz-semey', 'kz-aul', K, None, c7=True)
rail('kz-astana', 'kz-petropavl', K, None, c7=True, note='via Kokshetau')
rail('kz-aktobe', 'kz-iletsk-border', K, None, c7=True)
rail('kz-atyrau', 'kz-ganyushkino', K, None)
C = 'china'
border('kz-dostyk', 'cn-alashankou', C, cap=20000000.0, cprov=['42e'], cnote='capacity ~20 Mt/yr (2016) [42e]; Dostyk station to 35 Mt after doubling [47a]', rnote='PRC throttles trains when KZ side congested, SPS checks, Dzungarian Gate winds [5b][70]', c7=True)
border('kz-altynkol', 'cn-khorgos', C, cap=16100000.0, cprov=['42c'], cnote='capacity 16.1 Mt/yr = 2025 volume (lower bound) [42c]', rnote='priority to China–Europe express trains, SPS controls, throttling [5b][42b]', c7=True)
border('kz-bakhty', 'cn-tacheng', C, cap=20000000.0, cprov=['47b'], cnote='capacity +20 Mt/yr [47b]', rnote='as other KZ–CN crossings', status='under_construction', year=2027, c7=True)
rail('cn-alashankou', 'cn-jinghe', C, 120, ['estimated'], 'distance ~120 km estimated', c7=True)
rail('cn-khorgos', 'cn-jinghe', C, 286, ['estimated'], 'distance ~286 km estimated (Jinghe–Yining–Khorgos line)', c7=True)
rail('cn-tacheng', 'cn-kuytun', C, None, c7=True, note='Karamay–Tacheng branch (in service, estimated alignment); dead end until Bakhty–Tacheng opens')
rail('cn-jinghe', 'cn-kuytun', C, None, c7=True)
rail('cn-kuytun', 'cn-urumqi', C, 230, ['estimated'], 'distance ~230 km estimated; Urumqi–Alashankou = 466 km computed from km posts (Alashankou km 2,358 [46c] minus Urumqi ~km 1,892, E)', c7=True)
rail('cn-urumqi', 'cn-lanzhou', C, 1892, ['estimated'], 'distance 1,892 km estimated (Lanzhou–Xinjiang line km post of Urumqi)', c7=True)
rail('cn-lanzhou', 'cn-xian', C, 676, ['estimated'], 'distance ~676 km estimated (Longhai line)', c7=True)
rail('cn-xian', 'cn-zhengzhou', C, 511, ['estimated'], 'distance ~511 km estimated (Longhai line)', c7=True)
rail('cn-zhengzhou', 'cn-xuzhou', C, 350, ['estimated'], 'distance ~350 km estimated (Longhai line)', c7=True)
rail('cn-xuzhou', 'cn-lyg-rail', C, 230, ['estimated'], 'distance ~230 km estimated; Alashankou–Lianyungang sums to ~4,130 km vs ~4,120 km (E, B4)', c7=True, note='Lianyungang trains average >900 km/day (fact sheet B4)')
rail('cn-lanzhou', 'cn-tianjin-rail', C, 1640, ['estimated'], 'distance 1,640 km estimated = Alashankou–Tianjin ~4,000 km (E, B6) minus Alashankou–Lanzhou 2,358 km [46c]', c7=True)
rail('cn-xuzhou', 'cn-qingdao-rail', C, None, c7=True, note='Alashankou–Qingdao sums to ~4,400 km vs ~4,200 km (E, B7)')
rail('cn-xuzhou', 'cn-shanghai-rail', C, 630, ['estimated'], 'distance ~630 km estimated (Xuzhou–Nanjing–Shanghai)', c7=True)
transfer('cn-lyg-rail', 'CNLYG', C, ['45c', '49b', 'computed'], "capacity 8.6 Mt/yr computed from the China–KZ logistics base's 410,000 containers/yr [45c] at ~21 t per box (KZ rail 2023 ratio [49b])", cap=8600000.0, c7=True)
transfer('cn-tianjin-rail', 'CNTXG', C, [], '', c7=True)
transfer('cn-qingdao-rail', 'CNTAO', C, [], '', c7=True)
transfer('cn-shanghai-rail', 'CNSHA', C, [], '', c7=True)
T = 'trans_caspian'
transfer('kz-aktau-rail', 'KZAAU', T, ['26c', '1c'], 'WB asks to cut port dwell at Aktau/Baku [1c]; capacity >11 Mt/yr [26c]', cap=11000000.0, c7=True)
transfer('kz-kuryk-rail', 'KZKUR', T, ['27a'], 'ferry handling 6–8 h single-deck, 10–12 h double-deck [27a]; capacity 4.1 Mt/yr = Kuryk rail berth [27a]', cap=4100000.0)
transfer('tm-turkmenbashi-rail', 'TMKRW', T, ['34'], 'capacity 17 Mt/yr excl. oil [34]', cap=17000000.0)
transfer('AZBAK', 'az-alat-rail', T, ['28b', '28a'], 'Baku vessel protocol: 20.1 h average (2024), max 30 h [28b]; capacity 15 Mt/yr [28a]', cap=15000000.0, c7=True)
rail('az-alat-rail', 'az-beyuk-kesik', T, 435, ['29b', 'estimated'], 'distance 435 km estimated = BTK Azerbaijani section 504 km from Baku [29b] minus ~70 km Baku–Alat; Alat–Poti then sums to ~780 km (Baku–Poti ~850 km [75])', c7=True)
border('az-beyuk-kesik', 'ge-gardabani', T, cap=6000000.0, cprov=['9'], cnote='capacity 6 Mt/yr = TITR capacity incl. 100,000 TEU (end 2024) [9], applied at the AZ–GE crossing as the corridor ceiling', rnote='wagon availability at the AZ–GE border [1c]', c7=True)
rail('ge-gardabani', 'ge-tbilisi', T, 40, ['estimated'], 'distance ~40 km estimated', c7=True)
rail('ge-gardabani', 'ge-marabda', T, 50, ['29b', 'estimated'], "distance ~50 km estimated (part of BTK's 263 km Georgian section [29b])")
rail('ge-marabda', 'ge-tbilisi', T, None)
rail('ge-tbilisi', 'ge-samtredia', T, 230, ['75', 'estimated'], 'distance ~230 km estimated (Alat–Poti chain matched to Baku–Poti ~850 km [75])', c7=True)
rail('ge-samtredia', 'ge-poti-rail', T, 65, ['estimated'], 'distance ~65 km estimated', c7=True)
rail('ge-samtredia', 'ge-batumi-rail', T, None)
rail('ge-samtredia', 'ge-anaklia-rail', T, None, status='planned', year=2029, note='rail access to the planned Anaklia port')
transfer('ge-poti-rail', 'GEPTI', T, ['1c', '63a'], "Georgian port container tariffs are the highest in the Black Sea [1c]; Poti is Kazatomprom's uranium consolidation port [63a]", c7=True)
transfer('ge-batumi-rail', 'GEBUS', T, ['1c'], 'Georgian port container tariffs are the highest in the Black Sea [1c]')
transfer('ge-anaklia-rail', 'ge-anaklia', T, ['36c', '36b'], 'capacity 7 Mt/yr phase-1 berth [36c]; planned, first ship by 2029 [36b]', cap=7000000.0, status='planned', year=2029)
rail('ge-marabda', 'ge-akhalkalaki', T, 183, ['29b', 'estimated'], 'distance 183 km estimated: BTK Georgian section 263 km [29b] minus Gardabani–Marabda ~50 and Akhalkalaki–Kartsakhi ~30', cap=5000000.0, cprov=['29a'], cnote='capacity 5 Mt/yr from 20 May 2024 (BTK) [29a]', note='mountain section up to 2,400 m, −30 °C winters [29b]')
transfer('ge-akhalkalaki', 'ge-akhalkalaki-sg', T, ['29a', '29b'], 'BTK gauge change 1,520/1,435 mm (bogie exchange) at Akhalkalaki [29b]; capacity 5 Mt/yr (BTK) [29a]', cap=5000000.0)
rail('ge-akhalkalaki-sg', 'ge-kartsakhi', T, 30, ['29b', 'estimated'], "distance ~30 km estimated (within BTK's 263 km GE section [29b])", cap=5000000.0, cprov=['29a'], cnote='BTK 5 Mt/yr [29a]')
border('ge-kartsakhi', 'tr-cildir', T, cap=5000000.0, cprov=['29a'], cnote='BTK 5 Mt/yr [29a]', rnote='GE–TR border, Georgian political tension [108]')
rail('tr-cildir', 'tr-kars', T, 79, ['29b'], 'distance 79 km = BTK Turkish section [29b]', cap=5000000.0, cprov=['29a'], cnote='BTK 5 Mt/yr [29a]')
rail('tr-kars', 'tr-sivas', T, None, note='Kars–Erzurum–Erzincan–Sivas')
rail('tr-sivas', 'tr-samsun-rail', T, 380, ['estimated'], 'distance ~380 km estimated (Sivas–Amasya–Samsun); Kars–Samsun sums to ~1,100 km vs ~800 km (fact sheet E, C9, which is only 1.4 × GC)')
rail('tr-sivas', 'tr-ankara', T, None)
rail('tr-ankara', 'tr-halkali', T, None, note='via Eskişehir and Marmaray (Bosporus rail tunnel); Kars–Istanbul sums to ~1,900 km (E, C7)')
rail('tr-sivas', 'tr-kayseri', T, None)
rail('tr-kayseri', 'tr-mersin-rail', T, 420, ['estimated'], 'distance ~420 km estimated (Kayseri–Niğde–Adana–Mersin); Kars–Mersin ~1,360 km vs ~1,300 km (E, C8)')
transfer('tr-halkali', 'TRAMR', T, ['estimated'], 'Halkalı rail terminal to Ambarlı port, ~20 km shuttle (estimated)')
transfer('tr-mersin-rail', 'TRMER', T, [], '')
transfer('tr-samsun-rail', 'TRSSX', T, [], '')
U = 'uzbek_turkmen'
border('kz-saryagash', 'uz-keles', U, cap=27000000.0, cprov=['47f'], cnote='capacity ~27 Mt/yr, at full capacity (2022) [47f]; 30 train pairs/day (2023) → 36–40 planned [50a]', rnote='chronic wagon-flow overload (6,500 vs 6,000 norm) [50a]', c7=True)
rail('uz-keles', 'uz-tashkent', U, None, c7=True)
rail('uz-tashkent', 'uz-samarkand', U, None, c7=True, note='via Djizak')
rail('uz-samarkand', 'uz-navoi', U, None, c7=True)
rail('uz-navoi', 'uz-bukhara', U, None)
rail('uz-bukhara', 'uz-alat', U, None)
rail('uz-samarkand', 'uz-karshi', U, None, note='Saryagash/Keles–Termez sums to ~840 km vs ~730 km (fact sheet E, D1)')
rail('uz-karshi', 'uz-termez', U, None, note='via Guzar–Boysun–Kumkurgan')
border('uz-alat', 'tm-farap', U, rnote='UZ–TM crossing, TM procedures')
rail('tm-farap', 'tm-turkmenabat', U, None)
rail('tm-turkmenabat', 'tm-mary', U, None)
rail('tm-mary', 'tm-tejen', U, None)
rail('tm-tejen', 'tm-ashgabat', U, None)
rail('tm-ashgabat', 'tm-bereket', U, None)
rail('tm-bereket', 'tm-turkmenbashi-rail', U, 250, ['estimated'], 'distance ~250 km (fact sheet E, E9)')
I = 'iran'
border('kz-bolashak', 'tm-serhetyaka', I, cap=5000000.0, cprov=['56a'], cnote='line capacity 3–5 Mt/yr initially [56a]', rnote='TM procedures')
rail('tm-serhetyaka', 'tm-bereket', I, 470, ['56a', 'estimated'], 'distance 470 km estimated = TM section ~700 km [56a] minus Bereket–Etrek ~230 km; Serhetyaka–Serakhs then sums to ~1,170 km vs 1,156 km [101]', cap=5000000.0, cprov=['56a'], cnote='line 3–5 Mt/yr initially [56a]')
rail('tm-bereket', 'tm-etrek', I, 230, ['56a', 'estimated'], 'distance ~230 km estimated (part of the ~700 km TM section [56a])', cap=5000000.0, cprov=['56a'], cnote='line 3–5 Mt/yr initially [56a]')
rail('tm-tejen', 'tm-serakhs', I, None)
border('tm-etrek', 'ir-incheh-borun', I, cap=5000000.0, cprov=['56a'], cnote='line 3–5 Mt/yr initially [56a]; record 40–65 wagons/day [57d]', rnote='Iran: secondary sanctions, payments [60a]')
border('tm-serakhs', 'ir-sarakhs', I, cap=7500000.0, cprov=['57a'], cnote='capacity 7.5 Mt/yr, 200 wagons/day (can reach 400) [57a]; dual-gauge section [58]', rnote='Iran: secondary sanctions, payments [60a]')
rail('ir-incheh-borun', 'ir-gorgan', I, 85, ['56a'], 'distance ~85 km (IR section 82–88 km [56a])')
rail('ir-gorgan', 'ir-tehran', I, 480, ['estimated'], 'distance ~480 km estimated (via Garmsar)')
rail('ir-tehran', 'ir-bafq', I, 905, ['estimated'], 'distance 905 km estimated = Incheh Borun–Bandar Abbas ~2,100 km (fact sheet E, E5) minus the other legs')
rail('ir-sarakhs', 'ir-mashhad', I, 185, ['estimated'], 'distance ~185 km estimated')
rail('ir-mashhad', 'ir-bafq', I, 753, ['58', 'computed'], 'distance 753 km computed = Sarakhs–Bandar Abbas 1,568 km [58] minus Sarakhs–Mashhad ~185 and Bafq–Bandar Abbas ~630 (E)', note='single track north of Bafq [58]')
rail('ir-bafq', 'ir-bandar-abbas-rail', I, 630, ['estimated'], 'distance ~630 km estimated', note='double track south of Bafq [58]')
rail('ir-bafq', 'ir-zahedan', I, None, note='via Kerman–Bam')
rail('ir-zahedan', 'ir-chabahar-terminal', I, 630, ['estimated'], 'distance ~630 km estimated (Chabahar–Zahedan section of the 1,350 km Chabahar–Zahedan–Mashhad line [60b])', status='under_construction', year=2027, note='status year estimated')
transfer('ir-zahedan', 'ir-zahedan-truck', I, [], 'rail→truck transload')
road('ir-zahedan-truck', 'ir-chabahar-terminal', I, None, rnote='Iran sanctions; Sistan-Baluchestan security')
transfer('ir-bandar-abbas-rail', 'IRBND', I, ['59e'], 'top carriers stopped calling under sanctions (Maersk 2012) [59e]')
transfer('ir-chabahar-terminal', 'IRZBR', I, ['59f', '60a'], 'capacity 8.5 Mt/yr (2021) [59f]; US waiver revoked 29 Sep 2025 [60a]', cap=8500000.0)
A = 'afghan_pakistan'
road('uz-tashkent', 'uz-termez', U, 710, ['estimated'], 'distance ~710 km estimated (M39 Tashkent–Samarkand–Karshi–Guzar–Termez)',
     note='the TIR truck route of the Afghan transit corridor (Karachi–Kabul–Termez–Tashkent) [53d]')
road('af-hairatan', 'af-mazar', A, 75, ['estimated'], 'distance ~75 km estimated (road beside the Hairatan–Mazar railway)',
     note='trucks from the Friendship Bridge to Mazar-i-Sharif')
border('uz-termez', 'af-hairatan', A, dist=15, rnote='Afghanistan politics; AF–UZ carrier restrictions lifted Dec 2023 [53e]', note='distance ~15 km estimated (Friendship Bridge, road+rail)')
rail('af-hairatan', 'af-mazar-rail', A, 75, ['52a'], 'distance 75 km sourced [52a]', cap=9000000.0, cprov=['52a'], cnote='design capacity 9 Mt/yr [52a]', control=['UZ'], rnote="service suspended 1 Feb 2023 over the maintenance dispute; operated by UZ's Sogdiana Trans [52a][52b]", note='1,520 mm, operated by Uzbekistan (control = UZ)')
transfer('af-mazar-rail', 'af-mazar', A, [], 'rail→truck transload')
road('af-mazar', 'af-kabul', A, 420, ['53c', 'estimated'], 'distance ~420 km estimated (Mazar–Kabul–Torkham–Peshawar ~700 km (E, D4))', rnote='snow on the Salang pass, security [53c]')
road('af-kabul', 'af-torkham', A, 225, ['estimated'], 'distance ~225 km estimated', rnote='security')
border('af-torkham', 'pk-torkham', A, cap=1000000.0, cprov=['53b', 'estimated'], cnote='capacity ~1 Mt/yr estimated (AF→PK transit was 670 kt in 2022 [53b])', rnote='closures of weeks: Feb–Mar 2025 (>5,000 trucks stranded), ~50 days Oct–Dec 2025 [54a][54c]')
road('pk-torkham', 'pk-peshawar', A, 55, ['estimated'], 'distance ~55 km estimated', rnote='Khyber security (TTP)')
transfer('pk-peshawar', 'pk-peshawar-rail', A, [], 'truck→rail transload')
rail('pk-peshawar-rail', 'pk-karachi-terminal', A, 1687, ['55d'], 'distance 1,687 km sourced (ML-1; CPEC documents 1,872 km line length) [55d]', note='ML-1 carries ~75 % of Pakistan Railways traffic [55d]')
road('pk-peshawar', 'pk-karachi-terminal', A, 1750, ['estimated'], 'distance ~1,750 km estimated (N-5)', rnote='Pakistan road security/congestion')
road('pk-karachi-terminal', 'pk-gwadar-terminal', A, None, rnote='Balochistan insurgency [55b]', note='Makran coastal highway (N-10)')
transfer('pk-karachi-terminal', 'PKKHI', A, ['55a'], 'Karachi Port Trust [55a]')
transfer('pk-karachi-terminal', 'PKBQM', A, ['55a'], 'Port Qasim ~35 km from the terminal')
transfer('pk-gwadar-terminal', 'PKGWD', A, ['55b'], 'few liner calls (17 in 2023) [55b]')
rail('af-mazar-rail', 'af-kharlachi', A, 557, ['51a', 'computed'], 'distance 557 km computed = Trans-Afghan railway Termez–Kharlachi 647 km [51a] minus Termez–Hairatan ~15 and Hairatan–Mazar 75 (other sources give 573–760 km)', status='planned', year=2030, cap=3000000.0, cprov=['51a'], cnote='phase-1 capacity 3 Mt/yr → 15–20 Mt/yr by 2035–40 [51a]', rnote='Afghanistan security, financing unclear (planned leg scored as if open)', note='status year 2030 estimated; $4.6 bn [51a]')
border('af-kharlachi', 'pk-kharlachi', A, cap=3000000.0, cprov=['51a'], cnote='phase 1 3 Mt/yr [51a]', rnote='AF–PK border tension, TTP insurgency (planned leg scored as if open) [54a]', status='planned', year=2030)
rail('pk-kharlachi', 'pk-peshawar-rail', A, None, status='planned', year=2030, cap=3000000.0, cprov=['51a'], cnote='phase 1 3 Mt/yr [51a]', rnote='Kurram/Khyber security')
R = 'russia_north'
border('kz-aul', 'ru-lokot', R, rnote='Russia transit: sanctions exposure, transit permits [2]')
border('kz-petropavl', 'ru-petukhovo', R, rnote='Russia transit: sanctions exposure, transit permits [2]', c7=True)
border('kz-iletsk-border', 'ru-iletsk', R, rnote='Russia transit: sanctions exposure, transit permits [2]', c7=True)
border('kz-ganyushkino', 'ru-aksaraiskaya', R, rnote='Russia transit: sanctions exposure, transit permits [2]')
rail('ru-lokot', 'ru-novosibirsk', R, None, note='via Rubtsovsk–Barnaul; Oskemen–Novosibirsk ~1,000 km here vs ~800 km (E, F1) over the direct Oskemen–Rubtsovsk line (not modelled)')
rail('ru-novosibirsk', 'ru-ussuriysk', R, 5830, ['103e', 'estimated'], 'distance 5,830 km estimated = TSR Moscow–Vladivostok 9,289 km [103e] minus Moscow–Novosibirsk ~3,343 and Ussuriysk–Vladivostok ~112', rnote='Eastern Polygon saturated: Far East ports 64 % → 110 % forecast, ~1/3 of eastbound export demand unserved [103a][103b]; sanctions', note='normal transit 11–20 d Nakhodka–Moscow, 7 d express [103d]')
rail('ru-ussuriysk', 'ru-vladivostok-rail', R, 112, ['103e', 'estimated'], 'distance ~112 km estimated')
rail('ru-ussuriysk', 'ru-nakhodka-rail', R, None)
transfer('ru-vladivostok-rail', 'RUVVO', R, ['103h', '49b', 'computed'], 'capacity 12.6 Mt/yr computed from CPV >600,000 TEU/yr [103h] at ~21 t/TEU [49b] (loaded >100 %)', cap=12600000.0)
transfer('ru-nakhodka-rail', 'RUVYP', R, ['103g', '49b', 'computed'], 'capacity 7.1 Mt/yr computed from the VSC container gate ~340,000 TEU/yr [103g] at ~21 t/TEU [49b]', cap=7100000.0)
rail('ru-novosibirsk', 'ru-moscow', R, 3340, ['103e', 'estimated'], 'distance ~3,340 km (fact sheet E: Moscow–Novosibirsk)')
rail('ru-petukhovo', 'ru-samara', R, None, c7=True, note='via Kurgan–Chelyabinsk–Ufa')
rail('ru-iletsk', 'ru-orenburg', R, None, c7=True)
rail('ru-orenburg', 'ru-samara', R, None, c7=True)
rail('ru-samara', 'ru-moscow', R, None, c7=True, note='KZ→Russian port ~7 d by container train (Kazzinc 2018) [70b]')
rail('ru-moscow', 'ru-spb-rail', R, 650, ['estimated'], 'distance ~650 km estimated (Oktyabrskaya line)', c7=True)
rail('ru-spb-rail', 'ru-ust-luga-rail', R, None)
rail('ru-aksaraiskaya', 'ru-novorossiysk-rail', R, None, note='via Astrakhan–Kizlyar/Volgograd–Krasnodar (estimated alignment)')
transfer('ru-spb-rail', 'RULED', R, ['63a', '63f'], "Kazatomprom's primary uranium port, Class-7 handling [63a][63f]", c7=True)
transfer('ru-ust-luga-rail', 'RUULU', R, ['65a'], 'EU 16th package hit Russian-port operations [65a]')
transfer('ru-novorossiysk-rail', 'RUNVS', R, ['106'], 'Russia restricted foreign tankers Jul 2025, drone attacks [106]')


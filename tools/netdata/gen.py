"""Generate the corridor embedded network CSVs (nodes, legs, sources, commodities)."""
import csv
import re
import math
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from sea import sea_route  # noqa: E402
from sources_gen import parse_sources  # noqa: E402

OUT = os.environ.get("NETDATA_OUT", os.path.join(HERE, "..", "..", "network_data", "data"))

NODE_COLS = ["node_id", "name", "aliases", "country", "kind", "lat", "lon", "coord_provenance",
             "gauge_mm", "throughput_tpy", "is_origin", "is_destination", "provenance", "notes"]
LEG_COLS = ["leg_id", "from_id", "to_id", "mode", "corridor", "distance_km",
            "tariff_fixed_usd_per_t", "tariff_usd_per_tkm", "transit_days", "capacity_tpy",
            "capacity_group", "territory", "control", "disruption_prob", "status", "status_year", "allows_class7",
            "bidirectional", "waypoints", "provenance", "notes"]
SRC_COLS = ["source_id", "title", "publisher", "year", "url"]
COM_COLS = ["commodity_id", "name", "aliases", "value_usd_per_t", "hazard_class",
            "class7_only_legs", "provenance", "notes"]

# ----------------------------------------------------------------------------------------
# NODES
# ----------------------------------------------------------------------------------------
NODES = {}


def node(nid, name, country, kind, lat, lon, cprov="estimated", gauge=None, aliases=(),
         thr=None, origin=False, dest=False, prov=(), notes=""):
    assert nid not in NODES, nid
    NODES[nid] = dict(node_id=nid, name=name, aliases=list(aliases), country=country, kind=kind,
                      lat=lat, lon=lon, coord_provenance=cprov.split(";") if isinstance(cprov, str) else cprov,
                      gauge_mm=gauge, throughput_tpy=thr, is_origin=origin, is_destination=dest,
                      provenance=list(prov), notes=notes)


B = 1520  # broad gauge
S = 1435  # standard gauge
P = 1676  # Pakistani broad gauge

# --- Kazakhstan -------------------------------------------------------------------------
node("kz-oskemen", "Oskemen", "KZ", "city", 49.948, 82.628, gauge=B, origin=True,
     aliases=["Ust-Kamenogorsk", "Öskemen", "Усть-Каменогорск", "Өскемен", "ウスチ・カメノゴルスク",
              "ウスケメン", "Ulba", "Ulba Metallurgical Plant", "UMP", "Ust Kamenogorsk", "Oskemen (Ulba)"],
     prov=["47i", "47g"],
     notes="East Kazakhstan; Ulba Metallurgical Plant (Kazatomprom): Be, Ta, Nb, U products [47i]. "
           "Reaches the Turksib at Shar over the 151 km Oskemen–Shar line [47g]; also the historical "
           "outlet to Russia. Coordinates approximate (fact sheet §7, E).")
node("kz-shar", "Shar", "KZ", "rail_junction", 49.59, 81.05, gauge=B, aliases=["Chara", "Шар"],
     notes="Turksib junction where the Oskemen line joins.")
node("kz-semey", "Semey", "KZ", "rail_junction", 50.411, 80.227, gauge=B,
     aliases=["Semipalatinsk", "Семей", "Семипалатинск"], notes="Turksib; line north to Aul–Lokot (Russia).")
node("kz-aul", "Aul (KZ–RU border, KZ side)", "KZ", "border", 51.05, 80.95, gauge=B, aliases=["Aul"],
     notes="Kazakh border station on the Semey–Lokot–Barnaul line; coordinates estimated.")
node("kz-ayagoz", "Ayagoz", "KZ", "rail_junction", 47.965, 80.439, gauge=B,
     aliases=["Ayaguz", "Аягоз"], notes="Turksib; start of the Ayagoz–Bakhty line (272 km, under construction, 2027) [47b].")
node("kz-bakhty", "Bakhty", "KZ", "border", 46.67, 82.74, gauge=B, aliases=["Бахты"],
     prov=["47b"], notes="Third KZ–CN rail crossing (to Tacheng), under construction, opening 2027 (some say 2028) [47b].")
node("kz-aktogay", "Aktogay", "KZ", "rail_junction", 46.95, 79.667, cprov="82", gauge=B,
     aliases=["Актогай"], notes="Turksib / Dostyk branch junction; on the Dostyk–Moyinty line.")
node("kz-dostyk", "Dostyk", "KZ", "border", 45.2522, 82.4839, cprov="43", gauge=B,
     aliases=["Druzhba", "Достык", "Дружба", "Dostyk station"], thr=35e6, prov=["47a", "43"],
     notes="KZ side of Dostyk–Alashankou; 1,520/1,435 transfer yard; 760 TEU/day container transfer [43]; "
           "Dostyk TransTerminal 320,000 TEU/yr [43c]; station to 35 Mt/yr after Dostyk–Moyinty doubling [47a].")
node("kz-zhetygen", "Zhetygen", "KZ", "rail_junction", 43.68, 77.12, gauge=B, aliases=["Жетыген"],
     notes="Turksib junction for the Zhetygen–Altynkol line (293 km) [47e]; coordinates estimated.")
node("kz-almaty", "Almaty", "KZ", "city", 43.238, 76.946, gauge=B, origin=True,
     aliases=["Алматы", "Алма-Ата", "アルマトイ", "Alma-Ata", "Almaty-1"],
     notes="Largest city; Turksib hub; origin for SE Kazakhstan cargo (incl. the Boguty tungsten concentrator region [72a]).")
node("kz-altynkol", "Altynkol", "KZ", "border", 44.19, 80.36, gauge=B,
     aliases=["Алтынколь", "Khorgos Gateway", "Khorgos–Eastern Gate dry port"], prov=["44a", "70"],
     notes="KZ side of Altynkol–Khorgos, with the Khorgos Gateway dry port (372,000 TEU in 2025 [44a]); "
           ">5,000 TEU/day container handling (2018) [70].")
node("kz-moyinty", "Moyinty", "KZ", "rail_junction", 47.22, 73.38, gauge=B, aliases=["Мойынты"],
     notes="Junction: Dostyk–Moyinty (836 km, second track 75 % built Nov 2024) [47a][47f].")
node("kz-karaganda", "Karaganda", "KZ", "city", 49.806, 73.085, gauge=B, origin=True,
     aliases=["Karagandy", "Қарағанды", "Караганда", "Qaraghandy"], notes="Industrial centre, coal/steel.")
node("kz-astana", "Astana", "KZ", "city", 51.169, 71.449, gauge=B, origin=True,
     aliases=["Nur-Sultan", "Астана", "アスタナ", "Akmola", "Tselinograd", "Нур-Султан"], notes="Capital; rail hub.")
node("kz-petropavl", "Petropavl (KZ–RU border, KZ side)", "KZ", "border", 54.87, 69.15, gauge=B,
     aliases=["Petropavl", "Petropavlovsk", "Петропавл"],
     notes="Kazakh border station towards Kurgan (Russia); coordinates approximate.")
node("kz-zhezkazgan", "Zhezkazgan", "KZ", "city", 47.783, 67.71, gauge=B, origin=True,
     aliases=["Jezkazgan", "Dzhezkazgan", "Жезказган"],
     notes="Copper mining and smelting centre (added origin). Start of Zhezkazgan–Saksaulskaya–Shalkar–Beyneu (opened 2014) [47d].")
node("kz-saksaulskaya", "Saksaulskaya", "KZ", "rail_junction", 47.08, 61.17, gauge=B,
     aliases=["Saksaulsk", "Сексеуил"], notes="Trans-Aral line junction; coordinates estimated.")
node("kz-shalkar", "Shalkar", "KZ", "rail_junction", 47.83, 59.62, gauge=B, aliases=["Chelkar", "Шалкар"],
     notes="Trans-Aral line; start of Shalkar–Beyneu (2014).")
node("kz-kandyagash", "Kandyagash", "KZ", "rail_junction", 49.47, 57.42, gauge=B,
     aliases=["Kandyagach", "Қандыағаш"], notes="Junction of the Trans-Aral line and the line west to Makat/Atyrau.")
node("kz-aktobe", "Aktobe", "KZ", "city", 50.283, 57.167, gauge=B, origin=True,
     aliases=["Aktyubinsk", "Ақтөбе", "Актобе"], notes="Chrome/ferroalloy region (Khromtau, Aktobe ferroalloy plant).")
node("kz-khromtau", "Khromtau (Donskoy GOK chrome mines)", "KZ", "mine", 50.25, 58.45, gauge=B, origin=True,
     aliases=["Khromtau", "Donskoy GOK", "Хромтау"], prov=["72b"],
     notes="Chromite mines (Kazakhstan: largest chromite reserves, 230 Mt; 3rd producer [72b]). Rail spur to Aktobe (estimated).")
node("kz-iletsk-border", "Aktobe–Iletsk border (KZ side)", "KZ", "border", 51.0, 55.6, gauge=B,
     notes="Kazakh border point on the Aktobe–Orenburg line; name and coordinates estimated.")
node("kz-makat", "Makat", "KZ", "rail_junction", 47.65, 53.32, gauge=B, aliases=["Макат"],
     notes="Junction Kandyagash–Makat–Atyrau and Makat–Beyneu.")
node("kz-atyrau", "Atyrau", "KZ", "city", 47.094, 51.924, gauge=B, aliases=["Guryev", "Атырау"],
     notes="Oil city; rail west to Ganyushkino–Astrakhan (Russia) and east to Makat.")
node("kz-ganyushkino", "Ganyushkino (KZ–RU border, KZ side)", "KZ", "border", 46.60, 49.27, gauge=B,
     aliases=["Ganyushkino"], notes="Kazakh border station on the Atyrau–Astrakhan line; coordinates estimated.")
node("kz-beyneu", "Beyneu", "KZ", "rail_junction", 45.316, 55.197, gauge=B, aliases=["Бейнеу"],
     notes="Western hub: lines to Aktau, Kuryk, Makat, Shalkar and Uzbekistan (Karakalpakstan).")
node("kz-aktau-rail", "Mangyshlak (Aktau port rail station)", "KZ", "rail_junction", 43.67, 51.31, gauge=B,
     aliases=["Mangyshlak", "Мангышлак"],
     notes="Rail side of Aktau port; wagons/containers transfer to ferries and feeders at KZAAU. Coordinates estimated.")
node("KZAAU", "Aktau", "KZ", "seaport", 43.682325, 51.212927, cprov="searoute",
     aliases=["Актау", "Aktau port", "Port of Aktau", "Aktau International Sea Commercial Port", "Ақтау"],
     thr=11e6, prov=["26c"],
     notes=">11 Mt/yr (3 oil berths 7.5 Mt, 3 dry, grain 0.8 Mt, ferry berth) [26c]; container hub "
           "250–300k TEU under construction [30b]. NW storms close the port ~2–5 d per event [32]; falling "
           "Caspian level cuts loads [31c].")
node("kz-kuryk-rail", "Kuryk port rail station", "KZ", "rail_junction", 43.20, 51.70, gauge=B,
     aliases=["Yeraliyev"], notes="Rail side of Kuryk port; coordinates estimated.")
node("KZKUR", "Kuryk", "KZ", "seaport", 43.18, 51.66,
     aliases=["Курык", "Port Kuryk", "Kuryk port", "Құрық"], thr=6e6, prov=["26c", "27a"],
     notes="Rail-ferry and Ro-Ro port; 6 Mt/yr design, 4 berths, rail berth 4.1 Mt/yr [27a][26c]; sheltered, "
           "year-round. UN/LOCODE KZKUR not confirmed (not in the searoute port list); kept as the port's code.")
node("kz-uzen", "Uzen", "KZ", "rail_junction", 43.34, 52.86, gauge=B, aliases=["Zhanaozen", "Жанаозен", "Узень"],
     notes="Start of the KZ–TM–IR line (Uzen–Bolashak ~120–146 km) [56a].")
node("kz-bolashak", "Bolashak", "KZ", "border", 42.35, 53.55, gauge=B, aliases=["Болашак"],
     notes="KZ side of the KZ–TM rail border (to Serhetyaka). Coordinates estimated, placed to fit the sourced 120–146 km Uzen–border section [56a] (fact sheet §7 had 42.0N 53.5E).")
node("kz-shymkent", "Shymkent", "KZ", "city", 42.317, 69.596, gauge=B, origin=True,
     aliases=["Chimkent", "Шымкент", "Чимкент"], notes="South Kazakhstan hub.")
node("kz-arys", "Arys", "KZ", "rail_junction", 42.43, 68.80, gauge=B, aliases=["Арыс"],
     notes="Junction of the Turksib and the Trans-Aral (Orenburg–Tashkent) line. Coordinates estimated.")
node("kz-kyzylorda", "Kyzylorda", "KZ", "rail_junction", 44.85, 65.51, gauge=B, aliases=["Qyzylorda", "Қызылорда"])
node("kz-saryagash", "Saryagash", "KZ", "border", 41.455, 69.17, gauge=B, aliases=["Сарыагаш"],
     thr=27e6, prov=["47f", "50a"],
     notes="KZ side of Saryagash–Keles (KZ–UZ); ~27 Mt/yr, at full capacity (2022) [47f]; 30 trains/day (2023) [50a].")

# --- China ---------------------------------------------------------------------------------
node("cn-alashankou", "Alashankou", "CN", "border", 45.17, 82.57, gauge=S,
     aliases=["阿拉山口", "Alataw Pass", "Alataw Shankou", "Alashankou station"],
     notes="CN side of Dostyk–Alashankou, km 2,358 of the Lanzhou–Xinjiang line [46c].")
node("cn-khorgos", "Khorgos", "CN", "border", 44.21, 80.42, gauge=S,
     aliases=["Horgos", "霍尔果斯", "Huoerguosi", "Korgas", "Khorgas"],
     notes="CN side of Altynkol–Khorgos; Horgos outbound rail clearance 34.8 h (2022) [5b].")
node("cn-tacheng", "Tacheng", "CN", "border", 46.70, 82.85, gauge=S, aliases=["塔城", "Chuguchak"],
     notes="CN side of the Bakhty–Tacheng crossing (under construction, 2027) [47b]; coordinates estimated.")
node("cn-jinghe", "Jinghe", "CN", "rail_junction", 44.61, 82.90, gauge=S, aliases=["精河"],
     notes="Junction where the Khorgos (Jinghe–Yining–Khorgos) line joins the Northern Xinjiang line.")
node("cn-kuytun", "Kuytun", "CN", "rail_junction", 44.43, 84.90, gauge=S, aliases=["Kuitun", "奎屯"],
     notes="Junction for the Karamay–Tacheng branch.")
node("cn-urumqi", "Urumqi", "CN", "city", 43.825, 87.617, gauge=S, aliases=["Ürümqi", "乌鲁木齐", "Wulumuqi"],
     prov=["93"], notes="Xinjiang rail hub; ~70 % of China–Europe trains pass Xinjiang [93].")
node("cn-lanzhou", "Lanzhou", "CN", "rail_junction", 36.06, 103.83, gauge=S, aliases=["兰州"],
     notes="Junction: Lanzhou–Xinjiang, Longhai and Baotou lines.")
node("cn-xian", "Xi'an", "CN", "dry_port", 34.37, 109.07, gauge=S, aliases=["Xian", "西安", "Xi'an International Port"],
     prov=["15b"], notes="Xi'an International Port with a Kazakh (KTZ) terminal [15b].")
node("cn-zhengzhou", "Zhengzhou", "CN", "rail_junction", 34.75, 113.65, gauge=S, aliases=["郑州"])
node("cn-xuzhou", "Xuzhou", "CN", "rail_junction", 34.26, 117.18, gauge=S, aliases=["徐州"])
node("cn-lyg-rail", "Lianyungang China–Kazakhstan logistics base", "CN", "dry_port", 34.73, 119.38, gauge=S,
     aliases=["China-Kazakhstan Logistics Base", "中哈物流基地"], prov=["45c"],
     notes="Rail side of Lianyungang: China–KZ logistics base, 410,000 containers/yr, 220,000 m² yard [45c].")
node("CNLYG", "Lianyungang", "CN", "seaport", 34.733333, 119.45, cprov="searoute",
     aliases=["连云港", "Lianyungang port", "Port of Lianyungang"],
     notes="Main sea gateway for Kazakh cargo to Japan/Korea/SE Asia [45a][45d].")
node("cn-tianjin-rail", "Tianjin sea-rail terminal", "CN", "dry_port", 39.00, 117.65, gauge=S,
     aliases=["Tianjin rail terminal"], prov=["74b"], notes="Sea-rail hub for Japan/Korea ↔ Central Asia cargo [74b].")
node("CNTXG", "Tianjin", "CN", "seaport", 38.986802, 117.744852, cprov="searoute",
     aliases=["天津", "Tianjin Xingang", "Xingang", "CNTSN", "Tianjin port"], prov=["74"],
     notes="UN/LOCODE CNTXG = Tianjin Xingang (container port; CNTSN = Tianjin city, the code searoute uses). "
           "22 m TEU (2024) [74]. Coordinates from the searoute CNTSN entry.")
node("cn-qingdao-rail", "Qingdao rail terminal", "CN", "dry_port", 36.08, 120.25, gauge=S)
node("CNTAO", "Qingdao", "CN", "seaport", 36.064987, 120.385335, cprov="searoute",
     aliases=["青岛", "Tsingtao", "Qingdao port", "Qianwan"], prov=["74c"],
     notes="Shandong Port Group 34 m TEU (2021) [74c]; TM polypropylene Turkmenbashi–Aktau–Qingdao precedent [84].")
node("cn-shanghai-rail", "Shanghai rail terminal", "CN", "dry_port", 31.30, 121.40, gauge=S)
node("CNSHA", "Shanghai", "CN", "seaport", 31.400091, 121.497113, cprov="searoute",
     aliases=["上海", "Shanghai port", "Yangshan", "Waigaoqiao"], notes="Sea node (searoute point at Waigaoqiao).")

# --- Trans-Caspian: Turkmenistan port, Azerbaijan, Georgia, Turkey ------------------------
node("tm-turkmenbashi-rail", "Turkmenbashi rail station", "TM", "rail_junction", 40.02, 52.98, gauge=B,
     aliases=["Turkmenbashy station", "Krasnovodsk station"])
node("TMKRW", "Turkmenbashi", "TM", "seaport", 40.0, 53.033, cprov="34b",
     aliases=["Turkmenbashy", "Türkmenbaşy", "Krasnovodsk", "Туркменбаши", "Turkmenbashi port"],
     thr=17e6, prov=["34"],
     notes="Turkmenbashi International Seaport (2018): ~17 Mt/yr excl. oil, 400,000 TEU [34]. Searoute lists it as TMKRW at 52.88E; "
           "coordinates here from [34b].")
node("AZBAK", "Baku", "AZ", "seaport", 39.945, 49.405,
     aliases=["Баку", "Alat", "Alyat", "Bakı", "Port of Baku", "Baku International Sea Trade Port", "Baku-Alat", "Ələt"],
     thr=15e6, prov=["28a"],
     notes="Port of Baku at Alat (new port, ~65 km SW of the city). 15 Mt & 100,000 TEU/yr, planned 25 Mt & 500,000 TEU [28a]. "
           "Coordinates estimated for Alat (the searoute AZBAK point is the old city port at 49.89E 40.38N, ~60 km NE).")
node("az-alat-rail", "Alat rail station", "AZ", "rail_junction", 39.96, 49.42, gauge=B, aliases=["Ələt station"],
     notes="Rail side of Baku/Alat port, on the Baku–Alat–Yevlakh main line.")
node("az-beyuk-kesik", "Beyuk Kesik", "AZ", "border", 41.30, 45.28, gauge=B, aliases=["Böyük Kəsik", "Boyuk Kesik"],
     notes="AZ side of the AZ–GE rail border; coordinates estimated.")
node("ge-gardabani", "Gardabani", "GE", "border", 41.46, 45.09, gauge=B, aliases=["გარდაბანი"],
     notes="GE side of the AZ–GE rail border.")
node("ge-marabda", "Marabda", "GE", "rail_junction", 41.45, 44.80, gauge=B, aliases=["მარაბდა"],
     notes="Junction where BTK (Marabda–Tsalka–Akhalkalaki) leaves the Tbilisi line; coordinates estimated.")
node("ge-tbilisi", "Tbilisi", "GE", "rail_junction", 41.716, 44.783, gauge=B, aliases=["თბილისი", "Tiflis", "Тбилиси"])
node("ge-samtredia", "Samtredia", "GE", "rail_junction", 42.16, 42.34, gauge=B, aliases=["სამტრედია"],
     notes="Junction of the lines to Poti, Batumi and (planned) Anaklia.")
node("ge-poti-rail", "Poti rail station", "GE", "rail_junction", 42.15, 41.69, gauge=B)
node("GEPTI", "Poti", "GE", "seaport", 42.155, 41.6544, cprov="35b",
     aliases=["ფოთი", "Поти", "Poti port", "Poti Sea Port"], prov=["35a", "35c"],
     notes="7.7 Mt & 357,600 TEU (2022) [35a]; 15 berths [35b]; Kazatomprom's TITR uranium consolidation port (chartered "
           "vessels) [63a]. GE port container tariffs highest in the Black Sea [1c].")
node("ge-batumi-rail", "Batumi rail station", "GE", "rail_junction", 41.64, 41.66, gauge=B)
node("GEBUS", "Batumi", "GE", "seaport", 41.645897, 41.6608, cprov="searoute",
     aliases=["ბათუმი", "Батуми", "Batumi port"], prov=["35d", "79"],
     notes="3.6 Mt & 91,200 TEU (2024) [35d]; Batumi–Constanța feeder [79].")
node("ge-anaklia-rail", "Anaklia port rail link (planned)", "GE", "rail_junction", 42.40, 41.62, gauge=B,
     notes="Planned rail access to Anaklia; coordinates estimated.")
node("ge-anaklia", "Anaklia", "GE", "seaport", 42.40, 41.56,
     aliases=["ანაკლია", "Anaklia deep-sea port", "Анаклия"], thr=7e6, prov=["36b", "36c"],
     notes="Planned deep-sea port: phase 1 600,000 TEU + 7 Mt, first ship by 2029 [36b][36c]. No UN/LOCODE confirmed; slug id.")
node("ge-akhalkalaki", "Akhalkalaki (1,520 mm side)", "GE", "rail_junction", 41.405, 43.486, gauge=B,
     aliases=["Akhalkalaki", "ახალქალაქი"], notes="BTK gauge-change station, broad-gauge side.")
node("ge-akhalkalaki-sg", "Akhalkalaki (1,435 mm side)", "GE", "rail_junction", 41.40, 43.49, gauge=S,
     notes="BTK gauge-change station, standard-gauge side (bogie exchange) [29b].")
node("ge-kartsakhi", "Kartsakhi (GE–TR border, GE side)", "GE", "border", 41.24, 43.25, gauge=S,
     aliases=["Kartsakhi"], notes="Georgian border point on BTK; coordinates estimated.")
node("tr-cildir", "Çıldır (GE–TR border, TR side)", "TR", "border", 41.13, 43.13, gauge=S,
     aliases=["Cildir", "Çıldır"], notes="Turkish border point on BTK; coordinates estimated.")
node("tr-kars", "Kars", "TR", "dry_port", 40.601, 43.097, gauge=S, aliases=["Kars Logistics Centre"],
     prov=["41"], notes="Kars Logistics Centre: 19 sidings, 1,435 & 1,520 mm tracks, customs on site, 412,000 t storage [41].")
node("tr-sivas", "Sivas", "TR", "rail_junction", 39.75, 37.02, gauge=S)
node("tr-kayseri", "Kayseri", "TR", "rail_junction", 38.73, 35.48, gauge=S)
node("tr-ankara", "Ankara", "TR", "rail_junction", 39.94, 32.85, gauge=S)
node("tr-halkali", "Halkalı (Istanbul rail freight terminal)", "TR", "dry_port", 41.03, 28.77, gauge=S,
     aliases=["Halkali", "Halkalı"], notes="Istanbul's rail freight terminal (reached via Marmaray); truck/rail shuttle to Ambarlı.")
node("TRAMR", "Istanbul (Ambarlı)", "TR", "seaport", 40.994737, 28.53608, cprov="searoute",
     aliases=["Istanbul", "İstanbul", "Ambarli", "Ambarlı", "Стамбул", "Constantinople", "Istanbul port"],
     notes="Istanbul's container port (Ambarlı, Marmara Sea, European side). UN/LOCODE TRAMR confirmed in the searoute port list.")
node("tr-mersin-rail", "Mersin rail station", "TR", "rail_junction", 36.80, 34.65, gauge=S)
node("TRMER", "Mersin", "TR", "seaport", 36.793232, 34.616666, cprov="searoute",
     aliases=["Mersin port", "Мерсин"], prov=["39a", "39c"],
     notes="2.6 m TEU capacity → 3.6 m TEU by 2026 [39a]; 31.45 Mt (2023) [39c].")
node("tr-samsun-rail", "Samsun rail station", "TR", "rail_junction", 41.29, 36.33, gauge=S)
node("TRSSX", "Samsun", "TR", "seaport", 41.316667, 36.333333, cprov="searoute", aliases=["Samsun port", "Самсун"])

# --- Black Sea / Europe / destinations --------------------------------------------------
node("ROCND", "Constanța", "RO", "seaport", 44.171564, 28.664262, cprov="searoute", dest=True,
     aliases=["Constanta", "Constantza", "Констанца"], prov=["38"], notes="92.5 Mt (2023) [38]; overloaded.")
node("NLRTM", "Rotterdam", "NL", "seaport", 51.904383, 4.442447, cprov="searoute", dest=True,
     aliases=["Роттердам", "ロッテルダム", "Maasvlakte"], notes="13.4 m TEU (2023) [81].")
node("DEHAM", "Hamburg", "DE", "seaport", 53.54772, 9.969406, cprov="searoute", dest=True,
     aliases=["Гамбург", "ハンブルク"])
node("USLAX", "Los Angeles", "US", "seaport", 33.716667, -118.283333, cprov="searoute", dest=True,
     aliases=["LA", "Long Beach", "San Pedro Bay", "ロサンゼルス", "Лос-Анджелес"],
     notes="Represents the LA/Long Beach complex.")
node("USNYC", "New York", "US", "seaport", 40.705475, -74.017681, cprov="searoute", dest=True,
     aliases=["New York/New Jersey", "NY/NJ", "Newark", "ニューヨーク", "Нью-Йорк"])
node("USBAL", "Baltimore", "US", "seaport", 39.281255, -76.595647, cprov="searoute", dest=True,
     aliases=["Балтимор", "ボルチモア"], notes="Historic US uranium import port (added destination).")
node("USHOU", "Houston", "US", "seaport", 29.745752, -95.287156, cprov="searoute", dest=True,
     aliases=["Хьюстон", "ヒューストン"])
node("JPYOK", "Yokohama", "JP", "seaport", 35.457551, 139.634516, cprov="searoute", dest=True,
     aliases=["横浜", "よこはま", "Иокогама", "Tokyo Bay"], prov=["73b"], notes="~240k TEU/month (Dec 2023) [73b].")
node("JPUKB", "Kobe", "JP", "seaport", 34.666667, 135.183333, cprov="searoute", dest=True,
     aliases=["神戸", "こうべ", "Кобе"], prov=["73b"])
node("JPNGO", "Nagoya", "JP", "seaport", 35.074343, 136.854301, cprov="searoute", dest=True,
     aliases=["名古屋", "なごや", "Нагоя"], prov=["73b"])
node("KRPUS", "Busan", "KR", "seaport", 35.098203, 129.035797, cprov="searoute", dest=True,
     aliases=["부산", "釜山", "Pusan", "Пусан", "プサン"], prov=["73a"], notes="24.3 m TEU (2024 record) [73a].")

# --- Afghanistan / Pakistan / Uzbekistan / Turkmenistan / Iran ----------------------------
node("uz-keles", "Keles", "UZ", "border", 41.40, 69.20, gauge=B, aliases=["Келес"],
     notes="UZ side of Saryagash–Keles.")
node("uz-tashkent", "Tashkent", "UZ", "city", 41.29, 69.29, gauge=B, origin=True,
     aliases=["Тошкент", "Ташкент", "タシケント", "Toshkent"])
node("uz-samarkand", "Samarkand", "UZ", "rail_junction", 39.65, 66.96, gauge=B, aliases=["Samarqand", "Самарканд"])
node("uz-navoi", "Navoi", "UZ", "city", 40.10, 65.38, gauge=B, origin=True,
     aliases=["Navoiy", "Навои", "Navoiyuran", "NMMC"], prov=["63i"],
     notes="Navoi mining region (uranium via Navoiyuran; gold; NMMC). Uzbek UOC went to France via Russia/St Petersburg (2025) [63i].")
node("uz-bukhara", "Bukhara (Kagan)", "UZ", "rail_junction", 39.72, 64.55, gauge=B, aliases=["Bukhara", "Kagan", "Buxoro"])
node("uz-alat", "Alat (UZ–TM border, UZ side)", "UZ", "border", 39.42, 63.80, gauge=B,
     aliases=["Olot"], notes="UZ side of the Alat–Farap crossing to Turkmenabat.")
node("uz-karshi", "Karshi", "UZ", "rail_junction", 38.86, 65.80, gauge=B, aliases=["Qarshi", "Карши"])
node("uz-termez", "Termez", "UZ", "border", 37.23, 67.28, gauge=B, aliases=["Termiz", "Термез"], prov=["53e"],
     notes="UZ side of the Friendship Bridge to Hairatan; Termez cargo centre [53e].")
node("af-hairatan", "Hairatan", "AF", "border", 37.22, 67.42, gauge=B, aliases=["Khairaton", "Hayratan", "حیرتان"],
     notes="AF side of the Friendship Bridge; start of the Hairatan–Mazar railway (1,520 mm, UZ-operated) [52a].")
node("af-mazar-rail", "Mazar-i-Sharif rail terminal (Naibabad)", "AF", "dry_port", 36.69, 67.05, gauge=B,
     aliases=["Naibabad", "Mazar rail terminal"], notes="Rail terminus; transload to trucks (explicit transfer leg).")
node("af-mazar", "Mazar-i-Sharif", "AF", "city", 36.709, 67.11, aliases=["Mazar", "Mazar-e-Sharif", "مزار شریف"],
     notes="Road hub (trucks south over the Salang to Kabul).")
node("af-kabul", "Kabul", "AF", "city", 34.528, 69.172, aliases=["کابل", "Кабул"])
node("af-torkham", "Torkham (AF side)", "AF", "border", 34.11, 71.08, aliases=["Torkham"],
     notes="AF side of the Torkham road crossing (Durand Line).")
node("pk-torkham", "Torkham (PK side)", "PK", "border", 34.105, 71.10, aliases=["Torkham border PK"],
     notes="PK side of Torkham; closures of weeks in 2025 (Feb–Mar; ~50 days Oct–Dec) [54a][54c].")
node("pk-peshawar", "Peshawar", "PK", "city", 34.008, 71.578, aliases=["پشاور", "Пешавар"],
     notes="Road hub (truck side).")
node("pk-peshawar-rail", "Peshawar rail freight terminal", "PK", "dry_port", 34.00, 71.54, gauge=P,
     aliases=["Peshawar Cantonment"], notes="ML-1 (1,676 mm) northern terminus [55d].")
node("af-kharlachi", "Trans-Afghan railway border point (AF side)", "AF", "border", 33.86, 69.94, gauge=B,
     notes="Planned: AF side opposite Kharlachi on the Trans-Afghan railway (1,520 mm) [51a]; coordinates estimated.")
node("pk-kharlachi", "Kharlachi", "PK", "border", 33.85, 69.98, gauge=P, aliases=["Kharlachi border"],
     notes="Planned: PK side of the Trans-Afghan railway crossing (Kurram); break of gauge 1,520/1,676 [51a][55e]. Coordinates estimated.")
node("pk-karachi-terminal", "Karachi rail/road freight terminal (Pipri)", "PK", "dry_port", 24.86, 67.20, gauge=P,
     aliases=["Pipri", "Karachi terminal"], notes="Landside terminal serving Karachi Port and Port Qasim; coordinates estimated.")
node("PKKHI", "Karachi", "PK", "seaport", 24.876483, 66.933709, cprov="searoute",
     aliases=["کراچی", "Карачи", "Karachi Port", "KPT"], thr=125e6, prov=["55a"],
     notes="KPT capacity 125 Mt incl. 4.1 m containers [55a]; Karachi + Qasim ≈95 % of Pakistan's trade [55f].")
node("PKBQM", "Port Qasim", "PK", "seaport", 24.817783, 67.206493, cprov="searoute",
     aliases=["Qasim", "Muhammad Bin Qasim", "پورٹ قاسم"])
node("pk-gwadar-terminal", "Gwadar landside (truck) terminal", "PK", "dry_port", 25.14, 62.34,
     notes="Truck gate of Gwadar port (no rail).")
node("PKGWD", "Gwadar", "PK", "seaport", 25.1264, 62.3225, cprov="55c", aliases=["گوادر", "Гвадар"],
     prov=["55b", "55c"], notes="Deep-water (16 m) [55c]; only 17 ship calls in 2023 [55b].")
node("tm-farap", "Farap", "TM", "border", 39.17, 63.61, gauge=B, aliases=["Farab", "Фараб"],
     notes="TM side of the Alat–Farap crossing.")
node("tm-turkmenabat", "Turkmenabat", "TM", "rail_junction", 39.07, 63.57, gauge=B,
     aliases=["Türkmenabat", "Chardzhou", "Туркменабат"])
node("tm-mary", "Mary", "TM", "rail_junction", 37.60, 61.84, gauge=B, aliases=["Merv", "Мары"])
node("tm-tejen", "Tejen", "TM", "rail_junction", 37.38, 60.51, gauge=B, aliases=["Tedzhen", "Теджен"])
node("tm-ashgabat", "Ashgabat", "TM", "city", 37.95, 58.38, gauge=B, aliases=["Aşgabat", "Ашхабад"])
node("tm-bereket", "Bereket", "TM", "rail_junction", 39.24, 55.52, gauge=B, aliases=["Gazanjyk", "Берекет"])
node("tm-serhetyaka", "Serhetyaka", "TM", "border", 42.30, 53.62, gauge=B, aliases=["Serhetýaka"],
     notes="TM side of the KZ–TM rail border; coordinates estimated.")
node("tm-etrek", "Etrek (Akyayla)", "TM", "border", 37.67, 54.77, gauge=B, aliases=["Etrek", "Akyayla", "Этрек"],
     notes="TM side of Etrek–Incheh Borun.")
node("tm-serakhs", "Serakhs (TM)", "TM", "border", 36.52, 61.22, gauge=B, aliases=["Saragt", "Serakhs"],
     notes="TM side of Serakhs–Sarakhs; dual-gauge section [58].")
node("ir-sarakhs", "Sarakhs (IR)", "IR", "border", 36.55, 61.15, gauge=S, aliases=["Sarakhs", "سرخس"],
     thr=7.5e6, prov=["57a"], notes="IR side; 7.5 Mt/yr, 200 (→400) wagons/day [57a]; ~79 % of Iran's rail transit [57e].")
node("ir-incheh-borun", "Incheh Borun", "IR", "border", 37.44, 54.71, gauge=S,
     aliases=["Inche Burun", "اینچه برون"], prov=["57d"], notes="IR side of Etrek–Incheh Borun; 40–65 wagons/day record [57d].")
node("ir-gorgan", "Gorgan", "IR", "rail_junction", 36.84, 54.43, gauge=S, aliases=["گرگان"])
node("ir-tehran", "Tehran", "IR", "rail_junction", 35.66, 51.42, gauge=S, aliases=["تهران", "Тегеран"])
node("ir-mashhad", "Mashhad", "IR", "rail_junction", 36.31, 59.60, gauge=S, aliases=["مشهد", "Мешхед"])
node("ir-bafq", "Bafq", "IR", "rail_junction", 31.61, 55.41, gauge=S, aliases=["بافق"])
node("ir-zahedan", "Zahedan", "IR", "rail_junction", 29.50, 60.86, gauge=S, aliases=["زاهدان"],
     notes="Rail (Kerman–Zahedan, 1,435 mm); start of Zahedan–Chabahar rail (under construction) [60b].")
node("ir-zahedan-truck", "Zahedan truck terminal", "IR", "dry_port", 29.49, 60.87,
     notes="Rail→truck transload for road haulage to Chabahar (explicit transfer leg).")
node("ir-bandar-abbas-rail", "Bandar Abbas rail terminal", "IR", "rail_junction", 27.15, 56.12, gauge=S)
node("IRBND", "Bandar Abbas", "IR", "seaport", 27.11, 56.06,
     aliases=["Shahid Rajaee", "Shahid Rajaei", "بندر عباس", "Бендер-Аббас", "Bandar-e Abbas"], prov=["59a", "59b"],
     notes="Shahid Rajaee port, 12 container berths, 23 km W of the city [59b]; ~80–85 % of Iran's container handling [59a]. "
           "Coordinates (fact sheet) for Shahid Rajaee; the searoute IRBND point is the city (56.28E).")
node("ir-chabahar-terminal", "Chabahar landside terminal", "IR", "dry_port", 25.32, 60.63, gauge=S,
     notes="Truck gate now; rail terminal when Zahedan–Chabahar opens.")
node("IRZBR", "Chabahar", "IR", "seaport", 25.3003, 60.6128, cprov="59c",
     aliases=["Shahid Beheshti", "چابهار", "Чабахар"], thr=8.5e6, prov=["59f"],
     notes="Shahid Beheshti terminal, 10 berths [59c]; 8.5 Mt/yr (2021) [59f]; US sanctions waiver revoked 29 Sep 2025 [60a].")

# --- Russia ----------------------------------------------------------------------------------
node("ru-lokot", "Lokot", "RU", "border", 51.17, 81.17, gauge=B, aliases=["Локоть"],
     notes="RU side of Aul–Lokot (Semey–Barnaul line).")
node("ru-novosibirsk", "Novosibirsk", "RU", "rail_junction", 55.03, 82.92, gauge=B, aliases=["Новосибирск"])
node("ru-ussuriysk", "Ussuriysk", "RU", "rail_junction", 43.80, 131.95, gauge=B, aliases=["Уссурийск"],
     notes="Trans-Siberian junction for Vladivostok and Nakhodka/Vostochny.")
node("ru-vladivostok-rail", "Vladivostok rail station", "RU", "rail_junction", 43.13, 131.91, gauge=B)
node("RUVVO", "Vladivostok", "RU", "seaport", 43.116667, 131.883333, cprov="searoute",
     aliases=["Владивосток", "ウラジオストク", "Commercial Port of Vladivostok"], prov=["103h"],
     notes="CPV >600,000 TEU/yr; 757,000 TEU (2021), loaded >100 % [103h].")
node("ru-nakhodka-rail", "Nakhodka-Vostochnaya rail station", "RU", "rail_junction", 42.77, 133.02, gauge=B,
     aliases=["Nakhodka-Vostochnaya", "Находка-Восточная"])
node("RUVYP", "Vostochny", "RU", "seaport", 42.733333, 133.05, cprov="searoute",
     aliases=["Vostochny port", "Восточный", "Nakhodka", "Находка", "VSC"], prov=["103f", "103g"],
     notes="Year-round, 15.5 m draught, 16 berths [103f]; VSC container gate ~340,000 TEU/yr [103g]; Eastern Polygon saturated [103a].")
node("ru-petukhovo", "Petukhovo", "RU", "border", 55.07, 67.90, gauge=B, aliases=["Петухово"],
     notes="RU side of the Petropavl–Kurgan crossing; coordinates estimated.")
node("ru-iletsk", "Iletsk", "RU", "border", 51.16, 54.99, gauge=B, aliases=["Sol-Iletsk", "Соль-Илецк", "Илецк"],
     notes="RU side of the Aktobe–Orenburg crossing.")
node("ru-orenburg", "Orenburg", "RU", "rail_junction", 51.77, 55.10, gauge=B, aliases=["Оренбург"])
node("ru-samara", "Samara", "RU", "rail_junction", 53.20, 50.15, gauge=B, aliases=["Самара", "Kuybyshev"])
node("ru-moscow", "Moscow (rail ring)", "RU", "rail_junction", 55.75, 37.62, gauge=B, aliases=["Moscow", "Москва"])
node("ru-spb-rail", "St Petersburg rail freight terminal", "RU", "rail_junction", 59.90, 30.32, gauge=B,
     aliases=["Avtovo"])
node("RULED", "Saint Petersburg", "RU", "seaport", 59.88, 30.22,
     aliases=["St Petersburg", "St. Petersburg", "Санкт-Петербург", "Petersburg", "Leningrad", "サンクトペテルブルク", "Big Port St Petersburg"],
     prov=["63a", "63f"],
     notes="Kazatomprom's primary uranium export port (Class-7 capable) [63a][63f]. Coordinates: container terminals (fact sheet), "
           "not the searoute city point.")
node("ru-ust-luga-rail", "Ust-Luga rail station", "RU", "rail_junction", 59.65, 28.45, gauge=B)
node("RUULU", "Ust-Luga", "RU", "seaport", 59.660886, 28.289734, cprov="searoute", aliases=["Усть-Луга", "Ust Luga"])
node("ru-aksaraiskaya", "Aksaraiskaya (RU side)", "RU", "border", 46.79, 48.00, gauge=B,
     aliases=["Aksaraiskaya", "Аксарайская"], notes="RU side of the Ganyushkino–Astrakhan crossing; coordinates estimated.")
node("ru-novorossiysk-rail", "Novorossiysk rail station", "RU", "rail_junction", 44.72, 37.80, gauge=B)
node("RUNVS", "Novorossiysk", "RU", "seaport", 44.741619, 37.781984, cprov="searoute", aliases=["Новороссийск"],
     prov=["105", "106"], notes="KZ coal via Azov/Black Sea 0.9 Mt Q1 2025 [105]; Russia restricted foreign tankers Jul 2025 [106].")

# --- Chokepoints (country = state controlling passage) -------------------------------------
node("bosporus", "Bosporus", "TR", "chokepoint", 41.12, 29.07, aliases=["Bosphorus", "İstanbul Boğazı", "Босфор", "Turkish Straits"],
     prov=["40a", "40b"], notes="Turkish Straits; tanker queues up to 6–16 d in disrupted periods [40a][40b]; closes on high winds [40c].")
node("dardanelles", "Dardanelles", "TR", "chokepoint", 40.20, 26.40, aliases=["Çanakkale Boğazı", "Дарданеллы", "Hellespont"])
node("suez", "Suez Canal", "EG", "chokepoint", 30.58, 32.32, aliases=["Suez", "قناة السويس", "Суэцкий канал"],
     prov=["25a"], notes="Point in Lake Timsah (Ismailia). Transits −50 % in 2024 [25a].")
node("bab-el-mandeb", "Bab-el-Mandeb", "YE", "chokepoint", 12.58, 43.33,
     aliases=["Bab el Mandeb", "Bab al-Mandab", "باب المندب", "Red Sea strait"], prov=["107", "24a"],
     notes="Country YE: Houthi attacks (2023–) are what controls passage in practice; DJ/ER on the other shore. "
           "Weekly transits −55 % early 2024 [107].")
node("hormuz", "Strait of Hormuz", "OM", "chokepoint", 26.57, 56.25, aliases=["Hormuz", "Ormuz", "تنگه هرمز", "Ормузский пролив"],
     notes="Country OM: the traffic-separation lanes lie in Omani (Musandam) waters; Iran, on the north shore, is recorded "
           "as the controlling state on the legs through it (control = IR).")
node("malacca", "Strait of Malacca / Singapore Strait", "SG", "chokepoint", 1.20, 103.85,
     aliases=["Malacca", "Singapore Strait", "Singapore", "Straits of Malacca", "マラッカ海峡"],
     notes="Point in the Singapore Strait. No disruption data collected (hole).")
node("gibraltar", "Strait of Gibraltar", "ES", "chokepoint", 35.95, -5.60, aliases=["Gibraltar", "Estrecho de Gibraltar", "Гибралтар"],
     notes="Country ES (north shore; GB holds Gibraltar, MA the south shore).")
node("cape-good-hope", "Cape of Good Hope", "ZA", "chokepoint", -34.60, 18.40,
     aliases=["Cape of Good Hope", "Cape", "Cape route", "Kaap die Goeie Hoop", "мыс Доброй Надежды"],
     notes="Point ~25 km offshore of the cape (-34.36, 18.47) so that it lies on the sea lane. Arrivals +89 % mid-2024 [24a].")
node("panama", "Panama Canal", "PA", "chokepoint", 9.08, -79.68, aliases=["Panama", "Canal de Panamá", "Панамский канал"],
     prov=["24b"], notes="Traffic down >50 % from peak by mid-2024 (drought) [24b].")
node("sunda", "Sunda Strait", "ID", "chokepoint", -5.95, 105.80, aliases=["Sunda", "Selat Sunda"],
     notes="Open-sea junction used by the Malacca-avoiding Cape route from East Asia (searoute passage 'sunda').")
node("dondra-head", "Dondra Head (south of Sri Lanka)", "LK", "chokepoint", 5.60, 80.60,
     aliases=["Dondra Head", "Sri Lanka south"], notes="Open-sea junction south of Sri Lanka where Malacca–Arabian Sea/Red Sea/Cape lanes split.")

# ----------------------------------------------------------------------------------------
# helpers
# ----------------------------------------------------------------------------------------


def gc_km(a, b):
    la1, lo1, la2, lo2 = map(math.radians, (NODES[a]["lat"], NODES[a]["lon"], NODES[b]["lat"], NODES[b]["lon"]))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def r2(x):
    """round to 2 significant figures"""
    if x == 0:
        return 0
    return round(x, -int(math.floor(math.log10(abs(x)))) + 1)


def rdays(x):
    return max(0.1, round(x, 1))


LEGS = []

RAIL_TARIFF = {  # USD/t-km, provenance, note
    "KZ": (0.088, ["6"], "KZ rail 0.088 USD/t-km = CAREC TFI3 KZ 2022, $883 per 500 km per 20 t [6]"),
    "UZ": (0.080, ["5"], "rail 0.080 USD/t-km = CAREC TFI3 all corridors 2022, $804 per 500 km per 20 t [5]"),
    "TM": (0.080, ["5"], "rail 0.080 USD/t-km = CAREC TFI3 all corridors 2022 [5]"),
    "AF": (0.080, ["5"], "rail 0.080 USD/t-km = CAREC TFI3 all corridors 2022 [5]"),
    "PK": (0.080, ["5"], "rail 0.080 USD/t-km = CAREC TFI3 all corridors 2022 [5] (PK is a CAREC member)"),
    "AZ": (0.080, ["5"], "rail 0.080 USD/t-km = CAREC TFI3 all corridors 2022 [5] (AZ is a CAREC member)"),
    "GE": (0.018, ["37c", "computed"], "GE rail 0.018 USD/t-km computed from Georgian Railway's $123/container transit fee [37c] "
           "≈ $6/t on a 20 t box over ~340 km Gardabani–Poti (a 2017 claim; likely a floor)"),
    "RU": (0.13, ["85", "estimated"], "RU rail 0.13 USD/t-km estimated as 1.5 × KZ (container charge ~$0.6/km RU vs ~$0.4/km KZ [85])"),
    "CN": (0.06, ["estimated"], "CN rail 0.06 USD/t-km estimated (China Railway tariffs not collected; hole)"),
    "IR": (0.08, ["5", "estimated"], "IR rail 0.08 USD/t-km estimated from the CAREC average [5]"),
    "TR": (0.08, ["5", "estimated"], "TR rail 0.08 USD/t-km estimated from the CAREC average [5]"),
}
RAIL_SPEED = {"KZ": 600, "CN": 800, "RU": 600}  # km/day, others 400
RAIL_RISK = {"KZ": 0.003, "CN": 0.005, "UZ": 0.004, "TM": 0.01, "AF": 0.08, "PK": 0.02, "AZ": 0.01,
             "GE": 0.015, "RU": 0.05, "IR": 0.08, "TR": 0.005}
RISK_NOTE = {
    "KZ": "domestic KZ rail (tariff escalation, wagon shortages; no stranding events logged)",
    "CN": "Chinese domestic rail",
    "UZ": "UZ rail (Saryagash–Keles overload upstream)",
    "TM": "TM rail (opaque operations, low governance score [68])",
    "AF": "Afghanistan (Hairatan rail suspended Feb 2023, operator disputes, security) [52b]",
    "PK": "Pakistan (security, congestion)",
    "AZ": "Azerbaijan rail (wagon availability at AZ–GE border [1c])",
    "GE": "Georgia (wagon availability, 2024 political tension with US/EU [108])",
    "RU": "Russia (sanctions, transit permits, port restrictions) [2][65a]",
    "IR": "Iran (US secondary sanctions, banking; carriers avoid Iranian ports) [60a][59e]",
    "TR": "Turkish rail",
}


def add(leg):
    leg.setdefault("bidirectional", True)
    leg.setdefault("status", "operational")
    leg.setdefault("status_year", None)
    leg.setdefault("control", [])
    leg.setdefault("waypoints", "")
    leg.setdefault("capacity_tpy", None)
    leg.setdefault("capacity_group", "")
    leg.setdefault("tariff_fixed_usd_per_t", 0.0)
    leg.setdefault("tariff_usd_per_tkm", 0.0)
    leg.setdefault("allows_class7", False)
    leg["leg_id"] = f"{leg['from_id'].lower()}--{leg['to_id'].lower()}"
    LEGS.append(leg)
    return leg


def terr(a, b, extra=()):
    out = []
    for c in [NODES[a]["country"], NODES[b]["country"], *extra]:
        if c not in out:
            out.append(c)
    return out


def rail(a, b, corridor, dist=None, dprov=None, dnote="", cap=None, cprov=(), cnote="", status="operational",
         year=None, c7=False, risk=None, rnote="", speed=None, extra_terr=(), control=(), note=""):
    ca = NODES[a]["country"]
    if dist is None:
        dist = round(gc_km(a, b) * 1.25 / 5) * 5
        dprov = ["estimated"]
        dnote = f"distance = great-circle × 1.25 (estimated; GC {gc_km(a, b):.0f} km)"
    tar, tprov, tnote = RAIL_TARIFF[ca]
    sp = speed or RAIL_SPEED.get(ca, 400)
    days = rdays(dist / sp)
    prov = []
    for p in list(dprov) + tprov + list(cprov) + ["estimated"]:
        if p not in prov:
            prov.append(p)
    rk = risk if risk is not None else RAIL_RISK[ca]
    notes = "; ".join(x for x in [
        dnote, tnote,
        f"days = distance / {sp} km/day (estimated" + (", KZ block trains 941 km/day [70] less yard time)" if ca == "KZ" else ")"),
        cnote, f"risk {rk} estimated: {rnote or RISK_NOTE[ca]}", note] if x)
    return add(dict(from_id=a, to_id=b, mode="rail", corridor=corridor, distance_km=dist,
                    tariff_usd_per_tkm=tar, transit_days=days, capacity_tpy=cap,
                    territory=terr(a, b, extra_terr), control=list(control), disruption_prob=rk,
                    status=status, status_year=year, allows_class7=c7, provenance=prov, notes=notes))


ROAD_TARIFF = 0.15


def road(a, b, corridor, dist=None, dprov=None, dnote="", speed=400, risk=0.02, rnote="", cap=None, note="",
         status="operational", year=None):
    if dist is None:
        dist = round(gc_km(a, b) * 1.3 / 5) * 5
        dprov = ["estimated"]
        dnote = f"distance = great-circle × 1.3 (estimated; GC {gc_km(a, b):.0f} km)"
    prov = []
    for p in list(dprov) + ["6", "estimated"]:
        if p not in prov:
            prov.append(p)
    notes = "; ".join(x for x in [dnote, "road tariff 0.15 USD/t-km = CAREC TFI3 KZ road 2022, $1,493 per 500 km per 20 t [6], "
                                  "applied outside KZ as an estimate",
                                  f"days = distance / {speed} km/day (estimated)", f"risk {risk} estimated: {rnote}", note] if x)
    return add(dict(from_id=a, to_id=b, mode="road", corridor=corridor, distance_km=dist, tariff_usd_per_tkm=ROAD_TARIFF,
                    transit_days=rdays(dist / speed), capacity_tpy=cap, territory=terr(a, b), disruption_prob=risk,
                    status=status, status_year=year, allows_class7=False, provenance=prov, notes=notes))


def border(a, b, corridor, fixed, fprov, fnote, days, dprov, dnote, gauge_change=False, cap=None, cprov=(), cnote="",
           risk=0.005, rnote="", status="operational", year=None, c7=False, dist=None, control=(), note=""):
    prov = []
    extra_f = 0
    gnote = ""
    if gauge_change:
        extra_f = 10
        gnote = (f"gauge change {NODES[a]['gauge_mm']}/{NODES[b]['gauge_mm']} mm here: +10 USD/t estimated transshipment/bogie-exchange "
                 "charge (fees not found, hole); CPMM clearance time already includes gauge change [5b]")
    for p in list(fprov) + list(dprov) + list(cprov) + (["estimated"] if gauge_change else []) + ["estimated"]:
        if p not in prov:
            prov.append(p)
    notes = "; ".join(x for x in [fnote, gnote, dnote, cnote, f"risk {risk} estimated: {rnote}", note] if x)
    return add(dict(from_id=a, to_id=b, mode="border", corridor=corridor, distance_km=dist,
                    tariff_fixed_usd_per_t=fixed + extra_f, transit_days=days, capacity_tpy=cap,
                    territory=terr(a, b), control=list(control), disruption_prob=risk, status=status, status_year=year,
                    allows_class7=c7, provenance=prov, notes=notes))


def transfer(a, b, corridor, fixed, days, prov, note, cap=None, risk=0.003, c7=False, status="operational", year=None,
             control=()):
    return add(dict(from_id=a, to_id=b, mode="transfer", corridor=corridor, distance_km=None,
                    tariff_fixed_usd_per_t=fixed, transit_days=days, capacity_tpy=cap, territory=terr(a, b),
                    control=list(control), disruption_prob=risk, status=status, status_year=year, allows_class7=c7,
                    provenance=list(prov), notes=note))


SEA_TARIFF = 0.0031  # 1553 USD/FEU / 26 t / 19,472 km
SEA_NOTE = ("sea tariff 0.0031 USD/t-km computed from Drewry WCI Shanghai–Rotterdam $1,553/FEU (Mar 2023) [88] at ~26 t per FEU "
            "over 19,472 km (container basis; bulk/Class-7 charter rates not collected)")
NON_C7_PORTS = {"PKKHI", "PKBQM", "PKGWD", "IRBND", "IRZBR", "TRMER", "TRSSX", "TRAMR", "RUNVS", "GEBUS", "ge-anaklia",
                "RUVYP", "RUVVO",
                # Chinese ports: Kazakh UOC goes to China by rail for Chinese buyers; the fact
                # sheet records no Class-7 onward sea shipment through Chinese ports (Kazatomprom
                # ships west via St Petersburg or TITR/Poti on chartered vessels [63a][63f][63j]).
                "CNLYG", "CNTXG", "CNTAO", "CNSHA"}
SEA_RISK_NOTE = {}


def sea(a, b, corridor="sea", risk=0.002, rnote="ordinary ocean leg", control=(), status="operational", year=None, note=""):
    na, nb = NODES[a], NODES[b]
    km, wp, passages = sea_route((na["lat"], na["lon"]), (nb["lat"], nb["lon"]))
    km = round(km)
    days = rdays(km / 622.0)
    c7 = not (a in NON_C7_PORTS or b in NON_C7_PORTS)
    notes = "; ".join(x for x in [
        f"distance {km} km computed with searoute 1.6.0 between the end nodes' coordinates (waypoints simplified)",
        SEA_NOTE, "days = distance at 14 kn (622 km/day), sailing only (computed)",
        "territory = states of the end ports/chokepoints (rule for ocean legs)",
        f"risk {risk} estimated: {rnote}", note] if x)
    return add(dict(from_id=a, to_id=b, mode="sea", corridor=corridor, distance_km=km, tariff_usd_per_tkm=SEA_TARIFF,
                    transit_days=days, territory=terr(a, b), control=list(control), disruption_prob=risk, status=status,
                    status_year=year, allows_class7=c7, waypoints=wp, provenance=["searoute", "88", "computed", "estimated"],
                    notes=notes))


# ----------------------------------------------------------------------------------------
# LEGS: Kazakh rail
# ----------------------------------------------------------------------------------------
K = "kazakh_rail"
rail("kz-oskemen", "kz-shar", K, 151, ["47g"], "distance 151 km sourced [47g]", c7=True,
     note="single line, PPP concession; Class-7 use needed special certification (2012) [47h]")
rail("kz-shar", "kz-semey", K, 179, ["estimated"], "distance 179 km estimated = Oskemen–Semey via Shar ~330 km (E) minus 151 km", c7=True)
rail("kz-shar", "kz-ayagoz", K, 225, ["estimated"], "distance estimated (Shar–Aktogay ~380 km (E) split by GC)", c7=True)
rail("kz-ayagoz", "kz-aktogay", K, 155, ["estimated"], "distance estimated (Shar–Aktogay ~380 km (E) split by GC)", c7=True)
rail("kz-aktogay", "kz-dostyk", K, 310, ["estimated"], "distance ~310 km (fact sheet E, A3)", c7=True,
     note="Dzungarian Gate winds >25 m/s halt work [70]; part of the Dostyk–Moyinty doubling [47a]")
rail("kz-aktogay", "kz-moyinty", K, 526, ["47a", "computed"],
     "distance 526 km computed = Dostyk–Moyinty 836 km [47a] minus Aktogay–Dostyk ~310 km (E)", c7=True,
     note="second track 75 % built Nov 2024; service speed 800→1,500 km/day planned [47f]")
rail("kz-aktogay", "kz-zhetygen", K, 577, ["estimated"],
     "distance 577 km estimated = Oskemen–Almaty ~1,150 km (E) minus Oskemen–Aktogay (151+380) minus Almaty–Zhetygen ~42", c7=True)
rail("kz-zhetygen", "kz-almaty", K, None, c7=True, note="Almaty–Altynkol then ~360 km vs ~335 km (E, A8)")
rail("kz-zhetygen", "kz-altynkol", K, 293, ["47e"], "distance 293 km sourced (Zhetygen–Altynkol) [47e]", c7=True,
     note="route via Altynkol ~500 km shorter than via Dostyk for Almaty/Aktau/CA traffic [47e]")
rail("kz-ayagoz", "kz-bakhty", K, 272, ["47b"], "distance 272 km sourced [47b]", status="under_construction", year=2027,
     c7=True, cap=20e6, cprov=["47b"], cnote="capacity +20 Mt/yr (KZ–CN 28→~48 Mt/yr) [47b]",
     note="double track, 321 bn KZT PPP [47b]; opening 2027 (some say 2028)")
rail("kz-moyinty", "kz-karaganda", K, 340, ["estimated"], "distance 340 km estimated (GC 288 × 1.2; fact sheet A10 ~480 km Moyinty–Astana is below the GC sum)", c7=True)
rail("kz-karaganda", "kz-astana", K, 225, ["estimated"], "distance 225 km estimated (GC 191 × 1.2)", c7=True)
rail("kz-moyinty", "kz-zhezkazgan", K, 550, ["estimated"], "distance ~550 km (fact sheet E, A11, existing line via Zharyk)", c7=True,
     note="planned Moyinty–Kyzylzhar 360 km shortcut not modelled [47c]")
rail("kz-zhezkazgan", "kz-saksaulskaya", K, 517, ["47d", "estimated"],
     "distance 517 km estimated: new-line split of the 988 km (S) Zhezkazgan–Beyneu construction [47d] (988 = 517 Zhezkazgan–Saksaulskaya + 471 Shalkar–Beyneu; "
     "the fact sheet's 988 km is shorter than the 994 km GC, so it cannot be the through distance)", c7=True,
     note="opened 2014; desert single track [47d]")
rail("kz-saksaulskaya", "kz-shalkar", K, None, c7=True, note="existing Trans-Aral line")
rail("kz-shalkar", "kz-beyneu", K, 471, ["47d", "estimated"], "distance 471 km estimated: new-line split of 988 km (S) [47d]", c7=True)
rail("kz-beyneu", "kz-aktau-rail", K, 400, ["estimated"], "distance ~400 km (fact sheet E, A13)", c7=True)
rail("kz-beyneu", "kz-kuryk-rail", K, 430, ["estimated"], "distance ~430 km (fact sheet E, A14)")
rail("kz-aktau-rail", "kz-uzen", K, None)
rail("kz-uzen", "kz-bolashak", K, 146, ["56a"], "distance 146 km = upper end of the sourced KZ section 120–146 km [56a]",
     cap=5e6, cprov=["56a"], cnote="capacity 5 Mt/yr: KZ–TM–IR line 3–5 Mt/yr initially → 10–12 Mt/yr [56a]")
rail("kz-almaty", "kz-shymkent", K, 700, ["47a", "estimated"], "distance ~700 km (fact sheet E, A17)", c7=True,
     note="Almaty junction congestion; 74 km bypass 75 % built Nov 2024 [47a]")
rail("kz-shymkent", "kz-saryagash", K, 120, ["estimated"], "distance ~120 km (fact sheet E, A18)", c7=True)
rail("kz-shymkent", "kz-arys", K, None, c7=True)
rail("kz-arys", "kz-kyzylorda", K, None, c7=True)
rail("kz-kyzylorda", "kz-saksaulskaya", K, None, c7=True)
rail("kz-shalkar", "kz-kandyagash", K, None, c7=True)
rail("kz-kandyagash", "kz-aktobe", K, None, c7=True)
rail("kz-khromtau", "kz-aktobe", K, None, c7=True, note="chrome ore spur (estimated alignment)")
rail("kz-kandyagash", "kz-makat", K, None, c7=True)
rail("kz-makat", "kz-atyrau", K, None, c7=True)
rail("kz-makat", "kz-beyneu", K, None, c7=True,
     note="fact sheet A19/A20 (Aktobe–Beyneu ~650 km, Atyrau–Beyneu ~380 km, E) are shorter than the GC sums via Makat; network distances used")
rail("kz-semey", "kz-aul", K, None, c7=True)
rail("kz-astana", "kz-petropavl", K, None, c7=True, note="via Kokshetau")
rail("kz-aktobe", "kz-iletsk-border", K, None, c7=True)
rail("kz-atyrau", "kz-ganyushkino", K, None)

# ----------------------------------------------------------------------------------------
# China
# ----------------------------------------------------------------------------------------
C = "china"
KZ_BCP_F, KZ_BCP_NOTE = 15, "border charge 15 USD/t computed from KZ rail BCP cost $297 per crossing (2022) [6] on a 20 t unit"
CAREC_BCP_F, CAREC_BCP_NOTE = 11, "border charge 11 USD/t computed from the CAREC rail BCP average $215 (2022) [5b] on a 20 t unit"
border("kz-dostyk", "cn-alashankou", C, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 1.3, ["5b"],
       "clearance 30.5 h (Alashankou outbound rail 2022, CPMM [5b]) → 1.3 d; KZ rail BCP average is 67.4 h [6]",
       gauge_change=True, cap=20e6, cprov=["42e"], cnote="capacity ~20 Mt/yr (2016) [42e]; Dostyk station to 35 Mt after doubling [47a]",
       risk=0.02, rnote="PRC throttles trains when KZ side congested, SPS checks, Dzungarian Gate winds [5b][70]", c7=True)
border("kz-altynkol", "cn-khorgos", C, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE + "; Horgos flagged the costliest road BCP (2020) [8]",
       1.5, ["5b"], "clearance 34.8 h (Horgos outbound rail 2022, CPMM [5b]) → 1.5 d",
       gauge_change=True, cap=16.1e6, cprov=["42c"], cnote="capacity 16.1 Mt/yr = 2025 volume (lower bound) [42c]",
       risk=0.02, rnote="priority to China–Europe express trains, SPS controls, throttling [5b][42b]", c7=True)
border("kz-bakhty", "cn-tacheng", C, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"],
       "clearance 67.4 h = KZ rail BCP average 2022 [6] (new crossing, no data)",
       gauge_change=True, cap=20e6, cprov=["47b"], cnote="capacity +20 Mt/yr [47b]", risk=0.02,
       rnote="as other KZ–CN crossings", status="under_construction", year=2027, c7=True)
rail("cn-alashankou", "cn-jinghe", C, 120, ["estimated"], "distance ~120 km estimated", c7=True)
rail("cn-khorgos", "cn-jinghe", C, 286, ["estimated"], "distance ~286 km estimated (Jinghe–Yining–Khorgos line)", c7=True)
rail("cn-tacheng", "cn-kuytun", C, None, c7=True, note="Karamay–Tacheng branch (in service, estimated alignment); dead end until Bakhty–Tacheng opens")
rail("cn-jinghe", "cn-kuytun", C, None, c7=True)
rail("cn-kuytun", "cn-urumqi", C, 230, ["estimated"], "distance ~230 km estimated; Urumqi–Alashankou = 466 km computed from km posts "
     "(Alashankou km 2,358 [46c] minus Urumqi ~km 1,892, E)", c7=True)
rail("cn-urumqi", "cn-lanzhou", C, 1892, ["estimated"], "distance 1,892 km estimated (Lanzhou–Xinjiang line km post of Urumqi)", c7=True)
rail("cn-lanzhou", "cn-xian", C, 676, ["estimated"], "distance ~676 km estimated (Longhai line)", c7=True)
rail("cn-xian", "cn-zhengzhou", C, 511, ["estimated"], "distance ~511 km estimated (Longhai line)", c7=True)
rail("cn-zhengzhou", "cn-xuzhou", C, 350, ["estimated"], "distance ~350 km estimated (Longhai line)", c7=True)
rail("cn-xuzhou", "cn-lyg-rail", C, 230, ["estimated"], "distance ~230 km estimated; Alashankou–Lianyungang sums to ~4,130 km vs ~4,120 km (E, B4)", c7=True,
     note="Lianyungang trains average >900 km/day (fact sheet B4)")
rail("cn-lanzhou", "cn-tianjin-rail", C, 1640, ["estimated"], "distance 1,640 km estimated = Alashankou–Tianjin ~4,000 km (E, B6) minus Alashankou–Lanzhou 2,358 km [46c]", c7=True)
rail("cn-xuzhou", "cn-qingdao-rail", C, None, c7=True, note="Alashankou–Qingdao sums to ~4,400 km vs ~4,200 km (E, B7)")
rail("cn-xuzhou", "cn-shanghai-rail", C, 630, ["estimated"], "distance ~630 km estimated (Xuzhou–Nanjing–Shanghai)", c7=True)
CN_PORT_NOTE = "handling 10 USD/t estimated (port tariffs not collected, hole); dwell 1.5 d estimated"
transfer("cn-lyg-rail", "CNLYG", C, 10, 1.5, ["45c", "computed", "estimated"],
         CN_PORT_NOTE + "; capacity 8.6 Mt/yr computed from the China–KZ logistics base's 410,000 containers/yr [45c] at ~21 t per box (KZ rail 2023 ratio [49b])",
         cap=8.6e6, c7=True)
transfer("cn-tianjin-rail", "CNTXG", C, 10, 1.5, ["estimated"], CN_PORT_NOTE, c7=True)
transfer("cn-qingdao-rail", "CNTAO", C, 10, 1.5, ["estimated"], CN_PORT_NOTE, c7=True)
transfer("cn-shanghai-rail", "CNSHA", C, 10, 1.5, ["estimated"], CN_PORT_NOTE, c7=True)

# ----------------------------------------------------------------------------------------
# Trans-Caspian
# ----------------------------------------------------------------------------------------
T = "trans_caspian"
transfer("kz-aktau-rail", "KZAAU", T, 10, 1.5, ["26c", "1c", "estimated"],
         "handling 10 USD/t estimated (Aktau tariffs not found, hole); dwell 1.5 d estimated (WB asks to cut port dwell at Aktau/Baku [1c]; "
         "weather waits of 2–5 d per storm [32] not included); capacity >11 Mt/yr [26c]", cap=11e6, risk=0.005, c7=True)
transfer("kz-kuryk-rail", "KZKUR", T, 10, 1.0, ["27a", "estimated"],
         "handling 10 USD/t estimated; dwell 1.0 d estimated (ferry handling 6–8 h single-deck, 10–12 h double-deck [27a], plus waiting "
         "for an untimetabled ferry); capacity 4.1 Mt/yr = Kuryk rail berth [27a]", cap=4.1e6, risk=0.005)
transfer("tm-turkmenbashi-rail", "TMKRW", T, 10, 1.0, ["34", "estimated"],
         "handling 10 USD/t and dwell 1.0 d estimated; capacity 17 Mt/yr excl. oil [34]", cap=17e6, risk=0.01)
transfer("AZBAK", "az-alat-rail", T, 10, 0.8, ["28b", "28a", "estimated"],
         "handling 10 USD/t estimated; dwell 0.8 d = Baku vessel protocol average 20.1 h (2024) [28b] (max 30 h); capacity 15 Mt/yr [28a]",
         cap=15e6, risk=0.005, c7=True)
# Caspian ferry/feeder fares and the Aktau/Alat port dues are public holes. The crossing's
# charge is calibrated instead: with it, freight + handling on the Middle Corridor come out
# ~1.33× the northern route via Russia for Dostyk/Almaty/Karaganda/Astana → Rotterdam/Hamburg
# ("~1/3 more than via Russia" [21]; "up to 1.5×" [87]). With 45 USD/t the Middle Corridor
# came out 0.88× the northern route, contradicting both sources. Re-run the check with
# tools/netdata/check.py after any tariff change.
FERRY_CHARGE = 250
FERRY_NOTE = (f"crossing charge {FERRY_CHARGE} USD/t computed by calibration (ferry fare + port dues not found): "
              "Middle Corridor freight+handling ≈ 1.33× the northern route via Russia for KZ → Rotterdam/Hamburg, "
              "as reported ~1/3 dearer [21], up to 1.5× [87]")
# The 4.5 Mt/yr is the whole rail-ferry fleet's [30a]: the ferry crossings (three to Baku/Alat,
# Aktau–Turkmenbashi) draw on it together (capacity_group), not 4.5 Mt/yr each.
CASPIAN_FLEET = "caspian_rail_ferry_fleet"
CASPIAN_RISK = "Caspian NW storms close ports ~2–5 d per event, low water cuts loads [32][31c]"
add(dict(from_id="KZAAU", to_id="AZBAK", mode="ferry", corridor=T, distance_km=468, tariff_fixed_usd_per_t=FERRY_CHARGE,
         transit_days=0.9, capacity_tpy=4.5e6, capacity_group=CASPIAN_FLEET, territory=["KZ", "AZ"], disruption_prob=0.02, allows_class7=True,
         provenance=["searoute", "computed", "75", "28e", "30a", "21", "87", "estimated"],
         notes="distance 468 km (253 nm) computed with searoute to the Baku point (fact sheet C1; ~450 km [75]); Alat lies ~60 km further SW, "
               "not added; days 0.9 = 22 h sailing [28e]; capacity 4.5 Mt/yr = whole Caspian rail-ferry fleet (~95,000 wagons) [30a], shared "
               "with the other Caspian ferry legs; " + FERRY_NOTE + f"; risk 0.02 estimated: {CASPIAN_RISK}; Kazatomprom's TITR uranium route [63a]"))
add(dict(from_id="KZKUR", to_id="AZBAK", mode="ferry", corridor=T, distance_km=468, tariff_fixed_usd_per_t=FERRY_CHARGE,
         transit_days=0.8, capacity_tpy=4.5e6, capacity_group=CASPIAN_FLEET, territory=["KZ", "AZ"], disruption_prob=0.02,
         provenance=["searoute", "computed", "28e", "30a", "21", "87", "estimated"],
         notes="distance 468 km (253 nm) computed (fact sheet C2); days 0.8 = 18 h [28e]; capacity 4.5 Mt/yr fleet-wide [30a], shared; "
               + FERRY_NOTE + f"; risk 0.02 estimated: {CASPIAN_RISK}"))
add(dict(from_id="TMKRW", to_id="AZBAK", mode="ferry", corridor=T, distance_km=330, tariff_fixed_usd_per_t=FERRY_CHARGE,
         transit_days=0.6, capacity_tpy=4.5e6, capacity_group=CASPIAN_FLEET, territory=["TM", "AZ"], disruption_prob=0.02,
         provenance=["30a", "21", "87", "estimated"],
         notes="distance 330 km estimated (GC ~308 km × ~1.07): the fact sheet's 250 km (C3) was computed to the old Baku city port and is "
               "shorter than the GC to Alat; days 0.6 estimated (~12 kn); capacity 4.5 Mt/yr fleet-wide [30a], shared; " + FERRY_NOTE +
               f"; risk 0.02 estimated: {CASPIAN_RISK}; low water cut tank-car loads −37 % on Baku–Turkmenbashi [31d]"))
# Aktau–Turkmenbashi has no capacity of its own in the sources; a ferry crossing draws on the
# same fleet, so it joins the group (a route Aktau → Turkmenbashi → Baku then uses the fleet
# twice, as it would). Uncapped, it was a way round the fleet's limit.
add(dict(from_id="KZAAU", to_id="TMKRW", mode="ferry", corridor=T, distance_km=485, tariff_fixed_usd_per_t=FERRY_CHARGE,
         transit_days=0.9, capacity_tpy=4.5e6, capacity_group=CASPIAN_FLEET, territory=["KZ", "TM"], disruption_prob=0.02,
         provenance=["searoute", "computed", "84", "30a", "21", "87", "estimated"],
         notes="distance 485 km (262 nm) computed with searoute (fact sheet G31); days 0.9 estimated at ~12 kn; Aktau–Turkmenbashi feeder precedent "
               "[84]; capacity 4.5 Mt/yr = whole Caspian rail-ferry fleet [30a], shared (no figure for this crossing alone); "
               + FERRY_NOTE + f"; risk 0.02 estimated: {CASPIAN_RISK}"))
rail("az-alat-rail", "az-beyuk-kesik", T, 435, ["29b", "estimated"],
     "distance 435 km estimated = BTK Azerbaijani section 504 km from Baku [29b] minus ~70 km Baku–Alat; Alat–Poti then sums to ~780 km "
     "(Baku–Poti ~850 km [75])", c7=True)
border("az-beyuk-kesik", "ge-gardabani", T, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average 40.6 h (2022) [5b] (crossing-specific data not found)",
       cap=6e6, cprov=["9"], cnote="capacity 6 Mt/yr = TITR capacity incl. 100,000 TEU (end 2024) [9], applied at the AZ–GE crossing as the corridor ceiling",
       risk=0.01, rnote="wagon availability at the AZ–GE border [1c]", c7=True)
rail("ge-gardabani", "ge-tbilisi", T, 40, ["estimated"], "distance ~40 km estimated", c7=True)
rail("ge-gardabani", "ge-marabda", T, 50, ["29b", "estimated"], "distance ~50 km estimated (part of BTK's 263 km Georgian section [29b])")
rail("ge-marabda", "ge-tbilisi", T, None)
rail("ge-tbilisi", "ge-samtredia", T, 230, ["75", "estimated"], "distance ~230 km estimated (Alat–Poti chain matched to Baku–Poti ~850 km [75])", c7=True)
rail("ge-samtredia", "ge-poti-rail", T, 65, ["estimated"], "distance ~65 km estimated", c7=True)
rail("ge-samtredia", "ge-batumi-rail", T, None)
rail("ge-samtredia", "ge-anaklia-rail", T, None, status="planned", year=2029, note="rail access to the planned Anaklia port")
GE_PORT = ("handling 15 USD/t estimated (Georgian port container tariffs are the highest in the Black Sea [1c]); dwell 2 d estimated "
           "(port waits not found, hole)")
transfer("ge-poti-rail", "GEPTI", T, 15, 2.0, ["1c", "estimated"], GE_PORT + "; Poti is Kazatomprom's uranium consolidation port [63a]",
         risk=0.01, c7=True)
transfer("ge-batumi-rail", "GEBUS", T, 15, 2.0, ["1c", "estimated"], GE_PORT, risk=0.01)
transfer("ge-anaklia-rail", "ge-anaklia", T, 15, 2.0, ["36c", "1c", "estimated"],
         GE_PORT + "; capacity 7 Mt/yr phase-1 berth [36c]; planned, first ship by 2029 [36b]", cap=7e6, risk=0.01,
         status="planned", year=2029)
rail("ge-marabda", "ge-akhalkalaki", T, 183, ["29b", "estimated"],
     "distance 183 km estimated: BTK Georgian section 263 km [29b] minus Gardabani–Marabda ~50 and Akhalkalaki–Kartsakhi ~30",
     cap=5e6, cprov=["29a"], cnote="capacity 5 Mt/yr from 20 May 2024 (BTK) [29a]",
     note="mountain section up to 2,400 m, −30 °C winters [29b]")
transfer("ge-akhalkalaki", "ge-akhalkalaki-sg", T, 10, 0.5, ["29a", "29b", "estimated"],
         "BTK gauge change 1,520/1,435 mm (bogie exchange) at Akhalkalaki [29b]; charge 10 USD/t and 0.5 d estimated (fees/dwell not found, hole); "
         "capacity 5 Mt/yr (BTK) [29a]", cap=5e6, risk=0.01)
rail("ge-akhalkalaki-sg", "ge-kartsakhi", T, 30, ["29b", "estimated"], "distance ~30 km estimated (within BTK's 263 km GE section [29b])",
     cap=5e6, cprov=["29a"], cnote="BTK 5 Mt/yr [29a]", speed=400, risk=0.015)
border("ge-kartsakhi", "tr-cildir", T, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average 40.6 h (2022) [5b]", cap=5e6, cprov=["29a"], cnote="BTK 5 Mt/yr [29a]",
       risk=0.01, rnote="GE–TR border, Georgian political tension [108]")
rail("tr-cildir", "tr-kars", T, 79, ["29b"], "distance 79 km = BTK Turkish section [29b]", cap=5e6, cprov=["29a"], cnote="BTK 5 Mt/yr [29a]")
rail("tr-kars", "tr-sivas", T, None, note="Kars–Erzurum–Erzincan–Sivas")
rail("tr-sivas", "tr-samsun-rail", T, 380, ["estimated"], "distance ~380 km estimated (Sivas–Amasya–Samsun); Kars–Samsun sums to "
     "~1,100 km vs ~800 km (fact sheet E, C9, which is only 1.4 × GC)")
rail("tr-sivas", "tr-ankara", T, None)
rail("tr-ankara", "tr-halkali", T, None, note="via Eskişehir and Marmaray (Bosporus rail tunnel); Kars–Istanbul sums to ~1,900 km (E, C7)")
rail("tr-sivas", "tr-kayseri", T, None)
rail("tr-kayseri", "tr-mersin-rail", T, 420, ["estimated"], "distance ~420 km estimated (Kayseri–Niğde–Adana–Mersin); Kars–Mersin ~1,360 km vs ~1,300 km (E, C8)")
TR_PORT = "handling 10 USD/t and dwell 1.5 d estimated (Turkish port tariffs not collected)"
transfer("tr-halkali", "TRAMR", T, 12, 1.5, ["estimated"], TR_PORT + " incl. ~2 USD/t Halkalı–Ambarlı shuttle (~20 km)")
transfer("tr-mersin-rail", "TRMER", T, 10, 1.5, ["estimated"], TR_PORT)
transfer("tr-samsun-rail", "TRSSX", T, 10, 1.5, ["estimated"], TR_PORT)

# ----------------------------------------------------------------------------------------
# Uzbekistan / Turkmenistan
# ----------------------------------------------------------------------------------------
U = "uzbek_turkmen"
border("kz-saryagash", "uz-keles", U, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"],
       "clearance 2.8 d = KZ rail BCP average 67.4 h (2022) [6] (Saryagash–Keles data not found)", cap=27e6, cprov=["47f"],
       cnote="capacity ~27 Mt/yr, at full capacity (2022) [47f]; 30 train pairs/day (2023) → 36–40 planned [50a]",
       risk=0.005, rnote="chronic wagon-flow overload (6,500 vs 6,000 norm) [50a]", c7=True)
rail("uz-keles", "uz-tashkent", U, None, c7=True)
rail("uz-tashkent", "uz-samarkand", U, None, c7=True, note="via Djizak")
rail("uz-samarkand", "uz-navoi", U, None, c7=True)
rail("uz-navoi", "uz-bukhara", U, None)
rail("uz-bukhara", "uz-alat", U, None)
rail("uz-samarkand", "uz-karshi", U, None, note="Saryagash/Keles–Termez sums to ~840 km vs ~730 km (fact sheet E, D1)")
rail("uz-karshi", "uz-termez", U, None, note="via Guzar–Boysun–Kumkurgan")
border("uz-alat", "tm-farap", U, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average 40.6 h (2022) [5b]", risk=0.01, rnote="UZ–TM crossing, TM procedures")
rail("tm-farap", "tm-turkmenabat", U, None)
rail("tm-turkmenabat", "tm-mary", U, None)
rail("tm-mary", "tm-tejen", U, None)
rail("tm-tejen", "tm-ashgabat", U, None)
rail("tm-ashgabat", "tm-bereket", U, None)
rail("tm-bereket", "tm-turkmenbashi-rail", U, 250, ["estimated"], "distance ~250 km (fact sheet E, E9)")

# ----------------------------------------------------------------------------------------
# Iran
# ----------------------------------------------------------------------------------------
I = "iran"
border("kz-bolashak", "tm-serhetyaka", I, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"],
       "clearance 2.8 d = KZ rail BCP average 67.4 h (2022) [6]", cap=5e6, cprov=["56a"],
       cnote="line capacity 3–5 Mt/yr initially [56a]", risk=0.01, rnote="TM procedures")
rail("tm-serhetyaka", "tm-bereket", I, 470, ["56a", "estimated"],
     "distance 470 km estimated = TM section ~700 km [56a] minus Bereket–Etrek ~230 km; Serhetyaka–Serakhs then sums to ~1,170 km vs 1,156 km [101]",
     cap=5e6, cprov=["56a"], cnote="line 3–5 Mt/yr initially [56a]")
rail("tm-bereket", "tm-etrek", I, 230, ["56a", "estimated"], "distance ~230 km estimated (part of the ~700 km TM section [56a])",
     cap=5e6, cprov=["56a"], cnote="line 3–5 Mt/yr initially [56a]")
rail("tm-tejen", "tm-serakhs", I, None)
border("tm-etrek", "ir-incheh-borun", I, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average (2022) [5b] (crossing data not found, hole)", gauge_change=True,
       cap=5e6, cprov=["56a"], cnote="line 3–5 Mt/yr initially [56a]; record 40–65 wagons/day [57d]",
       risk=0.08, rnote="Iran: secondary sanctions, payments [60a]")
border("tm-serakhs", "ir-sarakhs", I, CAREC_BCP_F, ["5b", "computed", "100"], CAREC_BCP_NOTE + "; TM offers 40 % transshipment discount at Serakhs (2023) [100]",
       1.7, ["5b"], "clearance 1.7 d = CAREC rail BCP average (2022) [5b] (crossing data not found, hole)", gauge_change=True,
       cap=7.5e6, cprov=["57a"], cnote="capacity 7.5 Mt/yr, 200 wagons/day (can reach 400) [57a]; dual-gauge section [58]",
       risk=0.08, rnote="Iran: secondary sanctions, payments [60a]")
rail("ir-incheh-borun", "ir-gorgan", I, 85, ["56a"], "distance ~85 km (IR section 82–88 km [56a])")
rail("ir-gorgan", "ir-tehran", I, 480, ["estimated"], "distance ~480 km estimated (via Garmsar)")
rail("ir-tehran", "ir-bafq", I, 905, ["estimated"], "distance 905 km estimated = Incheh Borun–Bandar Abbas ~2,100 km (fact sheet E, E5) minus the other legs")
rail("ir-sarakhs", "ir-mashhad", I, 185, ["estimated"], "distance ~185 km estimated")
rail("ir-mashhad", "ir-bafq", I, 753, ["58", "computed"], "distance 753 km computed = Sarakhs–Bandar Abbas 1,568 km [58] minus Sarakhs–Mashhad ~185 and Bafq–Bandar Abbas ~630 (E)",
     note="single track north of Bafq [58]")
rail("ir-bafq", "ir-bandar-abbas-rail", I, 630, ["estimated"], "distance ~630 km estimated", note="double track south of Bafq [58]")
rail("ir-bafq", "ir-zahedan", I, None, note="via Kerman–Bam")
rail("ir-zahedan", "ir-chabahar-terminal", I, 630, ["estimated"], "distance ~630 km estimated (Chabahar–Zahedan section of the 1,350 km Chabahar–Zahedan–Mashhad line [60b])",
     status="under_construction", year=2027, note="status year estimated")
transfer("ir-zahedan", "ir-zahedan-truck", I, 8, 0.5, ["estimated"], "rail→truck transload 8 USD/t and 0.5 d estimated", risk=0.08)
road("ir-zahedan-truck", "ir-chabahar-terminal", I, None, speed=450, risk=0.08, rnote="Iran sanctions; Sistan-Baluchestan security")
IR_PORT = "handling 10 USD/t and dwell 2 d estimated (Iranian port tariffs not collected)"
transfer("ir-bandar-abbas-rail", "IRBND", I, 10, 2.0, ["59e", "estimated"], IR_PORT + "; top carriers stopped calling under sanctions (Maersk 2012) [59e]",
         risk=0.10, control=[])
transfer("ir-chabahar-terminal", "IRZBR", I, 10, 2.0, ["59f", "60a", "estimated"], IR_PORT + "; capacity 8.5 Mt/yr (2021) [59f]; US waiver revoked 29 Sep 2025 [60a]",
         cap=8.5e6, risk=0.10)

# ----------------------------------------------------------------------------------------
# Afghanistan / Pakistan
# ----------------------------------------------------------------------------------------
A = "afghan_pakistan"
border("uz-termez", "af-hairatan", A, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average 40.6 h (2022) [5b] (Termez–Hairatan data not found)", dist=15,
       risk=0.08, rnote="Afghanistan politics; AF–UZ carrier restrictions lifted Dec 2023 [53e]",
       note="distance ~15 km estimated (Friendship Bridge, road+rail)")
rail("af-hairatan", "af-mazar-rail", A, 75, ["52a"], "distance 75 km sourced [52a]", cap=9e6, cprov=["52a"],
     cnote="design capacity 9 Mt/yr [52a]", control=["UZ"],
     rnote="service suspended 1 Feb 2023 over the maintenance dispute; operated by UZ's Sogdiana Trans [52a][52b]",
     note="1,520 mm, operated by Uzbekistan (control = UZ)")
transfer("af-mazar-rail", "af-mazar", A, 8, 1.0, ["estimated"], "rail→truck transload 8 USD/t and 1 d estimated", risk=0.08)
road("af-mazar", "af-kabul", A, 420, ["53c", "estimated"], "distance ~420 km estimated (Mazar–Kabul–Torkham–Peshawar ~700 km (E, D4))",
     speed=300, risk=0.08, rnote="snow on the Salang pass, security [53c]")
road("af-kabul", "af-torkham", A, 225, ["estimated"], "distance ~225 km estimated", speed=300, risk=0.08, rnote="security")
border("af-torkham", "pk-torkham", A, 15, ["5", "estimated"], "border charge 15 USD/t estimated from the CAREC road BCP average $208–357 per truck [5] on ~20 t",
       3.0, ["8", "estimated"], "clearance 3 d estimated: CPMM ranks Torkham/Chaman among the longest road delays [8]",
       cap=1e6, cprov=["53b", "estimated"], cnote="capacity ~1 Mt/yr estimated (AF→PK transit was 670 kt in 2022 [53b])",
       risk=0.15, rnote="closures of weeks: Feb–Mar 2025 (>5,000 trucks stranded), ~50 days Oct–Dec 2025 [54a][54c]")
road("pk-torkham", "pk-peshawar", A, 55, ["estimated"], "distance ~55 km estimated", speed=300, risk=0.03, rnote="Khyber security (TTP)")
transfer("pk-peshawar", "pk-peshawar-rail", A, 8, 0.5, ["estimated"], "truck→rail transload 8 USD/t and 0.5 d estimated", risk=0.02)
rail("pk-peshawar-rail", "pk-karachi-terminal", A, 1687, ["55d"], "distance 1,687 km sourced (ML-1; CPEC documents 1,872 km line length) [55d]",
     note="ML-1 carries ~75 % of Pakistan Railways traffic [55d]")
road("pk-peshawar", "pk-karachi-terminal", A, 1750, ["estimated"], "distance ~1,750 km estimated (N-5)", speed=450, risk=0.02,
     rnote="Pakistan road security/congestion")
road("pk-karachi-terminal", "pk-gwadar-terminal", A, None, speed=400, risk=0.04, rnote="Balochistan insurgency [55b]",
     note="Makran coastal highway (N-10)")
PK_PORT = "handling 10 USD/t and dwell 2 d estimated (port tariffs not collected); Karachi/Qasim congestion [55b]"
transfer("pk-karachi-terminal", "PKKHI", A, 10, 2.0, ["55a", "estimated"], PK_PORT, risk=0.01)
transfer("pk-karachi-terminal", "PKBQM", A, 10, 2.0, ["55a", "estimated"], PK_PORT + "; Port Qasim ~35 km from the terminal", risk=0.01)
transfer("pk-gwadar-terminal", "PKGWD", A, 10, 2.0, ["55b", "estimated"], "handling 10 USD/t and dwell 2 d estimated; few liner calls (17 in 2023) [55b]", risk=0.04)
rail("af-mazar-rail", "af-kharlachi", A, 557, ["51a", "computed"],
     "distance 557 km computed = Trans-Afghan railway Termez–Kharlachi 647 km [51a] minus Termez–Hairatan ~15 and Hairatan–Mazar 75 "
     "(other sources give 573–760 km)", status="planned", year=2030, cap=3e6, cprov=["51a"],
     cnote="phase-1 capacity 3 Mt/yr → 15–20 Mt/yr by 2035–40 [51a]",
     rnote="Afghanistan security, financing unclear (planned leg scored as if open)", note="status year 2030 estimated; $4.6 bn [51a]")
border("af-kharlachi", "pk-kharlachi", A, CAREC_BCP_F, ["5b", "computed"], CAREC_BCP_NOTE, 1.7, ["5b"],
       "clearance 1.7 d = CAREC rail BCP average (2022) [5b]", gauge_change=True, cap=3e6, cprov=["51a"], cnote="phase 1 3 Mt/yr [51a]",
       risk=0.08, rnote="AF–PK border tension, TTP insurgency (planned leg scored as if open) [54a]", status="planned", year=2030)
rail("pk-kharlachi", "pk-peshawar-rail", A, None, status="planned", year=2030, cap=3e6, cprov=["51a"], cnote="phase 1 3 Mt/yr [51a]",
     risk=0.03, rnote="Kurram/Khyber security")

# ----------------------------------------------------------------------------------------
# Russia
# ----------------------------------------------------------------------------------------
R = "russia_north"
RU_BCP = ("clearance 2.8 d = KZ rail BCP average 67.4 h (2022) [6]", ["6"])
border("kz-aul", "ru-lokot", R, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"], RU_BCP[0],
       risk=0.05, rnote="Russia transit: sanctions exposure, transit permits [2]")
border("kz-petropavl", "ru-petukhovo", R, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"], RU_BCP[0],
       risk=0.05, rnote="Russia transit: sanctions exposure, transit permits [2]", c7=True)
border("kz-iletsk-border", "ru-iletsk", R, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"], RU_BCP[0],
       risk=0.05, rnote="Russia transit: sanctions exposure, transit permits [2]", c7=True)
border("kz-ganyushkino", "ru-aksaraiskaya", R, KZ_BCP_F, ["6", "computed"], KZ_BCP_NOTE, 2.8, ["6"], RU_BCP[0],
       risk=0.05, rnote="Russia transit: sanctions exposure, transit permits [2]")
rail("ru-lokot", "ru-novosibirsk", R, None, note="via Rubtsovsk–Barnaul; Oskemen–Novosibirsk ~1,000 km here vs ~800 km (E, F1) over the direct Oskemen–Rubtsovsk line (not modelled)")
rail("ru-novosibirsk", "ru-ussuriysk", R, 5830, ["103e", "estimated"],
     "distance 5,830 km estimated = TSR Moscow–Vladivostok 9,289 km [103e] minus Moscow–Novosibirsk ~3,343 and Ussuriysk–Vladivostok ~112",
     risk=0.06, rnote="Eastern Polygon saturated: Far East ports 64 % → 110 % forecast, ~1/3 of eastbound export demand unserved [103a][103b]; sanctions",
     note="normal transit 11–20 d Nakhodka–Moscow, 7 d express [103d]")
rail("ru-ussuriysk", "ru-vladivostok-rail", R, 112, ["103e", "estimated"], "distance ~112 km estimated")
rail("ru-ussuriysk", "ru-nakhodka-rail", R, None)
RU_PORT = "handling 10 USD/t and dwell 2 d estimated"
transfer("ru-vladivostok-rail", "RUVVO", R, 10, 2.0, ["103h", "computed", "estimated"],
         RU_PORT + "; capacity 12.6 Mt/yr computed from CPV >600,000 TEU/yr [103h] at ~21 t/TEU [49b] (loaded >100 %)", cap=12.6e6,
         risk=0.08, )
transfer("ru-nakhodka-rail", "RUVYP", R, 10, 2.0, ["103g", "computed", "estimated"],
         RU_PORT + "; capacity 7.1 Mt/yr computed from the VSC container gate ~340,000 TEU/yr [103g] at ~21 t/TEU [49b]", cap=7.1e6, risk=0.08)
rail("ru-novosibirsk", "ru-moscow", R, 3340, ["103e", "estimated"], "distance ~3,340 km (fact sheet E: Moscow–Novosibirsk)")
rail("ru-petukhovo", "ru-samara", R, None, c7=True, note="via Kurgan–Chelyabinsk–Ufa")
rail("ru-iletsk", "ru-orenburg", R, None, c7=True)
rail("ru-orenburg", "ru-samara", R, None, c7=True)
rail("ru-samara", "ru-moscow", R, None, c7=True, note="KZ→Russian port ~7 d by container train (Kazzinc 2018) [70b]")
rail("ru-moscow", "ru-spb-rail", R, 650, ["estimated"], "distance ~650 km estimated (Oktyabrskaya line)", c7=True)
rail("ru-spb-rail", "ru-ust-luga-rail", R, None)
rail("ru-aksaraiskaya", "ru-novorossiysk-rail", R, None, note="via Astrakhan–Kizlyar/Volgograd–Krasnodar (estimated alignment)")
transfer("ru-spb-rail", "RULED", R, 10, 2.0, ["63a", "63f", "estimated"],
         RU_PORT + "; Kazatomprom's primary uranium port, Class-7 handling [63a][63f]", risk=0.08, c7=True)
transfer("ru-ust-luga-rail", "RUULU", R, 10, 2.0, ["65a", "estimated"], RU_PORT + "; EU 16th package hit Russian-port operations [65a]", risk=0.08)
transfer("ru-novorossiysk-rail", "RUNVS", R, 10, 2.0, ["106", "estimated"], RU_PORT + "; Russia restricted foreign tankers Jul 2025, drone attacks [106]", risk=0.08)

# ----------------------------------------------------------------------------------------
# Sea
# ----------------------------------------------------------------------------------------
EA_CN = ["CNLYG", "CNTXG", "CNTAO", "CNSHA"]
EA_DEST = ["JPYOK", "JPUKB", "JPNGO", "KRPUS"]
for p in EA_CN:
    for d in EA_DEST:
        sea(p, d, rnote="ordinary short-sea leg")
for p in ["RUVYP", "RUVVO"]:
    for d in EA_DEST:
        sea(p, d, risk=0.03, rnote="Russian port: sanctions, carrier avoidance [2]")
for p in EA_CN + ["KRPUS", "JPYOK"]:
    sea(p, "USLAX", rnote="trans-Pacific")
sea("RUVYP", "USLAX", risk=0.03, rnote="Russian port: sanctions; US-bound cargo from Russia scrutinised")
for p in EA_CN + ["KRPUS", "JPYOK", "JPUKB", "JPNGO"]:
    sea(p, "malacca", rnote="ordinary ocean leg (Malacca: no disruption data, hole)")
sea("RUVYP", "malacca", risk=0.03, rnote="Russian port: sanctions")
sea("malacca", "dondra-head")
for p in EA_CN + ["KRPUS", "JPYOK", "JPUKB", "JPNGO"]:
    sea(p, "sunda", rnote="ordinary ocean leg (Malacca-avoiding)")
sea("sunda", "cape-good-hope", rnote="ordinary ocean leg (Suez-avoiding Cape route)")
sea("sunda", "dondra-head", rnote="ordinary ocean leg (Malacca-avoiding)")
sea("malacca", "USLAX", rnote="trans-Pacific from Singapore")
for p in ["PKKHI", "PKBQM", "PKGWD", "IRZBR"]:
    sea("dondra-head", p, risk=0.004 if p[:2] == "PK" else 0.03, rnote="Arabian Sea" if p[:2] == "PK" else "Iranian port: sanctions")
sea("dondra-head", "hormuz", control=["IR"], risk=0.005, rnote="Gulf of Oman approach")
sea("dondra-head", "bab-el-mandeb", risk=0.03, rnote="Gulf of Aden approach to the Red Sea: Houthi attacks 2024 (Gulf of Aden tonnage −76 %) [24a]")
sea("dondra-head", "cape-good-hope", rnote="ordinary ocean leg (Suez-avoiding route)")
for p in ["PKKHI", "PKBQM", "PKGWD", "IRZBR"]:
    rk = 0.03
    sea(p, "bab-el-mandeb", risk=rk, rnote="Gulf of Aden approach: Houthi attacks 2024 [24a][107]")
    sea(p, "cape-good-hope", risk=0.002 if p[:2] == "PK" else 0.03,
        rnote="ordinary ocean leg (Suez-avoiding)" if p[:2] == "PK" else "Iranian port: sanctions")
sea("hormuz", "bab-el-mandeb", control=["IR"], risk=0.03, rnote="Gulf of Aden approach: Houthi attacks [24a]")
sea("hormuz", "cape-good-hope", control=["IR"], risk=0.005, rnote="ordinary ocean leg")
sea("IRBND", "hormuz", control=["IR"], risk=0.05, rnote="Bandar Abbas: carriers avoid Iranian ports under sanctions [59e]; Hormuz/Gulf war risk [55b]")
sea("bab-el-mandeb", "suez", control=["EG"], risk=0.08,
    rnote="Red Sea transit: Houthi attacks, Suez transits −50 % in 2024 [25a][107] (with the Gulf of Aden approach ≈0.10 per Red Sea passage)")
sea("suez", "gibraltar", control=[], rnote="Mediterranean")
sea("suez", "TRMER", rnote="eastern Mediterranean")
sea("suez", "dardanelles", rnote="eastern Mediterranean / Aegean")
sea("TRMER", "gibraltar", rnote="Mediterranean")
sea("TRMER", "dardanelles", rnote="Aegean")
sea("dardanelles", "gibraltar", rnote="Mediterranean")
sea("dardanelles", "TRAMR", risk=0.003, rnote="Sea of Marmara")
sea("bosporus", "TRAMR", risk=0.003, rnote="Sea of Marmara")
sea("dardanelles", "bosporus", risk=0.005, rnote="Sea of Marmara; Bosporus queues of 3–16 d in disrupted periods [40a][40b]")
BS = "Black Sea war-risk area (Russia–Ukraine; no premium data, hole); Bosporus queues [40a]"
for p in ["GEPTI", "GEBUS", "ROCND", "TRSSX"]:
    sea(p, "bosporus", corridor=T if p[:2] in ("GE", "TR") else "sea", risk=0.01, rnote=BS)
sea("ge-anaklia", "bosporus", corridor=T, risk=0.01, rnote=BS, status="planned", year=2029)
sea("RUNVS", "bosporus", risk=0.05, rnote="Russian port: sanctions, tanker restrictions, drone attacks [106]; " + BS)
sea("GEPTI", "ROCND", corridor=T, risk=0.01, rnote=BS, note="Poti–Constanța fact sheet C10: 1,078 km (C)")
sea("GEBUS", "ROCND", corridor=T, risk=0.01, rnote=BS, note="Batumi–Constanța feeder, 6 sailings/month [79]")
sea("GEPTI", "TRSSX", corridor=T, risk=0.01, rnote=BS)
sea("GEBUS", "TRSSX", corridor=T, risk=0.01, rnote=BS)
sea("ge-anaklia", "ROCND", corridor=T, risk=0.01, rnote=BS, status="planned", year=2029)
CHAIN_NOTE = ("chokepoint chains agree with research/sea_legs_reference.csv within ~1–2 %: Shanghai–Rotterdam via "
              "Malacca/Bab-el-Mandeb/Suez/Gibraltar 19,866 km vs 19,472; via Sunda/Cape 25,901 vs 25,621; Poti–Rotterdam 7,046 vs 6,932")
for d in ["NLRTM", "DEHAM", "USNYC", "USBAL", "USHOU"]:
    sea("gibraltar", d, rnote="Atlantic", note=CHAIN_NOTE if d == "NLRTM" else "")
    sea("cape-good-hope", d, rnote="Atlantic (Suez-avoiding)", note=CHAIN_NOTE if d == "NLRTM" else "")
sea("cape-good-hope", "gibraltar", rnote="Atlantic (Cape route into the Mediterranean)")
sea("gibraltar", "panama", rnote="Atlantic/Caribbean")
for d in ["USNYC", "USBAL", "USHOU", "USLAX"]:
    sea("panama", d, rnote="Panama approaches; canal drought restrictions 2023–24 [24b]")
sea("CNSHA", "panama", rnote="trans-Pacific")
sea("KRPUS", "panama", rnote="trans-Pacific")
for p in ["RULED", "RUULU"]:
    for d in ["NLRTM", "DEHAM", "USNYC", "USBAL", "gibraltar"]:
        sea(p, d, risk=0.03, rnote="Russian Baltic port: EU sanctions on port operations, Class-7 carrier scarcity [65a][63j]")

# ----------------------------------------------------------------------------------------
# Commodities
# ----------------------------------------------------------------------------------------
COMS = [
    ("rare_earth_concentrate", "Rare-earth concentrate", ["REE concentrate", "rare earth concentrate", "REE conc", "RE concentrate",
                                                          "レアアース精鉱", "稀土精矿"], 5000, "", False,
     "round order-of-magnitude estimate (mixed REE concentrate, value depends on TREO grade and NdPr share); no fact-sheet price"),
    ("rare_earth_oxide", "Rare-earth oxide", ["REO", "rare earth oxides", "TREO", "NdPr oxide", "稀土氧化物"], 40000, "", False,
     "round order-of-magnitude estimate for mixed/separated REO; NdPr oxide trades higher"),
    ("uranium_ore_concentrate", "Uranium ore concentrate", ["UOC", "U3O8", "yellowcake", "uranium", "uranium concentrate", "ウラン精鉱"],
     165000, "7", True,
     "value ≈ 75 USD/lb U3O8 × 2,204.6 lb/t ≈ 165,000 USD/t (estimated spot-order price). UN 2912 LSA-I, Class 7: may use only legs with "
     "allows_class7 = true (Kazatomprom routes: KZ rail, TITR via Aktau–Baku–Poti with chartered vessels, Russia rail to St Petersburg) "
     "[63a][63f][63j]. Packing 12.5 t net / 19.1 t gross per 20 ft [63i]."),
    ("tungsten_concentrate", "Tungsten concentrate (65 % WO3)", ["WO3 concentrate", "tungsten", "wolframite concentrate",
                                                                 "scheelite concentrate", "W concentrate"], 20000, "", False,
     "estimated ~20,000 USD/t for 65 % WO3 concentrate (APT-linked); Boguty concentrator (opened Nov 2024) produces 65 % WO3 [72a]"),
    ("beryllium", "Beryllium products", ["Be", "beryllium metal", "beryllium oxide", "BeO", "beryllium copper master alloy"], 500000, "", False,
     "estimated ~500,000 USD/t for metal/oxide products (wide range by form); UMP Oskemen is one of ~3 producers worldwide [47i]. Not Class 7 (E)."),
    ("tantalum_niobium", "Tantalum and niobium products", ["tantalum", "niobium", "Ta", "Nb", "Ta/Nb", "columbium", "tantalum powder"],
     150000, "", False,
     "estimated ~150,000 USD/t for Ta/Nb products (Ta powder/wire far higher, Nb oxide lower); UMP is one of ~5 Ta producers [47i]. Not Class 7 (E)."),
    ("manganese_ore", "Manganese ore", ["Mn ore", "manganese", "manganese concentrate"], 200, "", False,
     "estimated ~200 USD/t (seaborne 37–44 % Mn ore order of magnitude); Central Asia ≈40 % of world Mn-ore reserves [72c]"),
    ("chrome_ore", "Chrome ore", ["chromite", "chromium ore", "Cr ore", "chrome concentrate"], 300, "", False,
     "estimated ~300 USD/t (chrome ore/concentrate order of magnitude); Kazakhstan largest chromite reserves (230 Mt), 3rd producer [72b]"),
    ("ferrochrome", "Ferrochrome", ["FeCr", "high-carbon ferrochrome", "HC FeCr", "ferrochromium"], 1300, "", False,
     "estimated ~1,300 USD/t (high-carbon ferrochrome order of magnitude); KZ ferrochrome shipped to Korea via Lianyungang [45d]"),
    ("copper_concentrate", "Copper concentrate", ["Cu concentrate", "copper", "copper ore concentrate"], 2500, "", False,
     "estimated ~2,500 USD/t (≈25 % Cu concentrate order of magnitude); Zhezkazgan/East Kazakhstan origins"),
]


# ----------------------------------------------------------------------------------------
# writing
# ----------------------------------------------------------------------------------------
def fmt(v, kind=None):
    if v is None:
        return ""
    if isinstance(v, bool):
        return "true" if v else "false"
    if isinstance(v, (list, tuple)):
        return ";".join(v)
    if isinstance(v, float):
        if v.is_integer():
            return str(int(v))
        return repr(round(v, 6))
    return str(v)


def write(path, cols, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(cols)
        for r in rows:
            w.writerow([fmt(r.get(c)) for c in cols])


def sources_rows():
    rows = [r for r in parse_sources() if r["source_id"] != "50c"]
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
    return rows


def commodity_rows():
    out = []
    for cid, name, al, val, hz, c7, note in COMS:
        out.append(dict(commodity_id=cid, name=name, aliases=al, value_usd_per_t=float(val), hazard_class=hz,
                        class7_only_legs=c7, provenance=["estimated"], notes=note))
    return out


def add_note_sources(rows, srcids):
    """Append the source ids cited in a row's notes to its provenance."""
    import re
    for r in rows:
        for m in re.findall(r"\[([0-9a-z]+)\]", r["notes"]):
            if m in srcids and m not in r["provenance"]:
                r["provenance"].append(m)


# A state's political / sanctions / border risk is a risk of *entering* it: it is carried
# once, by the border (or port) legs into the state, not repeated on every internal leg
# (which would make a route with six Russian legs six times as exposed as one with one).
# Legs lying wholly inside one state keep an operational risk only (wagon shortages, weather,
# security on the road), capped at these levels (estimated).
INTERNAL_RISK_CAP = {
    # state: (rail, road, transfer)
    "RU": (0.005, 0.01, 0.02),   # port transfers: EU port sanctions, Class-7 carrier scarcity
    "IR": (0.01, 0.03, 0.03),    # sanctions-era maintenance; Sistan-Baluchestan road security
    "AF": (0.02, 0.03, 0.02),    # Salang/Kabul road security; Hairatan line outages [52b]
    "PK": (0.01, 0.02, 0.01),
    "TM": (0.005, 0.01, 0.005),
}
DEFAULT_INTERNAL_RISK_CAP = (0.003, 0.01, 0.005)


def carry_state_risk_on_entry(legs):
    """Cap the risk of legs lying wholly inside one state (see above); note the change."""
    for leg in legs:
        terr = leg["territory"]
        if len(terr) != 1 or leg["mode"] not in ("rail", "road", "transfer"):
            continue
        caps = INTERNAL_RISK_CAP.get(terr[0], DEFAULT_INTERNAL_RISK_CAP)
        new = {"rail": caps[0], "road": caps[1], "transfer": caps[2]}[leg["mode"]]
        old = leg["disruption_prob"]
        if old is None or old <= new:
            continue
        leg["disruption_prob"] = new
        leg["notes"] = re.sub(rf"risk {old} estimated", f"risk {new} estimated (capped from "
                              f"{old}: a state-level risk of {terr[0]} is carried once, by its "
                              "entry border legs; this internal leg keeps operational risk)",
                              leg["notes"])


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    carry_state_risk_on_entry(LEGS)
    _ids = {s["source_id"] for s in sources_rows()}
    add_note_sources(NODES.values(), _ids)
    add_note_sources(LEGS, _ids)
    write(os.path.join(OUT, "nodes.csv"), NODE_COLS, NODES.values())
    write(os.path.join(OUT, "legs.csv"), LEG_COLS, LEGS)
    write(os.path.join(OUT, "sources.csv"), SRC_COLS, sources_rows())
    write(os.path.join(OUT, "commodities.csv"), COM_COLS, commodity_rows())
    print(len(NODES), "nodes;", len(LEGS), "legs")

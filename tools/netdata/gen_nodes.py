"""Nodes of the embedded network: places, borders, ports (the quay side), and the ends of the
sea passages. Ports' sea sides and the passage legs are made in ``gen_sea.py``."""

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


"""Places and corridors added in 2026 (data only; ``gen.py`` imports this file).

What is here, and the rules it follows (the same as ``gen_nodes.py`` / ``gen_legs.py``):

* ``NEW_NODES``: EU overland (Moscow → Smolensk → Minsk → Brest–Małaszewicze → Warsaw →
  Duisburg / Hamburg), the northern and Iranian Caspian ports, INSTC west (Derbent–Samur–
  Yalama–Baku–Astara–Rasht), Iran–Türkiye (Tabriz–Razi–Kapıköy–Van–Tatvan–Malatya),
  Kyrgyzstan and Tajikistan (incl. the China–Kyrgyzstan–Uzbekistan railway under
  construction), Kungrad–Beyneu, Dalian, Tokyo, Osaka and two uranium sites. Ports reached
  by rail have a rail-side node and a port node joined by a ``transfer`` leg; a border has a
  node on each side joined by a ``border`` leg (gauge change implied by the nodes' gauges);
  a break of gauge inside a country is a ``transfer`` between a 1,520 mm and a 1,435 mm node.
* ``NEW_LEGS``: no tariffs, days or risk (they come from the rate and risk tables by mode
  and country). ``distance_km`` None = great-circle × circuity computed by ``gen.py``.
* ``NEW_SEA``: ocean/short-sea legs to add (distances by searoute in ``gen.py``); generic
  passage names (``panama``, ``malacca``, ``sunda``) are mapped to the right passage end.
* ``ALIASES``: extra names (Latin, Cyrillic, Japanese, Chinese...) for nodes that exist.

Coordinates: ``nm-001`` = GeoNames populated-place point of the town (within ~0.05° of the
station); ``searoute`` = the port point of the searoute UN/LOCODE list; ``estimated`` = placed
by hand from the description in the cited source. Source ids in square brackets: fact sheet
(``sources.csv``), ``cr26-NNN`` (``sources_2026.csv``), ``nm-NNN`` (``sources_more.csv``).
Capacities of the bottlenecks are in ``capacities.csv`` (t/yr, per direction).
"""

B, S = 1520, 1435  # broad (1,520 mm) and standard (1,435 mm) gauge


def _n(node_id, name, country, kind, lat, lon, cprov=("estimated",), gauge=None, aliases=(), thr=None,
       origin=False, dest=False, prov=(), notes=""):
    return dict(node_id=node_id, name=name, aliases=list(aliases), country=country, kind=kind, lat=lat, lon=lon,
                coord_provenance=list(cprov), gauge_mm=gauge, throughput_tpy=thr, is_origin=origin,
                is_destination=dest, provenance=list(prov), notes=notes)


def _l(a, b, mode, corridor, dist=None, dprov=("estimated",), dnote="", cap=None, cprov=(), cnote="",
       status="operational", year=None, c7=False, control=(), notes=""):
    if dist is None:
        dprov, dnote = (), ""  # gen.py fills in great-circle × circuity
    return dict(from_id=a, to_id=b, mode=mode, corridor=corridor, distance_km=dist, distance_provenance=list(dprov),
                distance_note=dnote, capacity_tpy=cap, capacity_provenance=list(cprov), capacity_note=cnote,
                status=status, status_year=year, allows_class7=c7, control=list(control), notes=notes)


GN = ("nm-001",)  # GeoNames point of the town
# ==========================================================================================
# NODES
# ==========================================================================================
NEW_NODES = [
    # --- EU overland: Moscow → Smolensk → Minsk → Brest–Małaszewicze → Warsaw → Duisburg/Hamburg
    _n("ru-smolensk", "Smolensk", "RU", "rail_junction", 54.78, 32.05, GN, B,
       ["Смоленск", "スモレンスク", "斯摩棱斯克"],
       notes="Moscow–Minsk–Brest main line (the China–Europe 1520 route via Russia and Belarus [cr26-078])."),
    _n("ru-krasnoye", "Krasnoye (RU–BY border, RU side)", "RU", "border", 54.57, 31.43, GN, B,
       ["Krasnoye", "Krasny", "Красное", "Красный", "クラスノエ"],
       notes="Russian junction station on the Smolensk–Orsha line at the Union State border with Belarus "
             "(no routine customs control; border:BY-RU). Coordinates: GeoNames point of Krasnyy [nm-001]."),
    _n("by-osinovka", "Osinovka (RU–BY border, BY side)", "BY", "border", 54.56, 31.18, ("estimated",), B,
       ["Osinovka", "Asinaŭka", "Осиновка", "Асінаўка", "オシノフカ"],
       notes="Belarusian junction station opposite Krasnoye on the Orsha–Smolensk line; coordinates estimated "
             "(~15 km west of Krasnoye, at the border)."),
    _n("by-minsk", "Minsk", "BY", "rail_junction", 53.90, 27.57, GN, B,
       ["Мінск", "Минск", "ミンスク", "明斯克"], notes="Belarusian Railway hub on the Moscow–Brest main line."),
    _n("by-brest", "Brest (BY–PL border, BY side)", "BY", "border", 52.10, 23.70, GN, B,
       ["Brest", "Брест", "Брэст", "Berestye", "ブレスト", "布列斯特", "Brest-Tsentralny", "Brest-Severny"],
       prov=["66", "20"],
       notes="1,520 mm side of the Brest–Małaszewicze interchange, where ~90 % of EU-bound China rail freight "
             "crosses [20][66]; Poland–Belarus border shut 12–25 Sep 2025 (>300 trains stranded) [66]. "
             "ERAI 1520 rate and time points end here (Dostyk/Altynkol – Brest) [cr26-078]."),
    _n("pl-malaszewicze", "Małaszewicze (BY–PL border, PL side)", "PL", "border", 52.04, 23.53, ("estimated",), S,
       ["Małaszewicze", "Malaszewicze", "Terespol", "Малашевиче", "マワシェヴィチェ", "Małaszewicze dry port"],
       prov=["cr26-082", "66"],
       notes="1,435 mm side of the Brest–Małaszewicze gauge change (transshipment yards and dry port near "
             "Terespol). The three main CN→EU routes (Xi'an, Chengdu, Chongqing) ended here in 2023 [cr26-082]. "
             "Coordinates estimated (~6 km west of Terespol; fact sheet §7 gives 52.03N 23.52E)."),
    _n("pl-warsaw", "Warsaw", "PL", "rail_junction", 52.23, 21.01, GN, S,
       ["Warszawa", "Варшава", "ワルシャワ", "华沙"],
       notes="Polish rail hub on the Terespol–Warsaw–Poznań (E20) line towards Germany."),
    _n("de-duisburg", "Duisburg", "DE", "dry_port", 51.43, 6.75, GN, S,
       ["duisport", "Duisburg logport", "Дуйсбург", "デュースブルク", "杜伊斯堡"], dest=True, prov=["20"],
       notes="Inland port and the main German terminus of China–Europe trains (Xi'an–Duisburg speed train 13 d [20])."),
    _n("de-hamburg-rail", "Hamburg port rail (Hafenbahn)", "DE", "rail_junction", 53.53, 9.95, ("estimated",), S,
       ["Hamburg Hafenbahn", "Hamburg port railway", "Port of Hamburg rail", "Гамбург (портовая железная дорога)", "ハンブルク港駅"],
       notes="Rail side of the seaport DEHAM (port railway at the container terminals); coordinates estimated."),

    # --- northern Caspian (Russia)
    _n("RUMCX", "Makhachkala", "RU", "seaport", 42.983333, 47.5, ("searoute",), None,
       ["Махачкала", "マハチカラ", "Makhachkala port", "Makhachkala Commercial Sea Port", "Port of Makhachkala",
        "Petrovsk-Port"], prov=["cr26-084", "cr26-085"],
       notes="Only ice-free Russian Caspian port: capacity 8.3 Mt (start 2024) → 11 Mt by 2030; 3.0 Mt handled in 2023; "
             "max draft 4.5 m; privatised (Kerimov) Dec 2024 [cr26-084][cr26-085]. UN/LOCODE RUMCX (searoute list)."),
    _n("ru-makhachkala-rail", "Makhachkala rail station", "RU", "rail_junction", 42.97, 47.49, GN, B,
       ["Makhachkala-Sortirovochnaya", "Махачкала (ж/д станция)", "マハチカラ駅"], notes="Rail side of Makhachkala port, on the Rostov–Baku line (North Caucasus Railway)."),
    _n("ru-astrakhan-port", "Astrakhan", "RU", "seaport", 46.37709, 48.054307, ("searoute",), None,
       ["Астрахань", "アストラハン", "Astrakhan port", "Port of Astrakhan", "RUASF", "阿斯特拉罕"],
       prov=["cr26-086", "cr26-087", "cr26-088"],
       notes="Astrakhan sea port on the Volga (14 terminals, ~12 Mt/yr); ships reach the Caspian by the "
             "Volga–Caspian canal, whose draft limits ship size. Astrakhan + Olya handled 4.5 Mt in 2023, ~90 % to/from "
             "Iran [cr26-086][cr26-088]. Coordinates: searoute point RUASF."),
    _n("ru-astrakhan-rail", "Astrakhan rail station", "RU", "rail_junction", 46.36, 48.05, GN, B,
       ["Astrakhan-1", "Астрахань-1", "アストラハン駅"], notes="Rail side of Astrakhan port; lines north to Aksaraiskaya (KZ border) and "
                                            "south to Kizlyar–Makhachkala."),
    _n("ru-olya-port", "Olya", "RU", "seaport", 45.78, 47.55, ("estimated",), None,
       ["Оля", "Olya port", "Port of Olya", "Olya seaport", "オーリャ"], prov=["cr26-086", "nm-002"],
       notes="Sea port in the Volga delta on the Bakhtemir branch (67th km of the Volga–Caspian canal), ~120 km SW of "
             "Astrakhan by road; 4.5 Mt/yr [cr26-086] (terminal capacity 1.58 Mt/yr on the port's own site [nm-002]); "
             "ships to Baku, Aktau, Atyrau and Anzali. Coordinates estimated from [nm-002]."),
    _n("ru-olya-rail", "Olya Port rail station", "RU", "rail_junction", 45.79, 47.56, ("estimated",), B,
       ["Olya Port station", "Оля-Порт", "オーリャ港駅"], prov=["nm-002"],
       notes="End of the 55 km Zenseli–Olya Port railway (2004) [nm-002]; coordinates estimated."),
    _n("ru-derbent", "Derbent", "RU", "rail_junction", 42.07, 48.29, GN, B,
       ["Дербент", "デルベント"], prov=["nm-014"],
       notes="Rostov–Baku line; the Russian rail border checkpoint for Azerbaijan works in Derbent today [nm-014]."),
    _n("ru-samur", "Samur (RU–AZ border, RU side)", "RU", "border", 41.84, 48.51, GN, B,
       ["Samur", "Самур", "Samur-2", "サムール"], prov=["nm-014", "cr26-097"],
       notes="Russian border station of the Samur–Yalama rail crossing (INSTC west); new Samur-2 station planned "
             "[nm-014]. Coordinates near the GeoNames point of Samur village [nm-001]."),
    _n("az-yalama", "Yalama (AZ–RU border, AZ side)", "AZ", "border", 41.78, 48.61, ("estimated",), B,
       ["Yalama", "Ялама", "ヤラマ"], prov=["cr26-097"],
       notes="Azerbaijani border station of Samur–Yalama (~10 train pairs/day ≈ 11 Mt/yr → 15 Mt planned [cr26-097]); "
             "coordinates estimated."),
    _n("az-astara", "Astara (AZ)", "AZ", "border", 38.456, 48.875, GN, B,
       ["Astara station (Azerbaijan)", "Astara, Azerbaijan", "Astara (Azərbaycan)", "Астара (Азербайджан)", "アスタラ (アゼルバイジャン)"], prov=["cr26-096"],
       notes="Azerbaijani border station at Astara (Baku–Astara 1,520 mm line); the 1,520 mm track continues ~8 km "
             "into Iran to the Astara (Iran) terminal leased by Azerbaijan [cr26-096]."),

    # --- Iranian Caspian ports and INSTC west in Iran
    _n("ir-astara", "Astara (IR)", "IR", "border", 38.43, 48.87, GN, S,
       ["Astara", "آستارا", "Астара", "アスタラ", "Astara terminal", "Astara, Iran"], prov=["cr26-096", "cr26-093"],
       notes="Iranian side of Astara: rail–road terminal leased by Azerbaijan (2 Mt/yr → 5 Mt planned; 363,842 t in 2019) "
             "[cr26-096]; 1,435 mm Iranian network only once Rasht–Astara is built (~2030) [cr26-093], until then "
             "trucks to Rasht. Node gauge 1,435 mm (the AZ 1,520 mm track ends at the terminal)."),
    _n("ir-rasht", "Rasht", "IR", "rail_junction", 37.28, 49.59, GN, S,
       ["رشت", "Решт", "ラシュト"], prov=["nm-003"],
       notes="Gilan capital; end of the Qazvin–Rasht railway (2019), Rasht–Caspian port railway 37 km (opened "
             "June 2024) [nm-003], start of the planned Rasht–Astara railway [cr26-093]."),
    _n("ir-qazvin", "Qazvin", "IR", "rail_junction", 36.27, 50.00, GN, S,
       ["قزوین", "Казвин", "ガズヴィーン", "Ghazvin"], notes="Junction of the Tehran–Tabriz main line and the line to Rasht."),
    _n("ir-anzali-rail", "Caspian Port rail terminal (Anzali Free Zone)", "IR", "rail_junction", 37.45, 49.42,
       ("estimated",), S, ["Caspian Port", "Bandar-e Kaspian", "Anzali Free Zone rail terminal", "بندر کاسپین", "Каспийский порт (Энзели)", "カスピアン港駅"], prov=["nm-003"],
       notes="End of the 37 km Rasht–Caspian railway in the Anzali Free Zone (opened 20 June 2024) [nm-003]; rail side "
             "of the Anzali port complex. Coordinates estimated."),
    _n("ir-anzali-port", "Anzali", "IR", "seaport", 37.476885, 49.471817, ("searoute",), None,
       ["Bandar Anzali", "Bandar-e Anzali", "بندر انزلی", "Enzeli", "Энзели", "Анзали", "Pahlavi", "IRBAZ",
        "アンザリー", "Anzali port"], prov=["nm-006", "nm-007"],
       notes="Iran's main Caspian port (17 berths, 5.5 m alongside), handling capacity 10 Mt/yr [nm-006]; stands for the "
             "Anzali complex incl. Caspian Port (Anzali Free Zone). UN/LOCODE IRBAZ in the searoute list (coordinates)."),
    _n("ir-amirabad-port", "Amirabad", "IR", "seaport", 36.85, 53.37, ("estimated",), None,
       ["Bandar Amirabad", "Amirabad port", "امیرآباد", "بندر امیرآباد", "Амирабад", "アミラバード"],
       prov=["nm-004", "nm-005", "cr26-091", "cr26-092"],
       notes="Only Iranian Caspian port connected to the national railway, 34 km NE of Sari near Neka and Behshahr; "
             "capacity up to 5 Mt/yr (rail and truck Ro-Ro berths) [nm-004]; 3.6 Mt handled in Iranian year 1400 "
             "[cr26-091]; +30 % capacity project [cr26-092]. Coordinates estimated from [nm-004][nm-005]."),
    _n("ir-amirabad-rail", "Amirabad port rail station", "IR", "rail_junction", 36.83, 53.37, ("estimated",), S,
       ["Amirabad rail", "Амирабад (ж/д станция)", "アミラバード駅"], prov=["nm-005"],
       notes="Rail side of Amirabad port, on the northern Trans-Iranian line (Sari–Behshahr–Gorgan); Amirabad → "
             "Bandar Abbas 1,780 km by rail [nm-005]."),

    # --- Iran–Türkiye (Razi–Kapıköy, Lake Van ferry)
    _n("ir-tabriz", "Tabriz", "IR", "rail_junction", 38.08, 46.29, GN, S,
       ["تبریز", "Тебриз", "タブリーズ", "Tebriz"], notes="Tehran–Tabriz–Razi line to Türkiye (Tehran–Turkish border 928 km [nm-009])."),
    _n("ir-razi", "Razi (IR–TR border, IR side)", "IR", "border", 38.48, 44.35, ("estimated",), S,
       ["Razi", "رازی", "Рази", "ラーズィー"], prov=["nm-008", "cr26-103"],
       notes="Iranian border station 6 track-km east of Kapıköy [nm-008]; target 200 wagons exchanged per 24 h [cr26-103]. "
             "Coordinates estimated from [nm-008]."),
    _n("tr-kapikoy", "Kapıköy (IR–TR border, TR side)", "TR", "border", 38.494, 44.295, ("nm-008",), S,
       ["Kapıköy", "Kapikoy", "Капыкёй", "カプキョイ"], prov=["nm-008"],
       notes="Turkish border station on the Van–Tabriz railway, ~101 km east of Van [nm-008]."),
    _n("tr-van", "Van (Lake Van ferry pier)", "TR", "rail_junction", 38.50, 43.34, GN, S,
       ["Van", "Ван", "ヴァン", "Van İskele", "Van pier"], prov=["cr26-104", "cr26-105"],
       notes="Eastern pier of the Lake Van rail ferry (Van–Tatvan); wagons cross the lake by ferry (50 wagons / "
             "3,875 t per sailing since 2018) [cr26-104][cr26-105]. Coordinates: Van town, pier estimated."),
    _n("tr-tatvan", "Tatvan (Lake Van ferry pier)", "TR", "rail_junction", 38.50, 42.28, GN, S,
       ["Tatvan", "Татван", "タトヴァン", "Tatvan İskele"], prov=["cr26-104"],
       notes="Western pier of the Lake Van rail ferry; railway west to Muş–Elazığ–Malatya."),
    _n("tr-malatya", "Malatya", "TR", "rail_junction", 38.35, 38.32, GN, S,
       ["Малатья", "マラティヤ"], notes="Junction of the lines to Tatvan, Sivas and Adana/Mersin (via Fevzipaşa)."),

    # --- Kyrgyzstan, China–Kyrgyzstan–Uzbekistan railway, Tajikistan
    _n("kz-lugovaya", "Lugovaya (KZ–KG border, KZ side)", "KZ", "border", 42.94, 72.76, GN, B,
       ["Lugovaya", "Lugovoy", "Луговая", "ルゴヴァヤ"], prov=["cr26-110"],
       notes="Turksib junction where the Kyrgyz northern line (Lugovaya–Bishkek–Balykchy) leaves [cr26-110]; "
             "Kazakh handover station for Kyrgyzstan. Coordinates: GeoNames point of Lugovoy [nm-001]."),
    _n("kg-kaindy", "Kaindy (KG–KZ border, KG side)", "KG", "border", 42.82, 73.68, GN, B,
       ["Kaindy", "Kayyngdy", "Кайынды", "Кайыңды", "カインディ"], prov=["nm-010", "nm-012"],
       notes="Kyrgyz railway border checkpoint 'Kaiyndy temir jol' [nm-010] on the Chaldovar–Bishkek–Balykchy line [nm-012]."),
    _n("kg-bishkek", "Bishkek", "KG", "city", 42.87, 74.59, GN, B,
       ["Бишкек", "ビシュケク", "比什凯克", "Frunze", "Bishkek-2"], origin=True, prov=["cr26-110"],
       notes="Capital; on the northern 1,520 mm line (Kyrgyz Railways: two unconnected parts, ~320–370 km) [cr26-110]."),
    _n("cn-kashgar", "Kashgar", "CN", "rail_junction", 39.47, 75.99, GN, S,
       ["Kashi", "喀什", "Кашгар", "カシュガル", "Qeshqer"], prov=["cr26-106"],
       notes="Southern Xinjiang railway (Urumqi–Turpan–Korla–Aksu–Kashgar); start of the China–Kyrgyzstan–Uzbekistan "
             "railway [cr26-106]."),
    _n("cn-torugart", "Torugart (CN side)", "CN", "border", 40.53, 75.42, ("estimated",), S,
       ["吐尔尕特", "Tuergate", "Torugart CN", "Торугарт (Китай)", "トルガルト (中国側)"], prov=["cr26-106"],
       notes="Chinese side of the planned Torugart rail crossing (CKU railway, under construction, target 2030); "
             "coordinates estimated near the Torugart pass."),
    _n("kg-torugart", "Torugart (KG side)", "KG", "border", 40.57, 75.38, ("estimated",), S,
       ["Torugart", "Торугарт", "トルガルト", "Turugart"], prov=["cr26-108"],
       notes="Kyrgyz side of the Torugart crossing; 1,435 mm Torugart–Makmal section (160 km) [cr26-108]. Coordinates "
             "estimated near the pass."),
    _n("kg-makmal-sg", "Makmal (1,435 mm side)", "KG", "rail_junction", 41.43, 74.30, ("estimated",), S,
       ["Makmal transshipment station (1,435 mm)", "Макмал (1435 мм)", "マクマル (標準軌)"], prov=["cr26-108", "nm-011"],
       notes="Standard-gauge side of the Makmal break of gauge (transshipment station) [nm-011][cr26-108]. "
             "Coordinates estimated (Makmal gold-mine settlement, Toguz-Toro district, not verified)."),
    _n("kg-makmal", "Makmal (1,520 mm side)", "KG", "rail_junction", 41.43, 74.29, ("estimated",), B,
       ["Makmal", "Макмал", "マクマル"], prov=["cr26-108", "nm-011"],
       notes="Broad-gauge side of Makmal; 1,520 mm Makmal–Jalal-Abad section (145 km) [cr26-108]. Coordinates estimated "
             "(not verified)."),
    _n("kg-jalal-abad", "Jalal-Abad (KG–UZ border, KG side)", "KG", "border", 40.93, 73.00, GN, B,
       ["Jalal-Abad", "Jalalabad (KG)", "Джалал-Абад", "Жалал-Абад", "ジャララバード"], prov=["cr26-110", "nm-012"],
       notes="End of the southern Kyrgyz stub Khanabad–Jalal-Abad–Kok-Yangak, reached only via Uzbekistan [nm-012]; "
             "the CKU railway from Makmal joins here [cr26-106]. KG side of the crossing to Khanabad."),
    # Kashgar–Irkeshtam–Osh road link (today's China–Kyrgyzstan–Uzbekistan route: rail to Kashgar, truck to
    # Osh or Andijan, rail on) [ob-023][nm-022]
    _n("cn-irkeshtam", "Irkeshtam (CN side)", "CN", "border", 39.70, 73.96, ("estimated",), None,
       ["伊尔克什坦", "Yierkeshitan", "Erkeshtam CN", "Иркештам (Китай)", "イルケシュタム (中国側)"], prov=["nm-022"],
       notes="Chinese side of the Irkeshtam road crossing (Kashgar–Irkeshtam–Osh); coordinates estimated near the "
             "pass, ~5 km from the Kyrgyz post."),
    _n("kg-irkeshtam", "Irkeshtam (KG side)", "KG", "border", 39.68, 73.90, ("estimated",), None,
       ["Irkeshtam", "Erkeshtam", "Irkeshtam pass", "Иркештам", "Эркештам", "イルケシュタム"], prov=["nm-022", "nm-023"],
       notes="Kyrgyz road checkpoint on the Osh–Sary-Tash–Irkeshtam road (A371); capacity limit 100 trucks/day, "
             "over 300 vehicles a day both ways (2023) [nm-023]. Coordinates estimated near the pass."),
    _n("uz-kokand", "Kokand", "UZ", "city", 40.53, 70.94, GN, None,
       ["Qo'qon", "Коканд", "コーカンド", "浩罕"],
       notes="Fergana valley town on the Tashkent–Andijan road (A373 over the Kamchik pass)."),
    _n("kg-osh", "Osh", "KG", "city", 40.53, 72.80, GN, None,
       ["Ош", "オシュ", "奥什"], origin=True, prov=["ob-023"],
       notes="Southern Kyrgyz hub; trucks from Kashgar hand over to rail for Uzbekistan here or at Andijan [ob-023]."),
    _n("kg-dostuk", "Dostuk (KG–UZ road border, KG side)", "KG", "border", 40.72, 72.85, ("estimated",), None,
       ["Dostuk", "Достук"], prov=["nm-022"],
       notes="Kyrgyz post of the Dostuk–Dustlik road crossing between Osh and Andijan (1.5 h for the 2017 test "
             "convoy [nm-022]); coordinates estimated."),
    _n("uz-dustlik", "Dustlik (UZ–KG road border, UZ side)", "UZ", "border", 40.73, 72.82, ("estimated",), None,
       ["Dustlik (Andijan)", "Do'stlik", "Дустлик", "ドゥストリク"], prov=["nm-022"],
       notes="Uzbek post of the Dostuk–Dustlik road crossing [nm-022]; coordinates estimated."),
    _n("uz-khanabad", "Khanabad (UZ–KG border, UZ side)", "UZ", "border", 40.80, 72.98, GN, B,
       ["Khanabad", "Xonobod", "Ханабад", "ハナバード"], notes="Uzbek border station on the Andijan–Jalal-Abad line."),
    _n("uz-andijan", "Andijan", "UZ", "rail_junction", 40.78, 72.35, GN, B,
       ["Andijon", "Андижан", "アンディジャン", "安集延"],
       notes="Fergana Valley hub; rail to Tashkent via Kokand–Pap–Angren (Kamchik tunnel)."),
    _n("tj-dushanbe", "Dushanbe", "TJ", "city", 38.54, 68.78, GN, B,
       ["Душанбе", "ドゥシャンベ", "杜尚别", "Stalinabad"], origin=True, prov=["cr26-112"],
       notes="Capital; all external rail access via Uzbekistan (rail = 71.8 % of TJ international cargo) [cr26-112]."),
    _n("tj-tursunzoda", "Tursunzoda (TJ–UZ border, TJ side)", "TJ", "border", 38.51, 68.23, GN, B,
       ["Tursunzoda", "Tursunzade", "Regar", "Турсунзаде", "トゥルスンゾダ"], prov=["cr26-113"],
       notes="Tajik border station towards Sariasiya (UZ); site of the TALCO aluminium smelter. UZ–TJ agreed >6 train "
             "pairs/day [cr26-113]."),
    _n("uz-sariasiya", "Sariasiya (UZ–TJ border, UZ side)", "UZ", "border", 38.41, 67.96, ("estimated",), B,
       ["Sariasiya", "Sariosiyo", "Сариасия", "サリアシヤ"],
       notes="Uzbek border station on the Termez–Kumkurgan–Denau–Tursunzoda line; coordinates estimated (north of Denov)."),
    _n("uz-kumkurgan", "Kumkurgan", "UZ", "rail_junction", 37.83, 67.60, ("estimated",), B,
       ["Qumqo'rg'on", "Кумкурган", "クムクルガン"],
       notes="Junction of the Guzar–Boysun–Kumkurgan line (from Karshi), the line to Termez and the line to Denau–"
             "Sariasiya (Tajikistan). Coordinates estimated."),

    # --- Kungrad–Beyneu
    _n("uz-kungrad", "Kungrad", "UZ", "rail_junction", 43.04, 58.84, GN, B,
       ["Qo'ng'irot", "Qongirat", "Кунград", "Қўнғирот", "クングラード"], prov=["nm-013"],
       notes="Karakalpakstan junction: line north-west across the Ustyurt to Beyneu (~400 km [nm-013]) and south-east "
             "via Nukus–Miskin–Uchkuduk to Navoi."),
    _n("uz-karakalpakiya", "Karakalpakiya (UZ–KZ border, UZ side)", "UZ", "border", 44.75, 56.08, GN, B,
       ["Karakalpakiya", "Qoraqalpog'iston", "Каракалпакия", "カラカルパキヤ"], prov=["cr26-114"],
       notes="Uzbek border station on the Kungrad–Beyneu line, opposite the Kazakh 'Oasis' junction [cr26-114]."),
    _n("kz-oasis", "Oasis (KZ–UZ border, KZ side)", "KZ", "border", 44.80, 55.96, ("estimated",), B,
       ["Oasis", "Oazis", "Оазис", "オアシス駅"], prov=["cr26-114", "cr26-115"],
       notes="Kazakh junction of the Beyneu–Kungrad line at the Uzbek border: ~2 train pairs/day now, fivefold to 10 pairs "
             "planned [cr26-114]. Coordinates estimated just west of the 56°E border meridian."),

    # --- Dalian, Tokyo, Osaka
    _n("cn-dalian-rail", "Dalian port rail terminal", "CN", "dry_port", 38.95, 121.60, ("estimated",), S,
       ["Dalian rail terminal", "大连港铁路站", "Далянь (ж/д терминал)", "大連港駅"], prov=["71c"],
       notes="Rail side of Dalian: sea-to-land channel Japan–Dalian–Central Asia (2021) [71c]; via Shenyang and "
             "Shanhaiguan to the Tianjin/Lanzhou lines."),
    _n("CNDLC", "Dalian", "CN", "seaport", 38.916667, 121.65, ("searoute",), None,
       ["大连", "大連", "Dairen", "Dalny", "Далянь", "ダーリエン", "だいれん", "Dalian port", "Port of Dalian"],
       prov=["71c", "nm-017"],
       notes="Liaoning's main port: 355 Mt and 9.44 m TEU (2016) [nm-017]; Japan–Dalian–Central Asia sea-rail channel "
             "[71c]. UN/LOCODE CNDLC (searoute list)."),
    _n("JPTYO", "Tokyo", "JP", "seaport", 35.649162, 139.791569, ("searoute",), None,
       ["東京", "東京港", "とうきょう", "Токио", "东京", "Tokyo port", "Port of Tokyo"], dest=True,
       notes="Port of Tokyo (Ōi/Aomi terminals). UN/LOCODE JPTYO (searoute list)."),
    _n("JPOSA", "Osaka", "JP", "seaport", 34.65, 135.45, ("searoute",), None,
       ["大阪", "大阪港", "おおさか", "Осака", "Osaka port", "Port of Osaka"], dest=True,
       notes="Port of Osaka (Hanshin, with Kobe). UN/LOCODE JPOSA (searoute list)."),

    # --- uranium sites
    _n("kz-shieli", "Shieli", "KZ", "city", 44.17, 66.74, GN, B,
       ["Chiili", "Шиели", "Шиелі", "シエリ"], origin=True, prov=["cr26-125", "cr26-126", "cr26-127"],
       notes="Kyzylorda region, on the Arys–Kyzylorda line: rail point of the region's ISR uranium mines; KAP Logistics "
             "sulphur (270 kt/yr) and sulphuric-acid terminals for the Taiqonyr acid plant [cr26-125][cr26-126][cr26-127] "
             "(inbound reagents far outweigh outbound U3O8)."),
    _n("kz-stepnogorsk", "Stepnogorsk", "KZ", "city", 52.35, 71.88, GN, B,
       ["Степногорск", "ステプノゴルスク", "Tselinny Mining and Chemical Combine", "KazSabton"], origin=True,
       prov=["cr26-128"],
       notes="Akmola region; former Tselinny Mining & Chemical Combine (now KazSabton), which processed uranium ore "
             "from 1993 [cr26-128]. Current shipping volumes not found."),
]

# ==========================================================================================
# LEGS
# ==========================================================================================
R, EU, NS, IR, IT, KT, C, K, U = ("russia_north", "eu_overland", "north_south", "iran", "iran_turkey",
                                  "kyrgyz_tajik", "china", "kazakh_rail", "uzbek_turkmen")
CASPIAN_SHIP = ("sea/river-sea ship or ferry across the Caspian (no rail-ferry fleet figure for this crossing; "
                "port throughputs bound it)")

NEW_LEGS = [
    # --- EU overland ----------------------------------------------------------------------
    _l("ru-moscow", "ru-smolensk", "rail", R, 420, ("estimated",), "distance ~420 km estimated (Moscow–Smolensk main line)"),
    _l("ru-smolensk", "ru-krasnoye", "rail", R, 52, ("estimated",), "distance ~52 km estimated"),
    _l("ru-krasnoye", "by-osinovka", "border", EU, 18, ("estimated",), "distance ~18 km estimated",
       notes="Union State border (Russia–Belarus): no routine customs formalities; transit goods stay under EAEU transit"),
    _l("by-osinovka", "by-minsk", "rail", EU, 270, ("estimated",), "distance ~270 km estimated (via Orsha)"),
    _l("by-minsk", "by-brest", "rail", EU, 350, ("estimated",), "distance ~350 km estimated (Minsk–Baranavichy–Brest)"),
    _l("by-brest", "pl-malaszewicze", "border", EU, 15, ("estimated",), "distance ~15 km estimated (Brest–Terespol–Małaszewicze)",
       notes="gauge change 1,520/1,435 mm (transshipment or bogie exchange); ~90 % of EU-bound China rail freight [20][66]; "
             "closed 12–25 Sep 2025 [66]"),
    _l("pl-malaszewicze", "pl-warsaw", "rail", EU, 200, ("estimated",), "distance ~200 km estimated (Terespol–Warsaw line E20)"),
    _l("pl-warsaw", "de-duisburg", "rail", EU, 1150, ("estimated",),
       "distance ~1,150 km estimated (Warsaw–Poznań–Frankfurt (Oder)–Berlin–Hannover–Ruhr)"),
    _l("pl-warsaw", "de-hamburg-rail", "rail", EU, 860, ("estimated",), "distance ~860 km estimated (Warsaw–Berlin–Hamburg)"),
    _l("de-hamburg-rail", "DEHAM", "transfer", EU, notes="rail ↔ ship at the port of Hamburg"),
    _l("de-hamburg-rail", "de-duisburg", "rail", EU, 370, ("estimated",),
       "distance ~370 km estimated (Hamburg–Bremen–Osnabrück–Münster–Ruhr)",
       notes="port hinterland link: sea arrivals at Hamburg reach Duisburg without the detour via Warsaw"),

    # --- northern Caspian (Russia) and INSTC west ------------------------------------------
    _l("ru-aksaraiskaya", "ru-astrakhan-rail", "rail", NS, 55, ("estimated",), "distance ~55 km estimated"),
    _l("ru-astrakhan-rail", "ru-astrakhan-port", "transfer", NS, notes="rail ↔ ship at Astrakhan"),
    _l("ru-astrakhan-rail", "ru-olya-rail", "rail", NS, 115, ("nm-002", "estimated"),
       "distance ~115 km estimated: Astrakhan–Zenseli ~60 km (estimated) + Zenseli–Olya Port siding 55 km [nm-002]"),
    _l("ru-olya-rail", "ru-olya-port", "transfer", NS, notes="rail ↔ ship at Olya"),
    _l("ru-astrakhan-rail", "ru-makhachkala-rail", "rail", NS, 500, ("estimated",),
       "distance ~500 km estimated (Astrakhan–Kizlyar–Karlanyurt–Makhachkala)"),
    _l("ru-makhachkala-rail", "RUMCX", "transfer", NS, notes="rail ↔ ship at Makhachkala"),
    _l("ru-makhachkala-rail", "ru-derbent", "rail", NS, 130, ("estimated",), "distance ~130 km estimated (coastal line)"),
    _l("ru-derbent", "ru-samur", "rail", NS, 45, ("estimated",), "distance ~45 km estimated"),
    _l("ru-samur", "az-yalama", "border", NS, 12, ("estimated",), "distance ~12 km estimated (Samur river bridge)",
       notes="Samur–Yalama: ~10 train pairs/day ≈ 11 Mt/yr → 15 Mt [cr26-097]; Russian side plans 7 Mt/yr via a new "
             "Samur-2 station, then double [nm-014]"),
    _l("az-yalama", "az-alat-rail", "rail", NS, 270, ("estimated",),
       "distance ~270 km estimated (Yalama–Khachmaz–Sumgayit–Baku–Alat); Yalama–Alat–Astara sums to 510 km "
       "(Azerbaijani INSTC section ~511 km, estimated)"),
    _l("az-alat-rail", "az-astara", "rail", NS, 240, ("estimated",), "distance ~240 km estimated (Alat–Salyan–Lankaran–Astara)"),
    _l("az-astara", "ir-astara", "border", NS, 9, ("estimated",),
       "distance ~9 km estimated (1,520 mm track ~8 km into Iran to the Astara terminal)",
       control=["AZ"],
       notes="the Astara (Iran) terminal and its 1,520 mm track are leased and operated by Azerbaijan (control AZ); "
             "transload to trucks or 1,435 mm there [cr26-096]"),
    _l("ir-rasht", "ir-astara", "road", NS, 175, ("estimated",), "distance ~175 km estimated (Rasht–Anzali–Astara coastal road)",
       notes="the INSTC west gap: trucks until the Rasht–Astara railway opens (~2030) [cr26-093]"),
    _l("ir-astara", "ir-rasht", "rail", NS, 162, ("cr26-093",), "distance 162 km sourced [cr26-093]",
       cap=15e6, cprov=("cr26-090",),
       cnote="capacity 15 Mt/yr = INSTC western route target for 2030 (Baku Declaration: 9 → ≥15 Mt) [cr26-090], "
             "taken for the planned line",
       status="planned", year=2030,
       notes="€1.6 bn, Russian state loan €1.3 bn; construction start early 2026, 48-month build → ~2030 "
             "[cr26-093][cr26-094][cr26-095]"),
    _l("ir-rasht", "ir-qazvin", "rail", NS, 164, ("estimated",), "distance ~164 km (Qazvin–Rasht railway, opened 2019; estimated)"),
    _l("ir-qazvin", "ir-tehran", "rail", IR, 165, ("estimated",), "distance ~165 km estimated (Qazvin–Karaj–Tehran)"),
    _l("ir-rasht", "ir-anzali-rail", "rail", NS, 37, ("nm-003",), "distance 37 km sourced (Rasht–Caspian railway) [nm-003]",
       notes="opened 20 June 2024 [nm-003]"),
    _l("ir-anzali-rail", "ir-anzali-port", "transfer", NS, notes="rail ↔ ship at Anzali (Caspian Port)"),
    _l("ir-amirabad-rail", "ir-amirabad-port", "transfer", NS, notes="rail ↔ ship at Amirabad (rail Ro-Ro berth) [nm-004]"),
    _l("ir-amirabad-rail", "ir-gorgan", "rail", NS, 100, ("estimated",), "distance ~100 km estimated (via Bandar-e Gaz)"),
    _l("ir-amirabad-rail", "ir-tehran", "rail", NS, 400, ("estimated",),
       "distance ~400 km estimated (Sari–Firuzkuh–Garmsar–Tehran); Gorgan–Amirabad–Tehran 500 km vs 480 km on the direct leg"),

    # Caspian crossings (north_south): Russian and Kazakh/Azerbaijani ports ↔ Iranian ports
    _l("RUMCX", "KZAAU", "ferry", NS, 320, ("searoute", "computed"), "distance ~320 km computed with searoute (314 km)",
       notes=CASPIAN_SHIP),
    _l("RUMCX", "AZBAK", "ferry", NS, 470, ("estimated",),
       "distance ~470 km estimated round the Absheron peninsula to Alat (GC 373 km; searoute's coarse Caspian graph gives 569)",
       notes=CASPIAN_SHIP),
    _l("RUMCX", "ir-amirabad-port", "ferry", NS, 880, ("searoute", "computed"), "distance ~880 km computed with searoute (878 km)",
       notes=CASPIAN_SHIP),
    _l("RUMCX", "ir-anzali-port", "ferry", NS, 680, ("estimated",),
       "distance ~680 km estimated east of Absheron (GC 635 km; searoute gives 772)", notes=CASPIAN_SHIP),
    _l("ru-astrakhan-port", "KZAAU", "ferry", NS, 520, ("searoute", "computed", "estimated"),
       "distance ~520 km: ~190 km Volga–Caspian canal + open sea (searoute 496 km)", notes=CASPIAN_SHIP),
    _l("ru-astrakhan-port", "AZBAK", "ferry", NS, 900, ("searoute", "computed"), "distance ~900 km computed with searoute (898 km)",
       notes=CASPIAN_SHIP),
    _l("ru-astrakhan-port", "ir-amirabad-port", "ferry", NS, 1210, ("searoute", "computed"),
       "distance ~1,210 km computed with searoute (1,208 km)", notes=CASPIAN_SHIP),
    _l("ru-astrakhan-port", "ir-anzali-port", "ferry", NS, 1100, ("searoute", "computed"),
       "distance ~1,100 km computed with searoute (1,102 km)",
       notes=CASPIAN_SHIP + "; spot freight for 3,000 t corn Astrakhan → northern Iranian ports $22–45/t (2020–21) [cr26-087]"),
    _l("ru-olya-port", "KZAAU", "ferry", NS, 430, ("searoute", "computed", "estimated"),
       "distance ~430 km (searoute 415 km to the Olya point, plus the canal reach)", notes=CASPIAN_SHIP),
    _l("ru-olya-port", "AZBAK", "ferry", NS, 815, ("searoute", "computed"), "distance ~815 km computed with searoute (817 km)",
       notes=CASPIAN_SHIP),
    _l("ru-olya-port", "ir-amirabad-port", "ferry", NS, 1130, ("searoute", "computed"),
       "distance ~1,130 km computed with searoute (1,127 km)", notes=CASPIAN_SHIP),
    _l("ru-olya-port", "ir-anzali-port", "ferry", NS, 1020, ("searoute", "computed"),
       "distance ~1,020 km computed with searoute (1,021 km)", notes=CASPIAN_SHIP),
    _l("KZAAU", "ir-amirabad-port", "ferry", NS, 840, ("searoute", "computed"), "distance ~840 km computed with searoute (837 km)",
       notes=CASPIAN_SHIP),
    _l("KZAAU", "ir-anzali-port", "ferry", NS, 740, ("searoute", "computed"), "distance ~740 km computed with searoute (735 km)",
       notes=CASPIAN_SHIP),
    _l("AZBAK", "ir-amirabad-port", "ferry", NS, 540, ("searoute", "computed"), "distance ~540 km computed with searoute (534 km)",
       notes=CASPIAN_SHIP),
    _l("AZBAK", "ir-anzali-port", "ferry", NS, 300, ("estimated",),
       "distance ~300 km estimated along the western shore (GC 275 km; searoute gives 361)", notes=CASPIAN_SHIP),

    # --- Iran–Türkiye ------------------------------------------------------------------------
    _l("ir-qazvin", "ir-tabriz", "rail", IR, 575, ("nm-009", "estimated"),
       "distance ~575 km estimated (Qazvin–Zanjan–Mianeh–Tabriz; Tehran–Turkish border 928 km [nm-009])"),
    _l("ir-tabriz", "ir-razi", "rail", IR, 192, ("nm-009", "estimated"),
       "distance ~192 km estimated = Tehran–border 928 km [nm-009] minus Tehran–Tabriz ~736 km (estimated)"),
    _l("ir-razi", "tr-kapikoy", "border", IT, 6, ("nm-008",), "distance 6 km (track) sourced [nm-008]",
       notes="same gauge (1,435 mm); 352 kt (2019), 564 kt (2020), peak 800 kt (2006); target 1 Mt with 200 wagons "
             "exchanged per 24 h [cr26-102][cr26-103]"),
    _l("tr-kapikoy", "tr-van", "rail", IT, 115, ("nm-008", "estimated"), "distance ~115 km estimated (Kapıköy ~101 km east of Van by road [nm-008])"),
    _l("tr-van", "tr-tatvan", "ferry", IT, 96, ("estimated",), "distance ~96 km estimated across Lake Van (GC 92 km)",
       notes="Lake Van rail ferry: Sultan Alparslan (2018) 50 wagons / 3,875 t per sailing, 3–3.5 h; old ferries 9–14 "
             "wagons, ~1,500–1,800 t/day per direction [cr26-104][cr26-105]; low water and earthquake damage [cr26-103]"),
    _l("tr-tatvan", "tr-malatya", "rail", IT, notes="Tatvan–Muş–Elazığ (Yolçatı)–Malatya"),
    _l("tr-malatya", "tr-sivas", "rail", IT, notes="Malatya–Çetinkaya–Sivas"),
    _l("tr-malatya", "tr-mersin-rail", "rail", IT, notes="Malatya–Narlı–Fevzipaşa–Adana–Mersin"),

    # --- Kyrgyzstan -----------------------------------------------------------------------
    _l("kz-almaty", "kz-lugovaya", "rail", K, 410, ("estimated",), "distance ~410 km estimated (Turksib via Shu)"),
    _l("kz-lugovaya", "kz-shymkent", "rail", K, 290, ("estimated",),
       "distance ~290 km estimated (Turksib via Taraz); Almaty–Lugovaya–Shymkent 700 km matches the direct leg (~700 km)"),
    _l("kz-lugovaya", "kg-kaindy", "border", KT, 80, ("estimated",),
       "distance ~80 km estimated (Lugovaya–Merke–Chaldovar–Kaindy; handover at Lugovaya, Kyrgyz checkpoint at Kaindy [nm-010])"),
    _l("kg-kaindy", "kg-bishkek", "rail", KT, 80, ("estimated",), "distance ~80 km estimated (Kaindy–Kara-Balta–Bishkek)"),
    # China–Kyrgyzstan–Uzbekistan railway (under construction since 27 Dec 2024, target 2030)
    _l("cn-kashgar", "cn-urumqi", "rail", C, 1590, ("estimated",),
       "distance ~1,590 km estimated (Kashgar–Aksu–Korla–Turpan ~1,450 km + Turpan–Urumqi ~140 km)"),
    _l("cn-kashgar", "cn-torugart", "rail", C, 170, ("estimated",),
       "distance ~170 km estimated = route ~523 km [cr26-106] minus KG ~305 km and Jalal-Abad–Andijan ~50 km",
       status="under_construction", year=2030, notes="CKU railway, Chinese section [cr26-106][cr26-107]"),
    _l("cn-torugart", "kg-torugart", "border", KT, 10, ("estimated",), "distance ~10 km estimated",
       status="under_construction", year=2030,
       notes="China–Kyrgyzstan–Uzbekistan railway border (1,435 mm both sides; gauge change at Makmal) [cr26-106][cr26-108]"),
    _l("kg-torugart", "kg-makmal-sg", "rail", KT, 160, ("cr26-108",), "distance 160 km sourced (Torugart–Makmal, 1,435 mm) [cr26-108]",
       status="under_construction", year=2030, notes="27–29 tunnels on the KG section; 18 of 29 under way Dec 2025 [cr26-109]"),
    _l("kg-makmal-sg", "kg-makmal", "transfer", KT, status="under_construction", year=2030,
       notes="break of gauge 1,435/1,520 mm at the Makmal transshipment station [nm-011][cr26-108]"),
    _l("kg-makmal", "kg-jalal-abad", "rail", KT, 145, ("cr26-108",), "distance 145 km sourced (Makmal–Jalal-Abad, 1,520 mm) [cr26-108]",
       status="under_construction", year=2030, notes="KG section >304 km in all [nm-011]"),
    _l("kg-jalal-abad", "uz-khanabad", "border", KT, 18, ("estimated",), "distance ~18 km estimated",
       notes="existing 1,520 mm Khanabad–Jalal-Abad stub [nm-012]; the CKU route enters Uzbekistan here"),
    # Kashgar–Irkeshtam–Osh–Andijan road (920 km Tashkent–Kashgar for the 2017 test convoy [nm-022])
    _l("cn-kashgar", "cn-irkeshtam", "road", KT, 230, ("estimated",),
       "distance ~230 km estimated (Kashgar–Wuqia–Irkeshtam road)"),
    _l("cn-irkeshtam", "kg-irkeshtam", "border", KT, 7, ("estimated",), "distance ~7 km estimated",
       notes="Irkeshtam road crossing; the Chinese and Kyrgyz posts took ~2 h for the 2017 test convoy [nm-022]"),
    _l("kg-irkeshtam", "kg-osh", "road", KT, 260, ("estimated",),
       "distance ~260 km estimated (Irkeshtam–Sary-Tash ~75 km + Sary-Tash–Taldyk pass–Osh ~185 km)"),
    _l("kg-osh", "kg-dostuk", "road", KT, 25, ("estimated",), "distance ~25 km estimated (via Kara-Suu)"),
    _l("kg-dostuk", "uz-dustlik", "border", KT, 4, ("estimated",), "distance ~4 km estimated"),
    _l("uz-dustlik", "uz-andijan", "road", U, 45, ("estimated",), "distance ~45 km estimated"),
    _l("uz-andijan", "uz-kokand", "road", U, 150, ("estimated",), "distance ~150 km estimated (via Fergana valley road)"),
    _l("uz-kokand", "uz-tashkent", "road", U, 230, ("estimated",),
       "distance ~230 km estimated (Kokand–Kamchik pass–Angren–Tashkent, A373); Tashkent–Kashgar "
       "230 + 150 + 45 + 4 + 25 + 260 + 7 + 230 = 951 km against 920 km driven by the 2017 test convoy [nm-022]"),
    _l("uz-khanabad", "uz-andijan", "rail", U, 60, ("estimated",), "distance ~60 km estimated"),
    _l("uz-andijan", "uz-tashkent", "rail", U, 380, ("estimated",),
       "distance ~380 km estimated (Andijan–Namangan–Pap–Angren (Kamchik tunnel)–Tashkent)"),
    # --- Tajikistan ---------------------------------------------------------------------------
    _l("tj-dushanbe", "tj-tursunzoda", "rail", KT, 60, ("estimated",), "distance ~60 km estimated (via Hisor)"),
    _l("tj-tursunzoda", "uz-sariasiya", "border", KT, 30, ("estimated",), "distance ~30 km estimated",
       notes="UZ–TJ agreed >6 train pairs/day [cr26-113]; Q1 2025 TJ rail cargo 1.904 Mt [cr26-112]"),
    _l("uz-sariasiya", "uz-kumkurgan", "rail", U, 90, ("estimated",), "distance ~90 km estimated (via Denau–Shurchi)"),
    _l("uz-kumkurgan", "uz-termez", "rail", U, 85, ("estimated",), "distance ~85 km estimated"),
    _l("uz-kumkurgan", "uz-karshi", "rail", U, 285, ("estimated",),
       "distance ~285 km estimated (Kumkurgan–Boysun–Guzar–Karshi; Guzar–Boysun–Kumkurgan line of 2007)"),

    # --- Kungrad–Beyneu -----------------------------------------------------------------------
    _l("kz-beyneu", "kz-oasis", "rail", U, 90, ("nm-013", "estimated"),
       "distance ~90 km estimated; Beyneu–Kungrad ~400 km by the daily train [nm-013]"),
    _l("kz-oasis", "uz-karakalpakiya", "border", U, 12, ("estimated",), "distance ~12 km estimated",
       notes="'Oasis' junction: ~2 train pairs/day, fivefold to 10 planned [cr26-114][cr26-115]"),
    _l("uz-karakalpakiya", "uz-kungrad", "rail", U, 305, ("nm-013", "estimated"),
       "distance ~305 km estimated (Beyneu–Kungrad ~400 km [nm-013] minus the Kazakh ~100 km)"),
    _l("uz-kungrad", "uz-navoi", "rail", U, 780, ("estimated",),
       "distance ~780 km estimated (Kungrad–Nukus–Miskin–Uchkuduk–Zarafshan–Navoi)"),

    # --- Dalian -------------------------------------------------------------------------------
    _l("cn-dalian-rail", "CNDLC", "transfer", C, notes="rail ↔ ship at Dalian [71c]"),
    _l("cn-dalian-rail", "cn-tianjin-rail", "rail", C, 1100, ("estimated",),
       "distance ~1,100 km estimated (Dalian–Shenyang ~400 km + Shenyang–Shanhaiguan–Tianjin ~700 km)",
       notes="links Dalian to the Tianjin–Lanzhou line towards Xinjiang (Japan–Dalian–Central Asia channel [71c])"),

    # --- uranium sites (Class 7) -----------------------------------------------------------
    _l("kz-shieli", "kz-kyzylorda", "rail", K, 135, ("estimated",), "distance ~135 km estimated", c7=True),
    _l("kz-shieli", "kz-arys", "rail", K, 285, ("estimated",),
       "distance ~285 km estimated (via Turkestan); Arys–Shieli–Kyzylorda 420 km vs the direct leg's network distance",
       c7=True),
    _l("kz-stepnogorsk", "kz-astana", "rail", K, c7=True, notes="branch line to the Astana hub (alignment estimated)"),
]

# ==========================================================================================
# SEA (distances by searoute in gen.py)
# ==========================================================================================
_EA_CN = ["CNLYG", "CNTXG", "CNTAO", "CNSHA"]
NEW_SEA = (
    [(p, d) for p in _EA_CN + ["CNDLC", "RUVYP", "RUVVO"] for d in ["JPTYO", "JPOSA"]]
    + [("CNDLC", d) for d in ["JPYOK", "JPUKB", "JPNGO", "KRPUS"]]
    # Busan–Japan: the Korea Strait lane, Busan the transshipment hub for Japan's ports
    + [("KRPUS", d) for d in ["JPYOK", "JPTYO", "JPUKB", "JPOSA", "JPNGO"]]
    + [(p, "USLAX") for p in ["CNDLC", "JPTYO", "JPOSA"]]
    + [(p, "malacca") for p in ["CNDLC", "JPTYO", "JPOSA"]]
    + [(p, "sunda") for p in ["CNDLC", "JPTYO", "JPOSA"]]
    + [(p, "panama") for p in ["CNLYG", "CNTXG", "CNTAO", "CNDLC", "JPYOK", "JPTYO", "JPUKB", "JPOSA", "JPNGO"]]
)

# ==========================================================================================
# ALIASES for nodes that exist (Latin, Cyrillic, Japanese, Chinese, local spellings)
# ==========================================================================================
ALIASES = {
    "kz-almaty": ["阿拉木图"],
    "kz-astana": ["阿斯塔纳"],
    "kz-karaganda": ["カラガンダ"],
    "kz-shymkent": ["シムケント", "Şymkent"],
    "kz-aktobe": ["アクトベ", "Aqtöbe"],
    "kz-atyrau": ["アティラウ"],
    "kz-semey": ["セメイ"],
    "kz-zhezkazgan": ["ジェズカズガン", "Жезқазған"],
    "kz-kyzylorda": ["Кызылорда", "クズロルダ"],
    "kz-beyneu": ["Beineu", "ベイネウ"],
    "kz-dostyk": ["ドストゥク", "多斯特克"],
    "kz-altynkol": ["Altynkol station", "アルティンコル"],
    "kz-saryagash": ["Saryaghash", "Сарыағаш"],
    "kz-arys": ["Арысь"],
    "kz-makat": ["Maqat"],
    "KZAAU": ["アクタウ", "阿克套"],
    "KZKUR": ["クリク"],
    "cn-alashankou": ["Алашанькоу", "アラシャンコウ"],
    "cn-khorgos": ["Хоргос", "ホルゴス"],
    "cn-urumqi": ["Урумчи", "ウルムチ"],
    "cn-lanzhou": ["Ланьчжоу", "蘭州"],
    "cn-xian": ["Сиань", "シーアン"],
    "cn-zhengzhou": ["Чжэнчжоу"],
    "cn-tacheng": ["Тачэн"],
    "CNLYG": ["Ляньюньган", "連雲港", "れんうんこう"],
    "CNTXG": ["Тяньцзинь", "天津港", "てんしん"],
    "CNTAO": ["Циндао", "青島", "チンタオ"],
    "CNSHA": ["Шанхай", "シャンハイ", "上海港"],
    "TMKRW": ["トルクメンバシ", "Türkmenbaşy port"],
    "AZBAK": ["バクー", "巴库"],
    "ge-tbilisi": ["トビリシ"],
    "GEPTI": ["ポティ"],
    "GEBUS": ["バトゥミ"],
    "tr-kars": ["Карс", "カルス"],
    "tr-ankara": ["Анкара", "アンカラ"],
    "tr-sivas": ["Сивас"],
    "tr-kayseri": ["Кайсери"],
    "TRAMR": ["イスタンブール"],
    "TRMER": ["メルシン"],
    "TRSSX": ["サムスン"],
    "ROCND": ["コンスタンツァ"],
    "DEHAM": ["汉堡", "Port of Hamburg"],
    "NLRTM": ["鹿特丹"],
    "uz-samarkand": ["サマルカンド"],
    "uz-navoi": ["ナヴォイ"],
    "uz-bukhara": ["Бухара", "ブハラ"],
    "uz-termez": ["テルメズ"],
    "tm-ashgabat": ["アシガバート"],
    "ir-tehran": ["テヘラン", "德黑兰"],
    "ir-mashhad": ["マシュハド"],
    "ir-gorgan": ["Горган"],
    "IRBND": ["バンダレ・アッバース"],
    "IRZBR": ["チャーバハール"],
    "PKKHI": ["カラチ"],
    "PKGWD": ["グワダル"],
    "af-kabul": ["カブール"],
    "pk-peshawar": ["ペシャワール"],
    "ru-moscow": ["モスクワ", "莫斯科"],
    "ru-novosibirsk": ["ノヴォシビルスク"],
    "ru-samara": ["サマラ"],
    "ru-orenburg": ["オレンブルク"],
    "RUVYP": ["ヴォストーチヌイ"],
    "RUNVS": ["ノヴォロシースク"],
    "RUULU": ["ウスチ・ルーガ"],
    "ru-aksaraiskaya": ["Aksarayskaya"],
}

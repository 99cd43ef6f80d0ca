"""Validation of parsed network tables: every problem in one pass.

Checks per table (duplicate keys, enumerations, ranges, units that look mixed up) and across
tables (unknown node, source or country ids, distances below the great-circle distance, alias
collisions, nodes on no leg, destinations unreachable from an origin). Every number must lie
in its plausible range (:data:`~corridor.network_data.schema.RANGES`, by the column's
quantity).
"""

from __future__ import annotations

import re
from collections import deque
from collections.abc import Collection, Iterable
from typing import Any

import numpy as np

from corridor.network_data.errors import Problem
from corridor.network_data.geometry import geodesic_km, parse_waypoints
from corridor.network_data.io import ParsedTable
from corridor.network_data.names import normalize_name
from corridor.network_data.schema import (
    CARGO_CLASSES,
    CARRYING_MODES,
    LEG_MODES,
    LEG_STATUSES,
    NODE_KINDS,
    OBSERVATION_METRICS,
    OBSERVATION_USES,
    OPTIONAL_TABLES,
    PROVENANCE_TAGS,
    RANGES,
    RATE_BASES,
    RATE_COMPONENTS,
    SERVICES,
    TABLES,
    TableSpec,
)

GAUGES_MM = (1435, 1520, 1676)
_ISO2 = re.compile(r"^[A-Z]{2}$")
_SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
#: Modes whose legs lie on the open sea: they may cross no state's territory.
SEA_MODES = ("sea", "passage")
#: Node kinds that lie at sea, in no state's territory.
SEA_KINDS = ("chokepoint", "waypoint")
#: A given distance may be this much shorter than the geodesic before it is an error
#: (coordinates of stations are approximate to ~0.05°).
GC_TOLERANCE = 0.99
#: Fastest plausible average speed per mode, km/day; above it a unit is likely mixed up.
MAX_KM_PER_DAY = {"rail": 2000.0, "road": 1500.0, "sea": 1200.0, "ferry": 1200.0}
#: Smallest plausible capacity: below it the figure was probably written in Mt, not t/yr.
MIN_CAPACITY_TPY = RANGES["capacity_tpy"].low


def present(value: object) -> bool:
    """True for a real value: not None and not NaN (pandas turns None into NaN in numbers)."""
    return value is not None and value == value


def _rows(table: ParsedTable) -> Iterable[tuple[int, dict[str, Any]]]:
    yield from zip(table.lines, table.records)


def _duplicates(table: ParsedTable, key: str, problems: list[Problem]) -> None:
    seen: dict[object, int] = {}
    for line, row in _rows(table):
        value = row[key]
        if value in (None, ""):
            continue
        if value in seen:
            problems.append(Problem(table.source, line, key,
                                    f"duplicate id '{value}' (first on line {seen[value]})"))
        else:
            seen[value] = line


def _one_of(problems: list[Problem], source: str, line: int, field: str, value: object,
            allowed: Collection[str]) -> None:
    """A problem if ``value`` is given and not one of ``allowed``."""
    if value and value not in allowed:
        problems.append(Problem(source, line, field,
                                f"'{value}' is not one of {', '.join(allowed)}"))


def _provenance(table: ParsedTable, column: str, source_ids: set[str],
                problems: list[Problem]) -> None:
    for line, row in _rows(table):
        for token in row[column] or ():
            if token not in source_ids and token not in PROVENANCE_TAGS:
                problems.append(Problem(table.source, line, column,
                                        f"'{token}' is neither a source id nor one of "
                                        f"{', '.join(PROVENANCE_TAGS)}"))


def validate_nodes(nodes: ParsedTable, source_ids: set[str]) -> list[Problem]:
    """Problems in the nodes table on its own."""
    problems: list[Problem] = []
    _duplicates(nodes, "node_id", problems)
    for line, row in _rows(nodes):
        src = nodes.source
        if row["kind"] and row["kind"] not in NODE_KINDS:
            problems.append(Problem(src, line, "kind", f"'{row['kind']}' is not one of "
                                    f"{', '.join(NODE_KINDS)}"))
        if not row["country"] and row["kind"] not in SEA_KINDS:
            problems.append(Problem(src, line, "country",
                                    f"required for a node of kind {row['kind']}"))
        if row["country"] and not _ISO2.match(str(row["country"])):
            problems.append(Problem(src, line, "country",
                                    f"'{row['country']}' is not an ISO 3166-1 alpha-2 code"))
        lat, lon = row["lat"], row["lon"]
        if present(lat) and not -90.0 <= lat <= 90.0:
            problems.append(Problem(src, line, "lat", f"{lat} is outside -90..90"))
        if present(lon) and not -180.0 <= lon <= 180.0:
            problems.append(Problem(src, line, "lon", f"{lon} is outside -180..180"))
        if present(row["gauge_mm"]) and row["gauge_mm"] not in GAUGES_MM:
            problems.append(Problem(src, line, "gauge_mm", f"{row['gauge_mm']:g} mm is not one "
                                    f"of {', '.join(map(str, GAUGES_MM))}"))
        tp = row["throughput_tpy"] if present(row["throughput_tpy"]) else None
        if tp is not None and tp <= 0:
            problems.append(Problem(src, line, "throughput_tpy", f"{tp} must be positive"))
        elif tp is not None and tp < MIN_CAPACITY_TPY:
            problems.append(Problem(src, line, "throughput_tpy", f"{tp} t/yr is implausibly "
                                    "small: was it written in Mt? (unit is t/yr)"))
    _provenance(nodes, "coord_provenance", source_ids, problems)
    _provenance(nodes, "provenance", source_ids, problems)
    # Two nodes answering to the same name would make place resolution ambiguous.
    owner: dict[str, tuple[str, int]] = {}
    for line, row in _rows(nodes):
        for label in (row["node_id"], row["name"], *(row["aliases"] or ())):
            key = normalize_name(str(label or ""))
            if not key:
                continue
            prev = owner.get(key)
            if prev is not None and prev[0] != row["node_id"]:
                problems.append(Problem(nodes.source, line, "aliases",
                                        f"name '{label}' also names node '{prev[0]}' "
                                        f"(line {prev[1]})"))
            else:
                owner.setdefault(key, (str(row["node_id"]), line))
    return problems


def validate_legs(legs: ParsedTable, nodes: ParsedTable, source_ids: set[str],
                  rate_ids: set[str] | None = None) -> list[Problem]:
    """Problems in the legs table, including references to nodes, sources and rates."""
    problems: list[Problem] = []
    rate_ids = rate_ids or set()
    src = legs.source
    _duplicates(legs, "leg_id", problems)
    node_rows = {r["node_id"]: r for _, r in _rows(nodes)}
    gc_checks: list[tuple[int, float, tuple[float, float, float, float]]] = []
    groups: dict[str, list[tuple[int, str, float | None]]] = {}
    for line, row in _rows(legs):
        ends = []
        for col in ("from_id", "to_id"):
            ident = row[col]
            if ident and ident not in node_rows:
                problems.append(Problem(src, line, col, f"unknown node id '{ident}'"))
            ends.append(node_rows.get(ident))
        if row["from_id"] and row["from_id"] == row["to_id"]:
            problems.append(Problem(src, line, "to_id", "leg starts and ends at the same node"))
        mode = row["mode"]
        if mode and mode not in LEG_MODES:
            problems.append(Problem(src, line, "mode", f"'{mode}' is not one of "
                                    f"{', '.join(LEG_MODES)}"))
        if row["status"] and row["status"] not in LEG_STATUSES:
            problems.append(Problem(src, line, "status", f"'{row['status']}' is not one of "
                                    f"{', '.join(LEG_STATUSES)}"))
        if row["corridor"] and not _SLUG.match(str(row["corridor"])):
            problems.append(Problem(src, line, "corridor",
                                    f"'{row['corridor']}' is not a lower-case label"))
        for col in ("distance_km", "tariff_fixed_usd_per_t", "tariff_usd_per_tkm",
                    "transit_days", "expected_delay_days"):
            value = row[col]
            if present(value) and value < 0:
                problems.append(Problem(src, line, col, f"{value} is negative"))
        rate = str(row["rate_id"] or "")
        if rate and rate not in rate_ids:
            problems.append(Problem(src, line, "rate_id", f"unknown rate '{rate}'" + (
                "" if rate_ids else " (the network has no rates table)")))
        if not rate and not present(row["transit_days"]):
            problems.append(Problem(src, line, "transit_days",
                                    "required where the leg names no rate_id"))
        passage = str(row["passage"] or "")
        if mode == "passage" and not passage:
            problems.append(Problem(src, line, "passage",
                                    "a passage leg must name its passage (e.g. suez)"))
        elif passage and mode != "passage":
            problems.append(Problem(src, line, "passage",
                                    f"only a passage leg names a passage (mode is {mode})"))
        elif passage and not _SLUG.match(passage):
            problems.append(Problem(src, line, "passage",
                                    f"'{passage}' is not a lower-case label"))
        share = row["risk_premium_share"]
        if present(share) and not 0.0 <= share < 1.0:
            problems.append(Problem(src, line, "risk_premium_share",
                                    f"{share} is not a share of value in 0..1"))
        if mode and mode not in SEA_MODES and not row["territory"]:
            problems.append(Problem(src, line, "territory",
                                    f"a {mode} leg must name the countries it crosses"))
        cap = row["capacity_tpy"] if present(row["capacity_tpy"]) else None
        if cap is not None and cap <= 0:
            problems.append(Problem(src, line, "capacity_tpy", f"{cap} must be positive "
                                    "(leave empty for no limit)"))
        elif cap is not None and cap < MIN_CAPACITY_TPY:
            problems.append(Problem(src, line, "capacity_tpy", f"{cap} t/yr is implausibly "
                                    "small: was it written in Mt? (unit is t/yr)"))
        group = str(row["capacity_group"] or "")
        if group:
            if not _SLUG.match(group):
                problems.append(Problem(src, line, "capacity_group",
                                        f"'{group}' is not a lower-case label"))
            groups.setdefault(group, []).append((line, str(row["leg_id"]), cap))
        p = row["disruption_prob"]
        if present(p) and not 0.0 <= p <= 1.0:
            problems.append(Problem(src, line, "disruption_prob",
                                    f"{p} is not a probability in 0..1"))
        for col in ("territory", "control"):
            for code in row[col] or ():
                if not _ISO2.match(code):
                    problems.append(Problem(src, line, col,
                                            f"'{code}' is not an ISO 3166-1 alpha-2 code"))
        if row["waypoints"]:
            try:
                parse_waypoints(str(row["waypoints"]))
            except ValueError as exc:
                problems.append(Problem(src, line, "waypoints", str(exc)))
        dist = row["distance_km"] if present(row["distance_km"]) else None
        days = row["transit_days"] if present(row["transit_days"]) else None
        speed_cap = MAX_KM_PER_DAY.get(str(mode))
        if speed_cap and dist and days is not None and days > 0 and dist / days > speed_cap:
            problems.append(Problem(src, line, "transit_days",
                                    f"{dist:g} km in {days:g} days is {dist / days:.0f} km/day, "
                                    f"faster than any {mode} service: unit mix-up?"))
        a, b = ends
        if a is not None and b is not None:
            if mode == "rail" and present(a["gauge_mm"]) and present(b["gauge_mm"]) and \
                    a["gauge_mm"] != b["gauge_mm"]:
                problems.append(Problem(src, line, "mode",
                                        f"rail leg joins {a['gauge_mm']:g} mm and "
                                        f"{b['gauge_mm']:g} mm gauge without a border/transfer"))
            if dist is not None and dist >= 0 and \
                    all(present(a[k]) and present(b[k]) for k in ("lat", "lon")):
                gc_checks.append((line, dist, (a["lon"], a["lat"], b["lon"], b["lat"])))
    if gc_checks:
        coords = np.array([c for _, _, c in gc_checks], dtype=float)
        gc = geodesic_km(coords[:, 0], coords[:, 1], coords[:, 2], coords[:, 3])
        for (line, dist, _), gc_km in zip(gc_checks, gc):
            if dist < GC_TOLERANCE * gc_km:
                problems.append(Problem(src, line, "distance_km",
                                        f"{dist:g} km is shorter than the great-circle distance "
                                        f"between its ends ({gc_km:.0f} km)"))
    _capacity_groups(groups, src, problems)
    _provenance(legs, "provenance", source_ids, problems)
    return problems


def _capacity_groups(groups: dict[str, list[tuple[int, str, float | None]]], src: str,
                     problems: list[Problem]) -> None:
    """Every member of a capacity group states the group's capacity, the same figure."""
    for group, members in sorted(groups.items()):
        first_line, first_leg, first_cap = members[0]
        for line, leg, cap in members:
            if cap is None:
                problems.append(Problem(src, line, "capacity_tpy",
                                        f"leg '{leg}' is in capacity group '{group}' but states "
                                        "no capacity (give the group's capacity)"))
            elif first_cap is not None and cap != first_cap:
                problems.append(Problem(src, line, "capacity_tpy",
                                        f"{cap:g} differs from {first_cap:g} stated for capacity "
                                        f"group '{group}' by leg '{first_leg}' (line "
                                        f"{first_line})"))


def validate_sources(sources: ParsedTable) -> list[Problem]:
    """Problems in the sources table."""
    problems: list[Problem] = []
    _duplicates(sources, "source_id", problems)
    for line, row in _rows(sources):
        if row["source_id"] in PROVENANCE_TAGS:
            problems.append(Problem(sources.source, line, "source_id",
                                    f"'{row['source_id']}' is reserved as a provenance tag"))
        if row["url"] and not str(row["url"]).startswith(("http://", "https://")):
            problems.append(Problem(sources.source, line, "url",
                                    f"'{row['url']}' is not an http(s) address"))
    return problems


def validate_commodities(commodities: ParsedTable, source_ids: set[str]) -> list[Problem]:
    """Problems in the commodities table."""
    problems: list[Problem] = []
    _duplicates(commodities, "commodity_id", problems)
    for line, row in _rows(commodities):
        ident = row["commodity_id"]
        if ident and not _SLUG.match(str(ident)):
            problems.append(Problem(commodities.source, line, "commodity_id",
                                    f"'{ident}' is not a snake_case id"))
        value = row["value_usd_per_t"]
        if present(value) and value <= 0:
            problems.append(Problem(commodities.source, line, "value_usd_per_t",
                                    f"{value} must be positive"))
        _one_of(problems, commodities.source, line, "cargo_class", row["cargo_class"],
                CARGO_CLASSES)
    _provenance(commodities, "provenance", source_ids, problems)
    return problems


def validate_topology(nodes: ParsedTable, legs: ParsedTable) -> list[Problem]:
    """Nodes on no leg, and destinations unreachable from an origin over operational legs."""
    problems: list[Problem] = []
    node_ids = [r["node_id"] for _, r in _rows(nodes)]
    known = set(node_ids)
    used: set[str] = set()
    adjacency: dict[str, set[str]] = {n: set() for n in known}
    for _, row in _rows(legs):
        a, b = row["from_id"], row["to_id"]
        if a not in known or b not in known:
            continue
        used.update((a, b))
        if row["status"] != "operational":
            continue
        adjacency[a].add(b)
        if row["bidirectional"]:
            adjacency[b].add(a)
    for line, row in _rows(nodes):
        if row["node_id"] in known and row["node_id"] not in used:
            problems.append(Problem(nodes.source, line, "node_id",
                                    f"node '{row['node_id']}' is on no leg"))
    origins = [(line, r["node_id"]) for line, r in _rows(nodes) if r["is_origin"]]
    destinations = {r["node_id"] for _, r in _rows(nodes) if r["is_destination"]}
    for line, origin in origins:
        seen = {origin}
        queue = deque([origin])
        while queue:
            for nxt in adjacency[queue.popleft()]:
                if nxt not in seen:
                    seen.add(nxt)
                    queue.append(nxt)
        missing = sorted(destinations - seen)
        if missing:
            problems.append(Problem(nodes.source, line, "is_origin",
                                    f"from origin '{origin}' no operational route reaches "
                                    f"{', '.join(missing)}"))
    return problems


def validate_rates(rates: ParsedTable, source_ids: set[str],
                   observation_ids: set[str]) -> list[Problem]:
    """Problems in the rates table: keys, enumerations, values inside their bounds."""
    problems: list[Problem] = []
    src = rates.source
    seen: dict[tuple[str, str, str], int] = {}
    for line, row in _rows(rates):
        key = (str(row["rate_id"]), str(row["cargo_class"]), str(row["component"]))
        if key in seen:
            problems.append(Problem(src, line, "component", f"{'/'.join(key)} given twice "
                                    f"(first on line {seen[key]})"))
        seen.setdefault(key, line)
        for field, allowed in (("cargo_class", CARGO_CLASSES), ("component", RATE_COMPONENTS),
                               ("basis", RATE_BASES)):
            _one_of(problems, src, line, field, row[field], allowed)
        comp = row["component"]
        value, low, high = row["value"], row["low"], row["high"]
        if present(value) and value < 0:
            problems.append(Problem(src, line, "value", f"{value} is negative"))
        if comp == "km_per_day" and present(value) and value <= 0:
            problems.append(Problem(src, line, "value", "a speed must be positive"))
        if present(low) and present(high) and low > high:
            problems.append(Problem(src, line, "low", f"{low} is above high {high}"))
        elif present(value) and ((present(low) and value < low * (1 - 1e-9)) or
                                 (present(high) and value > high * (1 + 1e-9))):
            problems.append(Problem(src, line, "value",
                                    f"{value} is outside its bounds {low}..{high}"))
        for obs in row["fitted_to"] or ():
            if obs not in observation_ids:
                problems.append(Problem(src, line, "fitted_to",
                                        f"unknown observation '{obs}'"))
    _provenance(rates, "provenance", source_ids, problems)
    return problems


def validate_observations(observations: ParsedTable, nodes: ParsedTable, legs: ParsedTable,
                          source_ids: set[str]) -> list[Problem]:
    """Problems in the observations table: known places and keys, ranges, payloads."""
    problems: list[Problem] = []
    src = observations.source
    _duplicates(observations, "obs_id", problems)
    node_ids = {r["node_id"] for _, r in _rows(nodes)}
    keys: set[str] = set()
    for _, leg in _rows(legs):
        keys.update(leg["territory"] or ())
        keys.update(leg["control"] or ())
        keys.update(k for k in (leg["corridor"], leg["passage"]) if k)
    for line, row in _rows(observations):
        for col in ("from_id", "to_id"):
            if row[col] and row[col] not in node_ids:
                problems.append(Problem(src, line, col, f"unknown node id '{row[col]}'"))
        for node in row["via"] or ():
            if node not in node_ids:
                problems.append(Problem(src, line, "via", f"unknown node id '{node}'"))
        for key in row["avoid"] or ():
            if key not in keys:
                problems.append(Problem(src, line, "avoid", f"'{key}' is neither a country, a "
                                        "corridor nor a passage of the network"))
        for mode in row["modes"] or ():
            _one_of(problems, src, line, "modes", mode, CARRYING_MODES)
        for field, allowed in (("cargo_class", CARGO_CLASSES), ("metric", OBSERVATION_METRICS),
                               ("use", OBSERVATION_USES), ("service", SERVICES)):
            _one_of(problems, src, line, field, row[field], allowed)
        metric = row["metric"]
        low, high = row["low"], row["high"]
        if present(low) and present(high) and not 0 < low <= high:
            problems.append(Problem(src, line, "high", f"{low}..{high} is not a range of "
                                    "positive values"))
        if metric == "usd_per_container":
            pl, ph = row["payload_t_low"], row["payload_t_high"]
            if not (present(pl) and present(ph) and 0 < pl <= ph):
                problems.append(Problem(src, line, "payload_t_low",
                                        "a per-container figure needs its payload range in t"))
    _provenance(observations, "source_ids", source_ids, problems)
    return problems


def network_warnings(nodes: ParsedTable, legs: ParsedTable) -> list[Problem]:
    """Soft problems a planner should know about (the network still loads):

    * a corridor whose operational legs have no capacity anywhere (no leg capacity, no
      capacity group, and no node with a throughput on them): a plan would push any tonnage
      through it;
    * a seaport joined directly to more than one sea or ferry leg: a route could pass through
      the port between two sea legs without paying a call (connect sea legs to its sea side,
      with one port-call leg between quay and sea side).
    """
    warnings: list[Problem] = []
    node_rows = {r["node_id"]: r for _, r in _rows(nodes)}
    capped: dict[str, bool] = {}
    first_line: dict[str, int] = {}
    sea_legs_at: dict[str, int] = {}
    for line, row in _rows(legs):
        a, b = node_rows.get(row["from_id"]), node_rows.get(row["to_id"])
        if a is None or b is None:
            continue
        if row["mode"] in ("sea", "ferry"):
            for end in (a, b):
                if end["kind"] == "seaport":
                    sea_legs_at[end["node_id"]] = sea_legs_at.get(end["node_id"], 0) + 1
        if row["status"] != "operational":
            continue
        corridor = str(row["corridor"])
        first_line.setdefault(corridor, line)
        has = present(row["capacity_tpy"]) or any(present(n["throughput_tpy"]) for n in (a, b))
        capped[corridor] = capped.get(corridor, False) or bool(has)
    for corridor, has in sorted(capped.items()):
        if not has:
            warnings.append(Problem(legs.source, first_line[corridor], "capacity_tpy",
                                    f"corridor '{corridor}' has no capacity on any leg or node: "
                                    "a plan can load it without limit"))
    for line, row in _rows(nodes):
        if sea_legs_at.get(row["node_id"], 0) > 1:
            warnings.append(Problem(nodes.source, line, "kind",
                                    f"seaport '{row['node_id']}' has {sea_legs_at[row['node_id']]} "
                                    "sea legs of its own: routes can pass through it without a "
                                    "port call (join sea legs to a sea-side waypoint instead)"))
    return warnings


def validate_tables(tables: dict[str, ParsedTable]) -> list[Problem]:
    """Every problem across the tables (the four, and rates and observations), in order."""
    sources, nodes, legs = tables["sources"], tables["nodes"], tables["legs"]
    source_ids = {str(s) for s in sources.frame["source_id"] if s}
    rates, observations = tables["rates"], tables["observations"]
    rate_ids = {str(r) for r in rates.frame["rate_id"] if r}
    observation_ids = {str(o) for o in observations.frame["obs_id"] if o}
    problems = validate_sources(sources)
    problems += validate_nodes(nodes, source_ids)
    problems += validate_legs(legs, nodes, source_ids, rate_ids)
    problems += validate_commodities(tables["commodities"], source_ids)
    problems += validate_rates(rates, source_ids, observation_ids)
    problems += validate_observations(observations, nodes, legs, source_ids)
    problems += validate_topology(nodes, legs)
    flagged = {(p.source, p.row, p.field) for p in problems}
    for name, spec in {**TABLES, **OPTIONAL_TABLES}.items():
        problems += [p for p in validate_ranges(tables[name], spec)
                     if (p.source, p.row, p.field) not in flagged]
    return problems


def validate_ranges(table: ParsedTable, spec: TableSpec) -> list[Problem]:
    """A problem for every number outside the plausible range of its column's quantity
    (:attr:`~corridor.network_data.schema.ColumnSpec.quantity`; ``@column``: the quantity
    the row's ``column`` names, e.g. a rate's component)."""
    problems: list[Problem] = []
    bounded = [(c.name, c.quantity) for c in spec.columns if c.quantity]
    for line, row in _rows(table):
        for column, quantity in bounded:
            value = row[column]
            if not present(value):
                continue
            if quantity.startswith("@"):
                quantity = str(row[quantity[1:]] or "")
            bounds = RANGES.get(quantity)
            complaint = bounds.complaint(float(value)) if bounds is not None else None
            if complaint:
                problems.append(Problem(table.source, line, column, complaint))
    return problems

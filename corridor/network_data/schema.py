"""The network schema, as data.

One :class:`TableSpec` per table (nodes, legs, sources, commodities). Each lists its columns
with dtype, unit, whether it is required, its default and what it means. The loader, the
validator, ``corridor network schema`` and the docs all read these specs; nothing else
hard-codes a column list.

Units live in column names (``distance_km``, ``transit_days``, ``capacity_tpy``...).
List-valued cells (aliases, countries, provenance) are ``;``-separated strings in CSV and
tuples of strings once loaded.

Every number corridor reads, from a table or as a parameter, has a plausible range here
(:data:`RANGES`): the network validator, the shipment book reader and the checks of
``find_routes``, ``plan`` and ``CostParams`` all refuse a value outside it, so the solvers
are never handed a number they cannot scale.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

from corridor.network_data.errors import PARAMETERS, Problem

#: dtype names used in the specs. ``list`` is a ``;``-separated list of strings.
DTYPES = ("str", "float", "int", "bool", "list")

NODE_KINDS = (
    "city",  # a city or industrial site that ships cargo (origin) or a rail hub in a city
    "mine",  # a mine or plant that ships cargo
    "rail_junction",  # a rail junction or station with no border or port function
    "border",  # a border station (one side of a crossing)
    "dry_port",  # an inland container terminal / transshipment yard
    "seaport",  # a sea or Caspian port (the berth side)
    "chokepoint",  # one end of a passage (strait, canal or cape): a passage leg joins two
    "waypoint",  # an open-sea junction or a port's sea side: sea legs meet there, no call
)

LEG_MODES = (
    "rail",
    "road",
    "sea",  # ocean or Black Sea shipping
    "ferry",  # Caspian rail ferry / Ro-Ro / feeder
    "border",  # a border crossing between two border nodes (may include a gauge change)
    "transfer",  # a mode change at one place: rail to ship, rail to road, gauge change,
    # and a port call (a port's quay to its sea side: loading or discharge and dwell)
    "passage",  # a strait, canal or cape between its two chokepoint ends (a key of its own)
)

#: Modes that carry cargo along a line (the others join them: borders, transfers, passages).
CARRYING_MODES = ("rail", "road", "sea", "ferry")

#: Cargo classes: each moves at its own rates and speeds (open wagons and bulk carriers,
#: container trains and liner ships, Class-7 uranium on certified carriers and charters).
CARGO_CLASSES = ("bulk", "container", "class7")

#: Components of a rate (per leg that names it, per cargo class):
#: cost = usd_per_t + usd_per_tkm × km; days = days + km / km_per_day.
RATE_COMPONENTS = {"usd_per_t": "USD/t", "usd_per_tkm": "USD/(t·km)", "days": "days",
                   "km_per_day": "km/day", "days_factor": "×", "speed_factor": "×"}

#: Service levels a figure or a query can be for: a scheduled service's usual figures, or an
#: express one (a priority block train, a record or test run with pre-arranged clearance).
#: An express service's days are the regular ones with its ``express:<mode>`` rates applied:
#: ``days_factor`` on border dwell, ``speed_factor`` on rail and road line-haul speeds.
SERVICES = ("regular", "express")

#: How a rate's value was set: fitted to observations, taken from a source, or estimated.
RATE_BASES = ("fitted", "sourced", "computed", "estimated")

#: How an observation is used: fitted to, held back to check the fit, or shown as context.
OBSERVATION_USES = ("fit", "holdout", "context")

#: What an observation measures.
OBSERVATION_METRICS = ("days", "usd_per_t", "usd_per_container")

#: ``closed``: out of use in a what-if scenario (no cost parameter opens it).
LEG_STATUSES = ("operational", "under_construction", "planned", "closed")

#: Provenance tags allowed beside source ids.
PROVENANCE_TAGS = ("computed", "estimated")


def number_text_of(value: float) -> str:
    """A number as a message shows it: whole numbers below a million in full (``40000``),
    others in the fewest significant digits that still read back as the same float, with
    exponents unpadded (``1e308``, ``1e-7``, ``1.5e9``, ``0.0015``)."""
    if not math.isfinite(value):
        return str(value)
    if value == int(value) and abs(value) < 1e6:
        return str(int(value))
    text = repr(value)
    for digits in range(1, 18):
        text = f"{value:.{digits}g}"
        if float(text) == value:
            break
    return re.sub(r"e([+-])0*(\d)", lambda m: "e" + ("-" if m[1] == "-" else "") + m[2], text)


@dataclass(frozen=True)
class Range:
    """The values a quantity may plausibly take: ``low`` to ``high`` in ``unit``, ``low``
    itself excluded where ``low_open``.

    The bounds are wide on purpose (far beyond any real shipment, tariff or speed): they
    catch a unit mix-up, a slipped exponent or a placeholder such as ``1e308``, not an
    unusual figure. ``note_low`` and ``note_high`` say why a value below or above them
    cannot be used, where the range alone does not.
    """

    low: float
    high: float
    unit: str = ""
    low_open: bool = False
    note_low: str = ""
    note_high: str = ""

    def __str__(self) -> str:
        return f"{number_text_of(self.low)} to {number_text_of(self.high)}" + (
            f" {self.unit}" if self.unit else "")

    def complaint(self, value: float) -> str | None:
        """Why ``value`` is refused (one phrase naming it), or None if it is in range.

        NaN and infinities are never numbers of a quantity; a value on the wrong side of
        zero is told so (``-5 must be > 0``); any other value outside the range is named
        with the range."""
        if not math.isfinite(value):
            return f"{value} is not a finite number" + (
                "" if value != value else " (a number too large to hold, 1e309 or more, "
                "reads as inf)")
        text = number_text_of(value)
        if self.low >= 0 and (value < 0 or (value == 0 and (self.low > 0 or self.low_open))):
            return f"{text} must be {'≥' if self.low == 0 and not self.low_open else '>'} 0"
        if value < self.low or (self.low_open and value == self.low) or value > self.high:
            note = self.note_high if value > self.high else self.note_low
            return f"{text} is outside the plausible range {self}" + (
                f" ({note})" if note else "")
        return None

    def holds(self, values: np.ndarray) -> np.ndarray:
        """Per element of ``values``, is it in range (as :meth:`complaint` judges)?"""
        with np.errstate(invalid="ignore"):
            return (values > self.low if self.low_open else values >= self.low) & \
                (values <= self.high)


#: The plausible range of every quantity corridor reads: the columns of the network tables
#: and the shipment book (:attr:`ColumnSpec.quantity` names theirs) and the parameters of
#: ``find_routes``, ``plan`` and ``CostParams`` (by their names). docs/cli.md and
#: docs/network.md list them.
RANGES: dict[str, Range] = {
    # a shipment, and the parameters of a query or a plan
    "tonnes": Range(0.001, 1e9, "t", note_low="plans count tonnes to the kilogram"),
    "value_usd_per_t": Range(0.0, 1e9, "USD/t", low_open=True),
    "max_days": Range(0.0, 3650.0, "days", low_open=True),
    "unserved_usd_per_t": Range(0.0, 1e9, "USD/t"),
    "risk_weight": Range(0.0, 1000.0),
    "carrying_rate": Range(0.0, 10.0, "per year"),
    "loss_share": Range(0.0, 1.0, "of the cargo's value"),
    "penalty": Range(0.0, 1e6, "USD/t", note_high="to keep routes off it, avoid it"),
    "max_share": Range(0.0, 1.0),
    "horizon_days": Range(1.0, 3650.0, "days"),
    "time_limit_s": Range(0.0, 604_800.0, "s", low_open=True),
    "alternatives": Range(0.0, 100.0),
    # the network tables (rates by component, observations by metric)
    "lat": Range(-90.0, 90.0, "degrees"),
    "lon": Range(-180.0, 180.0, "degrees"),
    "capacity_tpy": Range(1000.0, 1e10, "t/yr"),
    "distance_km": Range(0.0, 40_000.0, "km"),
    "usd_per_t": Range(0.0, 1e5, "USD/t"),
    "usd_per_tkm": Range(0.0, 100.0, "USD/(t·km)"),
    "days": Range(0.0, 365.0, "days"),
    "km_per_day": Range(0.0, 5000.0, "km/day", low_open=True),
    "days_factor": Range(0.0, 1.0, "×", low_open=True),
    "speed_factor": Range(1.0, 5.0, "×"),
    "usd_per_container": Range(0.0, 1e6, "USD per container"),
    "payload_t": Range(0.0, 100.0, "t per container", low_open=True),
    "probability": Range(0.0, 1.0),
    "share": Range(0.0, 1.0),
    "year": Range(1800.0, 2200.0),
}


def parameter_problems(values: Mapping[str, float | None]) -> list[Problem]:
    """A problem for each parameter (its name a :data:`RANGES` key) given a value outside its
    range; source :data:`~corridor.network_data.errors.PARAMETERS`, field the parameter's
    name. ``None`` is "not given"."""
    return [Problem(PARAMETERS, None, name, complaint) for name, value in values.items()
            if value is not None and (complaint := RANGES[name].complaint(float(value)))]


@dataclass(frozen=True)
class ColumnSpec:
    """One column of a table: its name, dtype, unit, whether required, default and meaning,
    and for a number the quantity whose :data:`RANGES` entry bounds it."""

    name: str
    dtype: str
    unit: str
    required: bool
    default: object
    meaning: str
    #: the :data:`RANGES` key bounding the column's numbers; ``@column``: the one the row's
    #: ``column`` names (a rate's ``component``, an observation's ``metric``)
    quantity: str = ""

    @property
    def range_text(self) -> str:
        """The plausible range of the column's numbers as text (``0 to 40000 km``), ``by
        component`` where the row's ``component`` column names it, ``""`` for none."""
        if self.quantity.startswith("@"):
            return f"by {self.quantity[1:]}"
        return str(RANGES[self.quantity]) if self.quantity else ""


@dataclass(frozen=True)
class TableSpec:
    """A table: its name, key column and columns."""

    name: str
    key: str
    columns: tuple[ColumnSpec, ...]

    @property
    def column_names(self) -> tuple[str, ...]:
        """Column names in their canonical order."""
        return tuple(c.name for c in self.columns)

    def column(self, name: str) -> ColumnSpec:
        """The spec of column ``name`` (KeyError if the table has none)."""
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


def _c(name: str, dtype: str, unit: str, required: bool, default: object,
       meaning: str, quantity: str = "") -> ColumnSpec:
    return ColumnSpec(name, dtype, unit, required, default, meaning, quantity)


NODES = TableSpec(
    name="nodes",
    key="node_id",
    columns=(
        _c("node_id", "str", "", True, None,
           "UN/LOCODE where one exists (KZAAU, AZBAK...), otherwise a readable lower-case slug"),
        _c("name", "str", "", True, None, "English name as a planner would write it"),
        _c("aliases", "list", "", False, (),
           "other names: local, Russian, Chinese, Japanese spellings, old names, codes"),
        _c("country", "str", "ISO 3166-1 alpha-2", False, "",
           "country the node lies in; empty for a passage end or an open-sea waypoint (the "
           "state controlling a passage is on its passage leg)"),
        _c("kind", "str", "", True, None, "one of: " + ", ".join(NODE_KINDS)),
        _c("lat", "float", "degrees WGS84", True, None, "latitude, -90..90", "lat"),
        _c("lon", "float", "degrees WGS84", True, None, "longitude, -180..180", "lon"),
        _c("coord_provenance", "list", "", True, None,
           "source ids the coordinates rest on, or 'estimated'"),
        _c("gauge_mm", "int", "mm", False, None,
           "rail gauge at the node (1520, 1435 or 1676); empty if no rail"),
        _c("throughput_tpy", "float", "t/yr", False, None,
           "throughput capacity of the node where one is known; empty = not limiting",
           "capacity_tpy"),
        _c("is_origin", "bool", "", False, False, "a place export cargo starts from"),
        _c("is_destination", "bool", "", False, False, "a destination port for buyers"),
        _c("provenance", "list", "", False, (),
           "source ids for the node's figures (throughput...), or 'estimated'/'computed'"),
        _c("notes", "str", "", False, "", "free text: what the node is, caveats"),
    ),
)

LEGS = TableSpec(
    name="legs",
    key="leg_id",
    columns=(
        _c("leg_id", "str", "", True, None, "unique id, e.g. 'kz-aktogay-dostyk'"),
        _c("from_id", "str", "", True, None, "node_id of one end"),
        _c("to_id", "str", "", True, None, "node_id of the other end"),
        _c("mode", "str", "", True, None, "one of: " + ", ".join(LEG_MODES)),
        _c("corridor", "str", "", True, None,
           "corridor label: kazakh_rail, china, trans_caspian, afghan_pakistan, iran, "
           "russia_north, uzbek_turkmen, sea"),
        _c("distance_km", "float", "km", False, None,
           "distance along the leg; empty = geodesic length of the leg geometry (pyproj)",
           "distance_km"),
        _c("rate_id", "str", "", False, "",
           "the rate (rates table) that prices the leg per cargo class: cost = usd_per_t + "
           "usd_per_tkm × km, days = days + km / km_per_day; the leg's own tariff and "
           "transit_days below are added to it. Empty: the leg's own figures, the same for "
           "every cargo class"),
        _c("tariff_fixed_usd_per_t", "float", "USD/t", False, 0.0,
           "fixed charge per tonne for using the leg (terminal, border, gauge change, port "
           "fees), on top of its rate's", "usd_per_t"),
        _c("tariff_usd_per_tkm", "float", "USD/(t·km)", False, 0.0,
           "distance-proportional freight tariff, on top of its rate's", "usd_per_tkm"),
        _c("transit_days", "float", "days", False, None,
           "time on the leg including dwell (border clearance, port wait), on top of its "
           "rate's; required where the leg has no rate_id", "days"),
        _c("capacity_tpy", "float", "t/yr", False, None,
           "capacity in each direction; empty = not limiting at the scale of this network",
           "capacity_tpy"),
        _c("capacity_group", "str", "", False, "",
           "legs with the same label share one capacity instead of each having its own: "
           "their capacity_tpy (the same figure on every member) bounds the total over all "
           "their arcs, both directions (e.g. one ferry fleet serving several crossings)"),
        _c("territory", "list", "ISO 3166-1 alpha-2", False, (),
           "countries whose territory or waters the leg crosses (required except on sea and "
           "passage legs: the open sea is no state's)"),
        _c("control", "list", "ISO 3166-1 alpha-2", False, (),
           "countries that operate or control the leg where that differs from territory "
           "(e.g. UZ operates Hairatan-Mazar; EG the Suez canal)"),
        _c("passage", "str", "", False, "",
           "on a passage leg: the passage's key (suez, bosporus, malacca...), usable in "
           "avoid, penalty and share caps like a country"),
        _c("disruption_prob", "float", "probability (0..1) per transit", True, None,
           "probability that a transit runs into a disruption (a closure, stoppage or "
           "seizure): where closures are recorded, closed days per year / 365", "probability"),
        _c("risk_premium_share", "float", "share of cargo value per transit", False, 0.0,
           "what the market charges to insure a transit of this leg beyond ordinary cargo "
           "cover (war risk, sanctions, unsafe roads), as a share of the cargo's value", "share"),
        _c("expected_delay_days", "float", "days per transit", False, 0.0,
           "expected extra days per transit from closures: Σ over recorded closures of "
           "length² / (2 × observed days); priced at the cargo's carrying cost", "days"),
        _c("status", "str", "", True, None, "one of: " + ", ".join(LEG_STATUSES)),
        _c("status_year", "int", "year", False, None,
           "year opened (operational) or expected (under construction / planned)", "year"),
        _c("allows_class7", "bool", "", False, False,
           "leg is usable for hazard Class 7 (radioactive) cargo"),
        _c("bidirectional", "bool", "", False, True,
           "usable in both directions (each direction has the full capacity)"),
        _c("waypoints", "str", "lon lat, ...", False, "",
           "intermediate points of the line geometry, 'lon lat; lon lat; ...' (sea legs)"),
        _c("provenance", "list", "", True, None,
           "source ids (see sources table) the leg's figures rest on, and/or 'computed' / "
           "'estimated' for figures derived here"),
        _c("notes", "str", "", False, "", "which figure comes from where; caveats"),
    ),
)

SOURCES = TableSpec(
    name="sources",
    key="source_id",
    columns=(
        _c("source_id", "str", "", True, None, "id as cited in the fact sheet, e.g. '47g'"),
        _c("title", "str", "", True, None, "title of the document or article"),
        _c("publisher", "str", "", True, None, "publisher or outlet"),
        _c("year", "str", "", True, None, "year of publication ('n.d.' if unknown)"),
        _c("url", "str", "", True, None, "address"),
    ),
)

COMMODITIES = TableSpec(
    name="commodities",
    key="commodity_id",
    columns=(
        _c("commodity_id", "str", "", True, None, "snake_case id, e.g. rare_earth_concentrate"),
        _c("name", "str", "", True, None, "display name"),
        _c("aliases", "list", "", False, (), "other names (REE concentrate, UOC, yellowcake...)"),
        _c("value_usd_per_t", "float", "USD/t", True, None, "default cargo value per tonne",
           "value_usd_per_t"),
        _c("hazard_class", "str", "UN class", False, "", "UN dangerous-goods class, '' if none"),
        _c("class7_only_legs", "bool", "", False, False,
           "may move only on legs with allows_class7 = true"),
        _c("cargo_class", "str", "", False, "container",
           "how it moves, which sets its rates and speeds: one of " + ", ".join(CARGO_CLASSES)),
        _c("provenance", "list", "", True, None, "source ids or 'estimated' for the value"),
        _c("notes", "str", "", False, "", "restrictions, basis of the value"),
    ),
)

RATES = TableSpec(
    name="rates",
    key="rate_id",
    columns=(
        _c("rate_id", "str", "", True, None,
           "the rate legs name in their rate_id, e.g. 'rail:KZ', 'port:GE', 'passage:suez'"),
        _c("cargo_class", "str", "", True, None,
           "one of " + ", ".join(CARGO_CLASSES) + " (a class7 row missing: container's)"),
        _c("component", "str", "", True, None, "one of " + ", ".join(RATE_COMPONENTS)),
        _c("value", "float", "per component", True, None,
           "the value used: USD/t, USD/(t·km), days or km/day", "@component"),
        _c("prior", "float", "per component", False, None,
           "the value the sources give before fitting", "@component"),
        _c("low", "float", "per component", False, None, "lowest value the sources support",
           "@component"),
        _c("high", "float", "per component", False, None,
           "highest value the sources support", "@component"),
        _c("basis", "str", "", True, None, "one of " + ", ".join(RATE_BASES)),
        _c("provenance", "list", "", True, None,
           "source ids the prior and bounds rest on, or 'estimated'/'computed'"),
        _c("fitted_to", "list", "", False, (),
           "observation ids the value was fitted to (basis 'fitted')"),
        _c("notes", "str", "", False, "", "how the prior and the bounds were derived"),
    ),
)

OBSERVATIONS = TableSpec(
    name="observations",
    key="obs_id",
    columns=(
        _c("obs_id", "str", "", True, None, "unique id, e.g. 'o017'"),
        _c("description", "str", "", True, None, "what the figure is, in a planner's words"),
        _c("from_id", "str", "", True, None, "node id where the figure starts"),
        _c("to_id", "str", "", True, None, "node id where it ends"),
        _c("via", "list", "", False, (), "node ids the route passes, in order"),
        _c("avoid", "list", "", False, (),
           "countries, corridors or passages the route avoids"),
        _c("modes", "list", "", False, (),
           "carrying modes the figure was made by, e.g. 'road' for a truck run: legs of "
           "the other carrying modes (" + ", ".join(CARRYING_MODES) + ") are not used; "
           "empty: any"),
        _c("cargo_class", "str", "", True, None, "one of " + ", ".join(CARGO_CLASSES)),
        _c("metric", "str", "", True, None, "one of " + ", ".join(OBSERVATION_METRICS)),
        _c("low", "float", "per metric", True, None, "published value, or low end of a range",
           "@metric"),
        _c("high", "float", "per metric", True, None, "published value, or high end",
           "@metric"),
        _c("payload_t_low", "float", "t per container", False, None,
           "usd_per_container: least cargo tonnes per container assumed", "payload_t"),
        _c("payload_t_high", "float", "t per container", False, None,
           "usd_per_container: most cargo tonnes per container assumed", "payload_t"),
        _c("scope", "str", "", False, "", "what the figure covers (terminal_to_terminal...)"),
        _c("year", "str", "", False, "", "year of the figure"),
        _c("source_ids", "list", "", True, None, "source ids"),
        _c("service", "str", "", False, "regular",
           "the service the figure is for: " + " or ".join(SERVICES) + " (a priority or "
           "record run, compared with the model's express days)"),
        _c("use", "str", "", True, None,
           "'fit' (the calibration uses it), 'holdout' (only checked against the fit) or "
           "'context' (a figure from another market state, e.g. a crisis peak: shown, not "
           "counted)"),
        _c("notes", "str", "", False, "", "how the figure was read"),
    ),
)

TABLES: dict[str, TableSpec] = {t.name: t for t in (NODES, LEGS, SOURCES, COMMODITIES)}
#: Tables a network may have besides the four: the rates its legs name, and the published
#: figures the rates were fitted to.
OPTIONAL_TABLES: dict[str, TableSpec] = {t.name: t for t in (RATES, OBSERVATIONS)}

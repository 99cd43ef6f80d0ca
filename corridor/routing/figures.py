"""Published end-to-end figures against the model: what ``corridor network check-figures``
prints and what the calibration fits.

An observation (``observations.csv``) is a published transit time or through-rate between
two places, with the corridor pinned by the places it passes (``via``) and the keys it avoids
(``avoid``), for one cargo class, and for a figure made by one carrying mode (a truck run)
the mode it was made by (``modes``). The model's figure for it is read off the route the model
would take under those constraints:

* the route: cheapest by tariff plus the time cost at a nominal value for the class (so that
  among equally priced routes the faster one wins, as a shipper's would), joined leg by leg
  through the ``via`` places, on operational legs only, and only on legs of the
  observation's carrying ``modes`` where it names them (a truck run does not take the train);
* days: the class's days along it, of the service the figure is for (``service``: an
  express figure is compared with the express days, :mod:`corridor.routing.services`);
  USD per tonne: its freight and handling (tariffs, border,
  port and passage charges; no time, risk or penalty, which no published rate contains).

A per-container figure is compared per tonne: USD per container ÷ the payload range gives a
USD/t range. The error of a figure is relative to the published range: zero inside it, else
the distance to the nearer end over that end (``model / nearer − 1``).
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from corridor.network_data.model import Network
from corridor.network_data.schema import CARRYING_MODES
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.costs import CostParams, arc_costs
from corridor.routing.paths import cheapest_arcs
from corridor.routing.services import with_service

#: Cargo value per class used only to break ties between routes of equal tariff (USD/t):
#: an ore, a concentrate, uranium ore concentrate.
NOMINAL_VALUE = {"bulk": 300.0, "container": 5000.0, "class7": 165000.0}
#: Targets of the calibration, per metric kind: median and largest absolute error.
TARGET_MEDIAN = 0.15
TARGET_MAX = 0.40

#: An observation as a table record (``observations.csv``'s columns).
Row = Mapping[str, Any]


@dataclass(frozen=True)
class FigureCheck:
    """One observation against the model."""

    obs_id: str
    description: str
    metric: str  # days, usd_per_t, usd_per_container
    kind: str  # "days" or "cost" (per-container figures compare per tonne)
    use: str  # fit or holdout
    cargo_class: str
    service: str  # regular or express
    low: float  # published range in the compared unit (days or USD/t)
    high: float
    model: float | None  # None: no route under the observation's constraints
    arcs: tuple[int, ...]
    sources: tuple[str, ...]

    @property
    def error(self) -> float | None:
        """Relative error against the published range (0 inside it)."""
        if self.model is None:
            return None
        if self.model < self.low:
            return self.model / self.low - 1.0
        if self.model > self.high:
            return self.model / self.high - 1.0
        return 0.0

    @property
    def target(self) -> float:
        """The single value a fit aims at: the middle of the published range."""
        return (self.low + self.high) / 2.0


def compared_range(row: Row) -> tuple[str, float, float]:
    """(kind, low, high) of an observation in the unit the model is compared in."""
    metric = str(row["metric"])
    low, high = float(row["low"]), float(row["high"])
    if metric == "days":
        return "days", low, high
    if metric == "usd_per_container":
        p_low = float(row["payload_t_low"])
        p_high = float(row["payload_t_high"])
        return "cost", low / p_high, high / p_low
    return "cost", low, high


def observation_route(net: CompiledNetwork, row: Row) -> list[int] | None:
    """The arcs the model takes for an observation (``None`` if no route meets its
    constraints)."""
    cls = str(row["cargo_class"])
    # the observations' avoid words were checked when they were read
    avoid = net.vocabulary.resolve_all([str(k) for k in row["avoid"]], field="avoid",
                                       source="observations")
    params = CostParams(risk_weight=0.0, avoid=frozenset(avoid))
    costs = arc_costs(net, value_usd_per_t=NOMINAL_VALUE[cls], params=params,
                      class7_only=cls == "class7", cargo_class=cls)
    weight = costs.parts["freight"] + costs.parts["handling"] + costs.parts["time"]
    usable = costs.usable
    modes = frozenset(str(m) for m in row.get("modes") or ())
    if modes:
        # Legs of another carrying mode are out; borders, transfers and passages join any.
        usable = usable & ~net.mode_in(frozenset(CARRYING_MODES) - modes)
    stops = [str(row["from_id"]), *(str(v) for v in row["via"]), str(row["to_id"])]
    arcs: list[int] = []
    for a, b in itertools.pairwise(stops):
        part = cheapest_arcs(net, net.node_index[a], net.node_index[b], weight, usable)
        if part is None:
            return None
        arcs += part
    return arcs


def check_figures(network: Network, observations: Sequence[Row] | None = None
                  ) -> list[FigureCheck]:
    """Every observation of ``network`` (or the ``observations`` given, as table records)
    against the model, in table order."""
    regular = compile_network(network)
    rows = observations if observations is not None else \
        network.observations.to_dict("records")
    out = []
    for row in rows:
        kind, low, high = compared_range(row)
        cls = str(row["cargo_class"])
        service = str(row.get("service") or "regular")
        net = with_service(regular, service)
        arcs = observation_route(net, row)
        model = None if arcs is None else route_figure(net, arcs, kind, cls)
        out.append(FigureCheck(
            obs_id=str(row["obs_id"]), description=str(row["description"]),
            metric=str(row["metric"]), kind=kind, use=str(row["use"]), cargo_class=cls,
            service=service, low=low, high=high, model=model, arcs=tuple(arcs or ()),
            sources=tuple(str(s) for s in row["source_ids"])))
    return out


def route_figure(net: CompiledNetwork, arcs: Sequence[int], kind: str, cargo_class: str
                 ) -> float:
    """Days or tariff (freight + handling, USD/t) of a class along ``arcs``."""
    idx = np.asarray(arcs, dtype=np.int64)
    k = net.class_index(cargo_class)
    values = net.class_days[k] if kind == "days" else net.class_tariff[k]
    return float(values[idx].sum())


@dataclass(frozen=True)
class FigureSummary:
    """Errors of a set of checks, per kind of figure (days, cost)."""

    kind: str
    count: int
    median_abs_error: float
    max_abs_error: float
    within_targets: bool


def summarise(checks: Sequence[FigureCheck], *, use: str | None = None) -> list[FigureSummary]:
    """Median and largest absolute error per kind (fitted and held-back checks, or those of
    one ``use``; 'context' figures only when asked for by name)."""
    out = []
    for kind in ("days", "cost"):
        errors = [abs(c.error) for c in checks
                  if c.kind == kind and c.error is not None and
                  (c.use == use if use is not None else c.use != "context")]
        if not errors:
            continue
        median, worst = float(np.median(errors)), max(errors)
        out.append(FigureSummary(kind, len(errors), median, worst,
                                 median <= TARGET_MEDIAN and worst <= TARGET_MAX))
    return out


def replace_rates(network: Network, values: dict[tuple[str, str, str], float]) -> Network:
    """A new network whose rates take ``values`` (keyed ``(rate_id, cargo_class,
    component)``); the others keep theirs."""
    rates = network.rates.copy()
    keys = list(zip(rates["rate_id"], rates["cargo_class"], rates["component"]))
    rates["value"] = [values.get(k, v) for k, v in zip(keys, rates["value"].tolist())]
    return network.replace(rates=rates)

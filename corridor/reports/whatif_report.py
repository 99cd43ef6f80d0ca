"""A what-if run as JSON (``corridor whatif --json``) and its comparison as CSV (``-o``).

JSON layout::

    {"status": "optimal",               # the worst status of every plan of the run
     "made_with": {...},                # the baseline plan's (corridor.reports.made_with)
     "baseline": {...},                 # the baseline plan's summary, as plan --json has it
     "scenarios": [
        {"name": "red-sea-closed",      # the scenarios applied together, ``a + b``
         "status": "optimal",           # the worst status of its plans
         "scenarios": [{...}, ...],     # each scenario as data (Scenario.to_json)
         "summary": {...},              # a plan summary (blended over periods) + periods
         "deltas": {...},               # total cost, objective, unserved, shipments moved
         "shipments": [{...}, ...],     # corridor.routing.whatif.COMPARISON_COLUMNS
         "legs": [{...}, ...],          # leg directions whose load changed, largest first
         "shares": [{...}, ...]}]}      # country and passage shares, before and after

The CSV holds the shipment comparisons of every scenario, one row per scenario and
shipment, its first column ``scenario``. Deterministic: the same inputs give the same bytes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from corridor.network_data.jsontext import dump_json
from corridor.reports.made_with import plan_made_with
from corridor.reports.tabletext import CSV_STYLES, csv_text, records

if TYPE_CHECKING:
    from corridor.routing.whatif import Outcome, WhatIf

#: Status order, best first: a scenario's status is the worst of its periods' plans'.
STATUS_ORDER = ("optimal", "optimal_with_unserved", "time_limit", "time_limit_with_unserved")
#: List-valued columns of the comparison (``;``-joined in CSV).
LIST_COLUMNS = ("touched_legs",)


def outcome_status(outcome: Outcome) -> str:
    """The worst status among the outcome's period plans."""
    return max((p.plan.status for p in outcome.periods), key=STATUS_ORDER.index)


def whatif_dict(run: WhatIf) -> dict[str, Any]:
    """The run's JSON document as Python values (tables as lists of row dicts)."""
    made = plan_made_with(run.baseline)
    made.pop("scenarios", None)  # each scenario is listed with its outcome
    statuses = [run.baseline.status, *(outcome_status(o) for o in run.outcomes)]
    return {
        "status": max(statuses, key=STATUS_ORDER.index),
        "made_with": made,
        "baseline": run.baseline.summary,
        "scenarios": [{
            "name": o.name,
            "status": outcome_status(o),
            "scenarios": [s.to_json() for s in o.scenarios],
            "summary": o.summary,
            "deltas": o.deltas,
            "shipments": records(o.shipments),
            "legs": records(o.legs),
            "shares": records(o.shares),
        } for o in run.outcomes],
    }


def whatif_json(run: WhatIf) -> str:
    """:func:`whatif_dict` as JSON text."""
    return dump_json(whatif_dict(run))


def comparison_frame(run: WhatIf) -> pd.DataFrame:
    """Every scenario's shipment comparison in one table, ``scenario`` first."""
    parts = [o.shipments.assign(scenario=o.name) for o in run.outcomes]
    frame = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame()
    return frame[["scenario", *(c for c in frame.columns if c != "scenario")]]


def comparison_csv(run: WhatIf, style: str = "plain") -> str:
    """:func:`comparison_frame` as CSV text in a style of
    :data:`~corridor.reports.tabletext.CSV_STYLES`."""
    return csv_text(comparison_frame(run), LIST_COLUMNS, CSV_STYLES[style])

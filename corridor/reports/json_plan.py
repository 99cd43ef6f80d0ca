"""A plan as JSON (``corridor plan --json``): its status, what it was made with, its
summary and its tables.

Layout (:func:`corridor.network_data.jsontext.dump_json`'s: one table row per line)::

    {"status": "optimal",             # Plan.status
     "made_with": {...},              # corridor.reports.made_with.plan_made_with
     "summary": {...},                # Plan.summary
     "shipments": [{...}, ...],       # Plan.shipments rows; the book's own columns as text
     "legs": [{...}, ...],
     "nodes": [{...}, ...]}

Deterministic: the same book, network and options give the same bytes (timings stay in
``Plan.stats``, out of it).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TextIO

from corridor.network_data.jsontext import dump_json, write_json
from corridor.reports.made_with import plan_made_with
from corridor.reports.tabletext import JsonRows, records
from corridor.routing.plan.gcpause import cyclic_gc_paused
from corridor.routing.plan.result import LIST_COLUMNS

if TYPE_CHECKING:
    from corridor.routing.plan import Plan


def plan_dict(plan: Plan) -> dict[str, Any]:
    """The plan's JSON document as Python values: ``{"status", "made_with", "summary",
    "shipments", "legs", "nodes"}``, tables as lists of row dicts (list-valued cells as
    tuples, missing values as None)."""
    with cyclic_gc_paused():  # a dict per row: no cycles, many collector passes
        return {
            "status": plan.status,
            "made_with": plan_made_with(plan),
            "summary": plan.summary,
            "shipments": records(plan.shipments),
            "legs": records(plan.legs),
            "nodes": records(plan.nodes),
        }


def plan_json(plan: Plan) -> str:
    """:func:`plan_dict` as JSON text: the text :func:`~corridor.network_data.jsontext.
    dump_json` gives for it, written column by column (:mod:`corridor.reports.tabletext`)
    instead of through a dict per row."""
    with cyclic_gc_paused():  # a string per cell: no cycles, many collector passes
        return dump_json(_document(plan))


def write_plan_json(plan: Plan, out: TextIO) -> None:
    """Write :func:`plan_json` to the open text stream ``out`` (``corridor plan --json``),
    the tables in chunks of rows: the same text, never held whole (a million-shipment
    plan's is over 2 GB)."""
    with cyclic_gc_paused():
        write_json(_document(plan), out)


def _document(plan: Plan) -> dict[str, Any]:
    """The plan's JSON document, its tables as :class:`~corridor.reports.tabletext.JsonRows`
    (rendered column by column when written)."""
    return {
        "status": plan.status,
        "made_with": plan_made_with(plan),
        "summary": plan.summary,
        "shipments": JsonRows(plan.shipments, LIST_COLUMNS),
        "legs": JsonRows(plan.legs, LIST_COLUMNS),
        "nodes": JsonRows(plan.nodes, LIST_COLUMNS),
    }

"""A plan's tables as CSV text: one row per shipment and route, one per loaded leg.

The text is what pandas' ``to_csv(index=False)`` writes for :attr:`Plan.shipments` and
:attr:`Plan.legs` (list cells ``;``-joined), written column by column
(:mod:`corridor.reports.tabletext`), in one of :data:`CSV_STYLES`: as one string
(:func:`shipments_csv`, :func:`legs_csv`), or to an open file in chunks of rows
(:func:`write_shipments_csv`, :func:`write_legs_csv`: the same bytes, never held whole).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, TextIO

from corridor.reports.tabletext import CSV_STYLES, CsvStyle, csv_text, write_csv
from corridor.routing.plan.gcpause import cyclic_gc_paused
from corridor.routing.plan.result import LIST_COLUMNS

if TYPE_CHECKING:
    from corridor.routing.plan import Plan

__all__ = ["CSV_STYLES", "csv_style", "legs_csv", "shipments_csv", "write_legs_csv",
           "write_shipments_csv"]


def csv_style(name: str) -> CsvStyle:
    """The CSV style called ``name`` (``ValueError`` naming the styles if there is none)."""
    if name not in CSV_STYLES:
        raise ValueError(f"unknown CSV style {name!r}; one of {', '.join(CSV_STYLES)}")
    return CSV_STYLES[name]


def shipments_csv(plan: Plan, style: str = "plain") -> str:
    """:attr:`Plan.shipments` as CSV text (``corridor plan -o``): the standard columns,
    then the book's own, lists joined with ``;``; in a style of :data:`CSV_STYLES`
    (``plain``, ``excel``, ``excel-semicolon``)."""
    form = csv_style(style)
    with cyclic_gc_paused():  # a string per cell: no cycles, many collector passes
        return csv_text(plan.shipments, LIST_COLUMNS, form)


def legs_csv(plan: Plan, style: str = "plain") -> str:
    """:attr:`Plan.legs` as CSV text (``corridor plan --legs``), in a style as
    :func:`shipments_csv`."""
    form = csv_style(style)
    with cyclic_gc_paused():
        return csv_text(plan.legs, LIST_COLUMNS, form)


def write_shipments_csv(plan: Plan, out: TextIO, style: str = "plain") -> None:
    """Write :func:`shipments_csv` to the open text file ``out``, in chunks of rows."""
    form = csv_style(style)
    with cyclic_gc_paused():
        write_csv(out, plan.shipments, LIST_COLUMNS, form)


def write_legs_csv(plan: Plan, out: TextIO, style: str = "plain") -> None:
    """Write :func:`legs_csv` to the open text file ``out``, in chunks of rows."""
    form = csv_style(style)
    with cyclic_gc_paused():
        write_csv(out, plan.legs, LIST_COLUMNS, form)

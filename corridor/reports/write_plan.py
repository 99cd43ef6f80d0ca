"""A plan's files (``corridor plan -o PLAN.csv --legs LEGS.csv --geojson ROUTES.geojson``),
written all or none."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from corridor.reports.files import write_all_atomic

if TYPE_CHECKING:
    from corridor.routing.plan import Plan


def plan_files(plan: Plan, *, shipments: Path | str | None = None,
               legs: Path | str | None = None, geojson: Path | str | None = None,
               style: str = "plain") -> list[tuple[Path, Callable[[], str]]]:
    """The files to write for ``plan``, each with the function that makes its text (so only
    one text is held at a time): the shipments table (:func:`~corridor.reports.plan_csv.
    shipments_csv`), the legs table (CSV ``style`` for both) and the routes' GeoJSON, for
    the paths given."""
    from corridor.reports.geojson_plan import plan_geojson
    from corridor.reports.plan_csv import csv_style, legs_csv, shipments_csv

    csv_style(style)  # an unknown style fails before anything is written
    makers: list[tuple[Path | str | None, Callable[[], str]]] = [
        (shipments, lambda: shipments_csv(plan, style)),
        (legs, lambda: legs_csv(plan, style)),
        (geojson, lambda: plan_geojson(plan))]
    return [(Path(path), make) for path, make in makers if path is not None]


def write_plan_files(plan: Plan, *, shipments: Path | str | None = None,
                     legs: Path | str | None = None, geojson: Path | str | None = None,
                     style: str = "plain") -> list[Path]:
    """Write the plan's shipments CSV, legs CSV and routes GeoJSON to the paths given, all
    or none (:func:`corridor.reports.files.write_all_atomic`); returns the paths written.

    Examples
    --------
    >>> write_plan_files(result, shipments="plan.csv", legs="legs.csv",
    ...                  style="excel")  # doctest: +SKIP
    """
    files = plan_files(plan, shipments=shipments, legs=legs, geojson=geojson, style=style)
    write_all_atomic(files)
    return [path for path, _ in files]

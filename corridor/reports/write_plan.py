"""A plan's files (``corridor plan -o PLAN.csv --legs LEGS.csv --geojson ROUTES.geojson``),
written all or none."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from corridor.reports.files import Chunked, write_all_atomic

if TYPE_CHECKING:
    from corridor.routing.plan import Plan


def plan_files(plan: Plan, *, shipments: Path | str | None = None,
               legs: Path | str | None = None, geojson: Path | str | None = None,
               style: str = "plain") -> list[tuple[Path, Chunked]]:
    """The files to write for ``plan``, each with the :class:`~corridor.reports.files.
    Chunked` writer of its text (written to the file in chunks of rows, so no whole text is
    held; calling it returns the text): the shipments table (:func:`~corridor.reports.
    plan_csv.shipments_csv`), the legs table (CSV ``style`` for both) and the routes'
    GeoJSON, for the paths given."""
    from corridor.reports.geojson_plan import write_plan_geojson
    from corridor.reports.plan_csv import csv_style, write_legs_csv, write_shipments_csv

    csv_style(style)  # an unknown style fails before anything is written
    makers: list[tuple[Path | str | None, Chunked]] = [
        (shipments, Chunked(lambda out: write_shipments_csv(plan, out, style))),
        (legs, Chunked(lambda out: write_legs_csv(plan, out, style))),
        (geojson, Chunked(lambda out: write_plan_geojson(plan, out)))]
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

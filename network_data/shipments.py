"""Reading and validating a shipment book (a CSV with one row per shipment).

A shipment book is *input*, so it lives beside the network tables: the columns are data (a
:class:`~network_data.schema.TableSpec`), cells are parsed with the same helpers, and every
problem in the file is collected (file, line, column, with "did you mean" for places and
commodities) before one :class:`~network_data.errors.InputError` is raised. Nothing is
planned from a book with a problem.

Columns (``corridor plan --help`` and the README list them too):

==================  ========  ====================================================================
shipment_id         required  unique id of the shipment
origin              required  place id, name or alias
destination         required  place id, name or alias
commodity           required  commodity id, name or alias (sets value and Class-7 restriction)
tonnes              required  tonnes to move within the plan horizon, > 0
value_usd_per_t     optional  cargo value; overrides the commodity default
max_days            optional  deadline: every route used must take at most this many days
avoid               optional  ``;``-separated countries / corridors this shipment must not use
unserved_usd_per_t  optional  price per tonne of leaving the shipment unserved (its priority);
                              default 10 × its cheapest route + 1,000 USD/t
notes               optional  free text (buyer, contract...), carried to the plan output
==================  ========  ====================================================================
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from network_data.errors import InputError, Problem
from network_data.io import parse_cell, parse_table, read_csv_rows, read_text
from network_data.model import Network
from network_data.schema import ColumnSpec, TableSpec

SHIPMENTS = TableSpec(
    name="shipments",
    key="shipment_id",
    columns=(
        ColumnSpec("shipment_id", "str", "", True, None, "unique id of the shipment"),
        ColumnSpec("origin", "str", "", True, None, "place id, name or alias"),
        ColumnSpec("destination", "str", "", True, None, "place id, name or alias"),
        ColumnSpec("commodity", "str", "", True, None, "commodity id, name or alias"),
        ColumnSpec("tonnes", "float", "t", True, None,
                   "tonnes to move within the plan horizon (> 0)"),
        ColumnSpec("value_usd_per_t", "float", "USD/t", False, None,
                   "cargo value; empty = the commodity's default"),
        ColumnSpec("max_days", "float", "days", False, None,
                   "deadline: every route used must take at most this many days"),
        ColumnSpec("avoid", "list", "", False, (),
                   "countries (ISO codes) or corridor labels this shipment must not use"),
        ColumnSpec("unserved_usd_per_t", "float", "USD/t", False, None,
                   "price of leaving a tonne unserved (priority); empty = 10 × the "
                   "cheapest route + 1,000 USD/t"),
        ColumnSpec("notes", "str", "", False, "", "free text, carried to the output"),
    ),
)


@dataclass(frozen=True)
class Shipment:
    """One validated shipment: names resolved to ids, value and restrictions filled in."""

    shipment_id: str
    origin: str  # node id
    destination: str  # node id
    commodity: str  # commodity id
    tonnes: float
    value_usd_per_t: float
    class7_only: bool
    max_days: float | None = None
    avoid_countries: frozenset[str] = frozenset()
    avoid_corridors: frozenset[str] = frozenset()
    unserved_usd_per_t: float | None = None
    notes: str = ""
    line: int | None = None  # line in the source file (header = 1)


@dataclass(frozen=True)
class ShipmentBook:
    """A validated book of shipments, in file order.

    Build one with :func:`read_shipments` (a CSV file), :func:`parse_shipments` (CSV text) or
    :func:`shipments_from_records` (dicts or a DataFrame, for notebooks).
    """

    shipments: tuple[Shipment, ...]
    source: str = "input"

    def __len__(self) -> int:
        return len(self.shipments)

    @property
    def total_tonnes(self) -> float:
        """Tonnes over all shipments."""
        return float(sum(s.tonnes for s in self.shipments))

    def to_frame(self) -> pd.DataFrame:
        """The book as a tidy DataFrame (one row per shipment, ids resolved)."""
        rows = [{
            "shipment_id": s.shipment_id, "origin": s.origin, "destination": s.destination,
            "commodity": s.commodity, "tonnes": s.tonnes, "value_usd_per_t": s.value_usd_per_t,
            "max_days": s.max_days,
            "avoid": ";".join(sorted(s.avoid_countries) + sorted(s.avoid_corridors)),
            "unserved_usd_per_t": s.unserved_usd_per_t, "notes": s.notes,
        } for s in self.shipments]
        return pd.DataFrame(rows, columns=list(SHIPMENTS.column_names))




def _split_avoid(cell: object, countries: frozenset[str], corridors: dict[str, str]
                 ) -> tuple[frozenset[str], frozenset[str], tuple[str, ...]]:
    """An ``avoid`` cell as (countries, corridors, unknown keys in cell order)."""
    found_countries: set[str] = set()
    found_corridors: set[str] = set()
    unknown: list[str] = []
    for key in cell if isinstance(cell, tuple) else ():
        key = str(key)
        if key.upper() in countries:
            found_countries.add(key.upper())
        elif key.lower() in corridors:
            found_corridors.add(corridors[key.lower()])
        else:
            unknown.append(key)
    return frozenset(found_countries), frozenset(found_corridors), tuple(unknown)

def _given(value: object) -> float | None:
    """A cell's number, or None when empty. Rows pass through a DataFrame, where an empty
    cell in a column that has numbers elsewhere turns into NaN: that is "not given" too."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return None

def read_shipments(path: Path | str, net: Network) -> ShipmentBook:
    """Read and validate a shipments CSV against ``net``.

    UTF-8 with or without BOM and any line ending (an Excel-saved CSV reads the same as a
    plain one).

    Parameters
    ----------
    path
        The CSV file (columns: see :data:`SHIPMENTS`).
    net
        The network whose places and commodities the rows name.

    Returns
    -------
    ShipmentBook

    Raises
    ------
    InputError
        With every problem in the file (missing file, missing column, unknown place or
        commodity with suggestions, bad numbers, duplicate ids...), each naming line and
        column.

    Examples
    --------
    >>> from network_data import load_network
    >>> book = read_shipments("examples/shipments.csv", load_network())  # doctest: +SKIP
    """
    path = Path(path)
    label = str(path)
    try:
        text = read_text(path)
    except FileNotFoundError:
        raise InputError(Problem(label, None, None, "file not found")) from None
    except IsADirectoryError:
        raise InputError(Problem(label, None, None, "is a folder, not a CSV file")) from None
    except UnicodeDecodeError:
        raise InputError(Problem(label, None, None,
                                 "cannot read: file is not UTF-8 text")) from None
    except PermissionError as exc:
        raise InputError(Problem(label, None, None, f"cannot read: {exc.strerror}")) from None
    return parse_shipments(text, net, source=label)


def parse_shipments(text: str, net: Network, *, source: str = "input") -> ShipmentBook:
    """Validate CSV text as a shipment book (see :func:`read_shipments`)."""
    book = _parse_clean(text, net, source)
    if book is not None:
        return book
    # The book has a problem (or something unusual): the row-by-row path reports them all.
    problems: list[Problem] = []
    table = parse_table(text, SHIPMENTS, source, problems)
    if any(p.row == 1 and p.message == "required column is missing" for p in problems):
        raise InputError(problems)
    if not table.lines and not problems:
        problems.append(Problem(source, None, None, "no shipments (the file has no rows)"))
    bad_cells = {(p.row, p.field) for p in problems}
    shipments = _validate(table.records, table.lines, net, source, problems, bad_cells)
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.row or 0))
    return ShipmentBook(tuple(shipments), source=source)


def shipments_from_records(records: Iterable[Mapping[str, object]] | pd.DataFrame,
                           net: Network, *, source: str = "records") -> ShipmentBook:
    """A validated book from dicts or a DataFrame with the :data:`SHIPMENTS` columns.

    Row numbers in problems count the first record as 1.

    Examples
    --------
    >>> from network_data import load_network
    >>> net = load_network()
    >>> book = shipments_from_records([{"shipment_id": "a", "origin": "Oskemen",
    ...     "destination": "Yokohama", "commodity": "beryllium", "tonnes": 200}], net)
    >>> book.shipments[0].origin
    'kz-oskemen'
    """
    if isinstance(records, pd.DataFrame):
        rows = records.astype(object).where(records.notna(), None).to_dict("records")
    else:
        rows = [dict(r) for r in records]
    import csv
    import io

    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(SHIPMENTS.column_names)
    for row in rows:
        cells = []
        for col in SHIPMENTS.columns:
            value = row.get(col.name)
            if value is None:
                cells.append("")
            elif isinstance(value, list | tuple | frozenset | set):
                cells.append(";".join(sorted(str(v) for v in value)))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    problems: list[Problem] = []
    unknown = sorted({k for row in rows for k in row} - set(SHIPMENTS.column_names))
    for key in unknown:
        problems.append(Problem(source, None, key, "unknown column (expected one of: "
                                f"{', '.join(SHIPMENTS.column_names)})"))
    try:
        book = parse_shipments(buffer.getvalue(), net, source=source)
    except InputError as exc:
        # Lines of the generated CSV are record number + 1 (its header is line 1).
        problems += [Problem(p.source, None if p.row is None else p.row - 1, p.field,
                             p.message) for p in exc.problems]
    if problems:
        raise InputError(problems)
    return book


def _validate(records: list[dict[str, object]], lines: tuple[int, ...], net: Network,
              source: str, problems: list[Problem],
              bad_cells: set[tuple[int | None, str | None]]) -> list[Shipment]:
    seen: dict[str, int] = {}
    out: list[Shipment] = []
    corridors = {c.lower(): c for c in net.corridors}
    commodity_rows = net.commodities[["value_usd_per_t", "class7_only_legs"]].to_dict("index")
    place_of: dict[str, str | None] = {}  # a book repeats a few names many times
    commodity_of: dict[str, str | None] = {}
    for rec, line in zip(records, lines):
        n_before = len(problems)

        def bad(field: str, message: str, line: int = line) -> None:
            problems.append(Problem(source, line, field, message))

        sid = str(rec["shipment_id"] or "")
        if sid:
            if sid in seen:
                bad("shipment_id", f"duplicate shipment_id '{sid}' (first on line {seen[sid]})")
            else:
                seen[sid] = line
        places: dict[str, str | None] = {}
        for field in ("origin", "destination"):
            text = str(rec[field] or "")
            places[field] = None
            if text:
                if text not in place_of:
                    place_of[text] = net.places.get(text)
                node = place_of[text]
                if node is None:
                    problems.append(net.places.problem(text, field=field, source=source,
                                                       row=line))
                places[field] = node
        if places["origin"] is not None and places["origin"] == places["destination"]:
            bad("destination", "origin and destination are the same place")
        commodity = None
        text = str(rec["commodity"] or "")
        if text:
            if text not in commodity_of:
                commodity_of[text] = net.commodity_names.get(text)
            commodity = commodity_of[text]
            if commodity is None:
                problems.append(net.commodity_names.problem(text, field="commodity",
                                                            source=source, row=line))
        tonnes = rec["tonnes"]
        if isinstance(tonnes, float) and tonnes <= 0:
            bad("tonnes", f"{tonnes:g} must be > 0")
        for field, allow_zero in (("value_usd_per_t", False), ("max_days", False),
                                  ("unserved_usd_per_t", True)):
            value = rec[field]
            if isinstance(value, float) and (value < 0 or (value == 0 and not allow_zero)):
                bad(field, f"{value:g} must be {'≥' if allow_zero else '>'} 0")
        countries, avoided, unknown = _split_avoid(rec["avoid"], net.countries, corridors)
        for key in unknown:
            bad("avoid", f"'{key}' is neither a country code nor a corridor of the "
                f"network; corridors: {', '.join(sorted(net.corridors))}")
        if len(problems) > n_before or any(row == line for row, _ in bad_cells):
            continue
        assert commodity is not None and isinstance(tonnes, float)
        crow = commodity_rows[commodity]
        value = rec["value_usd_per_t"]
        out.append(Shipment(
            shipment_id=sid,
            origin=str(places["origin"]),
            destination=str(places["destination"]),
            commodity=commodity,
            tonnes=tonnes,
            value_usd_per_t=_given(value) or float(crow["value_usd_per_t"]),
            class7_only=bool(crow["class7_only_legs"]),
            max_days=_given(rec["max_days"]),
            avoid_countries=frozenset(countries),
            avoid_corridors=frozenset(avoided),
            unserved_usd_per_t=_given(rec["unserved_usd_per_t"]),
            notes=str(rec["notes"] or ""),
            line=line,
        ))
    return out


def _parse_clean(text: str, net: Network, source: str) -> ShipmentBook | None:
    """The book of a problem-free CSV, parsed and validated column by column, or None.

    None whenever anything is off (a problem, an unusual header, a short or long row...):
    then :func:`parse_shipments` takes the row-by-row path, which reports every problem. For
    a clean file both paths give the same shipments (this one resolves each distinct place,
    commodity and avoid cell once instead of once per row).
    """
    header, rows = read_csv_rows(text)
    names = SHIPMENTS.column_names
    if not rows or len(set(header)) != len(header) or any(h not in names for h in header):
        return None
    if any(c.required and c.name not in header for c in SHIPMENTS.columns):
        return None
    width = len(header)
    if any(len(cells) != width for _, cells in rows):
        return None
    n = len(rows)
    raw_columns = dict(zip(header, zip(*(cells for _, cells in rows))))
    lines = [line for line, _ in rows]
    values: dict[str, list[object]] = {}
    for col in SHIPMENTS.columns:
        raw = raw_columns.get(col.name)
        if raw is None:
            values[col.name] = [col.default] * n
            continue
        if col.dtype == "str":
            if col.required:
                if "" in raw:
                    return None
                values[col.name] = list(raw)
            else:
                default = col.default
                values[col.name] = [default if r == "" else r for r in raw]
            continue
        parsed: dict[str, object] = {}
        for r in set(raw):
            if r == "":
                if col.required:
                    return None
                parsed[r] = col.default
                continue
            try:
                parsed[r] = parse_cell(r, col.dtype)
            except ValueError:
                return None
        column = [parsed[r] for r in raw]
        if col.dtype == "float" and "" in parsed and len(parsed) > 1:
            # As the row-by-row path (a DataFrame column of numbers): empty cells are NaN.
            column = [float("nan") if v is None else v for v in column]
        values[col.name] = column

    sids = values["shipment_id"]
    if len(set(sids)) != n:
        return None
    place_of: dict[object, str | None] = {}
    for field in ("origin", "destination"):
        for text_ in set(values[field]):
            if text_ not in place_of:
                place_of[text_] = net.places.get(str(text_))
    if any(node is None for node in place_of.values()):
        return None
    origins = [place_of[t] for t in values["origin"]]
    dests = [place_of[t] for t in values["destination"]]
    if any(o == d for o, d in zip(origins, dests)):
        return None
    commodity_of = {t: net.commodity_names.get(str(t)) for t in set(values["commodity"])}
    if any(c is None for c in commodity_of.values()):
        return None
    tonnes = values["tonnes"]
    if any(not isinstance(t, float) or t <= 0 for t in tonnes):
        return None
    for field, allow_zero in (("value_usd_per_t", False), ("max_days", False),
                              ("unserved_usd_per_t", True)):
        for v in values[field]:
            if isinstance(v, float) and (v < 0 or (v == 0 and not allow_zero)):
                return None
    corridors = {c.lower(): c for c in net.corridors}
    avoid_of: dict[object, tuple[frozenset[str], frozenset[str]]] = {}
    for cell in set(values["avoid"]):
        countries, avoided, unknown = _split_avoid(cell, net.countries, corridors)
        if unknown:
            return None
        avoid_of[cell] = (countries, avoided)

    commodity_rows = net.commodities[["value_usd_per_t", "class7_only_legs"]].to_dict("index")
    facts = {c: (float(commodity_rows[c]["value_usd_per_t"]),
                 bool(commodity_rows[c]["class7_only_legs"]))
             for c in commodity_of.values() if c is not None}
    out = []
    for sid, o, d, ctext, t, value, days, avoid, unserved, notes, line in zip(
            sids, origins, dests, values["commodity"], tonnes, values["value_usd_per_t"],
            values["max_days"], values["avoid"], values["unserved_usd_per_t"],
            values["notes"], lines):
        commodity = commodity_of[ctext]
        assert commodity is not None
        default_value, class7 = facts[commodity]
        countries_, corridors_ = avoid_of[avoid]
        out.append(Shipment(
            shipment_id=str(sid),
            origin=str(o),
            destination=str(d),
            commodity=commodity,
            tonnes=t,  # type: ignore[arg-type]
            value_usd_per_t=_given(value) or default_value,
            class7_only=class7,
            max_days=_given(days),
            avoid_countries=countries_,
            avoid_corridors=corridors_,
            unserved_usd_per_t=_given(unserved),
            notes=str(notes or ""),
            line=line,
        ))
    return ShipmentBook(tuple(out), source=source)

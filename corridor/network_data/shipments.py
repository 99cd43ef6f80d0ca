"""Reading and validating a shipment book (a CSV with one row per shipment).

A shipment book is *input*, so it lives beside the network tables: the columns are data (a
:class:`~corridor.network_data.schema.TableSpec`), cells are parsed with the same helpers, and every
problem in the file is collected (file, line, column, with "did you mean" for places and
commodities) before one :class:`~corridor.network_data.errors.InputError` is raised. Nothing is
planned from a book with a problem.

Columns (``corridor plan --help`` and the README list them too):

==================  ========  ====================================================================
shipment_id         required  unique id of the shipment
origin              required  place id, name or alias
destination         required  place id, name or alias
commodity           required  commodity id, name or alias (sets value and Class-7 restriction)
tonnes              required  tonnes to move within the plan horizon, 0.001 to 1e9
value_usd_per_t     optional  cargo value; overrides the commodity default; > 0 to 1e9
max_days            optional  deadline: every route used must take at most this many days;
                              > 0 to 3650
avoid               optional  ``;``-separated selectors (countries, passages, corridors,
                              capacity groups, legs, places) this shipment must not use
unserved_usd_per_t  optional  price per tonne of leaving the shipment unserved (its priority);
                              default 10 × its cheapest route + 1,000 USD/t; 0 to 1e9
service             optional  ``regular`` or ``express`` (a priority train or truck); empty:
                              the plan's service (``corridor plan --service``)
notes               optional  free text (buyer, contract...), carried to the plan output
==================  ========  ====================================================================

A book may have columns of its own besides these (``customer``, a contract number...): the
planner does not read them, and they are carried through, as text, to the plan's outputs
(:attr:`ShipmentBook.extra`). A column whose name is near a standard column the book lacks
(``max_day``, ``tonne``, ``orign``) is taken for a misspelling and refused, with the name
it probably means.

Numbers outside their plausible range (:data:`~corridor.network_data.schema.RANGES`, the
figures above) are refused like any other bad cell; so are NaN and infinities.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import BinaryIO

import numpy as np
import pandas as pd

from corridor.network_data.arrays import object_array
from corridor.network_data.errors import InputError, Problem
from corridor.network_data.fingerprint import bytes_sha256
from corridor.network_data.io import (
    cell_separator,
    column_key,
    decode_text,
    misspelt_column,
    not_utf8,
    number_text,
    parse_cell,
    parse_table,
)
from corridor.network_data.model import Network
from corridor.network_data.reading import BOOK, read_input, read_stream
from corridor.network_data.schema import RANGES, SERVICES, ColumnSpec, TableSpec
from corridor.network_data.vocabulary import Selector, Vocabulary

SHIPMENTS = TableSpec(
    name="shipments",
    key="shipment_id",
    columns=(
        ColumnSpec("shipment_id", "str", "", True, None, "unique id of the shipment"),
        ColumnSpec("origin", "str", "", True, None, "place id, name or alias"),
        ColumnSpec("destination", "str", "", True, None, "place id, name or alias"),
        ColumnSpec("commodity", "str", "", True, None, "commodity id, name or alias"),
        ColumnSpec("tonnes", "float", "t", True, None,
                   "tonnes to move within the plan horizon (0.001 to 1e9)", "tonnes"),
        ColumnSpec("value_usd_per_t", "float", "USD/t", False, None,
                   "cargo value; empty = the commodity's default", "value_usd_per_t"),
        ColumnSpec("max_days", "float", "days", False, None,
                   "deadline: every route used must take at most this many days", "max_days"),
        ColumnSpec("avoid", "list", "", False, (),
                   "countries, passages, corridors, capacity groups, legs or places this "
                   "shipment must not use"),
        ColumnSpec("unserved_usd_per_t", "float", "USD/t", False, None,
                   "price of leaving a tonne unserved (priority); empty = 10 × the "
                   "cheapest route + 1,000 USD/t", "unserved_usd_per_t"),
        ColumnSpec("service", "str", "", False, "",
                   "regular or express (a priority train or truck); empty = the plan's "
                   "service"),
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
    avoid: frozenset[Selector] = frozenset()
    unserved_usd_per_t: float | None = None
    service: str = ""  # regular or express; "" = the plan's
    notes: str = ""
    line: int | None = None  # line in the source file (header = 1)
    extra: tuple[tuple[str, str], ...] = ()  # the book's own columns: (name, cell text)


def _frozen(values: Iterable[object] | np.ndarray, dtype: type | str) -> np.ndarray:
    """A read-only 1-D column (object columns keep tuples and frozensets as elements)."""
    if dtype is object and isinstance(values, np.ndarray) and values.dtype == object:
        arr = values
    elif dtype is object:
        arr = object_array(list(values))
    else:
        arr = np.array(values if isinstance(values, np.ndarray) else list(values), dtype=dtype)
    arr.setflags(write=False)
    return arr


@dataclass(frozen=True, eq=False)
class ShipmentBook:
    """A validated book of shipments, in file order, held column by column.

    Columns are read-only NumPy arrays of equal length (one element per shipment), so a
    planner can group, filter and sum a book of 10,000 rows without a Python object per row;
    :attr:`shipments` gives the rows as :class:`Shipment` objects when they are wanted.
    Missing optional numbers are NaN (``max_days``: no deadline; ``unserved_usd_per_t``: the
    default price); ``line`` is 0 for records that did not come from a file.

    ``extra`` holds the book's own columns, which the planner does not read (name as in the
    header → each shipment's cell as text), in book order; the plan carries them to its
    outputs. ``path`` and ``sha256`` say which file the book was read from (``-`` for
    standard input) and the sha256 of its bytes; both are None for a book made in memory.

    Build one with :func:`read_shipments` (a CSV file), :func:`parse_shipments` (CSV text),
    :func:`shipments_from_records` (dicts or a DataFrame, for notebooks) or
    :meth:`from_shipments`.
    """

    shipment_id: np.ndarray  # str
    origin: np.ndarray  # str, node id
    destination: np.ndarray  # str, node id
    commodity: np.ndarray  # str, commodity id
    tonnes: np.ndarray  # float
    value_usd_per_t: np.ndarray  # float
    class7_only: np.ndarray  # bool
    max_days: np.ndarray  # float, NaN = no deadline
    avoid: np.ndarray  # frozenset[Selector]
    unserved_usd_per_t: np.ndarray  # float, NaN = default price
    service: np.ndarray  # str: regular, express, or "" = the plan's
    notes: np.ndarray  # str
    line: np.ndarray  # int, 0 = not from a file
    source: str = "input"
    extra: Mapping[str, np.ndarray] = dataclasses.field(default_factory=dict)  # name -> str
    path: str | None = None
    sha256: str | None = None

    @classmethod
    def from_shipments(cls, shipments: Iterable[Shipment], source: str = "input"
                       ) -> ShipmentBook:
        """A book of these shipments, in this order (their own columns in order of first
        appearance; a shipment without one has an empty cell)."""
        rows = list(shipments)
        nan = float("nan")
        names = list(dict.fromkeys(name for s in rows for name, _ in s.extra))
        cells = [dict(s.extra) for s in rows]
        return cls(
            shipment_id=_frozen((s.shipment_id for s in rows), object),
            origin=_frozen((s.origin for s in rows), object),
            destination=_frozen((s.destination for s in rows), object),
            commodity=_frozen((s.commodity for s in rows), object),
            tonnes=_frozen((s.tonnes for s in rows), float),
            value_usd_per_t=_frozen((s.value_usd_per_t for s in rows), float),
            class7_only=_frozen((s.class7_only for s in rows), bool),
            max_days=_frozen((nan if s.max_days is None else s.max_days for s in rows), float),
            avoid=_frozen((s.avoid for s in rows), object),
            unserved_usd_per_t=_frozen((nan if s.unserved_usd_per_t is None
                                        else s.unserved_usd_per_t for s in rows), float),
            service=_frozen((s.service for s in rows), object),
            notes=_frozen((s.notes for s in rows), object),
            line=_frozen((s.line or 0 for s in rows), np.int64),
            source=source,
            extra={name: _frozen((c.get(name, "") for c in cells), object) for name in names})

    def __len__(self) -> int:
        return len(self.shipment_id)

    @cached_property
    def shipments(self) -> tuple[Shipment, ...]:
        """The rows as :class:`Shipment` objects, in file order."""
        def number(x: float) -> float | None:
            return None if x != x else x

        names = list(self.extra)
        extras = list(zip(*(self.extra[name].tolist() for name in names))) if names \
            else [()] * len(self)
        return tuple(
            Shipment(shipment_id=sid, origin=o, destination=d, commodity=c, tonnes=t,
                     value_usd_per_t=v, class7_only=k7, max_days=number(days),
                     avoid=avoid, unserved_usd_per_t=number(price), service=service,
                     notes=note, line=line or None, extra=tuple(zip(names, own)))
            for sid, o, d, c, t, v, k7, days, avoid, price, service, note, line, own in zip(
                self.shipment_id.tolist(), self.origin.tolist(), self.destination.tolist(),
                self.commodity.tolist(), self.tonnes.tolist(), self.value_usd_per_t.tolist(),
                self.class7_only.tolist(), self.max_days.tolist(),
                self.avoid.tolist(), self.unserved_usd_per_t.tolist(), self.service.tolist(),
                self.notes.tolist(), self.line.tolist(), extras))

    def services(self, default: str) -> np.ndarray | None:
        """Each shipment's service level: its own, else ``default`` (the plan's); None when
        no shipment names one (every shipment moves at ``default``)."""
        named = self._named_service
        if named is None:
            return None
        return np.where(named, self.service, default).astype(object)

    @cached_property
    def _named_service(self) -> np.ndarray | None:
        """Which shipments name their own service; None for none (the usual book)."""
        named = self.service != ""
        return named if named.any() else None

    @property
    def total_tonnes(self) -> float:
        """Tonnes over all shipments."""
        return float(sum(self.tonnes.tolist()))

    def range_problems(self) -> list[Problem]:
        """A problem for every number outside its plausible range
        (:data:`~corridor.network_data.schema.RANGES`; NaN in an optional column is "not
        given"). A book read by :func:`read_shipments` has none; one made in memory
        (:meth:`from_shipments`) is checked by the planner with this."""
        problems = []
        for field, bounds in _BOUNDED:
            values = np.asarray(getattr(self, field), dtype=float)
            given = ~np.isnan(values) if field != "tonnes" else np.ones(len(values), bool)
            for i in np.flatnonzero(given & ~bounds.holds(values)).tolist():
                line = int(self.line[i])
                problems.append(Problem(self.source, line or None, field,
                                        f"shipment {self.shipment_id[i]}: "
                                        f"{bounds.complaint(float(values[i]))}"))
        return problems

    def to_frame(self) -> pd.DataFrame:
        """The book as a tidy DataFrame (one row per shipment, ids resolved; the book's own
        columns after the standard ones)."""
        avoid = [";".join(sorted(str(s) for s in cell)) for cell in self.avoid.tolist()]
        return pd.DataFrame({
            "shipment_id": self.shipment_id, "origin": self.origin,
            "destination": self.destination, "commodity": self.commodity,
            "tonnes": self.tonnes, "value_usd_per_t": self.value_usd_per_t,
            "max_days": self.max_days, "avoid": avoid,
            "unserved_usd_per_t": self.unserved_usd_per_t, "service": self.service,
            "notes": self.notes,
            **self.extra,
        }, columns=[*SHIPMENTS.column_names, *self.extra])


def _avoid_cell(cell: object, vocabulary: Vocabulary
                ) -> tuple[frozenset[Selector], tuple[str, ...]]:
    """An ``avoid`` cell as (its selectors, the words that name nothing, in cell order).
    Words are ``;``-separated, or ``,``-separated (natural in a ``;``-separated file)."""
    found: set[Selector] = set()
    unknown: list[str] = []
    words = [k.strip() for part in (cell if isinstance(cell, tuple) else ())
             for k in str(part).split(",")]
    for word in filter(None, words):
        selector = vocabulary.find(word)
        if selector is None:
            unknown.append(word)
        else:
            found.add(selector)
    return frozenset(found), tuple(unknown)


#: The book's number columns with their plausible ranges (:data:`~corridor.network_data.
#: schema.RANGES`): a value outside is a problem of its row.
_BOUNDED = tuple((c.name, RANGES[c.quantity]) for c in SHIPMENTS.columns if c.quantity)


def _service_cell(cell: object) -> str | None:
    """A ``service`` cell as 'regular', 'express' or '' (empty: the plan's), case and
    surrounding spaces ignored; None for anything else."""
    text = "" if cell is None or (isinstance(cell, float) and cell != cell) else \
        str(cell).strip().lower()
    return text if text in ("", *SERVICES) else None


def _given(value: object) -> float | None:
    """A cell's number, or None when empty. Rows pass through a DataFrame, where an empty
    cell in a column that has numbers elsewhere turns into NaN: that is "not given" too."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value == value:
        return float(value)
    return None

def read_shipments(path: Path | str, net: Network) -> ShipmentBook:
    """Read and validate a shipments CSV against ``net``.

    UTF-8 with or without BOM, any line ending, cells separated by ``,`` or (as Excel
    saves where the comma is the decimal separator) ``;`` or tabs with decimal commas: an
    Excel-saved CSV reads the same as a plain one
    (see :func:`corridor.network_data.io.number_text`).

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
    >>> from corridor.network_data import load_network
    >>> book = read_shipments("examples/shipments.csv", load_network())  # doctest: +SKIP
    """
    label = str(path)
    return shipments_from_bytes(read_input(path, BOOK), net, source=label, path=label)


def read_shipments_from(stream: BinaryIO, net: Network, *, source: str = "stdin"
                        ) -> ShipmentBook:
    """Read and validate a shipments CSV from a binary stream (``corridor plan -`` reads
    standard input), as :func:`read_shipments` reads a file (up to the same size); its
    ``path`` is ``-``."""
    return shipments_from_bytes(read_stream(stream, BOOK, source), net, source=source,
                                path="-")


def shipments_from_bytes(data: bytes, net: Network, *, source: str, path: str | None = None
                         ) -> ShipmentBook:
    """Read and validate a book from a file's bytes (UTF-8, with or without BOM, any line
    ending), as :func:`read_shipments` reads a file; the book records ``path`` and the
    sha256 of the bytes."""
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        raise InputError(not_utf8(source, exc)) from None
    book = parse_shipments(text, net, source=source)
    return dataclasses.replace(book, path=path, sha256=bytes_sha256(data))


def parse_shipments(text: str, net: Network, *, source: str = "input") -> ShipmentBook:
    """Validate CSV text as a shipment book (see :func:`read_shipments`)."""
    book = _parse_clean(text, net, source)
    if book is not None:
        return book
    # The book has a problem (or something unusual): the row-by-row path reports them all.
    problems: list[Problem] = []
    table = parse_table(text, SHIPMENTS, source, problems, keep_unknown=True)
    if any(p.row == 1 and p.message == "required column is missing" for p in problems):
        raise InputError(problems)
    if not table.lines and not problems:
        problems.append(Problem(source, None, None, "no shipments (the file has no rows)"))
    bad_cells = {(p.row, p.field) for p in problems}
    shipments = _validate(table.records, table.lines, net, source, problems, bad_cells)
    if problems:
        raise InputError(sorted(problems, key=lambda p: p.row or 0))
    book = ShipmentBook.from_shipments(shipments, source=source)
    # no problem: every row is a shipment, so the kept columns line up with the book
    return dataclasses.replace(book, extra={name: _frozen(cells, object)
                                            for name, cells in table.extra.items()})


def shipments_from_records(records: Iterable[Mapping[str, object]] | pd.DataFrame,
                           net: Network, *, source: str = "records") -> ShipmentBook:
    """A validated book from dicts or a DataFrame with the :data:`SHIPMENTS` columns.

    Keys follow a CSV header's rules: the standard columns by name (case, spaces and
    hyphens ignored), other keys kept as the book's own columns (their values as text; see
    :attr:`ShipmentBook.extra`), unless they misspell a missing standard column. Row
    numbers in problems count the first record as 1.

    Examples
    --------
    >>> from corridor.network_data import load_network
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
    rows = [{str(k): v for k, v in row.items()} for row in rows]
    import csv
    import io

    # The records become a CSV file for the reader, so they follow a file's rules; its
    # header is the keys in order of first appearance (the book's own columns keep it).
    header = list(dict.fromkeys(k for row in rows for k in row)) or \
        list(SHIPMENTS.column_names)  # no records: "no shipments", as for an empty file
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(header)
    for row in rows:
        cells = []
        for key in header:
            value = row.get(key)
            if value is None:
                cells.append("")
            elif isinstance(value, list | tuple | frozenset | set):
                cells.append(";".join(sorted(str(v) for v in value)))
            else:
                cells.append(str(value))
        writer.writerow(cells)
    try:
        return parse_shipments(buffer.getvalue(), net, source=source)
    except InputError as exc:
        # Lines of the generated CSV are record number + 1; its header (line 1) is the
        # records' keys, which have no row.
        raise InputError([Problem(p.source, None if p.row in (None, 1) else p.row - 1,
                                  p.field, p.message) for p in exc.problems]) from None


def _validate(records: list[dict[str, object]], lines: tuple[int, ...], net: Network,
              source: str, problems: list[Problem],
              bad_cells: set[tuple[int | None, str | None]]) -> list[Shipment]:
    seen: dict[str, int] = {}
    out: list[Shipment] = []
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
                    place_of[text] = net.place_id(text)
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
        for field, bounds in _BOUNDED:
            number = _given(rec[field])
            complaint = None if number is None else bounds.complaint(number)
            if complaint:
                bad(field, complaint)
        avoid, unknown = _avoid_cell(rec["avoid"], net.vocabulary)
        for key in unknown:
            problems.append(net.vocabulary.problem(key, field="avoid", source=source,
                                                   row=line))
        service = _service_cell(rec["service"])
        if service is None:
            bad("service", f"'{rec['service']}' is not one of {', '.join(SERVICES)} (or empty: "
                "the plan's)")
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
            avoid=avoid,
            unserved_usd_per_t=_given(rec["unserved_usd_per_t"]),
            service=service or "",
            notes=str(rec["notes"] or ""),
            line=line,
        ))
    return out


#: A cell with leading or trailing whitespace (other than the line break itself).
_PADDED_CELL = re.compile(r"(?:^|[,\n])[^\S\n]|[^\S\n](?:$|[,\n])")
#: ASCII whitespace that ``str.strip`` removes, other than space and line breaks.
_RARE_ASCII_SPACE = "\t\v\f\x1c\x1d\x1e\x1f"


def _has_padded_cell(text: str) -> bool:
    """Does any cell of this (quote-free) CSV text start or end with whitespace?"""
    if not text.isascii() or any(c in text for c in _RARE_ASCII_SPACE):
        return _PADDED_CELL.search(text) is not None
    # only spaces can pad a cell here: substring scans are much faster than the pattern
    return any(s in text for s in (" ,", ", ", " \n", "\n ")) or text[:1] == " " or \
        text[-1:] == " "


#: Characters of a book split into cells at a time (~40,000 rows of the example book): the
#: cells of one block are strings at once, not the tens of millions of a whole big book.
_BLOCK_CHARS = 4 << 20
#: A column whose distinct cells pass this many, and half its cells, is not interned.
_INTERN_LIMIT = 4096


def _csv_columns(text: str, separator: str
                 ) -> tuple[list[str], list[list[str]], np.ndarray] | None:
    """Header (cells stripped), columns (cells stripped) and file line of each row of a
    plain CSV, or None.

    Plain: no quote or NUL character, so one row is one line and ``separator`` always
    separates cells; then splitting the text is the csv module's reading, without a list per
    row. Every row must be as wide as the header; anything else is left to the row-by-row
    reader.

    The text is split a block of lines at a time (:data:`_BLOCK_CHARS`), and in each
    column equal cells become one string object (interned, while a column repeats its
    cells): a book's places, commodities, numbers and notes repeat row after row, and a
    string per cell is ~50 bytes more each (a GB for a million rows of ten cells).
    """
    if '"' in text or "\x00" in text:
        return None
    # the padding scan knows commas only; other files are rare enough to strip every cell.
    # So is a text that is not ASCII: its scan is a pattern search (4 s for a million rows),
    # stripping every cell ~0.5 s, and a cell without padding stays as it is
    strip = separator != "," or not text.isascii() or _has_padded_cell(text)
    header: list[str] | None = None
    width = 0
    columns: list[list[str]] = []
    interned: list[dict[str, str] | None] = []
    numbered: list[np.ndarray] = []  # per block: the index of each row's line
    first_line = 0  # index of the block's first line in the text
    for block in _blocks(text):
        lines = block.split("\n")
        full = np.flatnonzero(np.fromiter(map(bool, lines), dtype=bool, count=len(lines)))
        if header is None and len(full):
            header = [h.strip() for h in lines[full[0]].split(separator)]
            width = len(header)
            columns = [[] for _ in range(width)]
            interned = [{} for _ in range(width)]
            full = full[1:]
        rows = [lines[i] for i in full.tolist()]
        numbered.append(full + first_line)
        first_line += len(lines)
        del lines
        if not rows:
            continue
        if {row.count(separator) for row in rows} != {width - 1}:
            return None
        cells = separator.join(rows).split(separator)
        del rows
        for i, column in enumerate(columns):
            part = cells[i::width]
            if strip:
                part = list(map(str.strip, part))
            seen = interned[i]
            if seen is not None:
                part = list(map(seen.setdefault, part, part))
                if len(seen) > _INTERN_LIMIT and 2 * len(seen) > len(column) + len(part):
                    interned[i] = None  # ids: (nearly) every cell its own, nothing shared
            column.extend(part)
        del cells
    lines_of_rows = np.concatenate(numbered) if numbered else np.zeros(0, dtype=np.int64)
    if header is None or not len(lines_of_rows):
        return None
    return header, columns, lines_of_rows + 1


def _blocks(text: str) -> Iterator[str]:
    """``text`` in blocks of whole lines, about :data:`_BLOCK_CHARS` characters each: the
    line break between two blocks belongs to neither (so the blocks' lines, end to end, are
    ``text.split("\\n")``); the text itself if it is one block."""
    start = 0
    while True:
        cut = text.find("\n", start + _BLOCK_CHARS)
        if cut < 0:
            yield text[start:] if start else text
            return
        yield text[start:cut]
        start = cut + 1


def _float_column(raw: list[str], required: bool, decimal_comma: bool) -> np.ndarray | None:
    """Finite numbers (NaN where empty, unless required), or None if a cell is not one
    (cells with digit grouping or decimal commas as :func:`number_text` reads them)."""
    if not any(raw):  # an optional column left empty (the usual case)
        return None if required and raw else np.full(len(raw), np.nan)
    if decimal_comma:
        try:
            raw = [number_text(r, decimal_comma) for r in raw]
        except ValueError:
            return None
    try:
        values = np.array([float(r) if r else np.nan for r in raw], dtype=float)
    except ValueError:
        try:  # digits grouped by spaces ("1 200")?
            values = np.array([float(number_text(r)) if r else np.nan for r in raw])
        except ValueError:
            return None
    finite = np.isfinite(values)
    if not finite.all():
        empty = np.array([not r for r in raw], dtype=bool)
        if required or (~finite & ~empty).any():
            return None
        values[empty] = np.nan
    return values


def _factorized(cells: list[str]) -> tuple[np.ndarray, list[str]]:
    """Each cell's code and the distinct cells, in order of first appearance."""
    codes, distinct = pd.factorize(np.array(cells, dtype=object))
    return codes, list(distinct)


def _parse_clean(text: str, net: Network, source: str) -> ShipmentBook | None:
    """The book of a problem-free CSV, parsed and validated column by column, or None.

    None whenever anything is off (a problem, an unusual header, a short or long row, a
    quoted cell...): then :func:`parse_shipments` takes the row-by-row path, which reports
    every problem. For a clean file both paths give the same book (this one resolves each
    distinct place, commodity and avoid cell once instead of once per row).
    """
    separator = cell_separator(text)
    table = _csv_columns(text, separator)
    if table is None:
        return None
    written, raw_columns, lines = table
    header = [column_key(h) for h in written]
    names = SHIPMENTS.column_names
    if len(set(header)) != len(header) or "" in header:
        return None
    # the book's own columns, unless one misspells a missing column (the row reader says so)
    own = [i for i, h in enumerate(header) if h not in names]
    given = set(header)  # (a header may have 100,000 columns: no list scans per column)
    if any(misspelt_column(header[i], SHIPMENTS, given) is not None for i in own):
        return None
    if any(c.required and c.name not in header for c in SHIPMENTS.columns):
        return None
    n = len(lines)
    raw = dict(zip(header, raw_columns))
    empty = [""] * n

    def strings(name: str) -> list[str]:
        return raw.get(name, empty)

    numbers: dict[str, np.ndarray] = {}
    for col in SHIPMENTS.columns:
        if col.dtype == "float":
            values = _float_column(raw.get(col.name, empty), col.required,
                                   separator != ",")
            if values is None:
                return None
            numbers[col.name] = values
    sids = strings("shipment_id")
    if "" in sids or len(set(sids)) != n:
        return None
    # Places, commodities and avoid cells repeat row after row: each distinct cell is
    # resolved once and the rows take the results by code.
    ends: dict[str, np.ndarray] = {}
    for field in ("origin", "destination"):
        codes, distinct = _factorized(strings(field))
        ids = [net.place_id(cell) for cell in distinct]
        if None in ids:
            return None
        ends[field] = object_array(ids)[codes]
    if (ends["origin"] == ends["destination"]).any():
        return None
    codes, distinct = _factorized(strings("commodity"))
    kinds = [net.commodity_names.get(cell) for cell in distinct]
    if None in kinds:
        return None
    commodities = object_array(kinds)[codes]
    for field, bounds in _BOUNDED:
        values = numbers[field]
        if not bounds.holds(values[~np.isnan(values)]).all():
            return None
    tonnes = numbers["tonnes"]
    facts = net.commodities[["value_usd_per_t", "class7_only_legs"]]
    default_value = facts["value_usd_per_t"].astype(float).to_dict()
    class7 = facts["class7_only_legs"].astype(bool).to_dict()
    value = numbers["value_usd_per_t"]
    missing = np.isnan(value)
    if missing.any():
        value[missing] = np.array([default_value[c] for c in kinds], dtype=float)[codes][missing]
    class7_only = np.array([class7[c] for c in kinds], dtype=bool)[codes]

    service_cells = strings("service")
    if any(service_cells):  # (a book seldom has the column, and then few kinds of cell)
        codes_s, distinct_s = _factorized(service_cells)
        services = [_service_cell(cell) for cell in distinct_s]
        if None in services:
            return None
        service = object_array(services)[codes_s]
    else:
        service = np.full(n, "", dtype=object)
    codes, distinct = _factorized(strings("avoid"))
    avoids = []
    for cell in distinct:
        avoid, unknown = _avoid_cell(parse_cell(cell, "list") if cell else (),
                                     net.vocabulary)
        if unknown:
            return None
        avoids.append(avoid)
    return ShipmentBook(
        shipment_id=_frozen(sids, object),
        origin=_frozen(ends["origin"], object),
        destination=_frozen(ends["destination"], object),
        commodity=_frozen(commodities, object),
        tonnes=_frozen(tonnes, float),
        value_usd_per_t=_frozen(value, float),
        class7_only=_frozen(class7_only, bool),
        max_days=_frozen(numbers["max_days"], float),
        avoid=_frozen(object_array(avoids)[codes], object),
        unserved_usd_per_t=_frozen(numbers["unserved_usd_per_t"], float),
        service=_frozen(service, object),
        notes=_frozen(strings("notes"), object),
        line=_frozen(lines, np.int64),
        source=source,
        extra={written[i]: _frozen(object_array(raw_columns[i]), object) for i in own})

"""Reading tables from CSV files against their :mod:`~corridor.network_data.schema` spec.

Reading never stops at the first problem: every cell that cannot be parsed is reported with
its file, line and column, and the caller raises once with the full list.
"""

from __future__ import annotations

import csv
import difflib
import io
import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from corridor.network_data.errors import Problem
from corridor.network_data.schema import TableSpec

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}

#: Characters that may separate cells, in order of preference: the comma; the semicolon
#: Excel writes where the comma is the decimal separator (German, French, Russian...
#: settings), with decimal commas in the numbers; the tab of a table copied from a
#: spreadsheet.
CELL_SEPARATORS = (",", ";", "\t")
#: Spaces spreadsheets group digits with: space, no-break space, narrow no-break space.
_GROUP_SPACES = " \u00a0\u202f"
_SPACE_GROUPED = re.compile(r"[+-]?\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?:[.,]\d+)?")
#: 1,200 or 1,200.5 where the decimal separator is '.'
_COMMA_GROUPED = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
#: 1.200,5 where the decimal separator is ','
_DOT_GROUPED_COMMA = re.compile(r"[+-]?\d{1,3}(?:\.\d{3})+,\d+")
#: 1.200.000 where the decimal separator is ',' (two points: only grouping reads it)
_DOT_GROUPED = re.compile(r"[+-]?\d{1,3}(?:\.\d{3}){2,}")
#: 1.200 there: a grouped 1200, or 1.2 written with a point?
_DOT_AMBIGUOUS = re.compile(r"[+-]?[1-9]\d{0,2}\.\d{3}")


@dataclass(frozen=True)
class ParsedTable:
    """A table parsed against its spec: the frame (one row per record) and the line numbers.

    ``extra`` holds the columns the spec does not know, when they are kept
    (``parse_table(..., keep_unknown=True)``): header text → each row's cell, as text.
    """

    frame: pd.DataFrame
    lines: tuple[int, ...]  # file line of each row (header = line 1)
    source: str
    extra: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts (validation walks these: a Series per row would cost 30× more)."""
        return self.frame.to_dict("records")


def read_text(path: Path) -> str:
    """Read a text file as a user would save it: UTF-8 with or without BOM, any line ending
    (a regular file no larger than a network table may be, or ``InputError``: see
    :func:`~corridor.network_data.reading.read_input`)."""
    from corridor.network_data.reading import TABLE, read_input

    return decode_text(read_input(path, TABLE))


def decode_text(data: bytes) -> str:
    """Bytes of a text file as :func:`read_text` reads them (``UnicodeDecodeError`` if they
    are not UTF-8; with reason :data:`UTF16` if they are UTF-16 or UTF-32: see
    :func:`looks_utf16`)."""
    if looks_utf16(data):
        raise UnicodeDecodeError("utf-8", data, 0, 1, UTF16)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end,
                                 "file is not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


#: The reason :func:`decode_text` gives for UTF-16 (or UTF-32) text.
UTF16 = "file is UTF-16 text"


def looks_utf16(data: bytes) -> bool:
    """Are these the bytes of UTF-16 or UTF-32 text (Excel's "Unicode text", Notepad's
    "Unicode")? They start with its byte-order mark, or, without one, the ASCII letters of
    the header have NUL bytes beside them: one byte in four or more of the first 256 is a
    NUL. (UTF-8 text has none; a NUL in a cell is another problem.)"""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    head = data[:256]
    return 4 * head.count(0) >= len(head) > 0


def not_utf8(source: str, exc: UnicodeDecodeError) -> Problem:
    """The problem to report for a file that is not UTF-8: on which line, and how to save
    it (Excel's plain "CSV" is in the computer's code page, e.g. Windows-1251; its "Unicode
    text" is UTF-16)."""
    if exc.reason == UTF16:
        return Problem(source, None, None, "cannot read: not UTF-8 but UTF-16 (or UTF-32) "
                       "text (save it as UTF-8; from Excel, as 'CSV UTF-8')")
    line = exc.object[:exc.start].count(b"\n") + 1
    return Problem(source, line, None, "cannot read: not UTF-8 text (from Excel, save as "
                   "'CSV UTF-8')")


def cell_separator(text: str) -> str:
    """The character separating the cells of CSV ``text``, read from its header (the first
    non-blank line): ``,`` whenever the header has one, else ``;`` or a tab if it has one
    (see :data:`CELL_SEPARATORS`)."""
    start = 0
    while True:
        end = text.find("\n", start)
        header = text[start:] if end < 0 else text[start:end]
        if header.strip() or end < 0:
            break
        start = end + 1
    return next((sep for sep in CELL_SEPARATORS if sep in header), ",")


def number_text(raw: str, decimal_comma: bool = False) -> str:
    """A number cell as text ``float`` reads, its digit grouping and decimal comma undone.

    Accepted when unambiguous: digits grouped by spaces (``1 200``); with a ``.`` decimal
    separator, by commas (``1,200.5``); in a file with decimal commas (``decimal_comma``,
    a ``;``- or tab-separated file as Excel writes in locales such as German or Russian),
    ``1200,5``, ``1.200,5`` and ``1.200.000``. ``1.200`` in such a file is 1.2 or 1200, so
    it is refused (``ValueError`` saying how to write it); ``12.5`` there has a decimal point.
    """
    text = raw
    if any(c in text for c in _GROUP_SPACES) and _SPACE_GROUPED.fullmatch(text):
        text = "".join(c for c in text if c not in _GROUP_SPACES)
    if not decimal_comma:
        return text.replace(",", "") if "," in text and _COMMA_GROUPED.fullmatch(text) \
            else text
    if "," in text:
        if _DOT_GROUPED_COMMA.fullmatch(text):
            text = text.replace(".", "")
        return text.replace(",", ".") if text.count(",") == 1 and "." not in text else raw
    if _DOT_GROUPED.fullmatch(text):
        return text.replace(".", "")
    if _DOT_AMBIGUOUS.fullmatch(text):
        grouped, decimal = text.replace(".", ""), f"{float(text):g}".replace(".", ",")
        raise ValueError(f"'{raw}' is ambiguous where the decimal separator is a comma "
                         f"({decimal} or {grouped}?): write {grouped} or {decimal}")
    return text


def read_csv_rows(text: str, separator: str = ","
                  ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Split CSV text into a header and ``(line_number, cells)`` rows, skipping blank lines.

    A cell may be as long as the text (the csv module's own limit, 128 KB, would stop a
    long note, or a quote left open, with an error of its own): the files read are
    bounded by :mod:`~corridor.network_data.reading` instead."""
    if len(text) > csv.field_size_limit():
        csv.field_size_limit(len(text))  # process-wide; only ever raised
    reader = csv.reader(io.StringIO(text), delimiter=separator)
    header: list[str] = []
    rows: list[tuple[int, list[str]]] = []
    for cells in reader:
        line = reader.line_num
        if not header:
            if not any(c.strip() for c in cells):
                continue
            header = [c.strip() for c in cells]
            continue
        if not any(c.strip() for c in cells):
            continue
        rows.append((line, [c.strip() for c in cells]))
    return header, rows


#: Why a cell with a NUL character is refused: no id, name or number has one, it cuts the
#: text short in many programs (C strings, terminals), and the outputs would carry it.
NUL_IN_CELL = "contains a NUL character (\\x00); remove it (a binary or damaged file?)"


def parse_cell(raw: str, dtype: str, decimal_comma: bool = False) -> object:
    """Convert one CSV cell to the spec dtype; raise ``ValueError`` with a readable reason.
    Numbers are read as :func:`number_text` gives them."""
    if "\x00" in raw:
        raise ValueError(NUL_IN_CELL)
    if dtype == "str":
        return raw
    if dtype == "list":
        return tuple(p.strip() for p in raw.split(";") if p.strip())
    if dtype == "bool":
        low = raw.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        raise ValueError(f"'{raw}' is not true/false")
    if raw == "":
        return None
    number = number_text(raw, decimal_comma)
    if dtype == "float":
        try:
            value = float(number.replace("_", ""))
        except ValueError:
            hint = " (in a comma-separated file the decimal separator is '.')" \
                if "," in number and not decimal_comma else ""
            raise ValueError(f"'{raw}' is not a number{hint}") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"'{raw}' is not a finite number")
        return value
    if dtype == "int":
        try:
            as_float = float(number)
        except ValueError:
            raise ValueError(f"'{raw}' is not a whole number") from None
        if not as_float.is_integer():
            raise ValueError(f"'{raw}' is not a whole number")
        return int(as_float)
    raise AssertionError(f"unknown dtype {dtype}")


def column_key(name: str) -> str:
    """A header cell as the column name it means: case, surrounding space and the spaces or
    hyphens between words do not matter (``Shipment ID`` is ``shipment_id``)."""
    return re.sub(r"[\s-]+", "_", name.strip().lower())


def misspelt_column(name: str, spec: TableSpec, header: Collection[str]) -> str | None:
    """The column of ``spec`` that the unknown column ``name`` (a :func:`column_key`) is
    taken to misspell: the nearest of those missing from ``header``, if near enough
    (``max_day`` for ``max_days``, ``orign``); else None. A column the header already has
    is not misspelt by another one, so a book's own ``note`` beside ``notes`` is not.
    (``header``: a set or dict for a wide header; it is asked for each spec column.)"""
    absent = [c for c in spec.column_names if c not in header]
    near = difflib.get_close_matches(name, absent, n=1, cutoff=0.75)
    return near[0] if near else None


def parse_table(text: str, spec: TableSpec, source: str,
                problems: list[Problem], *, keep_unknown: bool = False) -> ParsedTable:
    """Parse CSV text against ``spec``; append every problem found to ``problems``.

    Header cells name columns as :func:`column_key` reads them. Missing optional columns
    take their defaults; a missing required column is one problem; unknown columns are
    reported (they are usually a typo of a real column), as is a column given twice. With
    ``keep_unknown`` (a shipment book's own columns), an unknown column is kept as text in
    :attr:`ParsedTable.extra` instead, unless it misspells a missing column
    (:func:`misspelt_column`). Cells may be separated by any of :data:`CELL_SEPARATORS`
    (the header says which); where it is not the comma, numbers may have decimal commas.
    """
    separator = cell_separator(text)
    header, rows = read_csv_rows(text, separator)
    if not header:
        problems.append(Problem(source, None, None, "file is empty (no header row)"))
        return ParsedTable(_empty_frame(spec), (), source)
    if len(header) == 1 and len(spec.columns) > 1 and \
            column_key(header[0]) not in spec.column_names:
        problems.append(Problem(source, 1, None, f"the header '{header[0][:60]}' is one "
                                "cell: separate the columns with commas (or semicolons, "
                                "or tabs)"))
        return ParsedTable(_empty_frame(spec), (), source)
    decimal_comma = separator != ","
    written = header
    header = [column_key(name) for name in header]
    n_before = len(problems)  # the header's problems start here
    index: dict[str, int] = {}
    for i, name in enumerate(header):
        if name in index and name:
            problems.append(Problem(source, 1, name, f"column given twice (columns "
                                    f"{index[name] + 1} and {i + 1})"))
        index.setdefault(name, i)
    kept: dict[str, int] = {}  # unknown columns kept: header text -> position
    for name in dict.fromkeys(header):
        if name and name not in spec.column_names:
            if "\x00" in name:  # no column's name, nor one to carry to the outputs
                problems.append(Problem(source, 1, None,
                                        f"header cell {index[name] + 1} {NUL_IN_CELL}"))
                continue
            if keep_unknown:
                near = misspelt_column(name, spec, index)
                if near is None:
                    kept[written[index[name]]] = index[name]
                    continue
            else:
                nearest = difflib.get_close_matches(name, spec.column_names, n=1, cutoff=0.75)
                near = nearest[0] if nearest and nearest[0] not in index else None
            hint = f"did you mean {near}? " if near else ""
            problems.append(Problem(source, 1, name, f"unknown column ({hint}expected one of: "
                                    f"{', '.join(spec.column_names)})"))
    _bound_header_problems(problems, n_before, source)
    missing_required = [c.name for c in spec.columns if c.required and c.name not in index]
    for name in missing_required:
        problems.append(Problem(source, 1, name, "required column is missing"))
    records: list[dict[str, object]] = []
    lines: list[int] = []
    for line, cells in rows:
        if len(cells) > len(header):
            problems.append(Problem(source, line, None,
                                    f"{len(cells)} cells but the header has {len(header)}"))
        record: dict[str, object] = {}
        for col in spec.columns:
            pos = index.get(col.name)
            raw = cells[pos] if pos is not None and pos < len(cells) else ""
            if raw == "":
                if col.required and col.name not in missing_required:
                    problems.append(Problem(source, line, col.name, "required value is empty"))
                record[col.name] = col.default
                continue
            try:
                record[col.name] = parse_cell(raw, col.dtype, decimal_comma)
            except ValueError as exc:
                problems.append(Problem(source, line, col.name, str(exc)))
                record[col.name] = col.default
        for name, pos in kept.items():  # a book's own columns go to the outputs as they are
            if pos < len(cells) and "\x00" in cells[pos]:
                problems.append(Problem(source, line, name, NUL_IN_CELL))
        records.append(record)
        lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=list(spec.column_names)) if records \
        else _empty_frame(spec)
    extra = {name: tuple(cells[pos] if pos < len(cells) else "" for _, cells in rows)
             for name, pos in kept.items()}
    return ParsedTable(frame, tuple(lines), source, extra)


#: A header's problems listed one by one (unknown columns, columns given twice); past this,
#: one more line counts the rest (a header of 100,000 stray columns is not 100,000 lines).
HEADER_PROBLEMS_LISTED = 10


def _bound_header_problems(problems: list[Problem], start: int, source: str) -> None:
    """Keep the first :data:`HEADER_PROBLEMS_LISTED` of ``problems[start:]`` (the header's)
    and replace the rest by one problem counting them and naming their first columns."""
    rest = problems[start + HEADER_PROBLEMS_LISTED:]
    if len(rest) <= 1:
        return
    del problems[start + HEADER_PROBLEMS_LISTED:]
    names = [p.field for p in rest if p.field]
    shown = ", ".join(names[:5]) + (", ..." if len(names) > 5 else "")
    problems.append(Problem(source, 1, None, f"{len(rest):,} more problems with columns "
                            f"({shown}): check the header, or that this is the right file"))


def _empty_frame(spec: TableSpec) -> pd.DataFrame:
    return pd.DataFrame({name: pd.Series(dtype=object) for name in spec.column_names})


def to_csv_text(frame: pd.DataFrame, spec: TableSpec) -> str:
    """Write a table back to CSV text in the spec's column order (lists joined by ``;``)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(spec.column_names)
    for record in frame.reset_index().to_dict("records") if frame.index.name else \
            frame.to_dict("records"):
        writer.writerow([_format_cell(record.get(col.name), col.dtype) for col in spec.columns])
    return out.getvalue()


def _format_cell(value: object, dtype: str) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    if dtype == "list":
        return ";".join(value) if isinstance(value, Iterable) and not isinstance(value, str) \
            else str(value)
    if dtype == "bool":
        return "true" if value else "false"
    if dtype == "float":
        as_float = float(value)  # type: ignore[arg-type]
        return str(int(as_float)) if as_float.is_integer() else repr(as_float)
    return str(value)

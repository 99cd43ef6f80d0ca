"""A plan's tables as CSV text and as JSON rows, written column by column.

A plan repeats each route's figures and lists on every row that uses it, so a row-by-row
writer formats the same values (and the same 145-node lists) again and again. Here each
column formats its distinct values once (``Column``: the texts and, per row, which one),
neighbouring columns that repeat are written as one piece per distinct combination (a
row's route figures, its lists), and the text is joined once per chunk of rows. The text is
the one a row-by-row writer gives: pandas' ``to_csv`` for CSV (list cells ``;``-joined), and
:func:`corridor.network_data.jsontext.dump_json` of the rows as dicts for JSON.

A table asked for as one string (:func:`csv_text`, ``json_at``) is one chunk. A table
written to a file (:func:`write_csv`, ``json_chunks``) goes :data:`CHUNK_ROWS` rows at a
time, so that only one chunk's pieces and text are held: a million-shipment plan's CSV is
over a GB of text, and its JSON twice that. Whatever must be the same for every row (how a
column is written; a route's list, rendered once) is decided on the whole table first, so
the chunks end to end are byte for byte the one-string text.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any, TextIO

import numpy as np
import pandas as pd

from corridor.network_data.jsontext import compact, plain

#: A column as text: its distinct cell texts, and per row the index of its text.
Column = tuple[list[str], np.ndarray]

#: Rows written at a time to a file (:func:`write_csv`, ``json_chunks``). A chunk of a
#: plan's JSON rows is ~25 MB of text and as much again in pieces and in the encoded bytes;
#: much smaller chunks repeat the per-chunk work (a factorization per column) too often.
CHUNK_ROWS = 20_000


@dataclass(frozen=True)
class CsvStyle:
    """How CSV text is written: what separates cells, the decimal mark, the line ending,
    whether the text starts with a byte-order mark (which tells Excel it is UTF-8) and
    whether text cells a spreadsheet would take for a formula are defused
    (:func:`defused`)."""

    separator: str = ","
    decimal_comma: bool = False
    line_end: str = "\n"
    bom: bool = False
    defuse_formulas: bool = False


#: The styles ``corridor plan --csv-style`` offers: ``plain`` for scripts and pandas;
#: ``excel`` opens right on a double-click where the decimal mark is a point; and
#: ``excel-semicolon`` where it is a comma (German, French, Russian... settings), whose
#: Excel separates cells with ``;``. The two spreadsheet styles are opened with a
#: double-click, so their text cells are defused (:func:`defused`); ``plain`` keeps every
#: cell exact for the scripts that read it.
CSV_STYLES = {
    "plain": CsvStyle(),
    "excel": CsvStyle(line_end="\r\n", bom=True, defuse_formulas=True),
    "excel-semicolon": CsvStyle(separator=";", decimal_comma=True, line_end="\r\n",
                                bom=True, defuse_formulas=True),
}

#: What a spreadsheet reads as the start of a formula (OWASP, "CSV Injection"): ``=``,
#: ``+``, ``-``, ``@``, a tab or a carriage return first in the cell.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Text that is a plain number (``-5``, ``+1.5``, ``-1,5``, ``-2e3``): a spreadsheet reads
#: it as that number and nothing else, so it stays as it is (ASCII digits only: those are
#: the ones a spreadsheet reads as a number).
_PLAIN_NUMBER = re.compile(r"[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?", re.ASCII)


def defused(cells: list[str]) -> list[str]:
    """Text cells as a spreadsheet may open them without running any (OWASP's advice for
    CSV injection): a cell starting with one of :data:`FORMULA_START` gets a leading ``'``,
    which makes it text, unless it is a plain number. Called once per distinct text."""
    if not any(cell.startswith(FORMULA_START) for cell in cells):
        return cells
    return ["'" + cell if cell.startswith(FORMULA_START) and
            not _PLAIN_NUMBER.fullmatch(cell) else cell for cell in cells]


def csv_text(frame: pd.DataFrame, list_columns: Collection[str],
             style: CsvStyle = CSV_STYLES["plain"]) -> str:
    """``frame.to_csv(index=False)``, cells of ``list_columns`` (tuples) ``;``-joined: the
    same text as pandas writes (numbers as ``str(float)``, missing as empty, the csv
    module's minimal quoting), in ``style`` (by default pandas' own)."""
    # one chunk: one join of all the pieces, one copy of a text that can be tens of MB
    return "".join(csv_chunks(frame, list_columns, style, chunk_rows=max(len(frame), 1)))


def write_csv(out: TextIO, frame: pd.DataFrame, list_columns: Collection[str],
              style: CsvStyle = CSV_STYLES["plain"], chunk_rows: int | None = None) -> None:
    """Write :func:`csv_text` of the table to ``out``, ``chunk_rows`` rows at a time (by
    default :data:`CHUNK_ROWS`): the same bytes, without ever holding the whole text."""
    for piece in csv_chunks(frame, list_columns, style, chunk_rows):
        out.write(piece)


def csv_chunks(frame: pd.DataFrame, list_columns: Collection[str],
               style: CsvStyle = CSV_STYLES["plain"], chunk_rows: int | None = None
               ) -> Iterator[str]:
    """:func:`csv_text` in pieces of ``chunk_rows`` rows each (by default
    :data:`CHUNK_ROWS`; the first with the header; only the header for a table without
    rows)."""
    sep = style.separator
    header = [str(c) for c in frame.columns]  # a book's own columns are named by its user
    head = ("\ufeff" if style.bom else "") + sep.join(_quoted(_text_cells(header, style), sep)) \
        + style.line_end
    if not len(frame):
        yield head
        return
    strings = string_columns(frame)
    lists = ListTexts(lambda items: _quoted(_text_cells([";".join(t) for t in items], style),
                                            sep))
    seps = [""] + [sep] * (len(frame.columns) - 1)
    for start, rows in row_chunks(frame, chunk_rows):
        columns = [_csv_column(rows, name, name in list_columns, name in strings, style, lists)
                   for name in frame.columns]
        pieces = _rows(columns, len(rows), seps, style.line_end)
        if not start:
            pieces.insert(0, head)
        yield "".join(pieces)


def row_chunks(frame: pd.DataFrame, chunk_rows: int | None, rows: np.ndarray | None = None
               ) -> Iterator[tuple[int, pd.DataFrame]]:
    """The table ``chunk_rows`` rows at a time (by default :data:`CHUNK_ROWS`; the rows at
    positions ``rows``, if given, in that order), each with the number of rows before it;
    the table itself when one chunk holds all (no copy)."""
    n = len(frame) if rows is None else len(rows)
    if chunk_rows is None:
        chunk_rows = CHUNK_ROWS  # read when called: a test may set it
    if chunk_rows < 1:
        raise ValueError("chunk_rows must be at least 1")
    if rows is None and chunk_rows >= n:
        yield 0, frame
        return
    for start in range(0, n, chunk_rows):
        stop = min(start + chunk_rows, n)
        yield start, frame.iloc[start:stop] if rows is None else frame.iloc[rows[start:stop]]


def string_columns(frame: pd.DataFrame, names: Sequence[Any] | None = None
                   ) -> frozenset[str]:
    """The columns (of ``names``, or all) whose every cell is a string (``infer_dtype`` of
    its values says ``"string"``), decided on the whole column: a chunk of a column that
    also holds missing values or numbers must be written as the whole column is."""
    out = set()
    for name in frame.columns if names is None else names:
        column = frame[name]
        if column.dtype.kind in "fiubcmM":  # numbers and dates: never strings
            continue
        if isinstance(column.dtype, pd.StringDtype):  # strings, or missing (NaN, NA)
            if not column.hasnans:
                out.add(name)
        elif pd.api.types.infer_dtype(column.to_numpy(), skipna=False) == "string":
            out.add(name)
    return frozenset(out)


class ListTexts:
    """The texts of a table's list cells, made once per distinct tuple for the whole table
    and not once per chunk: a plan's rows share their route's tuples, and a route's node
    list can be 145 ids long.

    A tuple is known by its identity: the table holds every tuple while it is written, so
    an id names one tuple. ``render`` makes the texts of a list of tuples (cell by cell).
    """

    def __init__(self, render: Callable[[list[Any]], list[str]]):
        self.render = render
        self.done: dict[int, str] = {}

    def __call__(self, items: list[Any]) -> list[str]:
        """The texts of ``items`` (tuples, distinct objects)."""
        fresh = [t for t in items if id(t) not in self.done]
        if fresh:
            self.done.update(zip(map(id, fresh), self.render(fresh)))
        return [self.done[id(t)] for t in items]


class JsonRows:
    """A table as the JSON list of its rows, each an object (column → value) on its own
    line, rendered only when :func:`~corridor.network_data.jsontext.dump_json` meets it
    (``json_at``: one string) or :func:`~corridor.network_data.jsontext.write_json` writes
    it (``json_chunks``: :data:`CHUNK_ROWS` rows at a time).

    The text equals ``dump_json`` of the rows as dicts of plain values (missing → null,
    tuples → lists), as :func:`corridor.reports.plan_dict` gives them.
    """

    def __init__(self, frame: pd.DataFrame, list_columns: Collection[str]):
        if not len(frame.columns):
            raise ValueError("JsonRows: the table needs at least one column")
        self.frame = frame
        self.list_columns = frozenset(list_columns)

    def json_at(self, level: int) -> str:
        """The JSON text at nesting ``level`` of the document (for its indentation)."""
        return "".join(self.json_chunks(level, chunk_rows=max(len(self.frame), 1)))

    def json_chunks(self, level: int, chunk_rows: int | None = None) -> Iterator[str]:
        """:meth:`json_at` in pieces of ``chunk_rows`` rows each (by default
        :data:`CHUNK_ROWS`)."""
        keys = _json_keys(self.frame.columns)
        return _json_table(self.frame, None, list(self.frame.columns), self.list_columns,
                           None, ["{" + keys[0][2:], *keys[1:]], "}", level, chunk_rows)

    def check(self) -> None:
        """Raise ``ValueError`` (as ``json`` does) if a number cannot be written: called
        before anything of a streamed document is written."""
        _check_finite(self.frame, list(self.frame.columns))


class JsonFeatures:
    """A table as a GeoJSON feature list, one feature per row: ``{"type": "Feature",
    "geometry": ..., "properties": {the row}}``, each on its own line, rendered only when
    :func:`~corridor.network_data.jsontext.dump_json` meets it (the same text as for the
    features as dicts) or :func:`~corridor.network_data.jsontext.write_json` writes it.
    ``geometry`` gives each row's geometry as JSON text (a :data:`Column`: a route's line is
    encoded once for all its rows).

    ``rows`` (positions in ``frame``) and ``columns`` (names) choose the rows and the
    properties, without a copy of the table: by default all of them.
    """

    def __init__(self, frame: pd.DataFrame, list_columns: Collection[str], geometry: Column,
                 *, rows: np.ndarray | None = None, columns: Sequence[str] | None = None):
        self.columns = list(frame.columns if columns is None else columns)
        if not self.columns:
            raise ValueError("JsonFeatures: the properties need at least one column")
        self.frame = frame
        self.rows = rows
        self.list_columns = frozenset(list_columns)
        self.geometry = geometry

    def json_at(self, level: int) -> str:
        """The JSON text at nesting ``level`` of the document (for its indentation)."""
        n = len(self.frame) if self.rows is None else len(self.rows)
        return "".join(self.json_chunks(level, chunk_rows=max(n, 1)))

    def json_chunks(self, level: int, chunk_rows: int | None = None) -> Iterator[str]:
        """:meth:`json_at` in pieces of ``chunk_rows`` rows each (by default
        :data:`CHUNK_ROWS`)."""
        keys = _json_keys(self.columns)
        return _json_table(self.frame, self.rows, self.columns, self.list_columns,
                           self.geometry, ['{"type": "Feature", "geometry": ',
                                           ', "properties": {' + keys[0][2:], *keys[1:]],
                           "}}", level, chunk_rows)

    def check(self) -> None:
        """As :meth:`JsonRows.check`."""
        _check_finite(self.frame, self.columns)


def _json_keys(columns: Sequence[Any]) -> list[str]:
    """What comes before each column's value in a row object: ``, "name": ``."""
    return [", " + compact(str(c)) + ": " for c in columns]


def _check_finite(frame: pd.DataFrame, columns: list[str]) -> None:
    """``ValueError`` as ``json`` raises it if a float column holds an infinity."""
    for name in columns:
        if frame[name].dtype.kind != "f":
            continue
        values = frame[name].to_numpy()
        if np.isinf(values).any():
            compact(float(values[np.isinf(values)][0]))  # raises, as json does


def _json_table(frame: pd.DataFrame, rows: np.ndarray | None, names: list[str],
                list_columns: frozenset[str], geometry: Column | None, seps: list[str],
                close: str, level: int, chunk_rows: int | None) -> Iterator[str]:
    """A JSON list of the table's rows (``rows``, or all), one per line at nesting
    ``level``, in pieces of ``chunk_rows`` rows: each row is ``seps[j]`` + cell ``j`` for
    the geometry (if given), then every column of ``names``, then ``close``."""
    n = len(frame) if rows is None else len(rows)
    if not n:
        yield "[]"
        return
    strings = string_columns(frame, names)
    lists = ListTexts(lambda items: list(map(_json_list, items)))
    pad, end = "  " * (level + 1), "  " * level
    seps = [pad + seps[0], *seps[1:]]
    for start, chunk in row_chunks(frame, chunk_rows, rows):
        columns = [_json_column(chunk, name, name in list_columns, name in strings, lists)
                   for name in names]
        if geometry is not None:
            columns.insert(0, (geometry[0], geometry[1][start:start + len(chunk)]))
        pieces = _rows(columns, len(chunk), seps, close + ",\n")
        if start + len(chunk) == n:
            pieces[-1] = close + "\n" + end + "]"  # no comma after the last row
        if not start:
            pieces.insert(0, "[\n")
        yield "".join(pieces)


def _rows(columns: list[Column], n: int, seps: list[str], end: str) -> list[str]:
    """The pieces of ``n`` rows, end to end: per row ``seps[j]`` + cell ``j`` for every
    column, then ``end``. Neighbouring columns that repeat are one piece per distinct
    combination (the separators between them inside it)."""
    segments: list[list[str]] = []  # per segment of the row, its text on every row
    before: list[str] = []  # the separator before each segment
    j = 0
    while j < len(columns):
        k = j + 1
        if _shared(columns[j], n):
            while k < len(columns) and _shared(columns[k], n):
                k += 1
        if k > j + 1:
            inner = [columns[j]] + [([seps[i] + t for t in columns[i][0]], columns[i][1])
                                    for i in range(j + 1, k)]
            segments.append(_combined(inner))
        else:
            segments.append(_take(*columns[j]))
        before.append(seps[j])
        j = k
    # One join over all the pieces (by the caller): joining each row first, then the rows,
    # copies the whole text twice (18 MB for 10,000 rows of long routes) and was 4× slower.
    width = 2 * len(segments) + 1
    pieces = [end] * (width * n)
    for i, (sep, cells) in enumerate(zip(before, segments)):
        pieces[2 * i::width] = [sep] * n
        pieces[2 * i + 1::width] = cells
    return pieces


def _csv_column(frame: pd.DataFrame, name: str, is_list: bool, is_string: bool,
                style: CsvStyle, lists: ListTexts) -> Column:
    """A column's CSV cells (quoted as needed); ``is_string``: the whole column's cells are
    strings (:func:`string_columns`); ``lists`` renders list cells."""
    values = frame[name].to_numpy()
    sep = style.separator
    number = _decimal_comma if style.decimal_comma else repr
    if is_list:
        texts, codes = _lists(values)
        return lists(texts), codes
    if values.dtype.kind == "f":  # a number's text never needs quotes; NaN is empty
        codes, uniques = pd.factorize(values)
        return _with_missing(list(map(number, uniques.tolist())), codes, "")
    if values.dtype.kind in "iub":
        codes, uniques = pd.factorize(values)
        return [str(v) for v in uniques.tolist()], codes
    if is_string:
        codes, uniques = pd.factorize(values)
        return _quoted(_text_cells(uniques.tolist(), style), sep), codes
    # mixed cells (missing values, numbers): each row's own text, as pandas writes it
    missing = frame[name].isna().to_numpy().tolist()
    cells = values.tolist()
    items = ["" if m else v if type(v) is str else number(v) if isinstance(v, float)
             else str(v) for v, m in zip(cells, missing)]
    if style.defuse_formulas:  # the text cells only: a number stays a number
        text = [i for i, (v, m) in enumerate(zip(cells, missing)) if not m and type(v) is str]
        for i, item in zip(text, defused([items[i] for i in text])):
            items[i] = item
    return _quoted(items, sep), np.arange(len(items))


def _text_cells(cells: list[str], style: CsvStyle) -> list[str]:
    """Text cells as ``style`` writes them: :func:`defused` in a spreadsheet style, else
    exact."""
    return defused(cells) if style.defuse_formulas else cells


def _decimal_comma(value: float) -> str:
    """A float as ``repr`` writes it, with a decimal comma."""
    return repr(value).replace(".", ",")


def _json_column(frame: pd.DataFrame, name: str, is_list: bool, is_string: bool,
                 lists: ListTexts) -> Column:
    """A column's JSON values: what ``dump_json`` writes for each cell of the row dicts
    (:func:`records`). Strings, finite floats and ints are written as the json module writes
    them (``encode_basestring``, ``float.__repr__``, ``int.__repr__``) without a call to
    it per value. ``is_string`` and ``lists`` as for :func:`_csv_column`."""
    values = frame[name].to_numpy()
    if is_list:
        texts, codes = _lists(values)
        return lists(texts), codes
    if values.dtype.kind == "f":  # NaN is null
        codes, uniques = pd.factorize(values)
        if not np.isfinite(uniques).all():
            compact(float(uniques[~np.isfinite(uniques)][0]))  # raises, as json does
        return _with_missing(list(map(float.__repr__, uniques.tolist())), codes, "null")
    if values.dtype.kind in "iu":
        codes, uniques = pd.factorize(values)
        return list(map(int.__repr__, uniques.tolist())), codes
    if is_string:
        codes, uniques = pd.factorize(values)
        return list(map(encode_basestring, uniques.tolist())), codes
    cells = [compact(plain(v)) for v in _cells(frame, name)]
    return cells, np.arange(len(cells))


def _json_list(items: tuple[Any, ...]) -> str:
    """A tuple as a JSON list (``", "`` between items). Strings that need no escaping (node
    and leg ids) are joined in one call, not encoded one by one."""
    if not items:
        return "[]"
    try:
        joined = '", "'.join(items)
    except TypeError:  # not all strings
        return compact(list(items))
    # JSON (ensure_ascii=False) escapes only '"', backslashes and control characters; a
    # text that is printable, has no backslash and only the separators' quotes has none
    if joined.isprintable() and "\\" not in joined and \
            joined.count('"') == 2 * (len(items) - 1):
        return '["' + joined + '"]'
    return "[" + ", ".join(map(encode_basestring, items)) + "]"  # some need escaping


def _lists(values: np.ndarray) -> tuple[list[Any], np.ndarray]:
    """A column of tuples, grouped by identity: the distinct tuples and each row's code."""
    codes, n = identity_codes(values)
    return [values[i] for i in first_rows(codes, n)], codes


def identity_codes(values: np.ndarray) -> tuple[np.ndarray, int]:
    """Each object's code among the distinct objects (by identity: a plan repeats the same
    tuple object row after row, so its contents need no hashing), and how many there are."""
    codes, distinct = pd.factorize(np.fromiter(map(id, values.tolist()), dtype=np.int64,
                                               count=len(values)))
    return codes, len(distinct)


def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
    """Rows as dicts of plain Python values (missing → None; lists stay the shared tuples)."""
    names = [str(c) for c in frame.columns]
    return [dict(zip(names, row)) for row in zip(*(_cells(frame, c) for c in frame.columns))]


def _cells(frame: pd.DataFrame, name: str) -> list[Any]:
    """A column's cells as plain Python values (missing → None)."""
    values = frame[name].to_numpy()
    items = values.tolist()
    if values.dtype.kind == "f":
        return [None if v != v else v for v in items]
    if values.dtype.kind == "O" and not all(type(v) in (str, tuple) for v in items):
        missing = frame[name].isna().to_numpy().tolist()
        return [None if m else v for v, m in zip(items, missing)]
    return items  # type: ignore[no-any-return]


def _with_missing(texts: list[str], codes: np.ndarray, missing: str) -> Column:
    """Code −1 (a missing value) as one more text."""
    if (codes < 0).any():
        codes = np.where(codes < 0, len(texts), codes)
        texts = [*texts, missing]
    return texts, codes


def _shared(column: Column, n: int) -> bool:
    """Does the column repeat its texts (at most one distinct text per two rows)?"""
    return 2 * len(column[0]) <= n


def _combined(columns: list[Column]) -> list[str]:
    """Each row's texts of ``columns`` end to end, made once per distinct combination."""
    key = np.zeros(len(columns[0][1]), dtype=np.int64)
    size = 1
    for texts, codes in columns:
        if size * len(texts) >= 2 ** 62:  # renumber the combinations seen so far
            key, seen = pd.factorize(key)
            size = len(seen)
        key = key * len(texts) + codes
        size *= len(texts)
    combo, seen = pd.factorize(key)
    rows = np.asarray(first_rows(combo, len(seen)), dtype=np.int64)
    cells = [_take(texts, codes[rows]) for texts, codes in columns]
    return _take(["".join(parts) for parts in zip(*cells)], combo)


def first_rows(codes: np.ndarray, n: int) -> list[int]:
    """Row of the first occurrence of each code ``0 .. n-1``."""
    first = np.zeros(n, dtype=np.int64)
    first[codes[::-1]] = np.arange(len(codes) - 1, -1, -1)
    return first.tolist()


def _take(texts: list[str], codes: np.ndarray) -> list[str]:
    """``texts[code]`` per row."""
    return np.array(texts, dtype=object)[codes].tolist()  # type: ignore[no-any-return]


def _quoted(cells: list[str], separator: str = ",") -> list[str]:
    """Cells as the csv module writes them inside a row of ``separator``-separated cells
    (quoted only where needed)."""
    joined = "\x00".join(cells)
    if not any(c in joined for c in separator + '"\n\r'):
        return cells
    out = []
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=separator, lineterminator="\n")
    for cell in cells:
        buffer.seek(0)
        buffer.truncate()
        writer.writerow([cell, ""])  # two fields: an empty cell stays empty
        out.append(buffer.getvalue()[:-2])
    return out

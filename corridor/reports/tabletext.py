"""A plan's tables as CSV text and as JSON rows, written column by column.

A plan repeats each route's figures and lists on every row that uses it, so a row-by-row
writer formats the same values (and the same 145-node lists) again and again. Here each
column formats its distinct values once (``Column``: the texts and, per row, which one),
neighbouring columns that repeat are written as one piece per distinct combination (a
row's route figures, its lists), and the whole text is joined once. The text is the one a
row-by-row writer gives: pandas' ``to_csv`` for CSV (list cells ``;``-joined), and
:func:`corridor.network_data.jsontext.dump_json` of the rows as dicts for JSON.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Collection
from dataclasses import dataclass
from json.encoder import encode_basestring  # type: ignore[attr-defined]
from typing import Any

import numpy as np
import pandas as pd

from corridor.network_data.jsontext import compact, plain

#: A column as text: its distinct cell texts, and per row the index of its text.
Column = tuple[list[str], np.ndarray]


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
    sep = style.separator
    columns = [_csv_column(frame, name, name in list_columns, style) for name in frame.columns]
    pieces = _rows(columns, len(frame), [""] + [sep] * (len(columns) - 1), style.line_end)
    header = [str(c) for c in frame.columns]  # a book's own columns are named by its user
    pieces.insert(0, ("\ufeff" if style.bom else "") +
                  sep.join(_quoted(_text_cells(header, style), sep)) + style.line_end)
    return "".join(pieces)  # one copy of a text that can be tens of MB


class JsonRows:
    """A table as the JSON list of its rows, each an object (column → value) on its own
    line, rendered only when :func:`~corridor.network_data.jsontext.dump_json` meets it.

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
        keys = _json_keys(self.frame)
        return _json_lines(_json_columns(self.frame, self.list_columns),
                           ["{" + keys[0][2:], *keys[1:]], "}", len(self.frame), level)


class JsonFeatures:
    """A table as a GeoJSON feature list, one feature per row: ``{"type": "Feature",
    "geometry": ..., "properties": {the row}}``, each on its own line, rendered only when
    :func:`~corridor.network_data.jsontext.dump_json` meets it (the same text as for the features
    as dicts). ``geometry`` gives each row's geometry as JSON text (a :data:`Column`: a
    route's line is encoded once for all its rows)."""

    def __init__(self, frame: pd.DataFrame, list_columns: Collection[str], geometry: Column):
        if not len(frame.columns):
            raise ValueError("JsonFeatures: the properties need at least one column")
        self.frame = frame
        self.list_columns = frozenset(list_columns)
        self.geometry = geometry

    def json_at(self, level: int) -> str:
        """The JSON text at nesting ``level`` of the document (for its indentation)."""
        keys = _json_keys(self.frame)
        return _json_lines([self.geometry, *_json_columns(self.frame, self.list_columns)],
                           ['{"type": "Feature", "geometry": ', ', "properties": {' +
                            keys[0][2:], *keys[1:]], "}}", len(self.frame), level)


def _json_keys(frame: pd.DataFrame) -> list[str]:
    """What comes before each column's value in a row object: ``, "name": ``."""
    return [", " + compact(str(c)) + ": " for c in frame.columns]


def _json_columns(frame: pd.DataFrame, list_columns: frozenset[str]) -> list[Column]:
    """Every column's JSON values."""
    return [_json_column(frame, name, name in list_columns) for name in frame.columns]


def _json_lines(columns: list[Column], seps: list[str], close: str, n: int,
                level: int) -> str:
    """A JSON list of ``n`` rows, one per line at nesting ``level``: each row is ``seps[j]``
    + cell ``j`` for every column, then ``close``."""
    if not n:
        return "[]"
    pad, end = "  " * (level + 1), "  " * level
    pieces = _rows(columns, n, [pad + seps[0], *seps[1:]], close + ",\n")
    pieces[-1] = close + "\n" + end + "]"  # no comma after the last row
    pieces.insert(0, "[\n")
    return "".join(pieces)


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


def _csv_column(frame: pd.DataFrame, name: str, is_list: bool, style: CsvStyle) -> Column:
    """A column's CSV cells (quoted as needed)."""
    values = frame[name].to_numpy()
    sep = style.separator
    number = _decimal_comma if style.decimal_comma else repr
    if is_list:
        texts, codes = _lists(values)
        return _quoted(_text_cells([";".join(t) for t in texts], style), sep), codes
    if values.dtype.kind == "f":  # a number's text never needs quotes; NaN is empty
        codes, uniques = pd.factorize(values)
        return _with_missing(list(map(number, uniques.tolist())), codes, "")
    if values.dtype.kind in "iub":
        codes, uniques = pd.factorize(values)
        return [str(v) for v in uniques.tolist()], codes
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
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


def _json_column(frame: pd.DataFrame, name: str, is_list: bool) -> Column:
    """A column's JSON values: what ``dump_json`` writes for each cell of the row dicts
    (:func:`records`). Strings, finite floats and ints are written as the json module writes
    them (``encode_basestring``, ``float.__repr__``, ``int.__repr__``) without a call to
    it per value."""
    values = frame[name].to_numpy()
    if is_list:
        texts, codes = _lists(values)
        return list(map(_json_list, texts)), codes
    if values.dtype.kind == "f":  # NaN is null
        codes, uniques = pd.factorize(values)
        if not np.isfinite(uniques).all():
            compact(float(uniques[~np.isfinite(uniques)][0]))  # raises, as json does
        return _with_missing(list(map(float.__repr__, uniques.tolist())), codes, "null")
    if values.dtype.kind in "iu":
        codes, uniques = pd.factorize(values)
        return list(map(int.__repr__, uniques.tolist())), codes
    if pd.api.types.infer_dtype(values, skipna=False) == "string":
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

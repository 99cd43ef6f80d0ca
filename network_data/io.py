"""Reading tables from CSV files against their :mod:`~network_data.schema` spec.

Reading never stops at the first problem: every cell that cannot be parsed is reported with
its file, line and column, and the caller raises once with the full list.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import pandas as pd

from network_data.errors import Problem
from network_data.schema import TableSpec

_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f", ""}


@dataclass(frozen=True)
class ParsedTable:
    """A table parsed against its spec: the frame (one row per record) and the line numbers."""

    frame: pd.DataFrame
    lines: tuple[int, ...]  # file line of each row (header = line 1)
    source: str

    @cached_property
    def records(self) -> list[dict[str, Any]]:
        """Rows as dicts (validation walks these: a Series per row would cost 30× more)."""
        return self.frame.to_dict("records")


def read_text(path: Path) -> str:
    """Read a text file as a user would save it: UTF-8 with or without BOM, any line ending."""
    data = path.read_bytes()
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise UnicodeDecodeError(exc.encoding, exc.object, exc.start, exc.end,
                                 "file is not UTF-8 text") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_csv_rows(text: str) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Split CSV text into a header and ``(line_number, cells)`` rows, skipping blank lines."""
    reader = csv.reader(io.StringIO(text))
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


def parse_cell(raw: str, dtype: str) -> object:
    """Convert one CSV cell to the spec dtype; raise ``ValueError`` with a readable reason."""
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
    if dtype == "float":
        try:
            value = float(raw.replace("_", ""))
        except ValueError:
            raise ValueError(f"'{raw}' is not a number") from None
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"'{raw}' is not a finite number")
        return value
    if dtype == "int":
        try:
            as_float = float(raw)
        except ValueError:
            raise ValueError(f"'{raw}' is not a whole number") from None
        if not as_float.is_integer():
            raise ValueError(f"'{raw}' is not a whole number")
        return int(as_float)
    raise AssertionError(f"unknown dtype {dtype}")


def parse_table(text: str, spec: TableSpec, source: str,
                problems: list[Problem]) -> ParsedTable:
    """Parse CSV text against ``spec``; append every problem found to ``problems``.

    Missing optional columns take their defaults; a missing required column is one problem;
    unknown columns are reported (they are usually a typo of a real column).
    """
    header, rows = read_csv_rows(text)
    if not header:
        problems.append(Problem(source, None, None, "file is empty (no header row)"))
        return ParsedTable(_empty_frame(spec), (), source)
    index = {name: i for i, name in enumerate(header)}
    for name in header:
        if name and name not in spec.column_names:
            problems.append(Problem(source, 1, name, f"unknown column (expected one of: "
                                    f"{', '.join(spec.column_names)})"))
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
                record[col.name] = parse_cell(raw, col.dtype)
            except ValueError as exc:
                problems.append(Problem(source, line, col.name, str(exc)))
                record[col.name] = col.default
        records.append(record)
        lines.append(line)
    frame = pd.DataFrame.from_records(records, columns=list(spec.column_names)) if records \
        else _empty_frame(spec)
    return ParsedTable(frame, tuple(lines), source)


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

"""Building blocks of the HTML report (:mod:`corridor.reports.html_report`): escaping,
number formats, summary cards, bars and sortable data tables.

A data table is written twice over: its first page as plain HTML rows (what a reader sees
with scripts off, and what shows before the script runs) and all its rows as JSON in a
``<script type="application/json">`` block, which the report's script pages, sorts and
filters. Rows as JSON arrays rather than HTML keep a 10,000-shipment table to a few MB and
let the page open at once: only the rows on screen become elements.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

#: Rows on a table's page (the report's script can show more at the reader's request).
PAGE_ROWS = 50
#: Rows a table holds at most (a million-shipment plan's table would make a page of
#: hundreds of MB that no browser opens; the plan's CSV and JSON have every row).
MAX_ROWS = 100_000
#: How a missing value is shown.
MISSING = "—"


def esc(value: object) -> str:
    """``value`` as text safe inside HTML elements and quoted attributes."""
    return html.escape(str(value), quote=True)


@dataclass(frozen=True)
class Column:
    """A table column: the title shown, how its values are shown (``text``, ``num`` with
    ``digits`` decimals, ``pct``: a fraction shown as a percentage, ``flag``: yes/no,
    ``link``: a web address shown as a link), and a
    tooltip saying what it holds, and whether it holds long text."""

    title: str
    kind: str = "text"
    digits: int = 0
    help: str = ""
    wide: bool = False  # long text (a route): given room rather than folded narrow

    def to_json(self) -> dict[str, Any]:
        """The column as the report's script reads it."""
        return {"title": self.title, "kind": self.kind, "digits": self.digits,
                "css": _align(self)}


def number(value: float | None, digits: int = 0) -> str:
    """``value`` with thousands separators and ``digits`` decimals; ``—`` when missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    return f"{value:,.{digits}f}"


def percent(value: float | None, digits: int = 1) -> str:
    """A fraction as a percentage (0.125 → ``12.5 %``); ``—`` when missing."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return MISSING
    return f"{100 * value:,.{digits}f} %"


def cell_text(value: Any, column: Column) -> str:
    """A cell as the table shows it (the report's script formats the same way)."""
    if value is None or value == "":
        return MISSING
    if column.kind == "num":
        return number(float(value), column.digits)
    if column.kind == "pct":
        return percent(float(value), column.digits)
    if column.kind == "flag":
        return "yes" if value else "no"
    return str(value)


def plain(value: Any) -> Any:
    """A cell value as JSON can hold it: NaN and infinities as null, lists as text, NumPy
    scalars as Python's."""
    if hasattr(value, "item") and not isinstance(value, (list, tuple, str)):
        value = value.item()
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return value


def script_json(data: Any) -> str:
    """``data`` as JSON text safe inside a ``<script>`` element (no ``</`` can end it)."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return text.replace("</", "<\\/").replace("<!--", "<\\!--")


def data_table(table_id: str, columns: Sequence[Column], rows: Iterable[Sequence[Any]], *,
               caption: str = "", empty: str = "No rows.") -> str:
    """A sortable, filterable, paged table: the first page as HTML, every row as JSON (up
    to :data:`MAX_ROWS`, the caption saying how many were left out)."""
    data = [[plain(v) for v in row] for row in rows]
    if len(data) > MAX_ROWS:
        caption = (f"{caption} The first {MAX_ROWS:,} of {len(data):,} rows: a report "
                   "this large would not open; the CSV and JSON outputs have them all.").strip()
        data = data[:MAX_ROWS]
    head = "".join(
        f'<th scope="col" class="{_align(c)}"{_title(c)}>{esc(c.title)}</th>'
        for c in columns)
    body = "".join(
        "<tr>" + "".join(f'<td class="{_align(c)}">{_cell_html(v, c)}</td>'
                         for v, c in zip(row, columns)) + "</tr>"
        for row in data[:PAGE_ROWS])
    if not data:
        body = f'<tr><td colspan="{len(columns)}" class="empty">{esc(empty)}</td></tr>'
    more = len(data) - PAGE_ROWS
    fallback = (f'<p class="noscript">{more:,} more rows: open this file in a browser with '
                "scripts on to page, sort and filter them.</p>" if more > 0 else "")
    spec = {"columns": [c.to_json() for c in columns], "rows": data}
    return (
        f'<div class="tbl" data-table="{esc(table_id)}">'
        f'<div class="tbl-tools"><input type="search" placeholder="Filter rows" '
        f'aria-label="Filter {esc(caption or table_id)}"><span class="count">'
        f"{len(data):,} row{'' if len(data) == 1 else 's'}</span></div>"
        f'<div class="tbl-scroll"><table id="{esc(table_id)}">'
        + (f"<caption>{esc(caption)}</caption>" if caption else "")
        + f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></div>"
        f'<div class="pager"></div>{fallback}'
        f'<script type="application/json" id="{esc(table_id)}-data">{script_json(spec)}'
        "</script></div>")


def _cell_html(value: Any, column: Column) -> str:
    """A cell's HTML: its text escaped; a web address in a ``link`` column as a link (which
    the page never follows by itself)."""
    text = cell_text(value, column)
    if column.kind == "link" and text.startswith(("https://", "http://")):
        return f'<a href="{esc(text)}" rel="noopener noreferrer">{esc(text)}</a>'
    return esc(text)


def _align(column: Column) -> str:
    """The cell's CSS class: numbers right-aligned, long text given room."""
    if column.kind in ("num", "pct"):
        return "num"
    return "txt wide" if column.wide else "txt"


def _title(column: Column) -> str:
    return f' title="{esc(column.help)}"' if column.help else ""


def cards(items: Sequence[tuple[str, str, str]]) -> str:
    """Summary figures as cards: (label, value, small print)."""
    return '<div class="cards">' + "".join(
        f'<div class="card"><div class="label">{esc(label)}</div>'
        f'<div class="value">{esc(value)}</div>'
        + (f'<div class="small">{esc(small)}</div>' if small else "") + "</div>"
        for label, value, small in items) + "</div>"


def bars(rows: Sequence[tuple[str, float, str]], *, scale: float | None = None) -> str:
    """Horizontal bars, one per (label, value, value as text), longest = ``scale``."""
    top = scale if scale is not None else max((abs(v) for _, v, _ in rows), default=0.0)
    out = ['<div class="bars">']
    for label, value, text in rows:
        width = 0.0 if top <= 0 else min(100.0, 100.0 * abs(value) / top)
        sign = " neg" if value < 0 else ""
        out.append(f'<div class="bar-row"><span class="bar-label">{esc(label)}</span>'
                   f'<span class="bar-track"><span class="bar{sign}" '
                   f'style="width:{width:.1f}%"></span></span>'
                   f'<span class="bar-value">{esc(text)}</span></div>')
    out.append("</div>")
    return "".join(out)


def definition_list(items: Sequence[tuple[str, str]]) -> str:
    """Terms and their values (the parameters a run was made with)."""
    return "<dl class=\"params\">" + "".join(
        f"<dt>{esc(term)}</dt><dd>{esc(value)}</dd>" for term, value in items) + "</dl>"


def section(section_id: str, title: str, body: str, *, intro: str = "") -> str:
    """A titled section of the report, with a sentence saying what it shows."""
    return (f'<section id="{esc(section_id)}"><h2>{esc(title)}</h2>'
            + (f'<p class="intro">{esc(intro)}</p>' if intro else "") + body + "</section>")

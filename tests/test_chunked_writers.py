"""A plan's files written in chunks of rows (what ``corridor plan`` does, so that a
million-row plan's text is never held whole) are byte for byte the one-string texts: CSV in
every style, JSON and GeoJSON, for a plan with route lists, split shipments, unserved rows
and the book's own columns; whatever the chunk size. The all-or-none writer takes chunked
texts as it takes strings, and the book's reader gives the same book block by block."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_plan_tabletext import LISTS, _frame

from corridor.network_data.jsontext import dump_json, write_json
from corridor.network_data.model import Network
from corridor.reports import tabletext
from corridor.reports.files import Chunked, write_all_atomic
from corridor.reports.geojson_plan import plan_geojson, write_plan_geojson
from corridor.reports.json_plan import plan_json, write_plan_json
from corridor.reports.plan_csv import (
    CSV_STYLES,
    legs_csv,
    shipments_csv,
    write_legs_csv,
    write_shipments_csv,
)
from corridor.reports.tabletext import JsonFeatures, JsonRows, csv_chunks, csv_text
from corridor.reports.write_plan import plan_files
from corridor.routing.plan import Plan, plan
from corridor.routing.plan.result import LIST_COLUMNS

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "shipments.csv"
#: The book's own cells: a spreadsheet formula, numbers as text, separators and quotes in
#: a cell, non-ASCII, empty.
OWN = ['=HYPERLINK("x")', "-5", "a,b", 'say "hi"', "Ülba", "", "+1.5", "@ref", "x;y"]
#: Chunk sizes: one row, a few (every chunk boundary somewhere new), more than the rows.
SIZES = (1, 2, 7, 10_000)


def _book_text(own: list[str] = OWN) -> str:
    """The example book three times over (ids made unique), with two columns of its own
    (cells from ``own``) and shipments that cannot be served in time (unserved rows with a
    reason)."""
    rows = list(csv.reader(EXAMPLE.open(encoding="utf-8", newline="")))
    head, body = rows[0], rows[1:]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*head, "customer", "Contract No"])
    for copy in range(3):
        for i, row in enumerate(body):
            writer.writerow([f"{row[0]}-{copy}", *row[1:], own[(i + copy) % len(own)],
                             f"K-{i:03d}"])
        late = dict(zip(head, ["", "Oskemen", "Yokohama", "beryllium", "10", "", "2", "",
                               "", "cannot arrive in 2 days"]))
        writer.writerow([f"late-{copy}", *(late[h] for h in head[1:]), own[copy], ""])
    return out.getvalue()


@pytest.fixture(scope="module")
def result(net: Network) -> Plan:
    from corridor.network_data.shipments import parse_shipments

    made = plan(net, parse_shipments(_book_text(), net, source="book.csv"))
    rows = made.shipments
    # what the test claims to cover
    assert {"planned", "unserved"} <= set(rows["status"])
    assert (rows["route"] > 1).any()  # a split shipment
    assert list(rows.columns[-2:]) == ["customer", "Contract No"]
    assert rows["nodes"].map(len).max() > 3
    return made


@pytest.mark.parametrize("style", list(CSV_STYLES))
def test_chunked_csv_is_the_one_string_csv(result: Plan, style: str,
                                           monkeypatch: pytest.MonkeyPatch) -> None:
    want = {"plan": shipments_csv(result, style), "legs": legs_csv(result, style)}
    assert want["plan"].count(CSV_STYLES[style].line_end) == len(result.shipments) + 1
    for size in SIZES:
        monkeypatch.setattr(tabletext, "CHUNK_ROWS", size)
        for name, write in (("plan", write_shipments_csv), ("legs", write_legs_csv)):
            out = io.StringIO(newline="")
            write(result, out, style)
            assert out.getvalue() == want[name], (name, size)
        chunks = list(csv_chunks(result.shipments, LIST_COLUMNS, CSV_STYLES[style], size))
        assert len(chunks) == -(-len(result.shipments) // size)
        assert "".join(chunks) == want["plan"]


def test_chunked_csv_files_are_the_one_string_files(result: Plan, tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tabletext, "CHUNK_ROWS", 5)
    files = plan_files(result, shipments=tmp_path / "plan.csv", legs=tmp_path / "legs.csv",
                       geojson=tmp_path / "routes.geojson", style="excel-semicolon")
    assert all(isinstance(text, Chunked) for _, text in files)
    write_all_atomic(files)
    assert (tmp_path / "plan.csv").read_bytes() == \
        shipments_csv(result, "excel-semicolon").encode()
    assert (tmp_path / "legs.csv").read_bytes() == legs_csv(result, "excel-semicolon").encode()
    assert (tmp_path / "routes.geojson").read_bytes() == plan_geojson(result).encode()
    # calling a chunked text gives the whole text, as the function form of an output does
    assert files[0][1]() == shipments_csv(result, "excel-semicolon")


@pytest.mark.parametrize("size", SIZES)
def test_chunked_json_and_geojson_are_the_one_string_texts(
        result: Plan, size: int, monkeypatch: pytest.MonkeyPatch) -> None:
    want_json, want_geojson = plan_json(result), plan_geojson(result)
    monkeypatch.setattr(tabletext, "CHUNK_ROWS", size)
    for write, want in ((write_plan_json, want_json), (write_plan_geojson, want_geojson)):
        out = io.StringIO(newline="")
        write(result, out)
        assert out.getvalue() == want


@pytest.mark.parametrize("seed", range(6))
def test_chunks_of_mixed_columns_are_written_as_the_whole_column(seed: int) -> None:
    """A column with missing values or numbers only in some chunks (a chunk of it may be
    all strings) is written in every chunk as the whole column is."""
    frame = _frame(seed, [1, 2, 7, 40, 400, 9][seed])
    for style in CSV_STYLES.values():
        want = csv_text(frame, LISTS, style)
        for size in SIZES:
            assert "".join(csv_chunks(frame, LISTS, style, size)) == want
    rows = JsonRows(frame, LISTS)
    lines = (["{}"], np.zeros(len(frame), dtype=np.int64))
    features = JsonFeatures(frame, LISTS, lines, rows=np.arange(len(frame))[::-1].copy(),
                            columns=["route", "reason", "nodes"])
    for level in (0, 2):
        for size in SIZES:
            assert "".join(rows.json_chunks(level, size)) == rows.json_at(level)
            assert "".join(features.json_chunks(level, size)) == features.json_at(level)
        # rows and columns chosen: the same as a copy of the table with those alone
        copy = frame.iloc[::-1][["route", "reason", "nodes"]]
        assert features.json_at(level) == JsonFeatures(copy, LISTS, lines).json_at(level)


def test_write_json_is_dump_json_and_checks_numbers_first() -> None:
    frame = pd.DataFrame({"v": [1.5, np.nan, 2.0], "w": ["a", None, "c"]})
    doc = {"a": 1, "nested": {"t": JsonRows(frame, ()), "x": [1, 2]}, "t": JsonRows(frame, ()),
           "empty": JsonRows(frame.iloc[:0], ()), "z": {}}
    out = io.StringIO()
    write_json(doc, out)
    assert out.getvalue() == dump_json(doc)
    bad = {"a": 1, "t": JsonRows(pd.DataFrame({"v": [1.0, np.inf]}), ())}
    out = io.StringIO()
    with pytest.raises(ValueError, match="not JSON compliant"):
        write_json(bad, out)
    assert out.getvalue() == ""  # nothing written before the failure


def test_chunked_outputs_are_all_or_none(tmp_path: Path) -> None:
    """A chunked text that fails half-way leaves every file as it was; the string and
    function forms go on working beside it."""
    old = tmp_path / "old.csv"
    old.write_text("before\n")

    def half_then_fail(out: io.TextIOBase) -> None:
        out.write("a,b\n" * 1000)
        raise RuntimeError("the producer failed")

    with pytest.raises(RuntimeError, match="producer failed"):
        write_all_atomic([(tmp_path / "new.txt", "text"), (old, Chunked(half_then_fail))])
    assert old.read_text() == "before\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.csv"]  # no temporary left
    stream = io.StringIO()
    write_all_atomic([(old, Chunked(lambda out: out.write("x\n") and out.write("y\n"))),
                      (tmp_path / "f.txt", lambda: "made\n"), (stream, Chunked(
                          lambda out: [out.write(str(i)) for i in range(3)]))])
    assert old.read_text() == "x\ny\n"
    assert (tmp_path / "f.txt").read_text() == "made\n"
    assert stream.getvalue() == "012"


def test_book_read_block_by_block_is_the_same_book(net: Network,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    import corridor.network_data.shipments as shipments

    text = _book_text(["=1+1", "-5", "Ülba", "", "x;y"])  # no quotes: the column reader
    # padded cells and blank lines too: the strip and line numbers hold across blocks
    text = text.replace(",Oskemen,", ", Oskemen ,").replace("\n", "\n\n", 5)
    whole = shipments.parse_shipments(text, net, source="book.csv")
    assert shipments._parse_clean(text, net, "book.csv") is not None
    for size in (1, 50, 333):
        monkeypatch.setattr(shipments, "_BLOCK_CHARS", size)
        monkeypatch.setattr(shipments, "_INTERN_LIMIT", 2)  # ids stop being interned
        book = shipments.parse_shipments(text, net, source="book.csv")
        pd.testing.assert_frame_equal(book.to_frame(), whole.to_frame())
        assert book.line.tolist() == whole.line.tolist()
        assert {k: v.tolist() for k, v in book.extra.items()} == \
            {k: v.tolist() for k, v in whole.extra.items()}
    # equal cells of a repeating column are one string object (the memory of a big book)
    notes = whole.notes.tolist()
    assert len({id(n) for n in notes}) == len(set(notes))

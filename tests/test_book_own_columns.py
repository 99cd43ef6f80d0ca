"""A shipment book's own columns (customer, contract, comment...) are carried to the plan's
outputs, the same way by both readers; a misspelt standard column is still refused."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import run_cli
from tests_support import TINY

import corridor.network_data.shipments as shipments
from corridor.network_data.errors import InputError
from corridor.network_data.io import decode_text
from corridor.network_data.model import Network
from corridor.network_data.shipments import parse_shipments, shipments_from_records
from corridor.reports import plan_dict, plan_geojson_dict, shipments_csv
from corridor.routing.plan import plan

NET = ("--network", str(TINY))
BOOK = ("shipment_id,customer,origin,destination,commodity,tonnes,Contract No,max_days,notes\n"
        "s1,ACME,Alpha,Juliet,ore,1500000.5,007,,first\n"
        "s2,Ülba,Alpha,Juliet,ore,10,K-12,4,\n"
        "s3,,Alpha,Juliet,UOC,100,,,\n")
OWN = {"customer": ["ACME", "Ülba", ""], "Contract No": ["007", "K-12", ""]}


def _excel(text: str, quote_all: bool = False) -> str:
    """``text`` as Excel saves it where the decimal mark is a comma (';', CRLF, decimal
    commas), read back as a file is (BOM and line ends undone)."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([c.replace(".", ",") if h == "tonnes" else c for h, c in zip(rows[0], row)])
    return decode_text(b"\xef\xbb\xbf" + out.getvalue().encode())


def _both_readers(text: str, net: Network, monkeypatch: pytest.MonkeyPatch,
                  fast: bool) -> shipments.ShipmentBook:
    """The book of ``text`` by the column reader and by the row reader, checked equal."""
    column = shipments._parse_clean(text, net, "t.csv")
    assert (column is not None) == fast, "unexpected reading path"
    book = parse_shipments(text, net, source="t.csv")
    with monkeypatch.context() as patch:
        patch.setattr(shipments, "_parse_clean", lambda *_args: None)
        rows = parse_shipments(text, net, source="t.csv")
    assert book.shipments == rows.shipments
    assert list(book.extra) == list(rows.extra)
    assert book.to_frame().equals(rows.to_frame())
    return book


@pytest.mark.parametrize(("name", "text", "fast"), [
    ("plain", BOOK, True),
    ("Excel ';' with decimal commas", _excel(BOOK), True),
    ("Excel ';', every cell quoted", _excel(BOOK, quote_all=True), False),
    ("quoted cells", BOOK.replace("first", '"first, then"'), False),
    ("headers in other case", BOOK.replace("shipment_id", "Shipment ID")
     .replace("tonnes", "TONNES"), True),
])
def test_both_readers_keep_the_book_s_own_columns(name: str, text: str, fast: bool,
                                                  tiny_net: Network,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    book = _both_readers(text, tiny_net, monkeypatch, fast)
    assert {k: v.tolist() for k, v in book.extra.items()} == OWN  # in book order, as text
    assert book.shipments[0].extra == (("customer", "ACME"), ("Contract No", "007"))
    # a standard column in other case is that column, not one of the book's own
    assert [s.tonnes for s in book.shipments] == [1500000.5, 10.0, 100.0]


@pytest.mark.parametrize("header", ["max_day", "tonne", "orign", "Max Day"])
def test_a_misspelt_standard_column_is_still_refused(header: str, tiny_net: Network,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    meant = {"max_day": "max_days", "tonne": "tonnes", "orign": "origin",
             "Max Day": "max_days"}[header]
    text = BOOK.replace(meant if meant != "max_days" else "max_days", header, 1)
    for reader in ("column", "row"):
        with monkeypatch.context() as patch:
            if reader == "row":
                patch.setattr(shipments, "_parse_clean", lambda *_args: None)
            with pytest.raises(InputError) as err:
                parse_shipments(text, tiny_net, source="t.csv")
        first = str(err.value.problems[0])
        assert first.startswith(f"t.csv line 1, field {header.lower().replace(' ', '_')}: "
                                f"unknown column (did you mean {meant}? "), (reader, first)


def test_a_column_near_one_the_book_has_is_its_own(tiny_net: Network,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    """``note`` beside ``notes`` cannot be a misspelling of it: it is carried."""
    text = BOOK.replace(",notes\n", ",notes,note\n").replace("first\n", "first,x\n") \
        .replace(",4,\n", ",4,,y\n").replace(",,,\n", ",,,,\n")
    book = _both_readers(text, tiny_net, monkeypatch, fast=True)
    assert book.extra["note"].tolist() == ["x", "y", ""]


def test_records_and_frames_keep_their_own_columns(tiny_net: Network) -> None:
    records = [{"shipment_id": "a", "origin": "Alpha", "destination": "Juliet",
                "commodity": "ore", "tonnes": 5, "buyer": "B", "lot": 7},
               {"shipment_id": "b", "origin": "Alpha", "destination": "Juliet",
                "commodity": "ore", "tonnes": 6, "buyer": None}]
    book = shipments_from_records(records, tiny_net)
    assert {k: v.tolist() for k, v in book.extra.items()} == {"buyer": ["B", ""],
                                                               "lot": ["7", ""]}
    assert (book.path, book.sha256) == (None, None)
    again = shipments_from_records(book.to_frame(), tiny_net)
    assert again.shipments == book.shipments
    misspelt = {k: v for k, v in records[0].items() if k != "tonnes"}
    with pytest.raises(InputError) as err:
        shipments_from_records([{**misspelt, "tonne": 5}], tiny_net)
    assert [(p.row, p.field) for p in err.value.problems] == [(None, "tonne"),
                                                              (None, "tonnes")]
    assert "did you mean tonnes?" in err.value.problems[0].message


def test_plan_outputs_carry_them_after_the_standard_columns(tiny_net: Network) -> None:
    result = plan(tiny_net, parse_shipments(BOOK, tiny_net, source="book.csv"))
    text = shipments_csv(result)
    header = text.splitlines()[0].split(",")
    assert header[-3:] == ["notes", "customer", "Contract No"]
    frame = pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)
    own = frame.set_index(["shipment_id", "status", "route"])[["customer", "Contract No"]]
    # s1 split over two routes, s2 unserved (no route within 4 days): every row has them
    assert own.to_dict("index") == {
        ("s1", "planned", "1"): {"customer": "ACME", "Contract No": "007"},
        ("s1", "planned", "2"): {"customer": "ACME", "Contract No": "007"},
        ("s2", "unserved", "0"): {"customer": "Ülba", "Contract No": "K-12"},
        ("s3", "planned", "1"): {"customer": "", "Contract No": ""}}
    rows = plan_dict(result)["shipments"]
    assert [(r["customer"], r["Contract No"]) for r in rows] == [
        ("ACME", "007"), ("ACME", "007"), ("Ülba", "K-12"), ("", "")]  # text, never 7
    features = plan_geojson_dict(result)["features"]
    assert {f["properties"]["customer"] for f in features} == {"ACME", ""}


def test_a_column_named_like_one_the_plan_writes_is_refused(tiny_net: Network,
                                                            tmp_path: Path) -> None:
    text = BOOK.replace("customer", "Route")
    with pytest.raises(InputError) as err:
        plan(tiny_net, parse_shipments(text, tiny_net, source="book.csv"))
    assert [str(p) for p in err.value.problems] == [
        "book.csv, field Route: the plan writes a column 'route' of its own; rename this one "
        "in the book"]
    book, out = tmp_path / "book.csv", tmp_path / "plan.csv"
    book.write_text(text, encoding="utf-8")  # read from a file: its header is line 1
    res = run_cli("plan", str(book), *NET, "-o", str(out))
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [f"error: {book} line 1, field Route: the plan "
                                               "writes a column 'route' of its own; rename "
                                               "this one in the book"]
    assert not out.exists()


def test_cli_notes_them_once_and_writes_them(tmp_path: Path) -> None:
    book, out = tmp_path / "book.csv", tmp_path / "plan.csv"
    book.write_text(BOOK, encoding="utf-8")
    res = run_cli("plan", str(book), *NET, "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    assert res.stderr.splitlines() == [
        f"note: {book}: columns customer, Contract No are not used by the planner; carried "
        "through to the outputs", f"wrote {out}"]
    assert out.read_text(encoding="utf-8").splitlines()[0].endswith(",notes,customer,"
                                                                    "Contract No")
    assert json.loads(res.stdout)["shipments"][0]["Contract No"] == "007"
    plain = run_cli("plan", str(TINY.parent / "shipments_plain.csv"), *NET)
    assert "note:" not in plain.stderr

"""Reading shipment books: every defect reported at once, with its line; Excel CSVs read."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import DATA

from corridor.network_data.errors import InputError
from corridor.network_data.model import Network
from corridor.network_data.shipments import read_shipments, shipments_from_records
from corridor.network_data.vocabulary import Selector

CASES = {
    "shipments_unknown_place.csv": [(3, "origin", "unknown place 'Alpah'; did you mean Alpha")],
    "shipments_negative_tonnes.csv": [(2, "tonnes", "-5 must be > 0")],
    "shipments_zero_tonnes.csv": [(2, "tonnes", "0 must be > 0")],
    "shipments_tonnes_not_a_number.csv": [(2, "tonnes", "'lots' is not a number")],
    "shipments_unknown_commodity.csv": [(2, "commodity", "unknown commodity 'gold'")],
    "shipments_duplicate_id.csv": [(3, "shipment_id", "duplicate shipment_id 's1' (first on "
                                                      "line 2)")],
    "shipments_missing_column.csv": [(1, "tonnes", "required column is missing")],
    "shipments_bad_max_days.csv": [(2, "max_days", "'soon' is not a number")],
    "shipments_negative_value.csv": [(2, "value_usd_per_t", "-3 must be > 0")],
    "shipments_unknown_avoid.csv": [(2, "avoid", "'XX' names no country, passage, "
                                                 "corridor")],
    "shipments_same_origin_destination.csv": [(2, "destination", "origin and destination are "
                                                                 "the same place")],
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_each_defect_is_reported_with_its_line(name: str, tiny_net: Network) -> None:
    with pytest.raises(InputError) as err:
        read_shipments(DATA / name, tiny_net)
    got = [(p.row, p.field, p.message) for p in err.value.problems]
    assert len(got) == len(CASES[name]), got
    for (row, field, message), (erow, efield, etext) in zip(got, CASES[name]):
        assert (row, field) == (erow, efield)
        assert etext in message
    assert all(p.source.endswith(name) for p in err.value.problems)


def test_all_problems_reported_at_once(tiny_net: Network) -> None:
    with pytest.raises(InputError) as err:
        read_shipments(DATA / "shipments_four_defects.csv", tiny_net)
    got = [(p.row, p.field) for p in err.value.problems]
    assert got == [(3, "origin"), (3, "tonnes"), (4, "tonnes"), (4, "commodity"),
                   (5, "shipment_id")]


def test_excel_bom_crlf_reads_like_plain(tiny_net: Network) -> None:
    excel = read_shipments(DATA / "shipments_excel_bom_crlf.csv", tiny_net)
    plain = read_shipments(DATA / "shipments_plain.csv", tiny_net)
    assert excel.shipments == plain.shipments
    s2 = excel.shipments[1]
    assert (s2.origin, s2.destination, s2.commodity) == ("kz-a", "jp-dest", "test_uoc")
    assert s2.class7_only and s2.value_usd_per_t == 100000.0
    assert s2.avoid == frozenset({Selector("country", "RU")}) and s2.notes == "Excel, with a comma"


def test_missing_file(tiny_net: Network) -> None:
    with pytest.raises(InputError, match="file not found"):
        read_shipments(DATA / "nope.csv", tiny_net)


def test_records_and_frame(tiny_net: Network) -> None:
    book = shipments_from_records([{"shipment_id": "a", "origin": "Alpha",
                                    "destination": "Juliet", "commodity": "ore",
                                    "tonnes": 5, "avoid": ["trans_caspian"]}], tiny_net)
    assert book.shipments[0].avoid == frozenset({Selector("corridor", "trans_caspian")})
    again = shipments_from_records(book.to_frame(), tiny_net)
    assert again.shipments[0].tonnes == 5.0
    with pytest.raises(InputError) as err:
        shipments_from_records([{"shipment_id": "a", "origin": "Alpha", "destination": "Zulu",
                                 "commodity": "ore", "tonnes": 5}], tiny_net)
    assert err.value.problems[0].row == 1


def test_example_book_reads_on_embedded_network(net: Network) -> None:
    book = read_shipments(DATA.parent.parent / "examples" / "shipments.csv", net)
    assert len(book) >= 24
    assert {s.destination[:2] for s in book.shipments} >= {"JP", "KR", "NL", "US"}


def test_mixed_empty_and_given_numbers_keep_defaults(tmp_path: Path) -> None:
    """An override on one row must not turn the other rows' empty cells into NaN."""
    from corridor.network_data import load_network
    from corridor.routing.plan import plan

    net = load_network()
    book_csv = tmp_path / "mixed.csv"
    book_csv.write_text(
        "shipment_id,origin,destination,commodity,tonnes,value_usd_per_t,max_days,"
        "unserved_usd_per_t\n"
        "a,Oskemen,Yokohama,beryllium,10,450000,,\n"
        "b,Almaty,Busan,tungsten_concentrate,100,,40,\n"
        "c,Aktobe,Rotterdam,chrome_ore,1000,,,5000\n")
    book = read_shipments(book_csv, net)
    values = {s.shipment_id: s.value_usd_per_t for s in book.shipments}
    assert values == {"a": 450000.0, "b": 20000.0, "c": 300.0}
    assert [s.max_days for s in book.shipments] == [None, 40.0, None]
    assert [s.unserved_usd_per_t for s in book.shipments] == [None, None, 5000.0]
    result = plan(net, book)
    assert result.summary["unserved_tonnes"] == 0.0


CLEAN_BOOKS = {
    "plain": "shipment_id,origin,destination,commodity,tonnes\n"
             "a,Alpha,Juliet,ore,5\nb,kz-a,jp-dest,test_uoc,1_000.5\n",
    "padded cells, blank lines, optional columns": (
        "\n shipment_id , origin,destination,commodity,tonnes,max_days,avoid,notes\n"
        "a , Alpha,Juliet ,ore, 5 ,,RU; trans_caspian,  first\n\n"
        "b,kz-a,jp-dest,test_uoc,7,30,,\u00a0\n"),
    "quoted cells (row-by-row reading)": (
        "shipment_id,origin,destination,commodity,tonnes,value_usd_per_t,notes\n"
        'a,Alpha,Juliet,ore,5,250,"buyer, Osaka"\n"b",kz-a,jp-dest,test_uoc,2.5e3,,\n'),
}


@pytest.mark.parametrize("name", sorted(CLEAN_BOOKS))
def test_column_reader_equals_row_reader(name: str, tiny_net: Network,
                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The fast column-wise reading of a clean book gives exactly the row-by-row book."""
    import corridor.network_data.shipments as shipments

    text = CLEAN_BOOKS[name]
    fast = shipments._parse_clean(text, tiny_net, "t.csv")
    assert (fast is None) == name.startswith("quoted"), "unexpected reading path"
    book = shipments.parse_shipments(text, tiny_net, source="t.csv")
    monkeypatch.setattr(shipments, "_parse_clean", lambda *_args: None)
    slow = shipments.parse_shipments(text, tiny_net, source="t.csv")
    assert book.shipments == slow.shipments
    assert book.to_frame().equals(slow.to_frame())
    assert [s.line for s in book.shipments] == [s.line for s in slow.shipments]
    assert len({s.shipment_id for s in book.shipments}) == 2


@pytest.mark.parametrize(("text", "padded"), [
    ("a,b\nc,d\n", False), ("a, b\n", True), ("a ,b\n", True), (" a,b\n", True),
    ("a,b \n", True), ("a,b\n c\n", True), ("a,b ", True), ("a,b\tc\n", False),
    ("a,\tb\n", True), ("a,b\x1f\n", True), ("a,b\u00a0\n", True), ("a,\u00e9 b\n", False),
    ("a,\u2003b\n", True), ("a\n\nb\n", False)])
def test_padded_cell_detection(text: str, padded: bool) -> None:
    from corridor.network_data.shipments import _has_padded_cell

    assert _has_padded_cell(text) is padded
    cells = [c for line in text.split("\n") for c in line.split(",")]
    assert padded == any(c != c.strip() for c in cells)


def test_books_naming_nodes_by_id_need_no_name_index(net: Network) -> None:
    """An exact node id resolves to itself without building the name index; names and
    aliases still go through it, and both paths name the same nodes."""
    fresh = net.replace()  # a new object: no cached indexes yet
    book = shipments_from_records([{"shipment_id": "a", "origin": "kz-oskemen",
                                    "destination": "JPYOK", "commodity": "beryllium",
                                    "tonnes": 10}], fresh)
    assert (book.shipments[0].origin, book.shipments[0].destination) == \
        ("kz-oskemen", "JPYOK")
    assert "places" not in fresh.__dict__
    assert fresh.place_id("Ust-Kamenogorsk") == "kz-oskemen"
    assert "places" in fresh.__dict__
    for node in net.nodes.index[:50]:
        assert fresh.place_id(str(node)) == fresh.places.get(str(node)) == node
    assert fresh.place_id("no such place") is None

"""CSV as spreadsheets save it: ';'- or tab-separated with decimal commas (Excel where the
comma is the decimal separator), digit grouping, another code page. Each reads the same as
a plain file or is refused with one clear line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from conftest import run_cli
from tests_support import DATA, TINY, without_book

from corridor.network_data import load_network
from corridor.network_data.errors import InputError
from corridor.network_data.io import cell_separator, number_text
from corridor.network_data.model import Network
from corridor.network_data.schema import COMMODITIES, LEGS, NODES, SOURCES
from corridor.network_data.shipments import parse_shipments, read_shipments
from corridor.network_data.vocabulary import Selector

NET = ("--network", str(TINY))


@pytest.mark.parametrize(("raw", "decimal_comma", "expected"), [
    ("1200", False, "1200"), ("1200.5", False, "1200.5"), ("1,200", False, "1200"),
    ("1,200.75", False, "1200.75"), ("-12,345,678", False, "-12345678"),
    ("1 200", False, "1200"), ("1\u00a0200.5", False, "1200.5"),
    ("1\u202f200", False, "1200"),
    ("1,20", False, "1,20"),  # not grouping: left for float() to refuse
    ("12,5", True, "12.5"), ("-1,5", True, "-1.5"), ("1.200,5", True, "1200.5"),
    ("1.200.000", True, "1200000"), ("1\u00a0200,5", True, "1200.5"), ("12.5", True, "12.5"),
    ("0.125", True, "0.125"), ("1,5e3", True, "1.5e3"), ("1,2,3", True, "1,2,3"),
    ("1 2", False, "1 2"),  # not groups of three: not a number
])
def test_number_text(raw: str, decimal_comma: bool, expected: str) -> None:
    assert number_text(raw, decimal_comma) == expected


@pytest.mark.parametrize(("raw", "message"), [
    ("1.200", "'1.200' is ambiguous where the decimal separator is a comma (1,2 or 1200?): "
              "write 1200 or 1,2"),
    ("-250.500", "(-250,5 or -250500?)")])
def test_dot_grouping_where_the_decimal_is_a_comma_is_refused(raw: str, message: str) -> None:
    with pytest.raises(ValueError) as err:
        number_text(raw, decimal_comma=True)
    assert message in str(err.value)


@pytest.mark.parametrize(("text", "separator"), [
    ("a,b;c\n", ","), ("a;b\n", ";"), ("a\tb\n", "\t"), ("\n\n a;b\nc,d\n", ";"),
    ("ab\n", ","), ("", ","), ("\n\n", ",")])
def test_cell_separator_is_read_from_the_header(text: str, separator: str) -> None:
    assert cell_separator(text) == separator


def test_excel_semicolon_book_reads_like_plain(tiny_net: Network) -> None:
    excel = read_shipments(DATA / "shipments_excel_semicolon.csv", tiny_net)
    plain = read_shipments(DATA / "shipments_plain.csv", tiny_net)
    assert excel.shipments == plain.shipments
    assert excel.shipments[0].tonnes == 1000.0 and excel.shipments[1].notes == \
        "Excel, with a comma"


def _resave(text: str, separator: str, decimal_comma: bool, numeric: set[str],
            quote_all: bool = False) -> str:
    """``text`` (a comma CSV) as a spreadsheet would save it with ``separator``."""
    rows = list(csv.reader(io.StringIO(text)))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=separator, lineterminator="\r\n",
                        quoting=csv.QUOTE_ALL if quote_all else csv.QUOTE_MINIMAL)
    writer.writerow(rows[0])
    for row in rows[1:]:
        writer.writerow([cell.replace(".", ",") if decimal_comma and name in numeric else cell
                         for name, cell in zip(rows[0], row)])
    return out.getvalue()


BOOK = ("shipment_id,origin,destination,commodity,tonnes,value_usd_per_t,max_days,avoid,"
        "unserved_usd_per_t,notes\n"
        "a,Alpha,Juliet,ore,5.25,250.5,30.5,\"RU,trans_caspian\",,\"buyer, Osaka\"\n"
        "b,kz-a,jp-dest,test_uoc,1200,,,,1500.75,\n"
        "c,Alpha,Juliet,ore,0.5,,,RU,,plain\n"
        "d,Alpha,Juliet,ore,0.5,,,\"ru, trans_caspian\",,\n")
NUMERIC = {"tonnes", "value_usd_per_t", "max_days", "unserved_usd_per_t"}


@pytest.mark.parametrize(("separator", "decimal_comma"), [(";", True), ("\t", True),
                                                          (";", False)])
@pytest.mark.parametrize("quoted", [True, False])
def test_resaved_book_reads_like_the_original(separator: str, decimal_comma: bool,
                                              quoted: bool, tiny_net: Network,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """Both readers (column-wise for a quote-free file, row by row) give the book of the
    comma original."""
    import corridor.network_data.shipments as shipments

    text = _resave(BOOK, separator, decimal_comma, NUMERIC, quote_all=quoted)
    assert ('"' in text) == quoted  # nothing needs quotes once ',' does not separate cells
    expected = parse_shipments(BOOK, tiny_net).shipments
    assert all(Selector("corridor", "trans_caspian") in s.avoid for s in expected[::3])
    fast = shipments._parse_clean(text, tiny_net, "t.csv")
    assert (fast is None) == quoted, "unexpected reading path"
    assert parse_shipments(text, tiny_net).shipments == expected
    monkeypatch.setattr(shipments, "_parse_clean", lambda *_args: None)
    assert parse_shipments(text, tiny_net).shipments == expected


def test_network_tables_saved_with_semicolons_load_the_same(tmp_path: Path) -> None:
    specs = {"nodes": NODES, "legs": LEGS, "sources": SOURCES, "commodities": COMMODITIES}
    for name, spec in specs.items():
        numeric = {c.name for c in spec.columns if c.dtype in ("float", "int")}
        text = (TINY / f"{name}.csv").read_text(encoding="utf-8")
        (tmp_path / f"{name}.csv").write_text(_resave(text, ";", True, numeric),
                                              encoding="utf-8-sig", newline="")
    resaved, original = load_network(directory=tmp_path), load_network(directory=TINY)
    assert resaved.legs.equals(original.legs) and resaved.nodes.equals(original.nodes)
    assert resaved.commodities.equals(original.commodities)


def test_cli_semicolon_book_plans_like_plain() -> None:
    a = run_cli("plan", str(DATA / "shipments_excel_semicolon.csv"), *NET, "--json")
    b = run_cli("plan", str(DATA / "shipments_plain.csv"), *NET, "--json")
    assert a.returncode == 0, a.stderr
    assert without_book(a.stdout) == without_book(b.stdout)  # the same plan of other bytes


@pytest.mark.parametrize(("body", "error"), [
    ("shipment_id;origin;destination;commodity;tonnes\ns1;Alpha;Juliet;ore;1.500\n",
     "book.csv line 2, field tonnes: '1.500' is ambiguous where the decimal separator is a "
     "comma (1,5 or 1500?): write 1500 or 1,5"),
    ('shipment_id,origin,destination,commodity,tonnes\ns1,Alpha,Juliet,ore,"1,5"\n',
     "book.csv line 2, field tonnes: '1,5' is not a number (in a comma-separated file the "
     "decimal separator is '.')"),
    ("shipment_id|origin|destination|commodity|tonnes\ns1|Alpha|Juliet|ore|15\n",
     "book.csv line 1: the header 'shipment_id|origin|destination|commodity|tonnes' is one "
     "cell: separate the columns with commas (or semicolons, or tabs)"),
])
def test_cli_refuses_unreadable_numbers_and_headers(tmp_path: Path, body: str,
                                                    error: str) -> None:
    book, out = tmp_path / "book.csv", tmp_path / "plan.csv"
    book.write_text(body, encoding="utf-8")
    res = run_cli("plan", str(book), *NET, "-o", str(out))
    assert res.returncode == 2
    assert res.stderr.strip().splitlines() == [f"error: {book.parent / error}"]
    assert not out.exists()


def test_book_in_another_code_page_names_the_line(tiny_net: Network, tmp_path: Path) -> None:
    book = tmp_path / "cp1251.csv"
    book.write_bytes("shipment_id,origin,destination,commodity,tonnes,notes\n"
                     "s1,Alpha,Juliet,ore,15,\n"
                     "s2,Alpha,Juliet,ore,15,Примечание\n".encode("cp1251"))
    with pytest.raises(InputError) as err:
        read_shipments(book, tiny_net)
    (problem,) = err.value.problems
    assert (problem.row, problem.message) == (
        3, "cannot read: not UTF-8 text (from Excel, save as 'CSV UTF-8')")


def test_header_case_and_spaces_do_not_matter(tiny_net: Network,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """"Shipment ID", "Max days" or "TONNES" name their columns, on both readers."""
    import corridor.network_data.shipments as shipments

    plain = parse_shipments(BOOK, tiny_net).shipments
    header, body = BOOK.split("\n", 1)
    spelled = header.replace("shipment_id", " Shipment ID").replace("max_days", "Max-Days") \
        .replace("tonnes", "TONNES").replace("value_usd_per_t", "Value USD per t")
    text = _resave(spelled + "\n" + body, ";", True, NUMERIC)
    assert shipments._parse_clean(text, tiny_net, "t.csv") is not None
    assert parse_shipments(text, tiny_net).shipments == plain
    monkeypatch.setattr(shipments, "_parse_clean", lambda *_args: None)
    assert parse_shipments(text, tiny_net).shipments == plain


def test_header_problems_name_the_column(tiny_net: Network) -> None:
    """A column given twice and a misspelt one are refused; a column of the book's own
    (``buyer``) is not a problem."""
    text = ("shipment_id,origin,destination,commodity,tonnes,Tonnes,max_day,buyer\n"
            "a,Alpha,Juliet,ore,5,6,3,x\n")
    with pytest.raises(InputError) as err:
        parse_shipments(text, tiny_net, source="t.csv")
    assert [str(p) for p in err.value.problems] == [
        "t.csv line 1, field tonnes: column given twice (columns 5 and 6)",
        "t.csv line 1, field max_day: unknown column (did you mean max_days? expected one "
        "of: shipment_id, origin, destination, commodity, tonnes, value_usd_per_t, max_days, "
        "avoid, unserved_usd_per_t, service, notes)"]

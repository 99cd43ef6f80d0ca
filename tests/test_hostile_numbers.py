"""Hostile numbers: NaN, infinities, huge and tiny values, contradictions, wide headers and
UTF-16 files, in options, shipment books and network tables.

Every number corridor reads has a plausible range (``corridor.network_data.schema.RANGES``);
a value outside it, NaN or an infinity is one line naming the file, row and field (or the
option), exit 2, and nothing written. The solver is never handed a number it cannot scale:
the fuzz at the end reads random books and plans every one that reads.
"""

from __future__ import annotations

import re
import shutil
import warnings
from pathlib import Path

import pytest
from conftest import run_cli
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests_support import TINY

from corridor.network_data.errors import InputError, SolverError
from corridor.network_data.load import load_network
from corridor.network_data.model import Network
from corridor.network_data.schema import (
    OBSERVATION_METRICS,
    OPTIONAL_TABLES,
    RANGES,
    RATE_COMPONENTS,
    TABLES,
)
from corridor.network_data.shipments import (
    SHIPMENTS,
    ShipmentBook,
    shipments_from_bytes,
    shipments_from_records,
)
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan

BOOK_HEADER = "shipment_id,origin,destination,commodity,tonnes"
ROUTE = ("route", "Alpha", "Juliet", "--network", str(TINY))

#: (options after `corridor route Alpha Juliet --network tiny`, the error line's pattern)
ROUTE_CASES = [
    (("--tonnes", "nan"), r"field --tonnes: nan is not a finite number$"),
    (("--tonnes", "1e308"), r"field --tonnes: 1e308 is outside the plausible range "
                            r"0\.001 to 1e9 t$"),
    (("--tonnes", "1e-7"), r"field --tonnes: 1e-7 is outside the plausible range .*kilogram"),
    (("--risk-weight", "nan"), r"field --risk-weight: nan is not a finite number$"),
    (("--risk-weight", "1e400"), r"field --risk-weight: inf is not a finite number \(.*1e309"),
    (("--risk-weight", "5000"), r"field --risk-weight: 5000 is outside the plausible range "
                                r"0 to 1000$"),
    (("--value-usd-per-t", "nan"), r"field --value-usd-per-t: nan is not a finite number$"),
    (("--value-usd-per-t", "1e308"), r"field --value-usd-per-t: 1e308 is outside"),
    (("--value-usd-per-t", "0"), r"field --value-usd-per-t: 0 must be > 0$"),
    (("--carrying-rate", "inf"), r"field --carrying-rate: inf is not a finite number"),
    (("--carrying-rate", "-0.1"), r"field --carrying-rate: -0\.1 must be ≥ 0$"),
    (("--loss-share", "nan"), r"field --loss-share: nan is not a finite number$"),
    (("--loss-share", "2"), r"field --loss-share: 2 is outside the plausible range 0 to 1"),
    (("--penalty", "CN=inf"), r"field --penalty: CN: inf is not a finite number"),
    (("--penalty", "CN=nan"), r"field --penalty: CN: nan is not a finite number$"),
    (("--penalty", "CN=1e9"), r"field --penalty: CN: 1e9 is outside the plausible range "
                              r"0 to 1e6 USD/t \(to keep routes off it, avoid it\)$"),
    (("--penalty", "CN=1", "--penalty", "CN=2"),
     r"field --penalty: 'CN=2' contradicts 'CN=1': give CN once$"),
    (("--penalty", "cn=1", "--penalty", "CN=2"), r"field --penalty: CN is given twice"),
    (("--alternatives", "1000"), r"field --alternatives: 1000 is outside the plausible range "
                                 r"0 to 100$"),
]


def _one_error(stderr: str, pattern: str) -> None:
    """stderr is one line, an error matching ``pattern``: no traceback, no wrong diagnosis."""
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert lines[0].startswith("error: "), stderr
    assert re.search(pattern, lines[0]), (pattern, lines[0])


@pytest.mark.parametrize(("options", "pattern"), ROUTE_CASES,
                         ids=[" ".join(c[0]) for c in ROUTE_CASES])
def test_route_option_out_of_range(options: tuple[str, ...], pattern: str,
                                   tmp_path: Path) -> None:
    out = tmp_path / "routes.geojson"
    res = run_cli(*ROUTE, *options, "--geojson", str(out))
    assert res.returncode == 2, res.stderr
    _one_error(res.stderr, "^error: command line, " + pattern)
    assert res.stdout == "" and not out.exists()


@pytest.mark.parametrize("options", [
    ("--risk-weight", "1000", "--carrying-rate", "10", "--loss-share", "1", "--tonnes", "1e9",
     "--value-usd-per-t", "1e9", "--penalty", "CN=1e6"),
    ("--risk-weight", "0", "--carrying-rate", "0", "--tonnes", "0.001",
     "--value-usd-per-t", "1e-300", "--alternatives", "100")])
def test_route_at_the_ends_of_the_ranges(options: tuple[str, ...]) -> None:
    """The ends of the ranges answer, switching points included (their search stops at the
    largest plausible risk weight instead of refusing its own bracket)."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        res = run_cli(*ROUTE, *options)
    assert res.returncode == 0, res.stderr
    assert "What would change the choice" in res.stdout or "No penalty" in res.stdout


def _book(folder: Path, rows: str, header: str = BOOK_HEADER) -> Path:
    path = folder / "book.csv"
    path.write_text(f"{header}\n{rows}", encoding="utf-8")
    return path


#: (options after `corridor plan book.csv --network tiny`, the error line's pattern)
PLAN_CASES = [
    (("--max-share", "CN=0.3", "--max-share", "CN=0.9"),
     r"field --max-share: 'CN=0\.9' contradicts 'CN=0\.3': give CN once$"),
    (("--max-share", "CN=0.3,CN=90%"), r"field --max-share: 'CN=90%' contradicts 'CN=0\.3'"),
    (("--max-share", "cn=0.3", "--max-share", "CN=0.9"),
     r"field --max-share: 'cn' names CN, capped twice$"),
    (("--max-share", "CN=nan"), r"field --max-share: CN=nan: the share must be between"),
    (("--penalty", "CN=1", "--penalty", "CN=2"), r"field --penalty: 'CN=2' contradicts"),
    (("--horizon-days", "nan"), r"field --horizon-days: nan is not a finite number$"),
    (("--horizon-days", "1e308"), r"field --horizon-days: 1e308 is outside the plausible "
                                  r"range 1 to 3650 days$"),
    (("--horizon-days", "0"), r"field --horizon-days: 0 must be > 0$"),
    (("--time-limit", "inf"), r"field --time-limit: inf is not a finite number"),
    (("--risk-weight", "nan"), r"field --risk-weight: nan is not a finite number$"),
]


@pytest.mark.parametrize(("options", "pattern"), PLAN_CASES,
                         ids=[" ".join(c[0]) for c in PLAN_CASES])
def test_plan_option_out_of_range(options: tuple[str, ...], pattern: str,
                                  tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,1000\n")
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), "--network", str(TINY), *options, "-o", str(out))
    assert res.returncode == 2, res.stderr
    _one_error(res.stderr, "^error: command line, " + pattern)
    assert not out.exists()


#: (a book's cells after the required ones' header, the row, the error line's pattern)
BOOK_CASES = [
    ("", "s1,Alpha,Juliet,ore,1e308", r"line 2, field tonnes: 1e308 is outside the "
                                      r"plausible range 0\.001 to 1e9 t$"),
    ("", "s1,Alpha,Juliet,ore,1e100", r"line 2, field tonnes: 1e100 is outside"),
    ("", "s1,Alpha,Juliet,ore,1e-7", r"line 2, field tonnes: 1e-7 is outside .*kilogram"),
    ("", "s1,Alpha,Juliet,ore,nan", r"line 2, field tonnes: 'nan' is not a finite number$"),
    ("", "s1,Alpha,Juliet,ore,-inf", r"line 2, field tonnes: '-inf' is not a finite number$"),
    ("", "s1,Alpha,Juliet,ore,1e400", r"line 2, field tonnes: '1e400' is not a finite number"),
    (",value_usd_per_t", "s1,Alpha,Juliet,ore,5,1e308",
     r"line 2, field value_usd_per_t: 1e308 is outside the plausible range 0 to 1e9 USD/t$"),
    (",max_days", "s1,Alpha,Juliet,ore,5,1e9",
     r"line 2, field max_days: 1e9 is outside the plausible range 0 to 3650 days$"),
    (",unserved_usd_per_t", "s1,Alpha,Juliet,ore,5,1e308",
     r"line 2, field unserved_usd_per_t: 1e308 is outside"),
]


@pytest.mark.parametrize(("extra", "row", "pattern"), BOOK_CASES,
                         ids=[c[1] for c in BOOK_CASES])
def test_book_number_out_of_range(extra: str, row: str, pattern: str, tmp_path: Path) -> None:
    book = _book(tmp_path, row + "\n", BOOK_HEADER + extra)
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), "--network", str(TINY), "-o", str(out))
    assert res.returncode == 2, res.stderr
    _one_error(res.stderr, "^error: " + re.escape(str(book)) + " " + pattern)
    assert not out.exists()


def test_a_wide_header_is_a_bounded_list(tmp_path: Path) -> None:
    """20,000 columns near no known one, in a network table: ten lines, then one counting
    the rest (a book would keep them as its own columns, so the nodes table is the case)."""
    net = tmp_path / "net"
    shutil.copytree(TINY, net)
    lines = (net / "nodes.csv").read_text(encoding="utf-8").splitlines()
    n = 20_000
    wide = [lines[0] + "".join(f",colour{i}" for i in range(n))] + \
        [line + "," * n for line in lines[1:]]
    (net / "nodes.csv").write_text("\n".join(wide) + "\n", encoding="utf-8")
    out = tmp_path / "routes.geojson"
    res = run_cli(*ROUTE[:3], "--network", str(net), "--geojson", str(out))
    assert res.returncode == 2
    errors = res.stderr.strip().splitlines()
    assert len(errors) == 11, errors[:3]
    assert errors[-1].endswith(f"line 1: {n - 10:,} more problems with columns (colour10, "
                               "colour11, colour12, colour13, colour14, ...): check the "
                               "header, or that this is the right file")
    assert not out.exists()


def test_columns_given_twice_are_a_bounded_list(tmp_path: Path) -> None:
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,5" + ",5" * 500 + "\n",
                 BOOK_HEADER + ",tonnes" * 500)
    res = run_cli("plan", str(book), "--network", str(TINY))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 11 and "490 more problems with columns (tonnes" in lines[-1]


@pytest.mark.parametrize("encoding", ["utf-16-le", "utf-16-be", "utf-16", "utf-32"])
def test_a_utf16_book_is_one_line(encoding: str, tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_bytes(f"{BOOK_HEADER}\r\ns1,Alpha,Juliet,ore,5\r\n".encode(encoding))
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), "--network", str(TINY), "-o", str(out))
    assert res.returncode == 2
    _one_error(res.stderr, f"^error: {re.escape(str(book))}: cannot read: not UTF-8 but "
                           r"UTF-16 \(or UTF-32\) text \(save it as UTF-8; from Excel, as "
                           r"'CSV UTF-8'\)$")
    assert not out.exists()


def test_a_utf16_network_table_is_one_line(tmp_path: Path) -> None:
    """Non-ASCII names (Альфа, ジュリエット) make UTF-16 bytes that are not UTF-8 either:
    still the one line, not the other tables' references to the nodes it could not read."""
    nodes = tmp_path / "nodes.csv"
    nodes.write_bytes((TINY / "nodes.csv").read_text(encoding="utf-8").encode("utf-16-le"))
    res = run_cli(*ROUTE, "--nodes", str(nodes))
    assert res.returncode == 2
    _one_error(res.stderr, f"^error: {re.escape(str(nodes))}: cannot read: not UTF-8 but "
                           "UTF-16")


def test_a_network_tariff_of_1e308_is_refused(tmp_path: Path) -> None:
    net = tmp_path / "net"
    shutil.copytree(TINY, net)
    legs = net / "legs.csv"
    text = legs.read_text(encoding="utf-8")
    legs.write_text(text.replace("l1,kz-a,kz-b,rail,kazakh_rail,600,0,0.1,",
                                 "l1,kz-a,kz-b,rail,kazakh_rail,600,1e308,0.1,"),
                    encoding="utf-8")
    res = run_cli(*ROUTE[:3], "--network", str(net))
    assert res.returncode == 2
    _one_error(res.stderr, f"^error: {re.escape(str(legs))} line 2, field "
                           r"tariff_fixed_usd_per_t: 1e308 is outside the plausible range "
                           r"0 to 100000 USD/t$")
    res = run_cli("network", "validate", "--network", str(net))
    assert res.returncode == 1 and "tariff_fixed_usd_per_t: 1e308" in res.stderr


def test_a_kilogram_is_planned(tmp_path: Path) -> None:
    """The smallest plausible shipment plans (no "can be planned ()" with no reason)."""
    book = _book(tmp_path, "s1,Alpha,Juliet,ore,0.001\n")
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), "--network", str(TINY), "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    assert '"planned_tonnes": 0.001' in res.stdout and out.exists()


def test_every_number_column_has_a_range() -> None:
    """Every number of every table and of the book is bounded (the ``@column`` quantities
    name their range by the row's component or metric: all of those have one too)."""
    specs = [*TABLES.values(), *OPTIONAL_TABLES.values(), SHIPMENTS]
    for spec in specs:
        for col in spec.columns:
            if col.dtype == "float" or col.quantity:
                assert col.quantity, f"{spec.name}.{col.name} has no range"
                assert col.quantity.startswith("@") or col.quantity in RANGES, col.name
    assert set(RATE_COMPONENTS) | set(OBSERVATION_METRICS) <= set(RANGES)


# --- the solver and numbers far apart (within the ranges) ---------------------------------

def test_a_one_tonne_book_beside_a_billion_tonne_leg(tmp_path: Path) -> None:
    """Capacities the book cannot fill are stated at the book's size: GLOP stopped with
    status ABNORMAL on a 1 t book under share caps beside a 10^9 t/yr leg."""
    net = tmp_path / "net"
    shutil.copytree(TINY, net)
    legs = net / "legs.csv"
    legs.write_text(legs.read_text(encoding="utf-8").replace(
        "l2,kz-b,cn-c,border,china,,20,0,1,1000000,", "l2,kz-b,cn-c,border,china,,20,0,1,"
        "1000000000,"), encoding="utf-8")
    network = load_network(directory=net)
    for tonnes in (0.001, 1.0):
        book = shipments_from_records([{"shipment_id": "a", "origin": "Bravo",
                                        "destination": "Juliet", "commodity": "ore",
                                        "tonnes": tonnes, "max_days": 20}], network)
        for horizon in (365.0, 3650.0):
            result = plan(network, book, horizon_days=horizon,
                          max_share={"RU": 0.1, "CN": 0.5})
            assert result.shipments["reason"].tolist() == ["share cap: CN, RU"]


def test_prices_and_tonnages_far_apart_still_plan(tiny_net: Network) -> None:
    """A book mixing a kilogram at a billion USD/t with a billion tonnes at a nanodollar,
    under share caps: GLOP gives up on it, CLP solves it, and the plan says so."""
    book = shipments_from_records([
        {"shipment_id": "s0", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 1, "value_usd_per_t": 1e4, "unserved_usd_per_t": 0.001, "max_days": 0.001},
        {"shipment_id": "s1", "origin": "Bravo", "destination": "Juliet", "commodity": "UOC",
         "tonnes": 1e6, "value_usd_per_t": 1, "unserved_usd_per_t": 0.001},
        {"shipment_id": "s2", "origin": "Hotel", "destination": "Juliet", "commodity": "ore",
         "tonnes": 0.001, "value_usd_per_t": 1e9, "max_days": 3650},
        {"shipment_id": "s3", "origin": "Bravo", "destination": "Juliet", "commodity": "ore",
         "tonnes": 1e9, "value_usd_per_t": 1e-9, "unserved_usd_per_t": 500,
         "max_days": 0.001},
        {"shipment_id": "s4", "origin": "Echo", "destination": "Juliet", "commodity": "UOC",
         "tonnes": 0.0015, "value_usd_per_t": 1e-9, "unserved_usd_per_t": 1e9,
         "max_days": 0.001}], tiny_net)
    params = CostParams(loss_share=1.0, penalties={"CN": 1e6})
    result = plan(tiny_net, book, params=params, horizon_days=3650,
                  max_share={"RU": 0.001, "CN": 0.5})
    unserved = result.shipments[result.shipments["status"] == "unserved"]
    assert len(unserved) and (unserved["reason"] != "").all()


def test_library_parameters_are_named() -> None:
    """The library reports a bad parameter by its name (the CLI maps it to its option)."""
    with pytest.raises(InputError) as info:
        CostParams(risk_weight=float("nan"), carrying_rate=float("inf"), loss_share=3.0)
    assert [(p.source, p.field) for p in info.value.problems] == [
        ("parameters", "risk_weight"), ("parameters", "carrying_rate"),
        ("parameters", "loss_share")]


def test_plan_refuses_a_time_limit_of_inf(tiny_net: Network) -> None:
    book = shipments_from_records([{"shipment_id": "a", "origin": "Alpha",
                                    "destination": "Juliet", "commodity": "ore",
                                    "tonnes": 5}], tiny_net)
    with pytest.raises(InputError, match="time_limit_s: inf is not a finite number"):
        plan(tiny_net, book, time_limit_s=float("inf"))
    with pytest.raises(InputError, match=r"horizon_days: 0\.5 is outside"):
        plan(tiny_net, book, horizon_days=0.5)


# --- a fuzz of the book reader ------------------------------------------------------------

HOSTILE = ["nan", "NaN", "inf", "-inf", "Infinity", "1e308", "1e400", "-1e308", "1e100",
           "1e12", "999999999.9999", "1e-7", "1e-320", "0.0009", "0", "-0", "-5", "1,5",
           "1.200", "1_000", "0x10", "", " ", "x", "3651"]
#: Each number column's plausible values: within the ranges, the ends included.
PLAUSIBLE = {
    "tonnes": st.sampled_from(["0.001", "0.0015", "1", "5", "1 200", "1e6", "1e9"])
    | st.floats(0.001, 1e9).map(repr),
    "value_usd_per_t": st.sampled_from(["1e-9", "1", "1000", "1e9"])
    | st.floats(1e-6, 1e9).map(repr),
    "max_days": st.sampled_from(["0.001", "1", "12", "20", "40", "3650"]),
    "unserved_usd_per_t": st.sampled_from(["0", "0.001", "500", "1e6", "1e9"]),
}
PLACES = ["Alpha", "Bravo", "Echo", "Hotel", "Juliet", "Juliett", "kz-a", "Альфа"]
OPTIONAL = ["value_usd_per_t", "max_days", "unserved_usd_per_t"]


@st.composite
def books(draw: st.DrawFn) -> bytes:
    """CSV bytes: the required columns, some optional number columns and some columns of
    the book's own, 1 to 4 rows, in UTF-8 or (one book in four) another encoding. Half the
    books have plausible numbers only (they must plan); the others, hostile ones too:
    NaN, infinities, huge, tiny, negative, malformed."""
    optional = draw(st.lists(st.sampled_from(OPTIONAL), unique=True, max_size=3))
    own = draw(st.lists(st.sampled_from(["customer", "tonne", "max_day", "x" * 30, "notes",
                                         "Tonnes", "contract no"]), unique=True,
                        max_size=2))
    header = [*BOOK_HEADER.split(","), *optional, *own]
    hostile = draw(st.booleans())

    def number(column: str) -> str:
        if hostile and draw(st.integers(0, 2)) == 0:
            return draw(st.sampled_from(HOSTILE) | st.floats().map(repr)
                        | st.integers(-10, 10**13).map(str))
        return draw(PLAUSIBLE[column])

    rows = []
    for i in range(draw(st.integers(1, 4))):
        origin = draw(st.sampled_from(PLACES[:4] * 3 + PLACES) if hostile
                      else st.sampled_from(PLACES[:4]))
        cells = [f"s{i}", origin, "Juliet", draw(st.sampled_from(["ore", "UOC", "test_uoc"])),
                 number("tonnes")]
        cells += [number(column) for column in optional]
        cells += [draw(st.sampled_from(["", "a", "1e308", "nan"])) for _ in own]
        rows.append(",".join(cells))
    text = "\n".join([",".join(header), *rows]) + "\n"
    encoding = draw(st.sampled_from(["utf-8"] * 9 + ["utf-8-sig", "utf-16", "utf-16-le",
                                                      "cp1251", "latin-1"]))
    return text.encode(encoding, errors="replace")


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                 HealthCheck.too_slow])
@given(data=books())
def test_fuzz_the_book_reader(data: bytes, tiny_net: Network) -> None:
    """A clean InputError (every problem one line naming the file), or a book that plans:
    every tonne planned or unserved with a reason. No other exception, and no warning."""
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            book = shipments_from_bytes(data, tiny_net, source="fuzz.csv")
        except InputError as exc:
            assert exc.problems
            for problem in exc.problems:
                assert problem.source == "fuzz.csv" and problem.message
                assert "\n" not in str(problem)
            return
        assert isinstance(book, ShipmentBook) and len(book)
        for name, bounds in ((c.name, RANGES[c.quantity]) for c in SHIPMENTS.columns
                             if c.quantity):
            values = getattr(book, name)
            given = values[values == values]
            assert bounds.holds(given).all(), (name, given)
        try:
            result = plan(tiny_net, book)
        except SolverError as exc:  # pragma: no cover - the failure to report
            pytest.fail(f"the solver failed on a book that read: {exc}")
        shipments = result.shipments
        unserved = shipments[shipments["status"] == "unserved"]
        assert (unserved["reason"] != "").all()
        # (the summary counts tonnes to the kilogram)
        assert result.summary["planned_tonnes"] + result.summary["unserved_tonnes"] == \
            pytest.approx(book.total_tonnes, rel=1e-6, abs=0.001 * len(book))


def test_a_book_made_in_memory_is_checked_by_the_planner(tiny_net: Network) -> None:
    """A book built from Shipment objects skips the reader: plan() checks its numbers."""
    from corridor.network_data.shipments import Shipment

    book = ShipmentBook.from_shipments([
        Shipment("a", "kz-a", "jp-dest", "test_ore", float("nan"), 1000.0, False),
        Shipment("b", "kz-a", "jp-dest", "test_ore", 5.0, 1e308, False)])
    with pytest.raises(InputError) as info:
        plan(tiny_net, book)
    assert [(p.field, p.message) for p in info.value.problems] == [
        ("tonnes", "shipment a: nan is not a finite number"),
        ("value_usd_per_t", "shipment b: 1e308 is outside the plausible range 0 to 1e9 USD/t")]

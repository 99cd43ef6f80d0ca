"""Hostile input never harms the user: the book on standard input is never overwritten, a
spreadsheet never runs a cell as a formula, the terminal never acts on an id or a name
(rich markup, ANSI escapes, bidi overrides), and a NUL in a cell is refused.

Each case runs the real command (in this process, or in its own where only a process shows
it: standard input that is a file) and checks the exit code, the one-line message, which
files exist and that the inputs are byte-identical after.
"""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import CLI_ENV, corridor_exe, run_cli
from tests_support import TINY

BOOK = "shipment_id,origin,destination,commodity,tonnes\ns1,Alpha,Juliet,ore,1000\n"
#: What the command says when an output would replace the book it reads on standard input.
STDIN_REFUSED = "is the shipment book read from standard input; writing the output there " \
    "would destroy it"
#: Text a terminal must never receive as it is: ESC, the bidi override, NUL.
RAW_CONTROLS = re.compile("[\x00\x1b\u202e]")


def _write(path: Path, text: str) -> Path:
    path.write_bytes(text.encode("utf-8"))
    return path


def _files(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` (links as the link), by relative name, with its bytes."""
    return {str(p.relative_to(folder)): (os.readlink(p).encode() if p.is_symlink()
                                         else p.read_bytes())
            for p in sorted(folder.rglob("*")) if p.is_file() or p.is_symlink()}


def _run_with_stdin_file(stdin: Path, *args: str, cwd: Path
                         ) -> subprocess.CompletedProcess[str]:
    """`corridor ARGS < stdin` in a process of its own: standard input *is* the file (a
    test's in-process stdin is a stream with no file behind it)."""
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8"}
    with open(stdin, "rb") as handle:
        return subprocess.run([*corridor_exe(), *args], stdin=handle, capture_output=True,
                              text=True, encoding="utf-8", cwd=cwd, env=env, timeout=120)


def _one_error_per(res: subprocess.CompletedProcess[str], expected: list[str]) -> None:
    """Exit 2 and exactly these ``error:`` lines on stderr, nothing on stdout."""
    assert res.returncode == 2, res.stderr
    assert res.stderr.splitlines() == [f"error: {line}" for line in expected]
    assert res.stdout == ""


# --- the book on standard input ------------------------------------------------------------

def test_outputs_onto_the_book_read_from_stdin_are_refused(tmp_path: Path) -> None:
    """`plan - < book.csv` with outputs naming that file: by its name, as /dev/stdin, as
    /dev/fd/0 or /proc/self/fd/0, through a link or a hard link. Every one is refused in one
    line, nothing is written and the book is unchanged."""
    book = _write(tmp_path / "book.csv", BOOK)
    (tmp_path / "link.csv").symlink_to(book)
    os.link(book, tmp_path / "hard.csv")
    before = _files(tmp_path)
    res = _run_with_stdin_file(book, "plan", "-", "--network", str(TINY), "-o", "book.csv",
                               "--legs", "/dev/stdin", "--geojson", "link.csv", cwd=tmp_path)
    _one_error_per(res, [f"book.csv, field -o: {STDIN_REFUSED}",
                         f"/dev/stdin, field --legs: {STDIN_REFUSED}",
                         f"link.csv, field --geojson: {STDIN_REFUSED}"])
    res = _run_with_stdin_file(book, "plan", "-", "--network", str(TINY), "-o", "/dev/fd/0",
                               "--legs", "hard.csv", "--geojson", "/proc/self/fd/0",
                               cwd=tmp_path)
    _one_error_per(res, [f"/dev/fd/0, field -o: {STDIN_REFUSED}",
                         f"hard.csv, field --legs: {STDIN_REFUSED}",
                         f"/proc/self/fd/0, field --geojson: {STDIN_REFUSED}"])
    assert _files(tmp_path) == before


def test_a_rerun_of_a_stdin_book_keeps_it_and_its_plan_json(tmp_path: Path) -> None:
    """`plan --rerun PLAN.json < book.csv`, PLAN.json made from a book on standard input:
    neither the book nor PLAN.json may be an output; another file is written."""
    book = _write(tmp_path / "book.csv", BOOK)
    made = run_cli("plan", "-", "--network", str(TINY), "--json", stdin=BOOK)
    assert made.returncode == 0, made.stderr
    _write(tmp_path / "plan.json", made.stdout)
    before = _files(tmp_path)
    res = _run_with_stdin_file(book, "plan", "--rerun", "plan.json", "-o", "book.csv",
                               "--legs", "plan.json", cwd=tmp_path)
    _one_error_per(res, [f"book.csv, field -o: {STDIN_REFUSED}",
                         "plan.json, field --legs: is an input of this run; writing the "
                         "output there would destroy it"])
    assert _files(tmp_path) == before
    res = _run_with_stdin_file(book, "plan", "--rerun", "plan.json", "-o", "again.csv",
                               cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert (tmp_path / "again.csv").read_bytes().startswith(b"shipment_id,status,")
    assert (tmp_path / "book.csv").read_bytes() == BOOK.encode()


def test_a_book_piped_in_leaves_other_outputs_free(tmp_path: Path) -> None:
    """Standard input that is no file (a pipe, a test's stream) holds nothing an output
    could destroy: `plan - -o plan.csv` writes."""
    res = run_cli("plan", "-", "--network", str(TINY), "-o", "plan.csv", stdin=BOOK,
                  cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["plan.csv"]


# --- formulas in spreadsheet CSV -----------------------------------------------------------

#: A hostile network: leg l1 and node kz-a renamed to ids a spreadsheet takes for formulas,
#: node names with rich markup, an ANSI escape and a bidi override.
LEG_ID, NODE_ID = "=1+1", "@SUM(A1)"
NODE_NAME = "[bold red]Alpha[/bold red] \x1b[31mX\u202eyz"
PORT_NAME = "Delta [link=https://evil.example]Port[/link]"


def _hostile_network(folder: Path) -> Path:
    network = folder / "net"
    shutil.copytree(TINY, network)
    nodes = (network / "nodes.csv").read_text(encoding="utf-8")
    nodes = nodes.replace("kz-a,Alpha,", f'"{NODE_ID}","{NODE_NAME}",')
    nodes = nodes.replace(",Delta Port,", f',"{PORT_NAME}",')
    legs = (network / "legs.csv").read_text(encoding="utf-8")
    legs = legs.replace("\nl1,", f'\n"{LEG_ID}",').replace("kz-a", NODE_ID)
    _write(network / "nodes.csv", nodes)
    _write(network / "legs.csv", legs)
    return network


#: Shipment ids and notes a spreadsheet would run, a plain negative number in a column of
#: the user's own (header a formula too), and ids that are rich markup, ANSI and bidi.
FORMULA_BOOK = (
    'shipment_id,origin,destination,commodity,tonnes,notes,"=cmd|\' /C calc\'!A0"\n'
    '"=HYPERLINK(""http://e.example"",""x"")",@SUM(A1),Juliet,ore,1000,=1+2,-5\n'
    "+cmd,@SUM(A1),Juliet,ore,500,@x,+1.5\n"
    "-2+3,@SUM(A1),Juliet,ore,250,-,-x\n"
    "[/x],@SUM(A1),Juliet,ore,125,[link=http://e.example]n[/link],ok\n"
    '"\x1b[2J\u202eevil",@SUM(A1),Juliet,ore,100,"\x1b]8;;http://e\x07x",\n'
)


def _cells(data: bytes, separator: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=separator))


def _column(rows: list[list[str]], name: str) -> list[str]:
    at = rows[0].index(name)
    return [row[at] for row in rows[1:]]


@pytest.fixture(scope="module")
def formula_runs(tmp_path_factory: pytest.TempPathFactory
                 ) -> dict[str, tuple[subprocess.CompletedProcess[str], Path]]:
    """The formula book planned on the hostile network in each CSV style (-o and --legs)."""
    folder = tmp_path_factory.mktemp("formulas")
    network = _hostile_network(folder)
    book = _write(folder / "book.csv", FORMULA_BOOK)
    runs = {}
    for style in ("plain", "excel", "excel-semicolon"):
        out = folder / style
        out.mkdir()
        res = run_cli("plan", str(book), "--network", str(network), "--csv-style", style,
                      "-o", str(out / "plan.csv"), "--legs", str(out / "legs.csv"))
        runs[style] = res, out
    assert (folder / "book.csv").read_bytes() == FORMULA_BOOK.encode()
    return runs


def test_plain_csv_keeps_every_cell_exact(formula_runs: dict) -> None:
    res, out = formula_runs["plain"]
    assert res.returncode == 0, res.stderr
    plan = _cells((out / "plan.csv").read_bytes(), ",")
    book = _cells(FORMULA_BOOK.encode(), ",")
    assert plan[0][-1] == book[0][-1] == "=cmd|' /C calc'!A0"
    for name in ("shipment_id", "notes", "=cmd|' /C calc'!A0"):
        assert _column(plan, name) == _column(book, name)
    assert set(_column(plan, "origin")) == {NODE_ID}
    assert {leg for legs in _column(plan, "legs") for leg in legs.split(";")} >= {LEG_ID}
    legs = _cells((out / "legs.csv").read_bytes(), ",")
    assert LEG_ID in _column(legs, "leg_id") and NODE_ID in _column(legs, "from_id")


@pytest.mark.parametrize("style, separator", [("excel", ","), ("excel-semicolon", ";")])
def test_spreadsheet_csv_defuses_formulas_and_keeps_numbers(
        formula_runs: dict, style: str, separator: str) -> None:
    res, out = formula_runs[style]
    assert res.returncode == 0, res.stderr
    plan = _cells((out / "plan.csv").read_bytes(), separator)
    assert plan[0][-1] == "'=cmd|' /C calc'!A0"  # the book's own header
    assert _column(plan, "shipment_id") == [
        "'=HYPERLINK(\"http://e.example\",\"x\")", "'+cmd", "'-2+3", "[/x]",
        "\x1b[2J\u202eevil"]
    assert _column(plan, "notes") == ["'=1+2", "'@x", "'-", "[link=http://e.example]n[/link]",
                                      "\x1b]8;;http://e\x07x"]
    # plain numbers stay numbers, in the user's text column and in the number columns
    assert _column(plan, "'=cmd|' /C calc'!A0") == ["-5", "+1.5", "'-x", "ok", ""]
    decimal = "," if style == "excel-semicolon" else "."
    assert _column(plan, "tonnes") == [f"{t}{decimal}0" for t in (1000, 500, 250, 125, 100)]
    assert set(_column(plan, "origin")) == {"'" + NODE_ID}
    assert all(nodes.startswith("'" + NODE_ID + ";") for nodes in _column(plan, "nodes"))
    assert all(legs.startswith("'" + LEG_ID + ";") for legs in _column(plan, "legs"))
    legs = _cells((out / "legs.csv").read_bytes(), separator)
    assert "'" + LEG_ID in _column(legs, "leg_id")
    assert "'" + NODE_ID in _column(legs, "from_id")
    risky = [cell for row in plan + legs for cell in row
             if cell.startswith(("=", "+", "-", "@")) and not re.fullmatch(r"[+-][\d.,]+", cell)]
    assert risky == []


def test_defused_cells_in_the_writer() -> None:
    """A tab or carriage return first (which a book's reader strips, so only the writer
    sees them) and negative numbers: text defused, numbers as they are, `plain` exact."""
    import numpy as np
    import pandas as pd

    from corridor.reports.tabletext import CSV_STYLES, csv_text, defused

    assert defused(["\tx", "\rx", "x\t", "-1,5e3", "+.5", "-", "--1", "1-2", ""]) == [
        "'\tx", "'\rx", "x\t", "-1,5e3", "+.5", "'-", "'--1", "1-2", ""]
    frame = pd.DataFrame({"text": ["\tx", "=1", "-1.5", "a-b", "-", None],
                          "number": [-1.5, -2.0, 3.0, np.nan, 0.0, -7.25],
                          "list": [("-a", "b"), ("a", "-b"), (), ("=x",), ("@",), ("+",)]})
    plain = csv_text(frame, ["list"], CSV_STYLES["plain"])
    assert plain == frame.assign(list=[";".join(v) for v in frame["list"]]).to_csv(
        index=False, lineterminator="\n")
    excel = _cells(csv_text(frame, ["list"], CSV_STYLES["excel"]).encode(), ",")
    assert _column(excel, "text") == ["'\tx", "'=1", "-1.5", "a-b", "'-", ""]
    assert _column(excel, "number") == ["-1.5", "-2.0", "3.0", "", "0.0", "-7.25"]
    assert _column(excel, "list") == ["'-a;b", "a;-b", "", "'=x", "'@", "'+"]


# --- the terminal ----------------------------------------------------------------------------

def _no_raw_controls(res: subprocess.CompletedProcess[str]) -> None:
    assert not RAW_CONTROLS.search(res.stdout), res.stdout
    assert not RAW_CONTROLS.search(res.stderr), res.stderr


def test_plan_tables_show_ids_and_names_as_written(formula_runs: dict) -> None:
    """`[/x]` used to stop rich (exit 4, after the files were written); now every id is
    shown as written, escapes and overrides as visible escapes."""
    res, out = formula_runs["plain"]
    assert res.returncode == 0, res.stderr
    _no_raw_controls(res)
    assert "│ [/x] " in res.stdout
    assert "│ \\x1b[2J\\u202eevil " in res.stdout
    assert "│ =HYPERLINK(\"http://e.example\",\"x\") " in res.stdout
    assert res.stderr.splitlines()[0] == "note: " + str(out.parent / "book.csv") + \
        ": column =cmd|' /C calc'!A0 is not used by the planner; carried through to the " \
        "outputs"


def test_route_shows_a_network_s_names_as_written(tmp_path: Path) -> None:
    network = _hostile_network(tmp_path)
    before = _files(tmp_path)
    res = run_cli("route", NODE_ID, "Juliet", "--network", str(network))
    assert res.returncode == 0, res.stderr
    _no_raw_controls(res)
    visible = "[bold red]Alpha[/bold red] \\x1b[31mX\\u202eyz"
    assert res.stdout.startswith(f"{visible} → Juliet: 1,000 t of cargo")
    assert f"1. {visible} → Bravo → Charlie → {PORT_NAME} → Juliet" in res.stdout
    assert _files(tmp_path) == before


def test_network_list_and_show_print_names_as_written(tmp_path: Path) -> None:
    network = _hostile_network(tmp_path)
    visible = "[bold red]Alpha[/bold red] \\x1b[31mX\\u202eyz"
    listed = run_cli("network", "list", "--network", str(network))
    assert listed.returncode == 0, listed.stderr
    _no_raw_controls(listed)
    assert f"│ {NODE_ID} │ {visible} │ KZ " in listed.stdout
    shown = run_cli("network", "show", NODE_ID, "--network", str(network))
    assert shown.returncode == 0, shown.stderr
    _no_raw_controls(shown)
    assert shown.stdout.startswith(f"{visible} ({NODE_ID}) — city, KZ")
    assert f"│ {LEG_ID} " in shown.stdout
    port = run_cli("network", "show", "cn-port", "--network", str(network))
    assert port.stdout.startswith(f"{PORT_NAME} (cn-port) — seaport")
    # --json is data for scripts: the exact text
    as_json = run_cli("network", "show", NODE_ID, "--network", str(network), "--json")
    assert '"name": "[bold red]Alpha[/bold red] \\u001b[31mX\u202eyz"' in as_json.stdout


def test_error_lines_show_the_user_s_text_as_written(tmp_path: Path) -> None:
    """A problem quotes the user's text: an escape in it is shown, never acted on (the
    error line is plain text: markup needs no escaping there, and shows as written)."""
    book = _write(tmp_path / "book.csv", "shipment_id,origin,destination,commodity,tonnes\n"
                  "s1,\x1b[2J[bold]Nowhere\u202e,Juliet,ore,1000\n")
    res = run_cli("plan", str(book), "--network", str(TINY), "-o", str(tmp_path / "p.csv"))
    assert res.returncode == 2
    _no_raw_controls(res)
    assert re.fullmatch(re.escape(f"error: {book} line 2, field origin: unknown place "
                                  "'\\x1b[2J[bold]Nowhere\\u202e'") + r"[^\n]*\n", res.stderr)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["book.csv"]
    res = run_cli("route", "Alpha", "[/x]\x1b[31m", "--network", str(TINY))
    assert res.returncode == 2
    _no_raw_controls(res)
    assert res.stderr.startswith("error: command line, field TO: unknown place "
                                 "'[/x]\\x1b[31m'")


def test_safe_text_for_terminal() -> None:
    from rich.console import Console

    from corridor.cli.safe_text import for_terminal

    hostile = "[link=http://e.example]a[/link] [/x] \x1b[31m\x9b\u202e\u2066\u200f\x00 \\"
    shown = for_terminal(hostile)
    console = Console(file=io.StringIO(), width=200, color_system=None, emoji=False)
    console.print(shown)
    assert console.file.getvalue() == (  # type: ignore[attr-defined]
        "[link=http://e.example]a[/link] [/x] \\x1b[31m\\x9b\\u202e\\u2066\\u200f\\x00 \\\n")
    assert for_terminal(hostile, markup=False) == (
        "[link=http://e.example]a[/link] [/x] \\x1b[31m\\x9b\\u202e\\u2066\\u200f\\x00 \\")
    assert for_terminal("Öskemen → Алматы 北京") == "Öskemen → Алматы 北京"


# --- NUL ---------------------------------------------------------------------------------------

NUL_MESSAGE = "contains a NUL character (\\x00); remove it (a binary or damaged file?)"


def test_a_nul_in_a_book_id_is_refused(tmp_path: Path) -> None:
    book = _write(tmp_path / "book.csv", "shipment_id,origin,destination,commodity,tonnes\n"
                  "s\x001,Alpha,Juliet,ore,1000\n")
    before = _files(tmp_path)
    res = run_cli("plan", str(book), "--network", str(TINY), "-o", str(tmp_path / "p.csv"))
    _one_error_per(res, [f"{book} line 2, field shipment_id: {NUL_MESSAGE}"])
    assert _files(tmp_path) == before
    piped = run_cli("plan", "-", "--network", str(TINY), stdin=BOOK + "s2\x00,Alpha,Juliet,"
                    "ore,5\n")
    _one_error_per(piped, [f"stdin line 3, field shipment_id: {NUL_MESSAGE}"])


def test_a_nul_in_a_network_node_id_is_refused(tmp_path: Path) -> None:
    network = tmp_path / "net"
    shutil.copytree(TINY, network)
    nodes = network / "nodes.csv"
    _write(nodes, nodes.read_text(encoding="utf-8").replace("\nkz-b,", "\nkz-b\x00,"))
    before = _files(tmp_path)
    for args in (("route", "Alpha", "Juliet"), ("plan", "-"), ("network", "list")):
        res = run_cli(*args, "--network", str(network), stdin=BOOK)
        assert res.returncode == 2, res.stderr
        _no_raw_controls(res)
        # the NUL first; then what follows from the node's id being unreadable (its legs)
        assert res.stderr.splitlines()[0] == f"error: {nodes} line 3, field node_id: " \
            f"{NUL_MESSAGE}"
    assert _files(tmp_path) == before

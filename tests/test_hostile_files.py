"""Hostile files and hostile moments, through the real command: what is not a regular file
(a pipe, a device, a link loop), what is far too big, outputs that cannot be written, and
runs stopped with Ctrl-C or SIGTERM. Each is one line and a documented status, never a
hang, a read without end, an internal error, or an output half-replaced.

In this process (``run_cli``) where it can be; in processes of their own for what only a
process shows (its standard output on /dev/full, signals, being killed).
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import pty
import random
import re
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import CLI_ENV, REPO, corridor_exe, run_cli
from tests_support import TINY

from corridor.network_data.errors import InputError
from corridor.network_data.reading import InputKind, read_stream
from corridor.reports.files import write_all_atomic

NET = ("--network", str(TINY))
BOOK = "shipment_id,origin,destination,commodity,tonnes\ns1,Alpha,Juliet,ore,1000\n"


def _book(folder: Path, text: str = BOOK) -> Path:
    path = folder / "book.csv"
    path.write_text(text, encoding="utf-8")
    return path


def _one_error(res: subprocess.CompletedProcess[str], line: str) -> None:
    """Status 2 and exactly ``error: LINE`` on stderr."""
    assert res.returncode == 2, res.stderr
    assert res.stderr.strip().splitlines() == [f"error: {line}"], res.stderr


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _hidden(folder: Path) -> list[str]:
    """Hidden files in ``folder``: the temporaries a write might leave."""
    return sorted(p.name for p in folder.iterdir() if p.name.startswith("."))


# --- inputs that are not regular files -----------------------------------------------------


@pytest.fixture
def fifo(tmp_path: Path) -> Iterator[Path]:
    """A named pipe nobody writes to. Should a read wait on it for a writer, a watchdog
    opens it for writing after 10 s, so that the test fails instead of hanging."""
    path = tmp_path / "legs.csv"
    os.mkfifo(path)

    def unblock() -> None:
        try:
            fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK)
        except OSError:  # no reader waiting: nothing to unblock
            return
        os.close(fd)

    watchdog = threading.Timer(10.0, unblock)
    watchdog.start()
    yield path
    watchdog.cancel()


def test_a_fifo_as_a_network_table_is_refused_at_once(fifo: Path) -> None:
    start = time.monotonic()
    res = run_cli("route", "Alpha", "Juliet", *NET, "--legs-file", str(fifo))
    assert time.monotonic() - start < 5
    _one_error(res, f"{fifo}: is a pipe, not a file: save the table to a file and give that")
    res = run_cli("network", "validate", *NET, "--legs-file", str(fifo))
    assert res.returncode == 1 and f"{fifo}: is a pipe, not a file" in res.stderr


def test_a_pipe_given_as_a_path_is_refused_not_read_twice(tmp_path: Path) -> None:
    """``corridor plan <(...)``: /dev/fd/N is a pipe, which gives its bytes once (the cache
    key read them, the parser found it empty). It is refused, with the way to pipe a book."""
    for option in ("SHIPMENTS.csv", "--legs-file"):
        data = BOOK if option == "SHIPMENTS.csv" else (TINY / "legs.csv").read_text()
        read, write = os.pipe()
        writer = threading.Thread(target=_write_all, args=(write, data.encode()))
        writer.start()
        path = f"/dev/fd/{read}"
        args = ("plan", path, *NET) if option == "SHIPMENTS.csv" else \
            ("plan", str(_book(tmp_path)), *NET, "--legs-file", path)
        try:
            res = run_cli(*args)
        finally:
            os.close(read)
            writer.join()
        hint = "save the book to a file, or pipe it in as standard input (corridor plan - " \
            "< BOOK.csv)" if option == "SHIPMENTS.csv" else "save the table to a file and give that"
        _one_error(res, f"{path}: is a pipe, not a file: {hint}")


def _write_all(fd: int, data: bytes) -> None:
    """Write ``data`` to a pipe and close it (a reader that gives up ends the write)."""
    try:
        os.write(fd, data)
    except BrokenPipeError:
        pass
    finally:
        os.close(fd)


def test_a_book_piped_in_on_standard_input_is_still_read(tmp_path: Path) -> None:
    res = run_cli("plan", "-", *NET, "--json", stdin=BOOK)
    assert res.returncode == 0, res.stderr


def test_dev_zero_as_a_book_or_a_table_is_refused_without_reading_it() -> None:
    start = time.monotonic()
    res = run_cli("plan", "/dev/zero", *NET)
    _one_error(res, "/dev/zero: is a device, not a file: save the book to a file, or pipe it "
               "in as standard input (corridor plan - < BOOK.csv)")
    res = run_cli("route", "Alpha", "Juliet", "--nodes", "/dev/zero")
    _one_error(res, "/dev/zero: is a device, not a file: save the table to a file and give "
               "that")
    assert time.monotonic() - start < 5


def test_standard_input_is_read_up_to_the_limit_only() -> None:
    """``corridor plan - < /dev/zero`` stops at the book's limit (1 GB; 10 bytes here)."""
    small = InputKind("a shipment book", "a CSV file", 10, "")
    with pytest.raises(InputError) as err:
        read_stream(io.BytesIO(b"\0" * 100), small, "stdin")
    assert [str(p) for p in err.value.problems] == [
        "stdin: too large for a shipment book (over the 0 MB limit): is this the right file?"]
    assert read_stream(io.BytesIO(b"0123456789"), small, "stdin") == b"0123456789"


def test_files_over_the_size_limits_are_refused_by_their_size(tmp_path: Path) -> None:
    """Sparse files: as large as they say, yet nothing on the disk, and never read."""
    table, book = tmp_path / "nodes.csv", tmp_path / "book.csv"
    with open(table, "wb") as handle:
        handle.truncate(600_000_000)
    with open(book, "wb") as handle:
        handle.truncate(1_100_000_000)
    _one_error(run_cli("route", "Alpha", "Juliet", "--nodes", str(table)),
               f"{table}: too large for a network table (600 MB; the limit is 512 MB): is "
               "this the right file?")
    _one_error(run_cli("plan", str(book), *NET),
               f"{book}: too large for a shipment book (1,100 MB; the limit is 1,000 MB): is "
               "this the right file?")


def test_a_symlink_loop_is_one_line(tmp_path: Path) -> None:
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    message = f"{loop}: cannot read: Too many levels of symbolic links"
    _one_error(run_cli("plan", str(loop), *NET), message)
    _one_error(run_cli("route", "Alpha", "Juliet", "--network", str(loop)), message)
    _one_error(run_cli("route", "Alpha", "Juliet", *NET, "--nodes", str(loop)), message)
    _one_error(run_cli("plan", "--rerun", str(loop)), message)


def test_network_naming_a_file_is_one_line(tmp_path: Path) -> None:
    book = _book(tmp_path)
    for args in (("route", "Alpha", "Juliet"), ("plan", str(book)), ("network", "list")):
        _one_error(run_cli(*args, "--network", str(book)),
                   f"{book}: is a file, not a folder: give the folder that holds nodes.csv, "
                   "legs.csv, sources.csv and commodities.csv")
    res = run_cli("network", "validate", "--network", str(book))
    assert res.returncode == 1 and "is a file, not a folder" in res.stderr


def test_a_cell_of_a_megabyte_in_a_quoted_file_is_read(tmp_path: Path) -> None:
    """The csv module stops at 128 KB a cell by default: a long note (or a quote left open)
    was an internal error."""
    note = "n" * 1_000_000
    book = _book(tmp_path, f'shipment_id,origin,destination,commodity,tonnes,notes\n'
                           f's1,Alpha,Juliet,ore,1000,"{note}"\n')
    out = tmp_path / "plan.csv"
    res = run_cli("plan", str(book), *NET, "-o", str(out))
    assert res.returncode == 0, res.stderr[:500]
    with open(out, encoding="utf-8", newline="") as handle:
        (row,) = list(csv.DictReader(handle))
    assert row["notes"] == note
    net = tmp_path / "net"
    net.mkdir()
    for name in ("nodes.csv", "legs.csv", "sources.csv", "commodities.csv"):
        (net / name).write_text((TINY / name).read_text(encoding="utf-8"), encoding="utf-8")
    nodes = net / "nodes.csv"
    nodes.write_text(nodes.read_text(encoding="utf-8").replace(",origin\n", f',"{note}"\n', 1),
                     encoding="utf-8")
    res = run_cli("route", "Alpha", "Juliet", "--network", str(net), "--json")
    assert res.returncode == 0, res.stderr[:500]


def test_a_network_is_read_once_for_its_key_and_its_tables(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Each file is opened once by a load: the bytes the cache key and the fingerprint
    hash are those parsed."""
    import corridor.network_data.files as files

    opened: list[str] = []
    real = files.read_input

    def counting(path: Path, kind: InputKind) -> bytes:
        opened.append(Path(path).name)
        return real(path, kind)

    monkeypatch.setattr(files, "read_input", counting)
    monkeypatch.setenv("CORRIDOR_NO_CACHE", "1")
    assert run_cli("plan", str(_book(tmp_path)), *NET, "--json").returncode == 0
    assert sorted(opened) == sorted(p.name for p in TINY.glob("*.csv"))


# --- outputs that cannot be written --------------------------------------------------------


@pytest.mark.parametrize("option", ["--legs", "--geojson"])
def test_an_output_on_dev_full_leaves_the_other_outputs_as_they_were(
        tmp_path: Path, option: str) -> None:
    book, plan = _book(tmp_path), tmp_path / "plan.csv"
    plan.write_text("the plan of yesterday\n", encoding="utf-8")
    res = run_cli("plan", str(book), *NET, "-o", str(plan), option, "/dev/full")
    _one_error(res, "/dev/full: cannot write: No space left on device")
    assert plan.read_text(encoding="utf-8") == "the plan of yesterday\n"
    assert _hidden(tmp_path) == []


def _run_into(stdout: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """`corridor ARGS` in a process of its own, its standard output on ``stdout``."""
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8"}
    with open(stdout, "w", encoding="utf-8") as out:
        return subprocess.run([*corridor_exe(), *args], stdout=out, stderr=subprocess.PIPE,
                              text=True, env=env, timeout=120, check=False)


def test_json_onto_a_full_standard_output_is_one_line_and_no_file_replaced(
        tmp_path: Path) -> None:
    book, plan, geo = _book(tmp_path), tmp_path / "plan.csv", tmp_path / "routes.geojson"
    plan.write_text("the plan of yesterday\n", encoding="utf-8")
    res = _run_into(Path("/dev/full"), "plan", str(book), *NET, "-o", str(plan), "--json")
    _one_error(res, "standard output: cannot write: No space left on device")
    assert plan.read_text(encoding="utf-8") == "the plan of yesterday\n"
    res = _run_into(Path("/dev/full"), "route", "Alpha", "Juliet", *NET, "--json",
                    "--geojson", str(geo))
    _one_error(res, "standard output: cannot write: No space left on device")
    assert not geo.exists()
    # the tables for a person: printed before the files are written, so the same holds
    res = _run_into(Path("/dev/full"), "plan", str(book), *NET, "-o", str(plan))
    _one_error(res, "standard output: cannot write: No space left on device")
    assert plan.read_text(encoding="utf-8") == "the plan of yesterday\n"
    assert _hidden(tmp_path) == []


def test_a_reader_that_stops_early_still_gets_the_files_written(tmp_path: Path) -> None:
    """`corridor plan BOOK -o plan.csv | head -1`: the tables are printed before the files,
    yet a closed pipe is no failure: the files are written, and the status is 0. (The
    reader here goes away before the first line, so the pipe is closed for the tables.)"""
    book, plan = _book(tmp_path), tmp_path / "plan.csv"
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8"}
    proc = subprocess.Popen([*corridor_exe(), "plan", str(book), *NET, "-o", str(plan)],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.close()
    err = proc.stderr.read().decode()
    assert proc.wait(timeout=120) == 0, err
    assert plan.read_text(encoding="utf-8").startswith("shipment_id,")


def test_a_failed_rename_puts_back_the_files_already_replaced(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a.csv", tmp_path / "b.csv"
    a.write_text("old a\n", encoding="utf-8")
    b.write_text("old b\n", encoding="utf-8")
    real_replace = os.replace
    calls: list[str] = []

    def second_fails(src: str, dst: str) -> None:
        calls.append(str(dst))
        if len(calls) == 2:
            raise OSError(5, "Input/output error")
        real_replace(src, dst)

    monkeypatch.setattr(os, "replace", second_fails)
    with pytest.raises(InputError) as err:
        write_all_atomic([(a, "new a\n"), (b, "new b\n"), (tmp_path / "c.csv", "c\n")])
    assert [str(p) for p in err.value.problems] == [f"{b}: cannot write: Input/output error"]
    monkeypatch.setattr(os, "replace", real_replace)
    assert a.read_text(encoding="utf-8") == "old a\n"
    assert b.read_text(encoding="utf-8") == "old b\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv", "b.csv"]


def test_ctrl_c_among_the_renames_puts_every_file_back(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Held while the temporaries replace their targets, then delivered: the files are
    as they were, and the KeyboardInterrupt goes on."""
    previous = signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        a, b = tmp_path / "a.csv", tmp_path / "b.csv"
        a.write_text("old a\n", encoding="utf-8")
        real_replace = os.replace
        calls: list[str] = []

        def interrupted(src: str, dst: str) -> None:
            calls.append(str(dst))
            if len(calls) == 1:
                signal.raise_signal(signal.SIGINT)
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", interrupted)
        with pytest.raises(KeyboardInterrupt):
            write_all_atomic([(a, "new a\n"), (b, "new b\n")])
        monkeypatch.setattr(os, "replace", real_replace)
        assert len(calls) >= 2  # both renames went through before the interrupt was let in
        assert a.read_text(encoding="utf-8") == "old a\n"
        assert sorted(p.name for p in tmp_path.iterdir()) == ["a.csv"]
        assert signal.getsignal(signal.SIGINT) is signal.default_int_handler
    finally:
        signal.signal(signal.SIGINT, previous)


# --- temporaries of killed runs -------------------------------------------------------------


_KILLED_WRITER = """
import os, signal, sys
from pathlib import Path
from corridor.reports.files import write_all_atomic

def die() -> str:  # killed while writing: the temporary is there, the target untouched
    os.kill(os.getpid(), signal.SIGKILL)
    return ""

write_all_atomic([(Path(sys.argv[1]), die)])
"""


def test_a_killed_run_s_temporaries_are_removed_by_the_next_write(tmp_path: Path) -> None:
    book, plan = _book(tmp_path), tmp_path / "plan.csv"
    plan.write_text("the plan of yesterday\n", encoding="utf-8")
    killed = subprocess.run([sys.executable, "-c", _KILLED_WRITER, str(plan)], cwd=REPO,
                            capture_output=True, timeout=60, check=False)
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    (left,) = _hidden(tmp_path)
    assert re.fullmatch(r"\.plan\.csv\.corridor-\d+\.\w{8}", left), left
    assert plan.read_text(encoding="utf-8") == "the plan of yesterday\n"
    # what must stay: another target's temporary, a running process's, a user's own file
    pid_max = int(Path("/proc/sys/kernel/pid_max").read_text())
    kept = [f".legs.csv.corridor-{pid_max + 1}.abcd1234", f".plan.csv.corridor-{os.getpid()}"
            ".abcd1234", ".plan.csv.corridor-notes"]
    gone = f".plan.csv.corridor-{pid_max + 1}.0123abcd"  # no process can have that id
    for name in (*kept, gone):
        (tmp_path / name).write_text("x", encoding="utf-8")
    res = run_cli("plan", str(book), *NET, "-o", str(plan))
    assert res.returncode == 0, res.stderr
    assert _hidden(tmp_path) == sorted(kept)
    assert plan.read_text(encoding="utf-8").startswith("shipment_id,")


# --- Ctrl-C and SIGTERM during an unsplittable solve ----------------------------------------


def _hard_book(path: Path) -> None:
    """300 shipments, the example book's with random tonnages (20× theirs, ±50%): with
    share caps, SCIP takes its full time limit to close the gap on the unsplittable plan
    (30 s and more on the 2-core test machine)."""
    with open(REPO / "examples" / "shipments.csv", encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    rnd = random.Random(1)
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        for i in range(300):
            row = dict(rows[i % len(rows)])
            row["shipment_id"] = f"{row['shipment_id']}-{i}"
            row["tonnes"] = str(round(float(row["tonnes"]) * 20 * (0.5 + rnd.random()), 1))
            writer.writerow(row)


@pytest.mark.parametrize("signum", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
def test_a_signal_during_the_unsplittable_solve_stops_it_and_writes_nothing(
        tmp_path: Path, signum: int) -> None:
    """SCIP used to catch Ctrl-C, stop, and hand back its plan so far: the run ended with
    status 0 and an early plan over plan.csv. SIGTERM was not caught at all.

    The command runs with its stderr on a terminal (a pty), where it shows its stages, so
    that the signal is sent once the unsplittable stage has begun, a second in."""
    book, plan = tmp_path / "book.csv", tmp_path / "plan.csv"
    _hard_book(book)
    plan.write_text("the plan of yesterday\n", encoding="utf-8")
    master, slave = pty.openpty()
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8", "TERM": "xterm"}
    proc = subprocess.Popen(
        [*corridor_exe(), "plan", str(book), "--unsplittable", "--max-share",
         "CN=0.3,RU=0.3,KZ=0.5", "--time-limit", "60", "-o", str(plan)],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, env=env)
    os.close(slave)
    shown = bytearray()
    started = threading.Event()

    def watch() -> None:  # drain the terminal (the spinner blocks on a full one)
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:  # the command has ended: EIO
                return
            if not chunk:
                return
            shown.extend(chunk)
            if b"unsplittable plan" in shown:
                started.set()

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        assert started.wait(60), shown.decode(errors="replace")[-2000:]
        time.sleep(1.0)  # into SCIP's solve (the model is built in milliseconds)
        assert proc.poll() is None, "the solve ended before the signal: a harder book?"
        sent = time.monotonic()
        proc.send_signal(signum)
        out, _ = proc.communicate(timeout=30)
        stopped_in = time.monotonic() - sent
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        watcher.join(5)
        os.close(master)
    assert proc.returncode == 130, shown.decode(errors="replace")[-2000:]
    assert stopped_in < 10  # not at the 60 s time limit
    assert out == b""
    assert plan.read_text(encoding="utf-8") == "the plan of yesterday\n"
    assert _hidden(tmp_path) == []
    assert "Traceback" not in shown.decode(errors="replace")

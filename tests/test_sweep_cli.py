"""`corridor sweep` through the real command: the ranking table and JSON, Monte-Carlo
output repeated byte for byte, the results file (refused when it exists, resumed, refused
for other inputs), one-line errors, no progress bar on a pipe, and Ctrl-C then --resume."""

from __future__ import annotations

import json
import os
import pty
import signal
import sqlite3
import subprocess
import threading
import time
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest
from conftest import CLI_ENV, REPO, corridor_exe, run_cli, run_cli_process
from tests_support import TINY

from corridor.routing.sweep import RESULT_COLUMNS

BOOK = str(REPO / "examples" / "shipments.csv")
CAPS = ("--max-share", "CN=0.3", "--max-share", "RU=0.3")
TINY_BOOK = ("shipment_id,origin,destination,commodity,tonnes,max_days\n"
             "s1,Alpha,Juliet,ore,1500000,\n"
             "s2,Alpha,Juliet,UOC,1000,\n"
             "s3,Alpha,Juliet,ore,300000,20\n")


def _json(*args: str, cwd: Path | None = None) -> dict[str, Any]:
    res = run_cli("sweep", *args, "--json", cwd=cwd)
    assert res.returncode == 0, res.stderr
    doc: dict[str, Any] = json.loads(res.stdout)
    return doc


def _rows(path: Path) -> list[tuple[object, ...]]:
    with closing(sqlite3.connect(path)) as db:
        return db.execute("select * from results order by id").fetchall()


def _count(path: Path) -> int:
    """Rows in a results file being written (0 before it has its table); never creates it."""
    if not path.exists():
        return 0
    try:
        with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            return int(db.execute("select count(*) from results").fetchone()[0])
    except sqlite3.Error:
        return 0


@pytest.fixture(scope="module")
def passages() -> dict[str, Any]:
    return _json(BOOK, "--closures", "passages", "--workers", "1")


def test_table(passages: dict[str, Any]) -> None:
    res = run_cli("sweep", BOOK, "--closures", "passages", "--workers", "1")
    assert res.returncode == 0, res.stderr
    assert res.stderr == ""  # no results file, no progress bar off a terminal
    out = res.stdout
    assert out.startswith("Baseline: 845,876,975 USD for planned tonnes, 0 t unserved; "
                          "10 scenarios\n")
    assert "Most damaging closures" in out and "Monte-Carlo" not in out
    lines = [line for line in out.splitlines() if line.startswith("│")]
    first = passages["ranking"][0]
    assert lines[0].split("│")[1].strip() == "1"
    assert first["name"].startswith(lines[0].split("│")[2].strip())
    assert f"{first['added_cost_with_stranded_usd']:+,.0f}".startswith(
        lines[0].split("│")[4].strip())


def test_json(passages: dict[str, Any]) -> None:
    doc = passages
    assert list(doc) == ["status", "results", "scenarios", "baseline", "ranking",
                         "monte_carlo"]
    assert (doc["status"], doc["results"], doc["scenarios"], doc["monte_carlo"]) == \
        ("done", None, 10, None)
    base = doc["baseline"]
    assert (base["id"], base["kind"], base["effect"], base["added_cost_usd"]) == \
        (-1, "baseline", "none", 0.0)
    # the baseline is the plan of the book
    plan = run_cli("plan", BOOK, "--json")
    assert plan.returncode == 0, plan.stderr
    summary = json.loads(plan.stdout)["summary"]
    assert base["objective_usd"] == pytest.approx(summary["objective_usd"], abs=0.01)
    assert base["total_cost_usd"] == pytest.approx(summary["total_cost_usd"], abs=0.01)
    ranked = doc["ranking"]
    assert len(ranked) == 10 and {r["kind"] for r in ranked} == {"single"}
    assert all(list(r) == list(RESULT_COLUMNS) for r in ranked)
    damage = [r["added_cost_with_stranded_usd"] for r in ranked]
    assert damage == sorted(damage, reverse=True) and damage[0] > 0
    assert ranked[0]["name"] in ("passage:bosporus", "passage:dardanelles")
    assert ranked[0]["stranded_t"] > 0
    assert sorted(r["name"] for r in ranked) == sorted(
        f"passage:{p}" for p in ("bab_el_mandeb", "bosporus", "cape_of_good_hope",
                                 "dardanelles", "gibraltar", "hormuz", "malacca",
                                 "panama", "suez", "sunda"))
    for r in ranked:
        assert (r["effect"] == "none") == (r["closed_in_use"] == [])
        assert r["effect"] != "none" or r["added_cost_with_stranded_usd"] == 0.0


def test_baseline_under_a_scenario_is_the_plan_under_it() -> None:
    doc = _json(BOOK, "--closures", "passages", "--scenario", "red-sea-closed",
                "--workers", "1")
    plan = run_cli("plan", BOOK, "--scenario", "red-sea-closed", "--json")
    assert plan.returncode == 0, plan.stderr
    summary = json.loads(plan.stdout)["summary"]
    assert doc["baseline"]["objective_usd"] == pytest.approx(summary["objective_usd"],
                                                             abs=0.01)
    suez = next(r for r in doc["ranking"] if r["name"] == "passage:suez")
    assert suez["effect"] == "none"  # closed already by the scenario


def test_monte_carlo_json_is_repeated_exactly() -> None:
    first = run_cli("sweep", BOOK, "--monte-carlo", "50", "--seed", "3", "--json")
    again = run_cli("sweep", BOOK, "--monte-carlo", "50", "--seed", "3", "--json",
                    "--workers", "1")
    assert first.returncode == again.returncode == 0, first.stderr + again.stderr
    assert first.stdout == again.stdout  # default workers (local processes) and one
    doc = json.loads(first.stdout)
    assert (doc["scenarios"], doc["ranking"]) == (50, [])
    mc = doc["monte_carlo"]
    assert mc["draws"] == 50 and 0 < mc["bad_draws"] < 50
    for field in ("added_cost_usd", "added_cost_with_stranded_usd", "stranded_t"):
        d = mc[field]
        assert 0 <= d["p50"] <= d["p95"] <= d["p99"] and d["mean"] >= 0
    assert mc["bad_draw_threshold_usd"] == mc["added_cost_with_stranded_usd"]["p95"]
    assert mc["critical_legs"] and all(x["leg"].startswith("leg:")
                                       for x in mc["critical_legs"])
    other = _json(BOOK, "--monte-carlo", "50", "--seed", "4", "--workers", "1")
    assert other["monte_carlo"] != mc
    table = run_cli("sweep", BOOK, "--monte-carlo", "50", "--seed", "3", "--workers", "1")
    assert "Monte-Carlo: 50 draws" in table.stdout
    assert "Legs closed in the worst draws" in table.stdout


def test_results_file_exists_resume_and_other_inputs(tmp_path: Path) -> None:
    args = (BOOK, "--closures", "passages", "--monte-carlo", "20", "--seed", "3",
            "--workers", "1", "-o", "r.db")
    first = _json(*args, cwd=tmp_path)
    db = tmp_path / "r.db"
    assert first["results"] == "r.db" and first["scenarios"] == 30
    rows = _rows(db)
    assert [r[0] for r in rows] == list(range(30))
    assert os.listdir(tmp_path) == ["r.db"]  # no journal files left

    again = run_cli("sweep", *args, cwd=tmp_path)
    assert again.returncode == 2
    assert again.stderr == "error: command line, field -o: r.db exists: give --resume to " \
        "continue that sweep, or name another file\n"

    resumed = _json(*args, "--resume", cwd=tmp_path)
    assert resumed == first
    assert _rows(db) == rows

    seed = run_cli("sweep", *args[:-6], "--seed", "4", "--workers", "1", "-o", "r.db",
                   "--resume", cwd=tmp_path)
    assert seed.returncode == 2 and "holds a sweep started with other inputs" in seed.stderr
    assert len(seed.stderr.splitlines()) == 1
    caps = run_cli("sweep", *args, "--resume", *CAPS, cwd=tmp_path)
    assert caps.returncode == 2 and "other inputs" in caps.stderr
    assert _rows(db) == rows


def test_resume_refuses_a_changed_book(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    args = ("sweep", str(book), "--network", str(TINY), "--closures", "legs",
            "--workers", "1", "-o", str(tmp_path / "r.db"))
    assert run_cli(*args).returncode == 0
    assert run_cli(*args, "--resume").returncode == 0
    book.write_text(TINY_BOOK + "s4,Alpha,Juliet,ore,5,\n", encoding="utf-8")
    res = run_cli(*args, "--resume")
    assert res.returncode == 2 and "other inputs" in res.stderr


def test_pairs_on_the_tiny_network(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    doc = _json(str(book), "--network", str(TINY), "--closures", "legs", "--pairs",
                "--max-share", "CN=0.5", "--workers", "1", "-o", str(tmp_path / "r.db"))
    assert doc["scenarios"] == 10 + 45
    with closing(sqlite3.connect(tmp_path / "r.db")) as db:
        kinds = dict(db.execute("select kind, count(*) from results group by kind"))
        pruned = db.execute("select count(*) from results where effect like 'as %'"
                            ).fetchone()[0]
    assert kinds == {"single": 10, "pair": 45} and pruned > 0
    # a pair one closure settles is the same plan as that closure: not ranked again
    assert not any(r["effect"].startswith("as ") for r in doc["ranking"])
    # Russia and the Caspian shut: with at most 50 % of the planned tonnes through China,
    # nothing can be planned
    top = doc["ranking"][0]
    assert (top["name"], top["stranded_t"]) == ("leg:l10 + leg:l5", 1_801_000)


def test_nothing_plannable_is_exit_3_and_writes_nothing(tmp_path: Path) -> None:
    book = tmp_path / "book.csv"
    book.write_text(TINY_BOOK, encoding="utf-8")
    res = run_cli("sweep", str(book), "--network", str(TINY), "--closures", "legs",
                  "--avoid", "node:kz-a", "--workers", "1", "-o", str(tmp_path / "r.db"))
    assert res.returncode == 3, res.stderr
    assert "none of the 3 shipments can be planned" in res.stderr
    assert not (tmp_path / "r.db").exists()


OUT = ("-o", "r.db")  # a results file that must not be started


@pytest.mark.parametrize(("args", "message"), [
    (OUT, "give --closures KIND, --monte-carlo N or both"),
    (("--pairs", *OUT), "field --pairs: pairs of what? give --closures KIND with it"),
    (("--closures", "legs", "--resume"), "resume which sweep? give -o RESULTS.db with it"),
    (("--closures", "legs", "--workers", "0", *OUT), "field --workers: 0 must be ≥ 1"),
    (("--monte-carlo", "-3", *OUT), "field --monte-carlo: -3 must be ≥ 0"),
    (("--closures", "legs", "--workers", "2", "--scheduler", "tcp://127.0.0.1:9", *OUT),
     "--scheduler runs on the cluster's workers; give one or the other"),
    (("--closures", "legs", "--horizon-days", "0", *OUT), "horizon"),
    (("--closures", "legs", "--max-share", "CN=2", *OUT), "--max-share"),
    (("--closures", "legs", *OUT, "--resume"), "r.db does not exist"),
    (("--closures", "legs", "-o", BOOK), "is an input of this run"),
    (("--closures", "legs", "-o", "nofolder/r.db"), "folder does not exist"),
], ids=["nothing", "pairs", "resume", "workers", "draws", "scheduler", "horizon", "share",
        "missing", "input", "folder"])
def test_bad_input_is_one_line_per_problem_and_exit_2(
        tmp_path: Path, args: tuple[str, ...], message: str) -> None:
    res = run_cli("sweep", BOOK, *args, cwd=tmp_path)
    assert res.returncode == 2, res.stderr
    assert res.stdout == ""
    assert message in res.stderr
    assert all(line.startswith("error: ") for line in res.stderr.splitlines())
    assert os.listdir(tmp_path) == []  # no results file started


def test_click_errors_and_a_missing_book(tmp_path: Path) -> None:
    res = run_cli("sweep", BOOK, "--closures", "bogus")
    assert res.returncode == 2
    assert "Invalid value for '--closures': 'bogus' is not one of 'legs', 'nodes', " \
        "'passages', 'corridors', 'countries', 'capacity-groups'" in res.stderr
    res = run_cli("sweep", str(tmp_path / "nope.csv"), "--closures", "legs")
    assert res.returncode == 2
    assert res.stderr == f"error: {tmp_path / 'nope.csv'}: file not found\n"


def test_a_pipe_gets_no_progress_bar(tmp_path: Path) -> None:
    res = run_cli_process("sweep", BOOK, "--closures", "passages", "--workers", "1",
                          "-o", "r.db", cwd=tmp_path)
    assert res.returncode == 0, res.stderr
    assert res.stderr == "10 scenarios in r.db\n"
    assert "Most damaging closures" in res.stdout
    assert not any(c in res.stdout + res.stderr for c in ("\r", "\x1b"))


def test_ctrl_c_keeps_the_rows_and_resume_finishes(tmp_path: Path) -> None:
    """Stopped with SIGINT once the results file holds some batches (stderr on a terminal:
    the progress bar is shown); exit 130, the rows kept; --resume finishes the sweep, and
    its rows are an uninterrupted run's."""
    args = ("sweep", BOOK, "--closures", "legs", *CAPS, "--workers", "1")
    db = tmp_path / "r.db"
    master, slave = pty.openpty()
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8", "TERM": "xterm"}
    proc = subprocess.Popen([*corridor_exe(), *args, "-o", str(db)], env=env,
                            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave)
    os.close(slave)
    shown = bytearray()

    def watch() -> None:  # drain the terminal
        while True:
            try:
                chunk = os.read(master, 4096)
            except OSError:
                return
            if not chunk:
                return
            shown.extend(chunk)

    watcher = threading.Thread(target=watch, daemon=True)
    watcher.start()
    try:
        deadline = time.monotonic() + 60
        while _count(db) < 16 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.01)
        if proc.poll() is not None:
            pytest.skip("the sweep finished before it could be interrupted")
        proc.send_signal(signal.SIGINT)
        out, _ = proc.communicate(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        watcher.join(5)
        os.close(master)
    text = shown.decode(errors="replace")
    assert proc.returncode == 130, text[-2000:]
    assert out == b""
    kept = _count(db)
    assert 16 <= kept < 462
    assert f"stopped: {kept} scenarios recorded in {db}; run it again with --resume " \
        "to finish" in text
    assert "sweep" in text and "/462" in text  # the progress bar, on a terminal
    assert "Traceback" not in text

    resumed = run_cli(*args, "-o", str(db), "--resume", "--json")
    assert resumed.returncode == 0, resumed.stderr
    full = run_cli(*args, "-o", str(tmp_path / "full.db"), "--json")
    assert full.returncode == 0, full.stderr
    assert _rows(db) == _rows(tmp_path / "full.db")
    assert len(_rows(db)) == 462
    assert json.loads(resumed.stdout)["ranking"] == json.loads(full.stdout)["ranking"]

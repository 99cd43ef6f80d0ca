"""A sweep on a real dask.distributed cluster: a scheduler and two workers on loopback, one
worker killed mid-run; the results must be complete and the same as a local run's."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import REPO, run_cli

distributed = pytest.importorskip("distributed")

BOOK = str(REPO / "examples" / "shipments.csv")
DRAWS = 300


def _rows(path: Path) -> list[tuple[object, ...]]:
    with sqlite3.connect(path) as db:
        return db.execute("select * from results order by id").fetchall()


def _count(path: Path) -> int:
    if not path.exists():  # connecting would create it
        return 0
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as db:
            return int(db.execute("select count(*) from results").fetchone()[0])
    except sqlite3.Error:  # not created yet
        return 0


@pytest.fixture()
def cluster(tmp_path: Path) -> Iterator[tuple[str, list[subprocess.Popen[bytes]]]]:
    """A scheduler and two single-threaded workers (no nanny: a killed worker stays dead),
    all on 127.0.0.1; yields the scheduler's address and the worker processes."""
    info = tmp_path / "scheduler.json"
    env = {**os.environ, "DASK_DISTRIBUTED__WORKER__DAEMON": "False"}
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL, "env": env}
    procs = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_scheduler",
                               "--host", "127.0.0.1", "--port", "0", "--no-dashboard",
                               "--scheduler-file", str(info)], **quiet)]
    try:
        deadline = time.monotonic() + 60
        while not info.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        address = json.loads(info.read_text())["address"]
        workers = [subprocess.Popen([sys.executable, "-m", "distributed.cli.dask_worker",
                                     address, "--nthreads", "1", "--no-nanny",
                                     "--no-dashboard", "--host", "127.0.0.1"], **quiet)
                   for _ in range(2)]
        procs += workers
        with distributed.Client(address, timeout="30s") as client:
            client.wait_for_workers(2, timeout=60)
        yield address, workers
    finally:
        for proc in reversed(procs):
            proc.kill()
            proc.wait(timeout=30)


def test_a_sweep_survives_a_killed_worker_and_matches_the_local_run(
        cluster: tuple[str, list[subprocess.Popen[bytes]]], tmp_path: Path) -> None:
    address, workers = cluster
    on_cluster, local = tmp_path / "cluster.db", tmp_path / "local.db"
    args = ("sweep", BOOK, "--monte-carlo", str(DRAWS), "--seed", "11", "--json")
    sweep = subprocess.Popen(
        [sys.executable, "-m", "corridor.cli.main", *args, "-o", str(on_cluster),
         "--scheduler", address], stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        cwd=REPO)
    deadline = time.monotonic() + 120
    while _count(on_cluster) < 40 and sweep.poll() is None and time.monotonic() < deadline:
        time.sleep(0.1)
    if sweep.poll() is not None:
        pytest.fail("the sweep ended before a worker could be killed: "
                    + sweep.communicate()[1].decode())
    workers[0].send_signal(signal.SIGKILL)
    out, err = sweep.communicate(timeout=300)
    assert sweep.returncode == 0, err.decode()
    assert json.loads(out)["scenarios"] == DRAWS
    done = run_cli(*args, "-o", str(local), "--workers", "1")
    assert done.returncode == 0, done.stderr
    rows = _rows(on_cluster)
    assert [r[0] for r in rows] == list(range(DRAWS))  # every draw, each once
    assert rows == _rows(local)


def test_an_unreachable_scheduler_is_a_one_line_error(tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("corridor.routing.sweep.run.CONNECT_TIMEOUT", "1s")
    results = tmp_path / "r.db"
    res = run_cli("sweep", BOOK, "--monte-carlo", "5", "--scheduler", "tcp://127.0.0.1:9",
                  "-o", str(results))
    assert res.returncode == 2
    lines = res.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(
        "error: command line, field --scheduler: cannot reach a Dask scheduler at "
        "tcp://127.0.0.1:9")
    assert not results.exists()  # nothing half-written

"""What-if speed: a scenario plan made from the baseline's compiled arrays, against a fresh
load of the same edited network, and ``corridor whatif`` from the shell.

Run (from the repository root)::

    python -m benchmarks.bench_whatif                       # 5 library scenarios, 9 repeats
    python -m benchmarks.bench_whatif --repeat 21 --cli-repeat 9
    python -m benchmarks.bench_whatif --scenarios china-transit-ban,red-sea-closed

On the embedded network and ``examples/shipments.csv``, for each scenario, in one process
and interleaved (so machine noise hits both alike), after one untimed run of each:

* **(a) as whatif makes it**: :func:`~corridor.routing.scenarios.apply_scenarios` on the
  already loaded and compiled baseline (which edits the baseline's compiled arrays instead
  of compiling afresh), then :func:`~corridor.routing.plan.plan` of the book;
* **(b) afresh**: the same edited network's tables written to a temporary folder (not
  timed), then ``load_network(directory=...)`` with the network cache off (read, validate,
  geodesic distances), ``compile_network`` and ``plan``.

Both plan the book with the unserved prices of the baseline
(:func:`~corridor.routing.plan.priced_book`, made once), as whatif does; a scenario with a
``duration_days`` is planned here for the whole horizon (the plan whatif weighs by the
scenario's share of it). The medians of ``--repeat`` runs are reported with the ratio a/b;
the two plans must agree (``objective_usd`` within 1e-6 relative, the same planned and
unserved tonnes to the kilogram), otherwise the benchmark exits 1.

Then whole processes, interleaved, ``--cli-repeat`` times each after one warm-up run (warm
network cache): ``corridor whatif examples/shipments.csv --scenario china-transit-ban``
against ``corridor plan examples/shipments.csv``; the target is a what-if of one scenario
under :data:`TARGET_S` seconds from the shell.

One thing the writing of (b)'s tables works around, which a what-if does not need: a
loaded network holds the computed length of a leg whose ``distance_km`` its file leaves
empty, rounded to 0.1 km, which may fall just under the validator's great-circle check when
written back (the file's empty cell is written instead).
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BOOK = ROOT / "examples" / "shipments.csv"
SCENARIOS = ("china-transit-ban", "caspian-storm-month", "red-sea-closed", "bosporus-closed",
             "middle-corridor-2030")
#: The whole-process what-if (one scenario) should take less than this many seconds.
TARGET_S = 1.0
#: Plans agree when their objectives are this close (relative) and tonnes to the kilogram.
OBJECTIVE_RTOL = 1e-6
TONNES_ATOL = 0.001


# ----------------------------------------------------------------------------- helpers
@contextlib.contextmanager
def no_cache() -> Iterator[None]:
    """The network cache off while inside (``CORRIDOR_NO_CACHE`` is read at each load)."""
    old = os.environ.get("CORRIDOR_NO_CACHE")
    os.environ["CORRIDOR_NO_CACHE"] = "1"
    try:
        yield
    finally:
        if old is None:
            del os.environ["CORRIDOR_NO_CACHE"]
        else:
            os.environ["CORRIDOR_NO_CACHE"] = old


def write_tables(changed: Any, folder: Path) -> None:
    """Write the network ``changed`` (a scenario of the embedded network) as a network
    folder that ``load_network(directory=folder)`` reads: all six tables in
    their schema's column order (see the module doc for the cells written empty)."""
    import numpy as np

    from corridor.network_data.files import embedded_data_dir
    from corridor.network_data.io import to_csv_text
    from corridor.network_data.schema import OPTIONAL_TABLES, TABLES

    with open(embedded_data_dir() / "legs.csv", encoding="utf-8", newline="") as f:
        computed = {r["leg_id"] for r in csv.DictReader(f) if not r["distance_km"].strip()}
    for name, spec in {**TABLES, **OPTIONAL_TABLES}.items():
        table = getattr(changed, name)
        if name == "legs":
            table = table.copy()
            table.loc[table["leg_id"].isin(computed), "distance_km"] = np.nan
        (folder / f"{name}.csv").write_text(to_csv_text(table, spec), encoding="utf-8")


def _tonnes_agree(a: float, b: float) -> bool:
    return abs(a - b) <= TONNES_ATOL


def measure(net: Any, book: Any, scenario: Any, repeat: int) -> dict[str, Any]:
    """(a) and (b) for one scenario: median seconds of each stage over ``repeat`` runs,
    interleaved, after one untimed run of each; ``book`` is the baseline's priced book."""
    from corridor.network_data.load import load_network
    from corridor.routing.compile import compile_network
    from corridor.routing.plan import plan
    from corridor.routing.scenarios import apply_scenarios

    def whatif_way() -> tuple[dict[str, float], Any]:
        t0 = time.perf_counter()
        changed = apply_scenarios(net, [scenario])
        t1 = time.perf_counter()
        result = plan(changed, book)
        t2 = time.perf_counter()
        return {"apply_s": t1 - t0, "plan_s": t2 - t1, "total_s": t2 - t0}, result

    def fresh_way(folder: Path) -> tuple[dict[str, float], Any]:
        t0 = time.perf_counter()
        with no_cache():
            fresh = load_network(directory=folder)
        t1 = time.perf_counter()
        compile_network(fresh)
        t2 = time.perf_counter()
        result = plan(fresh, book)
        t3 = time.perf_counter()
        return {"load_s": t1 - t0, "compile_s": t2 - t1, "plan_s": t3 - t2,
                "total_s": t3 - t0}, result

    with tempfile.TemporaryDirectory(prefix="bench_whatif-") as tmp:
        folder = Path(tmp)
        write_tables(apply_scenarios(net, [scenario]), folder)
        _, a_plan = whatif_way()  # untimed: first calls, lazily built indexes
        _, b_plan = fresh_way(folder)
        a_runs: list[dict[str, float]] = []
        b_runs: list[dict[str, float]] = []
        for _ in range(max(1, repeat)):
            a_runs.append(whatif_way()[0])
            b_runs.append(fresh_way(folder)[0])

    def medians(runs: list[dict[str, float]]) -> dict[str, float]:
        return {key: statistics.median(r[key] for r in runs) for key in runs[0]}

    sa, sb = a_plan.summary, b_plan.summary
    agree = (abs(sa["objective_usd"] - sb["objective_usd"])
             <= OBJECTIVE_RTOL * max(1.0, abs(sb["objective_usd"]))
             and _tonnes_agree(sa["planned_tonnes"], sb["planned_tonnes"])
             and _tonnes_agree(sa["unserved_tonnes"], sb["unserved_tonnes"]))
    a, b = medians(a_runs), medians(b_runs)
    return {"scenario": scenario.name, "a": a, "b": b, "ratio": a["total_s"] / b["total_s"],
            "objective_a": sa["objective_usd"], "objective_b": sb["objective_usd"],
            "planned_t": (sa["planned_tonnes"], sb["planned_tonnes"]),
            "unserved_t": (sa["unserved_tonnes"], sb["unserved_tonnes"]),
            "agree": agree}


def corridor_cmd() -> list[str]:
    """The ``corridor`` command of this interpreter's environment."""
    exe = Path(sys.executable).parent / "corridor"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("corridor")
    return [found] if found else [sys.executable, "-m", "corridor.cli.main"]


def cli_times(repeat: int, scenario: str = "china-transit-ban") -> dict[str, list[float]]:
    """Wall seconds of whole ``corridor whatif`` and ``corridor plan`` processes on the
    example book, interleaved, after one warm-up run each (which also fills the network
    cache if it was empty)."""
    book = str(BOOK.relative_to(ROOT))
    cases = {
        f"corridor whatif {book} --scenario {scenario}":
            [*corridor_cmd(), "whatif", book, "--scenario", scenario],
        f"corridor plan {book}": [*corridor_cmd(), "plan", book],
    }
    env = {k: v for k, v in os.environ.items() if k != "CORRIDOR_NO_CACHE"}

    def wall(cmd: list[str]) -> float:
        start = time.perf_counter()
        subprocess.run(cmd, check=True, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                       stderr=subprocess.DEVNULL)
        return time.perf_counter() - start

    for cmd in cases.values():
        wall(cmd)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(max(1, repeat)):
        for name, cmd in cases.items():
            times[name].append(wall(cmd))
    return times


# ----------------------------------------------------------------------------- driver
def main(argv: list[str] | None = None) -> int:
    """Run the benchmark, print the tables; 1 if a pair of plans disagrees."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenarios", default=",".join(SCENARIOS),
                    help="library scenarios, comma-separated")
    ap.add_argument("--repeat", type=int, default=9,
                    help="timed runs of (a) and of (b) per scenario; medians reported")
    ap.add_argument("--cli-repeat", type=int, default=5,
                    help="timed runs of each whole process; medians reported (0: skip)")
    args = ap.parse_args(argv)

    from corridor.cli.common import freeze_loaded
    from corridor.network_data.load import load_network
    from corridor.network_data.scenario import find_scenario
    from corridor.network_data.shipments import read_shipments
    from corridor.routing.compile import compile_network
    from corridor.routing.plan import priced_book

    net = load_network()
    compile_network(net)  # the baseline is compiled once, as in whatif
    book = priced_book(net, read_shipments(BOOK, net))
    # OR-Tools is imported on a plan's first LP: load it before anything is timed
    from ortools.linear_solver import pywraplp  # noqa: F401
    from ortools.linear_solver.python import model_builder_helper  # noqa: F401

    freeze_loaded()  # as `corridor` does once the network is loaded
    names = [n.strip() for n in args.scenarios.split(",") if n.strip()]
    scenarios = [find_scenario(n, net.vocabulary, net.sources.index) for n in names]
    print(f"embedded network, {BOOK.relative_to(ROOT)} ({len(book)} shipments), medians of "
          f"{args.repeat} runs, ms")
    print(f"{'scenario':24} {'(a) apply':>9} {'plan':>6} {'total':>6}   {'(b) load':>8} "
          f"{'compile':>7} {'plan':>6} {'total':>6}   {'a/b':>5}  plans")
    failed = False
    for scenario in scenarios:
        r = measure(net, book, scenario, args.repeat)
        a, b = r["a"], r["b"]
        verdict = "agree" if r["agree"] else (
            f"DIFFER: objective {r['objective_a']:.2f} vs {r['objective_b']:.2f}, planned "
            f"{r['planned_t'][0]} vs {r['planned_t'][1]} t, unserved {r['unserved_t'][0]} vs "
            f"{r['unserved_t'][1]} t")
        failed |= not r["agree"]
        print(f"{r['scenario']:24} {1e3 * a['apply_s']:9.1f} {1e3 * a['plan_s']:6.1f} "
              f"{1e3 * a['total_s']:6.1f}   {1e3 * b['load_s']:8.1f} {1e3 * b['compile_s']:7.1f} "
              f"{1e3 * b['plan_s']:6.1f} {1e3 * b['total_s']:6.1f}   {r['ratio']:5.2f}  "
              f"{verdict}", flush=True)
    if args.cli_repeat > 0:
        times = cli_times(args.cli_repeat)
        print(f"\nwhole processes (warm network cache), {args.cli_repeat} runs each, s")
        print(f"{'command':66} {'median':>7} {'min':>6} {'max':>6}")
        for name, ts in times.items():
            print(f"{name:66} {statistics.median(ts):7.3f} {min(ts):6.3f} {max(ts):6.3f}")
        whatif_s = statistics.median(next(iter(times.values())))
        print(f"what-if of one scenario: {whatif_s:.3f} s "
              f"({'meets' if whatif_s < TARGET_S else 'misses'} the target < {TARGET_S:g} s)")
    if failed:
        print("the plans of (a) and (b) disagree", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())

"""Benchmark of `corridor sweep` against re-planning every scenario from scratch.

Run (from the repository root, with the ``test`` extra installed for the Dask rows)::

    python -m benchmarks.bench_sweep             # everything below (about 3 minutes)
    python -m benchmarks.bench_sweep --quick     # N-1 on the example book, 1,000 draws

Measured in one run, on the embedded network:

* **N-1 of every leg in operation**, on two books: the example book with RU and CN capped at
  30 %, and 1,000 seeded synthetic shipments (``benchmarks.bench_plan.book_frame``: random
  origins, destinations and commodities, no caps). *From scratch*: for each leg, the legs
  table edited (the leg closed), a new network, compiled and planned
  (``corridor.plan``), as a script re-planning each scenario through the Python API would.
  *Sweep*: :class:`~corridor.routing.sweep.evaluate.Evaluator` (the baseline solved once,
  included in its time), then every closure answered on one process. The two objectives
  (stranded tonnes priced as in the baseline) must agree to the cent, scenario by
  scenario, or the benchmark exits 1.
* **Monte-Carlo**: 10,000 draws on the example book (no caps) through ``run_sweep`` with
  two local worker processes: the wall time against the 2-minute target.
* **Scenarios per second** on 1 and 2 local workers and on a two-worker Dask cluster on
  loopback (a ``LocalCluster`` of two single-threaded worker processes), 1,000 draws each,
  the rows compared with the one-worker run's.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parents[1]
CAPS = {"RU": 0.3, "CN": 0.3}


def _books(net: Any) -> list[tuple[str, Any, dict[str, float]]]:
    from benchmarks.bench_plan import book_frame
    from corridor.network_data.shipments import read_shipments, shipments_from_records

    example = read_shipments(REPO / "examples" / "shipments.csv", net)
    synthetic = shipments_from_records(book_frame(net, 1000, seed=1, total_tonnes=7e6), net)
    return [("example book, RU and CN capped at 30 %", example, CAPS),
            ("1,000 synthetic shipments", synthetic, {})]


def from_scratch(net: Any, book: Any, caps: dict[str, float], legs: list[str]
                 ) -> tuple[float, dict[str, float]]:
    """Seconds to re-plan every closure from scratch, and each one's objective."""
    from corridor.routing.compile import compile_network
    from corridor.routing.plan import plan, priced_book

    priced = priced_book(net, book)
    out = {}
    start = time.perf_counter()
    for leg in legs:
        table = net.legs
        table.loc[leg, "status"] = "closed"
        edited = net.replace(legs=table)
        compile_network(edited)
        out[leg] = plan(edited, priced, max_share=caps).summary["objective_usd"]
    return time.perf_counter() - start, out


def by_sweep(net: Any, book: Any, caps: dict[str, float]) -> tuple[float, dict[str, float], int]:
    """Seconds for the sweep of every leg (baseline included), each closure's objective and
    how many were solved (the others closed nothing the baseline uses)."""
    from corridor.routing.costs import CostParams
    from corridor.routing.sweep.evaluate import Evaluator, SweepInputs
    from corridor.routing.sweep.spec import selectors_of_kind, single_closures

    start = time.perf_counter()
    evaluator = Evaluator(SweepInputs(net, book, CostParams(), caps))
    rows = [evaluator.evaluate(c) for c in
            single_closures(selectors_of_kind(evaluator.net, "legs"))]
    seconds = time.perf_counter() - start
    solved = sum(1 for r in rows if r["effect"] != "none")
    return seconds, {r["closed"][0].split(":", 1)[1]: r["objective_usd"] for r in rows}, solved


def by_sweep_workers(net: Any, book: Any, caps: dict[str, float], workers: int
                     ) -> tuple[float, dict[str, float]]:
    """Seconds for the same sweep through ``run_sweep`` on ``workers`` local processes
    (each builds its baseline), and each closure's objective."""
    from corridor.routing.costs import CostParams
    from corridor.routing.sweep import ResultStore, SweepInputs, SweepSpec, run_sweep

    start = time.perf_counter()
    store = ResultStore(None, "bench", {})
    rows = run_sweep(SweepInputs(net, book, CostParams(), caps), SweepSpec(closures="legs"),
                     store, f"bench-n1-{id(book)}", workers=workers)
    store.close()
    return time.perf_counter() - start, {r["closed"][0].split(":", 1)[1]: r["objective_usd"]
                                         for r in rows}


def draws(net: Any, book: Any, n: int, *, workers: int = 1, scheduler: str | None = None,
          seed: int = 5) -> tuple[float, list[dict[str, Any]]]:
    """Seconds for ``n`` Monte-Carlo draws (baseline included) and their rows."""
    from corridor.routing.costs import CostParams
    from corridor.routing.sweep import ResultStore, SweepInputs, SweepSpec, run_sweep

    inputs = SweepInputs(net, book, CostParams(), {})
    spec = SweepSpec(monte_carlo=n, seed=seed)
    start = time.perf_counter()
    store = ResultStore(None, "bench", {})
    rows = run_sweep(inputs, spec, store, f"bench-{n}-{seed}", workers=workers,
                     scheduler=scheduler)
    store.close()
    return time.perf_counter() - start, rows


def n_minus_one(net: Any) -> bool:
    """The N-1 table; False if an objective disagrees."""
    legs = sorted(str(leg) for leg, status in zip(net.legs.index, net.legs["status"])
                  if status == "operational")
    print(f"N-1 sweep of every leg in operation ({len(legs)} legs), seconds")
    print(f"{'book':40} {'scratch':>8} {'1 worker':>9} {'ratio':>6} {'2 workers':>10} "
          f"{'ratio':>6} {'changed':>8}  objectives")
    ok = True
    for name, book, caps in _books(net):
        scratch_s, scratch = from_scratch(net, book, caps, legs)
        sweep_s, swept, solved = by_sweep(net, book, caps)
        two_s, two = by_sweep_workers(net, book, caps, 2)
        off = [leg for leg in legs if abs(scratch[leg] - swept[leg]) > 0.01
               or abs(scratch[leg] - two[leg]) > 0.01]
        ok &= not off
        print(f"{name:40} {scratch_s:8.2f} {sweep_s:9.2f} {scratch_s / sweep_s:5.1f}× "
              f"{two_s:10.2f} {scratch_s / two_s:5.1f}× {solved:8d}  "
              f"{'equal to the cent' if not off else f'{len(off)} differ'}")
    return ok


def parallel(net: Any, n: int, dask: bool) -> bool:
    """Scenarios per second on 1 and 2 workers (and Dask); False if rows differ."""
    from corridor.network_data.shipments import read_shipments

    book = read_shipments(REPO / "examples" / "shipments.csv", net)
    print(f"\n{n:,} Monte-Carlo draws on the example book (no caps)")
    print(f"{'where':36} {'seconds':>8} {'scenarios/s':>12}  rows")
    one_s, one = draws(net, book, n, workers=1)
    print(f"{'1 worker (this process)':36} {one_s:8.2f} {n / one_s:12.1f}  reference")
    two_s, two = draws(net, book, n, workers=2)
    ok = two == one
    print(f"{'2 local worker processes':36} {two_s:8.2f} {n / two_s:12.1f}  "
          f"{'same' if two == one else 'DIFFER'}")
    if dask:
        from distributed import LocalCluster

        with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                          host="127.0.0.1", dashboard_address=None) as cluster:
            dask_s, on_dask = draws(net, book, n, scheduler=cluster.scheduler_address)
        ok &= on_dask == one
        print(f"{'Dask, 2 workers on loopback':36} {dask_s:8.2f} {n / dask_s:12.1f}  "
              f"{'same' if on_dask == one else 'DIFFER'}")
    return ok


def monte_carlo_target(net: Any, n: int) -> None:
    """The 10,000-draw run against its 2-minute target."""
    from corridor.network_data.shipments import read_shipments
    from corridor.routing.sweep import monte_carlo

    book = read_shipments(REPO / "examples" / "shipments.csv", net)
    seconds, rows = draws(net, book, n, workers=2, seed=9)
    summary = monte_carlo(rows)
    assert summary is not None
    solved = summary["draws_with_effect"]
    p95 = summary["added_cost_with_stranded_usd"]["p95"]
    print(f"\n{n:,} Monte-Carlo draws, 2 local workers: {seconds:.1f} s "
          f"({'meets' if seconds < 120 else 'misses'} the 2-minute target); {solved:,} "
          f"changed the plan; P95 of the added cost with stranded tonnes "
          f"{p95:,.0f} USD")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true",
                        help="N-1 on both books, 1,000 draws on 1 and 2 workers; no Dask, "
                        "no 10,000-draw run")
    args = parser.parse_args(argv)
    from corridor.network_data import load_network

    net = load_network()
    np.seterr(all="ignore")
    ok = n_minus_one(net)
    try:
        import distributed  # noqa: F401
        has_dask = True
    except ImportError:
        has_dask = False
    ok &= parallel(net, 1000, dask=has_dask and not args.quick)
    if not args.quick:
        monte_carlo_target(net, 10_000)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

"""Which OR-Tools backend solves the plan's master problems? Measured on the same instances.

Run (from the repository root)::

    python -m benchmarks.bench_backends             # every instance below
    python -m benchmarks.bench_backends --quick     # the two small instances only

OR-Tools bundles several LP and MIP solvers behind one interface (``pywraplp``); the planner
picks one for the splittable master (column generation) and one for ``--unsplittable``. This
runs the whole plan (shortest paths, column generation, verification) once per backend on
seeded instances where capacities and caps bind, so the master problems do real work:

* LP backends (GLOP, CLP, HiGHS, PDLP): time inside the LP solver over all column-generation
  iterations, iterations, routes and the objective's difference from GLOP's. Column
  generation needs exact duals; an interior-point or first-order method's approximate duals
  can cost iterations or stop it short, which shows in the objective.
* MIP backends (SCIP, CP-SAT, CBC, HiGHS) for ``--unsplittable`` over the same generated
  routes: time, objective, gap to the LP bound, and whether optimality was proven within the
  time limit.

Every plan is verified independently before its figures are reported (a backend that
returns a wrong plan fails here, it is not silently timed).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

LP_BACKENDS = ("GLOP", "CLP", "HIGHS_LP", "PDLP")
MIP_BACKENDS = ("SCIP", "CP-SAT", "CBC", "HIGHS_MIP")


def _instances(quick: bool) -> list[dict[str, Any]]:
    """The measured instances: name, network, book rows (0 = the example book), total
    tonnes and share caps."""
    cases = [
        {"name": "example book, RU and CN ≤ 30 %", "network": "embedded", "rows": 0,
         "caps": {"RU": 0.3, "CN": 0.3}},
        {"name": "embedded, 300 rows, 60 Mt", "network": "embedded", "rows": 300,
         "tonnes": 60e6, "caps": {}},
    ]
    if not quick:
        cases += [
            {"name": "embedded, 1,000 rows, 200 Mt, CN ≤ 30 %", "network": "embedded",
             "rows": 1000, "tonnes": 200e6, "caps": {"CN": 0.3}},
            {"name": "synthetic 3,000 nodes, 1,000 rows, 40 Mt", "network": "3000",
             "rows": 1000, "tonnes": 40e6, "caps": {}},
        ]
    return cases


def _setup(case: dict[str, Any], seed: int) -> tuple[Any, Any]:
    from benchmarks.bench_plan import book_frame, load_instance
    from corridor.network_data.shipments import read_shipments, shipments_from_records

    net = load_instance({"network": case["network"], "seed": seed})
    if case["rows"] == 0:
        root = Path(__file__).resolve().parent.parent
        return net, read_shipments(root / "examples" / "shipments.csv", net)
    frame = book_frame(net, case["rows"], seed, case["tonnes"])
    return net, shipments_from_records(frame, net)


def _run(net: Any, book: Any, case: dict[str, Any], **options: Any) -> dict[str, Any]:
    from corridor.network_data.errors import SolverError
    from corridor.routing.plan import plan

    start = time.perf_counter()
    try:
        result = plan(net, book, max_share=case["caps"], **options)
    except SolverError as exc:
        return {"error": str(exc).splitlines()[0][:80]}
    s, st = result.summary, result.stats
    return {"options": options, "total_s": time.perf_counter() - start, "lp_s": st.lp_seconds,
            "mip_s": st.mip_seconds, "iterations": st.iterations, "routes": st.columns,
            "objective": s["objective_usd"], "gap": s["mip_gap"],
            "optimal": s["mip_optimal"], "method": s["method"]}


def _compare(net: Any, book: Any, case: dict[str, Any], backends: tuple[str, ...],
             option: str, cells: Callable[[dict[str, Any], float], str],
             **options: Any) -> list[str]:
    """Table rows of one instance: each backend (passed as ``option``) with ``options``, its
    figures and its objective against the first backend's."""
    rows: list[str] = []
    reference = None
    for backend in backends:
        print(f"{case['name']}: {backend}", file=sys.stderr, flush=True)
        r = _run(net, book, case, **{option: backend}, **options)
        if "error" in r:
            rows.append(f"| {case['name']} | {backend} | failed: {r['error']} | | | |")
            continue
        if r["method"] == "column_generation" and "mip_solver" in r["options"]:
            rows.append(f"| {case['name']} | {backend} | LP already integral | | | |")
            break
        reference = r["objective"] if reference is None else reference
        diff = (r["objective"] - reference) / max(abs(reference), 1.0)
        rows.append(f"| {case['name']} | {backend} | {cells(r, diff)} |")
    return rows


def main(argv: list[str] | None = None) -> int:
    """Run the comparison and print two tables (LP, MIP)."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--quick", action="store_true", help="the two small instances only")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--time-limit", type=float, default=60.0, help="MIP time limit, s")
    args = ap.parse_args(argv)
    lp_rows: list[str] = []
    mip_rows: list[str] = []
    for case in _instances(args.quick):
        net, book = _setup(case, args.seed)
        lp_rows += _compare(
            net, book, case, LP_BACKENDS, "lp_solver",
            lambda r, diff: f"{r['lp_s']:.3f} | {r['iterations']} | {r['routes']:,} | "
                            f"{diff:+.2e}")
        mip_rows += _compare(
            net, book, case, MIP_BACKENDS, "mip_solver",
            lambda r, diff: f"{r['mip_s']:.2f} | {diff:+.2e} | {r['gap']:.4%} | "
                            f"{'yes' if r['optimal'] else 'no'}",
            unsplittable=True, time_limit_s=args.time_limit)
    print("LP master (column generation), per backend:\n")
    print("| instance | backend | LP s | iterations | routes | objective vs GLOP |")
    print("|---|---|---|---|---|---|")
    print("\n".join(lp_rows))
    print("\nUnsplittable (MIP over the generated routes), per backend:\n")
    print("| instance | backend | MIP s | objective vs SCIP | gap to LP bound | "
          "proven optimal |")
    print("|---|---|---|---|---|---|")
    print("\n".join(mip_rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())

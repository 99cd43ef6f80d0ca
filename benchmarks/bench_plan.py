"""Benchmark of `corridor plan` against an FTOT-style PuLP + CBC arc model, same instances.

Run (from the repository root, with the ``bench`` extra installed)::

    python -m benchmarks.bench_plan                       # full: 100/1,000/10,000 rows on the
                                                          # embedded network, 1,000 rows on
                                                          # 3,000- and 30,000-node networks
    python -m benchmarks.bench_plan --quick               # 100/1,000 rows, 3,000 nodes
    python -m benchmarks.bench_plan --sizes 100,1000,10000 --synthetic 3000,30000 \\
        --synthetic-rows 1000 --baseline-timeout 600

Every instance is seeded (books and networks). Each measurement runs in a fresh Python
process, so the peak resident memory (``ru_maxrss``) belongs to that run alone; corridor's
runs are repeated (``--repeat``, default 3, a fresh process each) and their medians reported,
the (slow) baseline runs once. Reported:

* corridor end-to-end: read the shipments CSV, plan (build, solve, verify, tables), write the
  plan and leg CSV text (what ``corridor plan -o --legs`` writes); the network load is a
  one-off (after it, the process sets the loaded objects aside from garbage collection, as
  ``corridor`` does), and the optional ``--json`` serialisation is timed apart
  (``json_s``). Timed twice: the first plan in the process (cold, as one CLI run) and the
  same again (warm, as every later plan on a loaded network);
* time inside solver calls (Dijkstra and deadline searches, GLOP, SCIP);
* the baseline: the same arc model FTOT writes (one flow block per origin × commodity; arc,
  capacity-group and node capacities; an unmet-demand slack per block and destination),
  built with PuLP and solved with CBC, build and solve timed apart, under a wall-clock
  timeout;
* the ``plan()`` call alone (build, solve, verify, tables: no CSV read or written), cold
  and warm, so the optimiser's own overhead over its solver calls shows apart from the
  book's I/O (which grows with the rows while the solver's work grows with the demand
  groups);
* ratios: baseline / corridor, corridor end-to-end / solver time, ``plan()`` / solver time;
  the two objectives must agree when the baseline finishes.

Bench books have no deadlines, avoids or value overrides (an arc model cannot express
deadlines), and every row prices unserved tonnage at a fixed 200,000 USD/t so both models
are the same LP.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

UNSERVED_USD_PER_T = 200_000.0
COUNTRIES = ("KZ", "UZ", "TM", "AZ", "GE", "TR", "CN", "RU", "MN", "IR", "AF", "PK")


# ----------------------------------------------------------------------------- instances
def synthetic_network(n_nodes: int, seed: int) -> Any:
    """A seeded corridor-like network: random planar points, k-nearest-neighbour legs
    (degree ~4), a west-east chain for connectivity, mixed modes, border legs with extra
    cost, days and (some) small capacities, built through the schema."""
    from scipy.spatial import cKDTree

    from corridor.network_data.files import embedded_data_dir
    from corridor.network_data.io import ParsedTable
    from corridor.network_data.load import build_network
    from corridor.network_data.schema import COMMODITIES, LEGS, NODES, SOURCES

    rng = np.random.default_rng(seed)
    lon = rng.uniform(45.0, 135.0, n_nodes)
    lat = rng.uniform(20.0, 55.0, n_nodes)
    cell = (np.minimum((lon - 45) / 90 * 4, 3.999).astype(int) * 3
            + np.minimum((lat - 20) / 35 * 3, 2.999).astype(int))
    country = np.array(COUNTRIES)[cell]
    pts = np.c_[lon * np.cos(np.radians(37.5)), lat]
    _, nbr = cKDTree(pts).query(pts, k=3)
    a = np.repeat(np.arange(n_nodes), 2)
    b = nbr[:, 1:].ravel()
    order = np.argsort(lon)
    a = np.concatenate([a, order[:-1]])
    b = np.concatenate([b, order[1:]])
    lo, hi = np.minimum(a, b), np.maximum(a, b)
    pairs = np.unique(np.c_[lo, hi], axis=0)
    a, b = pairs[:, 0], pairs[:, 1]
    n_legs = len(a)
    dlon = np.radians(lon[b] - lon[a])
    p1, p2 = np.radians(lat[a]), np.radians(lat[b])
    hav = np.sin((p2 - p1) / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlon / 2) ** 2
    km = np.round(6371.0 * 2 * np.arcsin(np.sqrt(hav)) * 1.15 + 1.0, 1)
    border = country[a] != country[b]
    r = rng.random(n_legs)
    mode = np.where(border, "border", np.where(r < 0.1, "road", np.where(r < 0.95, "rail",
                                                                         "ferry")))
    tkm = np.select([mode == "road", mode == "ferry"], [0.12, 0.04], 0.07)
    fixed = np.where(border, rng.uniform(15, 40, n_legs), np.where(mode == "ferry", 30.0, 0.0))
    days = km / np.where(mode == "road", 500.0, 600.0) + np.where(border, rng.uniform(1, 3,
                                                                                      n_legs),
                                                                  0.0)
    cap = np.where(border & (rng.random(n_legs) < 0.3),
                   rng.choice([1e6, 2e6, 5e6], n_legs), np.nan)
    risk = np.round(np.where(border, 0.01, 0.002) * rng.uniform(0.5, 1.5, n_legs), 4)
    ids = np.array([f"n{i}" for i in range(n_nodes)])
    nodes = pd.DataFrame({
        "node_id": ids, "name": ids, "aliases": [()] * n_nodes, "country": country,
        "kind": "rail_junction", "lat": lat, "lon": lon, "coord_provenance": [("computed",)]
        * n_nodes, "gauge_mm": None, "throughput_tpy": np.nan, "is_origin": False,
        "is_destination": False, "provenance": [()] * n_nodes, "notes": ""})
    terr = [tuple(sorted({x, y})) for x, y in zip(country[a], country[b])]
    legs = pd.DataFrame({
        "leg_id": [f"e{i}" for i in range(n_legs)], "from_id": ids[a], "to_id": ids[b],
        "mode": mode, "corridor": [f"corr{c // 3}" for c in cell[a]], "distance_km": km,
        "tariff_fixed_usd_per_t": np.round(fixed, 2), "tariff_usd_per_tkm": tkm,
        "transit_days": np.round(days, 2), "capacity_tpy": cap, "capacity_group": "",
        "territory": terr,
        "control": [()] * n_legs, "passage": "", "disruption_prob": risk,
        # premium at 0.3 × P(disruption): the risk per value the network had before premiums
        "risk_premium_share": np.round(0.3 * risk, 6), "expected_delay_days": 0.0,
        "rate_id": "", "status": "operational",
        "status_year": None, "allows_class7": True, "bidirectional": True, "waypoints": "",
        "provenance": [("computed",)] * n_legs, "notes": ""})
    from corridor.network_data.io import parse_table, read_text

    problems: list[Any] = []
    commodities = parse_table(read_text(embedded_data_dir() / "commodities.csv"), COMMODITIES,
                              "commodities", problems)
    empty = ParsedTable(pd.DataFrame({c: [] for c in SOURCES.column_names}), (), "sources")
    tables = {"nodes": ParsedTable(nodes[list(NODES.column_names)], (), "nodes"),
              "legs": ParsedTable(legs[list(LEGS.column_names)], (), "legs"),
              "sources": empty, "commodities": commodities}
    return build_network(tables, label=f"synthetic-{n_nodes}")


def endpoints(net: Any) -> tuple[list[str], list[str]]:
    """Origins and destinations: the flagged ones, or the west/east edges of a synthetic net."""
    origins = sorted(net.nodes.index[net.nodes["is_origin"].astype(bool)])
    dests = sorted(net.nodes.index[net.nodes["is_destination"].astype(bool)])
    if not origins:
        lon = net.nodes["lon"].astype(float)
        origins = sorted(lon.nsmallest(10).index)
        dests = sorted(lon.nlargest(12).index)
    return [str(o) for o in origins], [str(d) for d in dests]


def book_frame(net: Any, rows: int, seed: int, total_tonnes: float) -> pd.DataFrame:
    """A seeded book: random origin, destination and commodity, lognormal tonnes."""
    rng = np.random.default_rng(seed)
    origins, dests = endpoints(net)
    commodities = sorted(net.commodities.index)
    t = rng.lognormal(0.0, 0.8, rows)
    t = np.maximum(1.0, np.round(t / t.sum() * total_tonnes, 1))
    return pd.DataFrame({
        "shipment_id": [f"b{i:05d}" for i in range(rows)],
        "origin": rng.choice(origins, rows), "destination": rng.choice(dests, rows),
        "commodity": rng.choice(commodities, rows), "tonnes": t,
        "unserved_usd_per_t": UNSERVED_USD_PER_T})


def load_instance(spec: dict[str, Any]) -> Any:
    """The network of an instance spec (embedded or synthetic)."""
    if spec["network"] == "embedded":
        from corridor.network_data import load_network

        return load_network()
    return synthetic_network(int(spec["network"]), seed=int(spec["seed"]))


# ----------------------------------------------------------------------------- workers
def run_corridor(spec: dict[str, Any]) -> dict[str, Any]:
    """One corridor run: end-to-end time, solver time, peak memory."""
    start = time.perf_counter()
    net = load_instance(spec)
    load_s = time.perf_counter() - start
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.csv"
        book_frame(net, spec["rows"], spec["seed"], spec["tonnes"]).to_csv(path, index=False)
        from corridor.cli.common import freeze_loaded
        from corridor.network_data.shipments import read_shipments
        from corridor.reports import legs_csv, plan_json, shipments_csv
        from corridor.routing.compile import compile_network
        from corridor.routing.plan import plan

        compile_network(net)  # compiled once per network and reused by every plan
        # imports are not timed: OR-Tools is loaded on a plan's first LP, so load it here
        from ortools.linear_solver import linear_solver_pb2, pywraplp  # noqa: F401
        from ortools.linear_solver.python import model_builder_helper  # noqa: F401

        freeze_loaded()  # as `corridor` does once the network is loaded

        def end_to_end() -> tuple[float, float, Any, tuple[str, ...]]:
            t0 = time.perf_counter()
            book = read_shipments(path, net)
            t1 = time.perf_counter()
            result = plan(net, book)
            plan_s = time.perf_counter() - t1
            texts = (shipments_csv(result), legs_csv(result))  # two files, as the CLI
            return time.perf_counter() - t0, plan_s, result, texts

        # cold: the first plan in the process (what one `corridor plan` run pays, with the
        # network's lazily built indexes and Python's first calls); warm: the same again,
        # as every later plan on a loaded network (a notebook, a what-if sweep). The cold
        # result is let go first, so the peak memory is one plan's.
        e2e, plan_s, result, texts = end_to_end()
        t1 = time.perf_counter()
        texts += (plan_json(result),)  # what `corridor plan --json` prints
        json_s = time.perf_counter() - t1
        s, stats = result.summary, result.stats
        groups, output_bytes = len(result.solution.problem.groups), sum(map(len, texts))
        del result, texts
        e2e_warm, plan_warm_s, warm, _ = end_to_end()
    return {"load_s": load_s, "e2e_s": e2e, "plan_s": plan_s, "json_s": json_s,
            "e2e_warm_s": e2e_warm, "plan_warm_s": plan_warm_s,
            "solver_warm_s": warm.stats.solver_seconds,
            "solver_s": stats.solver_seconds,
            "lp_s": stats.lp_seconds, "path_s": stats.path_seconds,
            "objective": s["objective_usd"], "method": s["method"],
            "iterations": s["iterations"], "routes": s["routes_generated"],
            "unserved_t": s["unserved_tonnes"], "groups": groups,
            "output_bytes": output_bytes,
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def run_baseline(spec: dict[str, Any]) -> dict[str, Any]:
    """FTOT-style arc model: PuLP variables per (origin × commodity block, arc), CBC."""
    import pulp

    from corridor.routing.compile import compile_network
    from corridor.routing.costs import CostParams, arc_costs

    net = load_instance(spec)
    c = compile_network(net)
    book = book_frame(net, spec["rows"], spec["seed"], spec["tonnes"])
    t0 = time.perf_counter()
    demand = book.groupby(["origin", "commodity", "destination"])["tonnes"].sum()
    blocks = sorted({(o, k) for o, k, _ in demand.index})
    prob = pulp.LpProblem("ftot_style", pulp.LpMinimize)
    flow: dict[tuple[int, int], pulp.LpVariable] = {}
    unmet: dict[tuple[int, str], pulp.LpVariable] = {}
    objective = []
    params = CostParams()
    for b, (_, k) in enumerate(blocks):
        row = net.commodities.loc[k]
        costs = arc_costs(c, value_usd_per_t=float(row["value_usd_per_t"]), params=params,
                          class7_only=bool(row["class7_only_legs"]),
                          cargo_class=str(row["cargo_class"]))
        for a in np.flatnonzero(costs.usable).tolist():
            v = pulp.LpVariable(f"f_{b}_{a}", lowBound=0)
            flow[b, a] = v
            objective.append(float(costs.total[a]) * v)
    for (o, k, d) in demand.index:
        b = blocks.index((o, k))
        u = pulp.LpVariable(f"u_{b}_{d}", lowBound=0)
        unmet[b, d] = u
        objective.append(UNSERVED_USD_PER_T * u)
    prob += pulp.lpSum(objective)
    out_arcs: dict[int, list[int]] = {}
    in_arcs: dict[int, list[int]] = {}
    for a in range(c.n_arcs):
        out_arcs.setdefault(int(c.tail[a]), []).append(a)
        in_arcs.setdefault(int(c.head[a]), []).append(a)
    for b, (o, k) in enumerate(blocks):
        oi = c.node_index[o]
        sinks = {c.node_index[d]: (t, d) for (oo, kk, d), t in demand.items()
                 if (oo, kk) == (o, k)}
        total = sum(t for t, _ in sinks.values())
        for v in range(c.n_nodes):
            out = [flow[b, a] for a in out_arcs.get(v, []) if (b, a) in flow]
            inn = [flow[b, a] for a in in_arcs.get(v, []) if (b, a) in flow]
            if v == oi:
                rhs = total - pulp.lpSum(unmet[b, d] for _, d in sinks.values())
            elif v in sinks:
                t, d = sinks[v]
                rhs = -(t - unmet[b, d])
            else:
                rhs = 0
            if out or inn or not isinstance(rhs, int):
                prob += pulp.lpSum(out) - pulp.lpSum(inn) == rhs
    row_arcs: dict[int, list[int]] = {}  # capacity rows: an arc's own, or a shared group's
    for a in np.flatnonzero(c.cap_row >= 0).tolist():
        row_arcs.setdefault(int(c.cap_row[a]), []).append(a)
    for r, arcs in sorted(row_arcs.items()):
        terms = [flow[b, a] for a in arcs for b in range(len(blocks)) if (b, a) in flow]
        if terms:
            prob += pulp.lpSum(terms) <= float(c.row_capacity_tpy[r])
    thr = net.nodes["throughput_tpy"].to_numpy(dtype=float, na_value=np.nan)
    for v in np.flatnonzero(~np.isnan(thr)).tolist():
        terms = [flow[b, a] for b in range(len(blocks)) for a in in_arcs.get(v, [])
                 if (b, a) in flow]
        for b, (o, k) in enumerate(blocks):
            if c.node_index[o] == v:
                served = [(t - unmet[b, d]) for (oo, kk, d), t in demand.items()
                          if (oo, kk) == (o, k)]
                terms.extend(served)
        prob += pulp.lpSum(terms) <= float(thr[v])
    build = time.perf_counter() - t0
    t1 = time.perf_counter()
    status = prob.solve(pulp.PULP_CBC_CMD(msg=False))
    solve = time.perf_counter() - t1
    return {"build_s": build, "solve_s": solve, "total_s": build + solve,
            "status": pulp.LpStatus[status], "objective": float(pulp.value(prob.objective)),
            "variables": len(flow) + len(unmet),
            "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}


def _in_subprocess(kind: str, spec: dict[str, Any], timeout: float) -> dict[str, Any]:
    cmd = [sys.executable, "-m", "benchmarks.bench_plan", "--worker", kind, json.dumps(spec)]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout,
                             cwd=Path(__file__).resolve().parent.parent)
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}
    if out.returncode != 0:
        return {"error": out.stderr.strip().splitlines()[-1] if out.stderr else "failed"}
    return dict(json.loads(out.stdout.strip().splitlines()[-1]))


def _median_of(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The runs' median of every timing and memory figure (the rest from the first run; the
    plans themselves are identical). A failed run is reported as it is."""
    for run in runs:
        if "e2e_s" not in run:
            return run
    out = dict(runs[0])
    for key in ("load_s", "e2e_s", "plan_s", "json_s", "e2e_warm_s", "plan_warm_s",
                "solver_warm_s", "solver_s",
                "lp_s", "path_s", "peak_rss_mb"):
        out[key] = float(np.median([run[key] for run in runs]))
    out["runs"] = len(runs)
    return out


# ----------------------------------------------------------------------------- driver
def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the table."""
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="100,1000,10000", help="book rows, embedded network")
    ap.add_argument("--synthetic", default="3000,30000", help="synthetic network node counts")
    ap.add_argument("--synthetic-rows", default="1000",
                    help="book rows on each synthetic network (comma-separated)")
    ap.add_argument("--tonnes", type=float, default=20e6, help="total book tonnage (embedded)")
    ap.add_argument("--synthetic-tonnes", type=float, default=40e6)
    ap.add_argument("--baseline-timeout", type=float, default=600.0)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--quick", action="store_true", help="100,1000 rows; 3,000 nodes")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=3,
                    help="corridor runs per case, each in a fresh process; medians reported")
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--worker", nargs=2, help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.worker:
        kind, spec = args.worker[0], json.loads(args.worker[1])
        result = run_corridor(spec) if kind == "corridor" else run_baseline(spec)
        print(json.dumps(result))
        return 0
    if args.quick:
        args.sizes, args.synthetic = "100,1000", "3000"
    specs = [{"network": "embedded", "rows": int(n), "seed": args.seed,
              "tonnes": args.tonnes} for n in args.sizes.split(",") if n and int(n) > 0]
    specs += [{"network": str(int(n)), "rows": int(rows), "seed": args.seed,
               "tonnes": args.synthetic_tonnes} for n in args.synthetic.split(",") if n
              for rows in args.synthetic_rows.split(",") if rows]
    results = []
    for spec in specs:
        ours = _median_of([_in_subprocess("corridor", spec, timeout=600)
                           for _ in range(max(1, args.repeat))])
        base = {"skipped": True} if args.no_baseline else \
            _in_subprocess("baseline", spec, timeout=args.baseline_timeout)
        results.append({"spec": spec, "corridor": ours, "baseline": base})
        _print_row(spec, ours, base)
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n")
    return 0


def _print_row(spec: dict[str, Any], ours: dict[str, Any], base: dict[str, Any]) -> None:
    if not hasattr(_print_row, "header"):
        print("| network | rows | groups | method (LP iters) | corridor e2e s | solver s | "
              "e2e/solver | warm e2e s | warm e2e/solver | plan()/solver cold, warm | "
              "peak MB | PuLP build s | CBC solve s | baseline/corridor | objectives |")
        print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        _print_row.header = True  # type: ignore[attr-defined]
    name = spec["network"] if spec["network"] == "embedded" else f"synthetic {spec['network']}"
    if "e2e_s" not in ours:
        print(f"| {name} | {spec['rows']:,} | corridor failed: {ours} |")
        return
    if "total_s" in base:
        ratio = f"{base['total_s'] / ours['e2e_s']:.1f}×"
        agree = abs(base["objective"] - ours["objective"]) <= 1e-4 * max(1, abs(
            ours["objective"]))
        obj = "agree" if agree else f"differ ({base['objective']:.6g} vs " \
            f"{ours['objective']:.6g})"
        b1, b2 = f"{base['build_s']:.2f}", f"{base['solve_s']:.2f}"
    else:
        t = base.get("timeout")
        ratio = f"> {t / ours['e2e_s']:.0f}×" if t else "—"
        obj = f"baseline > {t:.0f} s" if t else str(base.get("error", "skipped"))
        b1 = b2 = "—"
    print(f"| {name} | {spec['rows']:,} | {ours['groups']:,} | {ours['method']} "
          f"({ours['iterations']}) | {ours['e2e_s']:.2f} | {ours['solver_s']:.2f} | "
          f"{ours['e2e_s'] / max(ours['solver_s'], 1e-9):.2f} | {ours['e2e_warm_s']:.2f} | "
          f"{ours['e2e_warm_s'] / max(ours['solver_warm_s'], 1e-9):.2f} | "
          f"{ours['plan_s'] / max(ours['solver_s'], 1e-9):.2f}, "
          f"{ours['plan_warm_s'] / max(ours['solver_warm_s'], 1e-9):.2f} | "
          f"{ours['peak_rss_mb']:.0f} | "
          f"{b1} | {b2} | {ratio} | {obj} |", flush=True)


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())

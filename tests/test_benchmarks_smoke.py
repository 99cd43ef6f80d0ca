"""The benchmarks still build their instances and run (tiny sizes; no timing asserted)."""

from __future__ import annotations

import pytest

from benchmarks import bench_plan


def test_synthetic_network_and_book_plan() -> None:
    from corridor.network_data.shipments import shipments_from_records
    from corridor.routing.plan import plan

    net = bench_plan.synthetic_network(60, seed=3)
    assert len(net.nodes) == 60
    book = shipments_from_records(bench_plan.book_frame(net, 20, seed=3, total_tonnes=1e6),
                                  net)
    result = plan(net, book)
    assert result.summary["shipments"] == 20


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # PuLP's notice about CBC_CMD
@pytest.mark.parametrize("network", ["embedded", "60"])
def test_corridor_and_baseline_workers_agree(network: str) -> None:
    spec = {"network": network, "rows": 30, "seed": 5, "tonnes": 5e6}
    ours = bench_plan.run_corridor(spec)
    base = bench_plan.run_baseline(spec)
    assert base["status"] == "Optimal"
    assert ours["objective"] == pytest.approx(base["objective"], rel=1e-6)
    # the plan() call is part of the end-to-end time, and the solver calls part of it
    assert 0 < ours["solver_s"] <= ours["plan_s"] <= ours["e2e_s"]
    assert 0 < ours["solver_warm_s"] <= ours["plan_warm_s"] <= ours["e2e_warm_s"]


def test_table_row_shows_both_ratios(capsys: pytest.CaptureFixture[str]) -> None:
    ours = {"e2e_s": 0.6, "solver_s": 0.4, "plan_s": 0.5, "e2e_warm_s": 0.55,
            "solver_warm_s": 0.4, "plan_warm_s": 0.48, "peak_rss_mb": 200.0, "groups": 9,
            "method": "column_generation", "iterations": 3, "objective": 10.0}
    base = {"total_s": 6.0, "build_s": 2.0, "solve_s": 4.0, "objective": 10.0}
    bench_plan._print_row({"network": "3000", "rows": 1000}, ours, base)
    row = capsys.readouterr().out.splitlines()[-1]
    assert "| 1.50 | 0.55 | 1.38 | 1.25, 1.20 | 200 |" in row
    assert "| 10.0× | agree |" in row


def test_backend_comparison_rows() -> None:
    from benchmarks import bench_backends

    case = bench_backends._instances(quick=True)[0]  # the example book, caps bind
    net, book = bench_backends._setup(case, seed=7)
    rows = bench_backends._compare(net, book, case, ("GLOP", "CLP"), "lp_solver",
                                   lambda r, diff: f"{r['iterations']} | {diff:+.1e}")
    assert len(rows) == 2 and all(row.endswith("+0.0e+00 |") for row in rows)


def test_memory_benchmark_runs_the_cli_on_a_made_book(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    from benchmarks import bench_plan_memory, make_book

    book = tmp_path / "book.csv"
    make_book.make_book(65, book)
    lines = book.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 66 and lines[1].startswith("be-01-0,")  # header, 65 unique ids
    assert len({line.split(",")[0] for line in lines[1:]}) == 65
    bench_plan_memory.main(["--book", str(book), "--workdir", str(tmp_path)])
    table = capsys.readouterr().out.splitlines()
    assert table[2] == "| command line | code | peak RSS (MB) | wall (s) |"
    assert len([row for row in table if row.startswith("| `-o --legs")]) == 2

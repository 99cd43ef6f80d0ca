"""`corridor sweep BOOK.csv`: which single failure hurts most, and how bad it gets."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    comparison_options,
    cost_options,
    cost_params,
    dump_json,
    eprint,
    load,
    load_scenarios,
    network_files,
    network_options,
    scenario_paths,
    tables_first,
    user_errors,
    write_all_atomic,
)
from corridor.cli.plan_cmd import parse_shares
from corridor.cli.safe_text import for_terminal

if TYPE_CHECKING:
    from collections.abc import Callable

#: Closures shown in the terminal's ranking (every one is in the results file).
RANKED = 15
CRITICAL_LEGS = 10


@click.command("sweep")
@click.argument("shipments", metavar="BOOK.csv", type=PATH)
@click.option("--closures", type=click.Choice(["legs", "nodes", "passages", "corridors",
                                               "countries", "capacity-groups"]),
              default=None, help="Close every one of this kind, one at a time.")
@click.option("--pairs", is_flag=True,
              help="Also every pair of that kind (pairs one closure settles are not solved "
              "again: see docs/sweeps.md).")
@click.option("--monte-carlo", "monte_carlo", type=int, default=0, metavar="N",
              help="N random draws: each leg closed with its disruption probability.")
@click.option("--seed", type=int, default=0, show_default=True,
              help="Seed of the Monte-Carlo draws (the same seed, the same draws).")
@click.option("--scenario", multiple=True, metavar="NAME_OR_FILE",
              help="A what-if scenario every closure is added to (repeat or a+b for "
              "several).")
@click.option("-o", "--output", type=PATH, default=None, metavar="RESULTS.db",
              help="SQLite file the rows go to as scenarios finish (pandas reads it: "
              "read_sql('select * from results', sqlite3.connect(...))).")
@click.option("--resume", is_flag=True,
              help="Continue the sweep in -o RESULTS.db: finished scenarios are kept.")
@click.option("--workers", type=int, default=None,
              help="Local worker processes (default: one per core).")
@click.option("--scheduler", default=None, metavar="ADDRESS",
              help="Run on a dask.distributed cluster (tcp://host:port) instead.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON on stdout: baseline, ranking, Monte-Carlo summary.")
@cost_options
@comparison_options
@network_options
def sweep(
    shipments: Path, closures: str | None, pairs: bool, monte_carlo: int, seed: int,
    scenario: tuple[str, ...], output: Path | None, resume: bool, workers: int | None,
    scheduler: str | None, as_json: bool, risk_weight: float, carrying_rate: float,
    loss_share: float | None, penalty: tuple[str, ...], avoid: tuple[str, ...],
    max_share: tuple[str, ...], horizon_days: float, unsplittable: bool, time_limit: float,
    open_planned: bool, network_dir: Path | None, nodes: Path | None,
    legs_file: Path | None,
) -> None:
    """Close things one at a time (--closures), in pairs (--pairs) or at random
    (--monte-carlo N) and rank what each closure costs BOOK.csv: added cost (with and
    without the stranded tonnes' price), stranded tonnes, shipments rerouted, dependency
    on each country and passage, capacities that bind.

    Every scenario is planned (warm, from the solved baseline) and verified. Rows go to
    -o RESULTS.db as they finish; interrupt it and run it again with --resume.

    Exit codes: 0 done, 2 bad input, 3 nothing could be planned in the baseline, 4 solver
    or verification failure, 130 interrupted (rows so far kept).
    """
    from corridor.network_data.errors import InfeasibleError, InputError, Problem
    from corridor.network_data.schema import parameter_problems
    from corridor.network_data.shipments import read_shipments
    from corridor.reports.made_with import book_record, network_record, params_record
    from corridor.routing.sweep import Evaluator, ResultStore, SweepInputs, SweepSpec
    from corridor.routing.sweep.run import default_workers, fingerprint, run_sweep

    with user_errors():
        problems = parameter_problems({"horizon_days": horizon_days,
                                       "time_limit_s": time_limit})
        if closures is None and monte_carlo <= 0:
            problems.append(Problem("command line", None, "--closures",
                                    "give --closures KIND, --monte-carlo N or both"))
        if pairs and closures is None:
            problems.append(Problem("command line", None, "--pairs",
                                    "pairs of what? give --closures KIND with it"))
        if monte_carlo < 0:
            problems.append(Problem("command line", None, "--monte-carlo",
                                    f"{monte_carlo} must be ≥ 0"))
        if resume and output is None:
            problems.append(Problem("command line", None, "--resume",
                                    "resume which sweep? give -o RESULTS.db with it"))
        if workers is not None and workers < 1:
            problems.append(Problem("command line", None, "--workers",
                                    f"{workers} must be ≥ 1"))
        if scheduler is not None and workers is not None:
            problems.append(Problem("command line", None, "--workers",
                                    "--scheduler runs on the cluster's workers; give one "
                                    "or the other"))
        if problems:
            raise InputError(problems)
        shares = parse_shares(max_share)
        given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                            open_planned)
        outputs: dict[str, Path | None] = {"-o": None if resume else output}
        check_outputs(outputs, [shipments, *network_files(network_dir, nodes, legs_file),
                                *scenario_paths(scenario)])
        net = load(network_dir, nodes, legs_file)
        params = given.resolved(net.vocabulary)
        base = tuple(load_scenarios(net, scenario))
        book = read_shipments(shipments, net)
        inputs = SweepInputs(network=net, book=book, params=params, max_share=shares,
                             horizon_days=horizon_days, unsplittable=unsplittable,
                             time_limit_s=time_limit, base=base)
        spec = SweepSpec(closures=closures, pairs=pairs, monte_carlo=monte_carlo, seed=seed)
        evaluator = Evaluator(inputs)
        if evaluator.figures.planned <= 0:
            raise InfeasibleError(f"none of the {len(book)} shipments can be planned, even "
                                  "before any closure")
        record = {"network": network_record(evaluator.net), "book": book_record(book),
                  "scenarios": [{"name": s.name, "sha256": s.sha256} for s in base],
                  **params_record(params), "max_share": shares,
                  "horizon_days": horizon_days, "unsplittable": unsplittable,
                  "time_limit_s": time_limit}
        key = fingerprint(inputs, spec, record)
        store = ResultStore(output, key, {"inputs": record, "spec": spec.to_json()},
                            resume=resume)
        try:
            store.set_meta("baseline", evaluator.baseline_row())
            n_workers = workers or (1 if scheduler else default_workers())
            with _progress(quiet=as_json) as report:
                rows = run_sweep(inputs, spec, store, key, workers=n_workers,
                                 scheduler=scheduler, progress=report, evaluator=evaluator)
        except KeyboardInterrupt:
            done = len(store.done())
            eprint(f"stopped: {done:,} scenarios recorded"
                   + (f" in {output}; run it again with --resume to finish" if output else ""))
            store.close()
            raise
        except Exception:
            empty = not store.done()
            store.close()
            if output is not None and not resume and empty:  # nothing half-written
                store.remove()
            raise
        store.close()
        summary = _summary(evaluator.baseline_row(), rows, output)
        with tables_first() as show:
            if as_json:
                write_all_atomic([(sys.stdout, dump_json(summary))])
            else:
                show(lambda: render(summary))
        if output is not None:
            eprint(f"{len(rows):,} scenarios in {output}")


def _summary(baseline: dict[str, Any], rows: list[dict[str, Any]],
             output: Path | None) -> dict[str, Any]:
    from corridor.routing.sweep import monte_carlo, ranking

    ranked = ranking(rows)
    return {"status": "done", "results": None if output is None else str(output),
            "scenarios": len(rows), "baseline": baseline,
            "ranking": ranked[:RANKED] if ranked else [],
            "monte_carlo": monte_carlo(rows)}


class _progress:
    """A progress bar on stderr (done, rate, time left) when it is a terminal; quiet
    otherwise. Yields the callback ``(done, total)``."""

    def __init__(self, *, quiet: bool):
        from corridor.cli.console import PipeConsole as Console

        self.console = Console(stderr=True)
        self.live = not quiet and self.console.is_terminal
        self.bar: Any = None
        self.task: Any = None

    def __enter__(self) -> Callable[[int, int], None]:
        if not self.live:
            return lambda _done, _total: None
        from rich.progress import (
            BarColumn,
            MofNCompleteColumn,
            Progress,
            TextColumn,
            TimeRemainingColumn,
        )

        self.bar = Progress(TextColumn("sweep"), BarColumn(), MofNCompleteColumn(),
                            TextColumn("{task.fields[rate]}"), TimeRemainingColumn(),
                            console=self.console, transient=True)
        self.bar.start()
        self.task = self.bar.add_task("sweep", total=None, rate="")

        def report(done: int, total: int) -> None:
            task = self.bar.tasks[0]
            speed = task.speed
            self.bar.update(self.task, completed=done, total=total,
                            rate=f"{speed:,.1f}/s" if speed else "")

        return report

    def __exit__(self, *exc: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def render(summary: dict[str, Any]) -> None:
    """The baseline, the ranking and the Monte-Carlo distribution as tables."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console

    console = Console()
    base = summary["baseline"]
    console.print(f"[bold]Baseline:[/bold] {base['total_cost_usd']:,.0f} USD for planned "
                  f"tonnes, {base['unserved_t']:,.0f} t unserved; "
                  f"{summary['scenarios']:,} scenarios")
    ranked = summary["ranking"]
    if ranked:
        table = Table(title="Most damaging closures", title_justify="left")
        for col in ("#", "closed", "added cost USD", "with stranded USD", "stranded t",
                    "rerouted", "binding"):
            table.add_column(col, overflow="fold",
                             justify="left" if col in ("closed", "binding") else "right")
        for i, r in enumerate(ranked, 1):
            table.add_row(str(i), for_terminal(r["name"]), f"{r['added_cost_usd']:+,.0f}",
                          f"{r['added_cost_with_stranded_usd']:+,.0f}",
                          f"{r['stranded_t']:,.0f}", f"{r['shipments_rerouted']:,}",
                          for_terminal(", ".join(r["binding"][:3])))
        console.print(table)
    mc = summary["monte_carlo"]
    if mc:
        table = Table(title=f"Monte-Carlo: {mc['draws']:,} draws "
                      f"({mc['draws_with_effect']:,} changed the plan)", title_justify="left")
        for col in ("", "mean", "P50", "P95", "P99"):
            table.add_column(col, justify="left" if not col else "right")
        for label, field, fmt in (("added cost, USD", "added_cost_usd", "{:,.0f}"),
                                  ("with stranded, USD", "added_cost_with_stranded_usd",
                                   "{:,.0f}"),
                                  ("stranded t", "stranded_t", "{:,.0f}")):
            d = mc[field]
            table.add_row(label, *(fmt.format(d[k]) for k in ("mean", "p50", "p95", "p99")))
        console.print(table)
        if mc["critical_legs"]:
            legs = Table(title=f"Legs closed in the worst draws ({mc['bad_draws']:,} draws "
                         f"at or above P95, {mc['bad_draw_threshold_usd']:,.0f} USD)",
                         title_justify="left")
            for col in ("leg", "bad draws", "share"):
                legs.add_column(col, justify="left" if col == "leg" else "right")
            for item in mc["critical_legs"][:CRITICAL_LEGS]:
                legs.add_row(for_terminal(item["leg"]), f"{item['bad_draws']:,}",
                             f"{item['share_of_bad_draws']:.0%}")
            console.print(legs)

"""`corridor frontier BOOK.csv --over CN`: what each point of dependency costs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, TextIO

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    cost_options,
    cost_params,
    dump_json,
    load,
    load_scenarios,
    network_files,
    network_options,
    report_option,
    report_problems,
    report_text,
    rule_options,
    say_written,
    scenario_paths,
    show_then_write,
    user_errors,
)
from corridor.cli.plan_cmd import parse_shares, with_spinner
from corridor.cli.safe_text import for_terminal
from corridor.reports.frontier_doc import main_corridors

#: Switching shipments listed per point in the terminal (all are in --json).
SWITCHES_SHOWN = 3
#: What --plot can write.
PLOT_FORMATS = (".png", ".svg")


@click.command("frontier")
@click.argument("shipments", metavar="BOOK.csv", type=PATH)
@click.option("--over", "over", required=True, metavar="KEY|risk",
              help="The dependency to trade against cost: a country, passage, corridor, "
              "capacity group, leg or place (dependency:CN and CN are the same); or risk, "
              "the expected disruption cost.")
@click.option("-o", "--output", type=PATH, default=None,
              help="Write the frontier as CSV, one row per point.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON on stdout: the points and what switches between them.")
@click.option("--plot", type=PATH, default=None, metavar="FILE.png|FILE.svg",
              help="Draw cost against share, kinks marked and named (needs matplotlib).")
@report_option
@click.option("--scenario", multiple=True, metavar="NAME_OR_FILE",
              help="Draw the frontier under a what-if scenario (repeat or a+b for several).")
@cost_options
@rule_options
@network_options
def frontier(
    shipments: Path, over: str, output: Path | None, as_json: bool, plot: Path | None,
    report_file: Path | None, scenario: tuple[str, ...],
    risk_weight: float, carrying_rate: float, loss_share: float | None,
    penalty: tuple[str, ...], avoid: tuple[str, ...], max_share: tuple[str, ...],
    horizon_days: float, open_planned: bool, network_dir: Path | None, nodes: Path | None,
    legs_file: Path | None,
) -> None:
    """The cost–dependency frontier: the least total cost of BOOK.csv for every cap on the
    share of planned tonnage that depends on KEY, from the share it has uncapped down to
    none, found exactly (each kink where the plan changes is a point), with what one more
    point of share saves and which shipments switch route at each kink.

    Total cost includes stranded tonnes at their baseline price (see corridor whatif).
    Exit codes: 0 drawn, 2 bad input (nothing written), 4 solver failure.
    """
    from corridor.network_data.errors import InputError, Problem
    from corridor.network_data.schema import parameter_problems
    from corridor.network_data.shipments import read_shipments
    from corridor.reports.files import Text
    from corridor.reports.frontier_doc import (
        frontier_csv,
        frontier_dict,
        frontier_plot,
        risk_dict,
    )
    from corridor.routing.frontier import frontier as make_frontier

    with user_errors():
        bad = parameter_problems({"horizon_days": horizon_days})
        if plot is not None and plot.suffix.lower() not in PLOT_FORMATS:
            bad.append(Problem("command line", None, "--plot",
                               f"'{plot}': give a file ending {' or '.join(PLOT_FORMATS)}"))
        if plot is not None:
            try:
                import matplotlib  # noqa: F401
            except ImportError:
                bad.append(Problem("command line", None, "--plot", "needs matplotlib: pip "
                                   "install 'corridor[plot]'"))
        bad += report_problems(report_file)
        if bad:
            raise InputError(bad)
        shares = parse_shares(max_share)
        given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                            open_planned)
        check_outputs({"-o": output, "--plot": plot, "--report": report_file},
                      [shipments, *network_files(network_dir, nodes, legs_file),
                       *scenario_paths(scenario)])
        net = load(network_dir, nodes, legs_file)
        params = given.resolved(net.vocabulary)
        scenarios = load_scenarios(net, scenario)
        key = over[len("dependency:"):] if over.startswith("dependency:") else over
        book = read_shipments(shipments, net)
        if over == "risk":
            from corridor.routing.frontier import risk_frontier

            doc = risk_dict(with_spinner(lambda progress: risk_frontier(
                net, book, params=params, max_share=shares, horizon_days=horizon_days,
                scenarios=scenarios, progress=progress), quiet=as_json))
        else:
            doc = frontier_dict(with_spinner(lambda progress: make_frontier(
                net, book, key, params=params, max_share=shares,
                horizon_days=horizon_days, scenarios=scenarios, progress=progress),
                quiet=as_json))
        files: list[tuple[Path | TextIO, Text]] = []
        if output is not None:
            files.append((output, frontier_csv(doc)))
        if plot is not None:
            files.append((plot, frontier_plot(doc, plot.suffix.lower())))
        if report_file is not None:
            files.append((report_file, report_text(
                "risk-frontier" if over == "risk" else "frontier", doc, net, str(shipments),
                quiet=as_json)))
        if as_json:
            files.append((sys.stdout, dump_json(doc)))
        show_then_write(files, None if as_json else lambda: render(doc))
        say_written(output, plot, report_file)


def render(doc: dict[str, Any]) -> None:
    """The points as a table, then what switches at each kink."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console

    console = Console()
    if doc["key"] == "risk":
        _render_risk(console, doc)
        return
    points = doc["points"]
    top = points[-1]["objective_usd"] if points else 0.0
    table = Table(title=f"Cost against the share depending on {for_terminal(doc['key'])}",
                  title_justify="left")
    for col in ("cap", "total cost, USD", "more than uncapped", "USD per point less",
                "main corridors"):
        table.add_column(col, justify="left" if col == "main corridors" else "right",
                         overflow="fold")
    for p in reversed(points):
        mix = main_corridors(p)
        table.add_row(f"{p['cap']:.3%}", f"{p['objective_usd']:,.0f}",
                      f"{p['objective_usd'] - top:+,.0f}",
                      "—" if p["usd_per_point"] is None else f"{p['usd_per_point']:,.0f}",
                      for_terminal(mix))
    console.print(table)
    for p in reversed(points):
        for s in p["switches_above"][:SWITCHES_SHOWN]:
            console.print(for_terminal(
                f"at {p['cap']:.3%} on {doc['key']} or less: {s['shipment_id']} "
                f"({s['origin']} → {s['destination']}, {s['commodity']}) goes "
                f"{s['route_below']} instead of {s['route_above']}, "
                f"{s['delta_usd_per_t']:+,.2f} USD/t"))
    if not doc["convex"]:
        console.print("note: the cost is not convex in the cap here (tonnes go unserved "
                      "as it tightens): kinks between the points shown may be missed")


def _render_risk(console: Any, doc: dict[str, Any]) -> None:
    """The cost–risk points as a table, then which shipments take a safer route where."""
    from rich.table import Table

    table = Table(title="Cost against expected disruption cost (risk weight from 0 up)",
                  title_justify="left")
    for col in ("risk weight", "cost, USD", "expected disruption, USD",
                "USD per USD of risk removed", "main corridors"):
        table.add_column(col, justify="left" if col == "main corridors" else "right",
                         overflow="fold")
    for p in doc["points"]:
        per = p["usd_per_risk_usd"]
        table.add_row(f"{p['risk_weight']:.4g}", f"{p['cost_usd']:,.0f}",
                      f"{p['risk_usd']:,.0f}", "—" if per is None else f"{per:,.2f}",
                      for_terminal(main_corridors(p)))
    console.print(table)
    for p, nxt in zip(doc["points"], doc["points"][1:]):
        for s in p["switches_safer"][:SWITCHES_SHOWN]:
            console.print(for_terminal(
                f"from risk weight {nxt['risk_weight']:.4g}: {s['shipment_id']} "
                f"({s['origin']} → {s['destination']}, {s['commodity']}) goes "
                f"{s['safer_route']} instead of {s['route']}, "
                f"{-s['delta_usd_per_t']:+,.2f} USD/t before risk"))

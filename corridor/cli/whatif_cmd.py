"""`corridor whatif BOOK.csv --scenario NAME`: what breaks, what it costs, where cargo goes."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    comparison_options,
    cost_options,
    cost_params,
    load,
    load_scenarios,
    map_option,
    map_problems,
    network_files,
    network_options,
    report_option,
    report_problems,
    report_text,
    say_written,
    scenario_paths,
    service_option,
    show_then_write,
    user_errors,
)
from corridor.cli.plan_cmd import parse_shares, with_spinner
from corridor.cli.safe_text import for_terminal
from corridor.reports.maps import MAP_VIEWS

if TYPE_CHECKING:
    from rich.console import Console

    from corridor.routing.whatif import Outcome, WhatIf

#: Shipments, legs and shares listed per scenario in the terminal (the files have them all).
SHIPMENTS_SHOWN = 20
LEGS_SHOWN = 10
SHARES_SHOWN = 12


@click.command("whatif")
@click.argument("shipments", metavar="BOOK.csv", type=PATH)
@click.option("--scenario", "scenario", multiple=True, required=True,
              metavar="NAME_OR_FILE",
              help="A scenario to compare with the baseline: a library name (corridor "
              "scenarios) or a TOML file; repeat to compare several, each on its own; join "
              "with + to apply several together (a+b).")
@click.option("-o", "--output", type=PATH, default=None,
              help="Write the shipment-by-shipment comparison (every scenario) as CSV.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON on stdout: baseline summary and, per scenario, its summary, "
              "deltas, shipments, legs and shares.")
@map_option("Draw what moved where under the first --scenario (tonnes gained in red, lost "
            "in blue): PNG or SVG by the file's ending.")
@click.option("--map-view", type=click.Choice(MAP_VIEWS), default=MAP_VIEWS[0],
              show_default=True,
              help="--map as the difference (what moved where) or the baseline and the "
              "scenario side by side on one scale.")
@report_option
@cost_options
@comparison_options
@service_option("the shipments that name none in the book's service column, in every plan")
@network_options
def whatif(
    shipments: Path, scenario: tuple[str, ...], output: Path | None, as_json: bool,
    map_file: Path | None, map_view: str, report_file: Path | None,
    risk_weight: float, carrying_rate: float, loss_share: float | None,
    penalty: tuple[str, ...], avoid: tuple[str, ...], max_share: tuple[str, ...],
    horizon_days: float, unsplittable: bool, time_limit: float, open_planned: bool,
    service: str, network_dir: Path | None, nodes: Path | None, legs_file: Path | None,
) -> None:
    """Plan BOOK.csv as it is and under each scenario, and compare them shipment by
    shipment: old and new route, cost and days, stranded tonnes and why, the legs whose load
    changed most, the countries' and passages' shares before and after.

    Stranded tonnes are priced as in the baseline (ten times the shipment's cheapest route
    there plus 1,000 USD/t, or the book's unserved_usd_per_t), so a closure never makes the
    total cheaper. A scenario lasting part of the horizon (duration_days) is weighed by it.

    BOOK.csv is a shipment book as `corridor plan` reads it; - reads standard input.

    Exit codes: 0 compared, 2 bad input (nothing written), 3 nothing could be planned even
    in the baseline, 4 solver or verification failure.
    """
    from corridor.network_data.errors import InfeasibleError, InputError
    from corridor.network_data.jsontext import dump_json
    from corridor.network_data.schema import parameter_problems
    from corridor.network_data.shipments import read_shipments, read_shipments_from
    from corridor.reports.files import Text
    from corridor.reports.whatif_report import comparison_csv, whatif_dict
    from corridor.routing.whatif import whatif as run_whatif

    with user_errors():
        bad = parameter_problems({"horizon_days": horizon_days, "time_limit_s": time_limit})
        bad += map_problems(map_file) + report_problems(report_file)
        if bad:
            raise InputError(bad)
        shares = parse_shares(max_share)
        given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                            open_planned)
        from_stdin = str(shipments) == "-"
        check_outputs({"-o": output, "--map": map_file, "--report": report_file},
                      [*([] if from_stdin else [shipments]),
                       *network_files(network_dir, nodes, legs_file), *scenario_paths(scenario)],
                      reads_stdin=from_stdin)
        net = load(network_dir, nodes, legs_file)
        params = given.resolved(net.vocabulary)
        runs = []
        problems = []
        for text in scenario:  # each --scenario one what-if; a+b applied together
            try:
                runs.append(load_scenarios(net, [text]))
            except InputError as exc:
                problems += exc.problems
        if problems:
            raise InputError(problems)
        book = read_shipments_from(sys.stdin.buffer, net) if from_stdin else \
            read_shipments(shipments, net)
        result = with_spinner(lambda progress: run_whatif(
            net, book, runs, params=params, max_share=shares, horizon_days=horizon_days,
            unsplittable=unsplittable, time_limit_s=time_limit, progress=progress,
            service=service),
            quiet=as_json)
        if result.baseline.summary["planned_tonnes"] <= 0:
            raise InfeasibleError(f"none of the {len(book)} shipments can be planned, even "
                                  "without a scenario")
        files: list[tuple[Path | TextIO, Text]] = []
        if output is not None:
            files.append((output, comparison_csv(result)))
        if map_file is not None:
            from corridor.reports.maps import whatif_map

            files.append((map_file, whatif_map(result.outcomes[0], result.baseline,
                                               map_file.suffix.lower(), view=map_view)))
        doc = whatif_dict(result) if report_file is not None or as_json else {}
        if report_file is not None:
            files.append((report_file, report_text("whatif", doc, net, str(shipments),
                                                   quiet=as_json)))
        if as_json:
            files.append((sys.stdout, dump_json(doc)))
        show_then_write(files, None if as_json else lambda: render(result))
        say_written(output, map_file, report_file)


def _money(x: float) -> str:
    return f"{x:+,.0f}" if x else "0"


def render(run: WhatIf) -> None:
    """Per scenario: totals against the baseline, shipments that changed, legs whose load
    changed most, shares before and after."""
    from corridor.cli.console import PipeConsole as Console

    console = Console()
    net = run.baseline.solution.problem.net
    if net.service != "regular":
        from corridor.routing.services import express_summary

        console.print(f"{net.service} service for the shipments that name none "
                      f"({express_summary(net)})")
    for outcome in run.outcomes:
        _render_outcome(console, run, outcome)


def _render_outcome(console: Console, run: WhatIf, outcome: Outcome) -> None:
    from rich.table import Table

    base, s, d = run.baseline.summary, outcome.summary, outcome.deltas
    console.print(f"[bold]Scenario {for_terminal(outcome.name)}[/bold]")
    for sc in outcome.scenarios:
        lasts = "the whole horizon" if sc.duration_days is None or \
            sc.duration_days >= s["horizon_days"] else \
            f"{sc.duration_days:g} of {s['horizon_days']:g} days"
        console.print(f"  {for_terminal(sc.name)}: {for_terminal(sc.description)} "
                      f"(lasts {lasts})")
        for change in sc.changes:
            console.print(f"    · {for_terminal(change.describe())}")
    totals = Table(title="Totals", title_justify="left")
    for col in ("", "baseline", "scenario", "change"):
        totals.add_column(col, justify="left" if not col else "right")
    rows = [
        ("cost of planned tonnes, USD", base["total_cost_usd"], s["total_cost_usd"]),
        ("price of stranded tonnes, USD", base["unserved_penalty_usd"],
         s["unserved_penalty_usd"]),
        ("total with stranded tonnes, USD", base["objective_usd"], s["objective_usd"]),
        ("unserved tonnes", base["unserved_tonnes"], s["unserved_tonnes"]),
        ("tonne-km", base["tonne_km"], s["tonne_km"]),
    ]
    for label, before, after in rows:
        totals.add_row(label, f"{before:,.0f}", f"{after:,.0f}", _money(after - before))
    totals.add_row("shipments rerouted", "", "", f"{d['shipments_rerouted']:,}")
    totals.add_row("shipments newly stranded", "", "", f"{d['shipments_stranded']:,}")
    console.print(totals)
    ships = outcome.shipments
    moved = ships[ships["route_changed"] | (ships["delta_usd_per_t"].fillna(0) != 0) |
                  (ships["stranded_t"] > 0)]
    if len(moved):
        order = (moved["delta_cost_usd"].abs() + moved["stranded_usd"]).sort_values(
            ascending=False, kind="stable").index
        shown = moved.loc[order[:SHIPMENTS_SHOWN]]
        title = "Shipments affected" + (f" ({SHIPMENTS_SHOWN} of {len(moved):,} with the "
                                        "largest change; all are in -o and --json)"
                                        if len(moved) > SHIPMENTS_SHOWN else "")
        table = Table(title=title, title_justify="left")
        for col in ("shipment", "tonnes", "baseline route", "scenario route", "Δ USD/t",
                    "Δ days", "stranded t", "reason"):
            table.add_column(col, overflow="fold",
                             justify="right" if col in ("tonnes", "Δ USD/t", "Δ days",
                                                        "stranded t") else "left")
        for rec in shown.to_dict("records"):
            table.add_row(for_terminal(rec["shipment_id"]), f"{rec['tonnes']:,.0f}",
                          for_terminal(rec["baseline_route"] or "—"),
                          for_terminal(rec["scenario_route"] or "—"),
                          "" if rec["delta_usd_per_t"] != rec["delta_usd_per_t"]
                          else f"{rec['delta_usd_per_t']:+,.2f}",
                          "" if rec["delta_days"] != rec["delta_days"]
                          else f"{rec['delta_days']:+.1f}",
                          f"{rec['stranded_t']:,.0f}" if rec["stranded_t"] else "",
                          for_terminal(rec["reason"]))
        console.print(table)
    console.print(f"{len(ships) - len(moved):,} of {len(ships):,} shipments keep their "
                  "routes and costs.")
    legs = outcome.legs.head(LEGS_SHOWN)
    if len(legs):
        table = Table(title="Legs whose load changed most (t over the horizon)",
                      title_justify="left")
        for col in ("leg", "from → to", "baseline", "scenario", "change", "utilisation"):
            table.add_column(col, overflow="fold",
                             justify="left" if col in ("leg", "from → to") else "right")
        for rec in legs.to_dict("records"):
            util = rec["scenario_utilisation"]
            before = rec["baseline_utilisation"]
            table.add_row(for_terminal(rec["leg_id"]),
                          for_terminal(f"{rec['from_id']} → {rec['to_id']}"),
                          f"{rec['baseline_load_t']:,.0f}", f"{rec['scenario_load_t']:,.0f}",
                          f"{rec['delta_t']:+,.0f}",
                          "" if util != util else
                          (f"{before:.0%} → " if before == before else "") + f"{util:.0%}")
        console.print(table)
    shares = outcome.shares[outcome.shares["delta"].abs() >= 0.0005].copy()
    if len(shares):
        shares["order"] = -shares["delta"].abs()
        shares = shares.sort_values(["order", "kind", "key"], kind="stable").head(SHARES_SHOWN)
        table = Table(title="Share of planned tonnage", title_justify="left")
        for col in ("country / passage", "baseline", "scenario", "change"):
            table.add_column(col, justify="left" if col.startswith("country") else "right")
        for rec in shares.to_dict("records"):
            table.add_row(for_terminal(rec["key"]), f"{rec['baseline_share']:.1%}",
                          f"{rec['scenario_share']:.1%}",
                          f"{100 * rec['delta']:+.1f} pt")
        console.print(table)
    groups = s["capacity_groups"]
    for name, g in groups.items():
        was = base["capacity_groups"].get(name)
        if was and (was["load_t"] != g["load_t"] or was["capacity_t"] != g["capacity_t"]):
            console.print(f"capacity group {for_terminal(name)}: {was['load_t']:,.0f} of "
                          f"{was['capacity_t']:,.0f} t → {g['load_t']:,.0f} of "
                          f"{g['capacity_t']:,.0f} t")
    for period in s.get("periods", []):
        if len(s["periods"]) > 1:
            force = " + ".join(period["in_force"]) or "no scenario"
            console.print(f"period of {period['days']:g} days: {for_terminal(force)}")
    console.print("")

"""`corridor invest BOOK.csv`: what more capacity, or a project, would buy."""

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
    rule_options,
    say_written,
    scenario_paths,
    show_then_write,
    split_multi,
    user_errors,
)
from corridor.cli.plan_cmd import parse_shares, with_spinner
from corridor.cli.safe_text import for_terminal

#: ``--candidates`` value naming every project of the built-in library.
BUILTIN = "builtin"


@click.command("invest")
@click.argument("shipments", metavar="BOOK.csv", type=PATH)
@click.option("--candidates", multiple=True, metavar="NAME_OR_FILE|builtin",
              help="Projects to weigh: scenario files or library names with a cost_usd "
              "(repeat); builtin: every project of the library. Without: the binding "
              "capacities, ranked.")
@click.option("--watch", default="CN,RU", show_default=True, metavar="KEYS",
              help="The dependency an investment should reduce: planned tonnes whose routes "
              "depend on any of these (countries, passages, corridors...).")
@click.option("--top", type=int, default=10, show_default=True,
              help="Binding capacities checked by planning with them expanded.")
@click.option("-o", "--output", type=PATH, default=None,
              help="Write the ranking (capacities, or projects) as CSV.")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@cost_options
@rule_options
@network_options
def invest(
    shipments: Path, candidates: tuple[str, ...], watch: str, top: int,
    output: Path | None, as_json: bool, risk_weight: float, carrying_rate: float,
    loss_share: float | None, penalty: tuple[str, ...], avoid: tuple[str, ...],
    max_share: tuple[str, ...], horizon_days: float, open_planned: bool,
    network_dir: Path | None, nodes: Path | None, legs_file: Path | None,
) -> None:
    """What an investment buys for BOOK.csv. Without --candidates: every capacity that
    binds (legs, capacity groups, places), ranked by what one more tonne a year of it
    saves (its price in the plan), the top ones checked by planning with them expanded:
    how many tonnes a year the saving holds for, and what it does to the dependency
    watched. With --candidates: each project's saving a year, the dependency it removes,
    its cost per tonne a year of dependency removed and its payback, and all together.

    Exit codes: 0, 2 bad input (nothing written), 4 solver failure.
    """
    from corridor.network_data.errors import InputError, Problem
    from corridor.network_data.scenario import library
    from corridor.network_data.schema import parameter_problems
    from corridor.network_data.shipments import read_shipments
    from corridor.reports.files import Text
    from corridor.routing.invest import Inputs, Study

    with user_errors():
        problems = parameter_problems({"horizon_days": horizon_days})
        if top < 0:
            problems.append(Problem("command line", None, "--top", f"{top} must be ≥ 0"))
        if problems:
            raise InputError(problems)
        shares = parse_shares(max_share)
        given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                            open_planned)
        named = [c for c in candidates if c != BUILTIN]
        check_outputs({"-o": output}, [shipments, *network_files(network_dir, nodes, legs_file),
                                       *scenario_paths(named)])
        net = load(network_dir, nodes, legs_file)
        params = given.resolved(net.vocabulary)
        keys = net.vocabulary.resolve_all(split_multi([watch]), field="--watch",
                                          source="command line")
        if BUILTIN in candidates:
            named = [str(s["name"]) for s in library() if s["cost_usd"] is not None] + named
        projects = load_scenarios(net, dict.fromkeys(named))
        errors = [Problem("command line", None, "--candidates",
                          f"{p.name} has no cost_usd: not a project")
                  for p in projects if p.cost_usd is None]
        if errors:
            raise InputError(errors)
        book = read_shipments(shipments, net)
        inputs = Inputs(net, book, params, shares, horizon_days, keys)

        def study(progress: Any) -> dict[str, Any]:
            s = Study(inputs, progress)
            doc: dict[str, Any] = {
                "watch": [str(k) for k in keys],
                "baseline": {k: s.baseline.summary[k] for k in (
                    "total_cost_usd", "objective_usd", "unserved_tonnes")}
                | {"dependent_tonnes": round(s.dependent_tonnes(s.baseline), 3)}}
            if projects:
                doc["projects"] = [s.project(p) for p in projects]
                doc["together"] = s.together(projects) if len(projects) > 1 else None
            else:
                ranked = s.binding()
                doc["capacities"] = [s.check(r) for r in ranked[:top]] + ranked[top:]
            return doc

        doc = with_spinner(study, quiet=as_json)
        files: list[tuple[Path | TextIO, Text]] = []
        if output is not None:
            files.append((output, _csv(doc)))
        if as_json:
            files.append((sys.stdout, dump_json(doc)))
        show_then_write(files, None if as_json else lambda: render(doc))
        say_written(output)


def _csv(doc: dict[str, Any]) -> str:
    import pandas as pd

    rows = doc.get("projects") or doc.get("capacities") or []
    if doc.get("together"):
        rows = [*rows, doc["together"]]
    return str(pd.DataFrame(rows).to_csv(index=False))


def render(doc: dict[str, Any]) -> None:
    """The ranking as a table."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console

    console = Console()
    base = doc["baseline"]
    console.print(f"[bold]Baseline:[/bold] {base['objective_usd']:,.0f} USD with stranded "
                  f"tonnes; {base['dependent_tonnes']:,.0f} t depend on "
                  f"{for_terminal(', '.join(doc['watch']))}")
    if "projects" in doc:
        table = Table(title="Projects", title_justify="left")
        for col in ("project", "cost, USD", "saving a year, USD", "dependency removed, t/yr",
                    "USD per t/yr removed", "payback, years"):
            table.add_column(col, justify="left" if col == "project" else "right",
                             overflow="fold")
        rows = [*doc["projects"], *([doc["together"]] if doc.get("together") else [])]
        for r in rows:
            table.add_row(for_terminal(r["project"]), _money(r["cost_usd"]),
                          _money(r["saving_per_year_usd"]),
                          f"{r['dependent_tpy_removed']:,.0f}",
                          _money(r["usd_per_tpy_dependency_removed"]),
                          "—" if r["payback_years"] is None else f"{r['payback_years']:,.1f}")
        console.print(table)
        return
    capacities = doc["capacities"]
    if not capacities:
        console.print("No capacity binds: more of any would save nothing.")
        return
    table = Table(title="Binding capacities, by what one more t/yr saves", title_justify="left")
    for col in ("capacity", "load / capacity over the horizon, t", "USD per t/yr",
                "holds for, t/yr",
                "saving there, USD", "dependency change, t", "saving if unlimited, USD"):
        table.add_column(col, justify="left" if col == "capacity" else "right",
                         overflow="fold")
    for r in capacities:
        checked = "range_tpy" in r
        table.add_row(for_terminal(r["capacity"]),
                      f"{r['load_t']:,.0f} / {r['capacity_t']:,.0f}",
                      f"{r['usd_per_tpy']:,.2f}",
                      f"{r['range_tpy']:,.0f}" if checked else "",
                      _money(r["saving_in_range_usd"]) if checked else "",
                      "" if not checked or r["dependent_t_change_in_range"] is None
                      else f"{r['dependent_t_change_in_range']:+,.0f}",
                      _money(r["saving_if_unlimited_usd"]) if checked else "")
    console.print(table)


def _money(x: float | None) -> str:
    return "—" if x is None else f"{x:,.0f}"

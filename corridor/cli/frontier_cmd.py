"""`corridor frontier BOOK.csv --over CN`: what each point of dependency costs."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    cost_options,
    cost_params,
    dump_json,
    eprint,
    load,
    load_scenarios,
    network_files,
    network_options,
    rule_options,
    scenario_paths,
    tables_first,
    user_errors,
    write_all_atomic,
)
from corridor.cli.plan_cmd import parse_shares, with_spinner
from corridor.cli.safe_text import for_terminal

if TYPE_CHECKING:
    from corridor.routing.frontier import Frontier, RiskFrontier

#: Switching shipments listed per point in the terminal (all are in --json).
SWITCHES_SHOWN = 3
#: What --plot can write.
PLOT_FORMATS = (".png", ".svg")
#: Kinks named on the plot (the lowest caps' first; all are in --json).
PLOT_LABELS = 8


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
@click.option("--scenario", multiple=True, metavar="NAME_OR_FILE",
              help="Draw the frontier under a what-if scenario (repeat or a+b for several).")
@cost_options
@rule_options
@network_options
def frontier(
    shipments: Path, over: str, output: Path | None, as_json: bool, plot: Path | None,
    scenario: tuple[str, ...],
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
        if bad:
            raise InputError(bad)
        shares = parse_shares(max_share)
        given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                            open_planned)
        check_outputs({"-o": output, "--plot": plot},
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
        if as_json:
            files.append((sys.stdout, dump_json(doc)))
        with tables_first() as show:
            if not as_json:
                show(lambda: render(doc))
            write_all_atomic(files)
        for path in (output, plot):
            if path is not None:
                eprint(f"wrote {path}")


def frontier_dict(drawn: Frontier) -> dict[str, Any]:
    """The frontier as JSON-able data: its key, whether convex, and its points (lowest cap
    first), each with what switches above it."""
    from corridor.routing.frontier import switches

    points = []
    for i, p in enumerate(drawn.points):
        s = p.plan.summary
        below = drawn.points[i - 1] if i else None
        # what each point of cap less than this one costs: the piece down to the next point
        per_point = None if below is None else round(
            (below.objective - p.objective) / (100 * (p.cap - below.cap)), 2)
        points.append({
            "cap": p.cap, "share": p.share, "total_cost_usd": s["total_cost_usd"],
            "objective_usd": p.objective, "unserved_tonnes": s["unserved_tonnes"],
            "usd_per_point": per_point, "share_by_corridor": s["share_by_corridor"],
            "switches_above": switches(p, drawn.points[i + 1])
            if i + 1 < len(drawn.points) else []})
    return {"key": drawn.key, "convex": drawn.convex, "points": points}


def risk_dict(drawn: RiskFrontier) -> dict[str, Any]:
    """The cost–risk frontier as JSON-able data: its points (least risk weight first),
    each with what it costs to remove a dollar of expected disruption cost down to the
    next, and the shipments that take a safer route there."""
    from corridor.routing.frontier import switches

    points = []
    for i, p in enumerate(drawn.points):
        s = p.plan.summary
        safer = drawn.points[i + 1] if i + 1 < len(drawn.points) else None
        points.append({
            "risk_weight": p.weight, "cost_usd": round(p.cost, 2),
            "risk_usd": round(p.risk_usd, 2), "objective_usd": p.objective,
            "unserved_tonnes": s["unserved_tonnes"],
            "usd_per_risk_usd": None if safer is None else round(
                (safer.cost - p.cost) / (p.risk_usd - safer.risk_usd), 4),
            "share_by_corridor": s["share_by_corridor"],
            "switches_safer": [] if safer is None else [
                {**{k: v for k, v in row.items() if k not in ("route_above", "route_below")},
                 "route": row["route_above"], "safer_route": row["route_below"]}
                for row in switches(safer, p, without_risk=True)]})
    return {"key": "risk", "points": points}


def frontier_csv(doc: dict[str, Any]) -> str:
    """One row per point: cap, share, costs, what each point of cap below it costs, the
    corridor mix as text."""
    import pandas as pd

    if doc["key"] == "risk":
        return str(pd.DataFrame([{
            "risk_weight": p["risk_weight"], "cost_usd": p["cost_usd"],
            "risk_usd": p["risk_usd"], "objective_usd": p["objective_usd"],
            "unserved_tonnes": p["unserved_tonnes"],
            "usd_per_risk_usd": p["usd_per_risk_usd"], "corridor_mix": _mix_text(p),
            "switches_safer": "; ".join(f"{s['shipment_id']}: {s['route']} -> "
                                        f"{s['safer_route']}" for s in p["switches_safer"])}
            for p in doc["points"]]).to_csv(index=False))
    rows = [{"cap": p["cap"], "share": p["share"], "total_cost_usd": p["total_cost_usd"],
             "objective_usd": p["objective_usd"], "unserved_tonnes": p["unserved_tonnes"],
             "usd_per_point": p["usd_per_point"],
             "corridor_mix": _mix_text(p),
             "switches_above": "; ".join(f"{s['shipment_id']}: {s['route_below']} -> "
                                         f"{s['route_above']}" for s in p["switches_above"])}
            for p in doc["points"]]
    return str(pd.DataFrame(rows).to_csv(index=False))


def _mix_text(point: dict[str, Any]) -> str:
    return "; ".join(f"{k} {v:.1%}" for k, v in point["share_by_corridor"].items())


def _main_corridors(point: dict[str, Any]) -> str:
    """The corridors that tell points apart (not those every route takes), top three."""
    return ", ".join(f"{k} {v:.0%}" for k, v in
                     [(k, v) for k, v in point["share_by_corridor"].items() if v < 0.999][:3])


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
        mix = _main_corridors(p)
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


def frontier_plot(doc: dict[str, Any], suffix: str) -> str | bytes:
    """The frontier drawn with matplotlib: total cost (with stranded tonnes) against the
    share depending on the key, each kink marked, the first few named by the shipments
    that switch there. SVG as text, PNG as bytes; the same input draws the same file."""
    import io

    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    matplotlib.rcParams["svg.hashsalt"] = "corridor"  # stable ids in the SVG
    points = doc["points"]
    risk = doc["key"] == "risk"
    share = [p["risk_usd"] / 1e6 if risk else 100 * p["cap"] for p in points]
    cost = [(p["cost_usd"] if risk else p["objective_usd"]) / 1e6 for p in points]
    fig, ax = plt.subplots(figsize=(8, 5), dpi=120)
    ax.plot(share, cost, color="#1f4e79", linewidth=1.6, marker="o", markersize=4)
    named, last = 0, -100.0
    for p, x, y in zip(points, share, cost):
        # a label per kink, not on top of the last one
        moved = p["switches_safer" if risk else "switches_above"]
        if moved and named < PLOT_LABELS and abs(x - last) >= 3.0:
            last = x
            ids = ", ".join(s["shipment_id"] for s in moved[:2])
            more = len(moved) - 2
            ax.annotate(ids + (f" +{more}" if more > 0 else ""), (x, y), fontsize=7,
                        xytext=(4, 6), textcoords="offset points", color="#444444")
            named += 1
    if risk:
        ax.set_xlabel("expected disruption cost (insurance and closure delays), million USD")
        ax.set_ylabel("cost without it, stranded tonnes priced, million USD")
        ax.set_title("Cost against disruption risk: the frontier, vertices marked")
    else:
        ax.set_xlabel(f"share of planned tonnage depending on {doc['key']}, % (cap)")
        ax.set_ylabel("total cost with stranded tonnes, million USD")
        ax.set_title(f"Cost of independence from {doc['key']}: the frontier, kinks marked")
    ax.grid(True, linewidth=0.4, alpha=0.5)
    fig.tight_layout()
    buffer = io.BytesIO()
    fig.savefig(buffer, format=suffix[1:], metadata={"Date": None} if suffix == ".svg"
                else {"Software": None})
    plt.close(fig)
    data = buffer.getvalue()
    return data.decode("utf-8") if suffix == ".svg" else data


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
                      for_terminal(_main_corridors(p)))
    console.print(table)
    for p, nxt in zip(doc["points"], doc["points"][1:]):
        for s in p["switches_safer"][:SWITCHES_SHOWN]:
            console.print(for_terminal(
                f"from risk weight {nxt['risk_weight']:.4g}: {s['shipment_id']} "
                f"({s['origin']} → {s['destination']}, {s['commodity']}) goes "
                f"{s['safer_route']} instead of {s['route']}, "
                f"{-s['delta_usd_per_t']:+,.2f} USD/t before risk"))

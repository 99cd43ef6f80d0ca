"""`corridor route FROM TO`: the cheapest route, real alternatives and what would switch them."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from corridor.cli.common import (
    CarryingRateOpt,
    LegsFileOpt,
    LossShareOpt,
    NetworkDirOpt,
    NodesOpt,
    PenaltyOpt,
    RiskWeightOpt,
    check_outputs,
    eprint,
    load_compiled_network,
    network_files,
    parse_penalties,
    split_multi,
    user_errors,
    write_atomic,
)

if TYPE_CHECKING:
    from corridor.routing.query import RouteAnswer


def route(
    origin: Annotated[str, typer.Argument(metavar="FROM", help="Origin: id, name or alias.")],
    destination: Annotated[str, typer.Argument(metavar="TO", help="Destination port.")],
    commodity: Annotated[str | None, typer.Option(help="Commodity id or name (sets value, "
                                                  "cargo class and restrictions).")] = None,
    cargo_class: Annotated[str | None, typer.Option(
        help="bulk, container or class7: which rates and speeds apply (default: the "
        "commodity's, or container).")] = None,
    tonnes: Annotated[float, typer.Option(help="Shipment size in tonnes.")] = 1000.0,
    value_usd_per_t: Annotated[float | None, typer.Option(
        "--value-usd-per-t", help="Cargo value; overrides the commodity's default.")] = None,
    risk_weight: RiskWeightOpt = 1.0,
    carrying_rate: CarryingRateOpt = 0.08,
    loss_share: LossShareOpt = None,
    avoid: Annotated[list[str] | None, typer.Option(help="ISO country codes, passages (suez, "
                                                    "bosporus...) or corridor labels to "
                                                    "avoid outright (repeat or "
                                                    "comma-separate).")] = None,
    penalty: PenaltyOpt = None,
    alternatives: Annotated[int, typer.Option(help="How many alternatives to show.")] = 3,
    open_planned: Annotated[bool, typer.Option(help="Also use planned and under-construction "
                                               "legs.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="JSON on stdout.")] = False,
    geojson: Annotated[Path | None, typer.Option(help="Write the routes as GeoJSON "
                                                 "LineStrings to this file.")] = None,
    network_dir: NetworkDirOpt = None, nodes: NodesOpt = None, legs_file: LegsFileOpt = None,
) -> None:
    """Cheapest route from FROM to TO, genuinely different alternatives, and what would
    make the runner-up win."""
    from corridor.network_data.errors import InputError, Problem
    from corridor.reports.geojson_route import route_geojson
    from corridor.reports.json_route import route_json
    from corridor.routing.costs import CostParams
    from corridor.routing.query import find_routes

    with user_errors():
        for name, val in (("--risk-weight", risk_weight), ("--carrying-rate", carrying_rate),
                          ("--loss-share", loss_share)):
            if val is not None and val < 0:
                raise InputError(Problem("command line", None, name, f"{val:g} must be ≥ 0"))
        check_outputs({"--geojson": geojson}, network_files(network_dir, nodes, legs_file))
        net = load_compiled_network(network_dir, nodes, legs_file)
        statuses = {"operational", "planned", "under_construction"} if open_planned \
            else {"operational"}
        params = CostParams(risk_weight=risk_weight, carrying_rate=carrying_rate,
                            loss_share=loss_share, penalties=parse_penalties(penalty),
                            avoid=frozenset(split_multi(avoid)),
                            open_statuses=frozenset(statuses))
        answer = find_routes(net, origin, destination, commodity=commodity, tonnes=tonnes,
                             value_usd_per_t=value_usd_per_t, params=params,
                             alternatives=alternatives, cargo_class=cargo_class)
        if geojson is not None:
            write_atomic(geojson, route_geojson(answer))
        if as_json:
            print(route_json(answer), end="")
        else:
            render(answer)
        if geojson is not None:
            eprint(f"wrote {len(answer.routes)} routes to {geojson}")


def render(answer: RouteAnswer) -> None:
    """Tables for a person: routes side by side, cost split, path and switching points."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console
    from corridor.routing.costs import PARTS
    from corridor.routing.explain import RISK_WEIGHT_RANGE

    console = Console()
    net = answer.compiled
    names = dict(zip(net.node_ids, net.node_name))
    kinds = dict(zip(net.node_ids, net.node_kind))
    what = answer.commodity or "cargo"
    console.print(f"[bold]{names[answer.origin]} → {names[answer.destination]}[/bold]: "
                  f"{answer.tonnes:,.0f} t of {what} ({answer.cargo_class}) at "
                  f"{answer.value_usd_per_t:,.0f} USD/t")
    table = Table(title="Routes", title_justify="left")
    for col, right in (("#", True), ("route", False), ("sea via", False), ("USD/t", True),
                       ("days", True), ("km", True), ("P(disruption)", True),
                       ("kg CO2/t", True)):
        table.add_column(col, justify="right" if right else "left")
    for i, r in enumerate(answer.routes):
        table.add_row(str(i + 1), answer.land_name(r), "/".join(r.passages) or "—",
                      f"{r.cost_total:,.0f}", f"{r.transit_days:.1f}", f"{r.distance_km:,.0f}",
                      f"{r.disruption_prob:.1%}", f"{r.co2_kg_per_t:,.0f}")
    console.print(table)
    split = Table(title="Cost split, USD per tonne", title_justify="left")
    split.add_column("#", justify="right")
    for part in (*PARTS, "total", f"total for {answer.tonnes:,.0f} t"):
        split.add_column(part, justify="right")
    for i, r in enumerate(answer.routes):
        split.add_row(str(i + 1), *(f"{r.cost_parts[p]:,.0f}" for p in PARTS),
                      f"{r.cost_total:,.0f}", f"{r.cost_total * answer.tonnes:,.0f}")
    console.print(split)
    for i, r in enumerate(answer.routes):
        # sea-side waypoints (open-sea junctions, a port's sea side) are not places called at
        path = " → ".join(str(names[n]) for n in r.nodes if kinds[n] != "waypoint")
        console.print(f"[bold]{i + 1}.[/bold] {path}")
        extra = f"   countries: {', '.join(r.countries)}"
        if r.passages:
            extra += f"; passages: {', '.join(r.passages)}"
        console.print(extra)
    if answer.switches:
        console.print("[bold]What would change the choice[/bold]")
        for s in answer.switches:
            console.print(f" • {s.sentence(answer.route_name)}")
    else:
        top = max(answer.params.risk_weight * RISK_WEIGHT_RANGE, RISK_WEIGHT_RANGE)
        console.print("No penalty on a transit state or passage of route 1 (up to its whole "
                      f"cost) and no risk weight from 0 to {top:g} makes another route "
                      "cheapest.")

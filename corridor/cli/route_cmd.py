"""`corridor route FROM TO`: the cheapest route, real alternatives and what would switch them."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    cost_options,
    cost_params,
    eprint,
    load,
    load_compiled_network,
    load_scenarios,
    map_option,
    map_problems,
    network_files,
    network_options,
    note_durations,
    scenario_option,
    scenario_paths,
    service_option,
    show_then_write,
    user_errors,
)
from corridor.cli.safe_text import for_terminal

if TYPE_CHECKING:
    from corridor.routing.query import RouteAnswer


@click.command("route")
@click.argument("origin", metavar="FROM")
@click.argument("destination", metavar="TO")
@click.option("--commodity", default=None,
              help="Commodity id or name (sets value, cargo class and restrictions).")
@click.option("--cargo-class", default=None,
              help="bulk, container or class7: which rates and speeds apply (default: the "
              "commodity's, or container).")
@click.option("--tonnes", type=float, default=1000.0, show_default=True,
              help="Shipment size in tonnes.")
@click.option("--value-usd-per-t", type=float, default=None,
              help="Cargo value; overrides the commodity's default.")
@cost_options
@click.option("--avoid", multiple=True,
              help="What to avoid outright: country codes, passages (suez, bosporus...), "
              "corridors, capacity groups, legs or places (kind:name to be explicit, e.g. "
              "node:Aktau); repeat or comma-separate.")
@click.option("--alternatives", type=int, default=3, show_default=True,
              help="How many alternatives to show.")
@service_option("the route")
@click.option("--open-planned/--no-open-planned", default=False,
              help="Also use planned and under-construction legs.")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@click.option("--geojson", type=PATH, default=None,
              help="Write the routes as GeoJSON LineStrings to this file.")
@map_option("Draw the routes on a map (matplotlib): PNG or SVG by the file's ending.")
@scenario_option("Route under a what-if scenario: a library name (corridor scenarios) or "
                 "a TOML file; repeat or join with + to apply several, in order.")
@network_options
def route(
    origin: str, destination: str, commodity: str | None, cargo_class: str | None,
    tonnes: float, value_usd_per_t: float | None, risk_weight: float, carrying_rate: float,
    loss_share: float | None, penalty: tuple[str, ...], avoid: tuple[str, ...],
    alternatives: int, service: str, open_planned: bool, as_json: bool, geojson: Path | None,
    map_file: Path | None, scenario: tuple[str, ...], network_dir: Path | None,
    nodes: Path | None, legs_file: Path | None,
) -> None:
    """Cheapest route from FROM to TO, genuinely different alternatives, and what would
    make the runner-up win.

    FROM is the origin, TO the destination port: each an id, name or alias.
    """
    from corridor.routing.query import find_routes
    from corridor.routing.services import with_service

    with user_errors():
        params = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                             open_planned)
        bad = map_problems(map_file)
        if bad:
            from corridor.network_data.errors import InputError

            raise InputError(bad)
        check_outputs({"--geojson": geojson, "--map": map_file},
                      [*network_files(network_dir, nodes, legs_file), *scenario_paths(scenario)])
        if scenario:  # the tables are needed to apply a scenario (no compact cache)
            from corridor.routing.compile import compile_network
            from corridor.routing.scenarios import apply_scenarios

            tables = load(network_dir, nodes, legs_file)
            scenarios = load_scenarios(tables, scenario)
            net = compile_network(apply_scenarios(tables, scenarios))
            note_durations(scenarios, "these routes")
        else:
            net = load_compiled_network(network_dir, nodes, legs_file)
        answer = find_routes(with_service(net, service), origin, destination,
                             commodity=commodity, tonnes=tonnes,
                             value_usd_per_t=value_usd_per_t, params=params,
                             alternatives=alternatives, cargo_class=cargo_class)
        files: list[tuple[Path | TextIO, str | bytes]] = []
        if map_file is not None:
            from corridor.reports.maps import route_map

            files.append((map_file, route_map(answer, map_file.suffix.lower())))
        if geojson is not None:
            from corridor.reports.geojson_route import route_geojson

            files.append((geojson, route_geojson(answer)))
        if as_json:  # an output too: if standard output fails, the GeoJSON is not replaced
            from corridor.reports.json_route import route_json

            files.append((sys.stdout, route_json(answer)))
        show_then_write(files, None if as_json else lambda: render(answer))
        if geojson is not None:
            eprint(f"wrote {len(answer.routes)} routes to {geojson}")
        if map_file is not None:
            eprint(f"wrote {map_file}")


def render(answer: RouteAnswer) -> None:
    """Tables for a person: routes side by side, cost split, path and switching points."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console
    from corridor.routing.costs import PARTS
    from corridor.routing.explain import risk_weight_bracket
    from corridor.routing.services import express_summary

    console = Console()
    net = answer.compiled
    names = dict(zip(net.node_ids, net.node_name))
    kinds = dict(zip(net.node_ids, net.node_kind))
    what = answer.commodity or "cargo"
    # the closing tag after a character of ours, never right after a name (for_terminal)
    console.print(f"[bold]{for_terminal(names[answer.origin])} → "
                  f"{for_terminal(names[answer.destination])}:[/bold] "
                  f"{answer.tonnes:,.0f} t of {for_terminal(what)} "
                  f"({for_terminal(answer.cargo_class)}) at "
                  f"{answer.value_usd_per_t:,.0f} USD/t")
    if net.scenarios:
        console.print("under scenario " + for_terminal(" + ".join(s.name for s in net.scenarios)))
    if net.service != "regular":
        console.print(f"{net.service} service: days of a priority train or truck "
                      f"({express_summary(net)}); tariffs as the regular service's")
    table = Table(title="Routes", title_justify="left")
    for col, right in (("#", True), ("route", False), ("sea via", False), ("USD/t", True),
                       ("days", True), ("km", True), ("P(disruption)", True),
                       ("kg CO2/t", True)):
        table.add_column(col, justify="right" if right else "left")
    for i, r in enumerate(answer.routes):
        table.add_row(str(i + 1), for_terminal(answer.land_name(r)),
                      for_terminal("/".join(r.passages) or "—"),
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
        console.print(f"[bold]{i + 1}.[/bold] {for_terminal(path)}")
        extra = f"   countries: {', '.join(r.countries)}"
        if r.passages:
            extra += f"; passages: {', '.join(r.passages)}"
        console.print(for_terminal(extra))
    if answer.switches:
        console.print("[bold]What would change the choice[/bold]")
        for s in answer.switches:
            console.print(f" • {for_terminal(s.sentence(answer.route_name))}")
    else:
        top = risk_weight_bracket(answer.params.risk_weight)
        console.print("No penalty on a transit state or passage of route 1 (up to its whole "
                      f"cost) and no risk weight from 0 to {top:g} makes another route "
                      "cheapest.")

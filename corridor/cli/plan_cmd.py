"""`corridor plan SHIPMENTS.csv`: a year's shipment book on shared, capacitated corridors."""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO, TypeVar

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    cost_options,
    cost_params,
    eprint,
    freeze_loaded,
    load,
    load_scenarios,
    map_option,
    map_problems,
    network_files,
    network_options,
    note_durations,
    parse_key_numbers,
    report_option,
    report_problems,
    report_text,
    say_written,
    scenario_option,
    scenario_paths,
    service_option,
    show_then_write,
    user_errors,
)
from corridor.cli.safe_text import for_terminal

if TYPE_CHECKING:
    import pandas as pd
    from rich.console import Console

    from corridor.network_data.model import Network
    from corridor.network_data.shipments import ShipmentBook
    from corridor.routing.plan import Plan


T = TypeVar("T")


def _fraction(text: str) -> float:
    return float(text[:-1]) / 100.0 if text.endswith("%") else float(text)


def parse_shares(values: Iterable[str] | None) -> dict[str, float]:
    """``['CN=0.3', 'russia_north=25%']`` -> ``{'CN': 0.3, 'russia_north': 0.25}``."""
    return parse_key_numbers(values, option="--max-share",
                             form="KEY=FRACTION (e.g. CN=0.3 or CN=30%)", convert=_fraction)


@click.command("plan")
@click.argument("shipments", metavar="SHIPMENTS.csv", type=PATH, required=False)
@click.option("-o", "--output", type=PATH, default=None,
              help="Write the plan (one row per shipment and route) as CSV.")
@click.option("--legs", "legs_out", type=PATH, default=None,
              help="Write leg loads, utilisation and capacity duals as CSV.")
@click.option("--json", "as_json", is_flag=True,
              help="JSON on stdout: summary, shipments, legs, nodes.")
@click.option("--geojson", type=PATH, default=None,
              help="Write the routes used as GeoJSON LineStrings with tonnes.")
@click.option("--csv-style", default="plain", show_default=True,
              help="How -o and --legs are written: plain (UTF-8, commas: scripts, pandas); "
              "excel (what Excel opens right on a double-click where the decimal mark is a "
              "point); excel-semicolon (where it is a comma, as in German, French or Russian "
              "settings: ';' between cells, decimal commas).")
@cost_options
@click.option("--avoid", multiple=True,
              help="What no shipment may use: country codes, passages (suez, bosporus...), "
              "corridors, capacity groups, legs or places (kind:name to be explicit); repeat "
              "or comma-separate.")
@click.option("--max-share", multiple=True, metavar="KEY=FRACTION",
              help="At most this share of planned tonnage may use what KEY names (a country, "
              "passage, corridor, capacity group, leg or place; repeatable); the plan shows "
              "what one more point of each cap would save.")
@click.option("--horizon-days", type=float, default=365.0, show_default=True,
              help="Days the plan covers; capacities (per year) are scaled by days/365.")
@click.option("--unsplittable/--no-unsplittable", default=False,
              help="Keep every shipment on one route (integer model; reports its gap).")
@click.option("--time-limit", type=float, default=60.0, show_default=True,
              help="Time limit of the unsplittable solve, seconds.")
@click.option("--open-planned/--no-open-planned", default=False,
              help="Also use planned and under-construction legs.")
@service_option("the shipments that name none in the book's service column")
@click.option("--rerun", type=PATH, default=None, metavar="PLAN.json",
              help="Plan again as PLAN.json (a --json output) was made: the same book, network "
              "and options; refused if their files have changed since. Give no SHIPMENTS.csv "
              "and no planning options with it (output options are free).")
@map_option("Draw the plan's loaded legs on a map (matplotlib): PNG or SVG by the file's "
            "ending.")
@report_option
@scenario_option("Plan under a what-if scenario: a library name (corridor scenarios) or a "
                 "TOML file; repeat or join with + to apply several, in order. Stranded "
                 "tonnes are priced on the network without it.")
@network_options
def plan(
    shipments: Path | None, output: Path | None, legs_out: Path | None, as_json: bool,
    geojson: Path | None, csv_style: str, risk_weight: float, carrying_rate: float,
    loss_share: float | None, penalty: tuple[str, ...], avoid: tuple[str, ...],
    max_share: tuple[str, ...], horizon_days: float, unsplittable: bool, time_limit: float,
    open_planned: bool, service: str, rerun: Path | None, map_file: Path | None,
    report_file: Path | None,
    scenario: tuple[str, ...], network_dir: Path | None, nodes: Path | None, legs_file: Path | None,
) -> None:
    """Plan a shipment book at least cost under shared capacities, share caps and deadlines.

    SHIPMENTS.csv is the shipment book: shipment_id, origin, destination, commodity, tonnes
    [, value_usd_per_t, max_days, avoid, unserved_usd_per_t, service, notes] and any columns
    of your own (carried to the outputs); comma-separated, or as Excel saves it (';' and
    decimal commas too); - reads standard input. With --rerun PLAN.json, give none.

    Exit codes: 0 planned (possibly with some unserved tonnage, listed with its reason),
    2 bad input (every problem listed; nothing written), 3 nothing could be planned,
    4 solver or verification failure.
    """
    from corridor.network_data.errors import InfeasibleError, InputError, Problem
    from corridor.network_data.schema import parameter_problems
    from corridor.network_data.shipments import read_shipments, read_shipments_from
    from corridor.reports.files import Chunked, Text
    from corridor.reports.json_plan import write_plan_json
    from corridor.reports.plan_csv import CSV_STYLES
    from corridor.reports.write_plan import plan_files
    from corridor.routing.plan import plan as run_plan

    with user_errors():
        bad = parameter_problems({"horizon_days": horizon_days, "time_limit_s": time_limit})
        bad += map_problems(map_file) + report_problems(report_file)
        if bad:
            raise InputError(bad)
        shares = parse_shares(max_share)
        if csv_style not in CSV_STYLES:
            raise InputError(Problem("command line", None, "--csv-style",
                                     f"'{csv_style}' is not one of {', '.join(CSV_STYLES)}"))
        outputs = {"-o": output, "--legs": legs_out, "--geojson": geojson, "--map": map_file,
                   "--report": report_file}
        if rerun is not None:
            refuse_beside_rerun({
                "SHIPMENTS.csv": shipments is not None, "--risk-weight": risk_weight != 1.0,
                "--carrying-rate": carrying_rate != 0.08, "--loss-share": loss_share is not None,
                "--penalty": bool(penalty), "--avoid": bool(avoid),
                "--max-share": bool(max_share), "--horizon-days": horizon_days != 365.0,
                "--unsplittable": unsplittable, "--time-limit": time_limit != 60.0,
                "--open-planned": open_planned, "--scenario": bool(scenario),
                "--service": service != "regular",
                "--network": network_dir is not None,
                "--nodes": nodes is not None, "--legs-file": legs_file is not None})
            net, book, options = rerun_inputs(rerun, outputs)
        else:
            if shipments is None:
                raise InputError(Problem("command line", None, "SHIPMENTS.csv",
                                         "give a shipment book (or --rerun PLAN.json)"))
            given = cost_params(risk_weight, carrying_rate, loss_share, penalty, avoid,
                                open_planned)
            from_stdin = str(shipments) == "-"
            check_outputs(outputs, [*([] if from_stdin else [shipments]),
                                    *network_files(network_dir, nodes, legs_file),
                                    *scenario_paths(scenario)],
                          reads_stdin=from_stdin)
            net = load(network_dir, nodes, legs_file)
            params = given.resolved(net.vocabulary)  # before the book: the options first
            book = read_shipments_from(sys.stdin.buffer, net) if from_stdin else \
                read_shipments(shipments, net)
            scenarios = load_scenarios(net, scenario)
            note_durations(scenarios, "the plan's shipments")
            options = {"params": params, "max_share": shares, "horizon_days": horizon_days,
                       "unsplittable": unsplittable, "time_limit_s": time_limit,
                       "service": service,
                       "scenarios": scenarios}
        result = with_spinner(lambda progress: run_plan(net, book, progress=progress, **options),
                      quiet=as_json)
        if result.summary["planned_tonnes"] <= 0:
            reasons = sorted(set(result.shipments["reason"]) - {""})
            raise InfeasibleError(f"none of the {len(book)} shipments can be planned "
                                  f"({'; '.join(reasons) or 'what is planned rounds to 0 t'})")
        note_own_columns(book)
        files: list[tuple[Path | TextIO, Text]] = [*plan_files(
            result, shipments=output, legs=legs_out, geojson=geojson, style=csv_style)]
        if map_file is not None:
            from corridor.reports.maps import plan_map

            files.append((map_file, plan_map(result, map_file.suffix.lower())))
        if report_file is not None:
            from corridor.reports.json_plan import plan_dict

            files.append((report_file, report_text(
                "plan", plan_dict(result), net, str(rerun or shipments), quiet=as_json)))
        if as_json:  # an output too: if standard output fails, no file is replaced
            # written in chunks: a million-shipment plan's JSON is over 2 GB of text
            files.append((sys.stdout, Chunked(lambda out: write_plan_json(result, out))))
        show_then_write(files, None if as_json else lambda: render(result))
        say_written(output, legs_out, geojson, map_file, report_file)


def refuse_beside_rerun(given: dict[str, bool]) -> None:
    """``--rerun`` plans with the book, network and options its PLAN.json records: refuse
    the arguments among ``given`` (name → given) that would say otherwise."""
    from corridor.network_data.errors import InputError, Problem

    clash = [name for name, on in given.items() if on]
    if clash:
        raise InputError(Problem("command line", None, "--rerun",
                                 "plans with the book, network and options PLAN.json "
                                 f"records; {', '.join(clash)} cannot be given with it"))


def rerun_inputs(plan_doc: Path, outputs: dict[str, Path | None]
                 ) -> tuple[Network, ShipmentBook, dict[str, Any]]:
    """The network, book and :func:`~corridor.routing.plan.plan` options PLAN.json's
    ``made_with`` records, read again once the outputs are checked against them
    (``InputError`` if the book's or the network's files have changed since; a note if
    another corridor version made it)."""
    from corridor import __version__
    from corridor.reports.rerun import read_recipe, recipe_inputs, recipe_scenarios

    recipe = read_recipe(plan_doc)
    check_outputs(outputs, [plan_doc, *recipe.input_paths()],
                  reads_stdin=recipe.book_path == "-")
    net, book = recipe_inputs(recipe, stdin=sys.stdin.buffer)
    freeze_loaded()  # as load() does for a command's network
    if recipe.version != __version__:
        eprint(f"note: {plan_doc} was made with corridor {recipe.version}; this is "
               f"corridor {__version__}")
    return net, book, {**recipe.plan_kwargs(),
                       "scenarios": recipe_scenarios(recipe, net)}


#: The book's own columns named in the note about them; past this, how many more.
OWN_COLUMNS_NAMED = 10


def note_own_columns(book: ShipmentBook) -> None:
    """Say once, on stderr, which columns of the book the planner left to the outputs (the
    first :data:`OWN_COLUMNS_NAMED` by name, then how many more)."""
    if book.extra:
        names = list(book.extra)
        many = len(names) > 1
        shown = ", ".join(names[:OWN_COLUMNS_NAMED]) + (
            f" and {len(names) - OWN_COLUMNS_NAMED:,} more" if len(names) > OWN_COLUMNS_NAMED
            else "")
        eprint(f"note: {book.source}: column{'s' if many else ''} {shown} "
               f"{'are' if many else 'is'} not used by the planner; carried through to the "
               "outputs")


def with_spinner(job: Callable[[Callable[[str], None] | None], T], *, quiet: bool) -> T:
    """Run ``job`` (given a progress callback, or None) with a spinner on stderr showing
    its stages (none for --json or when stderr is not a terminal)."""
    from corridor.cli.console import PipeConsole as Console

    console = Console(stderr=True)
    if quiet or not console.is_terminal:
        return job(None)
    with console.status("planning…") as status:
        ticker = StageClock(status.update)
        try:
            return job(ticker.say)
        finally:
            ticker.stop()


class StageClock:
    """Shows the current stage with the seconds spent in it, refreshed while it runs.

    A long stage (a 60 s unsplittable solve) would otherwise show one frozen line; the OR-Tools
    solvers release the GIL, so a small thread can keep the count going.
    """

    def __init__(self, show: Callable[[str], object], every_s: float = 0.5):
        import threading

        self._show = show
        self._every = every_s
        self._message = ""
        self._start = time.perf_counter()
        self._lock = threading.Lock()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._loop, daemon=True)
        self._thread.start()

    def say(self, message: str) -> None:
        """A new stage begins."""
        with self._lock:
            self._message, self._start = message, time.perf_counter()
        self._show(message)

    def _loop(self) -> None:
        while not self._done.wait(self._every):
            with self._lock:
                message, elapsed = self._message, time.perf_counter() - self._start
            if message and elapsed >= 1.0:
                self._show(f"{message} · {elapsed:.0f} s")

    def stop(self) -> None:
        """Stop refreshing (the spinner is going away)."""
        self._done.set()
        self._thread.join()


#: Unserved shipments listed one by one in the terminal; past this, a summary by reason and
#: the largest half as many (thousands of lines help nobody; the files have them all).
UNSERVED_SHOWN = 20


def _unserved_table(console: Console, rows: pd.DataFrame, title: str) -> None:
    """Unserved shipments, one per line: id, tonnes, reason."""
    from rich.table import Table

    table = Table(title=title, title_justify="left")
    for col in ("shipment", "tonnes", "reason"):
        table.add_column(col, justify="right" if col == "tonnes" else "left")
    for rec in rows.to_dict("records"):
        table.add_row(for_terminal(rec["shipment_id"]), f"{rec['tonnes']:,.0f}",
                      for_terminal(rec["reason"]))
    console.print(table)


#: Planned routes listed in the terminal; past this, the costliest half as many.
ROUTES_SHOWN = 40


def _routes_table(console: Console, result: Plan) -> None:
    """Each planned route (a split shipment has several), named as ``corridor route`` names
    routes: tonnes, land corridors and transit states, sea passages, days, cost per tonne."""
    import numpy as np
    import pandas as pd
    from rich.table import Table

    shipments = result.shipments
    # positions, and only the rows shown taken from the table: a filtered copy of a
    # million-row plan, then a sorted one, would be hundreds of MB for 20 lines
    rows = np.flatnonzero((shipments["status"] == "planned").to_numpy())
    if not len(rows):
        return
    title = "Routes"
    if len(rows) > ROUTES_SHOWN:
        costs = pd.Series(shipments["cost_usd"].to_numpy()[rows], index=rows)
        title = (f"Costliest routes ({ROUTES_SHOWN // 2} of {len(rows):,}; all are in "
                 "-o PLAN.csv and --json)")
        rows = costs.sort_values(ascending=False, kind="stable").index.to_numpy()
        rows = rows[:ROUTES_SHOWN // 2]
    planned = shipments.iloc[rows]
    split = bool((planned["route"] > 1).any()) or planned["shipment_id"].duplicated().any()
    table = Table(title=title, title_justify="left")
    for col in ("shipment", *(("#",) if split else ()), "tonnes", "route", "sea via", "days",
                "USD/t"):
        table.add_column(col, justify="right" if col in ("#", "tonnes", "days", "USD/t")
                         else "left", overflow="fold")
    for rec, name in zip(planned.to_dict("records"), result.route_names(planned)):
        table.add_row(for_terminal(rec["shipment_id"]),
                      *((str(rec["route"]),) if split else ()),
                      f"{rec['tonnes']:,.0f}", for_terminal(name),
                      for_terminal("/".join(rec["passages"]) or "—"),
                      f"{rec['days']:.1f}", f"{rec['cost_usd_per_t']:,.2f}")
    console.print(table)


def render(result: Plan) -> None:
    """Summary, routes, shares, binding legs and unserved shipments as tables."""
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console

    console = Console()
    s = result.summary
    head = Table(title="Plan", title_justify="left", show_header=False)
    head.add_column("what")
    head.add_column("value", justify="right")
    rows = [
        ("shipments", f"{s['shipments']:,} ({s['shipments_fully_served']:,} fully served)"),
        ("tonnes planned", f"{_tonnes(s['planned_tonnes'])} of {_tonnes(s['tonnes'])}"),
        ("unserved tonnes", f"{s['unserved_tonnes']:,.0f}"),
        ("total cost, USD", f"{s['total_cost_usd']:,.0f}"),
        *((f"  {k}", f"{v:,.0f}") for k, v in s["cost_by_part_usd"].items()),
        ("tonne-km", f"{s['tonne_km']:,.0f}"),
        ("horizon", f"{s['horizon_days']:g} days (capacities × {s['horizon_days'] / 365:.3g})"
         if s["horizon_days"] != 365 else "a year (365 days)"),
        ("method", f"{s['method']} ({s['iterations']} LP iterations, "
                   f"{s['routes_generated']} routes)"),
    ]
    if s["mip_gap"] is not None:
        rows.append(("unsplittable gap to LP bound", f"{s['mip_gap']:.2%}"))
    compiled = result.solution.problem.net
    book = result.solution.problem.book
    levels = book.services(compiled.service)  # None: all at the plan's
    if compiled.service != "regular" or levels is not None:
        from corridor.routing.services import express_summary

        which = compiled.service if levels is None else \
            f"{int((levels == 'express').sum()):,} of {len(book):,} shipments express"
        rows.insert(0, ("service", f"{which} ({express_summary(compiled)})"))
    if compiled.scenarios:
        rows.insert(0, ("under scenario", " + ".join(sc.name for sc in compiled.scenarios)))
    for row in rows:
        head.add_row(*row)
    console.print(head)
    _routes_table(console, result)
    shares = Table(title="Share of planned tonnage", title_justify="left")
    columns = [("country", list(s["share_by_country"].items())),
               ("corridor", list(s["share_by_corridor"].items())),
               ("passage", list(s["share_by_passage"].items()))]
    for name, _ in columns:
        shares.add_column(name)
        shares.add_column("share", justify="right")
    cap = s["max_share"]
    for i in range(max(len(items) for _, items in columns)):
        cells: list[str] = []
        for _, items in columns:
            key, share = items[i] if i < len(items) else ("", None)
            cells += [for_terminal(key) + (f" (cap {cap[key]:.0%})" if key in cap else ""),
                      "" if share is None else f"{share:.1%}"]
        shares.add_row(*cells)
    console.print(shares)
    if s["share_caps"]:
        caps = Table(title="Share caps (what raising each would save)", title_justify="left")
        for col in ("cap", "limit", "share", "USD per t", "USD per point"):
            caps.add_column(col, justify="left" if col == "cap" else "right")
        for key, priced in s["share_caps"].items():
            binds = priced["binding"]
            caps.add_row(for_terminal(key), f"{priced['max_share']:.1%}",
                         f"{priced['share']:.1%}",
                         f"{priced['dual_usd_per_t']:,.2f}" if binds else "not binding",
                         f"{priced['usd_per_point']:,.0f}" if binds else "0")
        console.print(caps)
    legs = result.legs
    tight = legs[(legs["dual_usd_per_t"] > 0) & (legs["capacity_group"] == "")] if len(legs) \
        else legs
    # (sort key, leg or group, where, load, capacity, dual); a group is one row: its legs
    # share the capacity, so their own loads would not explain the price
    members = result.solution.problem.net.network.legs["capacity_group"].fillna("")
    group_legs = members[members != ""].value_counts().to_dict()
    binding = [(-g["dual_usd_per_t"], name,
                f"capacity group shared by {group_legs.get(name, 0)} legs", g["load_t"],
                g["capacity_t"], g["dual_usd_per_t"])
               for name, g in s["capacity_groups"].items() if g["dual_usd_per_t"] > 0]
    binding += [(-rec["dual_usd_per_t"], rec["leg_id"], f"{rec['from_id']} → {rec['to_id']}",
                 rec["load_t"], rec["capacity_t"], rec["dual_usd_per_t"])
                for rec in tight.to_dict("records")]
    if binding:
        table = Table(title="Binding capacities (value of one more tonne)",
                      title_justify="left")
        for col in ("leg", "from → to", "load t", "capacity t", "USD/t"):
            if col in ("leg", "from → to"):
                table.add_column(col, overflow="fold")  # long ids fold, never cut
            else:
                table.add_column(col, justify="right")
        for _, what, where, load, capacity, dual in sorted(binding, key=lambda b: b[0])[:10]:
            table.add_row(for_terminal(what), for_terminal(where), f"{load:,.0f}",
                          f"{capacity:,.0f}", f"{dual:,.2f}")
        console.print(table)
    # the three columns shown, not a copy of every column of the unserved rows
    unserved = result.shipments.loc[result.shipments["status"] == "unserved",
                                     ["shipment_id", "tonnes", "reason"]]
    if len(unserved) > UNSERVED_SHOWN:  # a big book: why, then the largest few
        by_reason = Table(title="Unserved by reason", title_justify="left")
        for col in ("reason", "shipments", "tonnes"):
            by_reason.add_column(col, justify="left" if col == "reason" else "right")
        totals = unserved.groupby("reason", sort=False)["tonnes"].agg(["size", "sum"])
        totals = totals.sort_values("sum", ascending=False, kind="stable")
        for reason, count, tonnes in zip(totals.index.tolist(), totals["size"].tolist(),
                                         totals["sum"].tolist()):
            by_reason.add_row(for_terminal(reason), f"{count:,}", f"{tonnes:,.0f}")
        console.print(by_reason)
        largest = unserved.sort_values("tonnes", ascending=False, kind="stable")
        _unserved_table(console, largest.head(UNSERVED_SHOWN // 2),
                        f"Largest unserved shipments ({UNSERVED_SHOWN // 2} of {len(unserved):,};"
                        " all are in -o PLAN.csv and --json)")
    elif len(unserved):
        _unserved_table(console, unserved, "Unserved")
    for note in s["notes"]:
        console.print(f"note: {for_terminal(note)}")


def _tonnes(t: float) -> str:
    """Tonnes for a person: whole tonnes, except below one tonne, where the kilograms show
    (a 0.001 t book planned is "0.001 of 0.001", not "0 of 0")."""
    return f"{t:,.0f}" if t >= 1 or t == 0 else f"{t:.3g}"

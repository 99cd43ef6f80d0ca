"""`corridor network ...`: validate, list, show and export the network."""

from __future__ import annotations

from pathlib import Path

import click

from corridor.cli.common import (
    EXIT_INVALID,
    PATH,
    CommandGroup,
    check_outputs,
    dump_json,
    eprint,
    load,
    network_dir_option,
    network_files,
    network_options,
    nodes_option,
    user_errors,
    write_all_atomic,
    write_atomic,
)
from corridor.cli.safe_text import for_terminal


@click.group("network", cls=CommandGroup)
def app() -> None:
    """Inspect, validate and export the corridor network."""


def _fmt(value: object, digits: int = 0) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return "—"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return str(value)


@app.command("validate")
@network_dir_option
@nodes_option
@click.option("--legs", "--legs-file", "legs_file", type=PATH, default=None,
              help="A legs.csv to check.")
def validate_cmd(network_dir: Path | None, nodes: Path | None, legs_file: Path | None) -> None:
    """Check network files; list every problem, then warnings (a corridor with no capacity
    anywhere, a port routes could pass without a call). Exit 0 only if the network is clean
    (warnings do not fail it)."""
    from corridor.network_data.load import check_network, check_warnings

    problems = check_network(directory=network_dir, nodes=nodes, legs=legs_file)
    if problems:
        for problem in problems:
            eprint(f"error: {problem}")
        eprint(f"{len(problems)} problem{'s' if len(problems) != 1 else ''} found")
        raise click.exceptions.Exit(EXIT_INVALID)
    with user_errors():
        net = load(network_dir, nodes, legs_file)
    for warning in check_warnings(directory=network_dir, nodes=nodes, legs=legs_file):
        eprint(f"warning: {warning}")
    extra = "".join(f", {len(t)} {name}" for name, t in (("rates", net.rates),
                                                         ("observations", net.observations))
                    if len(t))
    print(f"ok: {len(net.nodes)} nodes, {len(net.legs)} legs, {len(net.sources)} sources, "
          f"{len(net.commodities)} commodities{extra} "
          f"({for_terminal(net.label, markup=False)})")


@app.command("list")
@click.option("--country", default=None, help="Only nodes in this ISO country.")
@click.option("--kind", default=None,
              help="Only nodes of this kind (seaport, border, chokepoint...).")
@click.option("--json", "as_json", is_flag=True, help="JSON array on stdout.")
@network_options
def list_cmd(country: str | None, kind: str | None, as_json: bool, network_dir: Path | None,
             nodes: Path | None, legs_file: Path | None) -> None:
    """List nodes as a table (or JSON)."""
    with user_errors():
        net = load(network_dir, nodes, legs_file)
        frame = net.nodes
        if country:
            frame = frame[frame["country"] == country.upper()]
        if kind:
            frame = frame[frame["kind"] == kind.lower()]
        records = [
            {"id": r.node_id, "name": r.name, "country": r.country, "kind": r.kind,
             "lat": r.lat, "lon": r.lon, "aliases": list(r.aliases),
             "is_origin": bool(r.is_origin), "is_destination": bool(r.is_destination)}
            for r in frame.itertuples()
        ]
        if as_json:
            print(dump_json(records), end="")
            return
        from rich.table import Table

        from corridor.cli.console import PipeConsole as Console

        table = Table(title=f"{len(records)} nodes ({for_terminal(net.label)} network)")
        for col in ("id", "name", "country", "kind", "lat", "lon", "role"):
            table.add_column(col, justify="right" if col in ("lat", "lon") else "left")
        for rec in records:
            role = "/".join(r for r, on in (("origin", rec["is_origin"]),
                                            ("destination", rec["is_destination"])) if on)
            table.add_row(*map(for_terminal, (rec["id"], rec["name"], rec["country"],
                                              rec["kind"])),
                          f"{rec['lat']:.3f}", f"{rec['lon']:.3f}", role)
        Console().print(table)


@app.command("show")
@click.argument("node")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@network_options
def show_cmd(node: str, as_json: bool, network_dir: Path | None, nodes: Path | None,
             legs_file: Path | None) -> None:
    """Show one node and the legs at it (for a port, also the sailings from its sea side),
    with each leg's cost and days per cargo class.

    NODE is the node's id, name or alias.
    """
    import pandas as pd

    from corridor.routing.compile import compile_network

    with user_errors():
        net = load(network_dir, nodes, legs_file)
        node_id = net.resolve_place(node, field="NODE", source="command line")
        row = net.nodes.loc[node_id]
        legs = net.legs_at(node_id)
        # a port's ships call at its sea side: show the sailings from there too
        sides = [other for a, b in zip(legs["from_id"], legs["to_id"])
                 for other in (b if a == node_id else a,)
                 if net.nodes.at[other, "kind"] == "waypoint" and row["kind"] == "seaport"]
        if sides:
            legs = pd.concat([legs, *(net.legs_at(side) for side in sides)])
            legs = legs[~legs.index.duplicated()]
        if as_json:
            payload = {
                "id": node_id, "name": row["name"], "aliases": list(row["aliases"]),
                "country": row["country"], "kind": row["kind"], "lat": row["lat"],
                "lon": row["lon"], "gauge_mm": row["gauge_mm"],
                "throughput_tpy": row["throughput_tpy"], "notes": row["notes"],
                "legs": [_leg_record(net, leg_id, compile_network(net)) for leg_id in legs.index],
            }
            print(dump_json(payload), end="")
            return
        from rich.table import Table

        from corridor.cli.console import PipeConsole as Console

        console = Console()
        # the closing tag after a character of ours, never right after the name (for_terminal)
        console.print(f"[bold]{for_terminal(row['name'])} [/bold]"
                      + for_terminal(f"({node_id}) — {row['kind']}, {row['country']}, "
                                     f"{row['lat']:.4f}, {row['lon']:.4f}"))
        if row["aliases"]:
            console.print(for_terminal("aliases: " + ", ".join(row["aliases"])))
        extras = []
        if row["gauge_mm"] is not None and row["gauge_mm"] == row["gauge_mm"]:
            extras.append(f"gauge {int(row['gauge_mm'])} mm")
        if row["throughput_tpy"] is not None and row["throughput_tpy"] == row["throughput_tpy"]:
            extras.append(f"throughput {row['throughput_tpy']:,.0f} t/yr")
        if extras:
            console.print("; ".join(extras))
        if row["notes"]:
            console.print(f"notes: {for_terminal(row['notes'])}")
        compiled = compile_network(net)
        table = Table(title=f"{len(legs)} legs (cost and days per cargo class from each "
                            "leg's rate)")
        for col in ("leg", "to", "mode", "corridor", "km", "rate", "container USD/t",
                    "container days", "bulk USD/t", "bulk days", "capacity t/yr", "status"):
            table.add_column(col, justify="right" if col in ("km",) or "USD" in col or
                             "days" in col else "left")
        groups = set()
        for leg in legs.itertuples():
            at = leg.from_id if leg.from_id in (node_id, *sides) else leg.to_id
            other = leg.to_id if leg.from_id == at else leg.from_id
            arrow = "↔" if leg.bidirectional else ("→" if leg.from_id == at else "←")
            year = leg.status_year
            capacity = _fmt(leg.capacity_tpy)
            if leg.capacity_group:
                groups.add(str(leg.capacity_group))
                capacity += " shared"
            figures = _class_figures(compiled, str(leg.leg_id))
            table.add_row(*map(for_terminal, (leg.leg_id, f"{arrow} {net.nodes.at[other, 'name']}",
                                              leg.mode, leg.corridor)),
                          _fmt(leg.distance_km), for_terminal(leg.rate_id or "own"),
                          _fmt(figures["container"]["usd_per_t"], 1),
                          _fmt(figures["container"]["days"], 1),
                          _fmt(figures["bulk"]["usd_per_t"], 1),
                          _fmt(figures["bulk"]["days"], 1), capacity,
                          for_terminal(leg.status) + (f" {int(year)}" if year is not None and
                                                      year == year else ""))
        console.print(table)
        for group in sorted(groups):
            members = net.legs[net.legs["capacity_group"] == group]
            console.print(for_terminal(f"capacity group {group}: "
                                       f"{members['capacity_tpy'].iloc[0]:,.0f} t/yr shared by "
                                       f"{', '.join(members.index)}"))


def _class_figures(compiled: object, leg_id: str) -> dict[str, dict[str, float]]:
    """Per cargo class, a leg's tariff (USD/t) and days, read off its forward arc."""
    from corridor.routing.compile import CompiledNetwork

    assert isinstance(compiled, CompiledNetwork)
    arc = compiled.leg_ids.index(leg_id)  # the forward arc of leg i is arc i
    return {cls: {"usd_per_t": round(float(compiled.class_tariff[k][arc]), 2),
                  "days": round(float(compiled.class_days[k][arc]), 2)}
            for k, cls in enumerate(compiled.cargo_classes)}


def _leg_record(net: object, leg_id: str, compiled: object) -> dict[str, object]:
    from corridor.network_data.model import Network

    assert isinstance(net, Network)
    leg = net.legs.loc[leg_id]
    cap = leg["capacity_tpy"]
    return {
        "id": leg_id, "from": leg["from_id"], "to": leg["to_id"], "mode": leg["mode"],
        "corridor": leg["corridor"], "distance_km": float(leg["distance_km"]),
        "distance_basis": leg["distance_basis"], "rate_id": leg["rate_id"] or None,
        "by_cargo_class": _class_figures(compiled, leg_id),
        "capacity_tpy": None if cap is None or cap != cap else float(cap),
        "capacity_group": leg["capacity_group"] or None,
        "passage": leg["passage"] or None,
        "countries": sorted(set(leg["territory"]) | set(leg["control"])),
        "territory": list(leg["territory"]), "control": list(leg["control"]),
        "disruption_prob": float(leg["disruption_prob"]),
        "risk_premium_share": float(leg["risk_premium_share"] or 0.0),
        "expected_delay_days": float(leg["expected_delay_days"] or 0.0),
        "status": leg["status"],
        "status_year": None if leg["status_year"] is None or leg["status_year"] != leg[
            "status_year"] else int(leg["status_year"]),
        "allows_class7": bool(leg["allows_class7"]),
        "bidirectional": bool(leg["bidirectional"]),
        "provenance": list(leg["provenance"]),
    }


@app.command("export")
@click.option("--geojson", type=PATH, required=True,
              help="Write the legs as a GeoJSON FeatureCollection to this file.")
@network_options
def export_cmd(geojson: Path, network_dir: Path | None, nodes: Path | None,
               legs_file: Path | None) -> None:
    """Export the network as GeoJSON (RFC 7946, lon/lat): one LineString per leg."""
    from corridor.network_data.geometry import geojson_line

    with user_errors():
        check_outputs({"--geojson": geojson}, network_files(network_dir, nodes, legs_file))
        net = load(network_dir, nodes, legs_file)
        from corridor.routing.compile import compile_network

        compiled = compile_network(net)
        features = [
            {"type": "Feature", "id": leg_id, "geometry": geojson_line(net.leg_coords[leg_id]),
             "properties": _leg_record(net, leg_id, compiled)}
            for leg_id in net.legs.index
        ]
        write_atomic(geojson, dump_json({"type": "FeatureCollection", "features": features}))
    eprint(f"wrote {len(features)} legs to {geojson}")


@app.command("schema")
@click.argument("table", required=False, default=None)
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@click.option("--template", type=PATH, default=None,
              help="Write empty CSV files with the right headers into this folder.")
def schema_cmd(table: str | None, as_json: bool, template: Path | None) -> None:
    """Show the network schema: every column's dtype, unit, whether required, default and
    meaning (the same specification the validator uses).

    TABLE is nodes, legs, sources, commodities, rates or observations (default: all).
    """
    from corridor.network_data.errors import InputError, Problem
    from corridor.network_data.files import OPTIONAL_FILES, TABLE_FILES
    from corridor.network_data.schema import OPTIONAL_TABLES
    from corridor.network_data.schema import TABLES as REQUIRED

    tables = {**REQUIRED, **OPTIONAL_TABLES}
    files = {**TABLE_FILES, **OPTIONAL_FILES}
    with user_errors():
        if table is not None and table not in tables:
            raise InputError(Problem("command line", None, "TABLE", f"unknown table '{table}'; "
                                     f"one of {', '.join(tables)}"))
        names = [table] if table else list(tables)
        if template is not None:
            names = [n for n in names if n in REQUIRED] or names
            _make_folder(template, option="--template")
            targets = {name: template / files[name] for name in names}
            existing = [Problem(str(path), None, "--template", "already exists; the template "
                                "would replace it (give an empty folder)")
                        for path in targets.values() if path.exists()]
            if existing:
                raise InputError(existing)
            write_all_atomic([(path, ",".join(tables[name].column_names) + "\n")
                              for name, path in targets.items()])
            eprint(f"wrote {len(names)} template file(s) to {template}")
            return
        if as_json:
            print(dump_json({n: [{"column": c.name, "dtype": c.dtype, "unit": c.unit,
                                  "required": c.required,
                                  "default": list(c.default) if isinstance(c.default, tuple)
                                  else c.default, "range": c.range_text,
                                  "meaning": c.meaning}
                                 for c in tables[n].columns] for n in names}), end="")
            return
        from rich.table import Table

        from corridor.cli.console import PipeConsole as Console

        console = Console()
        for name in names:
            optional = "" if name in REQUIRED else ", optional"
            out = Table(title=f"{name} ({files[name]}, key {tables[name].key}{optional})",
                        title_justify="left")
            for col in ("column", "dtype", "unit", "required", "default", "range",
                        "meaning"):
                out.add_column(col, overflow="fold")
            for c in tables[name].columns:
                default = "" if c.default in (None, (), "") else str(c.default)
                out.add_row(c.name, c.dtype, c.unit, "yes" if c.required else "", default,
                            c.range_text, c.meaning)
            console.print(out)


def _make_folder(folder: Path, *, option: str) -> None:
    """Create ``folder`` and its parents unless it exists (a new project starts from an
    empty folder); ``InputError`` naming ``option`` if it is a file or cannot be made."""
    from corridor.network_data.errors import InputError, Problem

    if folder.exists() and not folder.is_dir():
        raise InputError(Problem(str(folder), None, option, "is a file; give a folder"))
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # read-only parent, a file on the way: the user's to fix
        raise InputError(Problem(str(folder), None, option,
                                 f"cannot create the folder: {exc.strerror or exc}")) from None


@app.command("check-figures")
@click.option("--observations", type=PATH, default=None,
              help="A CSV of published figures (the observations schema: corridor network "
              "schema observations) to check instead of the network's own.")
@click.option("--json", "as_json", is_flag=True, help="JSON on stdout.")
@network_options
def check_figures_cmd(observations: Path | None, as_json: bool, network_dir: Path | None,
                      nodes: Path | None, legs_file: Path | None) -> None:
    """Each published figure (transit days, through-rates) against the model: published,
    model, error; then the median and largest error per kind, for the figures the rates
    were fitted to and for those held back. Exit 0 when both kinds meet the targets
    (median ≤ 15 %, none over 40 %), 1 when not."""
    from corridor.network_data.errors import InputError, Problem
    from corridor.network_data.load import read_observations
    from corridor.routing.figures import check_figures, summarise

    with user_errors():
        net = load(network_dir, nodes, legs_file)
        rows = None
        if observations is not None:
            rows = read_observations(observations, net).to_dict("records")
        elif not len(net.observations):
            raise InputError(Problem(net.label, None, "observations",
                                     "the network has no observations table; give "
                                     "--observations FILE"))
        checks = check_figures(net, rows)
    summaries = {use: summarise(checks, use=use) for use in (None, "fit", "holdout")}
    ok = all(s.within_targets for s in summaries[None])
    if as_json:
        print(dump_json({
            "observations": [_check_record(c) for c in checks],
            "summary": {use or "all": [vars(s) for s in found]
                        for use, found in summaries.items()},
            "targets": {"median_abs_error": 0.15, "max_abs_error": 0.40},
            "within_targets": ok,
        }), end="")
    else:
        _render_checks(checks, summaries)
    if not ok:
        raise click.exceptions.Exit(EXIT_INVALID)


def _check_record(c: object) -> dict[str, object]:
    from corridor.routing.figures import FigureCheck

    assert isinstance(c, FigureCheck)
    return {"obs_id": c.obs_id, "description": c.description, "metric": c.metric,
            "compared_as": "days" if c.kind == "days" else "usd_per_t", "use": c.use,
            "cargo_class": c.cargo_class, "service": c.service,
            "published_low": round(c.low, 2),
            "published_high": round(c.high, 2),
            "model": None if c.model is None else round(c.model, 2),
            "error": None if c.error is None else round(c.error, 4),
            "sources": list(c.sources)}


def _render_checks(checks: list, summaries: dict) -> None:
    from rich.table import Table

    from corridor.cli.console import PipeConsole as Console

    console = Console()
    table = Table(title="Published figures against the model (per-container figures per "
                        "tonne at their stated payload)", title_justify="left")
    for col, right in (("id", False), ("figure", False), ("use", False),
                       ("service", False), ("published", True), ("model", True),
                       ("error", True)):
        table.add_column(col, justify="right" if right else "left",
                         overflow="fold" if col == "figure" else "ellipsis")
    for c in checks:
        unit = "d" if c.kind == "days" else "USD/t"
        digits = 1 if c.kind == "days" else 0
        published = (f"{c.low:,.{digits}f}" if abs(c.high - c.low) < 1e-9 else
                     f"{c.low:,.{digits}f}–{c.high:,.{digits}f}") + f" {unit}"
        model = "no route" if c.model is None else f"{c.model:,.{digits}f} {unit}"
        error = "—" if c.error is None else f"{c.error:+.0%}"
        table.add_row(*map(for_terminal, (c.obs_id, c.description, c.use, c.service)),
                      published, model, error)
    console.print(table)
    summary = Table(title="Errors (targets: median ≤ 15 %, none over 40 %)",
                    title_justify="left")
    for col in ("figures", "kind", "count", "median |error|", "largest |error|", "targets"):
        summary.add_column(col, justify="left" if col in ("figures", "kind") else "right")
    for use, found in summaries.items():
        for s in found:
            summary.add_row(use or "all", s.kind, str(s.count), f"{s.median_abs_error:.1%}",
                            f"{s.max_abs_error:.1%}", "met" if s.within_targets else "missed")
    console.print(summary)
    missing = [c.obs_id for c in checks if c.model is None]
    if missing:
        console.print(f"no route under their constraints: {for_terminal(', '.join(missing))}")


@app.command("calibrate")
@click.option("--write/--no-write", default=False,
              help="Write the fitted rates into the network's rates.csv (value, basis, "
              "fitted_to).")
@network_dir_option
def calibrate_cmd(write: bool, network_dir: Path | None) -> None:
    """Fit the network's rates to its published figures (bounded least squares on relative
    error, each rate kept near its sourced prior within its bounds); print the errors before
    and after, and the rates that moved most."""
    from corridor.network_data.errors import InputError, Problem
    from corridor.network_data.files import OPTIONAL_FILES, embedded_data_dir
    from corridor.routing.calibrate import calibrate
    from corridor.routing.figures import summarise

    with user_errors():
        net = load(network_dir, None, None)
        if not len(net.rates) or not len(net.observations):
            raise InputError(Problem(net.label, None, "rates",
                                     "calibration needs a rates table and an observations "
                                     "table in the network folder"))
        result = calibrate(net)
        path = (network_dir or embedded_data_dir()) / OPTIONAL_FILES["rates"]
        if write:
            write_atomic(path, rates_csv_text(net, result))
    for label, checks in (("before", result.before), ("after", result.after)):
        for use in ("fit", "holdout"):
            for s in summarise(checks, use=use):
                print(f"{label:6} {use:7} {s.kind:4}: {s.count:3} figures, median "
                      f"|error| {s.median_abs_error:6.1%}, largest {s.max_abs_error:6.1%}")
    moved = sorted(result.fitted_to, key=lambda k: k)
    print(f"{len(moved)} rate components fitted in {result.rounds} round(s)")
    if write:
        eprint(f"wrote {path}")


def prior_basis(provenance: tuple[str, ...]) -> str:
    """How a rate's prior was set: from a source, computed from sources, or estimated."""
    if any(p not in ("computed", "estimated") for p in provenance):
        return "sourced"
    return "computed" if "computed" in provenance else "estimated"


def rates_csv_text(net: object, result: object) -> str:
    """The network's rates table with the fitted values, basis and observations."""
    from corridor.network_data.io import to_csv_text
    from corridor.network_data.model import Network
    from corridor.network_data.schema import RATES
    from corridor.routing.calibrate import Calibration

    assert isinstance(net, Network) and isinstance(result, Calibration)
    rates = net.rates.copy()
    keys = list(zip(rates["rate_id"], rates["cargo_class"], rates["component"]))
    rates["value"] = [result.values.get(k, v) for k, v in zip(keys, rates["value"].tolist())]
    rates["fitted_to"] = [result.fitted_to.get(k, ()) for k in keys]
    rates["basis"] = ["fitted" if k in result.fitted_to else prior_basis(prov)
                      for k, prov in zip(keys, rates["provenance"].tolist())]
    return to_csv_text(rates, RATES)

"""`corridor scenarios`: the built-in what-if scenarios, listed or shown as TOML."""

from __future__ import annotations

import sys

import click

from corridor.cli.common import dump_json, user_errors, write_all_atomic
from corridor.cli.safe_text import for_terminal


@click.group("scenarios", invoke_without_command=True)
@click.option("--json", "as_json", is_flag=True,
              help="JSON on stdout: an array of {name, description, duration_days, changes}.")
@click.pass_context
def scenarios(ctx: click.Context, as_json: bool) -> None:
    """The built-in what-if scenarios: `corridor scenarios` lists them, `corridor scenarios
    show NAME` prints one as TOML (a starting point for your own: save it, edit it, give
    the file to --scenario)."""
    if ctx.invoked_subcommand is not None:
        return
    from corridor.network_data.scenario import library

    with user_errors():
        items = library()
        if as_json:
            write_all_atomic([(sys.stdout, dump_json(items))])
            return
        from rich.table import Table

        from corridor.cli.console import PipeConsole as Console

        table = Table(title="What-if scenarios (corridor scenarios show NAME)",
                      title_justify="left")
        for col in ("name", "lasts", "description"):
            table.add_column(col, overflow="fold", no_wrap=col == "name")
        for item in items:
            days = item["duration_days"]
            table.add_row(for_terminal(str(item["name"])),
                          "horizon" if days is None else f"{days:g} d",
                          for_terminal(str(item["description"])))
        Console().print(table)


@scenarios.command("show")
@click.argument("name")
def show(name: str) -> None:
    """Print built-in scenario NAME as its TOML file."""
    from corridor.network_data.scenario import library_text

    with user_errors():
        write_all_atomic([(sys.stdout, library_text(name, field="NAME"))])

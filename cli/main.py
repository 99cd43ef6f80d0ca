"""The `corridor` command: a thin front end over `routing` and `network_data`.

Heavy libraries are imported inside the commands that need them, so that `corridor --help`
and a route query do not pay for the whole stack.
"""

from __future__ import annotations

import typer

from cli import network_cmd, route_cmd

app = typer.Typer(
    name="corridor",
    help="Route and shipment planner for export corridors out of Central Asia.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(network_cmd.app, name="network")
app.command("route")(route_cmd.route)


def main() -> None:
    """Console-script entry point."""
    app()


if __name__ == "__main__":
    main()

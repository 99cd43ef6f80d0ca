"""The `corridor` command: a thin front end over `routing` and `network_data`.

Heavy libraries are imported inside the commands that need them, so that `corridor --help`
and a route query do not pay for the whole stack.
"""

from __future__ import annotations

import typer

from corridor.cli import network_cmd, plan_cmd, route_cmd

app = typer.Typer(
    name="corridor",
    help="Route and shipment planner for export corridors out of Central Asia.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(network_cmd.app, name="network")
app.command("route")(route_cmd.route)
app.command("plan")(plan_cmd.plan)


def main() -> None:
    """Console-script entry point.

    User mistakes are handled inside each command (one-line errors, exit 2/3). Anything else
    reaching here is a bug: say so in one line, exit 4, and show the traceback only when
    ``CORRIDOR_DEBUG`` is set.
    """
    import os
    import sys

    try:
        app()
    except SystemExit:
        raise
    except Exception as exc:
        if os.environ.get("CORRIDOR_DEBUG"):
            raise
        print(f"internal error (a bug in corridor, please report): {type(exc).__name__}: "
              f"{exc}; set CORRIDOR_DEBUG=1 for the traceback", file=sys.stderr)
        sys.exit(4)


if __name__ == "__main__":
    main()

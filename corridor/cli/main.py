"""The `corridor` command: a thin front end over `routing` and `network_data`.

Heavy libraries are imported inside the commands that need them, so that `corridor --help`
and a route query do not pay for the whole stack.
"""

from __future__ import annotations

import contextlib
import io
import os
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

import click

from corridor.cli.common import EXIT_INTERNAL, EXIT_OK, CommandGroup, eprint

#: The status of a run stopped with Ctrl-C (as a shell reports a process ended by SIGINT),
#: or with SIGTERM (:func:`terminate_as_interrupt`).
EXIT_INTERRUPTED = 130


# help as wide as the terminal up to 100 columns (click's default stops at 80)
@click.group("corridor", cls=CommandGroup, context_settings={"max_content_width": 100},
             lazy={"route": "corridor.cli.route_cmd:route",
                   "plan": "corridor.cli.plan_cmd:plan",
                   "whatif": "corridor.cli.whatif_cmd:whatif",
                   "sweep": "corridor.cli.sweep_cmd:sweep",
                   "frontier": "corridor.cli.frontier_cmd:frontier",
                   "invest": "corridor.cli.invest_cmd:invest",
                   "report": "corridor.cli.report_cmd:report",
                   "scenarios": "corridor.cli.scenarios_cmd:scenarios",
                   "network": "corridor.cli.network_cmd:app"})
def cli() -> None:
    """Route and shipment planner for export corridors out of Central Asia."""


@contextlib.contextmanager
def terminate_as_interrupt() -> Iterator[None]:
    """While the command runs, SIGTERM (``kill``, a job scheduler's stop) ends it as Ctrl-C
    does: a ``KeyboardInterrupt``, so a solve stops, nothing half-done is written, the
    outputs of earlier runs stay as they were, and the status is 130. (Its default would
    end the process on the spot, wherever it was.)

    Only where Python may set handlers (the main thread), and only over the default
    handler: a handler someone else installed is theirs.
    """
    if threading.current_thread() is not threading.main_thread() or \
            signal.getsignal(signal.SIGTERM) != signal.SIG_DFL:
        yield
        return

    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, signal.SIG_DFL)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the `corridor` command on ``argv`` (default: the process's arguments) and return
    its exit code; the console script exits with it. Nothing here ends the process, so
    tests can run the real command in theirs.

    User mistakes are handled inside each command (one-line errors, exit 2/3) and by click
    (usage errors, exit 2). Anything else reaching here is a bug: say so in one line, return
    4, and show the traceback only when ``CORRIDOR_DEBUG`` is set.
    """
    args = sys.argv[1:] if argv is None else list(argv)
    try:
        # not standalone: click returns the exit code instead of calling sys.exit
        with terminate_as_interrupt():
            code = cli.main(args=args, prog_name="corridor", standalone_mode=False)
    except click.ClickException as exc:  # a usage error: unknown option, missing argument
        # the message quotes what the user typed: no escape sequence reaches the terminal
        shown = io.StringIO()
        exc.show(file=shown)
        for line in shown.getvalue().splitlines():
            eprint(line)  # eprint shows control and bidi characters as escapes
        return exc.exit_code
    except click.exceptions.Abort as exc:
        if isinstance(exc.__cause__, KeyboardInterrupt):  # Ctrl-C: the shell's 128 + SIGINT
            return EXIT_INTERRUPTED
        eprint("Aborted!")
        return 1
    except SystemExit as exc:  # click's own exit on a closed pipe
        return exc.code if isinstance(exc.code, int) else EXIT_OK if exc.code is None else 1
    except Exception as exc:
        if os.environ.get("CORRIDOR_DEBUG"):
            raise
        eprint(f"internal error (a bug in corridor, please report): {type(exc).__name__}: "
               f"{exc}; set CORRIDOR_DEBUG=1 for the traceback")
        return EXIT_INTERNAL
    return code if isinstance(code, int) else EXIT_OK


if __name__ == "__main__":
    sys.exit(main())

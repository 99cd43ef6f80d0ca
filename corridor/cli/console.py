"""The terminal console of every command (rich), with corridor's handling of closed pipes."""

from __future__ import annotations

from rich.console import Console


class PipeConsole(Console):
    """A rich ``Console`` that leaves a closed pipe (``corridor ... | head``) to the command.

    rich's own handling exits with status 1; here the ``BrokenPipeError`` goes up to
    :func:`corridor.cli.common.user_errors`, which ends the command quietly with status 0
    (the reader had all it wanted).
    """

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

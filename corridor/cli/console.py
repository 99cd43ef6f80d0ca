"""The terminal console of every command (rich), with corridor's handling of closed pipes."""

from __future__ import annotations

from typing import Any

from rich.console import Console


class PipeConsole(Console):
    """A rich ``Console`` that leaves a closed pipe (``corridor ... | head``) to the command.

    rich's own handling exits with status 1; here the ``BrokenPipeError`` goes up to
    :func:`corridor.cli.common.user_errors`, which ends the command quietly with status 0
    (the reader had all it wanted).

    Emoji codes are off: rich would draw ``:skull:`` in a node name as an emoji, and
    :func:`corridor.cli.safe_text.for_terminal` (which every piece of user text goes
    through) escapes markup, not emoji codes; corridor's own text uses none.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("emoji", False)
        super().__init__(*args, **kwargs)

    def on_broken_pipe(self) -> None:
        self.quiet = True
        raise BrokenPipeError

"""Exceptions of the corridor data model.

Three families, kept apart so callers can react differently (style: networkx/r5py):

* :class:`InputError` (also a ``ValueError``): the user's input is wrong. It carries every
  problem found, each naming file, row and field.
* :class:`InfeasibleError`: the input is valid but asks for something impossible (no route
  left after the avoids, a restricted commodity with no legal path). Deliberately *not* a
  ``ValueError``: catching bad input must not also catch "there is no answer".
* :class:`SolverError` (also a ``RuntimeError``): our side failed (a solver status we did not
  expect, or a solution that failed the independent check).
"""

from __future__ import annotations

from dataclasses import dataclass

#: The source of problems found in the parameters of a call (``find_routes``, ``plan``):
#: their fields are the parameters' names (``avoid``, ``max_share``...); a front end maps
#: them to its own words (the command line to ``--avoid``, ``--max-share``...).
PARAMETERS = "parameters"


@dataclass(frozen=True)
class Problem:
    """One problem found in the input: where it is and what is wrong."""

    source: str  # file name or table name
    row: int | None  # 1-based line number in the file (header is line 1), None if not row-bound
    field: str | None  # column or option name
    message: str

    def __str__(self) -> str:
        where = self.source
        if self.row is not None:
            where += f" line {self.row}"
        if self.field:
            where += f", field {self.field}"
        return f"{where}: {self.message}"


class CorridorError(Exception):
    """Base of every error corridor raises on purpose."""


class InputError(CorridorError, ValueError):
    """The user's input is wrong; ``problems`` lists every problem found, in input order."""

    def __init__(self, problems: list[Problem] | Problem | str):
        if isinstance(problems, str):
            problems = [Problem("input", None, None, problems)]
        elif isinstance(problems, Problem):
            problems = [problems]
        self.problems: list[Problem] = list(problems)
        super().__init__(self._summary())

    def _summary(self) -> str:
        if not self.problems:
            return "invalid input"
        first = str(self.problems[0])
        more = len(self.problems) - 1
        return first if more == 0 else f"{first} (and {more} more problem{'s' if more > 1 else ''})"


class InfeasibleError(CorridorError):
    """Valid input that admits no solution (for example: every route is avoided)."""


class SolverError(CorridorError, RuntimeError):
    """A solver failed or returned a solution that did not pass verification."""

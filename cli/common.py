"""Shared pieces of the command line: error handling, exit codes, network loading, output.

Exit codes (documented in the README):

==  =====================================================================
0   success
1   ``network validate`` found problems in the network files
2   bad input: unknown place or commodity, malformed file, bad option value
3   no feasible answer: every route blocked, nothing could be planned
4   internal failure: a solver failed or a solution failed verification
==  =====================================================================
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

if TYPE_CHECKING:
    from network_data.model import Network

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_INTERNAL = 0, 1, 2, 3, 4

NetworkDirOpt = Annotated[Path | None, typer.Option(
    "--network", help="Folder with nodes.csv, legs.csv, sources.csv, commodities.csv "
    "(default: the embedded network).", show_default=False)]
NodesOpt = Annotated[Path | None, typer.Option(
    "--nodes", help="A nodes.csv to use instead of the embedded one.", show_default=False)]
LegsFileOpt = Annotated[Path | None, typer.Option(
    "--legs-file", help="A legs.csv to use instead of the embedded one.", show_default=False)]


def eprint(message: str) -> None:
    """Print one line to stderr."""
    print(message, file=sys.stderr)


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn corridor's exceptions into one-line messages and documented exit codes."""
    from network_data.errors import InfeasibleError, InputError, SolverError

    try:
        yield
        sys.stdout.flush()  # a closed pipe shows here, not after the command has returned
    except InputError as exc:
        for problem in exc.problems:
            eprint(f"error: {problem}")
        raise typer.Exit(EXIT_INPUT) from None
    except InfeasibleError as exc:
        eprint(f"no solution: {exc}")
        raise typer.Exit(EXIT_INFEASIBLE) from None
    except SolverError as exc:
        eprint(f"internal error: {exc}")
        raise typer.Exit(EXIT_INTERNAL) from None
    except BrokenPipeError:  # `corridor ... | head`: the reader has all it wanted
        # what is still buffered goes nowhere, so the exit's own flush cannot fail again
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(EXIT_OK) from None


def load(network_dir: Path | None, nodes: Path | None, legs_file: Path | None) -> Network:
    """Load the network a command works on (embedded unless files are given), then set the
    loaded modules and network aside from garbage collection (see :func:`freeze_loaded`)."""
    from network_data.load import load_network

    net = load_network(directory=network_dir, nodes=nodes, legs=legs_file)
    freeze_loaded()
    return net


def freeze_loaded() -> None:
    """Move every object alive now (imported modules, the loaded network) out of the cyclic
    collector's reach for the rest of the process (``gc.freeze``).

    They live as long as the command does, yet each full collection would walk them all:
    ~70,000 objects after the imports, ~40 ms per full collection on the 2-core benchmark
    machine, against ~0.5 s for a whole plan on a 3,000-node network. Garbage made later
    is still collected.
    """
    gc.freeze()


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a failure never leaves a half-written file."""
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        from network_data.errors import InputError, Problem

        raise InputError(Problem(str(path), None, None, "folder does not exist"))
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=folder)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            handle.write(text)
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


def dump_json(obj: Any) -> str:
    """Deterministic JSON text in corridor's layout (:func:`network_data.jsontext.dump_json`;
    imported on use, so that ``corridor --help`` does not load pandas)."""
    from network_data.jsontext import dump_json as dump

    return dump(obj)


def split_multi(values: list[str] | None) -> list[str]:
    """Options given repeated or comma-separated, flattened: ['CN,RU', 'IR'] -> [CN, RU, IR]."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def parse_key_numbers(values: list[str] | None, *, option: str, form: str,
                      convert: Callable[[str], float],
                      check: Callable[[float], str | None] = lambda _: None
                      ) -> dict[str, float]:
    """Parse repeated or comma-separated ``KEY=NUMBER`` options into a dict.

    ``convert`` turns the text after ``=`` into a number (``ValueError`` if it cannot);
    ``check`` returns a complaint for a value out of range. Every bad item becomes one
    :class:`~network_data.errors.Problem`, all raised together as ``InputError``.
    """
    from network_data.errors import InputError, Problem

    out: dict[str, float] = {}
    problems = []
    for item in split_multi(values):
        key, sep, raw = item.partition("=")
        try:
            if not sep or not key.strip():
                raise ValueError
            value = convert(raw.strip())
        except ValueError:
            problems.append(Problem("command line", None, option,
                                    f"'{item}' is not {form}"))
            continue
        complaint = check(value)
        if complaint:
            problems.append(Problem("command line", None, option, f"'{item}': {complaint}"))
            continue
        out[key.strip()] = value
    if problems:
        raise InputError(problems)
    return out

"""Shared pieces of the command line: error handling, exit codes, network loading, output.

Exit codes (documented in the README):

==  =====================================================================
0   success
1   ``network validate`` found problems in the network files; ``network check-figures``
    missed a target
2   bad input: unknown place or commodity, malformed file, bad option value
3   no feasible answer: every route blocked, nothing could be planned
4   internal failure: a solver failed or a solution failed verification
==  =====================================================================
"""

from __future__ import annotations

import collections
import contextlib
import gc
import io
import os
import stat
import sys
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

import click

# the file writers moved to the output code; the commands still import them from here
from corridor.reports.files import why_unwritable
from corridor.reports.files import write_all_atomic as write_all_atomic
from corridor.reports.files import write_atomic as write_atomic

if TYPE_CHECKING:
    from corridor.network_data.errors import Problem
    from corridor.network_data.model import Network
    from corridor.network_data.scenario import Scenario
    from corridor.routing.compile import CompiledNetwork
    from corridor.routing.costs import CostParams

EXIT_OK, EXIT_INVALID, EXIT_INPUT, EXIT_INFEASIBLE, EXIT_INTERNAL = 0, 1, 2, 3, 4

#: A click parameter type for file and folder options: the text as a ``pathlib.Path``, no
#: checks (each command checks its inputs and outputs itself, with corridor's messages).
PATH = click.Path(path_type=Path)

F = TypeVar("F", bound=Callable[..., Any])


def _apply(f: F, *decorators: Callable[[F], F]) -> F:
    """``f`` under ``decorators``, the first outermost (so it is listed first in ``--help``)."""
    for decorator in reversed(decorators):
        f = decorator(f)
    return f


network_dir_option = click.option(
    "--network", "network_dir", type=PATH, default=None,
    help="Folder with nodes.csv, legs.csv, sources.csv, commodities.csv (default: the "
    "embedded network).")
nodes_option = click.option(
    "--nodes", type=PATH, default=None,
    help="A nodes.csv to use instead of the embedded one.")
legs_file_option = click.option(
    "--legs-file", "legs_file", type=PATH, default=None,
    help="A legs.csv to use instead of the embedded one.")


class CommandGroup(click.Group):
    """A group of commands that, given none, prints its help on stdout and exits 2 (bad
    input: the command is missing), and imports a command's module only when it runs.

    click's own ``no_args_is_help`` exits 0 (click 8.1) or writes the help to stderr
    (8.2 on); this keeps the one behaviour whatever the installed click. ``lazy`` maps a
    command's name to ``"module:attribute"``: a route query does not import the plan and
    network commands (~20 ms).
    """

    def __init__(self, *args: Any, lazy: dict[str, str] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lazy = dict(lazy or {})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command named ``cmd_name``, imported on first use."""
        if cmd_name not in self.commands and cmd_name in self.lazy:
            import importlib

            module, _, attribute = self.lazy[cmd_name].partition(":")
            self.add_command(getattr(importlib.import_module(module), attribute), cmd_name)
        return super().get_command(ctx, cmd_name)

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        """Show the help and stop when there are no arguments; else parse as click does."""
        if not args and not ctx.resilient_parsing:
            click.echo(ctx.get_help(), color=ctx.color)
            ctx.exit(EXIT_INPUT)
        return super().parse_args(ctx, args)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """The commands in the order they were declared (route, plan, network), not
        sorted."""
        return list(dict.fromkeys([*self.lazy, *self.commands]))


def network_options(f: F) -> F:
    """``--network``, ``--nodes`` and ``--legs-file``: which network a command works on
    (parameters ``network_dir``, ``nodes``, ``legs_file``)."""
    return _apply(f, network_dir_option, nodes_option, legs_file_option)


def cost_options(f: F) -> F:
    """The cost options ``route`` and ``plan`` share: ``--risk-weight``,
    ``--carrying-rate``, ``--loss-share`` and the repeatable ``--penalty``."""
    return _apply(
        f,
        click.option("--risk-weight", type=float, default=1.0, show_default=True,
                     help="Weight on the risk cost: insurance premiums and the carrying cost "
                     "of expected closure delays (0 ignores risk)."),
        click.option("--carrying-rate", type=float, default=0.08, show_default=True,
                     help="Annual carrying rate for the time cost."),
        click.option("--loss-share", type=float, default=None,
                     help="Price risk as expected loss instead of insurance premiums: the "
                     "share of cargo value lost when a disruption hits (default: the "
                     "market's premiums per leg)."),
        click.option("--penalty", multiple=True, metavar="KEY=USD",
                     help="USD added per tonne on every leg KEY names (a country, passage, "
                     "corridor, capacity group or leg; a place's once per visit); "
                     "repeatable."),
    )


def service_option(what: str) -> Callable[[F], F]:
    """The ``--service regular|express`` option (parameter ``service``) of route and plan."""
    return click.option(
        "--service", type=click.Choice(["regular", "express"]), default="regular",
        show_default=True,
        help=f"Service level of {what}: express is a priority train or truck (border dwell and "
        "rail and road speeds by the network's fitted express factors; the same tariffs, as "
        "no published express premium was found).")


def scenario_option(help_text: str) -> Callable[[F], F]:
    """The repeatable ``--scenario NAME_OR_FILE`` option (parameter ``scenario``)."""
    return click.option("--scenario", "scenario", multiple=True, metavar="NAME_OR_FILE",
                        help=help_text)


def load_scenarios(net: Network, given: Iterable[str]) -> list[Scenario]:
    """The scenarios ``given`` names (a library name or a TOML file each; ``a+b`` is two),
    read and checked against ``net``; every problem of every one in one ``InputError``."""
    from corridor.network_data.errors import InputError
    from corridor.network_data.scenario import find_scenario

    out = []
    problems = []
    for text in split_scenarios(given):
        try:
            out.append(find_scenario(text, net.vocabulary, net.sources.index))
        except InputError as exc:
            problems += exc.problems
    if problems:
        raise InputError(problems)
    return out


def note_durations(scenarios: Sequence[Scenario], what: str) -> None:
    """Say on stderr, for each scenario that lasts part of a horizon, that ``what`` has it
    in force throughout (``corridor whatif`` weighs it by its duration)."""
    for s in scenarios:
        if s.duration_days is not None:
            eprint(f"note: scenario {s.name} lasts {s.duration_days:g} days; {what} have it "
                   "in force throughout (corridor whatif weighs it by its duration)")


def scenario_paths(given: Iterable[str]) -> list[Path]:
    """The files among the ``--scenario`` values (inputs an output must not replace)."""
    from corridor.network_data.scenario import scenario_file

    return [path for text in split_scenarios(given)
            if (path := scenario_file(text)) is not None]


def split_scenarios(given: Iterable[str]) -> list[str]:
    """``--scenario`` values as single scenarios: ``a+b`` is ``a`` then ``b`` (a file whose
    name has a ``+`` is taken whole)."""
    out: list[str] = []
    for text in given:
        text = text.strip()
        if "+" in text and not Path(text).is_file():
            out.extend(part.strip() for part in text.split("+") if part.strip())
        else:
            out.append(text)
    return out


def map_option(help_text: str) -> Callable[[F], F]:
    """``--map FILE.png|FILE.svg`` (parameter ``map_file``)."""
    return click.option("--map", "map_file", type=PATH, default=None,
                        metavar="FILE.png|FILE.svg", help=help_text)


def map_problems(map_file: Path | None) -> list[Problem]:
    """What is wrong with a ``--map`` file name (its ending), or that matplotlib is
    missing."""
    from corridor.network_data.errors import Problem

    if map_file is None:
        return []
    if map_file.suffix.lower() not in (".png", ".svg"):
        return [Problem("command line", None, "--map",
                        f"'{map_file}': give a file ending .png or .svg")]
    try:
        import matplotlib  # noqa: F401
    except ImportError:
        return [Problem("command line", None, "--map",
                        "needs matplotlib: pip install 'corridor[plot]'")]
    return []


def rule_options(f: F) -> F:
    """The planning rules of a command that plans a book several ways (``whatif``,
    ``sweep``, ``frontier``, ``invest``): ``--avoid``, ``--max-share``, ``--horizon-days``
    and ``--open-planned``, the same for the baseline and every other plan."""
    return _apply(
        f,
        click.option("--avoid", multiple=True,
                     help="What no shipment may use, in the baseline and every other plan "
                     "(country codes, passages, corridors, capacity groups, legs or places)."),
        click.option("--max-share", multiple=True, metavar="KEY=FRACTION",
                     help="At most this share of planned tonnage may use what KEY names, in "
                     "every plan (repeatable)."),
        click.option("--horizon-days", type=float, default=365.0, show_default=True,
                     help="Days the plans cover; capacities (per year) scaled by days/365, "
                     "a scenario's duration_days a part of them."),
        click.option("--open-planned/--no-open-planned", default=False,
                     help="Also use planned and under-construction legs, in every plan."),
    )


def comparison_options(f: F) -> F:
    """:func:`rule_options` and the unsplittable ones (``--unsplittable``,
    ``--time-limit``), for ``whatif`` and ``sweep``."""
    return _apply(
        f, rule_options,
        click.option("--unsplittable/--no-unsplittable", default=False,
                     help="Keep every shipment on one route in every plan."),
        click.option("--time-limit", type=float, default=60.0, show_default=True,
                     help="Time limit of each unsplittable solve, seconds."),
    )


def say_written(*paths: Path | None) -> None:
    """``wrote PATH`` on stderr for each output file given (None: not asked for)."""
    for path in paths:
        if path is not None:
            eprint(f"wrote {path}")


def eprint(message: str) -> None:
    """Print one line to stderr, control and bidi characters shown as escapes (a message
    quotes the user's text: see :func:`corridor.cli.safe_text.for_terminal`)."""
    from corridor.cli.safe_text import for_terminal

    print(for_terminal(message, markup=False), file=sys.stderr)


#: Past this many problems, a last line counts them by file and field (the list scrolls by).
PROBLEMS_SUMMARISED = 20


def problem_summary(problems: Sequence[Problem]) -> str:
    """One line counting ``problems`` by file and field, most frequent first."""
    counts = collections.Counter((p.source, p.field or "file") for p in problems)
    files = list(dict.fromkeys(source for source, _ in counts))
    parts = []
    for source in files:
        fields = sorted(((n, f) for (s, f), n in counts.items() if s == source),
                        key=lambda nf: -nf[0])
        parts.append(f"{source} ({', '.join(f'{f} {n:,}' for n, f in fields)})")
    return f"{len(problems):,} problems in {'; '.join(parts)}; each is listed above"


#: The command line's word for each parameter a problem from the library can name.
OPTION_OF = {"origin": "FROM", "destination": "TO", "commodity": "--commodity",
             "cargo_class": "--cargo-class", "tonnes": "--tonnes",
             "value_usd_per_t": "--value-usd-per-t", "alternatives": "--alternatives",
             "avoid": "--avoid", "penalty": "--penalty", "max_share": "--max-share",
             "horizon_days": "--horizon-days", "time_limit_s": "--time-limit",
             "risk_weight": "--risk-weight", "scenario": "--scenario",
             "scheduler": "--scheduler", "over": "--over",
             "carrying_rate": "--carrying-rate", "loss_share": "--loss-share"}


def as_command_line(problem: Problem) -> Problem:
    """A problem the library found in a call's parameters, named as the command line names
    them (source "command line", field the option); other problems unchanged."""
    from corridor.network_data.errors import PARAMETERS, Problem

    if problem.source != PARAMETERS:
        return problem
    field = OPTION_OF.get(problem.field or "", problem.field)
    return Problem("command line", problem.row, field, problem.message)


class StdoutError(OSError):
    """Standard output could not take what a command wrote (a full disk, ``> /dev/full``,
    an I/O error): not a closed pipe, which ends a command quietly."""


class _GuardedStdout:
    """``sys.stdout`` while a command runs (:func:`user_errors`): the same stream, whose
    write failures are told apart from every other ``OSError`` as :class:`StdoutError`
    (a print or a table, wherever it fails, becomes one line, exit 2)."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        """Write to the stream (``StdoutError`` if it fails)."""
        try:
            return int(self._stream.write(text))
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def flush(self) -> None:
        """Flush the stream (``StdoutError`` if it fails)."""
        try:
            self._stream.flush()
        except BrokenPipeError:
            raise
        except OSError as exc:
            raise StdoutError(exc.errno, exc.strerror) from None

    def __getattr__(self, name: str) -> Any:  # isatty, encoding, fileno... as the stream's
        return getattr(self._stream, name)


def _drop_stdout() -> None:
    """Point standard output at the null device: what is still buffered for a stream that
    failed goes nowhere, so the exit's own flush cannot fail again (Python would print
    "Exception ignored" and exit 120)."""
    with contextlib.suppress(OSError, ValueError, AttributeError, io.UnsupportedOperation):
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())


@contextlib.contextmanager
def user_errors() -> Iterator[None]:
    """Turn corridor's exceptions into one-line messages and documented exit codes."""
    from corridor.network_data.errors import InfeasibleError, InputError, SolverError

    stdout = sys.stdout
    sys.stdout = _GuardedStdout(stdout)  # type: ignore[assignment]
    try:
        yield
        sys.stdout.flush()  # a closed pipe shows here, not after the command has returned
    except InputError as exc:
        problems = [as_command_line(p) for p in exc.problems]
        for problem in problems:
            eprint(f"error: {problem}")
        if len(problems) > PROBLEMS_SUMMARISED:
            eprint(problem_summary(problems))
        if any(p.source == "standard output" for p in problems):
            _drop_stdout()
        raise click.exceptions.Exit(EXIT_INPUT) from None
    except StdoutError as exc:
        eprint(f"error: standard output: cannot write: {exc.strerror or exc}")
        _drop_stdout()
        raise click.exceptions.Exit(EXIT_INPUT) from None
    except InfeasibleError as exc:
        eprint(f"no solution: {exc}")
        raise click.exceptions.Exit(EXIT_INFEASIBLE) from None
    except SolverError as exc:
        eprint(f"internal error: {exc}")
        raise click.exceptions.Exit(EXIT_INTERNAL) from None
    except BrokenPipeError:  # `corridor ... | head`: the reader has all it wanted
        _drop_stdout()
        raise click.exceptions.Exit(EXIT_OK) from None
    finally:
        sys.stdout = stdout


@contextlib.contextmanager
def tables_first() -> Iterator[Callable[[Callable[[], None]], None]]:
    """For a command that prints tables for a person and writes files: yields ``show``,
    which prints them (``show(lambda: render(result))``), to be called before the files
    are written in the block.

    Tables first, so that a standard output that fails (a full disk) stops the command
    before any file is replaced, as under ``--json``. A closed pipe (``| head``) while they
    print is no reason to leave the files unwritten: its ``BrokenPipeError`` is raised once
    the block is over (and :func:`user_errors` ends the command quietly).
    """
    broken: list[BrokenPipeError] = []

    def show(render: Callable[[], None]) -> None:
        try:
            render()
        except BrokenPipeError as exc:
            broken.append(exc)

    yield show
    if broken:
        raise broken[0]


def show_then_write(files: Sequence[tuple[Any, Any]], render: Callable[[], None] | None
                    ) -> None:
    """Print a command's tables (``render``; None under ``--json``, whose text is one of
    ``files``), then write ``files`` all or none (:func:`tables_first`,
    :func:`~corridor.reports.files.write_all_atomic`)."""
    with tables_first() as show:
        if render is not None:
            show(render)
        write_all_atomic(list(files))


def load(network_dir: Path | None, nodes: Path | None, legs_file: Path | None) -> Network:
    """Load the network a command works on (embedded unless files are given), then set the
    loaded modules and network aside from garbage collection (see :func:`freeze_loaded`)."""
    from corridor.network_data.load import load_network

    net = load_network(directory=network_dir, nodes=nodes, legs=legs_file)
    freeze_loaded()
    return net


def load_compiled_network(network_dir: Path | None, nodes: Path | None,
                          legs_file: Path | None) -> CompiledNetwork:
    """The compiled network a route query works on, from the cache when it holds it (no
    pandas then); see :func:`corridor.routing.compiled_store.load_compiled`."""
    from corridor.routing.compiled_store import load_compiled

    compiled = load_compiled(directory=network_dir, nodes=nodes, legs=legs_file)
    freeze_loaded()
    return compiled


def network_files(network_dir: Path | None, nodes: Path | None,
                  legs_file: Path | None) -> list[Path]:
    """The table files :func:`load` reads (for :func:`check_outputs`)."""
    from corridor.network_data.files import table_paths

    return table_paths(nodes=nodes, legs=legs_file, directory=network_dir)


def freeze_loaded() -> None:
    """Move every object alive now (imported modules, the loaded network) out of the cyclic
    collector's reach for the rest of the process (``gc.freeze``).

    They live as long as the command does, yet each full collection would walk them all:
    ~70,000 objects after the imports, ~40 ms per full collection on the 2-core benchmark
    machine, against ~0.5 s for a whole plan on a 3,000-node network. Garbage made later
    is still collected.
    """
    gc.freeze()


def check_outputs(outputs: dict[str, Path | None], inputs: Iterable[Path] = (), *,
                  reads_stdin: bool = False) -> None:
    """Refuse, before any work, output files that cannot be written or would destroy
    something: each must be in an existing folder and not be a folder, no two options may
    name the same file, and none may be an input of the run (the shipments book, a
    network table, and with ``reads_stdin`` the file standard input comes from, however
    the output names it: ``book.csv``, ``/dev/stdin``, a link). Raises
    :class:`~corridor.network_data.errors.InputError` with every such problem, naming the
    file and the option."""
    from corridor.network_data.errors import InputError, Problem

    problems = []
    given = [(option, Path(path)) for option, path in outputs.items() if path is not None]
    inputs = [Path(p) for p in inputs]
    stdin_file = stdin_identity() if reads_stdin else None
    for i, (option, path) in enumerate(given):
        message = why_unwritable(path)
        if message is None and any(_same_file(path, source) for source in inputs):
            message = "is an input of this run; writing the output there would destroy it"
        if message is None and stdin_file is not None and file_identity(path) == stdin_file:
            message = ("is the shipment book read from standard input; writing the output "
                       "there would destroy it")
        earlier = [o for o, p in given[:i] if _same_file(path, p)]
        if message is None and earlier:
            message = f"is also the file of {earlier[0]}; each output needs its own file"
        if message is not None:
            problems.append(Problem(str(path), None, option, message))
    if problems:
        raise InputError(problems)


def stdin_identity() -> tuple[int, int] | None:
    """(device, inode) of the regular file standard input reads (``corridor plan - <
    book.csv``), or None when it reads something else (a pipe, a terminal) or nothing the
    operating system knows (a test's stream). A pipe or terminal holds no file an output
    could replace."""
    try:
        info = os.fstat(sys.stdin.fileno())
    except (AttributeError, OSError, ValueError):  # no stdin, closed, or not a real file
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def file_identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of the existing file ``path`` names, links followed (``/dev/stdin``
    → ``/proc/self/fd/0`` → the file), or None if there is none."""
    try:
        info = os.stat(path)
    except (OSError, ValueError):  # a new file; a name the system cannot hold
        return None
    return info.st_dev, info.st_ino


def _same_file(a: Path, b: Path) -> bool:
    """Do ``a`` and ``b`` name one file (links and relative paths resolved)?"""
    try:
        return os.path.samefile(a, b)
    except OSError:  # one of them does not exist (yet)
        return os.path.realpath(a) == os.path.realpath(b)


def dump_json(obj: Any) -> str:
    """Deterministic JSON text in corridor's layout
    (:func:`corridor.network_data.jsontext.dump_json`; imported on use, so that
    ``corridor --help`` does not load pandas)."""
    from corridor.network_data.jsontext import dump_json as dump

    return dump(obj)


def split_multi(values: Iterable[str] | None) -> list[str]:
    """Options given repeated or comma-separated, flattened: ['CN,RU', 'IR'] -> [CN, RU, IR]."""
    out: list[str] = []
    for value in values or []:
        out.extend(part.strip() for part in value.split(",") if part.strip())
    return out


def cost_params(risk_weight: float, carrying_rate: float, loss_share: float | None,
                penalty: Iterable[str] | None, avoid: Iterable[str] | None,
                open_planned: bool) -> CostParams:
    """The cost parameters the options of ``route`` and ``plan`` give (selectors still as
    text: the library resolves them and reports what names nothing)."""
    from corridor.routing.costs import CostParams

    statuses = {"operational", "planned", "under_construction"} if open_planned \
        else {"operational"}
    return CostParams(risk_weight=risk_weight, carrying_rate=carrying_rate,
                      loss_share=loss_share, penalties=parse_penalties(penalty),
                      avoid=frozenset(split_multi(avoid)), open_statuses=frozenset(statuses))


def parse_penalties(values: Iterable[str] | None) -> dict[str, float]:
    """``['CN=40', 'suez=25']`` -> ``{'CN': 40.0, 'suez': 25.0}`` (``InputError`` if
    malformed); what the keys name, and the range, are checked by the library."""
    return parse_key_numbers(values, option="--penalty",
                             form="KEY=USD (e.g. CN=40 or suez=25)", convert=float)


def parse_key_numbers(values: Iterable[str] | None, *, option: str, form: str,
                      convert: Callable[[str], float],
                      check: Callable[[float], str | None] = lambda _: None
                      ) -> dict[str, float]:
    """Parse repeated or comma-separated ``KEY=NUMBER`` options into a dict.

    ``convert`` turns the text after ``=`` into a number (``ValueError`` if it cannot);
    ``check`` returns a complaint for a value out of range. A key given again with another
    value is a contradiction, not an update (the same value again is harmless). Every bad
    item becomes one :class:`~corridor.network_data.errors.Problem`, all raised together as
    ``InputError``.
    """
    from corridor.network_data.errors import InputError, Problem

    out: dict[str, float] = {}
    first: dict[str, str] = {}  # key -> the item that gave it
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
        key = key.strip()
        if key in out and out[key] != value:
            problems.append(Problem("command line", None, option,
                                    f"'{item}' contradicts '{first[key]}': give {key} once"))
            continue
        out[key] = value
        first.setdefault(key, item)
    if problems:
        raise InputError(problems)
    return out


def report_option(f: F) -> F:
    """``--report FILE.html`` (parameter ``report_file``): the run as one self-contained
    HTML file."""
    return click.option("--report", "report_file", type=PATH, default=None,
                        metavar="FILE.html",
                        help="Also write the run as one self-contained HTML report (map, "
                        "tables, parameters, sources), readable offline and by anyone.")(f)


def report_problems(report_file: Path | None, option: str = "--report") -> list[Problem]:
    """What is wrong with a report's file name (it must end .html or .htm)."""
    from corridor.network_data.errors import Problem

    if report_file is None or report_file.suffix.lower() in (".html", ".htm"):
        return []
    return [Problem("command line", None, option,
                    f"'{report_file}': give a file ending .html")]


def report_text(kind: str, doc: dict[str, Any], network: Network | None, source: str, *,
                quiet: bool, title: str | None = None) -> str:
    """The HTML report of a run's document (``kind``: plan, whatif, frontier or
    risk-frontier), drawn on ``network`` (None: the run's own, loaded again), with its
    stages on a spinner unless ``quiet``, headed ``title`` if given."""
    from corridor.cli.plan_cmd import with_spinner
    from corridor.reports.html_report import report_html
    from corridor.reports.report_input import run_network

    def make(progress: Callable[[str], None] | None) -> str:
        if progress:
            progress("loading the network")
        net, caveats = run_network(doc.get("made_with") or {}, source, network)
        return report_html(kind, doc, net, source=source, caveats=caveats, progress=progress,
                           title=title)

    return with_spinner(make, quiet=quiet)

"""Planning again from a plan's JSON (``corridor plan --rerun PLAN.json``).

A plan's JSON records what it was made with (:mod:`corridor.reports.made_with`). Read back
as a :class:`Recipe`, it gives the same network, book and options, provided the files are
still the ones the plan was made from: their sha256 must match the recorded ones, or the
re-run is refused (a changed book or network would make a different plan under the old
plan's name)::

    from corridor.reports import replan
    again = replan("plan.json")        # a Plan, as corridor.plan made the first

The result is the same plan, and its JSON the same bytes, on the same corridor version
(an unsplittable solve that stopped at its time limit may stop elsewhere the second time).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from corridor.network_data.errors import InputError, Problem

if TYPE_CHECKING:
    from corridor.network_data.model import Network
    from corridor.network_data.scenario import Scenario
    from corridor.network_data.shipments import ShipmentBook
    from corridor.routing.costs import CostParams
    from corridor.routing.plan import Plan, PlanOptions

#: load_network's arguments that name network files, as ``made_with.network.files`` has them.
NETWORK_ARGUMENTS = ("directory", "nodes", "legs", "sources", "commodities")


@dataclass(frozen=True)
class Recipe:
    """What a plan was made with, read back from the ``made_with`` of its JSON."""

    source: str  # the plan's JSON file
    version: str  # of corridor
    network_label: str
    network_files: dict[str, str]  # load_network arguments: {} is the embedded network
    network_sha256: str
    book_path: str  # "-": standard input
    book_sha256: str
    params: CostParams
    max_share: dict[str, float]
    horizon_days: float
    options: PlanOptions
    scenarios: tuple[tuple[str, str, str], ...] = ()  # (name, origin, sha256), in order
    service: str = "regular"

    def network_paths(self) -> list[Path]:
        """The network's table files as loading it reads them now (the fingerprint's)."""
        from corridor.network_data.files import network_paths

        return network_paths(**{name: Path(path) for name, path in self.network_files.items()})

    def input_paths(self) -> list[Path]:
        """Every file a re-run reads: the book (unless standard input), the network and
        the scenario files."""
        return [*([] if self.book_path == "-" else [Path(self.book_path)]),
                *self.network_paths(),
                *(Path(origin) for _, origin, _ in self.scenarios if origin != "library")]

    def plan_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`corridor.routing.plan.plan` besides the network
        and the book."""
        o = self.options
        return {"params": self.params, "max_share": dict(self.max_share),
                "horizon_days": self.horizon_days, "service": self.service,
                "unsplittable": o.unsplittable,
                "time_limit_s": o.time_limit_s, "lp_solver": o.lp_solver,
                "mip_solver": o.mip_solver}


def read_recipe(path: Path | str) -> Recipe:
    """The :class:`Recipe` of a plan's JSON file (``corridor plan --json`` output).

    Raises
    ------
    InputError
        The file cannot be read or is not JSON, has no ``made_with`` (not a plan's JSON, or
        one from before plans recorded it), or a field is missing or of the wrong kind
        (named as ``made_with.cost.risk_weight``); or the plan's book or network was made in
        memory, so it cannot be read again.
    """
    from corridor.network_data.reading import PLAN_JSON, read_input
    from corridor.routing.costs import CostParams
    from corridor.routing.plan import PlanOptions

    label = str(path)
    data = read_input(path, PLAN_JSON)
    try:
        doc = json.loads(data)
    except ValueError:  # not UTF-8, or not JSON
        raise InputError(Problem(label, None, None, "is not JSON; give the JSON of a plan "
                                 "(corridor plan --json > PLAN.json)")) from None
    made = doc.get("made_with") if isinstance(doc, dict) else None
    if not isinstance(made, dict):
        raise InputError(Problem(label, None, "made_with", "missing: not the JSON of a plan "
                                 "(corridor plan --json), or one made before plans recorded "
                                 "what they were made with"))
    if "baseline" in doc and "summary" not in doc:
        raise InputError(Problem(label, None, None, "the JSON of a what-if (corridor whatif "
                                 "--json), not of a plan: run the what-if again instead"))
    if "points" in doc and "summary" not in doc:
        raise InputError(Problem(label, None, None, "the JSON of a frontier (corridor "
                                 "frontier --json), not of a plan: draw the frontier again "
                                 "instead"))
    fields = _Fields(label, made)
    get = fields.get
    if "book" not in made:
        raise fields.bad("book", "missing: --rerun takes the JSON of a plan (corridor plan "
                         "--json), not of a route")
    files = get("network.files", dict, nullable=True)
    network_sha256 = get("network.sha256", str, nullable=True)
    if files is None or network_sha256 is None:
        raise InputError(Problem(label, None, "made_with.network", "the plan's network was "
                                 "not loaded from files as it was (built or changed in "
                                 "Python), so it cannot be loaded again"))
    book_path = get("book.path", str, nullable=True)
    book_sha256 = get("book.sha256", str, nullable=True)
    if book_path is None or book_sha256 is None:
        raise InputError(Problem(label, None, "made_with.book", "the plan's book was not read "
                                 "from a file (made in Python), so it cannot be read again"))
    for name in files:
        if name not in NETWORK_ARGUMENTS or not isinstance(files[name], str):
            raise InputError(Problem(label, None, f"made_with.network.files.{name}",
                                     "not a network file argument "
                                     f"({', '.join(NETWORK_ARGUMENTS)}) with a path"))
    number = (int, float)
    values: dict[str, Any] = {
        "risk_weight": float(get("cost.risk_weight", number)),
        "carrying_rate": float(get("cost.carrying_rate", number)),
        "loss_share": _float_or_none(get("cost.loss_share", number, nullable=True)),
        "penalties": fields.numbers("cost.penalties_usd_per_t"),
        "avoid": frozenset(fields.strings("avoid")),
        "open_statuses": frozenset(fields.strings("open_statuses"))}
    scenarios = []
    for i, item in enumerate(get("scenarios", list) if "scenarios" in made else []):
        where = f"scenarios.{i}"
        if not isinstance(item, dict) or not all(isinstance(item.get(k), str) for k in
                                                  ("name", "origin", "sha256")):
            raise fields.bad(where, "not a scenario record (name, origin, sha256)")
        scenarios.append((item["name"], item["origin"], item["sha256"]))
    try:
        params = CostParams(**values)
    except ValueError as exc:  # a negative rate or weight
        raise fields.bad("cost", str(exc)) from None
    return Recipe(
        source=label, version=str(get("corridor", str)),
        network_label=str(get("network.label", str)), network_files=dict(files),
        network_sha256=network_sha256, book_path=book_path, book_sha256=book_sha256,
        params=params, max_share=fields.numbers("max_share"),
        horizon_days=float(get("horizon_days", number)),
        service=_service(fields, made),
        options=PlanOptions(unsplittable=bool(get("unsplittable", bool)),
                            time_limit_s=float(get("time_limit_s", number)),
                            lp_solver=str(get("solvers.lp", str)),
                            mip_solver=str(get("solvers.mip", str))),
        scenarios=tuple(scenarios))


def recipe_scenarios(recipe: Recipe, net: Network) -> tuple[Scenario, ...]:
    """The scenarios a recipe records, read again (a library name, or its file) and
    checked against ``net``; ``InputError`` if one's text has changed since."""
    from corridor.network_data.scenario import find_scenario

    out = []
    problems = []
    for i, (name, origin, sha256) in enumerate(recipe.scenarios):
        scenario = find_scenario(name if origin == "library" else origin, net.vocabulary,
                                 net.sources.index)
        if scenario.sha256 != sha256:
            problems.append(Problem(recipe.source, None, f"made_with.scenarios.{i}.sha256",
                                    f"scenario {name} ({origin}) has changed since the plan "
                                    f"was made (sha256 {sha256[:12]}… then, "
                                    f"{scenario.sha256[:12]}… now); plan it anew instead"))
        out.append(scenario)
    if problems:
        raise InputError(problems)
    return tuple(out)


def recipe_inputs(recipe: Recipe, *, stdin: BinaryIO | None = None
                  ) -> tuple[Network, ShipmentBook]:
    """The network and book a recipe names, once their bytes are checked against its
    fingerprints (a book on standard input is read from ``stdin``, by default this
    process's).

    Raises
    ------
    InputError
        A file cannot be read, or the book or the network has changed since the plan was
        made (one problem each, naming the recorded field), or is no longer valid.
    """
    from corridor.network_data.files import read_network
    from corridor.network_data.fingerprint import bytes_sha256, named_sha256
    from corridor.network_data.load import network_from
    from corridor.network_data.shipments import shipments_from_bytes

    data = _book_bytes(recipe.book_path, stdin)
    problems = []
    if bytes_sha256(data) != recipe.book_sha256:
        what = "the book on standard input" if recipe.book_path == "-" else recipe.book_path
        problems.append(_changed(recipe, "book", what, bytes_sha256(data)))
    # read once: the bytes compared with the fingerprint are the bytes loaded
    read = read_network(**{name: Path(path) for name, path in recipe.network_files.items()})
    now = named_sha256(read.named)
    if read.complete and now != recipe.network_sha256:
        problems.append(_changed(recipe, "network", f"the network ({recipe.network_label})",
                                 now))
    if problems:
        raise InputError(problems)
    net = network_from(read)  # a file that could not be read: InputError saying why
    book = shipments_from_bytes(data, net, path=recipe.book_path,
                                source="stdin" if recipe.book_path == "-" else recipe.book_path)
    return net, book


def replan(path: Path | str, *, progress: Callable[[str], None] | None = None) -> Plan:
    """Plan again as the plan whose JSON is at ``path`` was made: the same network, book and
    options (:func:`read_recipe`, :func:`recipe_inputs`; ``InputError`` if the files have
    changed since)."""
    from corridor.routing.plan import plan

    recipe = read_recipe(path)
    net, book = recipe_inputs(recipe)
    return plan(net, book, progress=progress, scenarios=recipe_scenarios(recipe, net),
                **recipe.plan_kwargs())


def _changed(recipe: Recipe, field: str, what: str, now: str) -> Problem:
    """The problem of an input whose fingerprint no longer matches."""
    then = recipe.book_sha256 if field == "book" else recipe.network_sha256
    return Problem(recipe.source, None, f"made_with.{field}.sha256",
                   f"{what} has changed since the plan was made (sha256 {then[:12]}… then, "
                   f"{now[:12]}… now); plan it anew instead of re-running")


def _book_bytes(path: str, stdin: BinaryIO | None) -> bytes:
    """The book's bytes: its file's, or standard input's for ``-`` (read as a book is read:
    :mod:`corridor.network_data.reading`)."""
    from corridor.network_data.reading import BOOK, read_input, read_stream

    if path == "-":
        return read_stream(stdin or sys.stdin.buffer, BOOK, "stdin")
    return read_input(path, BOOK)


class _Fields:
    """Reads ``made_with`` fields by dotted name (``cost.risk_weight``), checking each
    one's kind; a missing or wrong one is an ``InputError`` naming it and the file."""

    def __init__(self, label: str, made: dict[str, Any]):
        self.label = label
        self.made = made

    def bad(self, dotted: str, message: str) -> InputError:
        return InputError(Problem(self.label, None, f"made_with.{dotted}", message))

    def get(self, dotted: str, kind: type | tuple[type, ...], nullable: bool = False) -> Any:
        value: Any = self.made
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                raise self.bad(dotted, "missing")
            value = value[part]
        if value is None and nullable:
            return None
        # bool is an int to Python, but not a number here (nor a number a bool)
        if not isinstance(value, kind) or (isinstance(value, bool) and kind is not bool):
            raise self.bad(dotted, f"{json.dumps(value)[:40]} is not what a plan records")
        return value

    def numbers(self, dotted: str) -> dict[str, float]:
        """A ``{KEY: number}`` field."""
        mapping = self.get(dotted, dict)
        for key, value in mapping.items():
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise self.bad(dotted, f"{key}: {json.dumps(value)[:40]} is not a number")
        return {str(k): float(v) for k, v in mapping.items()}

    def strings(self, dotted: str) -> list[str]:
        """A list-of-text field."""
        items = self.get(dotted, list)
        if not all(isinstance(item, str) for item in items):
            raise self.bad(dotted, "not a list of text")
        return items  # type: ignore[no-any-return]


def _service(fields: _Fields, made: dict[str, Any]) -> str:
    """The plan's service level ('regular' for a plan made before plans recorded one)."""
    from corridor.network_data.schema import SERVICES

    service = str(fields.get("service", str)) if "service" in made else "regular"
    if service not in SERVICES:
        raise fields.bad("service", f"'{service}' is not one of {', '.join(SERVICES)}")
    return service


def _float_or_none(value: float | None) -> float | None:
    return None if value is None else float(value)

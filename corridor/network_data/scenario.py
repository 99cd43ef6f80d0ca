"""What-if scenarios as data: a TOML file of changes to the network.

A scenario names what happens (``close`` a border, ``scale`` a ferry fleet's capacity,
``add_days`` of weather waits, ``open`` planned track...), for how long (``duration_days``
within the plan horizon) and the facts and sources behind it. It is read and checked here
against a network (every problem of a file reported at once, each with its line and field);
:func:`corridor.routing.scenarios.apply_scenarios` applies it to a network, making a new one.

A file looks like this (docs/scenarios.md has the whole format)::

    name = "caspian-storm-month"
    description = "A month of Caspian storms: the ferry fleet at half capacity, weather waits"
    duration_days = 30
    facts = "..."
    sources = ["C1"]

    [[change]]
    scale = ["group:caspian_rail_ferry_fleet"]
    capacity = 0.5

The built-in library lives in ``corridor/network_data/scenarios/`` (one file per scenario,
named as the scenario); :func:`library` lists it and :func:`find_scenario` reads a library
name or a file.
"""

from __future__ import annotations

import difflib
import hashlib
import math
import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.reading import SCENARIO, read_input
from corridor.network_data.schema import RANGES, Range
from corridor.network_data.vocabulary import Selector, Vocabulary

#: What a change can do, as the key that holds its selectors, and its other keys.
ACTIONS: dict[str, tuple[str, ...]] = {
    "close": (),
    "open": (),
    "scale": ("capacity", "tariff", "days", "disruption", "risk_premium"),
    "set_capacity": ("capacity_tpy",),
    "add_days": ("days",),
}
#: Keys every change may carry besides its action's.
CHANGE_NOTE = "note"
TOP_KEYS = ("name", "description", "duration_days", "cost_usd", "facts", "sources", "source",
            "change")
SOURCE_KEYS = ("id", "title", "publisher", "year", "url")
#: Factors a ``scale`` change may apply (beyond this, a figure is no longer the same leg's).
FACTOR = Range(0.0, 1000.0, "×", low_open=True)
#: What a project may cost (a whole corridor's programme is tens of billions of USD).
PROJECT_COST = Range(0.0, 1e12, "USD", low_open=True)
NAME_PATTERN = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")

LIBRARY_PACKAGE = "corridor.network_data.scenarios"


@dataclass(frozen=True)
class Change:
    """One change of a scenario: an action on what its selectors name.

    ``figures`` holds the action's numbers (``scale``: factors by figure; ``set_capacity``:
    ``capacity_tpy``; ``add_days``: ``days``) as sorted pairs; ``line`` is where the
    change starts in its file (0 for one made in memory)."""

    action: str
    selectors: tuple[Selector, ...]
    figures: tuple[tuple[str, float], ...] = ()
    note: str = ""
    line: int = 0

    def figure(self, name: str, default: float | None = None) -> float | None:
        """The number ``name`` of this change (``default`` if not given)."""
        return dict(self.figures).get(name, default)

    def describe(self) -> str:
        """One line: the action, what it names and its numbers."""
        what = ", ".join(str(s) for s in self.selectors)
        numbers = ", ".join(f"{k} {'×' if self.action == 'scale' else ''}{v:g}"
                            for k, v in self.figures)
        return f"{self.action} {what}" + (f" ({numbers})" if numbers else "")


@dataclass(frozen=True)
class ScenarioSource:
    """A source a scenario cites that the network's sources table does not hold."""

    id: str
    title: str
    publisher: str
    year: str
    url: str


@dataclass(frozen=True)
class Scenario:
    """A validated what-if scenario (immutable; see the module doc for the file format).

    ``origin`` says where it came from (``library`` or a file path), ``text`` is its TOML as
    read and ``sha256`` that text's fingerprint (what a plan records to be re-run).
    ``duration_days`` is ``None`` for a scenario lasting the whole plan horizon."""

    name: str
    description: str
    changes: tuple[Change, ...]
    duration_days: float | None = None
    #: what the scenario costs to bring about, USD, for one that is a project (an
    #: investment ``corridor invest`` weighs); None for other scenarios
    cost_usd: float | None = None
    facts: str = ""
    sources: tuple[str, ...] = ()
    own_sources: tuple[ScenarioSource, ...] = ()
    origin: str = "memory"
    text: str = ""

    @property
    def sha256(self) -> str:
        """sha256 of the scenario's text."""
        return hashlib.sha256(self.text.encode()).hexdigest()

    def to_json(self) -> dict[str, object]:
        """The scenario as JSON-able data (what a whatif or a plan reports of it)."""
        return {"name": self.name, "description": self.description,
                "duration_days": self.duration_days, "cost_usd": self.cost_usd,
                "origin": self.origin,
                "sha256": self.sha256,
                "changes": [{"action": c.action, "select": [str(s) for s in c.selectors],
                             **dict(c.figures), **({"note": c.note} if c.note else {})}
                            for c in self.changes],
                "sources": list(self.sources)}


def scenario_label(scenarios: Sequence[Scenario]) -> str:
    """The name of scenarios applied together, in order: ``a + b``."""
    return " + ".join(s.name for s in scenarios)


# --------------------------------------------------------------------------------- library

def library_names() -> list[str]:
    """Names of the built-in scenarios, sorted."""
    folder = resources.files(LIBRARY_PACKAGE)
    return sorted(p.name[:-5] for p in folder.iterdir() if p.name.endswith(".toml"))


def library_text(name: str, *, field: str = "scenario") -> str:
    """The TOML text of built-in scenario ``name`` (``InputError`` with did-you-mean, its
    field ``field``, if there is none of that name)."""
    if name not in library_names():
        raise InputError(_unknown_name(name, field, files=False))
    return resources.files(LIBRARY_PACKAGE).joinpath(f"{name}.toml").read_text("utf-8")


def _unknown_name(name: str, field: str, *, files: bool = True) -> Problem:
    names = library_names()
    near = difflib.get_close_matches(name, names, n=1, cutoff=0.6)
    hint = f" (did you mean {near[0]}?)" if near else ""
    return Problem(PARAMETERS, None, field,
                   f"no scenario '{name}' in the library"
                   f"{' and no file of that name' if files else ''}{hint}; "
                   f"`corridor scenarios` lists them: {', '.join(names)}")


def library() -> list[dict[str, object]]:
    """Every built-in scenario's name, description and duration (read without a network:
    for listing; :func:`find_scenario` checks one against a network)."""
    out = []
    for name in library_names():
        data = tomllib.loads(library_text(name))
        out.append({"name": name, "description": str(data.get("description", "")),
                    "duration_days": data.get("duration_days"),
                    "cost_usd": data.get("cost_usd"),
                    "changes": len(data.get("change", []))})
    return out


def scenario_file(text: str) -> Path | None:
    """The file ``text`` names as a scenario (a path ending ``.toml`` or with a folder in
    it, or an existing file that is not a library name), or None for a library name."""
    if text.endswith(".toml") or "/" in text or "\\" in text or (
            Path(text).is_file() and text not in library_names()):
        return Path(text)
    return None


def find_scenario(text: str, vocabulary: Vocabulary, source_ids: Iterable[str] = (),
                  *, field: str = "scenario") -> Scenario:
    """The scenario ``text`` names: a file (a path that exists, or one ending ``.toml``) or
    a built-in scenario's name; read and checked against the network's ``vocabulary`` and
    ``source_ids``. ``InputError`` listing every problem."""
    path = scenario_file(text)
    if path is not None:
        data = read_input(path, SCENARIO)
        try:
            body = data.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError(Problem(str(path), None, None,
                                     f"not UTF-8 text (byte {exc.start})")) from None
        return parse_scenario(body, vocabulary, source_ids, origin=str(path))
    if text not in library_names():
        raise InputError(_unknown_name(text, field))
    return parse_scenario(library_text(text), vocabulary, source_ids, origin="library",
                          expect_name=text)


# ----------------------------------------------------------------------------- validation

def _key_lines(text: str) -> dict[tuple[str, int], dict[str, int]]:
    """Where each key is, by table: ``{(table, n): {key: line}}`` with ``("", 0)`` the top
    level and ``("change", 2)`` the third ``[[change]]``; the table's own header line under
    the key ``""``. A plain scan (keys one per line, as every scenario file has them),
    skipping multi-line strings."""
    out: dict[tuple[str, int], dict[str, int]] = {("", 0): {}}
    counts: dict[str, int] = {}
    table = ("", 0)
    quote: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        if quote is not None:
            if line.count(quote) % 2 == 1:
                quote = None
            continue
        stripped = line.strip()
        header = re.fullmatch(r"\[\[?\s*([A-Za-z0-9_.-]+)\s*\]\]?\s*(#.*)?", stripped)
        if header:
            name = header[1]
            n = counts.get(name, -1) + 1
            counts[name] = n
            table = (name, n)
            out[table] = {"": number}
            continue
        key = re.match(r"([A-Za-z0-9_-]+)\s*=", stripped)
        if key:
            out.setdefault(table, {})[key[1]] = number
            for q in ('"""', "'''"):
                if stripped.count(q) % 2 == 1:
                    quote = q
    return out


class _Checker:
    """Collects the problems of one file, each placed at its line."""

    def __init__(self, origin: str, lines: dict[tuple[str, int], dict[str, int]]):
        self.origin = origin
        self.lines = lines
        self.problems: list[Problem] = []

    def line(self, table: tuple[str, int], key: str = "") -> int | None:
        where = self.lines.get(table, {})
        return where.get(key, where.get(""))

    def add(self, table: tuple[str, int], key: str, message: str) -> None:
        self.problems.append(Problem(self.origin, self.line(table, key), key or table[0],
                                     message))

    def unknown_keys(self, table: tuple[str, int], data: Mapping[str, object],
                     allowed: Sequence[str]) -> None:
        for key in data:
            if key not in allowed:
                near = difflib.get_close_matches(key, allowed, n=1, cutoff=0.6)
                hint = f" (did you mean {near[0]}?)" if near else ""
                self.add(table, key, f"unknown key '{key}'{hint}; allowed here: "
                         f"{', '.join(allowed)}")

    def text(self, table: tuple[str, int], data: Mapping[str, object], key: str,
             required: bool) -> str:
        value = data.get(key)
        if value is None:
            if required:
                self.add(table, key, f"'{key}' is required")
            return ""
        if not isinstance(value, str):
            self.add(table, key, f"'{key}' must be text, not {_kind(value)}")
            return ""
        if required and not value.strip():
            self.add(table, key, f"'{key}' is empty")
        return value.strip()

    def number(self, table: tuple[str, int], data: Mapping[str, object], key: str,
               bounds: Range) -> float | None:
        value = data.get(key)
        if isinstance(value, bool) or not isinstance(value, int | float):
            self.add(table, key, f"'{key}' must be a number, not {_kind(value)}")
            return None
        complaint = bounds.complaint(float(value))
        if complaint:
            self.add(table, key, f"'{key}' = {complaint}")
            return None
        return float(value)


def _kind(value: object) -> str:
    return {str: "text", bool: "true/false", list: "a list", dict: "a table"}.get(
        type(value), type(value).__name__)


def parse_scenario(text: str, vocabulary: Vocabulary, source_ids: Iterable[str] = (), *,
                   origin: str = "memory", expect_name: str | None = None) -> Scenario:
    """Read a scenario from its TOML ``text`` and check it against a network: keys, names,
    numbers in range, every selector known (with did-you-mean), ``open`` naming legs that
    are not operational and sources known. ``InputError`` lists every problem, each with
    ``origin`` as its source and its line."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        found = re.search(r"line (\d+)", str(exc))
        raise InputError(Problem(origin, int(found[1]) if found else None, None,
                                 f"not valid TOML: {re.sub(r' [(]at line.*', '', str(exc))}")
                         ) from None
    check = _Checker(origin, _key_lines(text))
    top = ("", 0)
    check.unknown_keys(top, data, TOP_KEYS)
    name = check.text(top, data, "name", required=True)
    if name and not NAME_PATTERN.fullmatch(name):
        check.add(top, "name", f"'{name}': a name is lower-case letters, digits and hyphens "
                  "(at most 64), starting with a letter or digit")
    if expect_name is not None and name and name != expect_name:
        check.add(top, "name", f"'{name}' differs from the file's name '{expect_name}'")
    description = check.text(top, data, "description", required=True)
    facts = check.text(top, data, "facts", required=False)
    duration = None
    if "duration_days" in data:
        duration = check.number(top, data, "duration_days", RANGES["horizon_days"])
    cost = None
    if "cost_usd" in data:
        cost = check.number(top, data, "cost_usd", PROJECT_COST)
    own = _own_sources(check, data.get("source", []))
    known = set(source_ids) | {s.id for s in own}
    sources = _source_list(check, data.get("sources", []), known)
    changes = _changes(check, data.get("change"), vocabulary)
    if check.problems:  # in file order (a problem without a line first)
        raise InputError(sorted(check.problems, key=lambda p: p.row or 0))
    return Scenario(name=name, description=description, changes=tuple(changes),
                    duration_days=duration, cost_usd=cost, facts=facts, sources=tuple(sources),
                    own_sources=tuple(own), origin=origin, text=text)


def _own_sources(check: _Checker, tables: object) -> list[ScenarioSource]:
    if not isinstance(tables, list):
        check.add(("", 0), "source", "'source' must be [[source]] tables")
        return []
    out = []
    for n, table in enumerate(tables):
        where = ("source", n)
        if not isinstance(table, dict):
            check.add(where, "", "a [[source]] must be a table")
            continue
        check.unknown_keys(where, table, SOURCE_KEYS)
        fields = [check.text(where, table, key, required=True) for key in SOURCE_KEYS]
        out.append(ScenarioSource(*fields))
    return out


def _source_list(check: _Checker, value: object, known: set[str]) -> list[str]:
    top = ("", 0)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        check.add(top, "sources", "'sources' must be a list of source ids (text)")
        return []
    for sid in value:
        if sid not in known:
            near = difflib.get_close_matches(sid, sorted(known), n=1, cutoff=0.8)
            check.add(top, "sources", f"unknown source id '{sid}'" + (
                f" (did you mean {near[0]}?)" if near else "") +
                "; cite an id of the network's sources table or add a [[source]] table")
    return list(value)


def _changes(check: _Checker, tables: object, vocabulary: Vocabulary) -> list[Change]:
    top = ("", 0)
    if tables is None:
        check.add(top, "change", "a scenario needs at least one [[change]]")
        return []
    if not isinstance(tables, list):
        check.add(top, "change", "'change' must be [[change]] tables")
        return []
    out = []
    for n, table in enumerate(tables):
        where = ("change", n)
        if not isinstance(table, dict):
            check.add(where, "", "a [[change]] must be a table")
            continue
        actions = [k for k in table if k in ACTIONS]
        if len(actions) != 1:
            check.add(where, "", ("a change has one action key, not " + ", ".join(actions))
                      if actions else "a change needs one action key: " + ", ".join(ACTIONS))
            check.unknown_keys(where, table, [*ACTIONS, CHANGE_NOTE,
                                              *sorted({k for v in ACTIONS.values() for k in v})])
            continue
        action = actions[0]
        check.unknown_keys(where, table, [action, *ACTIONS[action], CHANGE_NOTE])
        selectors = _selectors(check, where, action, table[action], vocabulary)
        figures = _figures(check, where, action, table)
        note = check.text(where, table, CHANGE_NOTE, required=False)
        if selectors is not None and figures is not None:
            out.append(Change(action, selectors, figures, note,
                              check.line(where) or 0))
    return out


def _selectors(check: _Checker, where: tuple[str, int], action: str, value: object,
               vocabulary: Vocabulary) -> tuple[Selector, ...] | None:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not value or \
            not all(isinstance(v, str) for v in value):
        check.add(where, action, f"'{action}' must list what it applies to (text selectors "
                  "such as \"CN\", \"passage:suez\", \"leg:...\", \"node:...\")")
        return None
    try:
        return vocabulary.resolve_all(value, field=action, source=check.origin,
                                      row=check.line(where, action))
    except InputError as exc:
        check.problems += exc.problems
        return None


def _figures(check: _Checker, where: tuple[str, int], action: str,
             table: Mapping[str, object]) -> tuple[tuple[str, float], ...] | None:
    keys = ACTIONS[action]
    if not keys:
        return ()
    given = [k for k in keys if k in table]
    if action == "scale" and not given:
        check.add(where, action, "'scale' needs at least one of " + ", ".join(keys))
        return None
    if action != "scale" and not given:
        check.add(where, keys[0], f"'{action}' needs '{keys[0]}'")
        return None
    bounds = {"capacity_tpy": RANGES["capacity_tpy"], "days": RANGES["days"]}
    figures = []
    ok = True
    for key in given:
        value = check.number(where, table, key, FACTOR if action == "scale" else bounds[key])
        if value is None or not math.isfinite(value):
            ok = False
        else:
            figures.append((key, value))
    return tuple(sorted(figures)) if ok else None

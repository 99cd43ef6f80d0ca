"""What ``corridor report`` is made from: a run's JSON document (what ``corridor plan``,
``whatif`` or ``frontier`` printed with ``--json``), recognised and checked, and the network
the run was made on, loaded again.

A document is checked for the fields the report reads before any HTML is written, so a
file of another kind, a truncated file or a hand-edited one is one clear error naming the
file and the field, never a half-written report.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from corridor.network_data.errors import InputError, Problem

if TYPE_CHECKING:
    from corridor.network_data.model import Network
    from corridor.routing.compile import CompiledNetwork

_NUMBER = (int, float)
_TEXT = (str,)
_MAYBE_NUMBER = (int, float, type(None))
_LIST = (list,)
_DICT = (dict,)

#: Per kind: fields of the document (dotted) and their types.
FIELDS: dict[str, dict[str, tuple[type, ...]]] = {
    "plan": {"summary": _DICT, "summary.shipments": (int,), "summary.tonnes": _NUMBER,
             "summary.planned_tonnes": _NUMBER, "summary.total_cost_usd": _NUMBER,
             "shipments": _LIST, "legs": _LIST},
    "whatif": {"baseline": _DICT, "baseline.shipments": (int,), "baseline.tonnes": _NUMBER,
               "baseline.total_cost_usd": _NUMBER, "scenarios": _LIST},
    "frontier": {"key": _TEXT, "points": _LIST},
}
#: Per kind and list: the fields each row must have and their types.
ROWS: dict[str, dict[str, dict[str, tuple[type, ...]]]] = {
    "plan": {"shipments": {"shipment_id": (str, int), "origin": _TEXT, "destination": _TEXT,
                           "tonnes": _NUMBER},
             "legs": {"leg_id": _TEXT, "from_id": _TEXT, "to_id": _TEXT,
                      "load_t": _MAYBE_NUMBER}},
    "whatif": {"scenarios": {"name": _TEXT, "summary": _DICT, "deltas": _DICT,
                             "shipments": _LIST, "legs": _LIST}},
    "frontier": {"points": {"share_by_corridor": _DICT}},
}
#: Fields of each what-if scenario's parts, and of each kind of frontier point.
SCENARIO_FIELDS = {"summary.total_cost_usd": _NUMBER, "deltas.total_cost_usd": _NUMBER,
                   "deltas.shipments_rerouted": (int,), "deltas.shipments_stranded": (int,)}
POINT_FIELDS = {
    "frontier": {"cap": _NUMBER, "share": _NUMBER, "objective_usd": _NUMBER,
                 "usd_per_point": _MAYBE_NUMBER, "unserved_tonnes": _NUMBER,
                 "switches_above": _LIST},
    "risk-frontier": {"risk_weight": _NUMBER, "cost_usd": _NUMBER, "risk_usd": _NUMBER,
                      "usd_per_risk_usd": _MAYBE_NUMBER, "switches_safer": _LIST},
}


@dataclass(frozen=True)
class ReportInput:
    """A run's document: its kind (``plan``, ``whatif``, ``frontier``, ``risk-frontier``),
    the document and the file it came from."""

    kind: str
    doc: dict[str, Any]
    label: str


def read_report_input(path: Path | str, *, stdin: BinaryIO | None = None) -> ReportInput:
    """The run's JSON document at ``path`` (or read from ``stdin`` when given, labelled
    standard input), its kind recognised and its fields checked.

    Raises
    ------
    InputError
        Not found, not JSON, not a document corridor writes (a route's JSON is named as
        such), or a field the report reads is missing or of the wrong kind.
    """
    from corridor.network_data.reading import RUN_JSON, read_input

    if stdin is not None:
        label = "standard input"
        data = stdin.read(RUN_JSON.limit + 1)
        if len(data) > RUN_JSON.limit:
            raise InputError(Problem(label, None, None, f"larger than {RUN_JSON.what}'s "
                                     f"limit of {RUN_JSON.limit:,} bytes"))
    else:
        label = str(path)
        data = read_input(path, RUN_JSON)
    try:
        doc = json.loads(data)
    except ValueError:  # not UTF-8, or not JSON
        raise InputError(Problem(label, None, None, "is not JSON; give what corridor plan, "
                                 "whatif or frontier printed with --json")) from None
    kind = kind_of(doc, label)
    check_document(kind, doc, label)
    return ReportInput(kind, doc, label)


def kind_of(doc: object, label: str) -> str:
    """The kind of a parsed document, or an error saying what it is not."""
    if isinstance(doc, dict):
        if "summary" in doc and "shipments" in doc:
            return "plan"
        if "baseline" in doc and "scenarios" in doc:
            return "whatif"
        if "points" in doc and "key" in doc:
            return "risk-frontier" if doc["key"] == "risk" else "frontier"
        if "routes" in doc and "query" in doc:
            raise InputError(Problem(label, None, None, "the JSON of a route query: a report "
                                     "is made from a plan, what-if or frontier (for a "
                                     "route's map use corridor route --map FILE.png)"))
    raise InputError(Problem(label, None, None, "not the JSON of a plan, what-if or "
                             "frontier (corridor plan|whatif|frontier --json)"))


def check_document(kind: str, doc: dict[str, Any], label: str) -> None:
    """Raise :class:`InputError` naming the first field the report reads that is missing
    or of the wrong kind."""
    base = "frontier" if kind == "risk-frontier" else kind
    _check(doc, FIELDS[base], label, "")
    for name, fields in ROWS[base].items():
        for i, row in enumerate(doc[name]):
            where = f"{name}[{i}]"
            if not isinstance(row, dict):
                raise InputError(Problem(label, None, where, "not an object"))
            _check(row, fields, label, where + ".")
            if base == "whatif":
                _check(row, SCENARIO_FIELDS, label, where + ".")
            if base == "frontier":
                _check(row, POINT_FIELDS[kind], label, where + ".")


def _check(doc: dict[str, Any], fields: Mapping[str, tuple[type, ...]], label: str,
           prefix: str) -> None:
    for dotted, types in fields.items():
        value: Any = doc
        for part in dotted.split("."):
            if not isinstance(value, dict) or part not in value:
                raise InputError(Problem(label, None, prefix + dotted, "missing"))
            value = value[part]
        if not isinstance(value, types) or (isinstance(value, bool) and bool not in types):
            want = " or ".join(sorted({_KIND_NAMES.get(t, t.__name__) for t in types}))
            raise InputError(Problem(label, None, prefix + dotted, f"should be {want}, not "
                                     f"{_KIND_NAMES.get(type(value), type(value).__name__)}"))


_KIND_NAMES = {int: "a number", float: "a number", str: "text", list: "a list",
               dict: "an object", type(None): "null", bool: "true or false"}


def run_network(made: dict[str, Any], label: str, given: Network | None = None
                ) -> tuple[CompiledNetwork | None, list[str]]:
    """The network a run was made on, compiled, and what the report should say about it.

    ``given`` (the network the user named on the command line) is used when set; otherwise
    the run's own network is loaded again (the embedded one, or the files it recorded). A
    network whose fingerprint differs from the run's is used with a caveat; one that cannot
    be loaded gives None (the report then has no map) and the reason.
    """
    from corridor.network_data.load import load_network
    from corridor.reports.made_with import network_record
    from corridor.routing.compile import compile_network

    record = made.get("network") if isinstance(made.get("network"), dict) else {}
    assert isinstance(record, dict)
    recorded = record.get("sha256")
    files = record.get("files") if isinstance(record.get("files"), dict) else None
    caveats = []
    net = given
    if net is None:
        try:
            net = load_network(**{k: Path(v) for k, v in (files or {}).items()
                                  if k in ("nodes", "legs", "sources", "commodities",
                                           "directory") and isinstance(v, str)})
        except InputError as exc:
            return None, [f"No map and no sources: the network the run was made on could not "
                          f"be loaded ({exc.problems[0]}). Give it with --network DIR."]
    now = network_record(net)["sha256"]
    if not made.get("network"):
        caveats.append("The run's JSON does not record the network it was made on (made by "
                       f"an older corridor?): the map and sources are those of the network "
                       f"{net.label}.")
    elif recorded is None:
        caveats.append("The run's network was built in Python, not loaded from files: the "
                       f"map and sources are those of the network {net.label}.")
    elif now != recorded:
        caveats.append(f"The network {net.label} is not the one the run was made on (its "
                       "fingerprint differs: the tables changed since, or another network "
                       "was given). The map and sources show the network as it is now.")
    return compile_network(net), caveats

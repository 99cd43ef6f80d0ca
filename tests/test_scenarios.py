"""What-if scenario files: the library, the checker (every problem with its file, line and
field), and applying them (pure, the compiled edit equal to a fresh compile, each action's
meaning, order and composition, a valid network as the result)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from corridor.network_data import load_network
from corridor.network_data.errors import InputError, Problem
from corridor.network_data.io import to_csv_text
from corridor.network_data.model import Network
from corridor.network_data.scenario import (
    Scenario,
    find_scenario,
    library,
    library_names,
    library_text,
    parse_scenario,
    scenario_label,
)
from corridor.network_data.schema import OPTIONAL_TABLES, TABLES
from corridor.routing.compile import CompiledNetwork, _compile, compile_network
from corridor.routing.costs import CostParams, usable_arcs
from corridor.routing.query import find_routes
from corridor.routing.scenarios import CLOSED, apply_scenarios, scenario_origin

#: Compiled arrays a scenario edits (compared with a fresh compile within rounding)...
FLOAT_FIELDS = ("class_tariff", "class_days", "capacity_tpy", "row_capacity_tpy",
                "disruption_prob", "risk_premium_share", "expected_delay_days",
                "node_throughput_tpy")
#: ... and those that must be the same exactly (the topology shared with the baseline too).
EXACT_FIELDS = ("status", "cap_row", "row_group", "operational", "group", "arc_leg", "tail",
                "head", "mode", "node_ids", "leg_ids")
ALL_STATUSES = frozenset({"operational", "planned", "under_construction"})

#: A scenario of the embedded network using every action: close (a passage and a leg), open
#: (planned track), scale with all five factors (a capacity group and a port), set_capacity,
#: add_days on a place (its border leg only) and on a leg.
EVERY_ACTION = """\
name = "every-action"
description = "Every action at once, for the tests"

[[change]]
close = ["passage:bosporus", "leg:ge-tbilisi--ge-samtredia"]

[[change]]
open = ["leg:kz-ayagoz--kz-bakhty", "leg:kz-bakhty--cn-tacheng"]

[[change]]
scale = ["group:caspian_rail_ferry_fleet", "node:KZAAU"]
capacity = 0.6
tariff = 1.3
days = 1.5
disruption = 2.0
risk_premium = 3.0

[[change]]
set_capacity = ["leg:cn-tacheng--cn-kuytun"]
capacity_tpy = 5000000

[[change]]
add_days = ["node:kz-dostyk"]
days = 2

[[change]]
add_days = ["leg:kz-shar--kz-ayagoz"]
days = 1.5
"""


def _toml(*changes: str, name: str = "t", extra: str = "") -> str:
    """A scenario's text: a name, a description and ``changes`` (each a [[change]] body)."""
    body = "".join(f"\n[[change]]\n{c.strip()}\n" for c in changes)
    return f'name = "{name}"\ndescription = "a test scenario"\n{extra}{body}'


def _parse(net: Network, text: str, origin: str = "memory") -> Scenario:
    return parse_scenario(text, net.vocabulary, net.sources.index, origin=origin)


def _file(tmp_path: Path, text: str, name: str = "s.toml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def _problems(net: Network, path: Path) -> list[Problem]:
    with pytest.raises(InputError) as info:
        find_scenario(str(path), net.vocabulary, net.sources.index)
    return info.value.problems


def _mismatches(a: CompiledNetwork, b: CompiledNetwork) -> list[str]:
    """The compiled fields where ``a`` and ``b`` differ."""
    bad = []
    for name in FLOAT_FIELDS:
        x, y = np.asarray(getattr(a, name)), np.asarray(getattr(b, name))
        if x.shape != y.shape or not np.allclose(x, y, rtol=1e-12, atol=0.0, equal_nan=True):
            bad.append(name)
    for name in EXACT_FIELDS:
        x, y = getattr(a, name), getattr(b, name)
        same = x == y if isinstance(x, tuple) else np.array_equal(np.asarray(x), np.asarray(y))
        if not same:
            bad.append(name)
    return bad


def _library(net: Network, name: str) -> Scenario:
    return find_scenario(name, net.vocabulary, net.sources.index)


def _arcs_of(compiled: CompiledNetwork, leg: str) -> np.ndarray:
    return np.flatnonzero(np.asarray(compiled.leg_ids, dtype=object)[compiled.arc_leg] == leg)


# ----------------------------------------------------------------------------- the library

def test_the_library_has_the_scenarios_the_issue_names() -> None:
    names = library_names()
    assert len(names) >= 10
    assert {"china-transit-ban", "russia-transit-ban", "caspian-storm-month", "red-sea-closed",
            "bosporus-closed", "torkham-closed", "iran-sanctions-tightened",
            "georgian-ports-disrupted", "trans-afghan-railway-open",
            "middle-corridor-2030"} <= set(names)
    listed = library()
    assert [item["name"] for item in listed] == names
    assert all(str(item["description"]).strip() for item in listed)


@pytest.mark.parametrize("name", library_names())
def test_library_scenario_parses_cites_and_applies(net: Network, name: str) -> None:
    scenario = _library(net, name)
    assert scenario.name == name and scenario.origin == "library"
    assert scenario.description.strip() and scenario.facts.strip()
    assert scenario.sources, f"{name} cites no source"
    known = set(net.sources.index) | {s.id for s in scenario.own_sources}
    assert set(scenario.sources) <= known
    assert scenario.changes
    assert scenario.text == library_text(name)
    assert scenario.duration_days is None or 0 < scenario.duration_days <= 3650
    changed = apply_scenarios(net, [scenario])
    assert changed is not net
    assert compile_network(changed).scenarios == (scenario,)
    # the scenario changes something: a figure of a leg or a node differs
    assert not (changed.legs.equals(net.legs) and changed.nodes.equals(net.nodes))


# ------------------------------------------------------------------------------ the checker

BAD_FILE = """\
name = "Bad_Name"
duration_days = 30
sources = ["nosuch-source"]

[[change]]
scale = ["suezz"]
capasity = 0.5

[[change]]
close = ["CN"]
open = ["CN"]

[[change]]
note = "no action here"

[[change]]
scale = ["CN"]
capacity = 0

[[change]]
scale = ["CN"]
tariff = "double"

[[change]]
scale = ["CN"]
days = -2
"""


def test_every_problem_of_a_file_at_once_with_line_and_field(net: Network,
                                                               tmp_path: Path) -> None:
    path = _file(tmp_path, BAD_FILE)
    problems = _problems(net, path)
    assert all(p.source == str(path) for p in problems)
    where: dict[tuple[int | None, str | None], list[str]] = {}
    for p in problems:
        where.setdefault((p.row, p.field), []).append(p.message)

    def at(row: int | None, field: str) -> str:
        assert (row, field) in where, (row, field, sorted(where, key=str))
        return " | ".join(where[(row, field)])

    assert "lower-case" in at(1, "name")
    assert "'description' is required" in at(None, "description")
    assert "unknown source id 'nosuch-source'" in at(3, "sources")
    assert "unknown key 'capasity' (did you mean capacity?)" in at(7, "capasity")
    assert "'suezz' names no" in at(6, "scale") and "did you mean suez?" in at(6, "scale")
    assert "needs at least one of capacity" in at(6, "scale")
    assert "one action key, not close, open" in at(9, "change")
    assert "needs one action key" in at(13, "change")
    assert "must be > 0" in at(18, "capacity")
    assert "must be a number, not text" in at(22, "tariff")
    assert "must be > 0" in at(26, "days")
    # in file order (a problem without a line first), one per defect, none twice
    rows = [p.row or 0 for p in problems]
    assert rows == sorted(rows)
    assert len(problems) == len({(p.row, p.field, p.message) for p in problems})
    assert len(problems) >= 10


def test_text_that_is_not_toml_names_its_line(net: Network, tmp_path: Path) -> None:
    path = _file(tmp_path, 'name = "x"\ndescription = "y"\n\n[[change]\nclose = ["CN"]\n')
    problems = _problems(net, path)
    assert len(problems) == 1
    assert problems[0].source == str(path) and problems[0].row == 4
    assert "not valid TOML" in problems[0].message


def test_a_file_that_is_not_utf8_is_refused(net: Network, tmp_path: Path) -> None:
    path = tmp_path / "s.toml"
    path.write_bytes(b'name = "x"\ndescription = "\xff\xfe"\n')
    problems = _problems(net, path)
    assert problems[0].source == str(path) and "UTF-8" in problems[0].message


def test_unknown_kind_prefixed_selector_has_a_suggestion(net: Network, tmp_path: Path) -> None:
    path = _file(tmp_path, _toml('close = ["passage:suezz"]'))
    problems = _problems(net, path)
    assert len(problems) == 1 and problems[0].row == 5 and problems[0].field == "close"
    assert "did you mean suez?" in problems[0].message


def test_unknown_kind_prefixed_selector_is_reported_with_its_line(net: Network,
                                                                   tmp_path: Path) -> None:
    path = _file(tmp_path, _toml('close = ["passage:suezz"]', 'close = ["node:nowhere-x"]'))
    problems = _problems(net, path)
    assert [(p.row, p.field) for p in problems] == [(5, "close"), (8, "close")]
    assert "'passage:suezz' names no" in problems[0].message
    assert "'node:nowhere-x' names no" in problems[1].message


@pytest.mark.parametrize(("text", "field"), [
    ('description = "d"\n', "name"),
    ('name = "x"\n', "description"),
    ('name = "x"\ndescription = "  "\n', "description"),
])
def test_missing_required_keys(net: Network, tmp_path: Path, text: str, field: str) -> None:
    problems = _problems(net, _file(tmp_path, text + '\n[[change]]\nclose = ["CN"]\n'))
    assert [p.field for p in problems] == [field]
    assert f"'{field}' is" in problems[0].message


def test_a_scenario_needs_a_change(net: Network, tmp_path: Path) -> None:
    problems = _problems(net, _file(tmp_path, 'name = "x"\ndescription = "d"\n'))
    assert [p.field for p in problems] == ["change"]
    assert "at least one [[change]]" in problems[0].message


@pytest.mark.parametrize(("name", "ok"), [
    ("red-sea-2", True), ("a", True), ("9lives", True), ("x" * 64, True),
    ("Red-Sea", False), ("-lead", False), ("has space", False), ("x" * 65, False),
    ("under_score", False), ("", False),
])
def test_scenario_names(net: Network, name: str, ok: bool) -> None:
    text = f'name = "{name}"\ndescription = "d"\n[[change]]\nclose = ["CN"]\n'
    if ok:
        assert _parse(net, text).name == name
    else:
        with pytest.raises(InputError) as info:
            _parse(net, text)
        assert [p.field for p in info.value.problems] == ["name"]
        assert info.value.problems[0].row == 1


@pytest.mark.parametrize(("body", "field", "line", "message"), [
    ('scale = ["CN"]\ncapacity = 0', "capacity", 6, "must be > 0"),
    ('scale = ["CN"]\ncapacity = -0.5', "capacity", 6, "must be > 0"),
    ('scale = ["CN"]\ntariff = "twice"', "tariff", 6, "must be a number, not text"),
    ('scale = ["CN"]\ndays = true', "days", 6, "must be a number, not true/false"),
    ('scale = ["CN"]\nrisk_premium = 1e9', "risk_premium", 6, "1000"),
    ('scale = ["CN"]\ndisruption = nan', "disruption", 6, ""),
    ('scale = ["CN"]', "scale", 5, "needs at least one of"),
    ('set_capacity = ["CN"]', "capacity_tpy", 4, "needs 'capacity_tpy'"),
    ('set_capacity = ["CN"]\ncapacity_tpy = -1', "capacity_tpy", 6, ""),
    ('add_days = ["CN"]', "days", 4, "needs 'days'"),
    ('add_days = ["CN"]\ndays = "two"', "days", 6, "must be a number"),
    ('close = []', "close", 5, "must list what it applies to"),
    ('close = 3', "close", 5, "must list what it applies to"),
    ('close = ["CN"]\ncapacity = 0.5', "capacity", 6, "unknown key 'capacity'"),
    ('close = ["CN"]\nopen = ["RU"]', "change", 4, "one action key, not close, open"),
    ('note = "nothing"', "change", 4, "needs one action key"),
    ('clsoe = ["CN"]', "clsoe", 5, "did you mean close?"),
])
def test_change_problems(net: Network, tmp_path: Path, body: str, field: str, line: int,
                         message: str) -> None:
    path = _file(tmp_path, _toml(body))
    problems = _problems(net, path)
    found = [p for p in problems if p.field == field]
    assert found, problems
    assert found[0].row == line and found[0].source == str(path)
    assert message in found[0].message


def test_durations_and_sources(net: Network, tmp_path: Path) -> None:
    for bad in ("0", "-3", "4000", '"a month"'):
        problems = _problems(net, _file(tmp_path, _toml('close = ["CN"]',
                                                        extra=f"duration_days = {bad}\n")))
        assert [(p.row, p.field) for p in problems] == [(3, "duration_days")], bad
    assert _parse(net, _toml('close = ["CN"]', extra="duration_days = 12.5\n")
                  ).duration_days == 12.5
    # a source of the scenario's own is citable; an unknown one is near-matched
    own = ('sources = ["my-src"]\n\n[[source]]\nid = "my-src"\ntitle = "T"\npublisher = "P"\n'
           'year = "2025"\nurl = "https://example.org"\n')
    scenario = _parse(net, _toml('close = ["CN"]', extra=own))
    assert scenario.sources == ("my-src",) and scenario.own_sources[0].publisher == "P"
    incomplete = 'sources = []\n\n[[source]]\nid = "z"\ntitel = "T"\n'
    problems = _problems(net, _file(tmp_path, _toml('close = ["CN"]', extra=incomplete)))
    fields = {p.field for p in problems}
    assert {"titel", "title", "publisher", "year", "url"} <= fields
    titel = next(p for p in problems if p.field == "titel")
    assert titel.row == 7 and "did you mean title?" in titel.message


def test_find_scenario_by_name_or_file(net: Network, tmp_path: Path) -> None:
    with pytest.raises(InputError) as info:
        find_scenario("red-sea-closd", net.vocabulary, net.sources.index)
    assert "did you mean red-sea-closed?" in str(info.value)
    with pytest.raises(InputError) as info:
        find_scenario(str(tmp_path / "missing.toml"), net.vocabulary, net.sources.index)
    assert "missing.toml" in str(info.value)
    path = _file(tmp_path, library_text("red-sea-closed"), "mine.toml")
    mine = find_scenario(str(path), net.vocabulary, net.sources.index)
    assert mine.origin == str(path) and mine.name == "red-sea-closed"
    assert mine.sha256 == _library(net, "red-sea-closed").sha256
    # a library file must carry its file's name
    with pytest.raises(InputError):
        parse_scenario(library_text("red-sea-closed"), net.vocabulary, net.sources.index,
                       expect_name="bosporus-closed")


def test_scenario_json_and_label(net: Network) -> None:
    scenario = _parse(net, EVERY_ACTION)
    doc = scenario.to_json()
    assert doc["name"] == "every-action" and doc["duration_days"] is None
    assert doc["sha256"] == scenario.sha256 and len(scenario.sha256) == 64
    changes = doc["changes"]
    assert isinstance(changes, list) and [c["action"] for c in changes] == [
        "close", "open", "scale", "set_capacity", "add_days", "add_days"]
    assert changes[2]["capacity"] == 0.6 and changes[2]["risk_premium"] == 3.0
    assert changes[0]["select"] == ["bosporus", "leg:ge-tbilisi--ge-samtredia"]
    other = _library(net, "red-sea-closed")
    assert scenario_label([scenario, other]) == "every-action + red-sea-closed"
    assert [c.line for c in scenario.changes] == [4, 7, 10, 18, 22, 26]


# --------------------------------------------------------------------- applying: the arrays

def _frames(net: Network) -> dict[str, pd.DataFrame]:
    return {name: getattr(net, name).copy(deep=True) for name in
            ("nodes", "legs", "sources", "commodities", "rates", "observations")}


def _arrays(compiled: CompiledNetwork) -> dict[str, object]:
    return {name: (np.array(getattr(compiled, name), copy=True)
                   if isinstance(getattr(compiled, name), np.ndarray)
                   else getattr(compiled, name))
            for name in (*FLOAT_FIELDS, *EXACT_FIELDS)}


@pytest.fixture(scope="module")
def every_action(net: Network) -> Scenario:
    return _parse(net, EVERY_ACTION)


def test_apply_is_pure_and_its_compiled_edit_equals_a_fresh_compile(
        net: Network, every_action: Scenario) -> None:
    before = _frames(net)
    base = compile_network(net)
    arrays = _arrays(base)
    runs = [[_library(net, name)] for name in library_names()] + [[every_action]]
    for run in runs:
        changed = apply_scenarios(net, run)
        compiled = compile_network(changed)
        assert compiled.scenarios == tuple(run)
        assert compiled.label == base.label
        assert _mismatches(compiled, _compile(changed)) == [], run[0].name
        assert compiled.network is changed
        assert scenario_origin(changed) == (net, tuple(run))
    # the baseline is as it was: tables, compiled arrays, and no scenario of its own
    for name, frame in before.items():
        pd.testing.assert_frame_equal(getattr(net, name), frame, check_exact=True)
    assert compile_network(net) is base and base.scenarios == ()
    for name, value in arrays.items():
        now = getattr(base, name)
        assert (np.array_equal(now, value, equal_nan=True) if isinstance(value, np.ndarray)
                else now == value), name
    assert scenario_origin(net) is None
    assert apply_scenarios(net, []) is net


def test_every_action_changes_what_it_names(net: Network, every_action: Scenario) -> None:
    changed = apply_scenarios(net, [every_action])
    old, new = net.legs, changed.legs
    # close: a passage's legs and a leg
    bosporus = old.index[old["passage"] == "bosporus"]
    assert len(bosporus) and (new.loc[bosporus, "status"] == CLOSED).all()
    assert new.loc["ge-tbilisi--ge-samtredia", "status"] == CLOSED
    # open
    for leg in ("kz-ayagoz--kz-bakhty", "kz-bakhty--cn-tacheng"):
        assert old.loc[leg, "status"] != "operational"
        assert new.loc[leg, "status"] == "operational"
    # scale: the whole ferry group and the port's throughput, capacity × 0.6
    fleet = old.index[old["capacity_group"] == "caspian_rail_ferry_fleet"]
    assert np.allclose(new.loc[fleet, "capacity_tpy"].astype(float),
                       0.6 * old.loc[fleet, "capacity_tpy"].astype(float))
    assert np.isclose(changed.nodes.loc["KZAAU", "throughput_tpy"],
                      0.6 * net.nodes.loc["KZAAU", "throughput_tpy"])
    leg = fleet[0]
    assert np.isclose(new.loc[leg, "disruption_prob"],
                      min(1.0, 2 * float(old.loc[leg, "disruption_prob"])))
    # set_capacity, add_days on a leg
    assert new.loc["cn-tacheng--cn-kuytun", "capacity_tpy"] == 5_000_000
    a, b = compile_network(net), compile_network(changed)
    arcs = _arcs_of(a, "kz-shar--kz-ayagoz")
    assert np.allclose(b.class_days[:, arcs], a.class_days[:, arcs] + 1.5)
    # scaled tariffs and days: × 1.3 and × 1.5 on every class
    arcs = _arcs_of(a, leg)
    assert np.allclose(b.class_tariff[:, arcs], 1.3 * a.class_tariff[:, arcs])
    assert np.allclose(b.class_days[:, arcs], 1.5 * a.class_days[:, arcs])
    # the rate the ferry legs share elsewhere is left as it was for legs not named
    rate = str(old.loc[leg, "rate_id"])
    others = old.index[(old["rate_id"] == rate) & ~old.index.isin(fleet) &
                       (old["from_id"] != "KZAAU") & (old["to_id"] != "KZAAU")]
    assert len(others)
    for other in others:
        arcs = _arcs_of(a, other)
        assert np.array_equal(a.class_tariff[:, arcs], b.class_tariff[:, arcs]), other


SETTINGS = settings(max_examples=25, deadline=None, derandomize=True,
                    suppress_health_check=[HealthCheck.function_scoped_fixture,
                                           HealthCheck.too_slow])


def _selector_texts(net: Network) -> list[str]:
    v = net.vocabulary
    return sorted([*v.countries, *(f"passage:{p}" for p in v.passages),
                   *(f"corridor:{c}" for c in v.corridors), *(f"group:{g}" for g in v.groups),
                   *(f"leg:{leg}" for leg in v.leg_ids), *(f"node:{n}" for n in v.node_ids)])


@st.composite
def _changes(draw: st.DrawFn, words: list[str]) -> str:
    action = draw(st.sampled_from(["close", "open", "scale", "set_capacity", "add_days"]))
    picked = draw(st.lists(st.sampled_from(words), min_size=1, max_size=3, unique=True))
    body = f"{action} = {picked!r}".replace("'", '"')
    factor = st.sampled_from([0.25, 0.5, 0.9, 1.0, 1.5, 3.0])
    if action == "scale":
        keys = draw(st.lists(st.sampled_from(["capacity", "tariff", "days", "disruption",
                                              "risk_premium"]), min_size=1, unique=True))
        body += "".join(f"\n{k} = {draw(factor)}" for k in keys)
    elif action == "set_capacity":
        body += f"\ncapacity_tpy = {draw(st.integers(1, 50)) * 100_000}"
    elif action == "add_days":
        body += f"\ndays = {draw(st.sampled_from([0.5, 1, 4]))}"
    return body


@SETTINGS
@given(data=st.data())
def test_random_scenarios_compile_as_fresh_tables_would(net: Network, data: st.DataObject
                                                        ) -> None:
    words = _selector_texts(net)
    bodies = data.draw(st.lists(_changes(words), min_size=1, max_size=4))
    scenario = _parse(net, _toml(*bodies))
    try:
        changed = apply_scenarios(net, [scenario])
    except InputError as exc:  # open of operational legs, capacity of uncapacitated ones
        assert all(p.field in ("open", "scale", "add_days") for p in exc.problems)
        return
    assert _mismatches(compile_network(changed), _compile(changed)) == []
    # a second scenario on top: the edit of an edited network is still a fresh compile's
    again = apply_scenarios(changed, [_parse(net, _toml('close = ["passage:suez"]',
                                                        name="u"))])
    assert _mismatches(compile_network(again), _compile(again)) == []
    assert [s.name for s in compile_network(again).scenarios] == ["t", "u"]


# ------------------------------------------------------------------ applying: each action

def test_a_closed_leg_opens_under_no_cost_parameters(tiny_net: Network) -> None:
    closed = apply_scenarios(tiny_net, [_parse(tiny_net, _toml('close = ["leg:l2"]'))])
    assert closed.legs.loc["l2", "status"] == CLOSED
    compiled = compile_network(closed)
    arcs = _arcs_of(compiled, "l2")
    everything = CostParams(open_statuses=ALL_STATUSES)
    assert not usable_arcs(compiled, params=everything)[arcs].any()
    assert usable_arcs(compile_network(tiny_net), params=everything)[arcs].all()
    answer = find_routes(closed, "Alpha", "Juliet", params=everything, alternatives=5)
    assert answer.routes and all("l2" not in r.legs for r in answer.routes)
    before = find_routes(tiny_net, "Alpha", "Juliet", params=everything, alternatives=5)
    assert any("l2" in r.legs for r in before.routes)


def test_open_makes_planned_track_operational(tiny_net: Network, tmp_path: Path) -> None:
    opened = apply_scenarios(tiny_net, [_parse(tiny_net, _toml('open = ["leg:l11"]'))])
    assert tiny_net.legs.loc["l11", "status"] == "planned"
    assert opened.legs.loc["l11", "status"] == "operational"
    compiled = compile_network(opened)
    assert compiled.operational[_arcs_of(compiled, "l11")].all()
    # a closed leg opens again, in a later scenario
    shut = _parse(tiny_net, _toml('close = ["KZ"]', name="shut"))
    again = _parse(tiny_net, _toml('open = ["leg:l1"]', name="again"))
    both = apply_scenarios(tiny_net, [shut, again])
    assert both.legs.loc["l1", "status"] == "operational"
    assert both.legs.loc["l8", "status"] == CLOSED


def test_open_of_operational_legs_only_is_refused_with_file_and_line(
        tiny_net: Network, tmp_path: Path) -> None:
    path = _file(tmp_path, _toml('close = ["leg:l5"]', 'open = ["leg:l1", "leg:l3"]',
                                 name="reopen"))
    scenario = find_scenario(str(path), tiny_net.vocabulary, tiny_net.sources.index)
    with pytest.raises(InputError) as info:
        apply_scenarios(tiny_net, [scenario])
    (problem,) = info.value.problems
    assert problem.source == str(path) and problem.row == 7 and problem.field == "open"
    assert "reopen" in problem.message and "planned, under construction or closed" in \
        problem.message


def test_scaling_a_capacity_group_member_scales_the_whole_group(net: Network) -> None:
    fleet = net.legs.index[net.legs["capacity_group"] == "caspian_rail_ferry_fleet"]
    assert len(fleet) >= 2
    one = _parse(net, _toml(f'scale = ["leg:{fleet[0]}"]\ncapacity = 0.5'))
    changed = apply_scenarios(net, [one])
    before = net.legs.loc[fleet, "capacity_tpy"].astype(float)
    assert np.allclose(changed.legs.loc[fleet, "capacity_tpy"].astype(float), 0.5 * before)
    compiled, base = compile_network(changed), compile_network(net)
    rows = [i for i, g in enumerate(compiled.row_group) if g == "caspian_rail_ferry_fleet"]
    assert len(rows) == 1
    assert compiled.row_capacity_tpy[rows[0]] == pytest.approx(
        0.5 * base.row_capacity_tpy[rows[0]])
    # its tariff is the named leg's only
    tariff = _parse(net, _toml(f'scale = ["leg:{fleet[0]}"]\ntariff = 2'))
    priced = apply_scenarios(net, [tariff]).legs
    assert priced.loc[fleet[0], "rate_id"] != net.legs.loc[fleet[0], "rate_id"]
    assert (priced.loc[fleet[1:], "rate_id"] == net.legs.loc[fleet[1:], "rate_id"]).all()


def test_scaling_capacity_of_nothing_with_a_capacity_is_refused(tiny_net: Network,
                                                                tmp_path: Path) -> None:
    assert pd.isna(tiny_net.legs.loc["l1", "capacity_tpy"])
    path = _file(tmp_path, _toml('scale = ["leg:l1", "node:Alpha"]\ncapacity = 0.5',
                                 name="nocap"))
    scenario = find_scenario(str(path), tiny_net.vocabulary, tiny_net.sources.index)
    with pytest.raises(InputError) as info:
        apply_scenarios(tiny_net, [scenario])
    (problem,) = info.value.problems
    assert (problem.source, problem.row, problem.field) == (str(path), 4, "scale")
    assert "nothing it names has a capacity" in problem.message
    # the same change on a capacitated leg applies; tariff only needs no capacity
    ok = _parse(tiny_net, _toml('scale = ["leg:l1", "leg:l2"]\ncapacity = 0.5'))
    assert apply_scenarios(tiny_net, [ok]).legs.loc["l2", "capacity_tpy"] == 500_000
    assert pd.isna(apply_scenarios(tiny_net, [ok]).legs.loc["l1", "capacity_tpy"])
    apply_scenarios(tiny_net, [_parse(tiny_net, _toml('scale = ["leg:l1"]\ntariff = 2'))])


def test_every_problem_of_applying_is_reported_at_once(tiny_net: Network,
                                                      tmp_path: Path) -> None:
    a = find_scenario(str(_file(tmp_path, _toml('open = ["leg:l1"]', name="a"), "a.toml")),
                      tiny_net.vocabulary, tiny_net.sources.index)
    b = find_scenario(str(_file(tmp_path, _toml('close = ["CN"]',
                                                'scale = ["leg:l3"]\ncapacity = 2', name="b"),
                                "b.toml")), tiny_net.vocabulary, tiny_net.sources.index)
    with pytest.raises(InputError) as info:
        apply_scenarios(tiny_net, [a, b])
    assert [(Path(p.source).name, p.row) for p in info.value.problems] == [
        ("a.toml", 4), ("b.toml", 7)]


def test_add_days_on_a_place_adds_to_its_border_and_transfer_legs_only(net: Network) -> None:
    legs = net.legs
    at = legs.index[(legs["from_id"] == "kz-dostyk") | (legs["to_id"] == "kz-dostyk")]
    stops = [leg for leg in at if legs.loc[leg, "mode"] in ("border", "transfer")]
    others = [leg for leg in at if leg not in stops]
    assert stops and others
    changed = apply_scenarios(net, [_parse(net, _toml('add_days = ["node:kz-dostyk"]\n'
                                                      'days = 2'))])
    a, b = compile_network(net), compile_network(changed)
    for leg in stops:
        arcs = _arcs_of(a, leg)
        assert np.allclose(b.class_days[:, arcs], a.class_days[:, arcs] + 2), leg
    for leg in others:
        arcs = _arcs_of(a, leg)
        assert np.array_equal(b.class_days[:, arcs], a.class_days[:, arcs]), leg
    moved = np.flatnonzero((b.class_days != a.class_days).any(axis=0))
    assert {a.leg_ids[i] for i in a.arc_leg[moved]} == set(stops)
    # a place with no border or transfer leg: nothing to add days to
    with pytest.raises(InputError, match="no border or transfer leg"):
        apply_scenarios(net, [_parse(net, _toml('add_days = ["node:kz-oskemen"]\ndays = 1'))])


def test_add_days_then_scale_days_scales_the_added_days(tiny_net: Network) -> None:
    s = _parse(tiny_net, _toml('add_days = ["leg:l1"]\ndays = 2',
                               'scale = ["leg:l1"]\ndays = 3'))
    a, b = compile_network(tiny_net), compile_network(apply_scenarios(tiny_net, [s]))
    arcs = _arcs_of(a, "l1")
    assert np.allclose(b.class_days[:, arcs], 3 * (a.class_days[:, arcs] + 2))


def test_changes_apply_in_order(tiny_net: Network) -> None:
    set_then_scale = _parse(tiny_net, _toml('set_capacity = ["leg:l2"]\n'
                                            'capacity_tpy = 400000',
                                            'scale = ["leg:l2"]\ncapacity = 0.5'))
    scale_then_set = _parse(tiny_net, _toml('scale = ["leg:l2"]\ncapacity = 0.5',
                                            'set_capacity = ["leg:l2"]\n'
                                            'capacity_tpy = 400000'))
    first = apply_scenarios(tiny_net, [set_then_scale]).legs.loc["l2", "capacity_tpy"]
    second = apply_scenarios(tiny_net, [scale_then_set]).legs.loc["l2", "capacity_tpy"]
    assert (first, second) == (200_000, 400_000)
    close_open = _parse(tiny_net, _toml('close = ["leg:l3"]', 'open = ["leg:l3"]'))
    open_close = _parse(tiny_net, _toml('close = ["leg:l3"]', 'open = ["leg:l3"]',
                                        'close = ["leg:l3"]'))
    assert apply_scenarios(tiny_net, [close_open]).legs.loc["l3", "status"] == "operational"
    assert apply_scenarios(tiny_net, [open_close]).legs.loc["l3", "status"] == CLOSED


def test_composition_equals_applying_in_steps(net: Network, every_action: Scenario) -> None:
    pairs = [(_library(net, "caspian-storm-month"), _library(net, "middle-corridor-2030")),
             (every_action, _library(net, "iran-sanctions-tightened")),
             (_library(net, "trans-afghan-railway-open"), _library(net, "torkham-closed"))]
    for a, b in pairs:
        together = apply_scenarios(net, [a, b])
        steps = apply_scenarios(apply_scenarios(net, [a]), [b])
        assert _mismatches(compile_network(together), compile_network(steps)) == [], a.name
        pd.testing.assert_frame_equal(together.legs, steps.legs)
        pd.testing.assert_frame_equal(together.nodes, steps.nodes)
        for made in (together, steps):
            assert scenario_origin(made) == (net, (a, b))
            assert compile_network(made).scenarios == (a, b)
    # the order matters where the changes meet
    a = _parse(net, _toml('set_capacity = ["leg:kz-dostyk--cn-alashankou"]\n'
                          'capacity_tpy = 1000000', name="a"))
    b = _parse(net, _toml('scale = ["leg:kz-dostyk--cn-alashankou"]\ncapacity = 0.5',
                          name="b"))
    ab = apply_scenarios(net, [a, b]).legs.loc["kz-dostyk--cn-alashankou", "capacity_tpy"]
    ba = apply_scenarios(net, [b, a]).legs.loc["kz-dostyk--cn-alashankou", "capacity_tpy"]
    assert (ab, ba) == (500_000, 1_000_000)


def test_set_capacity_on_a_place_sets_its_throughput_only(net: Network) -> None:
    legs = net.legs
    touching = legs.index[(legs["from_id"] == "AZBAK") | (legs["to_id"] == "AZBAK")]
    changed = apply_scenarios(net, [_parse(net, _toml('set_capacity = ["node:AZBAK"]\n'
                                                      'capacity_tpy = 20000000'))])
    assert changed.nodes.loc["AZBAK", "throughput_tpy"] == 20_000_000
    pd.testing.assert_series_equal(changed.legs.loc[touching, "capacity_tpy"],
                                   legs.loc[touching, "capacity_tpy"])


# ------------------------------------------------------ the scenario's network is valid

def _write_tables(network: Network, folder: Path) -> Path:
    """The network's tables as CSV files in ``folder`` (a distance the loader computed is
    left empty again, as in the network's own files)."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, spec in {**TABLES, **OPTIONAL_TABLES}.items():
        frame = getattr(network, name)
        if name == "legs":
            frame = frame.copy()
            frame.loc[frame["distance_basis"] == "geodesic", "distance_km"] = np.nan
        (folder / f"{name}.csv").write_text(to_csv_text(frame, spec), encoding="utf-8")
    return folder


def _reload_problems(network: Network, folder: Path) -> list[str]:
    try:
        back = load_network(directory=_write_tables(network, folder))
    except InputError as exc:
        return [str(p) for p in exc.problems]
    assert _mismatches(compile_network(back), _compile(network)) == []
    return []


def test_the_baseline_round_trips_through_its_files(net: Network, tmp_path: Path) -> None:
    assert _reload_problems(net, tmp_path / "base") == []


@pytest.mark.parametrize("name", library_names())
def test_a_library_scenarios_network_validates(net: Network, tmp_path: Path,
                                               name: str) -> None:
    changed = apply_scenarios(net, [_library(net, name)])
    assert _reload_problems(changed, tmp_path / name) == []


def test_a_closing_scenarios_network_validates(tiny_net: Network, tmp_path: Path) -> None:
    s = _parse(tiny_net, _toml('close = ["CN"]', 'open = ["leg:l11"]',
                               'scale = ["leg:l2"]\ncapacity = 0.5\ndisruption = 3',
                               'set_capacity = ["leg:l9"]\ncapacity_tpy = 300000',
                               'add_days = ["leg:l9"]\ndays = 2'))
    changed = apply_scenarios(tiny_net, [s])
    assert _reload_problems(changed, tmp_path / "t") == []
    back = load_network(directory=tmp_path / "t")
    assert (back.legs.loc[["l2", "l3"], "status"] == CLOSED).all()
    assert back.legs.loc["l11", "status"] == "operational"


def test_a_scenario_scaling_rated_legs_validates(net: Network, every_action: Scenario,
                                                 tmp_path: Path) -> None:
    changed = apply_scenarios(net, [every_action])
    assert _reload_problems(changed, tmp_path / "every") == []



def test_add_days_at_a_port_waits_once_at_its_port_call(net: Network) -> None:
    """A route through a port crosses two transfer legs there (rail to quay, quay to its sea
    side): the days go on the port call only, so a route stopping there waits once."""
    legs = net.legs
    at = legs.index[((legs["from_id"] == "KZAAU") | (legs["to_id"] == "KZAAU"))
                    & (legs["mode"] == "transfer")]
    assert len(at) >= 2
    changed = apply_scenarios(net, [_parse(net, _toml('add_days = ["node:KZAAU"]\n'
                                                      'days = 2'))])
    a, b = compile_network(net), compile_network(changed)
    moved = np.flatnonzero((b.class_days != a.class_days).any(axis=0))
    assert {a.leg_ids[i] for i in a.arc_leg[moved]} == {"kzaau--kzaau-sea"}

"""A fuzz of the network reader: a network whose tables are damaged at random (cells
replaced by hostile text, rows dropped or repeated, a file cut short) is either refused with
an InputError listing its problems, or loads and answers route queries (a route, or "no
route" as an InfeasibleError). Nothing else may escape."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from tests_support import TINY

from corridor.network_data.errors import InfeasibleError, InputError
from corridor.network_data.load import load_network
from corridor.routing.query import find_routes

TABLES = ("nodes.csv", "legs.csv", "commodities.csv", "sources.csv")
HOSTILE = ["", " ", "nan", "NaN", "inf", "-inf", "-1", "0", "1e308", "1e-320", "x", "KZ;;CN",
           "true", "maybe", "1,5", "kz-a", "jp-dest", "l1", "[bold]x", "\u202eevil", "é" * 40,
           "9" * 400, "operational", "planned", "sea", "rail", "999999999999"]


@st.composite
def damage(draw: st.DrawFn) -> list[tuple[str, str, int, int, str]]:
    """A few edits: (table, kind, row, column, text)."""
    edits = []
    for _ in range(draw(st.integers(1, 4))):
        edits.append((draw(st.sampled_from(TABLES)),
                      draw(st.sampled_from(["cell", "cell", "cell", "drop", "repeat", "cut"])),
                      draw(st.integers(1, 12)), draw(st.integers(0, 25)),
                      draw(st.sampled_from(HOSTILE) | st.text(max_size=12))))
    return edits


def _apply(folder: Path, edits: list[tuple[str, str, int, int, str]]) -> None:
    for table, kind, row, column, text in edits:
        path = folder / table
        lines = path.read_text(encoding="utf-8").split("\n")
        body = [i for i, line in enumerate(lines) if i > 0 and line]
        if not body:
            continue
        at = body[row % len(body)]
        if kind == "cell":
            cells = lines[at].split(",")
            cells[column % len(cells)] = text.replace(",", ";").replace("\n", " ") \
                .replace("\r", " ").replace('"', "'")
            lines[at] = ",".join(cells)
        elif kind == "drop":
            del lines[at]
        elif kind == "repeat":
            lines.insert(at, lines[at])
        else:  # cut the file short, mid-line
            text_so_far = "\n".join(lines)
            path.write_text(text_so_far[: max(1, len(text_so_far) * row // 13)],
                            encoding="utf-8")
            continue
        path.write_text("\n".join(lines), encoding="utf-8")


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=damage())
def test_a_damaged_network_is_refused_or_answers(tmp_path_factory: pytest.TempPathFactory,
                                                 edits: list[tuple[str, str, int, int, str]]
                                                 ) -> None:
    folder = tmp_path_factory.mktemp("net")
    for name in TABLES:
        shutil.copy(TINY / name, folder / name)
    _apply(folder, edits)
    try:
        net = load_network(directory=folder)
    except InputError as exc:
        assert exc.problems and all(str(p) for p in exc.problems)
        return
    for origin, destination in (("kz-a", "jp-dest"), ("Alpha", "Juliet")):
        try:
            answer = find_routes(net, origin, destination)
        except (InputError, InfeasibleError):
            continue
        assert answer.routes and all(r.cost_total >= 0 for r in answer.routes)

"""The cost–dependency frontier: exact kinks, each point an optimal plan, convex and
monotone where the theory says so, and the command."""

from __future__ import annotations

import itertools
import json
from pathlib import Path

import pandas as pd
import pytest
from conftest import REPO, run_cli
from tests_support import TINY

from corridor.network_data import load_network
from corridor.network_data.model import Network
from corridor.network_data.shipments import ShipmentBook, read_shipments, shipments_from_records
from corridor.routing.costs import CostParams
from corridor.routing.frontier import (
    RiskFrontier,
    expected_risk_usd,
    frontier,
    risk_frontier,
    switches,
)
from corridor.routing.plan import plan, priced_book

BOOK = REPO / "examples" / "shipments.csv"


@pytest.fixture(scope="module")
def net() -> Network:
    return load_network()


@pytest.fixture(scope="module")
def book(net: Network) -> ShipmentBook:
    return read_shipments(BOOK, net)


def _tiny_book(tiny: Network, values: tuple[float, float]) -> ShipmentBook:
    return shipments_from_records([
        {"shipment_id": "a", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 100, "value_usd_per_t": values[0], "unserved_usd_per_t": 1e6},
        {"shipment_id": "b", "origin": "Alpha", "destination": "Juliet", "commodity": "ore",
         "tonnes": 300, "value_usd_per_t": values[1], "unserved_usd_per_t": 1e6}], tiny)


def _route_cost(tiny: Network, value: float, avoid: frozenset[str]) -> float:
    one = shipments_from_records([{"shipment_id": "x", "origin": "Alpha",
                                   "destination": "Juliet", "commodity": "ore",
                                   "tonnes": 10_000, "value_usd_per_t": value}], tiny)
    # per tonne, from 10,000 t (the plan's total is to the cent)
    return float(plan(tiny, one, params=CostParams(avoid=avoid)).summary[
        "total_cost_usd"]) / 10_000


def test_the_kinks_of_a_two_shipment_book_are_those_worked_out_by_hand() -> None:
    """Two shipments Alpha → Juliet, cheapest via China: 100 t that lose little by leaving
    it (low value) and 300 t that lose more. Capping the share on CN moves the cheap-to-move
    100 t first: the kinks are at 1 (uncapped), 300/400 = 0.75 (the 100 t all moved) and 0,
    and the cost between them is linear with slopes -400 × each shipment's premium."""
    tiny = load_network(directory=TINY)
    values = (1000.0, 200_000.0)
    premium = [_route_cost(tiny, v, frozenset({"CN"})) - _route_cost(tiny, v, frozenset())
               for v in values]
    assert 0 < premium[0] < premium[1]
    drawn = frontier(tiny, _tiny_book(tiny, values), "CN")
    assert [p.cap for p in drawn.points] == pytest.approx([0.0, 0.75, 1.0], abs=1e-7)
    base = drawn.points[-1].objective
    assert drawn.points[1].objective == pytest.approx(base + 100 * premium[0], abs=0.02)
    assert drawn.points[0].objective == pytest.approx(
        base + 100 * premium[0] + 300 * premium[1], abs=0.02)
    assert drawn.convex
    # below 75 % the 300 t move too: the switch names b
    assert [s["shipment_id"] for s in switches(drawn.points[0], drawn.points[1])] == ["b"]


@pytest.mark.parametrize("key", ["CN", "suez"])
def test_every_point_is_the_plan_at_its_cap(net: Network, book: ShipmentBook,
                                            key: str) -> None:
    drawn = frontier(net, book, key)
    priced = priced_book(net, book)
    for point in drawn.points:
        direct = plan(net, priced, max_share={key: point.cap})
        assert direct.summary["objective_usd"] == pytest.approx(point.objective, abs=0.01)


def test_the_frontier_is_monotone_convex_and_misses_no_kink(net: Network,
                                                            book: ShipmentBook) -> None:
    drawn = frontier(net, book, "RU")
    assert drawn.convex and len(drawn.points) > 3
    caps = [p.cap for p in drawn.points]
    costs = [p.objective for p in drawn.points]
    assert caps == sorted(caps)
    assert all(a >= b - 0.01 for a, b in itertools.pairwise(costs))  # looser, no dearer
    slopes = [(b[1] - a[1]) / (b[0] - a[0]) for a, b in itertools.pairwise(zip(caps, costs))
              if b[0] - a[0] > 1e-6]
    # convex: the slopes rise from one piece to the next (each point a kink)
    assert all(s1 < s2 for s1, s2 in itertools.pairwise(slopes))
    # between neighbouring points the cost is the straight line: no kink was missed
    priced = priced_book(net, book)
    for a, b in list(zip(drawn.points, drawn.points[1:]))[::3]:
        mid = (a.cap + b.cap) / 2
        between = plan(net, priced, max_share={"RU": mid}).summary["objective_usd"]
        line = a.objective + (b.objective - a.objective) * (mid - a.cap) / (b.cap - a.cap)
        assert between == pytest.approx(line, abs=0.05)


def test_a_key_already_capped_or_unknown_is_refused(net: Network, book: ShipmentBook) -> None:
    from corridor.network_data.errors import InputError

    with pytest.raises(InputError, match="capped by max_share already"):
        frontier(net, book, "CN", max_share={"CN": 0.3})
    with pytest.raises(InputError, match="did you mean"):
        frontier(net, book, "suezz")


def test_the_command(tmp_path: Path) -> None:
    out = tmp_path / "frontier.csv"
    res = run_cli("frontier", str(BOOK), "--over", "dependency:suez", "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert "Cost against the share depending on suez" in res.stdout
    table = pd.read_csv(out)
    assert list(table.columns)[:6] == ["cap", "share", "total_cost_usd", "objective_usd",
                                       "unserved_tonnes", "usd_per_point"]
    assert table["cap"].is_monotonic_increasing and table["cap"].iloc[0] == 0.0
    doc = json.loads(run_cli("frontier", str(BOOK), "--over", "suez", "--json").stdout)
    assert doc["key"] == "suez" and doc["convex"] is True
    assert [p["cap"] for p in doc["points"]] == table["cap"].tolist()
    bad = run_cli("frontier", str(BOOK), "--over", "CN", "--max-share", "CN=0.2")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1
    assert "field --over" in bad.stderr


def test_the_plot(tmp_path: Path) -> None:
    """--plot draws PNG or SVG (by the file's ending), the same bytes for the same input;
    another ending is refused before anything is planned."""
    import xml.etree.ElementTree as ET

    png, svg = tmp_path / "f.png", tmp_path / "f.svg"
    for path in (png, svg):
        res = run_cli("frontier", str(BOOK), "--over", "suez", "--plot", str(path))
        assert res.returncode == 0, res.stderr
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert ET.parse(svg).getroot().tag.endswith("svg")
    again = tmp_path / "g.svg"
    run_cli("frontier", str(BOOK), "--over", "suez", "--plot", str(again))
    assert again.read_bytes() == svg.read_bytes()
    bad = run_cli("frontier", str(BOOK), "--over", "suez", "--plot", str(tmp_path / "f.pdf"))
    assert bad.returncode == 2 and "give a file ending .png or .svg" in bad.stderr
    assert not (tmp_path / "f.pdf").exists()


def test_with_another_cap_the_frontier_moves_its_own(net: Network, book: ShipmentBook) -> None:
    """Other share caps hold at every point; the frontier reads and moves its key's cap,
    not the first cap of the plan."""
    drawn = frontier(net, book, "RU", max_share={"CN": 0.3})
    assert len(drawn.points) > 3
    priced = priced_book(net, book)
    for point in drawn.points[::3]:
        assert point.plan.summary["share_caps"]["RU"]["max_share"] == point.cap
        direct = plan(net, priced, max_share={"CN": 0.3, "RU": point.cap})
        assert direct.summary["objective_usd"] == pytest.approx(point.objective, abs=0.01)


@pytest.fixture(scope="module")
def risk_drawn(net: Network, book: ShipmentBook) -> RiskFrontier:
    return risk_frontier(net, book)


def test_the_cost_risk_frontier_is_exact(net: Network, book: ShipmentBook,
                                         risk_drawn: RiskFrontier) -> None:
    """Each vertex is the plan at its risk weight; cost rises and risk falls along it, ever
    more steeply (convex); and between two neighbours, at the weight where they cost the
    same, no plan is cheaper than both (no vertex was missed)."""
    points = risk_drawn.points
    assert len(points) > 5 and points[0].weight == 0.0
    costs, risks = [p.cost for p in points], [p.risk_usd for p in points]
    assert all(a < b for a, b in itertools.pairwise(costs))
    assert all(a > b for a, b in itertools.pairwise(risks))
    rates = [(b.cost - a.cost) / (a.risk_usd - b.risk_usd)
             for a, b in itertools.pairwise(points)]
    assert all(r1 <= r2 * (1 + 1e-6) for r1, r2 in itertools.pairwise(rates))
    priced = priced_book(net, book)
    for (a, _b), rate in list(zip(itertools.pairwise(points), rates))[::7]:
        at_tie = plan(net, priced, params=CostParams(risk_weight=rate))
        assert at_tie.summary["objective_usd"] == pytest.approx(
            a.cost + rate * a.risk_usd, abs=0.05)
    for point in points[::9]:
        direct = plan(net, priced, params=CostParams(risk_weight=point.weight))
        assert direct.summary["objective_usd"] == pytest.approx(point.objective, abs=0.01)
        assert expected_risk_usd(direct) == pytest.approx(point.risk_usd, abs=0.01)


def test_the_risk_measure_is_the_risk_part_at_weight_one(net: Network,
                                                         book: ShipmentBook) -> None:
    result = plan(net, priced_book(net, book))  # risk weight 1
    # the summary adds parts rounded to the cent per tonne: up to 0.005 USD × 7 Mt apart
    assert expected_risk_usd(result) == pytest.approx(
        result.summary["cost_by_part_usd"]["risk"], abs=0.005 * book.total_tonnes)


def test_the_risk_command(tmp_path: Path) -> None:
    out = tmp_path / "risk.csv"
    res = run_cli("frontier", str(BOOK), "--over", "risk", "-o", str(out), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["key"] == "risk" and doc["points"][0]["risk_weight"] == 0.0
    table = pd.read_csv(out)
    assert list(table.columns)[:6] == ["risk_weight", "cost_usd", "risk_usd",
                                       "objective_usd", "unserved_tonnes", "usd_per_risk_usd"]
    assert table["risk_usd"].is_monotonic_decreasing
    assert len(table) == len(doc["points"])

"""Service levels: the express days derived from the regular ones by the fitted factors, on
the embedded network (checked arc by arc against the rates) and on the tiny network (a fit
worked out by hand); the route command's ``--service``."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
from conftest import run_cli
from tests_support import TINY

from corridor.network_data import load_network
from corridor.network_data.model import Network
from corridor.routing.calibrate import calibrate
from corridor.routing.compile import compile_network
from corridor.routing.figures import check_figures
from corridor.routing.services import EXPRESS_RATES, with_service


def _factor(net: Network, rate_id: str, component: str) -> float:
    rates = net.rates
    row = rates[(rates["rate_id"] == rate_id) & (rates["cargo_class"] == "container") &
                (rates["component"] == component)]
    assert len(row) == 1, rate_id
    return float(row["value"].iloc[0])


def test_express_days_are_the_regular_ones_with_the_factors(net: Network) -> None:
    regular = compile_network(net)
    express = with_service(regular, "express")
    k = regular.class_index("container")
    border = _factor(net, *EXPRESS_RATES["border"])
    rail = _factor(net, *EXPRESS_RATES["rail"])
    road = _factor(net, *EXPRESS_RATES["road"])
    assert 0 < border < 1 and rail > 1 and road > 1
    mode = np.array(regular.mode)
    before, after = regular.class_days[k], express.class_days[k]
    # the embedded network's rail and road legs take all their days from the speed, its
    # borders all theirs from the rate's dwell: the factors apply whole
    np.testing.assert_allclose(after[mode == "border"], before[mode == "border"] * border)
    np.testing.assert_allclose(after[mode == "rail"], before[mode == "rail"] / rail)
    np.testing.assert_allclose(after[mode == "road"], before[mode == "road"] / road)
    others = ~np.isin(mode, ["border", "rail", "road"])
    np.testing.assert_array_equal(after[others], before[others])  # sailings, ports, ferries
    np.testing.assert_array_equal(express.class_tariff, regular.class_tariff)
    assert express.service == "express" and regular.service == "regular"
    np.testing.assert_array_equal(with_service(express, "regular").class_days,
                                  regular.class_days)
    assert with_service(regular, "regular") is regular
    with pytest.raises(ValueError, match="unknown service 'fast'"):
        with_service(regular, "fast")


def test_express_figures_are_checked_against_the_express_days(net: Network) -> None:
    observations = net.observations
    express_ids = set(observations.index[observations["service"] == "express"])
    # priority, record and pre-cleared runs, as their sources describe them
    assert {"o001", "o015", "o037", "o044", "o057", "o075"} <= express_ids
    assert {"o036", "o045"}.isdisjoint(express_ids)  # the same lines' ordinary services
    checks = {c.obs_id: c for c in check_figures(net)}
    assert {i for i, c in checks.items() if c.service == "express"} == express_ids
    # the ordinary Trans-Siberian service takes longer than the express on the same line
    assert checks["o045"].model > checks["o044"].model * 1.15
    assert checks["o036"].model > checks["o037"].model * 1.5  # Tashkent–Hairatan


def test_express_factors_are_fitted_to_the_express_figures_only(net: Network) -> None:
    rates = net.rates
    express = rates[rates["rate_id"].str.startswith("express:")]
    assert set(express["rate_id"]) == {rate for rate, _ in EXPRESS_RATES.values()}
    fit_express = set(net.observations.index[(net.observations["service"] == "express") &
                                             (net.observations["use"] == "fit")])
    for row in express.itertuples():
        assert row.low <= row.value <= row.high
        assert set(row.fitted_to) <= fit_express
    border = express[express["rate_id"] == "express:border"].iloc[0]
    assert border["basis"] == "fitted" and border["fitted_to"]


def _tiny_with_rates(tmp: Path, observations: str) -> Path:
    """The tiny network, its rail legs l1 (600 km) and l3 (4,500 km) at 1,000 km/day by the
    rate rail:T, its border l2 (1 day of its own) and the express factors."""
    from test_calibration import OBS_HEADER, RATES, _network

    express = ("express:border,container,days_factor,0.5,0.5,0.1,1,estimated,estimated,,\n"
               "express:rail,container,speed_factor,1.25,1.25,1,2,estimated,estimated,,\n"
               "express:road,container,speed_factor,1.5,1.5,1,2,estimated,estimated,,\n")
    folder = _network(tmp, RATES + express, "")
    (folder / "observations.csv").write_text(
        OBS_HEADER.replace(",use,", ",service,use,") + observations, encoding="utf-8")
    return folder


def test_an_express_figure_moves_the_express_factors(tmp_path: Path) -> None:
    shutil.copytree(TINY, tmp_path / "copy")  # the tiny network is there to be copied
    # Regular Alpha → port: 1 + 5,100 km / 1,000 + 1 (border) + 5 = 12.1 days, met exactly.
    # An express run of the same route took 10.1 days.
    obs = ("o1,regular,kz-a,cn-port,cn-c,,container,days,12.1,12.1,,,rail_leg,2025,t1,"
           "regular,fit,\n"
           "o2,express,kz-a,cn-port,cn-c,,container,days,10.1,10.1,,,rail_leg,2025,t1,"
           "express,fit,\n")
    net = load_network(directory=_tiny_with_rates(tmp_path, obs))
    before = {c.obs_id: c.model or 0.0 for c in check_figures(net)}
    # at the priors: 1 + 5,100 / (1,000 × 1.25) + 1 × 0.5 + 5 = 10.58 days
    assert before["o2"] == pytest.approx(10.58)
    result = calibrate(net)
    after = {c.obs_id: c for c in result.after}
    values = result.values
    # the express figure pulls both express factors its way (each held near its prior by
    # the regularisation, as every rate is) and the regular figure stays met within 2 %
    assert values[("express:rail", "container", "speed_factor")] > 1.25
    assert values[("express:border", "container", "days_factor")] < 0.5
    assert values[("express:road", "container", "speed_factor")] == 1.5  # no road in it
    assert 10.1 < after["o2"].model < before["o2"] - 0.2
    assert after["o1"].model == pytest.approx(12.1, rel=0.02)
    assert result.fitted_to[("express:rail", "container", "speed_factor")] == ("o2",)
    assert result.fitted_to[("express:border", "container", "days_factor")] == ("o2",)
    assert ("express:road", "container", "speed_factor") not in result.fitted_to


def test_without_express_rates_an_express_figure_is_read_at_regular_days(
        tmp_path: Path) -> None:
    from test_calibration import OBS_HEADER, RATES, _network

    obs = ("o1,express,kz-a,cn-port,cn-c,,container,days,12.1,12.1,,,rail_leg,2025,t1,"
           "express,fit,\n")
    folder = _network(tmp_path, RATES, "")
    (folder / "observations.csv").write_text(
        OBS_HEADER.replace(",use,", ",service,use,") + obs, encoding="utf-8")
    net = load_network(directory=folder)
    assert check_figures(net)[0].model == pytest.approx(12.1)  # as the regular service
    result = calibrate(net)  # the rates are fitted to it as to a regular figure
    assert result.after[0].model == pytest.approx(12.1, rel=0.01)


def test_a_figure_for_an_unknown_service_is_refused(tmp_path: Path) -> None:
    obs = ("o1,regular,kz-a,cn-port,cn-c,,container,days,12.1,12.1,,,rail_leg,2025,t1,"
           "fast,fit,\n")
    folder = _tiny_with_rates(tmp_path, obs)
    out = run_cli("network", "validate", "--network", str(folder))
    assert out.returncode == 1  # the network is invalid
    assert "observations.csv line 2, field service: 'fast'" in out.stderr


def test_route_by_express_service() -> None:
    regular = run_cli("route", "Altynkol", "Baku", "--json", "--alternatives", "0")
    express = run_cli("route", "Altynkol", "Baku", "--json", "--alternatives", "0",
                      "--service", "express")
    assert regular.returncode == 0 and express.returncode == 0, express.stderr
    a, b = json.loads(regular.stdout), json.loads(express.stdout)
    assert a["query"]["service"] == "regular" and b["query"]["service"] == "express"
    assert b["made_with"]["service"] == "express"
    ra, rb = a["routes"][0], b["routes"][0]
    assert rb["nodes"] == ra["nodes"]
    assert rb["transit_days"] < ra["transit_days"] * 0.9
    # same tariffs: the freight and handling do not move, only the time cost
    for part in ("freight", "handling"):
        assert rb["cost_breakdown"][part] == ra["cost_breakdown"][part]
    assert rb["cost_breakdown"]["time"] < ra["cost_breakdown"]["time"]
    table = run_cli("route", "Altynkol", "Baku", "--service", "express")
    assert "express service: days of a priority train or truck (border dwell ×" in \
        table.stdout.replace("\n", " ")
    bad = run_cli("route", "Altynkol", "Baku", "--service", "fast")
    assert bad.returncode == 2 and "--service" in bad.stderr and "Traceback" not in bad.stderr


def test_plan_by_express_service(tmp_path: Path) -> None:
    book = str(Path(__file__).parent.parent / "examples" / "shipments.csv")
    regular = run_cli("plan", book, "--json")
    express = run_cli("plan", book, "--json", "--service", "express")
    assert regular.returncode == 0 and express.returncode == 0, express.stderr
    a, b = json.loads(regular.stdout), json.loads(express.stdout)
    assert a["made_with"]["service"] == "regular" and b["made_with"]["service"] == "express"
    # express days are never longer and tariffs the same: the optimum can only get cheaper
    assert b["summary"]["total_cost_usd"] < a["summary"]["total_cost_usd"]
    assert b["summary"]["cost_by_part_usd"]["time"] < a["summary"]["cost_by_part_usd"]["time"]
    saved = tmp_path / "express.json"
    saved.write_text(express.stdout, encoding="utf-8")
    again = run_cli("plan", "--rerun", str(saved), "--json")
    assert again.returncode == 0, again.stderr
    assert json.loads(again.stdout)["summary"] == b["summary"]
    refused = run_cli("plan", "--rerun", str(saved), "--service", "express")
    assert refused.returncode == 2 and "--service cannot be given with it" in refused.stderr
    table = run_cli("plan", book, "--service", "express")
    assert "express (border dwell ×" in table.stdout


def test_plan_refuses_an_unknown_service(net: Network) -> None:
    from corridor.network_data import InputError
    from corridor.network_data.shipments import shipments_from_records
    from corridor.routing.plan import plan

    book = shipments_from_records([{"shipment_id": "s1", "origin": "Oskemen",
                                    "destination": "Yokohama", "commodity": "beryllium",
                                    "tonnes": 200}], net)
    with pytest.raises(InputError, match="field service: 'fast' is not one of"):
        plan(net, book, service="fast")


def test_a_book_sets_the_service_per_shipment(tmp_path: Path, net: Network) -> None:
    from corridor.network_data.shipments import parse_shipments, read_shipments
    from corridor.routing.plan import plan

    text = ("shipment_id,origin,destination,commodity,tonnes,service\n"
            "fast,Altynkol,Baku,rare_earth_concentrate,1000,express\n"
            "usual,Altynkol,Baku,rare_earth_concentrate,1000,\n"
            "named,Altynkol,Baku,rare_earth_concentrate,1000, Regular \n")
    book_file = tmp_path / "book.csv"
    book_file.write_text(text, encoding="utf-8")
    book = read_shipments(book_file, net)
    assert book.service.tolist() == ["express", "", "regular"]
    # the row-by-row reader (a quoted cell sends the file there) reads the same book
    slow = parse_shipments(text.replace("usual,", '"usual",'), net)
    assert slow.service.tolist() == book.service.tolist()
    rows = plan(net, book).shipments.set_index("shipment_id")  # verified inside plan()
    assert rows["service"].tolist() == ["express", "regular", "regular"]
    assert rows.loc["fast", "days"] < rows.loc["usual", "days"] * 0.9
    assert rows.loc["usual", "days"] == rows.loc["named", "days"]
    assert rows.loc["fast", "freight_usd_per_t"] == rows.loc["usual", "freight_usd_per_t"]
    # an empty cell takes the plan's service
    express = plan(net, book, service="express").shipments.set_index("shipment_id")
    assert express["service"].tolist() == ["express", "express", "regular"]
    assert express.loc["usual", "days"] == rows.loc["fast", "days"]
    table = run_cli("plan", str(book_file))
    assert "1 of 3 shipments express (border dwell ×" in " ".join(table.stdout.split())
    bad = tmp_path / "bad.csv"
    bad.write_text(text.replace(",express\n", ",fast\n"), encoding="utf-8")
    out = run_cli("plan", str(bad), "-o", str(tmp_path / "plan.csv"))
    assert out.returncode == 2 and not (tmp_path / "plan.csv").exists()
    assert out.stderr.strip() == (f"error: {bad} line 2, field service: 'fast' is not one of "
                                  "regular, express (or empty: the plan's)")


def test_whatif_by_express_service() -> None:
    book = str(Path(__file__).parent.parent / "examples" / "shipments.csv")
    out = run_cli("whatif", book, "--scenario", "china-transit-ban", "--service", "express",
                  "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["made_with"]["service"] == "express"
    express = json.loads(run_cli("plan", book, "--service", "express", "--json").stdout)
    assert doc["baseline"]["total_cost_usd"] == express["summary"]["total_cost_usd"]
    table = run_cli("whatif", book, "--scenario", "china-transit-ban", "--service", "express")
    assert table.stdout.startswith("express service for the shipments that name none")

"""Rates, observations and the calibration on the tiny network, with answers worked out by
hand; the check-figures and calibrate commands through the real entry point."""

from __future__ import annotations

import csv
import json
import shutil
from pathlib import Path

import pytest
from conftest import run_cli
from tests_support import TINY

from corridor.network_data import InputError, load_network
from corridor.routing.calibrate import PRIOR_WEIGHT, calibrate
from corridor.routing.compile import compile_network
from corridor.routing.figures import FigureCheck, check_figures

RATES_HEADER = ("rate_id,cargo_class,component,value,prior,low,high,basis,provenance,"
                "fitted_to,notes\n")
OBS_HEADER = ("obs_id,description,from_id,to_id,via,avoid,cargo_class,metric,low,high,"
              "payload_t_low,payload_t_high,scope,year,source_ids,use,notes\n")


def _network(tmp: Path, rates: str, observations: str) -> Path:
    """The tiny network with the China rail legs (l1 600 km, l3 4,500 km) priced by the rate
    rail:T instead of their own tariffs, and the given rates and observations."""
    folder = tmp / "net"
    shutil.copytree(TINY, folder)
    with (TINY / "legs.csv").open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        row["rate_id"] = ""
        if row["leg_id"] in ("l1", "l3"):
            row["rate_id"], row["tariff_usd_per_tkm"] = "rail:T", "0"
    with (folder / "legs.csv").open("w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, list(rows[0]), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    (folder / "rates.csv").write_text(RATES_HEADER + rates, encoding="utf-8")
    (folder / "observations.csv").write_text(OBS_HEADER + observations, encoding="utf-8")
    return folder


RATES = ("rail:T,container,usd_per_tkm,0.05,0.05,0.01,0.2,sourced,t1,,prior from t1\n"
         "rail:T,container,km_per_day,1000,1000,500,2000,sourced,t1,,\n")


def _obs(usd: float, days: float = 8.2, use: str = "fit") -> str:
    return (f"o1,Alpha to the port,kz-a,cn-port,cn-c,,container,usd_per_t,{usd},{usd},,,"
            f"rail_leg,2025,t1,{use},\n"
            f"o2,Alpha to the port,kz-a,cn-port,cn-c,,container,days,{days},{days},,,"
            f"rail_leg,2025,t1,{use},\n")


def test_the_rate_prices_its_legs_per_class(tmp_path: Path) -> None:
    net = load_network(directory=_network(tmp_path, RATES, _obs(300.0)))
    checks = {c.obs_id: c for c in check_figures(net)}
    # 5,100 km × 0.05 + 20 USD/t border = 275; days: 1 + 5,100/1,000 + 1 + 5 = 12.1
    assert checks["o1"].model == pytest.approx(275.0)
    assert checks["o1"].error == pytest.approx(275 / 300 - 1)
    assert checks["o2"].model == pytest.approx(12.1)


def test_fit_is_the_regularised_least_squares_by_hand(tmp_path: Path) -> None:
    net = load_network(directory=_network(tmp_path, RATES, _obs(530.0, days=10.0)))
    result = calibrate(net)
    # cost: a θ + b with a = 5,100 km, b = 20; minimise ((aθ + b − m)/m)² + λ((θ − p)/h)²
    a, b, m, p, h = 5100.0, 20.0, 530.0, 0.05, (0.2 - 0.01) / 2
    want = (a * (m - b) / m**2 + PRIOR_WEIGHT * p / h**2) / (a**2 / m**2 + PRIOR_WEIGHT / h**2)
    got = result.values[("rail:T", "container", "usd_per_tkm")]
    assert got == pytest.approx(want, rel=1e-3)  # the shipped value keeps 4 figures
    assert result.fitted_to[("rail:T", "container", "usd_per_tkm")] == ("o1",)
    # days: 1 + 1 + 5 own days + 5,100 km × pace, the pace (1 / speed) fitted the same way
    a, b, m, p, h = 5100.0, 7.0, 10.0, 1 / 1000, (1 / 500 - 1 / 2000) / 2
    pace = (a * (m - b) / m**2 + PRIOR_WEIGHT * p / h**2) / (a**2 / m**2 + PRIOR_WEIGHT / h**2)
    speed = result.values[("rail:T", "container", "km_per_day")]
    assert speed == pytest.approx(1 / pace, rel=1e-3)


def test_fit_stops_at_the_bound_the_sources_give(tmp_path: Path) -> None:
    net = load_network(directory=_network(tmp_path, RATES, _obs(5000.0)))
    result = calibrate(net)
    assert result.values[("rail:T", "container", "usd_per_tkm")] == 0.2


def test_holdout_figures_are_not_fitted(tmp_path: Path) -> None:
    net = load_network(directory=_network(tmp_path, RATES, _obs(530.0, use="holdout")))
    result = calibrate(net)
    assert result.values[("rail:T", "container", "usd_per_tkm")] == 0.05
    assert not result.fitted_to


def _mode_obs(modes: str, via: str = "") -> str:
    """Alpha to Japan, days, made by the given carrying modes (``modes`` column present)."""
    return (f"o9,Alpha to Japan,kz-a,jp-dest,{via},,{modes},container,days,20,20,,,"
            "door_to_door,2025,t1,fit,\n")


def _with_modes_column(folder: Path) -> None:
    path = folder / "observations.csv"
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    lines[0] = lines[0].replace("avoid,", "avoid,modes,")
    path.write_text("".join(lines), encoding="utf-8")


def test_a_figure_made_by_one_mode_is_read_off_that_modes_legs(tmp_path: Path) -> None:
    def figure(modes: str, via: str = "") -> FigureCheck:
        folder = _network(tmp_path / f"{modes.replace(';', '_') or 'any'}-{via}", RATES,
                          _mode_obs(modes, via))
        _with_modes_column(folder)
        return check_figures(load_network(directory=folder))[0]

    arc_mode = compile_network(load_network(directory=TINY)).mode
    any_mode, rail_sea = figure(""), figure("rail;sea")
    assert {arc_mode[a] for a in any_mode.arcs} == {"rail", "border", "sea"}
    assert rail_sea.model == pytest.approx(any_mode.model)  # the same modes: the same route
    # Through the Caspian port: by ferry, or (ferry excluded) back inland and via China.
    with_ferry = figure("rail;ferry;sea", via="kz-port")
    no_ferry = figure("rail;sea", via="kz-port")
    assert "ferry" in {arc_mode[a] for a in with_ferry.arcs}
    assert "ferry" not in {arc_mode[a] for a in no_ferry.arcs}
    assert no_ferry.arcs[-4:] == any_mode.arcs and no_ferry.model != with_ferry.model
    assert figure("road").model is None  # the tiny network has no road legs
    folder = _network(tmp_path / "bad", RATES, _mode_obs("truck"))
    _with_modes_column(folder)
    with pytest.raises(InputError) as info:
        load_network(directory=folder)
    assert any(p.field == "modes" and "'truck' is not one of rail, road, sea, ferry"
               in p.message for p in info.value.problems)


def test_a_rate_outside_its_bounds_and_an_unknown_rate_are_refused(tmp_path: Path) -> None:
    bad = RATES.replace("0.05,0.05,0.01,0.2", "0.5,0.05,0.01,0.2")
    with pytest.raises(InputError) as info:
        load_network(directory=_network(tmp_path, bad, _obs(300.0)))
    assert any(p.field == "value" and "outside its bounds" in p.message
               for p in info.value.problems)
    folder = _network(tmp_path / "b", RATES.replace("rail:T", "rail:X"), _obs(300.0))
    with pytest.raises(InputError) as info:
        load_network(directory=folder)
    assert any(p.field == "rate_id" and "unknown rate 'rail:T'" in p.message
               for p in info.value.problems)


def test_check_figures_command(tmp_path: Path) -> None:
    folder = _network(tmp_path, RATES, _obs(275.0, days=12.1))
    out = run_cli("network", "check-figures", "--network", str(folder), "--json")
    assert out.returncode == 0, out.stderr
    doc = json.loads(out.stdout)
    assert doc["within_targets"] is True
    assert [o["obs_id"] for o in doc["observations"]] == ["o1", "o2"]
    assert doc["observations"][0]["model"] == 275.0
    table = run_cli("network", "check-figures", "--network", str(folder))
    assert "median |error|" in table.stdout and "met" in table.stdout
    off = _network(tmp_path / "off", RATES, _obs(500.0))
    assert run_cli("network", "check-figures", "--network", str(off)).returncode == 1


def test_check_figures_reads_a_users_figures(tmp_path: Path) -> None:
    folder = _network(tmp_path, RATES, _obs(275.0))
    mine = tmp_path / "mine.csv"
    mine.write_text(OBS_HEADER + "x1,Alpha to Juliet,kz-a,jp-dest,,RU,container,days,9,12,,,"
                    "door_to_door,2026,t1,holdout,\n", encoding="utf-8")
    out = run_cli("network", "check-figures", "--network", str(folder), "--observations",
                  str(mine), "--json")
    assert json.loads(out.stdout)["observations"][0]["obs_id"] == "x1"
    bad = tmp_path / "bad.csv"
    bad.write_text(OBS_HEADER + "x1,Alpha,kz-a,nowhere,,,container,days,9,12,,,,2026,t1,fit,\n",
                   encoding="utf-8")
    out = run_cli("network", "check-figures", "--network", str(folder), "--observations",
                  str(bad))
    assert out.returncode == 2
    assert "line 2, field to_id: unknown node id 'nowhere'" in out.stderr


def test_calibrate_command_writes_the_fitted_rates(tmp_path: Path) -> None:
    folder = _network(tmp_path, RATES, _obs(530.0))
    out = run_cli("network", "calibrate", "--network", str(folder), "--write")
    assert out.returncode == 0, out.stderr
    assert "rate components fitted" in out.stdout
    rates = list(csv.DictReader((folder / "rates.csv").open(encoding="utf-8")))
    fitted = next(r for r in rates if r["component"] == "usd_per_tkm")
    assert fitted["basis"] == "fitted" and fitted["fitted_to"] == "o1"
    assert 0.09 < float(fitted["value"]) < 0.11
    again = run_cli("network", "calibrate", "--network", str(folder))
    assert again.returncode == 0
    assert load_network(directory=folder).rates["value"].tolist() == \
        [float(r["value"]) for r in rates]

"""The masters' OR-Tools backends cross-checked against each other, and the LP certificate.

GLOP (LP) and SCIP (MIP) are the defaults, picked by ``benchmarks/bench_backends.py``; CLP
and CP-SAT must reach the same plans. Column generation is only as good as the duals it
prices with, so the final master's duals must certify its optimum (strong duality).
"""

from __future__ import annotations

import contextlib

import pytest

from corridor.network_data.errors import SolverError
from corridor.network_data.model import Network
from corridor.network_data.shipments import read_shipments
from corridor.routing.plan import plan
from corridor.routing.plan.master import Duals, LPMaster

CAPS = {"RU": 0.3, "CN": 0.3}


@pytest.fixture(scope="module")
def example(net: Network):  # type: ignore[no-untyped-def]
    from tests_support import DATA

    return read_shipments(DATA.parent.parent / "examples" / "shipments.csv", net)


def test_lp_backends_agree(net: Network, example) -> None:  # type: ignore[no-untyped-def]
    glop = plan(net, example, max_share=CAPS)
    clp = plan(net, example, max_share=CAPS, lp_solver="CLP")
    assert glop.summary["method"] == "column_generation"  # the caps bind: a real LP
    assert clp.summary["objective_usd"] == pytest.approx(glop.summary["objective_usd"],
                                                         rel=1e-9)


def test_mip_backends_agree(net: Network, example) -> None:  # type: ignore[no-untyped-def]
    scip = plan(net, example, max_share=CAPS, unsplittable=True)
    cpsat = plan(net, example, max_share=CAPS, unsplittable=True, mip_solver="CP-SAT")
    assert scip.summary["method"] == "column_generation+mip"
    assert scip.summary["mip_optimal"] and cpsat.summary["mip_optimal"]
    assert cpsat.summary["objective_usd"] == pytest.approx(scip.summary["objective_usd"],
                                                           rel=1e-6)
    assert scip.summary["mip_gap"] > 0  # the LP splits shipments; one route each costs more


def test_duals_that_do_not_certify_the_optimum_are_an_error(
        net: Network, example, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    real = LPMaster.duals

    def no_capacity_prices(self: LPMaster) -> Duals:
        d = real(self)
        return Duals(d.pi, d.p_arc * 0.0, d.p_node * 0.0, d.q * 0.0)

    monkeypatch.setattr(LPMaster, "duals", no_capacity_prices)
    with pytest.raises(SolverError, match="do not certify"):
        plan(net, example, max_share=CAPS)


def test_unknown_backend_is_a_clear_error(net: Network, example) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(SolverError, match="backend NOPE is not available"):
        plan(net, example, max_share=CAPS, lp_solver="NOPE")


def test_a_backend_with_wrong_duals_is_refused_before_planning() -> None:
    """The duals are checked on a small LP before a backend is used for pricing: one that
    solves the primal right but returns, say, row activities as duals is an error."""
    import numpy as np

    from corridor.routing.plan import master

    def activities_as_duals(solver_name, costs, lower, upper, matrix, n_routes):  # type: ignore[no-untyped-def]
        x = np.array([0.4, 0.6])
        return master._LPSolution(x, matrix @ x, float(costs @ x)), 0.0

    with pytest.raises(SolverError, match=r"FAKE cannot price routes.*\[1\.0, 0\.4\]"):
        master._with_right_duals(activities_as_duals, "FAKE")
    assert master._with_right_duals(master._solve_model_builder, "GLOP") is \
        master._solve_model_builder
    assert master._wrong_duals(master._solve_pywraplp, "CLP") == ""


def test_highs_lp_plans_right_or_is_refused_up_front(net: Network, example) -> None:  # type: ignore[no-untyped-def]
    """OR-Tools' HiGHS interface returned row activities as duals when this was written:
    planning with it must stop with that reason, not after a wasted solve (or, once fixed,
    plan as GLOP does)."""
    glop = plan(net, example, max_share=CAPS)
    try:
        highs = plan(net, example, max_share=CAPS, lp_solver="HIGHS_LP")
    except SolverError as exc:
        assert "cannot price routes" in str(exc)
    else:
        assert highs.summary["objective_usd"] == pytest.approx(
            glop.summary["objective_usd"], rel=1e-9)


def test_highs_keeps_off_stdout(net: Network, example,  # type: ignore[no-untyped-def]
                                capfd: pytest.CaptureFixture[str]) -> None:
    """HiGHS prints a banner on stdout unless told not to; a Python user's or a script's
    stdout (a plan's JSON) must not get it, whether HiGHS plans or is refused."""
    scip = plan(net, example, max_share=CAPS, unsplittable=True)
    capfd.readouterr()
    highs = plan(net, example, max_share=CAPS, unsplittable=True, mip_solver="HIGHS")
    with contextlib.suppress(SolverError):  # refused while OR-Tools' duals are wrong
        plan(net, example, max_share=CAPS, lp_solver="HIGHS_LP")
    out = capfd.readouterr().out
    assert "HiGHS" not in out and out == ""
    assert highs.summary["mip_optimal"]
    assert highs.summary["objective_usd"] == pytest.approx(scip.summary["objective_usd"],
                                                           rel=1e-6)

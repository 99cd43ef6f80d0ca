"""What a share cap costs: the summary's value of one more percentage point of cap against
re-planning with the cap moved (the embedded network and the example book, where the caps
bind through real routes)."""

from __future__ import annotations

import pytest

from corridor.network_data.model import Network
from corridor.network_data.shipments import read_shipments
from corridor.routing.plan import plan

STEP = 1e-4  # of share: small enough that the plan keeps its basis


@pytest.fixture(scope="module")
def example(net: Network):  # type: ignore[no-untyped-def]
    from tests_support import DATA

    return read_shipments(DATA.parent.parent / "examples" / "shipments.csv", net)


@pytest.mark.parametrize("caps", [{"RU": 0.3, "CN": 0.3}, {"KZ": 0.97, "RU": 0.25}])
def test_value_of_a_point_matches_replanning(net: Network, example,  # type: ignore[no-untyped-def]
                                              caps: dict[str, float]) -> None:
    base = plan(net, example, max_share=caps)
    s = base.summary
    assert set(s["share_caps"]) == set(caps)
    binding = [key for key, cap in s["share_caps"].items() if cap["binding"]]
    assert binding == s["binding_caps"] and binding
    for key, cap in s["share_caps"].items():
        assert cap["share"] <= caps[key] + 1e-6
        wider = plan(net, example, max_share={**caps, key: caps[key] + STEP})
        saved_per_point = (s["objective_usd"] - wider.summary["objective_usd"]) / (STEP * 100)
        if cap["binding"]:
            assert cap["share"] == pytest.approx(caps[key], abs=1e-4)
            assert saved_per_point == pytest.approx(cap["usd_per_point"], rel=2e-3)
            assert cap["usd_per_point"] == pytest.approx(
                cap["dual_usd_per_t"] * s["planned_tonnes"] / 100, rel=1e-6)
        else:
            assert cap["usd_per_point"] == 0.0 and saved_per_point == pytest.approx(0.0,
                                                                                     abs=1.0)

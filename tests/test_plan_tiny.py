"""Hand-solved plans on the tiny network (unique optima: flows asserted, not only costs).

Routes Alpha → Juliet for ore (1,000 USD/t, no risk on the tiny network), USD/t:
China 317.19 (l1 l2 l3 l4, 10 days; border l2 has 1,000,000 t/yr), Caspian 382.23
(l8 l9 l10, 33 days), Russia 660.85 (l5 l6 l7, 13 days).
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pytest

from corridor.network_data.model import Network
from corridor.network_data.shipments import shipments_from_records
from corridor.reports import legs_csv, plan_dict, shipments_csv
from corridor.routing.plan import Plan, plan

CHINA = ("kz-a", "kz-b", "cn-c", "cn-port", "jp-dest")
CASPIAN = ("kz-a", "kz-port", "az-port", "jp-dest")
RUSSIA = ("kz-a", "ru-e", "ru-port", "jp-dest")
C_CHINA = 315 + 80 * 10 / 365  # freight + handling + value × 0.08 × days / 365
C_CASPIAN = 375 + 80 * 33 / 365
C_RUSSIA = 658 + 80 * 13 / 365


def book(net: Network, *rows: tuple[str, float] | dict[str, object]):
    recs = []
    for i, row in enumerate(rows):
        base = {"shipment_id": f"s{i + 1}", "origin": "Alpha", "destination": "Juliet",
                "commodity": "ore"}
        if isinstance(row, tuple):
            base.update(commodity=row[0], tonnes=row[1])
        else:
            base.update(row)
        recs.append(base)
    return shipments_from_records(recs, net)


def flows(result: Plan) -> dict[tuple[str, tuple[str, ...]], float]:
    planned = result.shipments[result.shipments["status"] == "planned"]
    return {(r["shipment_id"], tuple(r["nodes"])): r["tonnes"]
            for r in planned.to_dict("records")}


def test_uncapacitated_takes_cheapest_route_without_lp(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 400_000)))
    assert flows(result) == {("s1", CHINA): 400_000.0}
    s = result.summary
    assert s["method"] == "shortest_paths" and not s["lp_needed"]
    assert s["total_cost_usd"] == pytest.approx(400_000 * C_CHINA, abs=0.01)
    assert s["share_by_country"] == {"CN": 1.0, "JP": 1.0, "KZ": 1.0}


def test_capacity_splits_to_next_cheapest_with_dual(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 1_500_000)))
    assert flows(result) == {("s1", CHINA): 1_000_000.0, ("s1", CASPIAN): 500_000.0}
    legs = result.legs.set_index(["leg_id", "from_id"])
    l2 = legs.loc[("l2", "kz-b")]
    assert l2["load_t"] == 1_000_000 and l2["utilisation"] == 1.0
    assert l2["dual_usd_per_t"] == pytest.approx(C_CASPIAN - C_CHINA, abs=0.01)
    assert result.summary["binding_legs"] == ["l2"]
    assert result.summary["unserved_tonnes"] == 0


def test_deadline_excludes_slow_route(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, {"tonnes": 1_500_000, "max_days": 20}))
    assert flows(result) == {("s1", CHINA): 1_000_000.0, ("s1", RUSSIA): 500_000.0}


def test_share_cap_on_country(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 1_000_000)), max_share={"CN": 0.2})
    assert flows(result) == {("s1", CHINA): 200_000.0, ("s1", CASPIAN): 800_000.0}
    assert result.summary["share_by_country"]["CN"] == 0.2
    assert result.summary["binding_caps"] == ["CN"]
    # One more tonne allowed through CN moves a tonne from the Caspian route to China's; one
    # more percentage point of 1 Mt is 10,000 such tonnes.
    cap = result.summary["share_caps"]["CN"]
    assert cap["max_share"] == 0.2 and cap["share"] == 0.2 and cap["binding"]
    assert cap["dual_usd_per_t"] == pytest.approx(C_CASPIAN - C_CHINA, abs=1e-4)
    assert cap["usd_per_point"] == pytest.approx(10_000 * (C_CASPIAN - C_CHINA), abs=1)
    wider = plan(tiny_net, book(tiny_net, ("ore", 1_000_000)), max_share={"CN": 0.21})
    saved = result.summary["objective_usd"] - wider.summary["objective_usd"]
    assert saved == pytest.approx(cap["usd_per_point"], abs=1)


def test_share_cap_that_does_not_bind_is_worth_nothing(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 400_000)), max_share={"RU": 0.2})
    assert result.summary["share_caps"] == {"RU": {
        "max_share": 0.2, "share": 0.0, "binding": False, "dual_usd_per_t": 0.0,
        "usd_per_point": 0.0}}


def test_share_cap_on_corridor_with_two_shipments(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 600_000), ("ore", 400_000)),
                  max_share={"china": 0.5})
    got = flows(result)
    china = sum(t for (_, nodes), t in got.items() if nodes == CHINA)
    assert china == pytest.approx(500_000.0)
    assert sum(got.values()) == pytest.approx(1_000_000.0)


def test_horizon_scales_capacity(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 1_000_000)), horizon_days=182.5)
    assert flows(result) == {("s1", CHINA): 500_000.0, ("s1", CASPIAN): 500_000.0}


def test_class7_only_on_allowed_legs(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("UOC", 100)))
    assert flows(result) == {("s1", CASPIAN): 100.0}


def test_unserved_with_reasons(tiny_net: Network) -> None:
    result = plan(tiny_net, book(
        tiny_net, {"tonnes": 10, "avoid": "CN;RU;trans_caspian"},
        {"tonnes": 10, "max_days": 5, "notes": "buyer B, contract 7"}, ("ore", 10)))
    rows = result.shipments.set_index(["shipment_id", "status"])
    assert rows.loc[("s2", "unserved"), "notes"] == "buyer B, contract 7"
    assert rows.loc[("s3", "planned"), "notes"] == ""
    assert '"buyer B, contract 7"' in shipments_csv(result)
    assert rows.loc[("s1", "unserved"), "reason"] == "no legal path"
    assert rows.loc[("s2", "unserved"), "reason"] == "deadline: no route within 5 days"
    assert rows.loc[("s3", "planned"), "tonnes"] == 10
    assert result.summary["unserved_tonnes"] == 20
    assert result.summary["unserved_penalty_usd"] == pytest.approx(20 * 1000.0)


def test_unserved_for_capacity_names_the_leg(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, {"tonnes": 1_200_000, "avoid": "RU;trans_caspian"}))
    rows = result.shipments.set_index(["shipment_id", "status"])
    assert rows.loc[("s1", "planned"), "tonnes"] == 1_000_000
    assert rows.loc[("s1", "unserved"), "tonnes"] == 200_000
    assert rows.loc[("s1", "unserved"), "reason"] == "capacity: l2"
    # the unserved price is 10 × the cheapest route + 1,000 USD/t, so l2's dual is the gap
    l2 = result.legs.set_index(["leg_id", "from_id"]).loc[("l2", "kz-b")]
    assert l2["dual_usd_per_t"] == pytest.approx(9 * C_CHINA + 1000, abs=0.01)


def test_node_throughput(tiny_net: Network) -> None:
    nodes = tiny_net.nodes.copy()
    nodes.loc["kz-port", "throughput_tpy"] = 300_000.0
    net = tiny_net.replace(nodes=nodes)
    result = plan(net, book(net, ("ore", 1_500_000)))
    assert flows(result) == {("s1", CHINA): 1_000_000.0, ("s1", CASPIAN): 300_000.0,
                             ("s1", RUSSIA): 200_000.0}
    node = result.nodes.set_index("node_id").loc["kz-port"]
    assert node["load_t"] == 300_000 and node["dual_usd_per_t"] == pytest.approx(
        C_RUSSIA - C_CASPIAN, abs=0.01)


def test_unsplittable_reports_gap(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 700_000), ("ore", 500_000)),
                  unsplittable=True)
    assert flows(result) == {("s1", CHINA): 700_000.0, ("s2", CASPIAN): 500_000.0}
    mip = 700_000 * C_CHINA + 500_000 * C_CASPIAN
    lp = 1_000_000 * C_CHINA + 200_000 * C_CASPIAN
    assert result.summary["mip_gap"] == pytest.approx((mip - lp) / mip, abs=1e-5)
    assert result.summary["method"] == "column_generation+mip"


def test_costs_split_into_parts(tiny_net: Network) -> None:
    result = plan(tiny_net, book(tiny_net, ("ore", 1)))
    row = result.shipments.iloc[0]
    parts = [row[f"{p}_usd_per_t"] for p in ("freight", "handling", "time", "risk",
                                            "dependency")]
    assert parts == pytest.approx([295.0, 20.0, 2.19, 0.0, 0.0], abs=0.01)
    assert row["cost_usd_per_t"] == 317.19 and row["days"] == 10
    assert tuple(row["countries"]) == ("KZ", "CN", "JP")
    assert tuple(row["corridors"]) == ("kazakh_rail", "china", "sea")


def test_penalty_moves_flow(tiny_net: Network) -> None:
    from corridor.routing.costs import CostParams

    result = plan(tiny_net, book(tiny_net, ("ore", 100)),
                  params=dataclasses.replace(CostParams(), penalties={"CN": 100.0}))
    assert flows(result) == {("s1", CASPIAN): 100.0}


def test_plan_is_deterministic(tiny_net: Network) -> None:
    b = book(tiny_net, ("ore", 1_500_000), {"tonnes": 300_000, "max_days": 20}, ("UOC", 50))
    one = plan(tiny_net, b, max_share={"CN": 0.5})
    two = plan(tiny_net, b, max_share={"CN": 0.5})
    assert plan_dict(one) == plan_dict(two)
    assert shipments_csv(one) == shipments_csv(two) and legs_csv(one) == legs_csv(two)
    assert np.isclose(one.summary["objective_usd"], two.summary["objective_usd"])

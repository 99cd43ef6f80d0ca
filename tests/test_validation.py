"""Validation: one broken input file per defect; every problem reported in one pass."""

from __future__ import annotations

from pathlib import Path

import pytest
from tests_support import BROKEN, TINY

from corridor.network_data import InputError, check_network, load_network

CASES = [
    ("nodes", "nodes_duplicate_id.csv", "node_id", "duplicate id"),
    ("nodes", "nodes_lat_out_of_range.csv", "lat", "outside -90..90"),
    ("nodes", "nodes_missing_name.csv", "name", "required value is empty"),
    ("nodes", "nodes_bad_gauge.csv", "gauge_mm", "1524 mm"),
    ("nodes", "nodes_alias_collision.csv", "aliases", "also names node"),
    ("nodes", "nodes_bad_country.csv", "country", "ISO 3166-1"),
    ("nodes", "nodes_isolated_node.csv", "node_id", "is on no leg"),
    ("legs", "legs_unknown_node.csv", "to_id", "unknown node id 'ru-nowhere'"),
    ("legs", "legs_duplicate_id.csv", "leg_id", "duplicate id 'l6'"),
    ("legs", "legs_negative_tariff.csv", "tariff_usd_per_tkm", "negative"),
    ("legs", "legs_distance_below_great_circle.csv", "distance_km", "great-circle"),
    ("legs", "legs_capacity_in_mt.csv", "capacity_tpy", "written in Mt"),
    ("legs", "legs_capacity_group_mismatch.csv", "capacity_tpy",
     "2e+06 differs from 1e+06 stated for capacity group 'shared_gate' by leg 'l2' (line 3)"),
    ("legs", "legs_capacity_group_mismatch.csv", "capacity_tpy",
     "leg 'l9' is in capacity group 'shared_gate' but states no capacity"),
    ("legs", "legs_distance_in_metres.csv", "transit_days", "unit mix-up"),
    ("legs", "legs_bad_mode.csv", "mode", "'train' is not one of"),
    ("legs", "legs_not_a_number.csv", "transit_days", "'three' is not a number"),
    ("legs", "legs_unknown_source.csv", "provenance", "'t99' is neither a source id"),
    ("legs", "legs_probability_out_of_range.csv", "disruption_prob", "not a probability"),
    ("legs", "legs_rail_gauge_mismatch.csv", "mode", "gauge without a border/transfer"),
    ("legs", "legs_missing_required_value.csv", "territory", "must name the countries it crosses"),
    ("legs", "legs_missing_column.csv", "transit_days", "required where the leg names no rate_id"),
    ("legs", "legs_unreachable_destination.csv", "is_origin", "no operational route reaches"),
    ("commodities", "commodities_bad_id.csv", "commodity_id", "snake_case"),
    ("commodities", "commodities_negative_value.csv", "value_usd_per_t", "must be positive"),
    ("sources", "sources_bad_url.csv", "url", "not an http(s) address"),
]


def test_tiny_network_is_valid() -> None:
    assert check_network(directory=TINY) == []


@pytest.mark.parametrize(("table", "filename", "field", "text"), CASES,
                         ids=[c[1] for c in CASES])
def test_each_defect_is_reported(table: str, filename: str, field: str, text: str) -> None:
    problems = check_network(directory=TINY, **{table: BROKEN / filename})
    matching = [p for p in problems if p.field == field and text in p.message]
    assert matching, f"expected a {field} problem containing {text!r}, got {problems}"
    assert all(p.source.endswith(".csv") for p in matching)
    with pytest.raises(InputError) as info:
        load_network(directory=TINY, **{table: BROKEN / filename})
    assert info.value.problems == problems
    assert isinstance(info.value, ValueError)


def test_defect_rows_point_at_the_line() -> None:
    problems = check_network(directory=TINY, nodes=BROKEN / "nodes_lat_out_of_range.csv")
    (lat,) = [p for p in problems if p.field == "lat"]
    assert lat.row == 3  # header is line 1, kz-b is the second data row
    assert str(lat).startswith(str(BROKEN / "nodes_lat_out_of_range.csv") + " line 3, field lat")


def test_all_problems_in_one_pass() -> None:
    problems = check_network(directory=TINY, legs=BROKEN / "legs_three_defects.csv")
    fields = {p.field for p in problems}
    assert {"distance_km", "from_id", "capacity_tpy"} <= fields


def test_missing_file_is_one_problem(tmp_path: Path) -> None:
    problems = check_network(directory=TINY, legs=tmp_path / "nope.csv")
    assert len(problems) == 1 and "file not found" in problems[0].message


def test_excel_csv_reads_the_same(tmp_path: Path) -> None:
    for name in ("nodes.csv", "legs.csv", "sources.csv", "commodities.csv"):
        text = (TINY / name).read_text(encoding="utf-8")
        (tmp_path / name).write_bytes(b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode())
    a = load_network(directory=TINY)
    b = load_network(directory=tmp_path)
    assert a.nodes.equals(b.nodes) and a.legs.equals(b.legs)

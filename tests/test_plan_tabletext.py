"""The plan's column-wise JSON writer gives the text ``dump_json`` gives for the rows as
dicts, whatever the cells hold: strings JSON must escape, lists of them, missing values,
numbers, repeated and per-row columns."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor.network_data.jsontext import compact, dump_json
from corridor.reports.tabletext import JsonFeatures, JsonRows, records

WORDS = ["a", "b,c", 'say "hi"', "back\\slash", "line\nbreak", "tab\there", "bell\x07",
         "", "x;y", "Öskemen", "nbsp\u00a0", "ls\u2028", "emoji \U0001f6a2"]
LISTS = ["nodes", "legs"]


def _frame(seed: int, n: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    lists = [tuple(rng.choice(WORDS, int(rng.integers(0, 4))).tolist()) for _ in range(5)]
    lists.append(("kz-aktau", "az-baku", "ge-poti"))  # plain ids: the one-join path
    return pd.DataFrame({
        "shipment_id": [f"s{i}" for i in range(n)],  # every row its own
        "status": rng.choice(["planned", "unserved"], n).astype(object),
        "route": rng.integers(0, 3, n),
        "tonnes": rng.choice([1.5, 0.1 + 0.2, 1e-7, 123456789.125, 1e22, np.nan], n),
        "cost_usd": rng.uniform(0, 1e9, n).round(2),  # every row its own
        "nodes": [lists[int(i)] for i in rng.integers(0, len(lists), n)],  # repeated objects
        "legs": [lists[int(i)] for i in rng.integers(0, len(lists), n)],
        "notes": rng.choice(WORDS, n).astype(object),
        "reason": [None if rng.random() < 0.3 else str(rng.choice(WORDS)) for _ in range(n)],
        "capacity_t": [None if rng.random() < 0.3 else float(rng.integers(1, 9)) * 1.5
                       for _ in range(n)],  # mixed: numbers and None
    })


@pytest.mark.parametrize("seed", range(12))
def test_json_rows_equal_dump_json_of_the_records(seed: int) -> None:
    n = [0, 1, 2, 7, 40, 400][seed % 6]
    frame = _frame(seed, n)
    for level in (0, 1, 3):
        doc: object = {"t": JsonRows(frame, LISTS)}
        want: object = {"t": records(frame)}
        for _ in range(level):
            doc, want = {"x": doc}, {"x": want}
        assert dump_json(doc) == dump_json(want)


@pytest.mark.parametrize("seed", range(6))
def test_json_features_equal_dump_json_of_the_features(seed: int) -> None:
    n = [0, 1, 3, 40, 400, 9][seed]
    frame = _frame(seed, n).drop(columns=["nodes", "legs"])
    rng = np.random.default_rng(seed)
    lines = [{"type": "LineString", "coordinates": [[69.1, 41.3], [49.9, 40.4]]},
             {"type": "MultiLineString", "coordinates": [[[179.5, 35.0], [180.0, 35.2]],
                                                         [[-180.0, 35.2], [-122.4, 37.8]]]}]
    line_of_row = rng.integers(0, len(lines), n)
    geometry = ([compact(line) for line in lines], line_of_row)
    features = [{"type": "Feature", "geometry": lines[k], "properties": props}
                for props, k in zip(records(frame), line_of_row.tolist())]
    assert dump_json({"type": "FeatureCollection", "features": features}) == dump_json(
        {"type": "FeatureCollection", "features": JsonFeatures(frame, LISTS, geometry)})


def test_an_out_of_range_number_is_an_error_as_in_json() -> None:
    frame = pd.DataFrame({"v": [1.0, np.inf]})
    with pytest.raises(ValueError, match="not JSON compliant"):
        dump_json({"t": records(frame)})
    with pytest.raises(ValueError, match="not JSON compliant"):
        dump_json({"t": JsonRows(frame, ())})


def test_plan_json_equals_dump_json_of_its_dict(tiny_net, net) -> None:  # type: ignore[no-untyped-def]
    """``plan_json`` (what ``corridor plan --json`` prints) is the text of ``plan_dict``:
    planned and unserved rows (with reasons), binding legs, capped, unsplittable, the book's
    own columns."""
    from pathlib import Path

    from test_plan_tiny import book

    from corridor.network_data.shipments import read_shipments
    from corridor.reports import plan_dict, plan_geojson, plan_geojson_dict, plan_json
    from corridor.routing.plan import plan

    example = read_shipments(Path(__file__).parent.parent / "examples" / "shipments.csv", net)
    tiny = book(tiny_net, ("ore", 1000), {"tonnes": 5e6, "notes": 'buyer "B", line\nbreak',
                                          "contract": 'K-7 "rush"', "Customer": "Ülba"},
                {"origin": "Alpha", "destination": "Juliet", "commodity": "ore",
                 "tonnes": 10.0, "max_days": 0.5})
    pacific = book(net, {"origin": "Shanghai", "destination": "Los Angeles",
                         "commodity": "rare_earth_oxide", "tonnes": 100.0})
    plans = [plan(tiny_net, tiny), plan(net, example),
             plan(net, example, max_share={"RU": 0.3, "CN": 0.3}),
             plan(net, example, max_share={"RU": 0.3, "CN": 0.3}, unsplittable=True),
             plan(net, pacific)]
    assert any(p.summary["unserved_tonnes"] > 0 for p in plans)
    for p in plans:
        assert plan_json(p) == dump_json(plan_dict(p))
        assert plan_geojson(p) == dump_json(plan_geojson_dict(p))
    assert '"MultiLineString"' in plan_geojson(plans[4])  # a route across the antimeridian
    own = {(r["shipment_id"], r["contract"], r["Customer"])
           for r in plan_dict(plans[0])["shipments"]}
    assert own == {("s1", "", ""), ("s2", 'K-7 "rush"', "Ülba"), ("s3", "", "")}

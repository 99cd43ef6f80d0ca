"""``plan`` pauses the cyclic garbage collector while it runs and always restores it."""

from __future__ import annotations

import gc

import pytest
from test_plan_tiny import book

from corridor.network_data.errors import InputError
from corridor.network_data.model import Network
from corridor.routing.plan import cyclic_gc_paused, plan


def test_paused_inside_and_restored_after() -> None:
    assert gc.isenabled()
    with cyclic_gc_paused():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_restored_after_an_error() -> None:
    with pytest.raises(RuntimeError), cyclic_gc_paused():
        raise RuntimeError("boom")
    assert gc.isenabled()


def test_left_off_when_it_was_off() -> None:
    gc.disable()
    try:
        with cyclic_gc_paused():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_plan_leaves_the_collector_as_it_found_it(tiny_net: Network) -> None:
    seen: list[bool] = []
    plan(tiny_net, book(tiny_net, ("ore", 1000)), progress=lambda _m: seen.append(gc.isenabled()))
    assert seen and not any(seen)  # paused during the stages
    assert gc.isenabled()
    with pytest.raises(InputError):
        plan(tiny_net, book(tiny_net, ("ore", 1000)), horizon_days=-1)
    assert gc.isenabled()


def test_writing_the_tables_pauses_the_collector(tiny_net: Network,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    from corridor.reports import geojson_plan, json_plan, plan_csv

    result = plan(tiny_net, book(tiny_net, ("ore", 1000)))
    seen: list[bool] = []
    for module, name in ((plan_csv, "csv_text"), (json_plan, "records"),
                         (json_plan, "JsonRows"), (geojson_plan, "JsonFeatures")):
        real = getattr(module, name)
        monkeypatch.setattr(module, name,
                            lambda *args, real=real, **kwargs: seen.append(gc.isenabled())
                            or real(*args, **kwargs))
    text = plan_csv.shipments_csv(result) + plan_csv.legs_csv(result)
    assert ",planned," in text
    assert json_plan.plan_dict(result)["summary"]["unserved_tonnes"] == 0.0
    assert '"status": "planned"' in json_plan.plan_json(result)
    assert '"Feature"' in geojson_plan.plan_geojson(result)
    # 2 CSV tables, 3 tables as dicts, 3 as JSON, the GeoJSON features
    assert len(seen) == 9 and not any(seen)
    assert gc.isenabled()

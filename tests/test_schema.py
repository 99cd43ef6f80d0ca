"""The schema is data, and the embedded files follow it."""

from __future__ import annotations

import csv

import pytest

from corridor.network_data.files import TABLE_FILES, embedded_data_dir
from corridor.network_data.schema import DTYPES, TABLES

UNIT_SUFFIX = {"km": "_km", "days": "_days", "t/yr": "_tpy", "USD/t": "_usd_per_t",
               "USD/(t·km)": "_usd_per_tkm", "mm": "_mm"}


@pytest.mark.parametrize("name", sorted(TABLES))
def test_spec_is_complete(name: str) -> None:
    spec = TABLES[name]
    names = spec.column_names
    assert len(names) == len(set(names)), "duplicate column"
    assert spec.key == names[0]
    for col in spec.columns:
        assert col.dtype in DTYPES
        assert col.meaning, f"{col.name} has no meaning"
        assert not (col.required and col.default not in (None,)), f"{col.name}: required w/ default"
        suffix = UNIT_SUFFIX.get(col.unit)
        if suffix:
            assert col.name.endswith(suffix), f"{col.name} should carry its unit {col.unit}"


@pytest.mark.parametrize("name", sorted(TABLES))
def test_embedded_headers_match_spec(name: str) -> None:
    path = embedded_data_dir() / TABLE_FILES[name]
    with path.open(encoding="utf-8") as handle:
        header = next(csv.reader(handle))
    assert tuple(header) == TABLES[name].column_names

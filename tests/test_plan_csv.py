"""The plan's CSV writer gives the text pandas writes (lists joined with ``;``), whatever
the cells hold: separators, quotes and line breaks in names and lists, missing values."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from corridor.reports.tabletext import CSV_STYLES, csv_text
from corridor.routing.plan.result import LIST_COLUMNS


def _csv(frame: pd.DataFrame, style: str = "plain") -> str:
    return csv_text(frame, LIST_COLUMNS, CSV_STYLES[style])


def _pandas_text(frame: pd.DataFrame, style: str = "plain") -> str:
    """What pandas writes in ``style`` (its separator, decimal mark, line end and BOM)."""
    joined = frame.copy()
    for name in joined.columns:
        if name in LIST_COLUMNS:
            joined[name] = [";".join(v) for v in joined[name]]
    form = CSV_STYLES[style]
    return ("\ufeff" if form.bom else "") + joined.to_csv(
        index=False, sep=form.separator, decimal="," if form.decimal_comma else ".",
        lineterminator=form.line_end)


@pytest.mark.parametrize("style", sorted(CSV_STYLES))
@pytest.mark.parametrize("seed", range(20))
def test_csv_text_equals_pandas(seed: int, style: str) -> None:
    rng = np.random.default_rng(seed)
    n = int(rng.integers(1, 30)) if seed else 0  # seed 0: no rows, only the header
    words = ["a", "b,c", 'say "hi"', "line\nbreak", "", "x;y", "Öskemen"]
    lists = [tuple(rng.choice(words, int(rng.integers(0, 4))).tolist()) for _ in range(5)]
    shared = [lists[int(i)] for i in rng.integers(0, len(lists), n)]  # repeated objects
    tonnes = rng.choice([1.5, 0.1 + 0.2, 1e-7, 123456789.125, np.nan], n)
    frame = pd.DataFrame({
        "shipment_id": [f"s{i}" for i in range(n)],
        "route": rng.integers(0, 3, n),
        "tonnes": tonnes,
        "nodes": shared,
        "legs": [lists[int(i)] for i in rng.integers(0, len(lists), n)],
        "notes": rng.choice(words, n).astype(object),
        "reason": [None if rng.random() < 0.3 else str(rng.choice(words)) for _ in range(n)],
    })
    assert _csv(frame, style) == _pandas_text(frame, style)


@pytest.mark.parametrize("style", sorted(CSV_STYLES))
def test_csv_text_equals_pandas_with_repeated_columns(style: str) -> None:
    """Many rows, few distinct values per column: neighbouring repeated columns are
    written as one piece per distinct combination, which must not change the text
    (missing numbers and text, quoted cells, columns repeated and not, lists)."""
    rng = np.random.default_rng(11)
    n = 400
    lists = [("a", "b,c"), (), ('say "hi"',), ("x;y", "z")]
    frame = pd.DataFrame({
        "shipment_id": [f"s{i}" for i in range(n)],  # every row its own
        "status": rng.choice(["planned", "unserved"], n).astype(object),
        "route": rng.integers(0, 3, n),
        "origin": rng.choice(["Aktau", "Baku, AZ", "line\nbreak"], n).astype(object),
        "tonnes": rng.uniform(0, 1e6, n).round(3),  # every row its own, between repeated
        "days": rng.choice([1.5, 20.25, np.nan], n),
        "cost_usd_per_t": rng.choice([0.1 + 0.2, 99.99], n),
        "nodes": [lists[int(i)] for i in rng.integers(0, len(lists), n)],
        "legs": [lists[int(i)] for i in rng.integers(0, len(lists), n)],
        "reason": [None if rng.random() < 0.5 else "capacity" for _ in range(n)],
        "notes": rng.choice(["", "buyer B, contract 7"], n).astype(object),
    })
    assert _csv(frame, style) == _pandas_text(frame, style)
    # one row: nothing repeats
    assert _csv(frame.iloc[:1], style) == _pandas_text(frame.iloc[:1], style)

"""corridor's JSON layout: indented objects, tables one compact object per line, plain lists
on one line, missing values as null; and it reads back as the data it was given."""

from __future__ import annotations

import json
import math

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from corridor.network_data.jsontext import dump_json, plain


def test_layout() -> None:
    doc = {"summary": {"cost": 1.5, "shares": {"KZ": 0.25}, "notes": ["a", "b"], "none": None,
                       "empty": {}, "nothing": []},
           "rows": [{"id": "s1", "nodes": ("x", "y"), "t": np.float64(2.0)},
                    {"id": "s2", "nodes": (), "t": float("nan")}],
           "nested": [[1, 2], {"k": "Öskemen \"q\""}]}
    assert dump_json(doc) == (
        '{\n'
        '  "summary": {\n'
        '    "cost": 1.5,\n'
        '    "shares": {\n'
        '      "KZ": 0.25\n'
        '    },\n'
        '    "notes": ["a", "b"],\n'
        '    "none": null,\n'
        '    "empty": {},\n'
        '    "nothing": []\n'
        '  },\n'
        '  "rows": [\n'
        '    {"id": "s1", "nodes": ["x", "y"], "t": 2.0},\n'
        '    {"id": "s2", "nodes": [], "t": null}\n'
        '  ],\n'
        '  "nested": [\n'
        '    [1, 2],\n'
        '    {\n'
        '      "k": "Öskemen \\"q\\""\n'
        '    }\n'
        '  ]\n'
        '}\n')


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=8)
    | st.floats(allow_infinity=False),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner,
                                                                max_size=4),
    max_leaves=20)


def _same(a: object, b: object) -> bool:
    if isinstance(a, float) and isinstance(b, float):
        return a == b or (math.isnan(a) and math.isnan(b))
    return a == b


@given(json_values)
def test_reads_back_as_its_plain_data(value: object) -> None:
    text = dump_json(value)
    assert text.endswith("\n")
    assert _same(json.loads(text), plain(value))

"""The vectorised rounding of plan tables equals Python's correctly rounded ``round``."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from corridor.routing.plan.result import _rounded

TIES = [0.125, 0.375, 2.675, 1.005, 1.015, 0.5, 1.5, 2.5, -0.125, -2.675, 1e-300, -0.0, 0.0,
        4503599627370495.5, 4503599627370497.0, 1e300, -1e300, 123456.78949999999,
        0.0004999999999999999, 0.00045, 5e-5]


def _python(values: list[float], nd: int) -> list[float]:
    return [round(v, nd) + 0.0 for v in values]


def test_known_ties_and_extremes() -> None:
    for nd in (0, 1, 2, 3, 4, 6):
        got = _rounded(np.array(TIES), nd).tolist()
        assert got == _python(TIES, nd), nd


def test_nan_and_inf_pass_through() -> None:
    got = _rounded(np.array([np.nan, np.inf, -np.inf]), 2)
    assert np.isnan(got[0]) and got[1] == np.inf and got[2] == -np.inf


@settings(max_examples=300, deadline=None)
@given(st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=1, max_size=50),
       st.sampled_from([0, 1, 2, 3, 4, 6]))
def test_any_floats(values: list[float], nd: int) -> None:
    assert _rounded(np.array(values), nd).tolist() == _python(values, nd)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.integers(-10**9, 10**9), min_size=1, max_size=50),
       st.sampled_from([1, 2, 3, 4]))
def test_decimal_ties(ints: list[int], nd: int) -> None:
    # k + 5·10^-(nd+1): the exact half-way decimals a money or tonnage figure often hits
    values = [k / 10 ** nd + 5 / 10 ** (nd + 1) for k in ints]
    assert _rounded(np.array(values), nd).tolist() == _python(values, nd)

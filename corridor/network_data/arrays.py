"""NumPy helpers shared by the tables of shipments and plans."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np


def object_array(values: Sequence[object]) -> np.ndarray:
    """A 1-D object array of ``values``: tuples and frozensets stay elements (``np.array``
    would make a second dimension of equal-length tuples)."""
    return np.fromiter(values, dtype=object, count=len(values))

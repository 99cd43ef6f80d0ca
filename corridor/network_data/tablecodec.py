"""A network's tables as plain arrays and JSON, for the cache (and back, unchanged).

Each column is stored by what it holds: numbers and booleans as NumPy arrays, anything else
(text, tuples of codes, cells mixing text and gaps) as a JSON list, which keeps long free
text compact (a fixed-width text array pads every cell to the longest); its pandas dtype is
restored by name. :func:`decode_network` gives back tables
equal to the originals, dtypes included (checked in the tests with
``pandas.testing.assert_frame_equal``).
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd

from corridor.network_data.model import TABLES, Network


def _encode_column(values: pd.Series | pd.Index, key: str, arrays: dict[str, np.ndarray]
                   ) -> dict[str, Any]:
    spec: dict[str, Any] = {"dtype": str(values.dtype)}
    if values.dtype.kind in "biuf":
        arrays[key] = np.asarray(values.to_numpy())
        spec["store"] = "array"
        return spec
    items = values.tolist()
    if all(isinstance(v, tuple) for v in items):
        spec["store"] = "tuples"
        spec["values"] = [list(v) for v in items]
    else:
        spec["store"] = "json"
        spec["values"] = [None if isinstance(v, float) and v != v else v for v in items]
    return spec


def _decode_column(spec: dict[str, Any], key: str, arrays: dict[str, np.ndarray]) -> list[Any]:
    store = spec["store"]
    if store == "array":
        return arrays[key].tolist()
    if store == "tuples":
        return [tuple(v) for v in spec["values"]]
    return [float("nan") if v is None and spec["dtype"].startswith("float") else v
            for v in spec["values"]]


def encode_network(network: Network) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """The network as ``(arrays, data)``: arrays without objects, and a JSON-able document."""
    arrays: dict[str, np.ndarray] = {}
    tables: dict[str, Any] = {}
    for name in TABLES:
        frame = getattr(network, name)
        tables[name] = {
            "index": _encode_column(frame.index, f"{name}/index", arrays),
            "index_name": frame.index.name,
            "columns": [[str(col), _encode_column(frame[col], f"{name}/{col}", arrays)]
                        for col in frame.columns],
        }
    coords = network.leg_coords
    legs = list(coords)
    counts = np.array([len(coords[leg]) for leg in legs], dtype=np.int64)
    arrays["leg_coords/points"] = np.array(
        [point for leg in legs for point in coords[leg]], dtype=float).reshape(-1, 2)
    arrays["leg_coords/count"] = counts
    arrays["leg_coords/leg"] = np.array(legs, dtype=str) if legs else np.zeros(0, "<U1")
    return arrays, {"tables": tables, "label": network.label}


def decode_network(arrays: dict[str, np.ndarray], data: dict[str, Any], *,
                   label: str) -> Network:
    """The inverse of :func:`encode_network` (labelled ``label``)."""
    frames = {}
    for name in TABLES:
        spec = data["tables"][name]
        index = pd.Index(_decode_column(spec["index"], f"{name}/index", arrays),
                         dtype=spec["index"]["dtype"], name=spec["index_name"])
        columns = {col: pd.Series(_decode_column(cs, f"{name}/{col}", arrays),
                                  dtype=cs["dtype"], index=index)
                   for col, cs in spec["columns"]}
        frames[name] = pd.DataFrame(columns, index=index,
                                    columns=[col for col, _ in spec["columns"]])
    points = arrays["leg_coords/points"].tolist()
    coords: dict[str, tuple[tuple[float, float], ...]] = {}
    start = 0
    for leg, n in zip(arrays["leg_coords/leg"].tolist(), arrays["leg_coords/count"].tolist()):
        coords[leg] = tuple((p[0], p[1]) for p in points[start:start + n])
        start += n
    return Network(leg_coords=coords, label=label, **frames)

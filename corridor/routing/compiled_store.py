"""The compiled network in the cache: what a route query loads instead of the tables.

A route query needs the compiled arrays, the vocabulary (places, commodities, selectors),
the commodities' facts and the legs' lines, nothing else: :func:`load_compiled` reads them
from one cache entry (arrays and JSON, see :mod:`corridor.network_data.cache`) without
importing pandas, and builds the :class:`~corridor.network_data.model.Network` itself only
if something asks for it (``CompiledNetwork.network``). A miss, or a network given by
files that change, compiles from the tables and stores the result.
"""

from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from corridor.network_data.cache import contents_key, read_entry, write_entry
from corridor.network_data.files import NetworkFiles, loaded_from, read_network
from corridor.network_data.names import NameIndex
from corridor.network_data.vocabulary import Vocabulary
from corridor.routing.compile import CommodityFacts, CompiledNetwork, compile_network, read_only

if TYPE_CHECKING:
    from corridor.network_data.model import Network

#: Fields that are not stored as they are (rebuilt, or given when loading).
_SPECIAL = ("network_loader", "vocabulary", "commodity", "leg_coords", "label", "files")


def encode_compiled(compiled: CompiledNetwork) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
    """``compiled`` as ``(arrays, data)`` for :func:`~corridor.network_data.cache.write_entry`."""
    arrays: dict[str, np.ndarray] = {}
    data: dict[str, Any] = {"fields": {}}
    for f in dataclasses.fields(compiled):
        if f.name in _SPECIAL:
            continue
        value = getattr(compiled, f.name)
        if isinstance(value, np.ndarray):
            arrays[f.name] = value
        else:  # tuples of text, counts
            data["fields"][f.name] = list(value) if isinstance(value, tuple) else value
    network = compiled.network
    nodes, commodities = network.nodes, network.commodities
    data["places"] = [[str(i), str(n), list(a)] for i, n, a in zip(
        nodes.index.tolist(), nodes["name"].tolist(), nodes["aliases"].tolist())]
    data["commodity_names"] = [[str(i), str(n), list(a)] for i, n, a in zip(
        commodities.index.tolist(), commodities["name"].tolist(),
        commodities["aliases"].tolist())]
    data["vocabulary"] = compiled.vocabulary.to_json()
    data["commodity"] = {k: dataclasses.asdict(v) for k, v in compiled.commodity.items()}
    legs = list(compiled.leg_coords)
    arrays["leg_coords/points"] = np.array(
        [p for leg in legs for p in compiled.leg_coords[leg]], dtype=float).reshape(-1, 2)
    arrays["leg_coords/count"] = np.array([len(compiled.leg_coords[leg]) for leg in legs],
                                          dtype=np.int64)
    data["leg_coords/leg"] = legs
    return arrays, data


def decode_compiled(arrays: dict[str, np.ndarray], data: dict[str, Any], *,
                    network_loader: Any, label: str = "embedded",
                    files: NetworkFiles | None = None) -> CompiledNetwork:
    """The inverse of :func:`encode_compiled`; ``network_loader()`` builds the network
    when it is asked for; ``label`` and ``files`` say where it came from."""
    values: dict[str, Any] = {}
    for f in dataclasses.fields(CompiledNetwork):
        if f.name in _SPECIAL:
            continue
        if f.name in arrays:
            values[f.name] = read_only(arrays[f.name])
        else:
            stored = data["fields"][f.name]
            values[f.name] = tuple(stored) if isinstance(stored, list) else stored
    places = [(i, n, tuple(a)) for i, n, a in data["places"]]
    commodity_names = [(i, n, tuple(a)) for i, n, a in data["commodity_names"]]
    vocabulary = Vocabulary.from_json(
        data["vocabulary"], make_places=lambda: NameIndex(places, what="place"),
        make_commodities=lambda: NameIndex(commodity_names, what="commodity"))
    points = arrays["leg_coords/points"].tolist()
    coords: dict[str, tuple[tuple[float, float], ...]] = {}
    start = 0
    for leg, n in zip(data["leg_coords/leg"], arrays["leg_coords/count"].tolist()):
        coords[leg] = tuple((p[0], p[1]) for p in points[start:start + n])
        start += n
    return CompiledNetwork(
        network_loader=network_loader, vocabulary=vocabulary,
        commodity={k: CommodityFacts(**v) for k, v in data["commodity"].items()},
        leg_coords=coords, label=label, files=files, **values)


def load_compiled(*, nodes: Path | None = None, legs: Path | None = None,
                  sources: Path | None = None, commodities: Path | None = None,
                  directory: Path | None = None) -> CompiledNetwork:
    """The compiled network of these files (the embedded network by default), from the
    cache when it holds them, else loaded, validated, compiled and stored.

    Raises :class:`~corridor.network_data.errors.InputError` as
    :func:`~corridor.network_data.load.load_network` does when the files are bad.
    """
    # the files are read once: their bytes make the key, and the network on a miss (or
    # when a hit's network is asked for), so both always come from the same bytes
    read = read_network(nodes=nodes, legs=legs, sources=sources, commodities=commodities,
                        directory=directory)

    def network() -> Network:
        from corridor.network_data.load import network_from

        return network_from(read)

    key = contents_key(read.named, kind="compiled") if read.complete else None
    entry = read_entry(key) if key is not None else None
    if entry is not None:
        try:
            return decode_compiled(*entry, network_loader=network, label=read.label,
                                   files=loaded_from(read))
        except Exception:  # an entry that does not decode (a stale layout): a miss
            pass
    compiled = compile_network(network())
    if key is not None:
        write_entry(key, *encode_compiled(compiled))
    return compiled

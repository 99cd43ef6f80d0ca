"""Loading a network: the embedded one, or a user's files with the same schema."""

from __future__ import annotations

import contextlib
from pathlib import Path

import numpy as np
import pandas as pd

from corridor.network_data.cache import contents_key, read_entry, write_entry
from corridor.network_data.errors import InputError, Problem
from corridor.network_data.files import (
    OPTIONAL_FILES,
    TABLE_FILES,
    NetworkBytes,
    loaded_from,
    read_network,
)
from corridor.network_data.geometry import Coord, geodesic_km, parse_waypoints
from corridor.network_data.io import ParsedTable, decode_text, not_utf8, parse_table
from corridor.network_data.model import Network
from corridor.network_data.schema import (
    COMMODITIES,
    LEGS,
    NODES,
    OBSERVATIONS,
    RATES,
    SOURCES,
    TableSpec,
)
from corridor.network_data.validate import network_warnings, validate_tables

_SPECS = {"nodes": NODES, "legs": LEGS, "sources": SOURCES, "commodities": COMMODITIES,
          "rates": RATES, "observations": OBSERVATIONS}


def _parse(label: str, data: bytes, spec: TableSpec, problems: list[Problem]) -> ParsedTable:
    """A table's bytes parsed against ``spec`` (problems appended to ``problems``)."""
    try:
        text = decode_text(data)
    except UnicodeDecodeError as exc:
        problems.append(not_utf8(label, exc))
        return parse_table("", spec, label, [])
    return parse_table(text, spec, label, problems)


def parse_network(read: NetworkBytes) -> tuple[dict[str, ParsedTable], list[Problem]]:
    """Parse the tables of a network read by :func:`~corridor.network_data.files.read_network`
    (an optional table it does not have is empty); returns them and every problem, those
    of reading first. Nothing is raised for bad input."""
    problems = list(read.problems)
    tables: dict[str, ParsedTable] = {}
    for name in (*TABLE_FILES, *OPTIONAL_FILES):
        path, data = read.tables.get(name, (None, None))
        if path is None or data is None:  # absent (optional), or unreadable (a problem)
            label = OPTIONAL_FILES[name] if path is None else str(path)
            tables[name] = parse_table("", _SPECS[name], label, [])
        else:
            tables[name] = _parse(str(path), data, _SPECS[name], problems)
    return tables, problems


def read_tables(*, nodes: Path | None = None, legs: Path | None = None,
                sources: Path | None = None, commodities: Path | None = None,
                directory: Path | None = None) -> tuple[dict[str, ParsedTable], list[Problem]]:
    """Parse the four tables (each from its own path, ``directory``, or the embedded data)
    and the optional ones present.

    Returns the parsed tables and every parse problem; nothing is raised for bad input.
    """
    return parse_network(read_network(nodes=nodes, legs=legs, sources=sources,
                                      commodities=commodities, directory=directory))


def check_network(**paths: Path | None) -> list[Problem]:
    """Every problem in a set of network files (empty list when the network is valid)."""
    tables, problems = read_tables(**paths)
    if any(p.row is None for p in problems):  # a missing/unreadable file: stop here
        return problems
    return sort_problems(problems + validate_tables(tables))


def read_observations(path: Path, network: Network) -> pd.DataFrame:
    """A table of published figures (the ``observations`` schema) checked against
    ``network``'s places and keys (``InputError`` listing every problem)."""
    from corridor.network_data.reading import TABLE, read_input
    from corridor.network_data.validate import validate_observations

    problems: list[Problem] = []
    table = _parse(str(path), read_input(path, TABLE), OBSERVATIONS, problems)
    if not problems:
        nodes = ParsedTable(network.nodes.reset_index(drop=True),
                            tuple(range(2, len(network.nodes) + 2)), "nodes")
        legs = ParsedTable(network.legs.reset_index(drop=True),
                           tuple(range(2, len(network.legs) + 2)), "legs")
        source_ids = {str(s) for s in network.sources["source_id"]}
        problems = validate_observations(table, nodes, legs, source_ids)
    if problems:
        raise InputError(sort_problems(problems))
    frame = table.frame.set_index("obs_id", drop=False)
    frame.index.name = None
    return frame


def check_warnings(**paths: Path | None) -> list[Problem]:
    """Soft problems of a valid network
    (see :func:`corridor.network_data.validate.network_warnings`)."""
    tables, problems = read_tables(**paths)
    if problems:
        return []
    return sort_problems(network_warnings(tables["nodes"], tables["legs"]))


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems grouped by file and in line order (stable: same-line problems keep order)."""
    order = {src: i for i, src in enumerate(dict.fromkeys(p.source for p in problems))}
    return sorted(problems, key=lambda p: (order[p.source], p.row or 0))


def load_network(*, nodes: Path | None = None, legs: Path | None = None,
                 sources: Path | None = None, commodities: Path | None = None,
                 directory: Path | None = None) -> Network:
    """Load and validate a network.

    With no argument the embedded network is loaded. ``directory`` points at a folder with
    ``nodes.csv``, ``legs.csv``, ``sources.csv`` and ``commodities.csv``; single files can be
    given on their own (tables not given come from ``directory`` or, failing that, the
    embedded data).

    Raises
    ------
    InputError
        With every problem found (file, line, field), if anything is wrong.

    Examples
    --------
    >>> net = load_network()
    >>> net.resolve_place("Ust-Kamenogorsk") == net.resolve_place("Öskemen")
    True
    """
    return network_from(read_network(nodes=nodes, legs=legs, sources=sources,
                                     commodities=commodities, directory=directory))


def network_from(read: NetworkBytes) -> Network:
    """:func:`load_network`'s work on the files it has read: the bytes read are the bytes
    hashed for the cache key and the fingerprint, and parsed (the compiled-network store
    reads a network's files once for its own key, and hands them over here)."""
    label = read.label
    files = loaded_from(read)
    key = contents_key(read.named, kind="network", libraries=("numpy", "pandas")) \
        if read.complete else None
    if key is not None:
        entry = read_entry(key)
        if entry is not None:
            from corridor.network_data.tablecodec import decode_network

            with contextlib.suppress(Exception):  # an entry that does not decode: a miss
                return decode_network(*entry, label=label).replace(files=files)
    tables, problems = parse_network(read)
    if not any(p.row is None for p in problems):
        problems = sort_problems(problems + validate_tables(tables))
    if problems:
        raise InputError(problems)
    network = build_network(tables, label=label)
    if key is not None:
        from corridor.network_data.tablecodec import encode_network

        write_entry(key, *encode_network(network))
    return network.replace(files=files)


def build_network(tables: dict[str, ParsedTable], *, label: str) -> Network:
    """Assemble a :class:`Network` from validated tables: index them and fill geometry
    (the optional rates and observations tables may be left out)."""
    for name in OPTIONAL_FILES:
        if name not in tables:
            tables = {**tables, name: parse_table("", _SPECS[name], OPTIONAL_FILES[name], [])}
    nodes = tables["nodes"].frame.set_index("node_id", drop=False)
    nodes.index.name = None
    legs = tables["legs"].frame.set_index("leg_id", drop=False)
    legs.index.name = None
    lon = nodes["lon"].astype(float).to_dict()
    lat = nodes["lat"].astype(float).to_dict()
    coords: dict[str, tuple[Coord, ...]] = {}
    seg_from: list[Coord] = []
    seg_to: list[Coord] = []
    seg_leg: list[int] = []
    for i, (leg_id, a, b, wp) in enumerate(zip(legs.index, legs["from_id"], legs["to_id"],
                                              legs["waypoints"])):
        line = ((lon[a], lat[a]), *parse_waypoints(str(wp or "")), (lon[b], lat[b]))
        coords[str(leg_id)] = line
        seg_from.extend(line[:-1])
        seg_to.extend(line[1:])
        seg_leg.extend([i] * (len(line) - 1))
    given = legs["distance_km"].to_numpy(dtype=float, na_value=np.nan)
    if np.isnan(given).any():
        f = np.asarray(seg_from, dtype=float)
        t = np.asarray(seg_to, dtype=float)
        seg_km = geodesic_km(f[:, 0], f[:, 1], t[:, 0], t[:, 1])
        geodesic = np.bincount(np.asarray(seg_leg), weights=seg_km, minlength=len(legs))
    else:
        geodesic = given
    legs = legs.assign(
        distance_km=np.where(np.isnan(given), np.round(geodesic, 1), given),
        distance_basis=np.where(np.isnan(given), "geodesic", "given"),
    )
    frames = {}
    for name, key in (("sources", "source_id"), ("commodities", "commodity_id"),
                      ("observations", "obs_id")):
        frame = tables[name].frame.set_index(key, drop=False)
        frame.index.name = None
        frames[name] = frame
    return Network(nodes=nodes, legs=pd.DataFrame(legs), sources=frames["sources"],
                   commodities=frames["commodities"], leg_coords=coords, label=label,
                   rates=tables["rates"].frame.reset_index(drop=True),
                   observations=frames["observations"])

"""Where a network's tables are read from, and reading them (no pandas here: the route
query resolves its files and cache key without importing it)."""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from corridor.network_data.errors import InputError, Problem
from corridor.network_data.fingerprint import named_sha256
from corridor.network_data.reading import TABLE, read_input

#: The four tables every network has, and their file names.
TABLE_FILES = {"nodes": "nodes.csv", "legs": "legs.csv", "sources": "sources.csv",
               "commodities": "commodities.csv"}
#: Tables a network folder may have besides the four (read when the file exists).
OPTIONAL_FILES = {"rates": "rates.csv", "observations": "observations.csv"}


def embedded_data_dir() -> Path:
    """Folder holding the embedded network's CSV files."""
    return Path(str(resources.files("corridor.network_data") / "data"))


def table_paths(*, nodes: Path | None = None, legs: Path | None = None,
                sources: Path | None = None, commodities: Path | None = None,
                directory: Path | None = None) -> list[Path]:
    """The four files a network is read from (given, in ``directory``, or embedded)."""
    base = directory if directory is not None else embedded_data_dir()
    given = {"nodes": nodes, "legs": legs, "sources": sources, "commodities": commodities}
    paths = []
    for name, filename in TABLE_FILES.items():
        path = given[name]
        if path is None:
            path = base / filename
            if directory is None and not path.exists() and given["nodes"] is not None:
                path = embedded_data_dir() / filename
        paths.append(Path(path))
    return paths


def optional_paths(*, directory: Path | None = None) -> dict[str, Path]:
    """The optional tables (rates, observations) of a network: those present in
    ``directory``, or the embedded network's when no folder is given (a user replacing
    single tables keeps the embedded rates their legs name).

    Present means anything of that name, not only a readable file: a pipe, a folder or a
    broken link named ``rates.csv`` is reported when read, not silently left out."""
    base = directory if directory is not None else embedded_data_dir()
    found = {}
    for name, filename in OPTIONAL_FILES.items():
        path = base / filename
        if os.path.lexists(path):
            found[name] = path
    return found


def network_paths(*, nodes: Path | None = None, legs: Path | None = None,
                  sources: Path | None = None, commodities: Path | None = None,
                  directory: Path | None = None) -> list[Path]:
    """Every file a network is built from: the four tables, then the optional ones present
    (what its cache key and fingerprint hash)."""
    return (table_paths(nodes=nodes, legs=legs, sources=sources, commodities=commodities,
                        directory=directory)
            + list(optional_paths(directory=directory).values()))


def network_label(*, nodes: Path | None = None, legs: Path | None = None,
                  sources: Path | None = None, commodities: Path | None = None,
                  directory: Path | None = None) -> str:
    """How messages name a network: "embedded", or the folder or file it came from."""
    if all(v is None for v in (nodes, legs, sources, commodities, directory)):
        return "embedded"
    return str(directory or nodes or legs or sources or commodities)


@dataclass(frozen=True)
class NetworkFiles:
    """The files a network was loaded from, so a result can say what it was made with.

    ``given`` holds the :func:`~corridor.network_data.load.load_network` arguments that named
    files or a folder, as given (``(("directory", "my/net"),)``; empty for the embedded
    network), enough to load it again. ``sha256`` fingerprints the bytes of every table
    file read (:func:`corridor.network_data.fingerprint.named_sha256`): a network loaded
    later from changed files has another.
    """

    given: tuple[tuple[str, str], ...]
    sha256: str


def loaded_from(read: NetworkBytes) -> NetworkFiles | None:
    """What a network loaded from the files ``read`` records about them: the arguments that
    named them, and the fingerprint of their bytes (``None`` if one could not be read)."""
    if not read.complete:
        return None
    return NetworkFiles(tuple((name, str(path)) for name, path in read.given.items()
                              if path is not None), named_sha256(read.named))


@dataclass(frozen=True)
class NetworkBytes:
    """The bytes of every file a network is built from, each read once
    (:func:`read_network`): what is parsed is what is fingerprinted and hashed for the cache.

    ``tables`` maps each table read (the four, then the optional ones present) to its path
    and bytes, ``None`` for a file that could not be read; ``problems`` says why (one line
    each). ``given`` holds the load arguments (``None`` for those not given).
    """

    given: dict[str, Path | None]
    tables: dict[str, tuple[Path, bytes | None]]
    problems: tuple[Problem, ...] = field(default=())

    @property
    def complete(self) -> bool:
        """Was every file read?"""
        return not self.problems

    @property
    def named(self) -> list[tuple[str, bytes]]:
        """``(file name, bytes)`` of every file, in order: what the fingerprint
        (:func:`~corridor.network_data.fingerprint.named_sha256`) and the cache key hash."""
        return [(path.name, data) for path, data in self.tables.values() if data is not None]

    @property
    def label(self) -> str:
        """How messages name the network (:func:`network_label`)."""
        return network_label(**self.given)


def read_network(*, nodes: Path | None = None, legs: Path | None = None,
                 sources: Path | None = None, commodities: Path | None = None,
                 directory: Path | None = None) -> NetworkBytes:
    """Read the bytes of every file of a network (:func:`network_paths`), each once, as
    :func:`~corridor.network_data.reading.read_input` reads a table: regular files only,
    up to :data:`~corridor.network_data.reading.MAX_TABLE_BYTES`. Nothing is raised: a
    file that cannot be read is a problem in the result.

    A ``directory`` that is not a folder is one problem, and nothing is read from it (not
    four "cannot read" lines, one per table it would hold).
    """
    given = {"nodes": nodes, "legs": legs, "sources": sources, "commodities": commodities,
             "directory": directory}
    problems: list[Problem] = []
    unread: set[str] = set()
    if directory is not None:
        problem = _not_a_folder(directory)
        if problem is not None:
            problems.append(problem)
            unread = {name for name in TABLE_FILES if given[name] is None}
    tables: dict[str, tuple[Path, bytes | None]] = {}
    paths = table_paths(nodes=nodes, legs=legs, sources=sources, commodities=commodities,
                        directory=directory)
    extra = optional_paths(directory=directory) if not problems else {}
    for name, path in [*zip(TABLE_FILES, paths), *extra.items()]:
        data = None
        if name not in unread:
            try:
                data = read_input(path, TABLE)
            except InputError as exc:
                problems.extend(exc.problems)
        tables[name] = (path, data)
    return NetworkBytes(given, tables, tuple(problems))


def _not_a_folder(directory: Path) -> Problem | None:
    """Why a network folder given cannot be one (missing, a file...), or None."""
    label = str(directory)
    try:
        mode = os.stat(directory).st_mode
    except FileNotFoundError:
        return Problem(label, None, None, "folder not found")
    except OSError as exc:  # a link that points at itself, no permission
        return Problem(label, None, None, f"cannot read: {exc.strerror or exc}")
    if not stat.S_ISDIR(mode):
        return Problem(label, None, None, "is a file, not a folder: give the folder that "
                       "holds nodes.csv, legs.csv, sources.csv and commodities.csv")
    return None

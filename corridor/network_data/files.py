"""Where a network's tables are read from (no pandas here: the route query resolves its
files and cache key without importing it)."""

from __future__ import annotations

from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from corridor.network_data.fingerprint import files_sha256

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
    single tables keeps the embedded rates their legs name)."""
    base = directory if directory is not None else embedded_data_dir()
    found = {}
    for name, filename in OPTIONAL_FILES.items():
        path = base / filename
        if path.is_file():
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
    file read (:func:`corridor.network_data.fingerprint.files_sha256`): a network loaded
    later from changed files has another.
    """

    given: tuple[tuple[str, str], ...]
    sha256: str


def loaded_from(paths: list[Path], **given: Path | None) -> NetworkFiles | None:
    """What a network loaded from ``paths`` records about them: the arguments that named
    them (``given``: the load arguments, ``None`` for those not given), and the fingerprint
    of their bytes (``None`` if one cannot be read)."""
    sha256 = files_sha256(paths)
    if sha256 is None:
        return None
    return NetworkFiles(tuple((name, str(path)) for name, path in given.items()
                              if path is not None), sha256)

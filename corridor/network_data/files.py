"""Where a network's tables are read from (no pandas here: the route query resolves its
files and cache key without importing it)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

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

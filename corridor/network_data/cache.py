"""A cache of validated networks, keyed by the exact bytes they were built from.

Loading the embedded network means parsing four CSV files, validating them and computing
geodesic distances: about 0.1 s, paid by every route query. Once a set of files has passed
validation, the resulting :class:`~corridor.network_data.model.Network` is pickled under a key
made of the files' bytes and the source code of this package, so any edit to the data or to the code
that builds it makes a new key. A cache that cannot be read or written is ignored: the
network is then built from the files as usual.

Location: ``$CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor``, else
``~/.cache/corridor``. ``CORRIDOR_NO_CACHE=1`` turns it off.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import pickle
import tempfile
from pathlib import Path

from corridor.network_data.model import Network

_PACKAGE = Path(__file__).resolve().parent


def cache_dir() -> Path | None:
    """Folder of the cache, or ``None`` when caching is turned off."""
    if os.environ.get("CORRIDOR_NO_CACHE"):
        return None
    if os.environ.get("CORRIDOR_CACHE_DIR"):
        return Path(os.environ["CORRIDOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corridor"


def cache_key(paths: list[Path]) -> str | None:
    """Key of a network built from ``paths``: their bytes plus this package's code."""
    digest = hashlib.sha256()
    try:
        for source in sorted(_PACKAGE.glob("*.py")):
            digest.update(source.read_bytes())
        for path in paths:
            digest.update(b"\0" + str(path.name).encode() + b"\0")
            digest.update(Path(path).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()


def read_cached(key: str) -> Network | None:
    """The cached network for ``key``, or ``None`` (missing, unreadable or stale format)."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        with (folder / f"{key}.pickle").open("rb") as handle:
            network = pickle.load(handle)
    except Exception:  # a corrupt or foreign file is just a miss
        return None
    return network if isinstance(network, Network) else None


def write_cached(key: str, network: Network) -> None:
    """Store ``network`` under ``key`` (atomically; failures are ignored)."""
    folder = cache_dir()
    if folder is None:
        return
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".net.", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(network, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, folder / f"{key}.pickle")
    except Exception:
        with contextlib.suppress(Exception):
            os.unlink(tmp)

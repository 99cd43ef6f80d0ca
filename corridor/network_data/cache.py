"""A cache of validated networks and their compiled forms: arrays and JSON, never code.

Loading the embedded network means parsing six CSV files, validating them and computing
geodesic distances (~0.2 s, and pandas to import); a route query needs only the compiled
arrays. Both are kept here once built, under a key made of the files' bytes, this
package's source, the format version and the library versions, so any edit to the data,
the code or the libraries makes a new key.

What makes it safe to read:

* an entry is one ``.npz`` file read with ``allow_pickle=False``: numbers, booleans and
  fixed-width text arrays plus one JSON document. Nothing in it can run code;
* the JSON names the format version and carries a SHA-256 of every array's bytes, checked
  on read: a truncated, edited or foreign file is a miss, never an answer;
* the folder must belong to the user and not be writable by group or others (otherwise the
  cache is skipped, with one note on stderr): nobody else can plant an entry;
* writes go to a temporary file in the folder, renamed into place: a reader sees a whole
  entry or none, and an interrupted writer leaves nothing behind;
* the folder is capped (``$CORRIDOR_CACHE_MAX_MB``, default 256 MB): the least recently
  used entries go first.

Location: ``$CORRIDOR_CACHE_DIR``, else ``$XDG_CACHE_HOME/corridor``, else
``~/.cache/corridor``. ``CORRIDOR_NO_CACHE=1`` turns it off. A cache that cannot be read or
written is ignored: the network is then built from its files as usual.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import stat
import sys
import tempfile
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np

#: Bumped whenever the layout of an entry changes (old entries then never match).
FORMAT_VERSION = 2
#: Default size cap of the cache folder.
DEFAULT_MAX_MB = 256
_PACKAGE = Path(__file__).resolve().parent.parent  # corridor/: data model and solver code
_META = "__meta__"
_noted: set[str] = set()


def cache_dir() -> Path | None:
    """Folder of the cache, or ``None`` when caching is turned off."""
    if os.environ.get("CORRIDOR_NO_CACHE"):
        return None
    if os.environ.get("CORRIDOR_CACHE_DIR"):
        return Path(os.environ["CORRIDOR_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "corridor"


def _note(message: str) -> None:
    if message not in _noted:  # once per process
        _noted.add(message)
        print(f"note: {message}", file=sys.stderr)


def _safe_folder(create: bool) -> Path | None:
    """The cache folder if it is safe to use: ours, and writable by nobody else."""
    folder = cache_dir()
    if folder is None:
        return None
    try:
        if create:
            folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.lstat()
    except OSError:
        return None
    if not stat.S_ISDIR(info.st_mode):
        return None
    owner_ok = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    if not owner_ok or info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        _note(f"network cache {folder} skipped: it must belong to you and not be writable "
              "by others (chmod go-w, or set CORRIDOR_CACHE_DIR)")
        return None
    return folder


def _versions(libraries: Iterable[str]) -> str:
    """Python's and the given libraries' versions (each imported by then: numpy here,
    pandas by whoever builds a network)."""
    import importlib

    parts = [f"python {sys.version_info[:3]}"]
    for name in libraries:
        parts.append(f"{name} {getattr(importlib.import_module(name), '__version__', '?')}")
    return ";".join(parts)


def cache_key(paths: Iterable[Path], *, kind: str,
              libraries: Iterable[str] = ("numpy",)) -> str | None:
    """Key of an entry of ``kind`` built from ``paths`` (:func:`contents_key` of their
    bytes; ``None`` if a file is unreadable). A load reads its files once and keys their
    bytes with :func:`contents_key` instead."""
    from corridor.network_data.errors import InputError
    from corridor.network_data.reading import TABLE, read_input

    try:
        named = [(Path(path).name, read_input(path, TABLE)) for path in paths]
    except InputError:
        return None
    return contents_key(named, kind=kind, libraries=libraries)


def contents_key(named: Iterable[tuple[str, bytes]], *, kind: str,
                 libraries: Iterable[str] = ("numpy",)) -> str | None:
    """Key of an entry of ``kind`` built from files already read (``(file name, bytes)``):
    their names and bytes, this package's code, the format, and Python's and
    ``libraries``' versions (``None`` if the package's code cannot be read)."""
    digest = hashlib.sha256(f"{kind};format {FORMAT_VERSION};{_versions(libraries)}".encode())
    try:
        for source in sorted(_PACKAGE.glob("*/*.py")) + sorted(_PACKAGE.glob("*/*/*.py")):
            digest.update(source.read_bytes())
    except OSError:
        return None
    for name, data in named:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update(data)
    return f"{kind}-{digest.hexdigest()[:40]}"


def _content_hash(arrays: Mapping[str, np.ndarray]) -> str:
    digest = hashlib.sha256()
    for name in sorted(arrays):
        arr = np.ascontiguousarray(arrays[name])
        digest.update(f"{name}:{arr.dtype.str}:{arr.shape}".encode())
        digest.update(arr.tobytes())
    return digest.hexdigest()


def read_entry(key: str) -> tuple[dict[str, np.ndarray], dict[str, Any]] | None:
    """The arrays and JSON document stored under ``key``, or ``None`` (missing, unsafe
    folder, wrong format or a content hash that does not match)."""
    folder = _safe_folder(create=False)
    if folder is None:
        return None
    path = folder / f"{key}.npz"
    try:
        with np.load(path, allow_pickle=False) as data:
            arrays = {name: data[name] for name in data.files}
        meta = json.loads(arrays.pop(_META).tobytes().decode("utf-8"))
    except Exception:  # missing, truncated, foreign: a miss
        return None
    if (not isinstance(meta, dict) or meta.get("format") != FORMAT_VERSION
            or meta.get("key") != key or meta.get("sha256") != _content_hash(arrays)):
        return None
    with contextlib.suppress(OSError):
        os.utime(path)  # recently used: kept longest by the size cap
    return arrays, meta["data"]


def write_entry(key: str, arrays: Mapping[str, np.ndarray], data: Mapping[str, Any]) -> None:
    """Store ``arrays`` (no object arrays) and the JSON-able ``data`` under ``key``,
    atomically; failures (a read-only disk, an unsafe folder) are ignored."""
    folder = _safe_folder(create=True)
    if folder is None:
        return
    if any(np.asarray(a).dtype.hasobject for a in arrays.values()):
        raise TypeError("cache entries hold no object arrays")
    meta = {"format": FORMAT_VERSION, "key": key, "sha256": _content_hash(arrays),
            "data": data}
    payload = {**arrays, _META: np.frombuffer(json.dumps(meta).encode("utf-8"), np.uint8)}
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(prefix=".entry.", suffix=".npz", dir=folder)
        with os.fdopen(fd, "wb") as handle:
            np.savez(handle, **payload)  # type: ignore[arg-type]
        os.replace(tmp, folder / f"{key}.npz")
        tmp = None
        _trim(folder)
    except BaseException as exc:  # an interrupt too: never leave a partial file
        if tmp is not None:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if not isinstance(exc, Exception):
            raise


def _trim(folder: Path) -> None:
    """Remove the least recently used entries until the folder is under its cap."""
    try:
        cap = float(os.environ.get("CORRIDOR_CACHE_MAX_MB", DEFAULT_MAX_MB)) * 1e6
    except ValueError:
        cap = DEFAULT_MAX_MB * 1e6
    for legacy in [*folder.glob("*.pickle"), *folder.glob(".net.*")]:
        with contextlib.suppress(OSError):  # the old pickle cache: never read again
            legacy.unlink()
    entries = []
    for path in folder.glob("*.npz"):
        with contextlib.suppress(OSError):
            info = path.stat()
            entries.append((info.st_mtime, path.name, info.st_size, path))
    total = sum(e[2] for e in entries)
    for _, _, size, path in sorted(entries):
        if total <= cap:
            break
        with contextlib.suppress(OSError):
            path.unlink()
            total -= size

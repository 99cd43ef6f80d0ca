"""Fingerprints of input files: what a result records to say which bytes it was made from.

A plan or route records the sha256 of its shipment book's bytes (what ``sha256sum`` prints)
and one sha256 over its network's table files; re-running the plan
(``corridor plan --rerun``) compares them with the files as they are now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path


def bytes_sha256(data: bytes) -> str:
    """The sha256 of ``data`` as hex (a file's: what ``sha256sum`` prints for it)."""
    return hashlib.sha256(data).hexdigest()


def files_sha256(paths: Iterable[Path]) -> str | None:
    """One sha256 over several files, in the order given: for each, a NUL, its name, a NUL,
    then its bytes (the network cache's key is made the same way, plus the package code).

    The names are part of it so that swapping two files' contents changes it; folders are
    not, so a network copied elsewhere keeps its fingerprint. ``None`` if a file cannot be
    read (loading it will say why).
    """
    digest = hashlib.sha256()
    try:
        for path in paths:
            digest.update(b"\0" + Path(path).name.encode() + b"\0")
            digest.update(Path(path).read_bytes())
    except OSError:
        return None
    return digest.hexdigest()

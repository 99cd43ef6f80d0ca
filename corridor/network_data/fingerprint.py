"""Fingerprints of input files: what a result records to say which bytes it was made from.

A plan or route records the sha256 of its shipment book's bytes (what ``sha256sum`` prints)
and one sha256 over its network's table files; re-running the plan
(``corridor plan --rerun``) compares them with the files as they are now.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable


def bytes_sha256(data: bytes) -> str:
    """The sha256 of ``data`` as hex (a file's: what ``sha256sum`` prints for it)."""
    return hashlib.sha256(data).hexdigest()


def named_sha256(named: Iterable[tuple[str, bytes]]) -> str:
    """One sha256 over several files already read, ``(file name, bytes)`` in order: for
    each, a NUL, its name, a NUL, then its bytes. The names are part of it so that swapping
    two files' contents changes it; folders are not, so a network copied elsewhere keeps its
    fingerprint."""
    digest = hashlib.sha256()
    for name, data in named:
        digest.update(b"\0" + name.encode() + b"\0")
        digest.update(data)
    return digest.hexdigest()

"""Reading an input file's bytes: regular files only, up to a size limit, once.

Network tables, shipment books and a plan's JSON (``--rerun``) are read here, whole, as
bytes; the callers parse, fingerprint and hash for the cache those same bytes, so a file
is never read twice (a file rewritten meanwhile, or a pipe, which gives its bytes only
once, would answer differently the second time).

Refused with one line naming the file, before anything is read into memory:

* anything that is not a regular file once links are followed. A named pipe (FIFO)
  would block the open until some program writes to it, and a ``<(...)`` of the shell
  (``/dev/fd/N``, a pipe) gives its bytes once; a device such as ``/dev/zero`` never
  ends. A shipment book can still be piped in: ``corridor plan -`` reads standard input
  (:func:`read_stream`, under the same limit);
* a file larger than its kind's limit (:data:`TABLE`, :data:`BOOK`, :data:`PLAN_JSON`):
  a mistaken path (a disk image, a log) is refused by its size, not read into memory.

The limits are far above any real input (the embedded network's largest table is 0.2 MB,
a 10,000-shipment book about 1 MB); they are constants here, not settings, since no real
network or book comes near them.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from corridor.network_data.errors import InputError, Problem

#: Largest network table read (nodes, legs, sources, commodities, rates, observations).
MAX_TABLE_BYTES = 512_000_000
#: Largest shipment book read, from a file or standard input.
MAX_BOOK_BYTES = 1_000_000_000
#: Largest plan JSON ``corridor plan --rerun`` reads (it holds the plan of a whole book).
MAX_PLAN_JSON_BYTES = 1_000_000_000
#: Largest what-if scenario file read (the library's are a few kB).
MAX_SCENARIO_BYTES = 10_000_000

_CHUNK = 1 << 20  # what one read of a stream asks for


@dataclass(frozen=True)
class InputKind:
    """What a kind of input file is called in messages, and how large it may be."""

    what: str  # "a network table": the kind, in the size message
    expected: str  # "a CSV file": what a folder given in its place is not
    limit: int  # bytes
    instead: str  # what to do with a pipe or device given in its place


TABLE = InputKind("a network table", "a CSV file", MAX_TABLE_BYTES,
                  "save the table to a file and give that")
BOOK = InputKind("a shipment book", "a CSV file", MAX_BOOK_BYTES,
                 "save the book to a file, or pipe it in as standard input "
                 "(corridor plan - < BOOK.csv)")
PLAN_JSON = InputKind("a plan's JSON", "a plan's JSON", MAX_PLAN_JSON_BYTES,
                      "save the plan's JSON to a file and give that")
RUN_JSON = InputKind("a run's JSON", "a JSON file", MAX_PLAN_JSON_BYTES,
                     "save the JSON to a file and give that")
SCENARIO = InputKind("a scenario file", "a TOML file", MAX_SCENARIO_BYTES,
                     "save the scenario to a file and give that")


def read_input(path: Path | str, kind: InputKind) -> bytes:
    """The bytes of the regular file at ``path`` (links followed), read once.

    Raises
    ------
    InputError
        One problem naming ``path``: not found, a folder, not a regular file (a pipe, a
        device, a socket), larger than ``kind.limit``, or unreadable (no permission, a
        link that points at itself...).
    """
    label = str(path)
    # O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer (forever,
    # if none comes) before fstat could say it is one; a regular file ignores the flag
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) \
        | getattr(os, "O_BINARY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise _refused(label, "file not found") from None
    except IsADirectoryError:
        raise _refused(label, f"is a folder, not {kind.expected}") from None
    except OSError as exc:  # no permission, a link loop, a path through a file
        raise _refused(label, f"cannot read: {exc.strerror or exc}") from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise _refused(label, f"is a folder, not {kind.expected}")
        if not stat.S_ISREG(info.st_mode):
            raise _refused(label, f"is {_not_a_file(info.st_mode)}, not a file: "
                           f"{kind.instead}")
        if info.st_size > kind.limit:
            raise _refused(label, _too_large(kind, info.st_size))
        # until the end, never past the limit: a file may grow while it is read, and some
        # (under /proc) report no size at all. Asking for one byte more than the size
        # reported finds the end of an ordinary file in the first read.
        parts: list[bytes] = []
        total = 0
        want = info.st_size + 1
        while True:
            chunk = os.read(fd, min(max(want - total, _CHUNK), kind.limit + 1 - total))
            if not chunk:
                break
            parts.append(chunk)
            total += len(chunk)
            if total > kind.limit:
                raise _refused(label, _too_large(kind))
        return b"".join(parts)
    except OSError as exc:  # an I/O error of the disk under the file
        raise _refused(label, f"cannot read: {exc.strerror or exc}") from None
    finally:
        os.close(fd)


def read_stream(stream: BinaryIO, kind: InputKind, source: str) -> bytes:
    """All of ``stream`` (standard input), refused once past ``kind.limit`` bytes (so that
    ``corridor plan - < /dev/zero`` stops, with one line naming ``source``)."""
    parts: list[bytes] = []
    total = 0
    while True:
        try:
            chunk = stream.read(min(_CHUNK, kind.limit + 1 - total))
        except OSError as exc:
            raise _refused(source, f"cannot read: {exc.strerror or exc}") from None
        if not chunk:
            return b"".join(parts)
        parts.append(chunk)
        total += len(chunk)
        if total > kind.limit:
            raise _refused(source, _too_large(kind))


def _too_large(kind: InputKind, size: int | None = None) -> str:
    """The message of an input over its limit (of ``size`` bytes, if known)."""
    limit = f"{kind.limit / 1e6:,.0f} MB"
    how = f"{size / 1e6:,.0f} MB; the limit is {limit}" if size is not None \
        else f"over the {limit} limit"
    return f"too large for {kind.what} ({how}): is this the right file?"


def _not_a_file(mode: int) -> str:
    """What a file that is not a regular one is, in a message."""
    if stat.S_ISFIFO(mode):
        return "a pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "a special file"


def _refused(label: str, message: str) -> InputError:
    return InputError(Problem(label, None, None, message))

"""Writing output files all or none, never half-written.

Every output of a run (a plan's CSV tables and GeoJSON, a route's GeoJSON) goes through
:func:`write_all_atomic`: each is written to a temporary file beside its target and only
once all are written do they replace their targets.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path


def is_stream(path: Path) -> bool:
    """Is ``path`` (links followed) something other than a file or folder: ``/dev/stdout``,
    a pipe? It is written in place, never replaced."""
    return path.exists() and not path.is_file() and not path.is_dir()


def why_unwritable(path: Path) -> str | None:
    """Why an output cannot go to ``path`` (a link's file is the one written), or None."""
    if is_stream(path):
        return None
    real = Path(os.path.realpath(path))
    if real.is_dir():
        return "is a folder; give a file name"
    if not real.parent.is_dir():
        return "folder does not exist"
    return None


def write_atomic(path: Path, text: str) -> None:
    """Write ``text`` to ``path`` so that a failure never leaves a half-written file."""
    write_all_atomic([(path, text)])


def write_all_atomic(files: Sequence[tuple[Path, str | Callable[[], str]]]) -> None:
    """Write every file or none: each text (a function's is made when its turn comes, so
    one at a time is held) goes to a temporary file beside its target; only once all are
    written do they replace their targets. A failure leaves no file, whole or half-written.

    A link's file is replaced, not the link. A target that is not a file (``/dev/stdout``,
    a pipe) cannot be replaced: it is written in place, after the files.

    Raises
    ------
    InputError
        A target in a missing folder, or one that is a folder; a file that cannot be
        written (read-only folder, full disk), naming it.
    """
    from corridor.network_data.errors import InputError, Problem

    staged: list[tuple[str, Path]] = []  # (temporary file, the file it replaces)
    streams: list[tuple[Path, str | Callable[[], str]]] = []
    path = Path()
    try:
        for path, text in files:
            path = Path(path)
            if is_stream(path):
                streams.append((path, text))
                continue
            message = why_unwritable(path)
            if message is not None:
                raise InputError(Problem(str(path), None, None, message))
            real = Path(os.path.realpath(path))
            fd, tmp = tempfile.mkstemp(prefix=f".{real.name}.", dir=real.parent)
            staged.append((tmp, real))
            # mkstemp's file is private (0600); the output gets the mode a plain write would
            # give: the replaced file's, or what the umask leaves of rw-rw-rw-
            os.fchmod(fd, real.stat().st_mode & 0o7777 if real.exists() else 0o666 & ~_umask())
            with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
                handle.write(text() if callable(text) else text)
        for tmp, real in staged:
            path = real
            os.replace(tmp, real)
        for path, text in streams:
            with open(path, "w", encoding="utf-8", newline="") as handle:
                handle.write(text() if callable(text) else text)
    except OSError as exc:  # a read-only folder, a full disk: the user's to fix
        _remove(staged)
        raise InputError(Problem(str(path), None, None,
                                 f"cannot write: {exc.strerror or exc}")) from None
    except BaseException:
        _remove(staged)
        raise


def _remove(staged: list[tuple[str, Path]]) -> None:
    """Delete the temporary files of an unfinished :func:`write_all_atomic`."""
    for tmp, _ in staged:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)


def _umask() -> int:
    """The process's file-mode creation mask (read by setting it, then put back)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask

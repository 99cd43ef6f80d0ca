"""Writing output files all or none, never half-written.

Every output of a run (a plan's CSV tables and GeoJSON, a route's GeoJSON, and the JSON a
command prints) goes through :func:`write_all_atomic`; see there for how. An output's text
is a string, a function that returns it, or (:class:`Chunked`) a function that writes it
to the open file in pieces, for texts too big to hold whole.
"""

from __future__ import annotations

import contextlib
import errno
import io
import os
import re
import secrets
import signal
import tempfile
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import TextIO

#: What a temporary file's name holds after its target's name: ``.plan.csv.corridor-PID.``
#: then 8 random characters (the new file being written, or the hard link that keeps a
#: replaced file until the run is over). The process id says whose it is: a run removes
#: those of processes that are gone (:func:`remove_stale`).
_MARK = "corridor-"
#: Characters of a target's name kept in its temporaries' names (a name of 255 characters
#: would leave no room for the rest).
_NAME_KEPT = 200



class Chunked:
    """An output's text written by ``write(out)`` to the open text stream ``out``, piece by
    piece, instead of returned as one string: a million-shipment plan's CSV is over a GB of
    text and its JSON twice that, which as one string (and again as its encoded bytes) would
    be held whole. :func:`write_all_atomic` hands ``write`` the hidden temporary (or the
    stream); what it writes is all or none there as a string is.

    Calling it returns the whole text (written to a string), as the function form of an
    output does.
    """

    def __init__(self, write: Callable[[TextIO], object]):
        self.write = write

    def __call__(self) -> str:
        """The whole text, as one string."""
        buffer = io.StringIO(newline="")
        self.write(buffer)
        return buffer.getvalue()


#: An output's text: the text, a function that returns it (called when its turn comes), or
#: a :class:`Chunked` writer; or bytes, for a binary file (a PNG).
Text = str | Callable[[], str] | Chunked | bytes


def _put(out: TextIO, text: Text) -> None:
    """Write ``text`` (any form of :data:`Text`) to ``out`` (bytes to its binary buffer)."""
    if isinstance(text, bytes):
        out.flush()
        out.buffer.write(text)
        out.buffer.flush()
    elif isinstance(text, Chunked):
        text.write(out)
    else:
        out.write(text() if callable(text) else text)


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


def write_all_atomic(files: Sequence[tuple[Path | TextIO, Text]]) -> None:
    """Write every output or none. A text may be a function, called when its turn comes
    (so that one text at a time is held), or a :class:`Chunked` writer, which writes it to
    the file (or stream) in pieces (so that not even one whole text is held); a target is a
    path, or an open text stream such as ``sys.stdout`` (the JSON a command prints is one
    of its outputs).

    In four steps, so that a failure (a full disk, ``--legs /dev/full``, an interrupt)
    before the last leaves every file as it was:

    1. every target is checked (an existing folder, not a folder itself);
    2. each file is written to a hidden temporary beside its target, flushed and synced
       to the disk (``fsync``); stale temporaries of killed runs for the same target are
       removed first (:func:`remove_stale`);
    3. the targets that cannot be replaced are written in place, in the order given:
       streams (standard output) and paths that are not regular files (``/dev/stdout``,
       a pipe, a device). Nothing can take back what a stream was given, so they go after
       everything that can fail on the files, and before any file is replaced: a stream
       that fails (``/dev/full``, a full disk under standard output) leaves the files as
       they were. A closed pipe on a stream (``| head``) is not a failure: the reader had
       all it wanted; the files are still written, then ``BrokenPipeError`` is raised;
    4. the temporaries replace their targets (renames in one folder: nothing is copied,
       and a reader sees the old file or the new one). Each replaced file is kept until
       the end through a hard link, so that if a rename fails (the folder changed under
       the run), or Ctrl-C or SIGTERM comes in the middle, the files already replaced are
       put back before the error (or the interrupt, held for those microseconds) goes on.

    A link's file is replaced, not the link. A file replaced keeps its mode; a new one gets
    what the umask leaves of rw-rw-rw-.

    Raises
    ------
    InputError
        A target in a missing folder, or one that is a folder; a file or stream that
        cannot be written (read-only folder, full disk), naming it ("standard output"
        for ``sys.stdout``).
    """
    from corridor.network_data.errors import InputError, Problem

    staged: list[tuple[str, Path]] = []  # (temporary file, the file it replaces)
    streams: list[tuple[Path | TextIO, Text]] = []
    target: Path | TextIO = Path()
    broken_pipe: BrokenPipeError | None = None
    try:
        for target, _ in files:
            if isinstance(target, Path | str):
                message = why_unwritable(Path(target))
                if message is not None:
                    raise InputError(Problem(str(target), None, None, message))
        for target, text in files:
            if not isinstance(target, Path | str) or is_stream(Path(target)):
                streams.append((target, text))
                continue
            real = Path(os.path.realpath(target))
            remove_stale(real)
            staged.append((_stage(real, text), real))
        for target, text in streams:
            try:
                _write_stream(target, text)
            except BrokenPipeError as exc:  # `| head`: not a failure (see above)
                broken_pipe = exc
        _commit(staged)
    except OSError as exc:  # a read-only folder, a full disk: the user's to fix
        _remove(staged)
        raise InputError(Problem(_label(target), None, None,
                                 f"cannot write: {_reason(exc)}")) from None
    except BaseException:
        _remove(staged)
        raise
    if broken_pipe is not None:
        raise broken_pipe


def _stage(real: Path, text: Text) -> str:
    """Write ``text`` to a new hidden temporary beside ``real``, synced to the disk; return
    its path (removed again if anything fails)."""
    fd, tmp = tempfile.mkstemp(prefix=f".{real.name[:_NAME_KEPT]}.{_MARK}{os.getpid()}.",
                               dir=real.parent)
    try:
        # mkstemp's file is private (0600); the output gets the mode a plain write would
        # give: the replaced file's, or what the umask leaves of rw-rw-rw-
        os.fchmod(fd, real.stat().st_mode & 0o7777 if real.exists() else 0o666 & ~_umask())
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
            _put(handle, text)
            handle.flush()
            _fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return tmp


def _write_stream(target: Path | TextIO, text: Text) -> None:
    """Write ``text`` to a stream, or in place to a path that is not a regular file."""
    if not isinstance(target, Path | str):
        _put(target, text)
        target.flush()
        return
    # O_NONBLOCK for the open only: a pipe no program reads from fails at once (ENXIO)
    # instead of waiting for a reader forever; writes then block as usual
    fd = os.open(target, os.O_WRONLY | getattr(os, "O_NONBLOCK", 0)
                 | getattr(os, "O_CLOEXEC", 0))
    with contextlib.suppress(ImportError, OSError):
        import fcntl

        fcntl.fcntl(fd, fcntl.F_SETFL, fcntl.fcntl(fd, fcntl.F_GETFL) & ~os.O_NONBLOCK)
    with os.fdopen(fd, "w", encoding="utf-8", newline="") as handle:
        _put(handle, text)


def _commit(staged: list[tuple[str, Path]]) -> None:
    """Replace each target with its temporary; all, or (after a failure, or an interrupt
    that raises) none: the files already replaced are put back from their hard links.

    Raises
    ------
    InputError
        A rename failed, naming its target.
    """
    from corridor.network_data.errors import InputError, Problem

    done: list[tuple[Path, Path | None, bool]] = []  # (target, its old file's link, existed)
    links: list[Path] = []  # every link made, removed in the end (those put back are gone)
    real = Path()
    try:
        # an interrupt held during the renames is delivered as the block ends: if its
        # handler raises (Ctrl-C's KeyboardInterrupt), the renames are undone below
        with _interrupts_held():
            for tmp, real in staged:
                existed = os.path.lexists(real)
                kept = _keep_old(real) if existed else None
                if kept is not None:
                    links.append(kept)
                os.replace(tmp, real)
                done.append((real, kept, existed))
    except OSError as exc:
        _put_back(done)
        raise InputError(Problem(str(real), None, None,
                                 f"cannot write: {_reason(exc)}")) from None
    except BaseException:
        _put_back(done)
        raise
    finally:
        for kept in links:
            with contextlib.suppress(OSError):
                os.unlink(kept)
    for folder in {real.parent for _, real in staged}:
        _fsync_folder(folder)


def _keep_old(real: Path) -> Path | None:
    """A hard link to the file ``real`` names now (to put it back if the run goes no
    further), or None where links cannot be made (some network and FAT file systems)."""
    for _ in range(100):
        kept = real.parent / f".{real.name[:_NAME_KEPT]}.{_MARK}{os.getpid()}." \
            f"{secrets.token_hex(4)}"
        try:
            os.link(real, kept, follow_symlinks=False)
        except FileExistsError:
            continue
        except OSError:
            return None
        return kept
    return None


def _put_back(done: list[tuple[Path, Path | None, bool]]) -> None:
    """Undo the replacements ``done``, last first: each old file back from its link, each
    new target removed (a replaced file without a link cannot be put back)."""
    for real, kept, existed in reversed(done):
        with contextlib.suppress(OSError):
            if kept is not None:
                os.replace(kept, real)
            elif not existed:
                os.unlink(real)


@contextlib.contextmanager
def _interrupts_held() -> Iterator[None]:
    """Hold Ctrl-C and SIGTERM for the few renames of a commit, so that an interrupt never
    lands between two of them; each signal that came is delivered as the block ends, to
    the handler it had (which may raise: Ctrl-C's ``KeyboardInterrupt``).

    Only the main thread can set handlers (and Python runs them there only): elsewhere,
    and for a signal ignored or handled outside Python, nothing is held.
    """
    caught: list[int] = []
    previous: dict[int, Callable[..., object] | int] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in (signal.SIGINT, getattr(signal, "SIGTERM", None)):
            handler = signal.getsignal(signum) if signum is not None else None
            if signum is None or handler is None or handler == signal.SIG_IGN:
                continue
            previous[signum] = handler
            signal.signal(signum, lambda got, _frame: caught.append(got))
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
        for signum in dict.fromkeys(caught):
            signal.raise_signal(signum)


def remove_stale(real: Path) -> None:
    """Remove the temporaries that runs killed while writing ``real`` left beside it
    (``.NAME.corridor-PID.*``, whose process is gone); nothing else, and never another
    running process's. A run on another machine sharing the folder cannot be told from a
    gone one; its temporaries live for a second or two, so the risk is that of two runs
    writing one file at the same moment."""
    if os.name != "posix":  # os.kill(pid, 0) is no liveness test elsewhere
        return
    pattern = re.compile(re.escape(f".{real.name[:_NAME_KEPT]}.{_MARK}") + r"(\d+)\.\w{8}")
    try:
        names = os.listdir(real.parent)
    except OSError:
        return
    for name in names:
        found = pattern.fullmatch(name)
        if found is not None and not _alive(int(found.group(1))):
            with contextlib.suppress(OSError):
                os.unlink(real.parent / name)


def _alive(pid: int) -> bool:
    """Is process ``pid`` running (this one, or any other, another user's too)?"""
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:  # not ours to signal, but there
        return True
    return True


def _fsync(fd: int) -> None:
    """Flush a file's data to the disk: a rename that outlives a power cut then never
    shows an empty file. File systems that cannot (EINVAL) are left as they are."""
    try:
        os.fsync(fd)
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.ENOTSUP):
            raise


def _fsync_folder(folder: Path) -> None:
    """Make the renames in ``folder`` durable, where the system allows it."""
    with contextlib.suppress(OSError, AttributeError):
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _label(target: Path | TextIO) -> str:
    """How a message names an output."""
    if isinstance(target, Path | str):
        return str(target)
    import sys

    if target is sys.stdout or getattr(target, "name", None) == "<stdout>":
        return "standard output"
    return str(getattr(target, "name", "output"))


def _reason(exc: OSError) -> str:
    """Why a write failed, for a person."""
    if exc.errno == errno.ENXIO:  # the O_NONBLOCK open of a pipe nobody reads from
        return "nothing reads from this pipe"
    return exc.strerror or str(exc)


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

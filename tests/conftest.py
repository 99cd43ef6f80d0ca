"""Shared fixtures: the tiny hand-solved network, the embedded network, and the real CLI
(in this process, or in one of its own)."""

from __future__ import annotations

import gc
import io
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING

# Keep the validated-network cache of this test run out of the user's home.
os.environ.setdefault("CORRIDOR_CACHE_DIR", tempfile.mkdtemp(prefix="corridor-cache-"))

import pytest

if TYPE_CHECKING:  # corridor (and pandas) load in the workers that run tests, not the controller
    from corridor.network_data.model import Network

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"
BROKEN = DATA / "broken"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_net() -> Network:
    from corridor.network_data import load_network

    return load_network(directory=TINY)


@pytest.fixture(scope="session")
def net() -> Network:
    from corridor.network_data import load_network

    return load_network()


def corridor_exe() -> list[str]:
    """The installed console script (the real entry point)."""
    exe = Path(sys.executable).parent / "corridor"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "corridor.cli.main"]


#: The terminal the command line's tests run in: wide (tables are not folded), no colour.
CLI_ENV = {"COLUMNS": "200", "NO_COLOR": "1"}


def run_cli_process(*args: str, cwd: Path | None = None, stdin: str | None = None
                    ) -> subprocess.CompletedProcess[str]:
    """Run `corridor ARGS` as a user would, in a process of its own through the installed
    entry point (``stdin`` piped in); return the completed process (text mode).

    Slower than :func:`run_cli` (a process start and every import each time): for what
    only a process shows, such as its exit status or a pipe closed under it."""
    env = {**os.environ, **CLI_ENV, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*corridor_exe(), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, input=stdin,
                          encoding="utf-8" if stdin is not None else None)


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run `corridor ARGS` in this process through the real command (``main(argv)``): the
    terminal of :data:`CLI_ENV`, standard input ``stdin`` (else empty), working folder
    ``cwd``; return what :func:`run_cli_process` would (exit code, stdout, stderr as text).
    """
    from corridor.cli.main import main

    saved_env = {key: os.environ.get(key) for key in CLI_ENV}
    saved_streams = sys.stdin, sys.stdout, sys.stderr
    saved_cwd = os.getcwd()
    # byte buffers under UTF-8 text, as a process's pipes (`plan -` reads sys.stdin.buffer)
    out_bytes, err_bytes = io.BytesIO(), io.BytesIO()
    out = io.TextIOWrapper(out_bytes, encoding="utf-8")
    err = io.TextIOWrapper(err_bytes, encoding="utf-8")
    sys.stdin = io.TextIOWrapper(io.BytesIO((stdin or "").encode("utf-8")), encoding="utf-8")
    sys.stdout, sys.stderr = out, err
    os.environ.update(CLI_ENV)
    try:
        if cwd is not None:
            os.chdir(cwd)
        code = main(list(args))
    finally:
        os.chdir(saved_cwd)
        sys.stdin, sys.stdout, sys.stderr = saved_streams
        for key, value in saved_env.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
        # the command sets everything alive aside from garbage collection for the rest of
        # its process (gc.freeze); here the process goes on: let its garbage go
        gc.unfreeze()
    out.flush()
    err.flush()
    return subprocess.CompletedProcess(["corridor", *args], code, _text(out_bytes.getvalue()),
                                       _text(err_bytes.getvalue()))


def _text(raw: bytes) -> str:
    """``raw`` read as ``subprocess.run(text=True)`` reads a pipe (universal newlines)."""
    return io.TextIOWrapper(io.BytesIO(raw), encoding="utf-8").read()

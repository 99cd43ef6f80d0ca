"""Shared fixtures: the tiny hand-solved network, the embedded network, and the real CLI."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

# Keep the validated-network cache of this test run out of the user's home.
os.environ.setdefault("CORRIDOR_CACHE_DIR", tempfile.mkdtemp(prefix="corridor-cache-"))

import pytest

from corridor.network_data import load_network
from corridor.network_data.model import Network

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"
BROKEN = DATA / "broken"
REPO = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def tiny_net() -> Network:
    return load_network(directory=TINY)


@pytest.fixture(scope="session")
def net() -> Network:
    return load_network()


def corridor_exe() -> list[str]:
    """The installed console script (the real entry point)."""
    exe = Path(sys.executable).parent / "corridor"
    if exe.exists():
        return [str(exe)]
    return [sys.executable, "-m", "corridor.cli.main"]


def run_cli(*args: str, cwd: Path | None = None, stdin: str | None = None
            ) -> subprocess.CompletedProcess[str]:
    """Run `corridor ARGS` as a user would (``stdin`` piped in); return the completed
    process (text mode)."""
    env = {**os.environ, "COLUMNS": "200", "NO_COLOR": "1", "PYTHONIOENCODING": "utf-8"}
    return subprocess.run([*corridor_exe(), *args], capture_output=True, text=True,
                          cwd=cwd, env=env, timeout=120, input=stdin,
                          encoding="utf-8" if stdin is not None else None)

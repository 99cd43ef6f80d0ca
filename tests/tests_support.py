"""Paths shared by test modules (importable, unlike conftest)."""

from pathlib import Path

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"
BROKEN = DATA / "broken"

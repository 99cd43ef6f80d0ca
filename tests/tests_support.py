"""Paths and helpers shared by test modules (importable, unlike conftest)."""

import json
from pathlib import Path
from typing import Any

DATA = Path(__file__).parent / "data"
TINY = DATA / "tiny"
BROKEN = DATA / "broken"


def without_book(plan_json: str) -> dict[str, Any]:
    """A plan's JSON as a dict, without ``made_with.book`` (the path and fingerprint of the
    book file: two files with the same shipments still differ there)."""
    doc = json.loads(plan_json)
    del doc["made_with"]["book"]
    return doc  # type: ignore[no-any-return]

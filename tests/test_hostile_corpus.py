"""The corpus of hostile inputs (tests/hostile/corpus.toml), each run through the real
command: the expected exit code, one line whose start says what is wrong, no traceback, and
files that must not exist (or must not change) checked afterwards."""

from __future__ import annotations

import re
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
from conftest import run_cli
from tests_support import TINY

CORPUS = Path(__file__).parent / "hostile" / "corpus.toml"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
CASES: list[dict[str, Any]] = tomllib.loads(CORPUS.read_text(encoding="utf-8"))["case"]


def _bytes(escaped: str) -> bytes:
    """``\\xNN`` escapes (and plain ASCII) as bytes."""
    return escaped.encode("ascii").decode("unicode_escape").encode("latin-1")


def _prepare(case: dict[str, Any], folder: Path) -> None:
    if "copy_tiny_to" in case:
        shutil.copytree(TINY, folder / case["copy_tiny_to"])
    for name, text in case.get("files", {}).items():
        (folder / name).write_text(text, encoding="utf-8")
    for name, escaped in case.get("bytes_files", {}).items():
        (folder / name).write_bytes(_bytes(escaped))
    for name, (old, new) in case.get("replace_in", {}).items():
        path = folder / name
        text = path.read_text(encoding="utf-8")
        assert old in text, (case["name"], old)
        path.write_text(text.replace(old, new), encoding="utf-8")


def test_the_corpus_is_well_formed() -> None:
    names = [c["name"] for c in CASES]
    assert len(names) == len(set(names)) and len(names) >= 20
    allowed = {"name", "args", "files", "bytes_files", "stdin", "exit", "message", "absent",
               "unchanged", "copy_tiny_to", "replace_in"}
    for case in CASES:
        assert set(case) <= allowed, case["name"]
        assert {"name", "args", "exit", "message"} <= set(case), case["name"]
        re.compile(case["message"])


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_hostile_input(case: dict[str, Any], tmp_path: Path) -> None:
    _prepare(case, tmp_path)
    before = {name: (tmp_path / name).read_bytes() for name in case.get("unchanged", [])}
    args = [a.format(tmp=tmp_path, tiny=TINY, examples=EXAMPLES) for a in case["args"]]
    out = run_cli(*args, stdin=case.get("stdin"))
    assert out.returncode == case["exit"], (case["name"], out.returncode, out.stderr)
    assert "Traceback" not in out.stderr and "internal error" not in out.stderr, out.stderr
    # what the user typed is quoted, but no control or bidi character reaches the terminal
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]",
                         out.stderr), out.stderr
    lines = out.stderr.strip().splitlines()
    assert lines, f"{case['name']}: nothing on stderr"
    assert re.search(case["message"], lines[0]), (case["name"], lines[0])
    for name in case.get("absent", []):
        assert not (tmp_path / name).exists(), (case["name"], name)
    for name, data in before.items():
        assert (tmp_path / name).read_bytes() == data, (case["name"], name)

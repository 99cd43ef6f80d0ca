"""Deterministic JSON text, the one layout every ``--json`` output and JSON file uses.

Indented, except that a list of objects (a table: shipments, legs, routes) has one compact
object per line, and a list of plain values stays on one line: readable, easy to grep and
diff line by line. Big tables can be handed over pre-rendered (an object with a
``json_at(level)`` method, as a plan's tables are), so they need not become a dict per row;
:func:`write_json` writes the same text to a file, such a table in chunks (its
``json_chunks(level)``), so that a document of GBs is never held whole.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from typing import Any, TextIO


def plain(obj: Any) -> Any:
    """JSON-ready copy: numpy scalars to Python, NaN (pandas' missing value) to None.

    A list or tuple met again (a plan's rows share their route's lists) is converted once.
    Pre-rendered tables (``json_at``) pass through as they are.
    """
    seen: dict[int, list[Any]] = {}  # by identity: every object stays alive during the walk

    def walk(o: Any) -> Any:
        kind = type(o)
        if kind is str or kind is int or kind is bool or o is None:
            return o  # the common leaves first: a large plan has millions of them
        if kind is float:
            return None if o != o else o
        if isinstance(o, dict):
            return {str(k): walk(v) for k, v in o.items()}
        if isinstance(o, list | tuple):
            done = seen.get(id(o))
            if done is None:
                done = seen[id(o)] = [walk(v) for v in o]
            return done
        if hasattr(o, "item") and callable(o.item) and not isinstance(o, str):
            o = o.item()  # numpy scalar
        if isinstance(o, float) and o != o:
            return None
        return o

    return walk(obj)


def dump_json(obj: Any) -> str:
    """Deterministic JSON text (insertion order kept, UTF-8 as is, missing values as null),
    in the layout above; written by the C encoder (``indent`` would force the pure-Python
    one, ~5× slower on a 10,000-shipment plan)."""
    return _dump(plain(obj), 0, "\n")


def write_json(obj: Any, out: TextIO) -> None:
    """Write :func:`dump_json` of ``obj`` to ``out`` (the same text). A table with a
    ``json_chunks(level)`` method (and ``json_at``) is written piece by piece; the members
    of the objects holding one are written one after the other; the rest as ``dump_json``
    renders it. Every table's ``check()``, if it has one, runs before anything is written:
    a number ``json`` refuses fails with nothing written."""
    doc = plain(obj)
    for table in _chunked(doc):
        check = getattr(table, "check", None)
        if check is not None:
            check()
    _write(doc, 0, "\n", out.write)


def _chunked(obj: Any) -> Iterator[Any]:
    """The tables written in chunks in ``obj`` (in objects: ``_write`` looks no further)."""
    if hasattr(obj, "json_chunks"):
        yield obj
    elif isinstance(obj, dict):
        for value in obj.values():
            yield from _chunked(value)


def _write(obj: Any, level: int, tail: str, write: Callable[[str], object]) -> None:
    """``_dump(obj, level, tail)``, written piece by piece where ``obj`` holds a chunked
    table."""
    chunks = getattr(obj, "json_chunks", None)
    if chunks is not None:
        for piece in chunks(level):
            write(piece)
        write(tail)
        return
    if not (isinstance(obj, dict) and any(True for _ in _chunked(obj))):
        write(_dump(obj, level, tail))
        return
    pad, end = "  " * (level + 1), "  " * level
    write("{\n")
    for i, (key, value) in enumerate(obj.items()):
        write(("" if not i else ",\n") + f"{pad}{compact(str(key))}: ")
        _write(value, level + 1, "", write)
    write("\n" + end + "}" + tail)


#: One encoder for every value (``json.dumps`` with options builds a new one per call).
_ENCODER = json.JSONEncoder(ensure_ascii=False, allow_nan=False, separators=(", ", ": "))


def compact(obj: Any) -> str:
    """One value as compact JSON text (``", "`` and ``": "`` separators)."""
    return _ENCODER.encode(obj)


def _dump(obj: Any, level: int, tail: str = "") -> str:
    """``obj`` at nesting ``level``, followed by ``tail``. Each level joins its pieces once:
    a plan's tables are tens of MB, and every extra concatenation would copy them again."""
    pad, end = "  " * (level + 1), "  " * level
    render = getattr(obj, "json_at", None)
    if render is not None:
        return render(level) + tail  # type: ignore[no-any-return]
    if isinstance(obj, dict) and obj:  # a member's value is a piece of its own: not copied
        heads = [f"{pad}{compact(str(k))}: " for k in obj]
        values = [_dump(v, level + 1) for v in obj.values()]
    elif isinstance(obj, list) and obj and all(isinstance(v, dict) for v in obj):
        heads, values = [pad] * len(obj), [compact(v) for v in obj]
    elif isinstance(obj, list) and any(isinstance(v, dict | list) for v in obj):
        heads, values = [pad] * len(obj), [_dump(v, level + 1) for v in obj]
    else:
        return compact(obj) + tail
    opening, closing = ("{", "}") if isinstance(obj, dict) else ("[", "]")
    pieces = [",\n"] * (3 * len(heads) + 1)
    pieces[0] = opening + "\n"
    pieces[1::3] = heads
    pieces[2::3] = values
    pieces[-1] = "\n" + end + closing + tail
    return "".join(pieces)

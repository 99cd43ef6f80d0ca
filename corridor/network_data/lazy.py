"""Packages whose public names are imported on first use (PEP 562), so that importing a
package does not import everything behind it: ``corridor route`` must not load pandas or
the planner just because ``corridor`` exposes them."""

from __future__ import annotations

import importlib
import importlib.util
import sys
from collections.abc import Callable, Mapping
from typing import Any


def lazy_exports(package: str, exports: Mapping[str, str]
                 ) -> tuple[Callable[[str], Any], Callable[[], list[str]]]:
    """``(__getattr__, __dir__)`` for ``package``: ``exports`` maps a public name to the
    module defining it; the first access imports that module and keeps the value in the
    package's namespace (later accesses are plain attribute lookups)."""
    def __getattr__(name: str) -> Any:
        module = exports.get(name)
        if module is None:  # a subpackage (corridor.reports) is imported on first use too
            if name.startswith("_") or importlib.util.find_spec(f"{package}.{name}") is None:
                raise AttributeError(f"module {package!r} has no attribute {name!r}")
            return importlib.import_module(f"{package}.{name}")
        value = getattr(importlib.import_module(module), name)
        setattr(sys.modules[package], name, value)
        return value

    def __dir__() -> list[str]:
        return sorted(set(vars(sys.modules[package])) | set(exports))

    return __getattr__, __dir__

"""Imports go one way: `corridor.cli` -> `corridor.routing` -> `corridor.network_data`, never
back; `corridor.reports` (where present) sits above routing and network_data and below cli.

Read off the source files with `ast`, so that every import counts: at the top, inside a
function (the command line imports its heavy modules where they are used), under
TYPE_CHECKING, relative, through the lazy exports of `corridor/__init__.py`, or by
`importlib.import_module("...")`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "corridor"

#: What each part of the package must not import. ``api`` is `corridor/__init__.py`, the
#: public API for Python users, which has no use for the command line.
FORBIDDEN = {
    "network_data": {"routing", "reports", "cli"},
    "routing": {"reports", "cli"},
    "reports": {"cli"},
    "api": {"cli"},
    "cli": set(),
}


def lazy_exports() -> dict[str, str]:
    """`corridor/__init__.py`'s public name -> the module defining it (``_EXPORTS``)."""
    tree = ast.parse((PACKAGE / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else \
            [node.target] if isinstance(node, ast.AnnAssign) else []
        if any(isinstance(t, ast.Name) and t.id == "_EXPORTS" for t in targets):
            assert node.value is not None
            exports = ast.literal_eval(node.value)
            assert isinstance(exports, dict)
            return exports
    return {}


def module_name(path: Path) -> str:
    """`corridor/routing/plan/__init__.py` -> `corridor.routing.plan`."""
    parts = list(path.relative_to(REPO).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports_in(source: str, module: str, *, is_package: bool,
               exports: dict[str, str]) -> Iterator[tuple[int, str]]:
    """(line, imported module) for every import in ``source``, the text of ``module``."""
    package = module if is_package else module.rpartition(".")[0]
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[:len(anchor) - (node.level - 1)]
                base = ".".join([*anchor, *([base] if base else [])])
            yield node.lineno, base
            for alias in node.names:  # a submodule, or a name `corridor` exports lazily
                lazy = exports.get(alias.name) if base == "corridor" else None
                yield node.lineno, lazy or f"{base}.{alias.name}"
        elif isinstance(node, ast.Call) and _called(node) == "import_module" and node.args:
            first = node.args[0]
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                yield node.lineno, first.value


def _called(call: ast.Call) -> str | None:
    """The name a call calls: ``f`` of ``f(...)`` and of ``module.f(...)``."""
    if isinstance(call.func, ast.Name):
        return call.func.id
    return call.func.attr if isinstance(call.func, ast.Attribute) else None


def part(module: str) -> str | None:
    """Which part of the package ``module`` is in (``api`` for `corridor` itself), or None
    outside it."""
    names = module.split(".")
    if names[0] != "corridor":
        return None
    if len(names) == 1:
        return "api"
    return names[1] if names[1] in FORBIDDEN else None


def backwards(source: str, module: str, *, is_package: bool = False,
              exports: dict[str, str] | None = None) -> list[str]:
    """Every import in ``source`` (the text of ``module``) that goes the wrong way."""
    own = part(module)
    if own is None:
        return []
    found = []
    for line, target in imports_in(source, module, is_package=is_package,
                                   exports=lazy_exports() if exports is None else exports):
        if part(target) in FORBIDDEN[own]:
            found.append(f"{module} line {line} imports {target}")
    return found


def package_sources() -> dict[str, Path]:
    return {module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def test_no_part_imports_a_part_above_it() -> None:
    exports = lazy_exports()
    wrong = [problem for module, path in package_sources().items()
             for problem in backwards(path.read_text(encoding="utf-8"), module,
                                      is_package=path.name == "__init__.py", exports=exports)]
    assert wrong == []


def test_the_scan_sees_the_package_and_its_imports() -> None:
    """The files are where the test looks, and the imports that do run the right way (the
    commands' function-level ones among them) are found."""
    sources = package_sources()
    assert {"cli", "routing", "network_data", "api"} <= {part(m) for m in sources}
    exports = lazy_exports()
    assert exports["find_routes"] == "corridor.routing.query"
    seen = {target for module, path in sources.items() if part(module) == "cli"
            for _, target in imports_in(path.read_text(encoding="utf-8"), module,
                                        is_package=path.name == "__init__.py",
                                        exports=exports)}
    assert {"corridor.routing.query", "corridor.network_data.errors"} <= seen


def test_a_backwards_import_anywhere_is_caught() -> None:
    exports = {"find_routes": "corridor.routing.query"}
    cases = {
        "import corridor.cli.main\n": "corridor.cli.main",
        "def f():\n    from corridor.routing.costs import CostParams\n": "corridor.routing.costs",
        "from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n"
        "    from corridor.reports import tables\n": "corridor.reports",
        "from ..routing import query\n": "corridor.routing",
        "from .. import cli\n": "corridor.cli",
        "from corridor import find_routes\n": "corridor.routing.query",
        "import importlib\nimportlib.import_module('corridor.routing.plan')\n":
            "corridor.routing.plan",
    }
    for source, target in cases.items():
        found = backwards(source, "corridor.network_data.load", exports=exports)
        assert found and all(f.startswith("corridor.network_data.load line ") for f in found)
        assert any(f.endswith(f" imports {target}") for f in found), (source, found)
    assert backwards("from corridor.cli.common import eprint\n", "corridor.reports.json",
                     exports=exports)
    assert backwards("from corridor.reports import x\n", "corridor.routing.query",
                     exports=exports)
    assert backwards("from corridor.cli import main\n", "corridor", is_package=True,
                     exports=exports)
    # the right way round is no finding
    assert backwards("from corridor.network_data.errors import InputError\n"
                     "from corridor.routing.query import find_routes\n", "corridor.cli.main",
                     exports=exports) == []
    assert backwards("from corridor.routing.costs import CostParams\n"
                     "from corridor.network_data import load_network\n",
                     "corridor.reports.tables", exports=exports) == []
    assert backwards("from . import arrays\nfrom .errors import Problem\n",
                     "corridor.network_data.load", exports=exports) == []

"""Every package in the source tree is installed (a non-editable install must work)."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent


def test_every_package_is_listed_in_pyproject() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    listed = set(config["tool"]["setuptools"]["packages"])
    found = set()
    for top in ("corridor",):
        for init in (REPO / top).rglob("__init__.py"):
            found.add(".".join(init.parent.relative_to(REPO).parts))
    assert found <= listed, f"missing from pyproject packages: {sorted(found - listed)}"


def test_embedded_data_ships_as_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text())
    assert config["tool"]["setuptools"]["package-data"]["corridor.network_data.data"] == ["*.csv"]


def test_the_wheel_installs_one_package_named_corridor(tmp_path: Path) -> None:
    """Build the wheel, check it holds one top-level package (no ``cli``/``routing`` to
    collide with other distributions), install it into a clean target and import the public
    API from there (the repository is not on the path)."""
    import subprocess
    import sys
    import zipfile

    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(wheels), str(REPO)], check=True, timeout=300,
                   capture_output=True)
    (wheel,) = wheels.glob("corridor-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    tops = {n.split("/")[0] for n in names if not n.split("/")[0].endswith(".dist-info")}
    assert tops == {"corridor"}, tops
    assert "corridor/network_data/data/legs.csv" in names
    target = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target",
                    str(target), str(wheel)], check=True, timeout=300, capture_output=True)
    probe = ("import corridor, importlib.util, sys\n"
             "assert corridor.__file__.startswith(sys.argv[1]), corridor.__file__\n"
             "assert importlib.util.find_spec('routing') is None\n"
             "net = corridor.load_network()\n"
             "a = corridor.find_routes(net, 'Oskemen', 'Yokohama', commodity='beryllium')\n"
             "print(corridor.__version__, len(net.legs), a.routes[0].nodes[0])\n")
    env = {k: v for k, v in os.environ.items() if k != "PYTHONPATH"}
    out = subprocess.run([sys.executable, "-c", probe, str(target)], cwd=tmp_path,
                         env={**env, "PYTHONPATH": str(target), "CORRIDOR_NO_CACHE": "1"},
                         capture_output=True, text=True, timeout=300)
    assert out.returncode == 0, out.stderr
    assert out.stdout.split()[2] == "kz-oskemen"


def test_subpackages_are_reachable_from_corridor() -> None:
    import corridor

    assert corridor.reports.plan_json is not None
    assert corridor.routing.__name__ == "corridor.routing"
    with pytest.raises(AttributeError):
        _ = corridor.no_such_thing

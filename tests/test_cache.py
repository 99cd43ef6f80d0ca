"""The network cache: the same network back (tables and compiled arrays), keyed by content,
never masking an error, and never able to run code or serve a planted or damaged entry."""

from __future__ import annotations

import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from tests_support import BROKEN, TINY

from corridor.network_data import InputError, load_network
from corridor.network_data.cache import cache_key, read_entry, write_entry
from corridor.network_data.files import network_paths, table_paths
from corridor.network_data.model import TABLES
from corridor.routing.compile import CompiledNetwork, compile_network
from corridor.routing.compiled_store import load_compiled
from corridor.routing.query import find_routes


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CORRIDOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("CORRIDOR_NO_CACHE", raising=False)
    return folder


def test_second_load_comes_from_the_cache_and_is_equal(cache: Path) -> None:
    first = load_network(directory=TINY)
    assert len(list(cache.glob("network-*.npz"))) == 1
    second = load_network(directory=TINY)
    assert second is not first
    for name in TABLES:  # dtypes included
        pd.testing.assert_frame_equal(getattr(second, name), getattr(first, name))
    assert dict(second.leg_coords) == dict(first.leg_coords)
    assert second.label == first.label


def test_embedded_network_round_trips_exactly(cache: Path) -> None:
    first, second = load_network(), load_network()
    for name in TABLES:
        pd.testing.assert_frame_equal(getattr(second, name), getattr(first, name))


def _same_compiled(a: CompiledNetwork, b: CompiledNetwork) -> None:
    import dataclasses

    for f in dataclasses.fields(CompiledNetwork):
        if f.name in ("network_loader", "vocabulary"):
            continue
        x, y = getattr(a, f.name), getattr(b, f.name)
        if isinstance(x, np.ndarray):
            assert x.dtype == y.dtype and np.array_equal(x, y), f.name
        else:
            assert dict(x) == dict(y) if f.name == "leg_coords" else x == y, f.name


def test_compiled_entry_gives_the_same_arrays_and_answers(cache: Path) -> None:
    fresh = compile_network(load_network())
    stored = load_compiled()  # a miss: compiles and stores
    again = load_compiled()  # a hit: read back
    assert len(list(cache.glob("compiled-*.npz"))) == 1
    _same_compiled(fresh, again)
    assert again.vocabulary.to_json() == fresh.vocabulary.to_json()
    for args in (("Oskemen", "Yokohama"), ("Altynkol", "Baku"), ("Moscow", "Vostochny")):
        a = find_routes(fresh.network, *args, commodity="rare_earth_concentrate")
        b = find_routes(again, *args, commodity="rare_earth_concentrate")
        assert [(r.arcs, r.cost_total) for r in a.routes] == \
            [(r.arcs, r.cost_total) for r in b.routes]
        assert [s.sentence(str) for s in a.switches] == [s.sentence(str) for s in b.switches]
    assert stored is not again
    assert len(again.network.nodes) == len(fresh.network.nodes)  # built on demand


def test_key_follows_the_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "net"
    shutil.copytree(TINY, copy)
    key = cache_key(table_paths(directory=copy), kind="network")
    legs = copy / "legs.csv"
    legs.write_text(legs.read_text().replace(",600,", ",601,"))
    assert cache_key(table_paths(directory=copy), kind="network") != key
    assert cache_key(table_paths(directory=copy), kind="compiled") != \
        cache_key(table_paths(directory=copy), kind="network")


def test_invalid_network_is_never_served_from_cache(cache: Path) -> None:
    load_network(directory=TINY)
    load_compiled(directory=TINY)
    for _ in range(2):  # and not on the second try either
        with pytest.raises(InputError):
            load_network(directory=TINY, legs=BROKEN / "legs_three_defects.csv")
        with pytest.raises(InputError):
            load_compiled(directory=TINY, legs=BROKEN / "legs_three_defects.csv")


def test_damaged_or_edited_entries_are_misses(cache: Path) -> None:
    load_network(directory=TINY)
    (entry,) = cache.glob("network-*.npz")
    key = entry.stem
    arrays, _ = read_entry(key) or ({}, {})
    assert arrays
    entry.write_bytes(entry.read_bytes()[:-200])  # truncated
    assert read_entry(key) is None
    assert len(load_network(directory=TINY).nodes) == 9  # rebuilt (and stored again)
    # an entry whose arrays were changed after hashing: same layout, other numbers
    arrays, _ = read_entry(key) or ({}, {})
    doctored = {k: (v * 20 if v.dtype.kind == "f" else v) for k, v in arrays.items()}
    with np.load(entry, allow_pickle=False) as original:
        meta = original["__meta__"]
    np.savez(entry, **doctored, __meta__=meta)
    assert read_entry(key) is None


def test_a_planted_pickle_never_runs(cache: Path, tmp_path: Path) -> None:
    marker = tmp_path / "ran"
    cache.mkdir(mode=0o700)

    class Exploit:
        def __reduce__(self):  # type: ignore[no-untyped-def]
            return (os.system, (f"touch {marker}",))

    key = cache_key(network_paths(directory=TINY), kind="network", libraries=("numpy", "pandas"))
    assert key is not None
    for name in (f"{key}.npz", f"{key}.pickle"):
        (cache / name).write_bytes(pickle.dumps(Exploit()))
    net = load_network(directory=TINY)
    assert len(net.nodes) == 9 and not marker.exists()


def test_a_folder_others_can_write_is_skipped(cache: Path, capfd: pytest.CaptureFixture[str]
                                              ) -> None:
    cache.mkdir(mode=0o700)
    os.chmod(cache, 0o777)
    load_network(directory=TINY)
    assert not list(cache.glob("*.npz"))
    assert "cache" in capfd.readouterr().err


def test_size_cap_removes_least_recently_used(cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_CACHE_MAX_MB", "0.05")
    big = {"a": np.zeros(4000)}  # 32 kB each: the cap holds one
    write_entry("test-old", big, {})
    os.utime(cache / "test-old.npz", (1, 1))
    write_entry("test-new", big, {})
    assert [p.name for p in cache.glob("*.npz")] == ["test-new.npz"]
    assert not list(cache.glob(".entry.*"))  # no temporary left behind


def test_object_arrays_are_refused(cache: Path) -> None:
    with pytest.raises(TypeError):
        write_entry("test-objects", {"a": np.array([object()], dtype=object)}, {})


def test_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_NO_CACHE", "1")
    load_network(directory=TINY)
    load_compiled(directory=TINY)
    assert not cache.exists()


def test_a_warm_route_query_imports_neither_pandas_nor_pydantic(cache: Path) -> None:
    """The route command from a warm cache runs on NumPy alone (the compact entry), and the
    command line on click (no pydantic)."""
    env = {**os.environ, "CORRIDOR_CACHE_DIR": str(cache), "COLUMNS": "200"}
    probe = ("import sys\n"
             "from corridor.cli.main import main\n"
             "try:\n"
             "    main(['route', 'Oskemen', 'Yokohama', '--json'])\n"
             "except SystemExit:\n"
             "    pass\n"
             "print('LOADED', *sorted(m for m in ('pandas', 'pydantic', 'typer', 'scipy', "
             "'pyproj', 'ortools') "
             "if m in sys.modules), file=sys.stderr)\n")
    for _ in range(2):  # the first run fills the cache
        out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                             env=env, timeout=120)
    loaded = [line for line in out.stderr.splitlines() if line.startswith("LOADED")]
    assert loaded == ["LOADED"], out.stderr
    assert '"routes"' in out.stdout


def test_old_pickle_entries_are_removed(cache: Path) -> None:
    cache.mkdir(mode=0o700)
    (cache / "abc.pickle").write_bytes(b"old")
    (cache / ".net.xyz").write_bytes(b"partial")
    load_network(directory=TINY)
    assert sorted(p.suffix for p in cache.iterdir()) == [".npz"]

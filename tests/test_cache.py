"""The validated-network cache: same network back, keyed by content, never masks an error."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from tests_support import BROKEN, TINY

from corridor.network_data import InputError, load_network
from corridor.network_data.cache import cache_key
from corridor.network_data.load import table_paths


@pytest.fixture()
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("CORRIDOR_CACHE_DIR", str(folder))
    monkeypatch.delenv("CORRIDOR_NO_CACHE", raising=False)
    return folder


def test_second_load_comes_from_the_cache_and_is_equal(cache: Path) -> None:
    first = load_network(directory=TINY)
    assert len(list(cache.glob("*.pickle"))) == 1
    second = load_network(directory=TINY)
    assert second is not first
    assert second.nodes.equals(first.nodes) and second.legs.equals(first.legs)
    assert second.leg_coords == first.leg_coords
    assert second.label == first.label


def test_key_follows_the_bytes(tmp_path: Path) -> None:
    copy = tmp_path / "net"
    shutil.copytree(TINY, copy)
    key = cache_key(table_paths(directory=copy))
    legs = copy / "legs.csv"
    legs.write_text(legs.read_text().replace(",600,", ",601,"))
    assert cache_key(table_paths(directory=copy)) != key


def test_invalid_network_is_never_served_from_cache(cache: Path) -> None:
    load_network(directory=TINY)
    with pytest.raises(InputError):
        load_network(directory=TINY, legs=BROKEN / "legs_three_defects.csv")
    with pytest.raises(InputError):  # and not on the second try either
        load_network(directory=TINY, legs=BROKEN / "legs_three_defects.csv")


def test_corrupt_cache_file_is_ignored(cache: Path) -> None:
    load_network(directory=TINY)
    (pickle,) = cache.glob("*.pickle")
    pickle.write_bytes(b"not a pickle")
    net = load_network(directory=TINY)
    assert len(net.nodes) == 9


def test_cache_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORRIDOR_NO_CACHE", "1")
    load_network(directory=TINY)
    assert not cache.exists()

"""Place/commodity name resolution and leg geometry."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from corridor.network_data import InputError
from corridor.network_data.geometry import (
    geodesic_km,
    geojson_line,
    line_length_km,
    parse_waypoints,
)
from corridor.network_data.model import Network
from corridor.network_data.names import NameIndex, normalize_name


def test_normalize_folds_case_accents_and_punctuation() -> None:
    assert normalize_name("Öskemen") == normalize_name("oskemen")
    assert normalize_name("Ust-Kamenogorsk") == normalize_name("ust kamenogorsk")
    assert normalize_name("Усть-Каменогорск") == normalize_name("усть каменогорск")
    assert normalize_name("横浜") == "横浜"


def test_ids_beat_names_beat_aliases() -> None:
    index = NameIndex([("a", "Alpha", ["Beta"]), ("b", "Beta", [])], what="place")
    assert index.get("beta") == "b"
    assert index.get("A") == "a"


def test_resolution_on_tiny(tiny_net: Network) -> None:
    assert tiny_net.resolve_place("ALPHA TOWN") == "kz-a"
    assert tiny_net.resolve_place("Álpha Town") == "kz-a"
    assert tiny_net.resolve_place("альфа") == "kz-a"
    assert tiny_net.resolve_place("ジュリエット") == "jp-dest"
    with pytest.raises(InputError, match="did you mean Juliet"):
        tiny_net.resolve_place("Juliett")


def test_geodesic_known_distance() -> None:
    # One degree of longitude on the equator is 111.32 km on WGS84.
    assert geodesic_km(0.0, 0.0, 1.0, 0.0)[()] == pytest.approx(111.32, abs=0.01)


def test_line_length_crosses_the_antimeridian() -> None:
    assert line_length_km([(179.5, 0.0), (-179.5, 0.0)]) == pytest.approx(111.32, abs=0.01)


def test_geojson_splits_at_antimeridian() -> None:
    geom = geojson_line([(170.0, 40.0), (-170.0, 40.0)])
    assert geom["type"] == "MultiLineString"
    first, second = geom["coordinates"]  # type: ignore[misc]
    assert first[-1][0] == 180.0 and second[0][0] == -180.0
    assert geojson_line([(10.0, 1.0), (20.0, 2.0)])["type"] == "LineString"


def test_waypoints_parse_and_reject() -> None:
    assert parse_waypoints("40 30; 60 12") == [(40.0, 30.0), (60.0, 12.0)]
    with pytest.raises(ValueError):
        parse_waypoints("40 30 2")
    with pytest.raises(ValueError):
        parse_waypoints("200 10")


def test_missing_distance_is_geodesic_and_tagged(tiny_net: Network) -> None:
    leg = tiny_net.legs.loc["l2"]
    assert leg["distance_basis"] == "geodesic"
    assert leg["distance_km"] == pytest.approx(7.9, abs=0.1)
    assert tiny_net.legs.loc["l1", "distance_basis"] == "given"


def test_waypoint_geometry_is_kept(tiny_net: Network) -> None:
    coords = tiny_net.leg_coords["l10"]
    assert coords[1:-1] == ((40.0, 30.0), (60.0, 12.0), (100.0, 5.0))
    assert coords[0] == (49.4, 40.0)


def _fold_reference(text: str) -> str:
    import unicodedata

    decomposed = unicodedata.normalize("NFKD", text)
    kept = [ch.casefold() for ch in decomposed
            if not unicodedata.combining(ch) and ch.isalnum()]
    return unicodedata.normalize("NFC", "".join(kept))


@given(st.text(max_size=16) | st.text(alphabet=st.characters(max_codepoint=127), max_size=16))
def test_name_fold_equals_the_reference_fold(text: str) -> None:
    """The ASCII fast path folds exactly as the general Unicode fold does."""
    assert normalize_name(text) == _fold_reference(text)


def test_suggestions_are_searched_once_per_misspelling(monkeypatch: pytest.MonkeyPatch) -> None:
    """A book misspelling one place on thousands of rows must not run the fuzzy search on
    every row (it took 7 s on 5,000 such rows); the answers stay the same."""
    import difflib

    index = NameIndex([("kz-aktau", "Aktau", ["Aqtau"]), ("az-baku", "Baku", [])],
                      what="place")
    calls: list[str] = []
    real = difflib.get_close_matches
    monkeypatch.setattr(difflib, "get_close_matches",
                        lambda word, *a, **k: calls.append(word) or real(word, *a, **k))
    first = [index.problem("Aktauu", field="origin", source="b.csv", row=r).message
             for r in range(2, 50)]
    assert len(set(first)) == 1 and "did you mean Aktau (kz-aktau)" in first[0]
    assert index.suggestions("AKTAUU") == index.suggestions("aktauu")
    assert index.suggestions("Bakku", n=1) == ["Baku (az-baku)"]
    assert calls == ["aktauu", "bakku"]

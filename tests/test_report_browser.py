"""The HTML report as a reader sees it: opened in headless Chromium from the file, offline,
with every request logged. The map, the plot and the tables must be on screen (displayed,
uncovered, drawn with content), the page must request nothing but itself and raise no
script error, the tables must sort and filter, and the map must look like the stored
reference within a tolerance (so a broken projection or an empty map fails).

Regenerate the reference after a deliberate change to the map or to the example plan's
routes (and look at it)::

    CORRIDOR_UPDATE_REFERENCE=1 python -m pytest -n 0 tests/test_report_browser.py -k reference
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest
from browser import element_image, foreign_requests, launch, open_report, seen
from conftest import DATA, REPO, run_cli

BOOK = str(REPO / "examples" / "shipments.csv")
REFERENCE = DATA / "report_map_reference.png"
#: Size the map is compared at: small enough that anti-aliasing and font hinting wash out.
COMPARE_SIZE = (256, 160)
#: Largest mean absolute difference (0–255, per channel) from the reference that passes,
#: and the largest share of pixels that may differ by more than 48.
MEAN_TOLERANCE = 6.0
CHANGED_TOLERANCE = 0.06


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    yield from launch()


@pytest.fixture(scope="module")
def reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The example book's plan, a what-if and a frontier, each as JSON and as a report."""
    folder = tmp_path_factory.mktemp("reports")
    runs = {"plan": ("plan", BOOK), "whatif": ("whatif", BOOK, "--scenario",
                                                 "russia-transit-ban"),
            "frontier": ("frontier", BOOK, "--over", "CN")}
    out = {}
    for name, args in runs.items():
        res = run_cli(*args, "--json")
        assert res.returncode == 0, res.stderr
        doc = folder / f"{name}.json"
        doc.write_text(res.stdout, encoding="utf-8")
        html = folder / f"{name}.html"
        made = run_cli("report", str(doc), "-o", str(html))
        assert made.returncode == 0, made.stderr
        out[name] = html
    return out


def _open_clean(browser: Any, path: Path) -> Any:
    opened = open_report(browser, path)
    assert foreign_requests(opened, path) == [], "the report requested other files"
    assert opened.errors == []
    return opened


def test_a_plan_report_shows_its_map_summary_and_tables_offline(browser: Any,
                                                                reports: dict[str, Path]
                                                                ) -> None:
    opened = _open_clean(browser, reports["plan"])
    page = opened.page
    seen(page, "#map img", min_width=800, min_height=400)
    seen(page, "#summary .cards", min_width=600, min_height=50)
    seen(page, "#shipments table", min_width=800, min_height=200)
    seen(page, "#legs table", min_width=800, min_height=200)
    seen(page, "#provenance table", min_width=600, min_height=100)
    assert page.locator("#map img").evaluate("img => img.naturalWidth") > 800
    # the page shows the plan's own figures
    doc = json.loads(reports["plan"].with_suffix(".json").read_text(encoding="utf-8"))
    total = f"{doc['summary']['total_cost_usd'] / 1e6:,.1f} M USD"
    assert total in page.locator("#summary").inner_text()
    assert page.locator("#shipments tbody tr").count() == min(50, len(doc["shipments"]))
    fingerprint = doc["made_with"]["network"]["sha256"]
    assert fingerprint in page.locator("#parameters").inner_text()
    page.context.close()


def test_the_tables_sort_and_filter_in_the_browser(browser: Any,
                                                   reports: dict[str, Path]) -> None:
    opened = _open_clean(browser, reports["plan"])
    page = opened.page
    doc = json.loads(reports["plan"].with_suffix(".json").read_text(encoding="utf-8"))
    heading = page.locator("#shipments th", has_text="tonnes")
    heading.click()  # numbers sort largest first
    first = page.locator("#shipments tbody tr").first.locator("td").nth(6).inner_text()
    biggest = max(r["tonnes"] for r in doc["shipments"])
    assert first == f"{biggest:,.0f}"
    assert heading.get_attribute("aria-sort") == "descending"
    heading.click()
    first = page.locator("#shipments tbody tr").first.locator("td").nth(6).inner_text()
    assert first == f"{min(r['tonnes'] for r in doc['shipments']):,.0f}"
    box = page.locator('[data-table="shipments"] input[type=search]')
    box.fill("be-01")
    rows = page.locator("#shipments tbody tr")
    assert rows.count() == sum(r["shipment_id"] == "be-01" for r in doc["shipments"])
    assert "be-01" in rows.first.inner_text()
    box.fill("no such shipment anywhere")
    assert "No row matches" in page.locator("#shipments tbody").inner_text()
    page.context.close()


def test_a_whatif_report_shows_what_moved(browser: Any, reports: dict[str, Path]) -> None:
    opened = _open_clean(browser, reports["whatif"])
    page = opened.page
    seen(page, "#summary table", min_width=800, min_height=40)
    seen(page, "#scenario-1 figure img", min_width=800, min_height=400)
    seen(page, "#scenario-1-shipments", min_width=800, min_height=200)
    seen(page, "#scenario-1-legs", min_width=800, min_height=200)
    text = page.locator("#scenario-1").inner_text()
    assert "russia-transit-ban" in text and "Shipments rerouted" in text
    page.context.close()


def test_a_frontier_report_shows_its_plot(browser: Any, reports: dict[str, Path]) -> None:
    opened = _open_clean(browser, reports["frontier"])
    page = opened.page
    seen(page, "#plot svg", min_width=600, min_height=300)
    seen(page, "#points table", min_width=800, min_height=60)
    seen(page, "#switches table", min_width=800, min_height=60)
    assert "independence from CN" in page.locator("header").inner_text()
    page.context.close()


def test_a_10000_shipment_report_is_small_and_opens_whole(browser: Any,
                                                          tmp_path: Path) -> None:
    """A 10,000-shipment plan's report stays under 10 MB, opens with the first page of its
    shipments table drawn from all 10,000 rows, and sorts them all. (How fast it opens is
    measured by benchmarks/bench_report.py with this same browser: about 0.5 s.)"""
    from benchmarks.make_book import make_book

    book = tmp_path / "book.csv"
    make_book(10_000, book)
    out = tmp_path / "big.html"
    res = run_cli("plan", str(book), "--report", str(out))
    assert res.returncode == 0, res.stderr
    assert out.stat().st_size < 10_000_000, out.stat().st_size
    opened = _open_clean(browser, out)
    page = opened.page
    html = out.read_text(encoding="utf-8")
    spec = re.search(r'id="shipments-data">(.*?)</script>', html, re.S)
    assert spec is not None
    rows = json.loads(spec.group(1))["rows"]
    assert len({r[0] for r in rows}) == 10_000  # every shipment (a split one has more rows)
    count = page.locator('[data-table="shipments"] .count').inner_text()
    assert count == f"{len(rows):,} rows"
    assert page.locator("#shipments tbody tr").count() == 50
    page.locator("#shipments th", has_text="USD/t").first.click()
    costs = page.locator("#shipments tbody tr td:nth-child(13)").all_inner_texts()
    values = [float(c.replace(",", "")) for c in costs]
    assert values == sorted(values, reverse=True)
    page.context.close()


def _difference(image: Any, reference: Any) -> tuple[float, float]:
    """Mean absolute difference (0–255) and share of pixels off by more than 48."""
    a = np.asarray(image.convert("RGB").resize(COMPARE_SIZE), dtype=np.float64)
    b = np.asarray(reference.convert("RGB").resize(COMPARE_SIZE), dtype=np.float64)
    diff = np.abs(a - b)
    return float(diff.mean()), float((diff.max(axis=2) > 48).mean())


def test_the_plan_map_matches_the_reference_image(browser: Any,
                                                  reports: dict[str, Path]) -> None:
    from PIL import Image

    opened = _open_clean(browser, reports["plan"])
    shown = element_image(opened.page, "#map img")
    opened.page.context.close()
    if os.environ.get("CORRIDOR_UPDATE_REFERENCE") == "1":
        shown.resize(COMPARE_SIZE).save(REFERENCE, optimize=True)
    mean, changed = _difference(shown, Image.open(REFERENCE))
    assert mean <= MEAN_TOLERANCE and changed <= CHANGED_TOLERANCE, (mean, changed)


def test_the_reference_comparison_fails_an_empty_or_shifted_map() -> None:
    """The tolerance is tight enough to tell: a map with no routes (the whole world drawn)
    fails it, and so does the reference moved by a sixth of its width (a map centred or
    projected wrongly)."""
    import io

    from PIL import Image

    from corridor.network_data import load_network
    from corridor.reports.maps import loads_map
    from corridor.routing.compile import compile_network

    reference = Image.open(REFERENCE).convert("RGB")
    empty = loads_map(compile_network(load_network()), {}, [], title="", suffix=".png")
    assert isinstance(empty, bytes)
    mean, changed = _difference(Image.open(io.BytesIO(empty)), reference)
    assert mean > MEAN_TOLERANCE or changed > CHANGED_TOLERANCE
    shifted = Image.new("RGB", reference.size, "white")
    shifted.paste(reference, (reference.size[0] // 6, 0))
    mean, changed = _difference(shifted, reference)
    assert mean > MEAN_TOLERANCE or changed > CHANGED_TOLERANCE


def test_text_from_the_run_cannot_inject_markup_or_scripts(browser: Any, tmp_path: Path,
                                                          reports: dict[str, Path]) -> None:
    """Shipment ids and notes come from the user's book: in the report they are text, never
    markup (an injected image would be requested, an injected script would run)."""
    doc = json.loads(reports["plan"].with_suffix(".json").read_text(encoding="utf-8"))
    evil = '</script><script>document.title="owned"</script><img src="x" onerror="1">'
    doc["shipments"][0]["shipment_id"] = evil
    doc["shipments"][1]["reason"] = '"><img src="y">\u202e'
    doc["made_with"]["book"]["path"] = "<b>book</b>.csv"
    run = tmp_path / "evil.json"
    run.write_text(json.dumps(doc), encoding="utf-8")
    out = tmp_path / "evil.html"
    res = run_cli("report", str(run), "-o", str(out))
    assert res.returncode == 0, res.stderr
    opened = _open_clean(browser, out)  # no request for x or y, no script error
    page = opened.page
    assert page.title() != "owned"
    page.locator('[data-table="shipments"] input[type=search]').fill("onerror")
    assert evil in page.locator("#shipments tbody").inner_text()
    assert "<b>book</b>.csv" in page.locator("header").inner_text()
    page.context.close()

"""Headless Chromium for the report's tests: the browser, a page opened offline with every
request it makes logged, and checks that an element is seen, not only in the markup.

The browser is Debian's chromium (``.ci/run`` installs it when absent), driven through
Playwright with ``executable_path`` so that no browser is downloaded. Without chromium or
Playwright the browser tests are skipped, unless ``CORRIDOR_REQUIRE_BROWSER=1`` (set by
``.ci/run``), where they fail instead: CI must not pass by skipping them.
"""

from __future__ import annotations

import io
import os
from collections.abc import Iterator
from typing import Any

import pytest

from benchmarks.browser import (
    VIEWPORT,
    Opened,
    chromium_path,
    foreign_requests,
    open_report,
    start_browser,
)

__all__ = ["Opened", "element_image", "foreign_requests", "launch", "open_report", "seen"]


def missing(why: str) -> None:
    """Skip the browser tests, or fail them where CI requires the browser."""
    if os.environ.get("CORRIDOR_REQUIRE_BROWSER") == "1":
        pytest.fail(f"the report's browser tests need {why} (CORRIDOR_REQUIRE_BROWSER=1)")
    pytest.skip(f"needs {why}")


def launch() -> Iterator[Any]:
    """A headless chromium for a test module (a generator for a fixture)."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing("playwright (pip install '.[test]')")
    if chromium_path() is None:
        missing("chromium (apt-get install chromium)")
    with sync_playwright() as pw:
        browser = start_browser(pw)
        try:
            yield browser
        finally:
            browser.close()


def element_image(page: Any, selector: str) -> Any:
    """The element as it is drawn on screen (a PIL image), scrolled into view."""
    from PIL import Image

    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    return Image.open(io.BytesIO(element.screenshot())).convert("RGB")


def seen(page: Any, selector: str, *, min_width: float, min_height: float) -> Any:
    """Check that ``selector``'s first element is displayed, at least this large, on top at
    its centre (nothing covers it) and drawn with more than a blank fill; return its
    on-screen image."""
    from PIL import ImageStat

    element = page.locator(selector).first
    element.scroll_into_view_if_needed()
    assert element.is_visible(), f"{selector} is not visible"
    box = element.bounding_box()
    assert box is not None, f"{selector} has no box"
    assert box["width"] >= min_width and box["height"] >= min_height, \
        f"{selector} is {box['width']:.0f}×{box['height']:.0f} px"
    # the middle of the part on screen, below the sticky navigation bar
    nav = page.locator("nav").bounding_box()
    top = max(box["y"], nav["y"] + nav["height"] if nav else 0.0)
    bottom = min(box["y"] + box["height"], VIEWPORT["height"])
    assert bottom - top > 20, f"{selector} is off screen"
    x, y = box["x"] + box["width"] / 2, (top + bottom) / 2
    on_top = page.evaluate(
        "([x, y, sel]) => { const hit = document.elementFromPoint(x, y);"
        " const el = document.querySelector(sel); return !!hit && el.contains(hit); }",
        [x, y, selector])
    assert on_top, f"something covers {selector}"
    image = element_image(page, selector)
    stddev = sum(ImageStat.Stat(image.convert("L")).stddev)
    colours = len(image.getcolors(maxcolors=1 << 16) or range(1 << 16))
    assert stddev > 5 and colours > 8, f"{selector} is drawn blank ({colours} colours)"
    return image

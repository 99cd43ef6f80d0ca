"""Headless Chromium, offline, for the report's benchmark and tests: Debian's chromium
driven through Playwright (``executable_path``: no browser is downloaded), every request a
page makes logged, and the page's own measure of how long it took to load."""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: Flags for a headless chromium on a machine with no network (background services off, so
#: the browser itself makes no request either) and as root in a container (no sandbox).
CHROMIUM_FLAGS = ("--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--disable-dev-shm-usage", "--hide-scrollbars",
                  "--font-render-hinting=none")
#: The window the report is looked at in.
VIEWPORT = {"width": 1280, "height": 900}


def chromium_path() -> str | None:
    """Debian's chromium, or the one ``CORRIDOR_CHROMIUM`` names."""
    for candidate in (os.environ.get("CORRIDOR_CHROMIUM"), "/usr/bin/chromium",
                      shutil.which("chromium"), shutil.which("chromium-browser")):
        if candidate and Path(candidate).exists():
            return candidate
    return None


@dataclass
class Opened:
    """A report open in a page: the page, every URL it requested, the script errors and
    console errors it raised, and how long it took to load (ms, as the browser measured
    from navigation start to the end of the load event)."""

    page: Any
    requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    load_ms: float = 0.0


def open_report(browser: Any, path: Path) -> Opened:
    """Open the report at ``path`` in a fresh offline context, logging every request."""
    context = browser.new_context(viewport=VIEWPORT, device_scale_factor=1, offline=True,
                                  java_script_enabled=True)
    page = context.new_page()
    opened = Opened(page)
    page.on("request", lambda request: opened.requests.append(request.url))
    page.on("pageerror", lambda exc: opened.errors.append(f"script error: {exc}"))
    page.on("console", lambda msg: opened.errors.append(f"console {msg.type}: {msg.text}")
            if msg.type in ("error", "warning") else None)
    page.goto(path.resolve().as_uri(), wait_until="load")
    opened.load_ms = float(page.evaluate(
        "() => { const n = performance.getEntriesByType('navigation')[0];"
        " return n.loadEventEnd - n.startTime; }"))
    return opened


def foreign_requests(opened: Opened, path: Path) -> list[str]:
    """Requests for anything but the report file itself (data: URLs make none)."""
    own = path.resolve().as_uri()
    return [url for url in opened.requests if url != own]




def start_browser(playwright: Any) -> Any:
    """A headless chromium from ``playwright`` (``sync_playwright()``'s), or None."""
    exe = chromium_path()
    if exe is None:
        return None
    return playwright.chromium.launch(executable_path=exe, headless=True,
                                      args=list(CHROMIUM_FLAGS))

"""The HTML report of a large plan: how big it is, how long it takes to write, and how long
it takes to open in a browser.

Run (from the repository root; needs Debian's chromium and Playwright, ``.[test]``)::

    python -m benchmarks.bench_report                  # 10,000 shipments, 5 openings each
    python -m benchmarks.bench_report --rows 30000 --repeat 9

A seeded book of ``--rows`` shipments on the embedded network (random origins,
destinations and commodities, 20 Mt in all: :func:`benchmarks.bench_plan.book_frame`) is
planned once. Then, measured in this run:

* **writing**: :func:`~corridor.reports.html_report.report_html` on the plan's JSON document
  (map drawn, tables, provenance), against the plan itself (``plan()``);
* **size** of the report, against the plan's own JSON (``corridor plan --json``);
* **opening** in headless chromium, offline, from the file: the browser's own load time
  (navigation start to the end of the load event, its script having built the tables' first
  pages), median of ``--repeat`` openings in fresh pages, interleaved with the **baseline**:
  the same shipments table written the simple way, every row as an HTML ``<tr>`` (no
  script), opened the same way. The targets are under 10 MB and under 3 s.

Every opening must request nothing but the file itself; otherwise the benchmark exits 1.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

TARGET_MB = 10.0
TARGET_OPEN_S = 3.0


def _plan(rows: int, seed: int) -> tuple[Any, Any, float]:
    from benchmarks.bench_plan import book_frame
    from corridor.network_data import load_network
    from corridor.network_data.shipments import read_shipments
    from corridor.routing.compile import compile_network
    from corridor.routing.plan import plan

    net = load_network()
    compiled = compile_network(net)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "book.csv"
        book_frame(net, rows, seed, 20e6).to_csv(path, index=False)
        book = read_shipments(path, net)
    start = time.perf_counter()
    result = plan(net, book)
    return compiled, result, time.perf_counter() - start


def _plain_table(doc: dict[str, Any]) -> str:
    """The baseline: the shipments table with every row as HTML, no script."""
    import html

    from corridor.reports.html_parts import cell_text
    from corridor.reports.report_common import PlaceNames
    from corridor.reports.report_plan import SHIPMENT_COLUMNS, shipment_row

    names = PlaceNames(None)
    head = "".join(f"<th>{html.escape(c.title)}</th>" for c in SHIPMENT_COLUMNS)
    body = "".join(
        "<tr>" + "".join(f"<td>{html.escape(cell_text(v, c))}</td>"
                         for v, c in zip(shipment_row(r, names), SHIPMENT_COLUMNS)) + "</tr>"
        for r in doc["shipments"])
    return (f"<!DOCTYPE html><html><head><meta charset='utf-8'></head><body><table>"
            f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table></body></html>")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from benchmarks.browser import foreign_requests, open_report, start_browser
    from corridor.reports.html_report import report_html
    from corridor.reports.json_plan import plan_dict, plan_json

    print(f"planning {args.rows:,} shipments…", file=sys.stderr)
    net, result, plan_s = _plan(args.rows, args.seed)
    doc = plan_dict(result)
    start = time.perf_counter()
    text = report_html("plan", doc, net, source="benchmark")
    write_s = time.perf_counter() - start
    json_mb = len(plan_json(result).encode("utf-8")) / 1e6
    report_mb = len(text.encode("utf-8")) / 1e6
    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as pw:
        report = Path(tmp) / "report.html"
        plain = Path(tmp) / "plain.html"
        report.write_text(text, encoding="utf-8")
        plain.write_text(_plain_table(doc), encoding="utf-8")
        browser = start_browser(pw)
        if browser is None:
            print("no chromium: apt-get install chromium", file=sys.stderr)
            return 1
        times: dict[str, list[float]] = {"report": [], "plain": []}
        for i in range(args.repeat + 1):  # the first round warms the browser, not timed
            for name, path in (("report", report), ("plain", plain)):
                opened = open_report(browser, path)
                if foreign_requests(opened, path) or opened.errors:
                    print(f"{name}: requests {foreign_requests(opened, path)}, errors "
                          f"{opened.errors}", file=sys.stderr)
                    return 1
                opened.page.context.close()
                if i:
                    times[name].append(opened.load_ms / 1000)
        browser.close()
    open_s = statistics.median(times["report"])
    plain_s = statistics.median(times["plain"])
    print(f"plan of {args.rows:,} shipments: {plan_s:.2f} s; report written in "
          f"{write_s:.2f} s ({write_s / plan_s:.2f}× the plan)")
    print(f"size: report {report_mb:.2f} MB (target < {TARGET_MB:.0f}), the plan's JSON "
          f"{json_mb:.2f} MB ({report_mb / json_mb:.2f}×)")
    print(f"opening, median of {args.repeat}: report {open_s:.3f} s (target < "
          f"{TARGET_OPEN_S:.0f}), every row as HTML {plain_s:.3f} s "
          f"({open_s / plain_s:.2f}×)")
    return 0 if report_mb < TARGET_MB and open_s < TARGET_OPEN_S else 1


if __name__ == "__main__":
    sys.exit(main())

"""`corridor report RUN.json -o REPORT.html` and `--report` on plan, whatif and frontier:
one self-contained file (nothing to fetch), the same from the JSON as from the run,
deterministic, and bad input refused with one line and nothing written. (What the report
looks like in a browser: test_report_browser.py.)"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import REPO, run_cli

from corridor.reports.html_parts import PAGE_ROWS, Column, cell_text, data_table, script_json

BOOK = str(REPO / "examples" / "shipments.csv")


@pytest.fixture(scope="module")
def plan_json(tmp_path_factory: pytest.TempPathFactory) -> Path:
    res = run_cli("plan", BOOK, "--json")
    assert res.returncode == 0, res.stderr
    path = tmp_path_factory.mktemp("plan") / "plan.json"
    path.write_text(res.stdout, encoding="utf-8")
    return path


def _report(tmp_path: Path, doc: Path, name: str = "r.html") -> str:
    out = tmp_path / name
    res = run_cli("report", str(doc), "-o", str(out))
    assert res.returncode == 0, res.stderr
    assert f"wrote {out}" in res.stderr
    return out.read_text(encoding="utf-8")


def _fetches(html: str) -> list[str]:
    """Anything in the page that would make the browser fetch: external scripts, styles,
    images, fonts, frames (links a reader may click are not fetched)."""
    found = re.findall(r"<(?:script|img|iframe|link|source|video|audio|embed|object)\b"
                       r"[^>]*\b(?:src|href|data)=\"(?!data:)([^\"]+)\"", html)
    found += re.findall(r"url\((?!['\"]?(?:data:|#))([^)]*)\)", html)  # not in-page ids
    found += re.findall(r"@import", html)
    return found


def test_a_plan_report_holds_everything_it_shows(tmp_path: Path, plan_json: Path) -> None:
    html = _report(tmp_path, plan_json)
    assert html.startswith("<!DOCTYPE html>")
    assert _fetches(html) == []
    assert "default-src 'none'" in html  # and the browser is told to refuse any fetch
    assert 'src="data:image/png;base64,' in html  # the map, inline
    doc = json.loads(plan_json.read_text(encoding="utf-8"))
    assert doc["made_with"]["network"]["sha256"] in html
    assert doc["made_with"]["book"]["sha256"] in html
    for section in ("summary", "map", "shares", "shipments", "legs", "parameters",
                    "provenance"):
        assert f'<section id="{section}">' in html
    # every shipment row is in the table's data, the first page as HTML too
    spec = re.search(r'<script type="application/json" id="shipments-data">(.*?)</script>',
                     html, re.S)
    assert spec is not None
    rows = json.loads(spec.group(1))["rows"]
    assert sorted(r[0] for r in rows) == sorted(s["shipment_id"] for s in doc["shipments"])
    # provenance in words and its sources
    assert "fitted" in html and "held back" in html
    assert "World Bank" in html


def test_the_report_is_the_same_from_the_json_as_from_the_run(tmp_path: Path,
                                                              plan_json: Path) -> None:
    direct = tmp_path / "direct.html"
    res = run_cli("plan", BOOK, "--report", str(direct))
    assert res.returncode == 0, res.stderr
    assert f"wrote {direct}" in res.stderr
    from_json = _report(tmp_path, plan_json)
    # the same bytes but for the line naming what it was made from
    strip = re.compile(r"(made from</dt><dd>|from )[^<]*?(</dd>|\. Country)")
    assert strip.sub("", direct.read_text(encoding="utf-8")) == strip.sub("", from_json)
    # and the same input gives the same file
    assert _report(tmp_path, plan_json, "again.html") == from_json


def test_whatif_and_frontier_reports(tmp_path: Path) -> None:
    what = tmp_path / "whatif.html"
    res = run_cli("whatif", BOOK, "--scenario", "russia-transit-ban", "--scenario",
                  "bosporus-closed", "--report", str(what))
    assert res.returncode == 0, res.stderr
    html = what.read_text(encoding="utf-8")
    assert _fetches(html) == []
    assert html.count('class="scenario"') == 2
    assert html.count("data:image/png;base64,") == 2  # a map per scenario
    assert 'id="scenario-2-shipments-data"' in html
    front = tmp_path / "frontier.html"
    res = run_cli("frontier", BOOK, "--over", "CN", "--report", str(front), "--json")
    assert res.returncode == 0, res.stderr
    doc = json.loads(res.stdout)
    assert doc["made_with"]["network"]["sha256"]  # the frontier records its inputs now
    assert "CN" not in doc["made_with"]["max_share"]
    html = front.read_text(encoding="utf-8")
    assert _fetches(html) == []
    assert "<svg" in html and "<?xml" not in html
    assert html.count("<tr>") >= len(doc["points"])


def test_a_changed_network_is_said_and_a_missing_one_leaves_out_the_map(
        tmp_path: Path, plan_json: Path) -> None:
    doc = json.loads(plan_json.read_text(encoding="utf-8"))
    doc["made_with"]["network"]["sha256"] = "0" * 64
    changed = tmp_path / "changed.json"
    changed.write_text(json.dumps(doc), encoding="utf-8")
    html = _report(tmp_path, changed)
    assert "is not the one the run was made on" in html
    doc["made_with"]["network"]["files"] = {"directory": str(tmp_path / "gone")}
    gone = tmp_path / "gone.json"
    gone.write_text(json.dumps(doc), encoding="utf-8")
    html = _report(tmp_path, gone, "gone.html")
    assert "could not be loaded" in html
    assert "data:image/png" not in html
    assert '<section id="shipments">' in html


@pytest.mark.parametrize(("content", "message"), [
    ("not json", "is not JSON"),
    ('{"query": {}, "routes": []}', "the JSON of a route query"),
    ('{"a": 1}', "not the JSON of a plan, what-if or frontier"),
    ('{"summary": {"shipments": 1}, "shipments": [], "legs": []}', "field summary.tonnes: "
     "missing"),
    ('{"summary": {"shipments": 1, "tonnes": "x", "planned_tonnes": 1, "total_cost_usd": 1},'
     ' "shipments": [], "legs": []}', "field summary.tonnes: should be a number, not text"),
    ('{"summary": {"shipments": 1, "tonnes": 1, "planned_tonnes": 1, "total_cost_usd": 1},'
     ' "shipments": [{"shipment_id": "a"}], "legs": []}', "field shipments[0].origin: missing"),
    ('{"baseline": {"shipments": 1, "tonnes": 1, "total_cost_usd": 1}, "scenarios": [{}]}',
     "field scenarios[0].name: missing"),
    ('{"key": "CN", "points": [{"share_by_corridor": {}}]}', "field points[0].cap: missing"),
])
def test_bad_input_is_one_line_and_writes_nothing(tmp_path: Path, content: str,
                                                  message: str) -> None:
    doc = tmp_path / "run.json"
    doc.write_text(content, encoding="utf-8")
    out = tmp_path / "r.html"
    res = run_cli("report", str(doc), "-o", str(out))
    assert res.returncode == 2
    assert message in res.stderr, res.stderr
    assert len(res.stderr.strip().splitlines()) == 1
    assert "Traceback" not in res.stderr
    assert not out.exists()


def test_bad_file_names_are_refused_before_any_work(tmp_path: Path, plan_json: Path) -> None:
    res = run_cli("report", str(tmp_path / "missing.json"), "-o", str(tmp_path / "r.html"))
    assert res.returncode == 2 and "missing.json" in res.stderr
    res = run_cli("report", str(plan_json), "-o", str(tmp_path / "r.pdf"))
    assert res.returncode == 2 and "give a file ending .html" in res.stderr
    named_html = tmp_path / "run.html"
    named_html.write_bytes(plan_json.read_bytes())
    res = run_cli("report", str(named_html), "-o", str(named_html))
    assert res.returncode == 2 and "is an input of this run" in res.stderr
    assert named_html.read_bytes() == plan_json.read_bytes()
    res = run_cli("plan", BOOK, "--report", str(tmp_path / "r.txt"))
    assert res.returncode == 2 and "--report" in res.stderr
    res = run_cli("plan", BOOK, "--report", str(tmp_path / "no" / "r.html"))
    assert res.returncode == 2 and not (tmp_path / "no").exists()


def test_a_table_holds_every_row_and_pages_the_first() -> None:
    columns = (Column("id"), Column("tonnes", "num", 1), Column("share", "pct"),
               Column("ok", "flag"))
    rows = [(f"s{i}", i * 1000.5, i / 100, i % 2 == 0) for i in range(PAGE_ROWS + 7)]
    html = data_table("t", columns, rows, caption="c")
    assert html.count("<tr>") == 1 + PAGE_ROWS  # the heading and the first page
    assert "7 more rows" in html
    assert ">1,000.5<" in html and ">1 %<" in html and ">no<" in html
    assert cell_text(None, columns[1]) == "—"
    # text cannot end the script block or inject markup
    assert "</script>" not in script_json(["</script><b>"])
    evil = data_table("t", (Column("x"),), [("<b>bold</b>",)])
    assert "<b>bold" not in evil.split("<script")[0]


def test_a_huge_table_is_cut_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    from corridor.reports import html_parts

    monkeypatch.setattr(html_parts, "MAX_ROWS", 100)
    html = data_table("t", (Column("n", "num"),), [(i,) for i in range(250)], caption="c")
    spec = re.search(r'id="t-data">(.*?)</script>', html, re.S)
    assert spec is not None and len(json.loads(spec.group(1))["rows"]) == 100
    assert "The first 100 of 250 rows" in html


def test_a_report_from_standard_input_with_a_title_of_its_own(tmp_path: Path,
                                                              plan_json: Path) -> None:
    out = tmp_path / "r.html"
    res = run_cli("report", "-", "-o", str(out), "--title", "Q1 2027 <plan>",
                  stdin=plan_json.read_text(encoding="utf-8"))
    assert res.returncode == 0, res.stderr
    html = out.read_text(encoding="utf-8")
    assert "<h1>Q1 2027 &lt;plan&gt;</h1><p>Shipment plan: 30 shipments" in html
    assert "made from</dt><dd>standard input</dd>" in html
    res = run_cli("report", "-", "-o", str(tmp_path / "x.html"), stdin="[1, 2]")
    assert res.returncode == 2 and res.stderr.startswith("error: standard input: not the JSON")
    assert not (tmp_path / "x.html").exists()


def test_a_binding_share_cap_is_said_with_its_price(tmp_path: Path) -> None:
    out = tmp_path / "caps.html"
    res = run_cli("plan", BOOK, "--max-share", "CN=0.3", "--max-share", "RU=0.3", "--json",
                  "--report", str(out))
    assert res.returncode == 0, res.stderr
    cap = json.loads(res.stdout)["summary"]["share_caps"]["RU"]
    assert cap["binding"]
    assert (f"The cap on RU binds: 30.0 % of planned tonnes depend on it, its limit is 30.0 %; "
            f"each point more would save {cap['usd_per_point']:,.0f} USD.") in \
        out.read_text(encoding="utf-8")


def test_a_whatif_report_prices_stranded_tonnes_as_the_command_does(tmp_path: Path) -> None:
    """A closure that strands cargo lowers the cost of the tonnes still carried; the report's
    change in total cost is the one with the stranded tonnes priced, as whatif prints."""
    out = tmp_path / "w.html"
    res = run_cli("whatif", BOOK, "--scenario", "georgia-rail-landslide-4d", "--json",
                  "--report", str(out))
    assert res.returncode == 0, res.stderr
    deltas = json.loads(res.stdout)["scenarios"][0]["deltas"]
    assert deltas["total_cost_usd"] < 0 < deltas["objective_usd"]  # strands a little
    html = out.read_text(encoding="utf-8")
    cards = re.findall(r'<div class="label">([^<]*)</div><div class="value">([^<]*)</div>',
                       html)
    assert ("Change in total cost", f"+{deltas['objective_usd'] / 1e6:,.1f} M USD") in cards
    assert ("Cost of planned tonnes", f"{deltas['total_cost_usd'] / 1e6:,.1f} M USD") in cards

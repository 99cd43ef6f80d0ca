"""A run as one self-contained HTML file (``corridor report``, ``--report`` on plan, whatif
and frontier), for a reader who will never run the tool.

The page holds everything it shows: styles and the table script inline, the map as an
embedded PNG, the frontier plot as inline SVG, every table's rows as JSON. It loads nothing
from anywhere (no fonts, tiles, scripts or images fetched), so it can be mailed, archived
and opened offline. It is built from the run's JSON document (what ``--json`` prints) and
the network the run was made on, so ``corridor report PLAN.json`` and ``corridor plan
--report`` give the same bytes; no clock or random number goes in (same input, same file).

Sections: summary, map, shares, shipments, legs and capacities (plan); per scenario its
definition, changes, map and tables (what-if); the plot, points and switches (frontier);
then the parameters and network fingerprint the run was made with, and where the figures
come from in plain words.
"""

from __future__ import annotations

from collections.abc import Sequence
from importlib import resources
from typing import TYPE_CHECKING, Any

from corridor.reports.html_parts import Column, data_table, definition_list, esc, section
from corridor.reports.report_common import PlaceNames, Progress
from corridor.reports.report_frontier import frontier_sections
from corridor.reports.report_plan import plan_sections
from corridor.reports.report_whatif import whatif_sections

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork

#: What a report can be made of: the kinds of JSON document (see report_input).
KINDS = ("plan", "whatif", "frontier", "risk-frontier")


def _asset(name: str) -> str:
    return resources.files("corridor.reports.data").joinpath(name).read_text("utf-8")


def report_html(kind: str, doc: dict[str, Any], net: CompiledNetwork | None, *,
                source: str, caveats: Sequence[str] = (),
                progress: Progress | None = None, title: str | None = None) -> str:
    """The report of a ``kind`` document (:data:`KINDS`) as HTML text.

    ``net`` is the network the run was made on (the map and place names need it; without
    it the report has no map and shows ids). ``source`` names what the report was made
    from (a file name); ``caveats`` are shown at the top (a network that changed since the
    run, a map that could not be drawn); ``title`` replaces the report's own (the kind of
    run), which then heads the subtitle.
    """
    step = progress or (lambda _message: None)
    names = PlaceNames(net)
    notes = list(caveats)
    if kind == "plan":
        heading, subtitle, body = plan_sections(doc, net, names, notes, step)
    elif kind == "whatif":
        heading, subtitle, body = whatif_sections(doc, net, names, notes, step)
    elif kind in ("frontier", "risk-frontier"):
        heading, subtitle, body = frontier_sections(doc, notes, step)
    else:
        raise ValueError(f"unknown report kind {kind!r}")
    if title:
        subtitle = f"{heading}: {subtitle}"
    else:
        title = heading
    step("writing the parameters and provenance")
    body.append(_parameters(doc.get("made_with") or {}, source))
    body.append(_provenance(net, doc, kind))
    warn = "".join(f'<p class="caveat">{esc(n)}</p>' for n in notes)
    nav = "".join(f'<a href="#{sid}">{esc(label)}</a>' for sid, label in _nav(body))
    made = doc.get("made_with") or {}
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        # nothing may be fetched: the page is whole in itself
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; '
        "img-src data:; style-src 'unsafe-inline'; script-src 'unsafe-inline'\">"
        f"<title>{esc(title)}</title><style>{_asset('report.css')}</style></head><body>"
        f"<header><h1>{esc(title)}</h1><p>{esc(subtitle)}</p></header>"
        f"<nav>{nav}</nav><main>{warn}{''.join(body)}</main>"
        f"<footer>Made with corridor {esc(made.get('corridor', ''))} from {esc(source)}. "
        "Country outlines: Natural Earth (public domain). This file loads nothing from "
        "the network; it can be forwarded and opened offline.</footer>"
        f"<script>{_asset('report.js')}</script></body></html>\n")


def _nav(body: Sequence[str]) -> list[tuple[str, str]]:
    """(id, title) of each top-level section, for the navigation bar."""
    out = []
    for block in body:
        if block.startswith('<section id="'):
            sid = block[len('<section id="'):block.index('"', len('<section id="'))]
            start = block.index("<h2>") + 4
            out.append((sid, block[start:block.index("</h2>")]))
    return out


def _parameters(made: dict[str, Any], source: str) -> str:
    if not made:
        return section("parameters", "Parameters", "<p>The document records no "
                       "parameters.</p>")
    network = made.get("network") or {}
    book = made.get("book") or {}
    cost = made.get("cost") or {}
    files = network.get("files") or {}
    caps = made.get("max_share") or {}
    penalties = cost.get("penalties_usd_per_t") or {}
    scenarios = made.get("scenarios") or []
    weight = cost.get("risk_weight")
    items = [
        ("made from", source),
        ("corridor version", str(made.get("corridor", ""))),
        ("network", str(network.get("label", "")) + (
            " (" + ", ".join(f"{k}: {v}" for k, v in files.items()) + ")" if files else "")),
        ("network fingerprint (sha256)", str(network.get("sha256") or "not from files")),
        ("shipment book", str(book.get("path") or "made in Python")),
        ("book fingerprint (sha256)", str(book.get("sha256") or "—")),
        ("scenarios applied", ", ".join(str(s.get("name")) for s in scenarios) or "none"),
        ("risk weight", "varied along the frontier" if weight is None else str(weight)),
        ("carrying rate (a year, on cargo value)", str(cost.get("carrying_rate", ""))),
        ("loss share", "per corridor and passage (network)" if cost.get("loss_share") is None
         else str(cost.get("loss_share"))),
        ("penalties, USD/t", ", ".join(f"{k} {v:g}" for k, v in penalties.items()) or "none"),
        ("avoided", ", ".join(map(str, made.get("avoid") or [])) or "nothing"),
        ("legs open", ", ".join(map(str, made.get("open_statuses") or []))),
        ("share caps", ", ".join(f"{k} ≤ {v:.1%}" for k, v in caps.items()) or "none"),
        ("horizon", f"{made.get('horizon_days', '')} days"),
        ("service", str(made.get("service", "regular"))),
        ("whole shipments only", "yes" if made.get("unsplittable") else "no (may split)"),
        ("solvers", ", ".join(f"{k}: {v}" for k, v in (made.get("solvers") or {}).items())),
    ]
    return section("parameters", "Parameters", definition_list(items),
                   intro="What the run was made with. The fingerprints identify the exact "
                   "network and book: the same inputs give the same plan and this same file.")


def _provenance(net: CompiledNetwork | None, doc: dict[str, Any], kind: str) -> str:
    if net is None:
        return section("provenance", "Where the figures come from", "<p>The network was not "
                       "available when this report was made, so its sources are not listed."
                       "</p>")
    from corridor.reports.provenance import in_words, provenance

    legs: list[str] | None = None
    what = "the network has"
    if kind == "plan":
        legs = sorted({str(r["leg_id"]) for r in doc.get("legs") or []
                       if (r.get("load_t") or 0) > 0})
        what = "this plan uses"
    p = provenance(net.network, legs)
    paragraphs = "".join(f"<p>{esc(t)}</p>" for t in in_words(p, what=what))
    rows = [[r.source_id, r.title, r.publisher, r.year, r.url]
            for r in p.sources.itertuples(index=False)]
    table = data_table("sources", (Column("id"), Column("title", wide=True),
                                   Column("publisher"), Column("year"),
                                   Column("address", "link")),
                       rows, caption="Sources cited by these legs and their rates.")
    return section("provenance", "Where the figures come from", paragraphs + table,
                   intro="In plain words: what is published, what is fitted, what is "
                   "estimated.")

"""Source rows for the two 2026 research files (capacities and rates; risk and insurance).

Every distinct address in a table row of those files gets an id: ``cr26-NNN`` for
``capacities_rates_2026.md`` and ``rk26-NNN`` for ``risk_insurance_disruptions_2026.md``,
numbered in order of first appearance. The ids are frozen in ``sources_2026.csv`` and cited
from there; the build (``gen.py``) reads only that CSV. This script is a one-off refresh tool
for when those research files (kept outside this repository) change::

    python tools/netdata/sources_2026.py PATH/TO/RESEARCH_FOLDER   # the folder holding both files

A refresh cannot renumber what the network cites: it only appends new addresses after the
known ones.

Publisher and title come from the row's source cell (``Publisher, "Title", URL``); the year
from the row's date column (``n.d.`` where the page showed none); rows marked S2 (a secondary
digest) say so in the title.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
FILES = (("cr26", "capacities_rates_2026.md"), ("rk26", "risk_insurance_disruptions_2026.md"))
OUT = os.path.join(HERE, "sources_2026.csv")
URL_RE = re.compile(r"https?://[^\s;,|)]+")
YEAR_RE = re.compile(r"\b(?:19|20)\d{2}\b")
COLS = ["source_id", "title", "publisher", "year", "url"]


def _cells(line):
    return [c.strip() for c in line.strip().strip("|").split("|")]


def _describe(prefix):
    """(publisher, title) from the text before an address: 'Publisher, "Title",'."""
    prefix = prefix.strip(" ;,")
    prefix = re.sub(r"^(?:and|also|see)\s+", "", prefix)
    quoted = re.search(r"[\"“]([^\"”]+)[\"”]", prefix)
    bracket = re.search(r"\[([^\]]+)\]", prefix)
    if ":" in prefix and not quoted:  # a note: "... the FT via Kursiv: https://..."
        prefix = prefix.rsplit(":", 1)[0].rsplit(";", 1)[-1].rsplit(".", 1)[-1]
    head = prefix.split(",")[0].strip() if prefix else ""
    head = re.sub(r"^cited to\s+", "", head).strip() or "n.a."
    title = quoted.group(1) if quoted else (bracket.group(1) if bracket else head)
    return head[:120], title.strip()[:200]


def parse(prefix_id, path):
    rows, seen = [], set()
    with open(path, encoding="utf-8") as f:
        lines = f.read().splitlines()
    date_col = None
    for i, line in enumerate(lines):
        following = lines[i + 1] if i + 1 < len(lines) else ""
        if line.startswith("|") and following.startswith("|") and set(following) <= set("|-: "):
            header = [c.lower() for c in _cells(line)]
            date_col = header.index("date") if "date" in header else None
            continue
        if not line.startswith("|") or "http" not in line:
            continue
        cells = _cells(line)
        year = "n.d."
        m = YEAR_RE.search(cells[date_col]) if date_col is not None else None
        if m:
            year = m.group(0)
        secondary = any(c.strip() == "S2" for c in cells)
        for cell in cells:
            last = 0
            for m in URL_RE.finditer(cell):
                url = m.group(0).rstrip(".")
                prefix = cell[last:m.start()]
                prefix = prefix.split(";")[-1]
                last = m.end()
                if url in seen:
                    continue
                seen.add(url)
                publisher, title = _describe(prefix)
                if secondary:
                    title += " (via a secondary digest, S2: verify)"
                rows.append({"url": url, "publisher": publisher, "title": title, "year": year,
                             "file": os.path.basename(path), "prefix": prefix_id})
    return rows


def build(research):
    """The frozen rows, then any new address in the research files in folder ``research``."""
    known = {}
    if os.path.exists(OUT):
        with open(OUT, encoding="utf-8") as f:
            for r in csv.DictReader(f):
                known[r["url"]] = r
    out = list(known.values())
    for prefix_id, name in FILES:
        counter = sum(1 for r in out if r["source_id"].startswith(prefix_id))
        for r in parse(prefix_id, os.path.join(research, name)):
            if r["url"] in known:
                continue
            counter += 1
            row = {"source_id": f"{prefix_id}-{counter:03d}", "title": r["title"],
                   "publisher": r["publisher"], "year": r["year"], "url": r["url"]}
            known[r["url"]] = row
            out.append(row)
    return out


def load():
    """The frozen rows (as written by :func:`build`)."""
    with open(OUT, encoding="utf-8") as f:
        return list(csv.DictReader(f))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/netdata/sources_2026.py PATH/TO/RESEARCH_FOLDER")
    rows = build(sys.argv[1])
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    print(len(rows), "sources")

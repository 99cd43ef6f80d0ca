"""Freeze the fact sheet's source list (its section "## 9. Sources") into ``sources_facts.csv``.

The build does not run this: ``gen.py`` reads the frozen ``sources_facts.csv``. This is a
one-off refresh tool for when the research fact sheet (a Markdown file kept outside this
repository) gains or corrects sources::

    python tools/netdata/sources_gen.py PATH/TO/FACT_SHEET.md

It rewrites ``sources_facts.csv`` with every ``- [id] ...`` line of that section, parsed as
below, in the columns of ``sources.csv``. Corrections to single entries are applied in
``gen.py`` (``sources_rows``), not here, so a refresh keeps them.
"""
import csv
import os
import re
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "sources_facts.csv")
COLS = ["source_id", "title", "publisher", "year", "url"]
URL_RE = re.compile(r"https?://[^\s;,)]+")
YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")


def parse_sources(path):
    """The rows of the source list in the fact sheet at ``path``."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    sec = text.split("## 9. Sources", 1)[1]
    rows = []
    for line in sec.splitlines():
        m = re.match(r"^- \[([0-9a-z]+)\] (.*)$", line)
        if not m:
            continue
        sid, rest = m.group(1), m.group(2)
        parts = [p.strip() for p in rest.split(" — ")]
        url_m = URL_RE.search(rest)
        url = url_m.group(0) if url_m else ""
        if len(parts) >= 4 and parts[2].startswith("http"):
            publisher, title = parts[0], parts[1]
            tail = " ".join(parts[3:])
        else:
            # irregular entry, e.g. [32]: "Topic: Outlet URL (year); ..."
            pre = rest[: url_m.start()] if url_m else rest
            if ":" in pre:
                title, publisher = pre.split(":", 1)
            else:
                title, publisher = pre, pre
            title, publisher = title.strip(" —"), publisher.strip(" —")
            tail = rest[url_m.end():] if url_m else rest
            if len(parts) >= 2 and not parts[1].startswith("http") and len(parts) >= 3:
                publisher, title = parts[0], parts[1]
        title = title.replace("*", "").strip()
        y = YEAR_RE.search(tail)
        if "n.d." in tail.split(";")[0] and not y:
            year = "n.d."
        else:
            year = y.group(0) if y else "n.d."
        if tail.strip().startswith("n.d."):
            year = "n.d."
        # prefer the leading year after the first url block
        rows.append({"source_id": sid, "title": title, "publisher": publisher,
                     "year": year, "url": url})
    return rows


def load():
    """The frozen rows (as written by this script)."""
    with open(OUT, encoding="utf-8") as f:
        return list(csv.DictReader(f))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python tools/netdata/sources_gen.py PATH/TO/FACT_SHEET.md")
    rows = parse_sources(sys.argv[1])
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, COLS, lineterminator="\n")
        w.writeheader()
        w.writerows(rows)
    print(len(rows), "sources written to", OUT)

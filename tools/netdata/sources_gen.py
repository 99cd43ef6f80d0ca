"""Parse fact sheet section 9 into sources rows."""
import os
import re

FACTS = os.environ.get("CORRIDOR_FACTS", os.path.join(
    os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "research",
    "corridor_facts.md"))
URL_RE = re.compile(r"https?://[^\s;,)]+")
YEAR_RE = re.compile(r"\b(19|20)\d{2}\b")


def parse_sources():
    text = open(FACTS, encoding="utf-8").read()
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


if __name__ == "__main__":
    for r in parse_sources():
        print(r)

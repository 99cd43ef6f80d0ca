"""Make a big shipment book for the memory and scale benchmarks.

Run (from the repository root)::

    python -m benchmarks.make_book 1000000 /tmp/book-1m.csv
    python -m benchmarks.make_book 100000 /tmp/book-100k.csv --source examples/shipments.csv

The book repeats the rows of ``examples/shipments.csv`` (or ``--source``) in order until it
has ROWS rows; each copy's ``shipment_id`` gets a suffix (``be-01-0000042``) so every id is
unique. The header and every other cell are kept as they are, so the planner sees the same
demand groups as the example book, only many more shipments in each.
"""

from __future__ import annotations

import argparse
import csv
import io
from pathlib import Path

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "shipments.csv"


def make_book(rows: int, out: Path, source: Path = EXAMPLE) -> None:
    """Write a book of ``rows`` rows to ``out``: the rows of ``source`` repeated, each
    copy's ``shipment_id`` suffixed with its copy number."""
    with source.open(encoding="utf-8", newline="") as handle:
        table = list(csv.reader(handle))
    header, body = table[0], [row for row in table[1:] if row]
    if not body:
        raise SystemExit(f"{source} has no rows to repeat")
    if header[:1] != ["shipment_id"]:
        raise SystemExit(f"{source}: make_book expects shipment_id as the first column")
    width = len(str(max(rows // len(body), 1)))
    # the row's cells after the id, as CSV text once per source row (the same every copy)
    tails = []
    for row in body:
        buffer = io.StringIO()
        csv.writer(buffer, lineterminator="\n").writerow(row[1:])
        tails.append(buffer.getvalue())
    with out.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle, lineterminator="\n").writerow(header)
        chunk: list[str] = []
        for i in range(rows):
            copy, k = divmod(i, len(body))
            chunk.append(f"{body[k][0]}-{copy:0{width}d},{tails[k]}")
            if len(chunk) >= 65536:  # write in pieces: a 1M-row book is ~130 MB of text
                handle.write("".join(chunk))
                chunk.clear()
        handle.write("".join(chunk))


def main(argv: list[str] | None = None) -> None:
    """Command line: ``ROWS OUT [--source CSV]``."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("rows", type=int, help="rows in the book")
    parser.add_argument("out", type=Path, help="where to write it")
    parser.add_argument("--source", type=Path, default=EXAMPLE,
                        help="the book whose rows are repeated (default: the example book)")
    args = parser.parse_args(argv)
    if args.rows < 1:
        parser.error("ROWS must be at least 1")
    make_book(args.rows, args.out, args.source)


if __name__ == "__main__":
    main()

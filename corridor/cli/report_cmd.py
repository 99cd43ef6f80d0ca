"""`corridor report RUN.json -o REPORT.html`: a run as one self-contained HTML file."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from corridor.cli.common import (
    PATH,
    check_outputs,
    eprint,
    load,
    network_files,
    network_options,
    report_problems,
    report_text,
    user_errors,
    write_all_atomic,
)


@click.command("report")
@click.argument("run", metavar="RUN.json", type=PATH)
@click.option("-o", "--output", type=PATH, required=True, metavar="REPORT.html",
              help="The HTML file to write.")
@click.option("--title", default=None, metavar="TEXT",
              help="The report's heading (default: what the run is, e.g. Shipment plan).")
@network_options
def report(run: Path, output: Path, title: str | None, network_dir: Path | None,
           nodes: Path | None, legs_file: Path | None) -> None:
    """Write RUN.json (what corridor plan, whatif or frontier printed with --json) as one
    self-contained HTML report: summary, map, sortable tables, the frontier plot or the
    what-if comparison, the parameters and network fingerprint the run was made with, and
    where the figures come from. The file loads nothing from the network: it can be mailed
    and opened offline by someone who will never run corridor. RUN.json - reads standard
    input (corridor plan BOOK.csv --json | corridor report - -o REPORT.html).

    The map is drawn on the network the run recorded (the embedded one, or its files); give
    --network DIR to draw on another, and the report says when its fingerprint differs.

    Exit codes: 0 written, 2 bad input (nothing written).
    """
    from corridor.network_data.errors import InputError
    from corridor.reports.report_input import read_report_input

    with user_errors():
        bad = report_problems(output, "-o")
        if bad:
            raise InputError(bad)
        given_network = any(p is not None for p in (network_dir, nodes, legs_file))
        from_stdin = str(run) == "-"
        check_outputs({"-o": output}, [*([] if from_stdin else [run]),
                                       *network_files(network_dir, nodes, legs_file)],
                      reads_stdin=from_stdin)
        found = read_report_input(run, stdin=sys.stdin.buffer if from_stdin else None)
        network = load(network_dir, nodes, legs_file) if given_network else None
        text = report_text(found.kind, found.doc, network, found.label, quiet=False,
                           title=title)
        write_all_atomic([(output, text)])
    eprint(f"wrote {output} ({len(text.encode('utf-8')) / 1e6:,.1f} MB)")

"""Peak memory and wall time of ``corridor plan`` on a big shipment book, as a user runs it.

Run (from the repository root)::

    python -m benchmarks.bench_plan_memory                     # 1,000,000 rows
    python -m benchmarks.bench_plan_memory --rows 100000 --repeat 3
    python -m benchmarks.bench_plan_memory --against eec0db4   # and the code of a commit,
                                                               # interleaved, outputs compared
    python -m benchmarks.bench_plan_memory --case legs         # one command line only

The book is :mod:`benchmarks.make_book`'s: the rows of ``examples/shipments.csv`` repeated
with unique ids (``--book`` reuses one). Each measurement is one ``corridor plan`` process,
on the embedded network with a warm cache, for two command lines:

* ``-o plan.csv --legs legs.csv`` (the tables for a person go to standard output, which is
  sent to a file),
* ``-o plan.csv --legs legs.csv --json --geojson routes.geojson`` (the JSON on standard
  output, sent to a file).

``--case legs`` or ``--case json`` measures only the first or the second (the code before
the chunked writers needed 5.6 GB for the second at a million rows). Reported per command
line: the peak resident memory of the process (``ru_maxrss`` of that
child alone, from ``os.wait4``) and its wall time; the median of ``--repeat`` runs, and
the load average of the machine before and after (other work on it slows the runs).

``--against REV`` also runs the code of a git revision (``git archive`` of it, put first on
the child's ``PYTHONPATH``; the installed dependencies are shared), each of its runs next to
the current code's, and checks that both wrote the same bytes. The outputs are written to a
temporary folder (``--workdir``), ~5 GB for a million rows, removed as soon as compared.
"""

from __future__ import annotations

import argparse
import filecmp
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tarfile
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

#: The command lines measured: name -> ``corridor plan BOOK`` arguments.
COMMANDS = {
    "-o --legs": ["-o", "plan.csv", "--legs", "legs.csv"],
    "-o --legs --json --geojson": ["-o", "plan.csv", "--legs", "legs.csv", "--json",
                                   "--geojson", "routes.geojson"],
}
OUTPUTS = ("plan.csv", "legs.csv", "routes.geojson", "stdout.txt")


def run_plan(book: Path, args: list[str], folder: Path, source: Path | None
             ) -> tuple[float, float]:
    """Run ``corridor plan BOOK ARGS`` in ``folder`` (standard output to ``stdout.txt``
    there) with the code of ``source`` (None: the current code); return its wall time (s)
    and peak resident memory (MB). ``SystemExit`` if it fails."""
    folder.mkdir(parents=True, exist_ok=True)
    env = dict(os.environ, COLUMNS="120", NO_COLOR="1")
    code = source if source is not None else REPO
    env["PYTHONPATH"] = os.pathsep.join([str(code), *filter(None, [env.get("PYTHONPATH")])])
    with (folder / "stdout.txt").open("wb") as out, (folder / "stderr.txt").open("wb") as err:
        start = time.perf_counter()
        # the folder is the child's cwd (and so its sys.path[0]): the code comes from
        # PYTHONPATH, not from a checkout that happens to be the working directory
        child = subprocess.Popen([sys.executable, "-m", "corridor.cli.main", "plan",
                                  str(book), *args], cwd=folder, stdout=out, stderr=err,
                                 env=env)
        _, status, usage = os.wait4(child.pid, 0)  # this child's own peak, not the max
        wall = time.perf_counter() - start
        child.returncode = os.waitstatus_to_exitcode(status)
    if child.returncode != 0:
        raise SystemExit(f"corridor plan failed ({child.returncode}) in {folder}:\n"
                         + (folder / "stderr.txt").read_text(errors="replace")[-2000:])
    return wall, usage.ru_maxrss / 1024  # KB on Linux


def checkout(rev: str, into: Path) -> Path:
    """The source tree of git revision ``rev`` under ``into``."""
    into.mkdir(parents=True, exist_ok=True)
    archive = into / "src.tar"
    subprocess.run(["git", "-C", str(REPO), "archive", "-o", str(archive), rev], check=True)
    with tarfile.open(archive) as tar:
        tar.extractall(into / "src", filter="data")
    archive.unlink()
    return into / "src"


def same_outputs(a: Path, b: Path) -> bool:
    """Did two runs write the same bytes (every output file, and standard output)?"""
    return all(filecmp.cmp(a / name, b / name, shallow=False) for name in OUTPUTS
               if (a / name).exists() or (b / name).exists())


def cpu_name() -> str:
    """The processor's model name (Linux), else its architecture."""
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as info:
            for line in info:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.machine()


def main(argv: list[str] | None = None) -> None:
    """Command line: see the module's docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=1_000_000,
                        help="rows in the book (default 1,000,000)")
    parser.add_argument("--book", type=Path, default=None,
                        help="a book to use instead of making one")
    parser.add_argument("--repeat", type=int, default=1, help="runs per command line")
    parser.add_argument("--against", default=None, metavar="REV",
                        help="also run the code of this git revision (and compare outputs)")
    parser.add_argument("--case", choices=("both", "legs", "json"), default="both",
                        help="which command lines: both (default), the first, the second")
    parser.add_argument("--workdir", type=Path, default=None,
                        help="folder for the book and the outputs (default: a temporary one)")
    args = parser.parse_args(argv)

    work = Path(tempfile.mkdtemp(prefix="bench-plan-memory-", dir=args.workdir))
    try:
        book = args.book.resolve() if args.book else work / f"book-{args.rows}.csv"
        if args.book is None:
            from benchmarks.make_book import make_book

            make_book(args.rows, book)
        versions: dict[str, Path | None] = {"current": None}
        if args.against:
            versions[args.against] = checkout(args.against, work / "against")
        # warm the network cache of each version (its key includes the code) on a tiny book
        for name, source in versions.items():
            run_plan(REPO / "examples" / "shipments.csv", [], work / "warm" / name, source)
        load_before = os.getloadavg()
        results: dict[tuple[str, str], list[tuple[float, float]]] = {}
        differ: list[str] = []
        chosen = {"both": COMMANDS, "legs": dict(list(COMMANDS.items())[:1]),
                  "json": dict(list(COMMANDS.items())[1:])}[args.case]
        for case, cmd in chosen.items():
            for i in range(args.repeat):
                folders = {}
                for name, source in versions.items():  # interleaved: noise hits both alike
                    folder = work / "runs" / f"{name}-{i}"
                    results.setdefault((case, name), []).append(
                        run_plan(book, cmd, folder, source))
                    folders[name] = folder
                if len(folders) > 1 and not same_outputs(*folders.values()):
                    differ.append(f"{case} (run {i + 1})")
                for folder in folders.values():
                    shutil.rmtree(folder)
        load_after = os.getloadavg()
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"corridor plan on {args.rows if args.book is None else book.name} rows "
          f"({book.name}), median of {args.repeat}; {cpu_name()}, {os.cpu_count()} cores, "
          f"Python {platform.python_version()}; load average "
          f"{load_before[0]:.2f} before, {load_after[0]:.2f} after")
    print()
    print("| command line | code | peak RSS (MB) | wall (s) |")
    print("| --- | --- | ---: | ---: |")
    for (case, name), runs in results.items():
        rss = statistics.median(r for _, r in runs)
        wall = statistics.median(w for w, _ in runs)
        print(f"| `{case}` | {name} | {rss:,.0f} | {wall:.1f} |")
    if len(versions) > 1:
        print()
        print("outputs identical: " + ("yes" if not differ else "NO: " + ", ".join(differ)))


if __name__ == "__main__":
    main()

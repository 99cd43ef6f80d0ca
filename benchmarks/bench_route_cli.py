"""How fast does a route query feel? CLI wall time against the interpreter + pandas floor.

Run::

    python -m benchmarks.bench_route_cli            # 9 repeats each
    python -m benchmarks.bench_route_cli --repeats 21

It times, in one run and interleaved (so machine noise hits all alike):

* ``python -c pass``                 bare interpreter start-up,
* ``python -c "import pandas"``      start-up plus pandas: the floor for a tool built on pandas,
* ``corridor route ...``             a full route query on the embedded network (load, validate,
                                     compile, search, alternatives, switching points, table),

and reports medians and the ratio of the route query to the pandas floor. Target: every
route query at most :data:`TARGET` × the floor (a route query faster than importing pandas:
from a warm cache it reads the compiled network's arrays and never imports pandas).
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

#: The most a route query may take, as a multiple of ``python -c "import pandas"``.
TARGET = 0.8

QUERIES = {
    "route table": ["route", "Oskemen", "Yokohama", "--commodity", "beryllium"],
    "route --json": ["route", "Almaty", "Rotterdam", "--commodity", "rare_earth_oxide",
                     "--penalty", "CN=40", "--json"],
}


def corridor_cmd() -> list[str]:
    exe = Path(sys.executable).parent / "corridor"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("corridor")
    return [found] if found else [sys.executable, "-m", "corridor.cli.main"]


def wall(cmd: list[str]) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=9)
    args = parser.parse_args(argv)
    cases = {
        "python -c pass": [sys.executable, "-c", "pass"],
        "python -c 'import pandas'": [sys.executable, "-c", "import pandas"],
        **{name: [*corridor_cmd(), *q] for name, q in QUERIES.items()},
    }
    for cmd in cases.values():  # warm the file cache once
        wall(cmd)
    times: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(args.repeats):
        for name, cmd in cases.items():
            times[name].append(wall(cmd))
    floor = statistics.median(times["python -c 'import pandas'"])
    print(f"{'case':32} {'median s':>9} {'min s':>7} {'× pandas floor':>15}")
    for name, ts in times.items():
        med = statistics.median(ts)
        print(f"{name:32} {med:9.3f} {min(ts):7.3f} {med / floor:15.2f}")
    worst = max(statistics.median(times[name]) for name in QUERIES) / floor
    verdict = "meets" if worst <= TARGET else "misses"
    print(f"slowest route query: {worst:.2f} × the pandas floor ({verdict} the target "
          f"≤ {TARGET:.2f} ×)")


if __name__ == "__main__":
    main()

"""Rebuild the embedded network in one command: generate the tables, then calibrate the rates.

    python tools/netdata/build.py

1. ``gen.py`` writes ``network_data/data/{nodes,legs,sources,commodities,rates}.csv`` (the
   rates at their sourced priors);
2. ``corridor network calibrate --write`` fits the rates to the published figures in
   ``network_data/data/observations.csv`` and writes the fitted values, their basis and the
   figures each was fitted to back into ``rates.csv``;
3. ``corridor network validate`` and ``corridor network check-figures`` show the result.

Needs the package installed (``pip install -e .``); ``searoute`` only for a new sea leg (the
distances already computed are cached in ``sea_cache.json``). Every input is in this folder, so
it runs from a fresh checkout.

``NETDATA_OUT=DIR`` writes the tables to ``DIR`` instead of ``corridor/network_data/data`` (the
calibration and checks then use ``--network DIR``); ``DIR`` must hold ``observations.csv``.
"""
import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..", "..")


def run(*args):
    print("$", " ".join(args), flush=True)
    done = subprocess.run(args, cwd=ROOT)
    return done.returncode


if __name__ == "__main__":
    env_python = sys.executable
    out = os.environ.get("NETDATA_OUT")
    if out:  # absolute, as gen.py runs from the repository root
        out = os.environ["NETDATA_OUT"] = os.path.abspath(out)
    cli = (env_python, "-m", "corridor.cli.main", "network")
    where = ("--network", out) if out else ()
    steps = [
        (env_python, os.path.join(HERE, "gen.py")),
        (*cli, "calibrate", "--write", *where),
        (*cli, "validate", *where),
    ]
    os.environ["CORRIDOR_NO_CACHE"] = "1"
    for step in steps:
        code = run(*step)
        if code:
            sys.exit(code)
    sys.exit(run(*cli, "check-figures", *where))

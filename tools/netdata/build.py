"""Rebuild the embedded network in one command: generate the tables, then calibrate the rates.

    python tools/netdata/build.py

1. ``gen.py`` writes ``network_data/data/{nodes,legs,sources,commodities,rates}.csv`` (the
   rates at their sourced priors);
2. ``corridor network calibrate --write`` fits the rates to the published figures in
   ``network_data/data/observations.csv`` and writes the fitted values, their basis and the
   figures each was fitted to back into ``rates.csv``;
3. ``corridor network validate`` and ``corridor network check-figures`` show the result.

Needs the package installed (``pip install -e .``) and ``searoute`` for new sea legs (the
distances already computed are cached in ``sea_cache.json``).
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
    steps = [
        (env_python, os.path.join(HERE, "gen.py")),
        (env_python, "-m", "corridor.cli.main", "network", "calibrate", "--write"),
        (env_python, "-m", "corridor.cli.main", "network", "validate"),
    ]
    os.environ["CORRIDOR_NO_CACHE"] = "1"
    for step in steps:
        code = run(*step)
        if code:
            sys.exit(code)
    sys.exit(run(env_python, "-m", "corridor.cli.main", "network", "check-figures"))

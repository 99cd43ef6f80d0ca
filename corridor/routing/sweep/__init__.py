"""Criticality sweeps: every single closure of a kind, pairs, Monte-Carlo draws.

Each scenario closes something plan-wide and is answered against a solved baseline
(:mod:`corridor.routing.sweep.evaluate`), on this process, local worker processes or a Dask
cluster (:mod:`corridor.routing.sweep.run`), into a resumable results file
(:mod:`corridor.routing.sweep.store`); :mod:`corridor.routing.sweep.summary` ranks them.
"""

from corridor.routing.sweep.evaluate import RESULT_COLUMNS, Evaluator, SweepInputs
from corridor.routing.sweep.run import SweepSpec, run_sweep
from corridor.routing.sweep.spec import CLOSURE_KINDS, Closure
from corridor.routing.sweep.store import ResultStore
from corridor.routing.sweep.summary import monte_carlo, ranking

__all__ = ["CLOSURE_KINDS", "RESULT_COLUMNS", "Closure", "Evaluator", "ResultStore",
           "SweepInputs", "SweepSpec", "monte_carlo", "ranking", "run_sweep"]

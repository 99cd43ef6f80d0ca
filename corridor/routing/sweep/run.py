"""Running a sweep: which scenarios, on which workers, into which results file.

Single closures and Monte-Carlo draws are independent and go to the workers in batches;
pairs come after the single closures of their kind, because a pair is pruned with their
results (:func:`prune_pair`). Workers are this process (one worker), local worker processes,
or a dask.distributed cluster; each builds the solved baseline once
(:class:`~corridor.routing.sweep.evaluate.Evaluator`) and is sent only closures. Rows reach
the results file as batches finish, whichever worker finishes them; a batch lost with its
worker is run again (Dask does that by itself), and a rerun of the sweep with ``resume``
skips what the file holds.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from dataclasses import dataclass
from typing import Any

from corridor.network_data.errors import PARAMETERS, InputError, Problem
from corridor.network_data.vocabulary import Selector
from corridor.routing.sweep.evaluate import Evaluator, SweepInputs
from corridor.routing.sweep.spec import (
    Closure,
    draw_closures,
    pair_closures,
    selectors_of_kind,
    single_closures,
)
from corridor.routing.sweep.store import ResultStore

Progress = Callable[[int, int], None]  # (scenarios done, scenarios in all)
#: Scenarios sent to a worker at a time (results are recorded per batch).
BATCH = 8
#: How long to try reaching a Dask scheduler.
CONNECT_TIMEOUT = "10s"


@dataclass(frozen=True)
class SweepSpec:
    """Which scenarios a sweep runs: every single closure of a kind (``closures``), with
    ``pairs`` every pair of them too, and ``monte_carlo`` random draws from ``seed``."""

    closures: str | None = None
    pairs: bool = False
    monte_carlo: int = 0
    seed: int = 0

    def to_json(self) -> dict[str, Any]:
        """The spec as JSON-able data."""
        return {"closures": self.closures, "pairs": self.pairs,
                "monte_carlo": self.monte_carlo, "seed": self.seed}


@dataclass(frozen=True)
class Scenarios:
    """A sweep's scenarios, numbered: singles first, then pairs, then draws."""

    kind_selectors: tuple[Selector, ...]
    singles: tuple[Closure, ...]
    pairs: tuple[Closure, ...]
    draws: tuple[Closure, ...]

    @property
    def total(self) -> int:
        """How many scenarios in all."""
        return len(self.singles) + len(self.pairs) + len(self.draws)


def scenarios_of(evaluator: Evaluator, spec: SweepSpec) -> Scenarios:
    """Number the scenarios ``spec`` asks for on the evaluator's network."""
    kinds: list[Selector] = []
    singles: list[Closure] = []
    pairs: list[Closure] = []
    statuses = evaluator.inputs.params.open_statuses
    if spec.closures:
        kinds = selectors_of_kind(evaluator.net, spec.closures, statuses)
        singles = single_closures(kinds)
        if spec.pairs:
            pairs = pair_closures(kinds, len(singles))
    draws = draw_closures(evaluator.net, spec.monte_carlo, spec.seed, statuses)
    first = len(singles) + len(pairs)
    draws = [Closure(first + d.id, "draw", d.closed) for d in draws]
    return Scenarios(tuple(kinds), tuple(singles), tuple(pairs), tuple(draws))


def fingerprint(inputs: SweepInputs, spec: SweepSpec, made_with: dict[str, Any]) -> str:
    """What a results file is the sweep of: the inputs' record (files' sha256, options,
    scenarios) and the spec, hashed."""
    text = json.dumps({"inputs": made_with, "spec": spec.to_json()}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()


def prune_pair(pair: Closure, rows: dict[int, dict[str, Any]],
               single_of: dict[Selector, int]) -> dict[str, Any] | None:
    """The row of ``pair`` from its singles' rows, if one of them settles it: when the plan
    under closing ``b`` does not use ``a``, it stays feasible and optimal with ``a`` closed
    too (nothing got cheaper), so the pair's results are ``b``'s (and the other way round).
    None when both plans use the other selector: the pair must be solved."""
    a, b = pair.closed
    row_a, row_b = rows[single_of[a]], rows[single_of[b]]
    for settled, other in ((row_b, a), (row_a, b)):
        if f"{other.kind}:{other.name}" not in settled["uses"]:
            closed_in_use = sorted(set(row_a["closed_in_use"]) | set(row_b["closed_in_use"]))
            return {**settled, "id": pair.id, "kind": pair.kind, "name": pair.name,
                    "closed": [f"{s.kind}:{s.name}" for s in pair.closed],
                    "effect": f"as {settled['name']}", "closed_in_use": closed_in_use,
                    "uses": []}
    return None


# ------------------------------------------------------------------------------ workers

_EVALUATORS: dict[str, Evaluator] = {}


def _evaluator(key: str, inputs: SweepInputs) -> Evaluator:
    """The process's evaluator for these inputs (built on first use)."""
    found = _EVALUATORS.get(key)
    if found is None:
        _EVALUATORS.clear()  # one sweep at a time per process
        found = _EVALUATORS[key] = Evaluator(inputs)
    return found


def evaluate_batch(key: str, inputs: SweepInputs, batch: Sequence[Closure],
                   uses_of: tuple[Selector, ...]) -> list[dict[str, Any]]:
    """Rows of a batch of closures (run in a worker: local process or Dask)."""
    evaluator = _evaluator(key, inputs)
    return [evaluator.evaluate(c, uses_of) for c in batch]


_WORKER_INPUTS: dict[str, SweepInputs] = {}


def _init_local(key: str, payload: bytes) -> None:
    _WORKER_INPUTS[key] = pickle.loads(payload)


def _local_batch(key: str, batch: Sequence[Closure],
                 uses_of: tuple[Selector, ...]) -> list[dict[str, Any]]:
    return evaluate_batch(key, _WORKER_INPUTS[key], batch, uses_of)


class Pool:
    """Where batches run: ``run(batches, uses_of)`` yields each batch's rows as it
    finishes (in any order)."""

    def __init__(self, key: str, inputs: SweepInputs, evaluator: Evaluator, *,
                 workers: int = 1, scheduler: str | None = None):
        self.key, self.inputs, self.evaluator = key, inputs, evaluator
        self.workers, self.scheduler = workers, scheduler
        self._executor: ProcessPoolExecutor | None = None
        self._client: Any = None
        self._scattered: Any = None

    def __enter__(self) -> Pool:
        if self.scheduler is not None:
            try:
                from distributed import Client
            except ImportError:
                raise InputError(Problem(PARAMETERS, None, "scheduler", "needs Dask's "
                                         "distributed package: pip install 'corridor[dask]'")
                                 ) from None
            try:
                self._client = Client(self.scheduler, timeout=CONNECT_TIMEOUT)
            except (OSError, TimeoutError, ValueError) as exc:
                raise InputError(Problem(PARAMETERS, None, "scheduler",
                                         f"cannot reach a Dask scheduler at "
                                         f"{self.scheduler} ({exc})")) from None
            self._scattered = self._client.scatter(self.inputs, broadcast=True, hash=False)
        elif self.workers > 1:
            payload = pickle.dumps(self.inputs, protocol=pickle.HIGHEST_PROTOCOL)
            self._executor = ProcessPoolExecutor(self.workers, initializer=_init_local,
                                                 initargs=(self.key, payload))
        return self

    def __exit__(self, *exc: object) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=exc[0] is None, cancel_futures=True)
        if self._client is not None:
            self._client.close()

    def run(self, batches: Sequence[Sequence[Closure]], uses_of: tuple[Selector, ...]
            ) -> Iterator[list[dict[str, Any]]]:
        """Each batch's rows, as batches finish."""
        if self._client is not None:
            from distributed import as_completed

            futures = [self._client.submit(evaluate_batch, self.key, self._scattered,
                                           list(b), uses_of, pure=False, retries=3)
                       for b in batches]
            try:
                for future in as_completed(futures):
                    yield future.result()
            finally:
                for future in futures:
                    future.cancel()
        elif self._executor is not None:
            pending: set[Future[list[dict[str, Any]]]] = {
                self._executor.submit(_local_batch, self.key, list(b), uses_of)
                for b in batches}
            while pending:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for future in finished:
                    yield future.result()
        else:
            for b in batches:
                yield [self.evaluator.evaluate(c, uses_of) for c in b]


def _batches(closures: Sequence[Closure], size: int = BATCH) -> list[list[Closure]]:
    return [list(closures[i:i + size]) for i in range(0, len(closures), size)]


def run_sweep(inputs: SweepInputs, spec: SweepSpec, store: ResultStore, key: str, *,
              workers: int = 1, scheduler: str | None = None,
              progress: Progress | None = None,
              evaluator: Evaluator | None = None) -> list[dict[str, Any]]:
    """Run every scenario of ``spec`` not yet in ``store``, recording rows as batches
    finish; every row of the sweep, by id, once done."""
    evaluator = evaluator or Evaluator(inputs)
    plan = scenarios_of(evaluator, spec)
    done = store.done()
    total = plan.total
    count = len(done)
    report = progress or (lambda _d, _t: None)
    report(count, total)
    uses_of = plan.kind_selectors if spec.pairs else ()
    first = [c for c in (*plan.singles, *plan.draws) if c.id not in done]
    with Pool(key, inputs, evaluator, workers=max(1, workers), scheduler=scheduler) as pool:
        for rows in pool.run(_batches(first, _batch_size(len(first), workers)), uses_of):
            store.add(rows)
            count += len(rows)
            report(count, total)
        if plan.pairs:
            solve = [p for p in plan.pairs if p.id not in done]
            # an unsplittable plan is not proven optimal: no single closure settles a pair
            if not inputs.unsplittable:
                by_id = {r["id"]: r for r in store.rows()}
                single_of = {c.closed[0]: c.id for c in plan.singles}
                settled: list[dict[str, Any]] = []
                todo, solve = solve, []
                for pair in todo:
                    row = prune_pair(pair, by_id, single_of)
                    (settled.append(row) if row is not None else solve.append(pair))
                for i in range(0, len(settled), 500):
                    store.add(settled[i:i + 500])
                    count += len(settled[i:i + 500])
                    report(count, total)
            for rows in pool.run(_batches(solve, _batch_size(len(solve), workers)), ()):
                store.add(rows)
                count += len(rows)
                report(count, total)
    return store.rows()


def _batch_size(n: int, workers: int) -> int:
    """Batches small enough to spread over the workers and show progress, large enough
    to keep the per-batch overhead low."""
    return max(1, min(BATCH, n // max(1, 4 * workers) or 1))


def default_workers() -> int:
    """Local worker processes by default: one per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)

"""The restricted master problems over routes (columns), solved with OR-Tools.

Splittable (LP, GLOP through OR-Tools' model builder), for demand groups ``g``, routes ``r``
of their group, capacitated arcs ``a``, capacitated nodes ``n`` and share caps ``k``::

    min  Σ_r c_r x_r + Σ_g M_g u_g
    s.t. Σ_{r ∈ g} x_r + u_g = T_g                        (demand; dual π_g)
         Σ_r n_c(r) x_r ≤ cap_c                            (capacity row; dual −p_c)
         Σ_{r ∋ n} x_r ≤ cap_n                             (node throughput; dual −p_n)
         Σ_r (dep_k(r) − F_k) x_r ≤ 0                      (share cap; dual −q_k)
         x, u ≥ 0

A capacity row ``c`` is an arc's own capacity or a capacity group's shared one; ``n_c(r)``
counts the route's arcs in it, and every arc of the row is priced ``p_c``. Capacity rows are
created lazily, when a route first touches a capacitated arc or node; a row no route touches
cannot bind. The model is handed to GLOP whole, as sparse arrays, at every solve.

Unsplittable (MIP, SCIP through ``pywraplp``): one binary ``y_{s,r}`` per shipment and route
of its group, one binary ``z_s`` for leaving it unserved, the same rows with ``T_s y_{s,r}``.
"""

from __future__ import annotations

import functools
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from corridor.network_data.errors import SolverError
from corridor.routing.plan.columns import CapacityTerms, Routes
from corridor.routing.plan.problem import PlanProblem

if TYPE_CHECKING:  # OR-Tools is imported when a master is first built (~50 ms): a plan
    # whose cheapest routes already fit never builds one
    from ortools.linear_solver import pywraplp
    from scipy.sparse import csr_matrix

#: Share-cap coefficients smaller than this are zero: a cap of 0.9999999999999999 gives
#: coefficients of 1e-16, which GLOP reads as a numerically broken model (status 3).
CAP_COEF_EPS = 1e-9


def stated_capacities(problem: PlanProblem) -> tuple[np.ndarray, np.ndarray]:
    """The capacity of every capacity row and node as the masters state it: no more than
    twice what the whole book would put on it going through each of the row's arcs (a
    route is a path: it uses an arc, and passes a node, at most once), so a capacity the
    book cannot fill is stated as a figure of the book's size.

    A row that cannot bind changes nothing but the numbers GLOP has to scale: a 1 t book
    beside a port of 10^9 t/yr made it stop with status ABNORMAL (right-hand sides 10^9
    apart). (Not as ``inf``: a backend may drop a free row, and its dual with it.)
    """
    net = problem.net
    total = float(problem.book.tonnes.sum())
    capped = net.cap_row >= 0
    arcs = np.bincount(net.cap_row[capped], minlength=len(problem.row_cap))
    return (np.minimum(problem.row_cap, 2.0 * arcs * total),
            np.minimum(problem.node_cap, 2.0 * total))


#: "Optimal" for the unsplittable MIP means proven within this relative gap, whichever
#: backend runs it (their defaults differ: SCIP and CBC 1e-4, CP-SAT exact). 1e-7 ran SCIP
#: into the time limit on 1,000-shipment books; with 1e-5 its plan on a 300-shipment book is
#: 5.5e-6 dearer than CP-SAT's exact one, inside the tolerance.
MIP_RELATIVE_GAP = 1e-5


class LPFailure(SolverError):
    """The LP backend did not solve a master to a certified optimum (a status other than
    optimal, or row prices that do not certify it)."""


def _create(solver_name: str) -> pywraplp.Solver:
    """A ``pywraplp`` solver by backend name (GLOP, CLP, HIGHS_LP, PDLP, SCIP, CP-SAT...)."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver(solver_name)
    if solver is None:
        raise SolverError(f"OR-Tools backend {solver_name} is not available")
    if solver_name.upper().startswith("HIGHS"):
        # HiGHS prints its banner on stdout, where a script reads a plan's JSON; the call
        # returns False, yet HiGHS takes the option (it applies the string at solve time)
        solver.SetSolverSpecificParametersAsString(_HIGHS_QUIET)
    return solver


def cap_coefficients(depends: np.ndarray, fraction: float) -> np.ndarray:
    """Coefficients of routes in a share-cap row: ``dep − F`` per route, snapped to 0 when
    negligible."""
    coef = np.asarray(depends).astype(float) - fraction
    coef[np.abs(coef) < CAP_COEF_EPS] = 0.0
    return coef


@dataclass(frozen=True)
class Duals:
    """Prices of the master's rows (p, q ≥ 0 are the costs of one more tonne through)."""

    pi: np.ndarray  # per group
    p_arc: np.ndarray  # per arc: the dual of its capacity row (0 where none)
    p_node: np.ndarray  # per node
    q: np.ndarray  # per share cap


#: LP backends given the model through OR-Tools' model builder: sparse arrays in one call.
#: Other ``pywraplp`` backends (CLP...) get the same model as a proto.
_MODEL_BUILDER_LP = {"GLOP": "glop", "HIGHS_LP": "highs", "HIGHS": "highs", "PDLP": "pdlp"}
#: HiGHS's option that keeps it off stdout (it prints a banner on every solve otherwise).
_HIGHS_QUIET = "output_flag=false"


@dataclass(frozen=True)
class _LPSolution:
    """What a master solve returns: variable values, row duals, objective."""

    values: np.ndarray
    duals: np.ndarray
    objective: float


class LPMaster:
    """The splittable restricted master, grown column by column.

    The model is kept as arrays (bounds, costs, and its nonzeros as (row, variable,
    coefficient) triplets appended per batch of routes) and handed to the solver whole at
    every solve: for GLOP, as one sparse matrix through OR-Tools' model builder. Solving it
    afresh each round measured faster than growing a ``pywraplp`` model and letting GLOP
    re-solve incrementally (3,000-node benchmark: 25 against 33 ms of GLOP over a plan's
    6 solves, 64 against 88 ms over 7 with 10,000 rows), and building it costs a few array
    operations instead of one OR-Tools call per coefficient (~13 ms a plan).
    """

    def __init__(self, problem: PlanProblem, unserved_price: np.ndarray, *,
                 solver_name: str = "GLOP"):
        self.solver_name = solver_name
        self.problem = problem
        self._solve = _backend(solver_name)
        self.unserved_price = np.asarray(unserved_price, dtype=float)
        self._parts: list[Routes] = [Routes.empty(problem)]
        self._terms: list[CapacityTerms] = [self._parts[0].capacity_terms(problem)]
        self.n_routes = 0
        n_groups, n_caps = len(problem.groups), len(problem.caps)
        # Rows in creation order: demand rows 0..G-1, share caps next, then the capacity
        # rows as routes first touch them. Variables: unserved 0..G-1, then the routes.
        self._row_lower = [problem.group_tonnes.astype(float), np.full(n_caps, -np.inf)]
        self._row_upper = [problem.group_tonnes.astype(float), np.zeros(n_caps)]
        self.n_rows = n_groups + n_caps
        self._row_cap, self._node_cap = stated_capacities(problem)
        self._arc_row_at = np.full(len(problem.row_cap), -1, dtype=np.int64)
        self._node_row_at = np.full(problem.net.n_nodes, -1, dtype=np.int64)
        groups = np.arange(n_groups, dtype=np.int64)
        self._entries: list[tuple[np.ndarray, np.ndarray, np.ndarray]] = [
            (groups, groups, np.ones(n_groups))]  # each group's unserved tonnes
        self._costs: list[np.ndarray] = [self.unserved_price]
        self._solution: _LPSolution | None = None
        self.seconds = 0.0
        self.solves = 0

    @property
    def columns(self) -> Routes:
        """The routes added so far, in order."""
        if len(self._parts) > 1:
            self._parts = [Routes.concat(self._parts)]
        return self._parts[0]

    @property
    def terms(self) -> CapacityTerms:
        """The capacity-row terms of :attr:`columns`."""
        if len(self._terms) > 1:
            self._terms = [CapacityTerms.concat(self._terms)]
        return self._terms[0]

    def add(self, routes: Routes, terms: CapacityTerms | None = None) -> None:
        """Add routes as new columns (creating capacity rows they are the first to touch);
        ``terms`` are their capacity terms if already known."""
        p = self.problem
        if terms is None:
            terms = routes.capacity_terms(p)
        n_groups = len(p.groups)
        var = n_groups + self.n_routes + np.arange(len(routes), dtype=np.int64)
        arc_rows = self._new_rows(self._arc_row_at, terms.row)
        node_rows = self._new_rows(self._node_row_at, terms.node)
        self._row_lower.append(np.full(len(arc_rows) + len(node_rows), -np.inf))
        self._row_upper.append(np.concatenate([self._row_cap[arc_rows],
                                               self._node_cap[node_rows]]))
        entries = [
            (routes.group, var, np.ones(len(routes))),  # demand
            (self._arc_row_at[terms.row], var[terms.route], terms.count.astype(float)),
            (self._node_row_at[terms.node], var[terms.node_route], np.ones(len(terms.node))),
        ]
        for k in range(len(p.caps)):
            at, coef = self._cap_coefficients(routes, k)
            entries.append((np.full(len(at), n_groups + k, dtype=np.int64), var[at], coef))
        self._entries.extend(entries)
        self._costs.append(routes.cost)
        self.n_routes += len(routes)
        self._parts.append(routes)
        self._terms.append(terms)

    def _new_rows(self, row_at: np.ndarray, touched: np.ndarray) -> np.ndarray:
        """The capacity rows (arc rows or nodes) in ``touched`` that have no model row yet,
        in order of first touch, numbered in the model (``row_at``)."""
        new = np.array([r for r in dict.fromkeys(touched.tolist()) if row_at[r] < 0],
                       dtype=np.int64)
        row_at[new] = self.n_rows + np.arange(len(new))
        self.n_rows += len(new)
        return new

    def _cap_coefficients(self, routes: Routes, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The routes with a nonzero coefficient in share-cap row ``k``, and the coefficients
        (see :func:`cap_coefficients`)."""
        coef = cap_coefficients(routes.dep[:, k], self.problem.caps[k].fraction)
        nonzero = np.flatnonzero(coef)
        return nonzero, coef[nonzero]

    def solve(self) -> None:
        """Solve the current master (``SolverError`` unless optimal)."""
        from scipy.sparse import csr_matrix

        row, var, coef = (np.concatenate(part) for part in zip(*self._entries))
        n_vars = len(self.problem.groups) + self.n_routes
        matrix = csr_matrix((coef, (row, var)), shape=(self.n_rows, n_vars))
        costs = np.concatenate(self._costs).astype(float)
        self._solution, seconds = self._solve(
            self.solver_name, costs, np.concatenate(self._row_lower),
            np.concatenate(self._row_upper), matrix, self.n_routes)
        self.seconds += seconds
        self.solves += 1

    def _solved(self) -> _LPSolution:
        if self._solution is None:
            raise SolverError("the master LP has not been solved")
        return self._solution

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """Tonnes on each column and unserved tonnes of each group (tiny negatives → 0)."""
        value = self._solved().values
        n_groups = len(self.problem.groups)
        x, u = value[n_groups:n_groups + self.n_routes], value[:n_groups]
        return np.maximum(x, 0.0), np.maximum(u, 0.0)

    def duals(self) -> Duals:
        """Row prices of the last solve."""
        p = self.problem
        dual = self._solved().duals
        n_groups = len(p.groups)
        pi = dual[:n_groups].copy()
        p_row = np.zeros(len(p.row_cap) + 1)  # the last entry prices arcs without a row
        rows = np.flatnonzero(self._arc_row_at >= 0)
        p_row[rows] = np.maximum(0.0, -dual[self._arc_row_at[rows]])
        p_arc = p_row[p.net.cap_row]
        p_node = np.zeros(p.net.n_nodes)
        nodes = np.flatnonzero(self._node_row_at >= 0)
        p_node[nodes] = np.maximum(0.0, -dual[self._node_row_at[nodes]])
        q = np.maximum(0.0, -dual[n_groups:n_groups + len(p.caps)])
        return Duals(pi, p_arc, p_node, q)

    def objective_value(self) -> float:
        """Objective of the last solve."""
        return self._solved().objective

    def dual_objective(self, duals: Duals) -> float:
        """The dual objective of ``duals``: Σ π_g T_g − Σ p_c cap_c − Σ p_n cap_n (share-cap
        rows have right-hand side 0; the capacities as the master states them, see
        :func:`stated_capacities`). At an LP optimum it equals :meth:`objective_value`."""
        p = self.problem
        total = float(duals.pi @ p.group_tonnes)
        first_arc = p.net.row_first_arc
        for r in np.flatnonzero(self._arc_row_at >= 0).tolist():
            total -= float(duals.p_arc[first_arc[r]]) * float(self._row_cap[r])
        for n in np.flatnonzero(self._node_row_at >= 0).tolist():
            total -= float(duals.p_node[n]) * float(self._node_cap[n])
        return total


def _backend(solver_name: str) -> Callable[..., tuple[_LPSolution, float]]:
    """How to solve the master with this LP backend (``SolverError`` unless OR-Tools has
    it): through the model builder or as a ``pywraplp`` proto."""
    name = solver_name.upper()
    if name in _MODEL_BUILDER_LP:
        from ortools.linear_solver.python import model_builder_helper

        solve, ok = _solve_model_builder, model_builder_helper.ModelSolverHelper(
            _MODEL_BUILDER_LP[name]).solver_is_supported()
    else:
        from ortools.linear_solver import pywraplp

        solve, ok = _solve_pywraplp, pywraplp.Solver.CreateSolver(solver_name) is not None
    if not ok:
        raise SolverError(f"OR-Tools backend {solver_name} is not available")
    return _with_right_duals(solve, solver_name)


def _with_right_duals(solve: Callable[..., tuple[_LPSolution, float]], solver_name: str
                      ) -> Callable[..., tuple[_LPSolution, float]]:
    """``solve``, unless its duals fail :func:`_wrong_duals`'s check (``SolverError``)."""
    wrong = _wrong_duals(solve, solver_name)
    if wrong:
        raise SolverError(f"OR-Tools backend {solver_name} cannot price routes: on a "
                          f"two-row test LP it returns row prices {wrong} where the duals "
                          f"are [2.0, -1.0] (column generation needs the duals); use GLOP "
                          f"or CLP")
    return solve


@functools.cache
def _wrong_duals(solve: Callable[..., tuple[_LPSolution, float]], solver_name: str) -> str:
    """The backend's row prices on a small LP with known duals if they are wrong, else "".

    Checked once per backend and process, because a backend can solve the primal right and
    still return wrong duals: OR-Tools' HiGHS interface (9.15, ``highs_proto_solver.cc``)
    returns each row's activity as its dual, so pricing with it finds no route to add.
    min x + 2y s.t. x + y ≥ 1, x ≤ 0.4: optimum (0.4, 0.6), duals 2 and −1.
    """
    from scipy.sparse import csr_matrix

    matrix = csr_matrix(np.array([[1.0, 1.0], [1.0, 0.0]]))
    solution, _ = solve(solver_name, np.array([1.0, 2.0]), np.array([1.0, -np.inf]),
                        np.array([np.inf, 0.4]), matrix, 0)
    duals = np.asarray(solution.duals, dtype=float)
    if duals.shape == (2,) and np.allclose(duals, [2.0, -1.0], rtol=0.0, atol=1e-6):
        return ""
    return f"{[round(d, 6) for d in duals.tolist()]}"


def _solve_model_builder(solver_name: str, costs: np.ndarray, row_lower: np.ndarray,
                         row_upper: np.ndarray, matrix: csr_matrix, n_routes: int
                         ) -> tuple[_LPSolution, float]:
    """The master through OR-Tools' model builder (GLOP, HiGHS, PDLP): the model in one
    call from sparse arrays; returns the solution and the seconds inside the solver."""
    from ortools.linear_solver.python import model_builder_helper as mbh

    model = mbh.ModelBuilderHelper()
    n_vars = len(costs)
    model.fill_model_from_sparse_data(np.zeros(n_vars), np.full(n_vars, np.inf), costs,
                                      row_lower, row_upper, matrix)
    backend = _MODEL_BUILDER_LP[solver_name.upper()]
    solver = mbh.ModelSolverHelper(backend)
    if backend == "highs":
        solver.set_solver_specific_parameters(_HIGHS_QUIET)
    start = time.perf_counter()
    solver.solve(model)
    seconds = time.perf_counter() - start
    if solver.status() != mbh.SolveStatus.OPTIMAL:
        raise LPFailure(f"{solver_name} returned status {solver.status().name} on the "
                        f"master LP ({n_routes} routes)")
    return _LPSolution(np.asarray(solver.variable_values(), dtype=float),
                       np.asarray(solver.dual_values(), dtype=float),
                       float(solver.objective_value())), seconds


def _solve_pywraplp(solver_name: str, costs: np.ndarray, row_lower: np.ndarray,
                    row_upper: np.ndarray, matrix: csr_matrix, n_routes: int
                    ) -> tuple[_LPSolution, float]:
    """The master through a ``pywraplp`` backend (CLP...), loaded as one model proto."""
    from ortools.linear_solver import linear_solver_pb2, pywraplp

    model = linear_solver_pb2.MPModelProto()
    add_var = model.variable.add
    for cost in costs.tolist():
        add_var(lower_bound=0.0, upper_bound=np.inf, objective_coefficient=cost)
    indptr, indices, data = matrix.indptr.tolist(), matrix.indices.tolist(), \
        matrix.data.tolist()
    for r, (lower, upper) in enumerate(zip(row_lower.tolist(), row_upper.tolist())):
        row = model.constraint.add(lower_bound=lower, upper_bound=upper)
        row.var_index.extend(indices[indptr[r]:indptr[r + 1]])
        row.coefficient.extend(data[indptr[r]:indptr[r + 1]])
    solver = _create(solver_name)
    error = solver.LoadModelFromProto(model)
    if error:
        raise SolverError(f"{solver_name} did not take the master LP: {error}")
    start = time.perf_counter()
    status = solver.Solve()
    seconds = time.perf_counter() - start
    if status != pywraplp.Solver.OPTIMAL:
        raise LPFailure(f"{solver_name} returned status {status} on the master LP "
                        f"({n_routes} routes)")
    response = linear_solver_pb2.MPSolutionResponse()
    solver.FillSolutionResponseProto(response)
    return _LPSolution(np.array(response.variable_value, dtype=float),
                       np.array(response.dual_value, dtype=float),
                       float(solver.Objective().Value())), seconds


#: Solver options that leave Ctrl-C (SIGINT) to Python. SCIP and CP-SAT catch it while
#: they solve, stop, and return the best plan found so far as a plan (FEASIBLE): a run
#: stopped with Ctrl-C would then end normally, writing an early plan over the last one.
_LEAVE_SIGINT = {"SCIP": "misc/catchctrlc = FALSE\n", "CP-SAT": "catch_sigint_signal: false",
                 "SAT": "catch_sigint_signal: false"}


def solve_interruptibly(solver: pywraplp.Solver, params: pywraplp.MPSolverParameters,
                        solver_name: str) -> int:
    """``solver.Solve(params)``, which Ctrl-C stops with a ``KeyboardInterrupt`` (never an
    early plan reported as if the solve had ended).

    The solver is told to leave SIGINT alone (:data:`_LEAVE_SIGINT`) and solves in a
    worker thread while the main thread waits: Python runs signal handlers in the main
    thread only, between two of its own steps, so a main thread inside a C++ solve would
    raise the ``KeyboardInterrupt`` only once the solve is over, a minute later. The
    waiting main thread gets it at once, asks the solver to stop (``InterruptSolve``),
    waits for it to stop, and raises. A backend that cannot be interrupted is left to end
    at its time limit in the background (the process is on its way out). SIGTERM stops
    it the same way where the command line turns it into a ``KeyboardInterrupt``.

    Outside the main thread (no signal reaches it) the solve runs where it is called.
    """
    leave = _LEAVE_SIGINT.get(solver_name.upper())
    if leave is not None:
        solver.SetSolverSpecificParametersAsString(leave)
    if threading.current_thread() is not threading.main_thread():
        return int(solver.Solve(params))
    outcome: dict[str, object] = {}

    def run() -> None:
        try:
            outcome["status"] = solver.Solve(params)
        except BaseException as exc:  # handed to the main thread
            outcome["error"] = exc

    worker = threading.Thread(target=run, name="corridor-mip", daemon=True)
    worker.start()
    try:
        while worker.is_alive():
            worker.join(0.25)  # a wait that a signal interrupts
    except KeyboardInterrupt:
        if solver.InterruptSolve():
            worker.join()
        raise
    if "error" in outcome:
        raise outcome["error"]  # type: ignore[misc]
    return int(outcome["status"])  # type: ignore[call-overload]


@dataclass(frozen=True)
class IntegerResult:
    """Outcome of the unsplittable master."""

    choice: np.ndarray  # per shipment: column index, or -1 = unserved
    objective: float
    best_bound: float
    optimal: bool
    seconds: float


def solve_unsplittable(problem: PlanProblem, columns: Routes,
                       unserved_price: np.ndarray, *, time_limit_s: float,
                       solver_name: str = "SCIP") -> IntegerResult:
    """Each shipment on one of its group's routes, or unserved as a whole (SCIP unless
    ``solver_name`` names another ``pywraplp`` MIP backend)."""
    solver = _create(solver_name)
    solver.SetTimeLimit(int(max(1.0, time_limit_s) * 1000))
    inf = solver.infinity()
    objective = solver.Objective()
    objective.SetMinimization()
    by_group: dict[int, list[int]] = {}
    for j, g in enumerate(columns.group.tolist()):
        by_group.setdefault(g, []).append(j)
    arc_rows: dict[int, pywraplp.Constraint] = {}
    node_rows: dict[int, pywraplp.Constraint] = {}
    cap_rows = [solver.Constraint(-inf, 0.0) for _ in problem.caps]
    row_cap, node_cap = stated_capacities(problem)
    # Each route's capacitated arcs and nodes, found once (not once per shipment).
    row_entries, node_entries = columns.capacity_terms(problem).per_route()
    costs = columns.cost.tolist()
    cap_coefs = [cap_coefficients(columns.dep[:, k], cap.fraction).tolist()
                 for k, cap in enumerate(problem.caps)]
    ys: list[list[tuple[int, pywraplp.Variable]]] = []
    for s, t in enumerate(problem.tonnes.tolist()):
        g = int(problem.ship_group[s])
        one = solver.Constraint(1.0, 1.0)
        z = solver.BoolVar(f"z{s}")
        one.SetCoefficient(z, 1.0)
        objective.SetCoefficient(z, float(unserved_price[g]) * t)
        mine = []
        for j in by_group.get(g, []):
            y = solver.BoolVar(f"y{s}_{j}")
            one.SetCoefficient(y, 1.0)
            objective.SetCoefficient(y, costs[j] * t)
            for r, count in row_entries[j]:
                if r not in arc_rows:
                    arc_rows[r] = solver.Constraint(-inf, float(row_cap[r]))
                arc_rows[r].SetCoefficient(y, t * count)
            for n in node_entries[j]:
                if n not in node_rows:
                    node_rows[n] = solver.Constraint(-inf, float(node_cap[n]))
                node_rows[n].SetCoefficient(y, t)
            for k, coefs in enumerate(cap_coefs):
                cap_rows[k].SetCoefficient(y, coefs[j] * t)
            mine.append((j, y))
        ys.append(mine)
    from ortools.linear_solver import pywraplp

    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(params.RELATIVE_MIP_GAP, MIP_RELATIVE_GAP)
    start = time.perf_counter()
    status = solve_interruptibly(solver, params, solver_name)
    seconds = time.perf_counter() - start
    if status not in (pywraplp.Solver.OPTIMAL, pywraplp.Solver.FEASIBLE):
        raise SolverError(f"{solver_name} found no unsplittable plan in {time_limit_s:g} s "
                          f"(status {status})")
    choice = np.full(len(problem.book), -1, dtype=np.int64)
    for s, mine in enumerate(ys):
        for j, y in mine:
            if y.solution_value() > 0.5:
                choice[s] = j
    return IntegerResult(choice, float(objective.Value()), float(objective.BestBound()),
                         status == pywraplp.Solver.OPTIMAL, seconds)

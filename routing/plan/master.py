"""The restricted master problems over routes (columns), solved with OR-Tools.

Splittable (LP, GLOP through ``pywraplp``), for demand groups ``g``, routes ``r`` of their
group, capacitated arcs ``a``, capacitated nodes ``n`` and share caps ``k``::

    min  Σ_r c_r x_r + Σ_g M_g u_g
    s.t. Σ_{r ∈ g} x_r + u_g = T_g                        (demand; dual π_g)
         Σ_r n_c(r) x_r ≤ cap_c                            (capacity row; dual −p_c)
         Σ_{r ∋ n} x_r ≤ cap_n                             (node throughput; dual −p_n)
         Σ_r (dep_k(r) − F_k) x_r ≤ 0                      (share cap; dual −q_k)
         x, u ≥ 0

A capacity row ``c`` is an arc's own capacity or a capacity group's shared one; ``n_c(r)``
counts the route's arcs in it, and every arc of the row is priced ``p_c``. Capacity rows are
created lazily, when a route first touches a capacitated arc or node; a row no route touches
cannot bind. GLOP re-solves incrementally as columns are added.

Unsplittable (MIP, SCIP through ``pywraplp``): one binary ``y_{s,r}`` per shipment and route
of its group, one binary ``z_s`` for leaving it unserved, the same rows with ``T_s y_{s,r}``.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from network_data.errors import SolverError
from routing.plan.columns import CapacityTerms, Routes
from routing.plan.problem import PlanProblem

if TYPE_CHECKING:  # OR-Tools is imported when a master is first built (~50 ms): a plan
    # whose cheapest routes already fit never builds one
    from ortools.linear_solver import linear_solver_pb2, pywraplp

#: Share-cap coefficients smaller than this are zero: a cap of 0.9999999999999999 gives
#: coefficients of 1e-16, which GLOP reads as a numerically broken model (status 3).
CAP_COEF_EPS = 1e-9


#: "Optimal" for the unsplittable MIP means proven within this relative gap, whichever
#: backend runs it (their defaults differ: SCIP and CBC 1e-4, CP-SAT exact). 1e-7 ran SCIP
#: into the time limit on 1,000-shipment books; with 1e-5 its plan on a 300-shipment book is
#: 5.5e-6 dearer than CP-SAT's exact one, inside the tolerance.
MIP_RELATIVE_GAP = 1e-5


def _create(solver_name: str) -> pywraplp.Solver:
    """A ``pywraplp`` solver by backend name (GLOP, CLP, HIGHS_LP, PDLP, SCIP, CP-SAT...)."""
    from ortools.linear_solver import pywraplp

    solver = pywraplp.Solver.CreateSolver(solver_name)
    if solver is None:
        raise SolverError(f"OR-Tools backend {solver_name} is not available")
    return solver


def cap_coefficient(depends: bool, fraction: float) -> float:
    """Coefficient of a route in a share-cap row: ``dep − F``, snapped to 0 when negligible."""
    coef = float(depends) - fraction
    return 0.0 if abs(coef) < CAP_COEF_EPS else coef


@dataclass(frozen=True)
class Duals:
    """Prices of the master's rows (p, q ≥ 0 are the costs of one more tonne through)."""

    pi: np.ndarray  # per group
    p_arc: np.ndarray  # per arc: the dual of its capacity row (0 where none)
    p_node: np.ndarray  # per node
    q: np.ndarray  # per share cap


class LPMaster:
    """The splittable restricted master, grown column by column.

    The first routes arrive with the model: demand, share-cap and capacity rows, unserved and
    route variables go to OR-Tools as one model proto (``LoadModelFromProto``), and later
    routes are added to the loaded model, which GLOP then re-solves incrementally.
    """

    def __init__(self, problem: PlanProblem, unserved_price: np.ndarray, *,
                 solver_name: str = "GLOP"):
        self.solver_name = solver_name
        self.problem = problem
        self.solver = _create(solver_name)
        self.inf = self.solver.infinity()
        self.unserved_price = np.asarray(unserved_price, dtype=float)
        self._parts: list[Routes] = [Routes.empty(problem)]
        self._terms: list[CapacityTerms] = [self._parts[0].capacity_terms(problem)]
        self.n_routes = 0
        self.demand: list[pywraplp.Constraint] = []
        self.cap_rows: list[pywraplp.Constraint] = []
        self.arc_rows: dict[int, pywraplp.Constraint] = {}
        self.node_rows: dict[int, pywraplp.Constraint] = {}
        # Row and variable positions in the model (creation order), to read a whole solution
        # at once: demand rows and unserved variables 0..G-1, share caps next, then the
        # capacity rows as they are made; route variables after the unserved ones.
        self._n_rows = len(problem.groups) + len(problem.caps)
        self._arc_row_at: dict[int, int] = {}
        self._node_row_at: dict[int, int] = {}
        self._loaded = False
        self._response: linear_solver_pb2.MPSolutionResponse | None = None
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
        if terms is None:
            terms = routes.capacity_terms(self.problem)
        if self._loaded:
            self._add_to_model(routes, terms)
        else:
            self._load(routes, terms)
        self.n_routes += len(routes)
        self._parts.append(routes)
        self._terms.append(terms)

    def _new_rows(self, terms: CapacityTerms) -> tuple[list[int], list[int]]:
        """Capacity rows (arc rows, then node rows) these terms are the first to touch, in
        order of first touch, numbered in the model."""
        arc_rows = [r for r in dict.fromkeys(terms.row.tolist()) if r not in self._arc_row_at]
        node_rows = [n for n in dict.fromkeys(terms.node.tolist())
                     if n not in self._node_row_at]
        for r in arc_rows:
            self._arc_row_at[r] = self._n_rows
            self._n_rows += 1
        for n in node_rows:
            self._node_row_at[n] = self._n_rows
            self._n_rows += 1
        return arc_rows, node_rows

    def _cap_coefficients(self, routes: Routes, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The routes with a nonzero coefficient in share-cap row ``k``, and the coefficients
        (see :func:`cap_coefficient`)."""
        fraction = self.problem.caps[k].fraction
        coef = np.array([cap_coefficient(d, fraction) for d in routes.dep[:, k].tolist()],
                        dtype=float)
        nonzero = np.flatnonzero(coef)
        return nonzero, coef[nonzero]

    def _load(self, routes: Routes, terms: CapacityTerms) -> None:
        """The model with its first routes, built as a proto and loaded in one call."""
        from ortools.linear_solver import linear_solver_pb2

        p = self.problem
        n_groups = len(p.groups)
        arc_rows, node_rows = self._new_rows(terms)
        model = linear_solver_pb2.MPModelProto()
        add_var = model.variable.add
        for cost in self.unserved_price.tolist() + routes.cost.tolist():
            add_var(lower_bound=0.0, upper_bound=self.inf, objective_coefficient=cost)
        x = np.arange(n_groups, n_groups + len(routes), dtype=np.int64)  # route variables
        # demand rows: the group's unserved variable, then its routes in order
        by_group = np.argsort(routes.group, kind="stable")
        starts = np.searchsorted(routes.group[by_group], np.arange(n_groups + 1))
        members = x[by_group].tolist()
        for g, tonnes in enumerate(p.group_tonnes.tolist()):
            row = model.constraint.add(lower_bound=tonnes, upper_bound=tonnes)
            mine = members[starts[g]:starts[g + 1]]
            row.var_index.extend([g, *mine])
            row.coefficient.extend([1.0] * (1 + len(mine)))
        for k in range(len(p.caps)):
            row = model.constraint.add(lower_bound=-self.inf, upper_bound=0.0)
            at, coef = self._cap_coefficients(routes, k)
            row.var_index.extend(x[at].tolist())
            row.coefficient.extend(coef.tolist())
        # capacity rows, in the order numbered above; each lists its routes in route order
        order = np.argsort(terms.row, kind="stable")
        row_sorted = terms.row[order]
        for r in arc_rows:
            lo, hi = np.searchsorted(row_sorted, [r, r + 1])
            row = model.constraint.add(lower_bound=-self.inf, upper_bound=float(p.row_cap[r]))
            row.var_index.extend(x[terms.route[order[lo:hi]]].tolist())
            row.coefficient.extend(terms.count[order[lo:hi]].astype(float).tolist())
        order = np.argsort(terms.node, kind="stable")
        node_sorted = terms.node[order]
        for n in node_rows:
            lo, hi = np.searchsorted(node_sorted, [n, n + 1])
            row = model.constraint.add(lower_bound=-self.inf,
                                       upper_bound=float(p.node_cap[n]))
            row.var_index.extend(x[terms.node_route[order[lo:hi]]].tolist())
            row.coefficient.extend([1.0] * int(hi - lo))
        error = self.solver.LoadModelFromProto(model)
        if error:
            raise SolverError(f"{self.solver_name} did not take the master LP: {error}")
        self.objective = self.solver.Objective()
        self.objective.SetMinimization()
        rows = self.solver.constraints()
        self.demand = rows[:n_groups]
        self.cap_rows = rows[n_groups:n_groups + len(p.caps)]
        self.arc_rows = {r: rows[self._arc_row_at[r]] for r in arc_rows}
        self.node_rows = {n: rows[self._node_row_at[n]] for n in node_rows}
        self._loaded = True

    def _add_to_model(self, routes: Routes, terms: CapacityTerms) -> None:
        """Routes as new columns of the loaded model."""
        p = self.problem
        solver = self.solver
        arc_rows, node_rows = self._new_rows(terms)
        for r in arc_rows:
            self.arc_rows[r] = solver.Constraint(-self.inf, float(p.row_cap[r]))
        for n in node_rows:
            self.node_rows[n] = solver.Constraint(-self.inf, float(p.node_cap[n]))
        # One SWIG call per variable and coefficient is the cost here: call OR-Tools' C entry
        # points directly (the Python methods only forward to them) and name no variables.
        from ortools.linear_solver import _pywraplp

        new_var, set_coef, set_cost = _pywraplp.Solver_NumVar, \
            _pywraplp.Constraint_SetCoefficient, _pywraplp.Objective_SetCoefficient
        objective, inf = self.objective, self.inf
        xs = [new_var(solver, 0.0, inf, "") for _ in range(len(routes))]
        for var, cost, group in zip(xs, routes.cost.tolist(), routes.group.tolist()):
            set_cost(objective, var, cost)
            set_coef(self.demand[group], var, 1.0)
        for j, r, count in zip(terms.route.tolist(), terms.row.tolist(),
                               terms.count.astype(float).tolist()):
            set_coef(self.arc_rows[r], xs[j], count)
        for j, n in zip(terms.node_route.tolist(), terms.node.tolist()):
            set_coef(self.node_rows[n], xs[j], 1.0)
        for k in range(len(p.caps)):
            at, coef = self._cap_coefficients(routes, k)
            for j, c in zip(at.tolist(), coef.tolist()):
                set_coef(self.cap_rows[k], xs[j], c)

    def solve(self) -> None:
        """Solve the current master (``SolverError`` unless optimal)."""
        if not self._loaded:
            self.add(Routes.empty(self.problem))
        self._response = None
        start = time.perf_counter()
        status = self.solver.Solve()
        self.seconds += time.perf_counter() - start
        self.solves += 1
        if status != self.solver.OPTIMAL:
            raise SolverError(f"{self.solver_name} returned status {status} on the master LP "
                              f"({self.n_routes} routes)")

    def _solution(self) -> linear_solver_pb2.MPSolutionResponse:
        """Values and row duals of the last solve, read in one call."""
        if self._response is None:
            from ortools.linear_solver import linear_solver_pb2

            self._response = linear_solver_pb2.MPSolutionResponse()
            self.solver.FillSolutionResponseProto(self._response)
        return self._response

    def values(self) -> tuple[np.ndarray, np.ndarray]:
        """Tonnes on each column and unserved tonnes of each group (tiny negatives → 0)."""
        value = np.array(self._solution().variable_value, dtype=float)
        n_groups = len(self.problem.groups)
        x, u = value[n_groups:n_groups + self.n_routes], value[:n_groups]
        return np.maximum(x, 0.0), np.maximum(u, 0.0)

    def duals(self) -> Duals:
        """Row prices of the last solve."""
        p = self.problem
        dual = np.array(self._solution().dual_value, dtype=float)
        n_groups = len(self.problem.groups)
        pi = dual[:n_groups].copy()
        p_row = np.zeros(len(p.row_cap) + 1)  # the last entry prices arcs without a row
        if self._arc_row_at:
            rows = np.fromiter(self._arc_row_at, dtype=np.int64, count=len(self._arc_row_at))
            at = np.fromiter(self._arc_row_at.values(), dtype=np.int64, count=len(rows))
            p_row[rows] = np.maximum(0.0, -dual[at])
        p_arc = p_row[p.net.cap_row]
        p_node = np.zeros(p.net.n_nodes)
        if self._node_row_at:
            nodes = np.fromiter(self._node_row_at, dtype=np.int64, count=len(self._node_row_at))
            at = np.fromiter(self._node_row_at.values(), dtype=np.int64, count=len(nodes))
            p_node[nodes] = np.maximum(0.0, -dual[at])
        q = np.maximum(0.0, -dual[n_groups:n_groups + len(self.cap_rows)])
        return Duals(pi, p_arc, p_node, q)

    def objective_value(self) -> float:
        """Objective of the last solve."""
        return float(self.objective.Value())

    def dual_objective(self, duals: Duals) -> float:
        """The dual objective of ``duals``: Σ π_g T_g − Σ p_c cap_c − Σ p_n cap_n (share-cap
        rows have right-hand side 0). At an LP optimum it equals :meth:`objective_value`."""
        p = self.problem
        total = float(duals.pi @ p.group_tonnes)
        first_arc = p.net.row_first_arc
        for r in self.arc_rows:
            total -= float(duals.p_arc[first_arc[r]]) * float(p.row_cap[r])
        for n in self.node_rows:
            total -= float(duals.p_node[n]) * float(p.node_cap[n])
        return total


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
    # Each route's capacitated arcs and nodes, found once (not once per shipment).
    row_entries, node_entries = columns.capacity_terms(problem).per_route()
    costs = columns.cost.tolist()
    deps = columns.dep.tolist()
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
                    arc_rows[r] = solver.Constraint(-inf, float(problem.row_cap[r]))
                arc_rows[r].SetCoefficient(y, t * count)
            for n in node_entries[j]:
                if n not in node_rows:
                    node_rows[n] = solver.Constraint(-inf, float(problem.node_cap[n]))
                node_rows[n].SetCoefficient(y, t)
            for k, cap in enumerate(problem.caps):
                cap_rows[k].SetCoefficient(y, cap_coefficient(deps[j][k], cap.fraction) * t)
            mine.append((j, y))
        ys.append(mine)
    from ortools.linear_solver import pywraplp

    params = pywraplp.MPSolverParameters()
    params.SetDoubleParam(params.RELATIVE_MIP_GAP, MIP_RELATIVE_GAP)
    start = time.perf_counter()
    status = solver.Solve(params)
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

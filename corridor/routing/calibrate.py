"""Calibrating the rates to published figures: a bounded, regularised least squares.

Unknowns are the rates' components (``usd_per_t``, ``usd_per_tkm``, ``days`` and the pace
``1 / km_per_day``) per rate and cargo class. Along a fixed route, a figure is linear in them:

    tariff = Σ over its legs of usd_per_t + usd_per_tkm × km   (+ the leg's own tariff)
    days   = Σ over its legs of days + km × pace                (+ the leg's own days)

so, with the routes fixed, the fit is a linear least-squares problem in relative error:

    minimise   Σ_obs ((model − target) / target)²  +  λ Σ_rates ((θ − prior) / half_range)²
    subject to low ≤ θ ≤ high  (each rate's bounds from its sources)

where ``target`` is the middle of the published range. The second sum keeps every rate at
its sourced prior unless the published figures pull it away, and weighs the pull by how wide
the sources say the rate may be. Routes depend on the rates, so the fit alternates: take the
routes at the current rates, fit, repeat until the routes stop changing (at most
:data:`MAX_ROUNDS` rounds). Only observations marked ``fit`` are used; ``holdout`` ones are
checked against the result.

Express figures (``service`` = ``express``) are compared with the express days: the border
dwell × ``express:border``'s days factor, rail and road paces × 1 / ``express:<mode>``'s speed
factor (:mod:`corridor.routing.services`). Days stay linear in the rates with the factors
fixed and in the factors with the rates fixed, so a round alternates the two solves
(:data:`EXPRESS_PASSES` times), the factors fitted to the express figures only and held near
their priors as the rates are.

Within a round the solve is reweighted a few times (:data:`REWEIGHTS`): a figure still
further off than :data:`TOLERATED` weighs more in the next solve, which trades a little of
the total squares for fewer figures far off. Routes can cycle between rounds; the round whose
fitted figures are best (largest error, then median) is kept.

Deterministic: the same tables give the same rates to the last bit (scipy's bounded-variable
least squares, ``lsq_linear(method="bvls")``, on a dense matrix).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from corridor.network_data.model import Network
from corridor.routing.compile import FALLBACK_CLASS, compile_network, own_figures
from corridor.routing.figures import FigureCheck, check_figures, replace_rates
from corridor.routing.services import EXPRESS_RATES

#: Weight of the priors against the observations (see the module docstring): moving a rate
#: from its prior to the edge of its range costs as much as a 22 % error on one figure.
PRIOR_WEIGHT = 0.05
#: Rounds of (routes at the current rates, fit) at most.
MAX_ROUNDS = 8
#: Solves per round, each weighing a figure by (its error / TOLERATED)² where that exceeds 1.
REWEIGHTS = 4
TOLERATED = 0.25
#: Alternations per round between the rates and the express factors.
EXPRESS_PASSES = 4
#: The mode whose days each express rate changes.
EXPRESS_RATES_BY_ID = {rate: mode for mode, (rate, _) in EXPRESS_RATES.items()}

Key = tuple[str, str, str]  # (rate_id, cargo_class, component)


@dataclass(frozen=True)
class Calibration:
    """The result of a fit: values per rate component, which figures each was fitted to,
    and the checks before and after."""

    values: dict[Key, float]  # every rate component: fitted, or at its prior
    fitted_to: dict[Key, tuple[str, ...]]
    before: tuple[FigureCheck, ...]
    after: tuple[FigureCheck, ...]
    rounds: int
    network: Network  # the network with the fitted rates


def _rows_of(network: Network) -> dict[Key, dict[str, float]]:
    rates = network.rates
    out = {}
    for r, c, k, v, p, lo, hi in zip(rates["rate_id"], rates["cargo_class"],
                                     rates["component"], rates["value"], rates["prior"],
                                     rates["low"], rates["high"]):
        prior = v if p != p else p  # no prior given: the value is its own prior
        out[(str(r), str(c), str(k))] = {
            "value": float(v), "prior": float(prior),
            "low": float(lo) if lo == lo else float(v), "high": float(hi) if hi == hi else float(v)}
    return out


def _used_key(rows: dict[Key, dict[str, float]], rate: str, cls: str, comp: str) -> Key | None:
    """The rate row a leg of class ``cls`` reads for ``comp`` (its own class's, else the
    fallback class's), as the compiler reads it."""
    for c in (cls, FALLBACK_CLASS):
        if (rate, c, comp) in rows:
            return (rate, c, comp)
    return None


#: Components fitted as their inverse: a speed as a pace (days per km), an express speed
#: factor as a pace factor, so that days are linear in them.
INVERTED = ("km_per_day", "speed_factor")


def _to_fit(key: Key, row: dict[str, float], field: str) -> float:
    """A value in fit space (speeds become paces, so days are linear)."""
    value = row[field]
    return 1.0 / value if key[2] in INVERTED else value


def _design(network: Network, checks: Sequence[FigureCheck],
            rows: dict[Key, dict[str, float]], express: dict[str, float]
            ) -> tuple[list[Key], np.ndarray, np.ndarray]:
    """Per check: coefficients on the rate components (columns: the returned keys) and the
    constant part (the legs' own tariffs and days). An express figure's border dwell and
    line-haul paces count with the express factors ``express`` (per mode: the border's
    days factor, rail's and road's pace factor, 1 / speed factor)."""
    net = compile_network(network)
    legs = network.legs
    rate_of_leg = [str(r or "") for r in legs["rate_id"].tolist()]
    mode_of_leg = [str(m) for m in legs["mode"].tolist()]
    km, own_tariff, own_days = own_figures(legs)
    columns: dict[Key, int] = {}
    coef: list[dict[int, float]] = []
    const: list[float] = []
    for check in checks:
        comps = (("days", 1.0), ("km_per_day", None)) if check.kind == "days" else \
            (("usd_per_t", 1.0), ("usd_per_tkm", None))
        row: dict[int, float] = {}
        b = 0.0
        for a in check.arcs:
            leg = int(net.arc_leg[a])
            scale = express.get(mode_of_leg[leg], 1.0) if check.service == "express" and \
                check.kind == "days" else 1.0
            b += own_days[leg] * (scale if mode_of_leg[leg] == "border" else 1.0) \
                if check.kind == "days" else own_tariff[leg]
            rate = rate_of_leg[leg]
            if not rate:
                continue
            for comp, unit in comps:
                key = _used_key(rows, rate, check.cargo_class, comp)
                if key is None:
                    continue
                on = scale if (comp == "days") == (mode_of_leg[leg] == "border") else 1.0
                j = columns.setdefault(key, len(columns))
                row[j] = row.get(j, 0.0) + (unit if unit is not None else km[leg]) * on
        coef.append(row)
        const.append(b)
    keys = list(columns)
    matrix = np.zeros((len(checks), len(keys)))
    for i, row in enumerate(coef):
        for j, v in row.items():
            matrix[i, j] = v
    return keys, matrix, np.array(const)


def _express_design(network: Network, checks: Sequence[FigureCheck],
                    rows: dict[Key, dict[str, float]]
                    ) -> tuple[list[Key], np.ndarray, np.ndarray]:
    """For the express day figures, at ``network``'s rates: coefficients on the express
    factors (the border dwell on the border's days factor, the rail and road line-haul days
    on their pace factors) and the constant rest."""
    net = compile_network(network)
    legs = network.legs
    rate_of_leg = [str(r or "") for r in legs["rate_id"].tolist()]
    mode_of_leg = [str(m) for m in legs["mode"].tolist()]
    km, _, own_days = own_figures(legs)
    value = {k: float(v) for k, v in zip(
        zip(network.rates["rate_id"], network.rates["cargo_class"], network.rates["component"]),
        network.rates["value"].tolist())}
    keys = [(rate, FALLBACK_CLASS, comp) for rate, comp in EXPRESS_RATES.values()
            if (rate, FALLBACK_CLASS, comp) in rows]
    column = {k[0]: j for j, k in enumerate(keys)}
    matrix = np.zeros((len(checks), len(keys)))
    const = np.zeros(len(checks))
    for i, check in enumerate(checks):
        for a in check.arcs:
            leg = int(net.arc_leg[a])
            mode, rate = mode_of_leg[leg], rate_of_leg[leg]
            dwell_key = _used_key(rows, rate, check.cargo_class, "days") if rate else None
            speed_key = _used_key(rows, rate, check.cargo_class, "km_per_day") if rate else None
            dwell = own_days[leg] + (value[dwell_key] if dwell_key else 0.0)
            haul = km[leg] / value[speed_key] if speed_key else 0.0
            j = column.get(EXPRESS_RATES[mode][0]) if mode in EXPRESS_RATES else None
            if j is not None and mode == "border":
                matrix[i, j] += dwell
                const[i] += haul
            elif j is not None:
                matrix[i, j] += haul
                const[i] += dwell
            else:
                const[i] += dwell + haul
    return keys, matrix, const


def _fit(keys: list[Key], matrix: np.ndarray, const: np.ndarray, targets: np.ndarray,
         rows: dict[Key, dict[str, float]], weights: np.ndarray) -> dict[Key, float]:
    """One bounded, regularised, weighted least-squares solve (fit space); fixed components
    (low = high) stay put."""
    from scipy.optimize import lsq_linear

    free = [j for j, k in enumerate(keys) if rows[k]["low"] < rows[k]["high"]]
    fixed = [j for j in range(len(keys)) if j not in free]
    values = np.array([_to_fit(k, rows[k], "value") for k in keys])
    b = targets - const - (matrix[:, fixed] @ values[fixed] if fixed else 0.0)
    scale = np.sqrt(weights) / targets
    a = matrix[:, free] * scale[:, None]
    b = b * scale
    lo = np.array([_to_fit(keys[j], rows[keys[j]], "low") for j in free])
    hi = np.array([_to_fit(keys[j], rows[keys[j]], "high") for j in free])
    lo, hi = np.minimum(lo, hi), np.maximum(lo, hi)  # a pace's bounds swap with the speed's
    prior = np.array([_to_fit(keys[j], rows[keys[j]], "prior") for j in free])
    half = (hi - lo) / 2.0
    reg = np.sqrt(PRIOR_WEIGHT) / half
    a_all = np.vstack([a, np.diag(reg)])
    b_all = np.concatenate([b, reg * prior])
    solution = lsq_linear(a_all, b_all, bounds=(lo, hi), method="bvls")
    out = {keys[j]: float(values[j]) for j in fixed}
    for j, v in zip(free, solution.x.tolist()):
        out[keys[j]] = v
    return out


def calibrate(network: Network, *, max_rounds: int = MAX_ROUNDS) -> Calibration:
    """Fit ``network``'s rates to its ``fit`` observations (see the module docstring)."""
    rows = _rows_of(network)
    before = tuple(check_figures(network))
    # start from the priors, so a second calibration gives the same rates as the first
    current = replace_rates(network, {k: r["prior"] for k, r in rows.items()})
    previous_routes: tuple[tuple[int, ...], ...] | None = None
    rounds = 0
    best: tuple[tuple[float, float], dict[Key, float], dict[Key, tuple[str, ...]],
                Network] | None = None
    for rounds in range(1, max_rounds + 1):
        checks = [c for c in check_figures(current) if c.use == "fit" and c.model is not None]
        routes = tuple(c.arcs for c in checks)
        if routes == previous_routes:
            rounds -= 1
            break
        previous_routes = routes
        values, users = _fit_round(current, checks, rows)
        fitted_to = {k: tuple(v) for k, v in users.items()
                     if rows[k]["low"] < rows[k]["high"]}
        current = replace_rates(network, {**{k: r["prior"] for k, r in rows.items()},
                                          **values})
        # routes can move with the rates and cycle: keep the round whose fitted figures are
        # best (largest error, then median), so the result does not depend on where it stops
        score = _score(check_figures(current))
        if best is None or score < best[0]:
            best = (score, values, fitted_to, current)
    assert best is not None
    _, values, fitted_to, current = best
    values = {**{k: r["prior"] for k, r in rows.items()}, **values}
    return Calibration(values=values, fitted_to=fitted_to,
                       before=before, after=tuple(check_figures(current)), rounds=rounds,
                       network=current)


def _fit_round(network: Network, checks: Sequence[FigureCheck],
               rows: dict[Key, dict[str, float]]
               ) -> tuple[dict[Key, float], dict[Key, list[str]]]:
    """One round's fit with the routes fixed: the rates, then the express factors with the
    rates fixed, alternately (:data:`EXPRESS_PASSES` times). Returns the values (rounded,
    inside their bounds) and the figures each was fitted to."""
    factor_keys = [(rate, FALLBACK_CLASS, comp) for rate, comp in EXPRESS_RATES.values()
                   if (rate, FALLBACK_CLASS, comp) in rows]
    # a network without express rates compares its express figures at the regular days
    express_checks = [c for c in checks if c.service == "express" and c.kind == "days"] \
        if factor_keys else []
    factors = {k: _to_fit(k, rows[k], "prior") for k in factor_keys}
    current = network
    values: dict[Key, float] = {}
    users: dict[Key, list[str]] = {}
    targets = np.array([c.target for c in checks])
    for _ in range(EXPRESS_PASSES if express_checks else 1):
        by_mode = {EXPRESS_RATES_BY_ID[k[0]]: v for k, v in factors.items()}
        keys, matrix, const = _design(current, checks, rows, by_mode)
        # iteratively reweighted: a figure still far off after a solve weighs more in the
        # next (towards the "none far off" target rather than the least total squares)
        weights = np.ones(len(checks))
        for _ in range(REWEIGHTS):
            fitted = _fit(keys, matrix, const, targets, rows, weights)
            x = np.array([fitted[k] for k in keys])
            off = np.abs((matrix @ x + const) / targets - 1.0)
            weights = np.maximum(1.0, off / TOLERATED) ** 2
        users = {}
        for i, c in enumerate(checks):
            for j in np.flatnonzero(matrix[i]).tolist():
                users.setdefault(keys[j], []).append(c.obs_id)
        values = {k: _clip(_round(1.0 / v if k[2] in INVERTED else v), rows[k])
                  for k, v in fitted.items()}
        if not express_checks:
            break
        current = replace_rates(network, {**{k: r["prior"] for k, r in rows.items()},
                                          **values, **_from_fit(factors)})
        f_keys, f_matrix, f_const = _express_design(current, express_checks, rows)
        f_targets = np.array([c.target for c in express_checks])
        factors = _fit(f_keys, f_matrix, f_const, f_targets, rows,
                       np.ones(len(express_checks)))
        for i, c in enumerate(express_checks):
            for j in np.flatnonzero(f_matrix[i]).tolist():
                users.setdefault(f_keys[j], []).append(c.obs_id)
    return {**values, **{k: _clip(v, rows[k]) for k, v in _from_fit(factors).items()}}, users


def _from_fit(values: dict[Key, float]) -> dict[Key, float]:
    """Values out of fit space (paces back to speeds), rounded."""
    return {k: _round(1.0 / v if k[2] in INVERTED else v) for k, v in values.items()}


def _score(checks: Sequence[FigureCheck]) -> tuple[float, float]:
    """(largest, median) absolute error of the fitted figures."""
    errors = [abs(c.error) for c in checks if c.use == "fit" and c.error is not None]
    return (max(errors), float(np.median(errors))) if errors else (0.0, 0.0)


def _clip(value: float, row: dict[str, float]) -> float:
    return min(max(value, row["low"]), row["high"])


def _round(value: float) -> float:
    """Four significant figures: no more precision than the sources carry."""
    if value == 0 or not np.isfinite(value):
        return value
    return float(f"{value:.4g}")

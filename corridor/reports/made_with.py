"""What a result was made with, as the ``made_with`` record of its JSON.

A plan's and a route's JSON carry everything needed to tell how they were made, and (for a
plan) to make them again (:mod:`corridor.reports.rerun`): the corridor version, the network
(its label, the files it was loaded from and a sha256 of their bytes), the what-if
scenarios applied to it (name, library or file, sha256 of the text), the shipment book
(its path and the sha256 of its bytes), the cost parameters and hard rules, and the plan's
options. An input made in memory (a book from records, a network built or changed in
Python) has ``null`` for its path and fingerprint.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from corridor.network_data.model import Network
    from corridor.network_data.shipments import ShipmentBook
    from corridor.routing.compile import CompiledNetwork
    from corridor.routing.costs import CostParams
    from corridor.routing.plan import Plan
    from corridor.routing.query import RouteAnswer


def network_record(net: Network | CompiledNetwork) -> dict[str, Any]:
    """``{"label", "files", "sha256"}``: where the network came from, the
    :func:`~corridor.network_data.load.load_network` arguments naming its files (``{}`` for
    the embedded one) and the fingerprint of their bytes; files and fingerprint are null
    for a network not loaded from files as it is."""
    files = net.files
    return {"label": net.label,
            "files": None if files is None else dict(files.given),
            "sha256": None if files is None else files.sha256}


def book_record(book: ShipmentBook) -> dict[str, Any]:
    """``{"path", "sha256"}``: the file the book was read from (``-``: standard input) and
    the sha256 of its bytes (``sha256sum`` prints the same); null for a book made in
    memory."""
    return {"path": book.path, "sha256": book.sha256}


def params_record(params: CostParams) -> dict[str, Any]:
    """The cost parameters and hard rules: ``cost`` (risk weight, carrying rate, loss share,
    penalties by selector name), ``avoid`` (the avoided selectors' names: ``CN``, ``suez``,
    ``trans_caspian``, ``node:kz-aktau-rail``...) and ``open_statuses``; sets as sorted
    lists. Names resolve back to the same selectors
    (:meth:`~corridor.network_data.vocabulary.Vocabulary.find`)."""
    return {
        "cost": {"risk_weight": params.risk_weight, "carrying_rate": params.carrying_rate,
                 "loss_share": params.loss_share,
                 "penalties_usd_per_t": params.penalty_names},
        "avoid": params.avoid_names,
        "open_statuses": sorted(params.open_statuses),
    }


def scenarios_record(net: CompiledNetwork) -> list[dict[str, Any]]:
    """The what-if scenarios applied to the network, in order: name, where it came from
    (``library`` or its file), the sha256 of its text and how long it lasts."""
    return [{"name": s.name, "origin": s.origin, "sha256": s.sha256,
             "duration_days": s.duration_days} for s in net.scenarios]


def _version() -> str:
    from corridor import __version__

    return __version__


def plan_made_with(plan: Plan) -> dict[str, Any]:
    """What ``plan`` was made with: corridor version, network, book, cost parameters and
    rules, share caps, horizon, service level, unsplittable flag and time limit, solver
    backends."""
    problem = plan.solution.problem
    options = plan.options
    return {
        "corridor": _version(),
        "network": network_record(problem.net),
        "scenarios": scenarios_record(problem.net),
        "book": book_record(problem.book),
        **params_record(problem.params),
        "max_share": {cap.key: cap.fraction for cap in problem.caps},
        "horizon_days": problem.horizon_days,
        "service": problem.net.service,
        "unsplittable": options.unsplittable,
        "time_limit_s": options.time_limit_s,
        "solvers": {"lp": options.lp_solver, "mip": options.mip_solver},
    }


def route_made_with(answer: RouteAnswer) -> dict[str, Any]:
    """What a route answer was made with: corridor version, network, cost parameters and
    rules, service level and how many alternatives were asked for (the query itself is its
    ``query``)."""
    return {
        "corridor": _version(),
        "network": network_record(answer.compiled),
        "scenarios": scenarios_record(answer.compiled),
        **params_record(answer.params),
        "service": answer.compiled.service,
        "alternatives": answer.alternatives,
    }

"""Applying what-if scenarios to a network: a pure function from one network to a new one.

:func:`apply_scenarios` takes the immutable baseline network and scenarios (in order) and
returns a new :class:`~corridor.network_data.model.Network` with the changes made to its
tables, the baseline untouched. What each selector names is decided once, by the baseline's
compiled form (:meth:`~corridor.routing.compile.CompiledNetwork.selector_mask`, as for
``--avoid``), and the changes become per-leg figures (:class:`LegFigures`). Those figures
are written twice:

* into the tables (statuses, capacities, probabilities, premiums; a leg's tariff and days
  scaled on its own columns and on a copy of its rate, so the rate's other legs keep it);
* into the baseline's compiled arrays, edited in place of a fresh compile: the new network
  comes compiled, sharing the baseline's topology (selector masks, adjacency, labels). A
  test checks both against compiling the new tables afresh.

A scenario lasting ``duration_days`` is applied here in full; how the days it lasts are
weighed against the rest of the horizon is :mod:`corridor.routing.whatif`'s business.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from corridor.network_data.errors import InputError, Problem
from corridor.network_data.model import Network
from corridor.network_data.scenario import Change, Scenario
from corridor.network_data.vocabulary import Selector
from corridor.routing.compile import CompiledNetwork, capacity_rows, compile_network, read_only

#: The status of a leg a scenario closed (no cost parameter opens it).
CLOSED = "closed"
#: Cached parts of a compiled network that depend on its topology only (nodes, arcs,
#: keys, corridors, groups, modes): a scenario's compiled form shares them.
TOPOLOGY_CACHES = ("node_index", "key_index", "arc_keys", "labels", "arc_key_float",
                   "arc_key_sets", "corridor_codes", "_mode_codes", "_group_codes",
                   "out_arcs", "out_steps", "_masks")
#: The derived data of a scenario network naming its baseline and scenarios.
SCENARIO_OF = "scenario_of"


@dataclass
class LegFigures:
    """The figures a scenario changes, per leg (in the network's leg order) and per node.

    ``tariff_factor`` and ``days_factor`` multiply a leg's whole tariff and days (its own
    and its rate's); ``days_added`` is added after them. ``capacity`` and ``throughput``
    are NaN where not limiting."""

    status: np.ndarray  # object: leg status
    capacity: np.ndarray
    tariff_factor: np.ndarray
    days_factor: np.ndarray
    days_added: np.ndarray
    disruption_prob: np.ndarray
    expected_delay_days: np.ndarray
    risk_premium_share: np.ndarray
    throughput: np.ndarray  # per node

    @staticmethod
    def of(net: Network) -> LegFigures:
        """The figures as the network has them."""
        legs, nodes = net.legs, net.nodes

        def numbers(frame: pd.DataFrame, name: str) -> np.ndarray:
            return frame[name].to_numpy(dtype=float, na_value=np.nan).copy()

        n = len(legs)
        return LegFigures(
            status=legs["status"].to_numpy(dtype=object).copy(),
            capacity=numbers(legs, "capacity_tpy"),
            tariff_factor=np.ones(n), days_factor=np.ones(n), days_added=np.zeros(n),
            disruption_prob=numbers(legs, "disruption_prob"),
            expected_delay_days=np.nan_to_num(numbers(legs, "expected_delay_days")),
            risk_premium_share=np.nan_to_num(numbers(legs, "risk_premium_share")),
            throughput=numbers(nodes, "throughput_tpy"))


def apply_scenarios(net: Network, scenarios: Sequence[Scenario]) -> Network:
    """A new network: ``net`` with every scenario's changes made, in order (``net`` is left
    as it was). The result comes compiled, from ``net``'s compiled arrays.

    Raises
    ------
    InputError
        A change that cannot apply to this network, each named by its scenario's file and
        line: ``open`` naming no leg that is not operational, ``scale`` of capacity naming
        nothing with a capacity.
    """
    if not scenarios:
        return net
    root, before = scenario_origin(net) or (net, ())
    base = compile_network(net)
    figures = LegFigures.of(net)
    problems: list[Problem] = []
    for scenario in scenarios:
        for change in scenario.changes:
            problem = _apply_change(base, figures, change)
            if problem:
                problems.append(Problem(scenario.origin, change.line or None, change.action,
                                        f"{scenario.name}: {problem}"))
    if problems:
        raise InputError(problems)
    changed = _tables(net, figures)
    applied = (*before, *scenarios)
    changed.seed_derived("compiled", _compiled(base, figures, changed, applied))
    changed.seed_derived(SCENARIO_OF, (root, applied))
    return changed


def scenario_origin(net: Network) -> tuple[Network, tuple[Scenario, ...]] | None:
    """For a network :func:`apply_scenarios` made: the network the scenarios were applied
    to (the first one, if they were applied in steps) and the scenarios, in order; None
    for any other network."""
    return net.derived(SCENARIO_OF, lambda _net: None)


def _leg_mask(net: CompiledNetwork, selectors: Sequence[Selector]) -> np.ndarray:
    """Per leg, is it named by any of ``selectors``?"""
    n_legs = len(net.leg_ids)
    named = np.zeros(n_legs, dtype=bool)
    named[net.arc_leg[net.any_mask(selectors)]] = True
    return named


def _stop_legs(net: CompiledNetwork, selectors: Sequence[Selector]) -> np.ndarray:
    """Per leg, is it named? A place names the legs where a route stops there once: its
    border legs and its port call (the transfer to its sea side); a place with neither,
    its other transfer legs."""
    named = _leg_mask(net, [s for s in selectors if s.kind != "node"])
    kind = np.asarray(net.node_kind, dtype=object)
    border, transfer = net.mode_in(("border",)), net.mode_in(("transfer",))
    for place in (s for s in selectors if s.kind == "node"):
        node = net.node_index[place.name]
        at = (net.tail == node) | (net.head == node)
        other = np.where(net.tail == node, net.head, net.tail)
        stops = at & (border | (transfer & (kind[other] == "waypoint")))
        if not stops.any():
            stops = at & transfer
        named[net.arc_leg[stops]] = True
    return named


def _with_groups(net: CompiledNetwork, named: np.ndarray) -> np.ndarray:
    """``named`` with every leg of a capacity group any named leg belongs to."""
    leg_group = np.asarray(net.group[:len(net.leg_ids)], dtype=object)
    groups = set(leg_group[named].tolist()) - {""}
    return named | np.isin(leg_group, list(groups)) if groups else named


def _apply_change(net: CompiledNetwork, fig: LegFigures, change: Change) -> str | None:
    """Make ``change`` in ``fig``; what is wrong with it, if anything."""
    selectors = list(change.selectors)
    action = change.action
    if action == "add_days":
        named = _stop_legs(net, selectors)
        if not named.any():
            return "names no leg (a place: no border or transfer leg at it)"
        fig.days_added[named] += change.figure("days", 0.0) or 0.0
        return None
    named = _leg_mask(net, selectors)
    nodes = np.array([net.node_index[s.name] for s in selectors if s.kind == "node"],
                     dtype=np.int64)
    if action == "close":
        fig.status[named] = CLOSED
    elif action == "open":
        shut = named & (fig.status != "operational")
        if not shut.any():
            return "names no leg that is planned, under construction or closed"
        fig.status[shut] = "operational"
    elif action == "set_capacity":  # a place: its throughput, not its legs'
        value = float(change.figure("capacity_tpy") or 0.0)
        legs = _leg_mask(net, [s for s in selectors if s.kind != "node"])
        fig.capacity[_with_groups(net, legs)] = value
        fig.throughput[nodes] = value
    elif action == "scale":
        capacity = change.figure("capacity")
        if capacity is not None:
            grouped = _with_groups(net, named)
            has = grouped & np.isfinite(fig.capacity)
            held = nodes[np.isfinite(fig.throughput[nodes])]
            if not has.any() and not len(held):
                return "scales capacity, but nothing it names has a capacity"
            fig.capacity[has] *= capacity
            fig.throughput[held] *= capacity
        fig.tariff_factor[named] *= change.figure("tariff", 1.0) or 1.0
        days = change.figure("days", 1.0) or 1.0
        fig.days_factor[named] *= days
        fig.days_added[named] *= days
        disruption = change.figure("disruption", 1.0) or 1.0
        fig.disruption_prob[named] = np.minimum(1.0, fig.disruption_prob[named] * disruption)
        fig.expected_delay_days[named] *= disruption
        premium = change.figure("risk_premium", 1.0) or 1.0
        fig.risk_premium_share[named] = np.minimum(1.0, fig.risk_premium_share[named] * premium)
    return None


def _tables(net: Network, fig: LegFigures) -> Network:
    """``net`` with the figures written into its tables."""
    legs = net.legs.copy()
    nodes = net.nodes.copy()
    legs["status"] = fig.status
    legs["capacity_tpy"] = fig.capacity
    legs["disruption_prob"] = fig.disruption_prob
    legs["expected_delay_days"] = fig.expected_delay_days
    legs["risk_premium_share"] = fig.risk_premium_share
    nodes["throughput_tpy"] = fig.throughput
    tf, df, add = fig.tariff_factor, fig.days_factor, fig.days_added
    for column in ("tariff_fixed_usd_per_t", "tariff_usd_per_tkm"):
        legs[column] = legs[column].to_numpy(dtype=float, na_value=np.nan) * tf
    own_days = legs["transit_days"].to_numpy(dtype=float, na_value=np.nan)
    legs["transit_days"] = np.where(np.isnan(own_days) & (add == 0), np.nan,
                                    np.nan_to_num(own_days) * df + add)
    rates = net.rates
    scaled = (tf != 1.0) | (df != 1.0)
    rate_of_leg = legs["rate_id"].fillna("").astype(str).to_numpy(dtype=object)
    if scaled.any() and len(rates):
        copies: dict[str, pd.DataFrame] = {}
        new_ids = rate_of_leg.copy()
        for i in np.flatnonzero(scaled & (rate_of_leg != "")).tolist():
            rid = f"{rate_of_leg[i]} ×{tf[i]:g} tariff ×{df[i]:g} days"
            new_ids[i] = rid
            if rid not in copies:
                copies[rid] = _scaled_rate(rates, str(rate_of_leg[i]), rid, tf[i], df[i])
        legs["rate_id"] = new_ids
        rates = pd.concat([rates, *copies.values()], ignore_index=True)
    return net.replace(legs=legs, nodes=nodes, rates=rates)


def _scaled_rate(rates: pd.DataFrame, rate_id: str, new_id: str, tariff: float,
                 days: float) -> pd.DataFrame:
    """The rows of ``rate_id`` as ``new_id``, its money × ``tariff`` and its time ×
    ``days`` (speeds ÷ ``days``)."""
    rows = rates[rates["rate_id"] == rate_id].copy()
    factor = rows["component"].map({"usd_per_t": tariff, "usd_per_tkm": tariff,
                                     "days": days, "km_per_day": 1.0 / days})
    by = factor.to_numpy(dtype=float)
    for column in ("value", "prior", "low", "high"):  # the bounds move with the value
        if column in rows:
            rows[column] = rows[column].astype(float) * by
    rows["rate_id"] = new_id
    rows["basis"] = "computed"
    return rows


def _compiled(base: CompiledNetwork, fig: LegFigures, network: Network,
              applied: tuple[Scenario, ...]) -> CompiledNetwork:
    """``base`` with the figures edited into its arrays (the topology shared); its label
    and files stay the baseline's, with the scenarios ``applied`` to it."""
    leg = base.arc_leg
    capacity = read_only(np.nan_to_num(fig.capacity, nan=np.inf)[leg])
    leg_group = list(base.group[:len(base.leg_ids)])
    cap_row, row_capacity, row_group = capacity_rows(capacity, leg_group, leg)
    status = tuple(fig.status[leg].tolist())
    edited = dataclasses.replace(
        base,
        network_loader=lambda: network,
        class_tariff=read_only(base.class_tariff * fig.tariff_factor[leg]),
        class_days=read_only(base.class_days * fig.days_factor[leg] + fig.days_added[leg]),
        class_days_regular=read_only(base.class_days_regular * fig.days_factor[leg] +
                                     fig.days_added[leg]),
        class_days_express=read_only(base.class_days_express * fig.days_factor[leg] +
                                     fig.days_added[leg]),
        capacity_tpy=capacity, cap_row=cap_row, row_capacity_tpy=row_capacity,
        row_group=row_group,
        disruption_prob=read_only(fig.disruption_prob[leg]),
        risk_premium_share=read_only(fig.risk_premium_share[leg]),
        expected_delay_days=read_only(fig.expected_delay_days[leg]),
        operational=read_only(np.array([s == "operational" for s in status], dtype=bool)),
        status=status,
        node_throughput_tpy=read_only(np.nan_to_num(fig.throughput, nan=np.inf)),
        scenarios=applied)
    for name in TOPOLOGY_CACHES:  # computed on the baseline already: shared, not redone
        if name in base.__dict__:
            edited.__dict__[name] = base.__dict__[name]
    return edited

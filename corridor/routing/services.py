"""Service levels: the days of an express service, derived from the regular network's.

A published transit time is either a scheduled service's usual figure or an express one (a
priority block train that runs through sorting yards, a record run, a test convoy with its
border clearance arranged beforehand). The network's rates describe the regular service; an
express service is the same route with three factors applied, each a rate row of its own
(``rates.csv``, fitted to the published express figures like any other rate):

* ``express:border``, ``days_factor``: border dwell × the factor (priority clearance);
* ``express:rail`` and ``express:road``, ``speed_factor``: line-haul speed × the factor
  (no yard holds; a truck with two drivers).

Everything else (terminal and port dwell, sailings, tariffs) stays as it is: no published
premium for an express service was found, so its tariff is the regular one and a plan or
route under it differs only in days (and so in the time cost).
"""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING

from corridor.network_data.schema import SERVICES

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork

#: Per leg mode: the express rate row (rate_id, component) that changes its days.
EXPRESS_RATES = {"border": ("express:border", "days_factor"),
                 "rail": ("express:rail", "speed_factor"),
                 "road": ("express:road", "speed_factor")}


def with_service(net: CompiledNetwork, service: str) -> CompiledNetwork:
    """``net`` with the days of ``service`` ('regular' or 'express'); the same object for
    the service it already has. The topology's caches are shared."""
    if service not in SERVICES:
        raise ValueError(f"unknown service {service!r}: one of {', '.join(SERVICES)}")
    if service == net.service:
        return net
    kept = net.__dict__.get(f"_as_{service}")  # made once: a plan asks per cost class
    if kept is not None:
        return kept  # type: ignore[no-any-return]
    from corridor.routing.scenarios import TOPOLOGY_CACHES

    days = net.class_days_express if service == "express" else net.class_days_regular
    edited = dataclasses.replace(net, class_days=days, service=service)
    for name in TOPOLOGY_CACHES:
        if name in net.__dict__:
            edited.__dict__[name] = net.__dict__[name]
    net.__dict__[f"_as_{service}"] = edited
    edited.__dict__[f"_as_{net.service}"] = net
    return edited


def express_summary(net: CompiledNetwork) -> str:
    """The express factors in words, e.g. 'border dwell ×0.56, rail speed ×1.30, road
    speed ×1.50'."""
    f = net.express_factors
    return ", ".join(f"{mode} {'dwell' if mode == 'border' else 'speed'} ×{f[mode]:.2f}"
                     for mode in EXPRESS_RATES if mode in f)

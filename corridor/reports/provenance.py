"""Where a report's figures come from, in plain words (the report's provenance section).

For the legs a plan used (or the whole network): how many distances and capacities are
published, estimated or computed; how the rates were set (published, fitted to published
end-to-end figures, or estimated) and how well the fit reproduces those figures, both the
ones it was fitted to and the ones held back; and the list of sources cited.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

import pandas as pd

if TYPE_CHECKING:
    from corridor.network_data.model import Network

#: Provenance words that are not source ids.
KINDS = ("estimated", "computed", "searoute")


@dataclass(frozen=True)
class Provenance:
    """What the report says about its figures' origins."""

    legs: int  # legs counted
    legs_sourced: int  # with at least one published source
    legs_estimated: int  # with a figure estimated (basis in the notes)
    legs_with_capacity: int  # with a capacity of their own or in a group
    rates: dict[str, int]  # rate rows used, by basis: sourced, fitted, estimated
    observations: int  # published end-to-end figures in the network
    fit_summary: list[tuple[str, str, int, float, float]]  # use, kind, n, median, max
    sources: pd.DataFrame  # source_id, title, publisher, year, url of what is cited


def _ids(value: object) -> list[str]:
    """A provenance cell's tokens (the loader gives a tuple; a raw table, ``;``-joined
    text)."""
    if isinstance(value, str):
        value = value.split(";")
    if not isinstance(value, (tuple, list)):
        return []
    return [str(t).strip() for t in value if str(t).strip()]


def provenance(net: Network, leg_ids: Iterable[str] | None = None) -> Provenance:
    """The provenance of ``leg_ids`` (every leg when None) and of the rates they use."""
    legs = net.legs
    if leg_ids is not None:
        wanted = set(leg_ids)
        legs = legs[legs["leg_id"].isin(wanted)]
    tokens = [_ids(p) for p in legs["provenance"].tolist()]
    cited = {t for ts in tokens for t in ts if t not in KINDS}
    rates = net.rates
    used = rates[rates["rate_id"].isin(set(legs["rate_id"].dropna()))] \
        if "rate_id" in legs else rates.iloc[:0]
    for p in used["provenance"].tolist():
        cited.update(t for t in _ids(p) if t not in KINDS)
    sources = net.sources
    sources = sources[sources["source_id"].astype(str).isin(cited)].sort_values(
        "source_id", key=lambda s: s.astype(str).str.lower())
    has_capacity = legs["capacity_tpy"].notna()
    if "capacity_group" in legs:
        has_capacity |= legs["capacity_group"].fillna("").astype(str) != ""
    return Provenance(
        legs=len(legs),
        legs_sourced=sum(any(t not in KINDS for t in ts) for ts in tokens),
        legs_estimated=sum("estimated" in ts for ts in tokens),
        legs_with_capacity=int(has_capacity.sum()),
        rates={str(k): int(v) for k, v in used["basis"].value_counts().sort_index().items()},
        observations=len(net.observations),
        fit_summary=_fit_summary(net),
        sources=sources.reset_index(drop=True))


def _fit_summary(net: Network) -> list[tuple[str, str, int, float, float]]:
    """Per use (fit, holdout) and kind (days, cost): how many published figures and the
    model's median and largest relative error against them."""
    if not len(net.observations):
        return []
    from corridor.routing.figures import check_figures, summarise

    checks = check_figures(net)
    out = []
    for use in ("fit", "holdout"):
        for s in summarise(checks, use=use):
            out.append((use, s.kind, s.count, s.median_abs_error, s.max_abs_error))
    return out


def in_words(p: Provenance, *, what: str) -> list[str]:
    """The provenance as paragraphs of plain text, for a reader who will never run the
    tool. ``what`` says whose legs are counted (``this plan uses``, ``the network has``)."""
    rate_words = ", ".join(f"{n} {basis}" for basis, n in p.rates.items()) or "none"
    out = [
        f"Network: {what} {p.legs} legs. {p.legs_sourced} of them cite at least one "
        f"published source for their distance, route or limits; {p.legs_estimated} carry a "
        "figure estimated by the team, with its basis written beside it (for instance a "
        "distance measured along the line). Only "
        f"{p.legs_with_capacity} have a known capacity (their own or a shared one, such as "
        "a ferry fleet or a port); the others are not limited in the plan, which is an "
        "assumption, not a finding.",
        f"Rates: the freight rates, transit speeds, handling charges and dwell times these "
        f"legs use come from {sum(p.rates.values())} table rows ({rate_words}). 'Sourced' "
        "rows take a published figure; 'fitted' rows were set by a bounded least-squares fit "
        "to published end-to-end through-rates and transit times, each kept inside the "
        "range its sources allow; 'estimated' rows are the team's judgement, with the "
        "basis stated.",
        "Costs are per tonne: freight, handling, the time cargo spends in transit "
        "(priced at a carrying rate on its value), expected disruption (insurance and "
        "closure delays) and any dependency penalty the run set. They are planning "
        "figures, not quotes.",
    ]
    if p.fit_summary:
        parts = []
        for use, kind, n, median, worst in p.fit_summary:
            label = "fitted to" if use == "fit" else "held back from the fit"
            parts.append(f"{n} {kind} figures {label}: median error {median:.0%}, "
                         f"largest {worst:.0%}")
        out.append(f"Check against published figures ({p.observations} in all): "
                   + "; ".join(parts) + ". Figures held back test the fit on routes it "
                   "did not see; where their errors are larger, treat transit times and "
                   "costs on those routes with more caution.")
    return out

"""What a sweep's rows say: the criticality ranking and the Monte-Carlo distribution."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from typing import Any

import numpy as np

#: Quantiles of a Monte-Carlo distribution, as reported.
QUANTILES = {"p50": 50, "p95": 95, "p99": 99}


def ranking(rows: Sequence[dict[str, Any]], kinds: Sequence[str] = ("single", "pair")
            ) -> list[dict[str, Any]]:
    """Closures of ``kinds``, most damaging first: by added cost with stranded tonnes
    priced, then stranded tonnes, then fewer things closed, then name. A pair that one of
    its closures settles (``effect`` "as ...": the same plan as that closure alone) adds
    nothing to the ranking and is left out of it (it stays in the results)."""
    picked = [r for r in rows if r["kind"] in kinds and not str(r["effect"]).startswith("as ")]
    return sorted(picked, key=lambda r: (-r["added_cost_with_stranded_usd"],
                                         -r["stranded_t"], len(r["closed"]), r["name"]))


def monte_carlo(rows: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The draws' distribution: mean and quantiles of the added cost (with and without
    stranded tonnes) and of the stranded tonnes, and for each leg how often it was closed,
    in use in the baseline, in a bad draw (added cost with stranded tonnes at or above the
    95th percentile, and above zero). None if there are no draws."""
    draws = [r for r in rows if r["kind"] == "draw"]
    if not draws:
        return None

    def spread(field: str) -> dict[str, float]:
        values = np.array([r[field] for r in draws], dtype=float)
        out = {"mean": round(float(values.mean()), 2)}
        out.update({name: round(float(np.percentile(values, q)), 2)
                    for name, q in QUANTILES.items()})
        return out

    damage = np.array([r["added_cost_with_stranded_usd"] for r in draws], dtype=float)
    cut = float(np.percentile(damage, 95))
    bad = [r for r, d in zip(draws, damage.tolist()) if d >= cut and d > 0]
    counts = Counter(leg for r in bad for leg in r["closed_in_use"])
    legs = [{"leg": leg, "bad_draws": n, "share_of_bad_draws": round(n / len(bad), 4)}
            for leg, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]
    return {"draws": len(draws), "bad_draws": len(bad), "bad_draw_threshold_usd": round(cut, 2),
            "draws_with_effect": sum(1 for r in draws if r["effect"] != "none"),
            "added_cost_usd": spread("added_cost_usd"),
            "added_cost_with_stranded_usd": spread("added_cost_with_stranded_usd"),
            "stranded_t": spread("stranded_t"), "critical_legs": legs}

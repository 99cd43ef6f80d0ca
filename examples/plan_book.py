"""Planning a year's shipment book from Python (the notebook entry point).

Run: python examples/plan_book.py

1. read the example book (30 illustrative shipments of Central-Asian critical minerals),
2. plan it at least generalized cost on the embedded network,
3. cap dependence on China and Russia at 5 % of planned tonnage each, compare, and see what
   one more percentage point of each cap would save,
4. also keep Iran out: the Middle Corridor fills the Caspian ferry fleet (one capacity shared
   by the Caspian ferry crossings) and what one more tonne of it is worth shows,
5. write the capped plan's files and JSON as `corridor plan` does (corridor.reports).
"""

import tempfile
from pathlib import Path

from corridor import reports
from corridor.network_data import load_network
from corridor.network_data.shipments import read_shipments
from corridor.routing.costs import CostParams
from corridor.routing.plan import plan

net = load_network()
book = read_shipments(Path(__file__).with_name("shipments.csv"), net)
print(f"{len(book)} shipments, {book.total_tonnes:,.0f} t")

free = plan(net, book)
capped = plan(net, book, max_share={"CN": 0.05, "RU": 0.05})
no_iran = plan(net, book, max_share={"CN": 0.05, "RU": 0.05},
               params=CostParams(avoid=frozenset({"IR"})))
for name, result in (("unconstrained", free), ("CN, RU ≤ 5 %", capped),
                     ("... and no IR", no_iran)):
    s = result.summary
    print(f"{name:14} cost {s['total_cost_usd'] / 1e6:9,.1f} M USD  "
          f"unserved {s['unserved_tonnes']:,.0f} t  CN {s['share_by_country'].get('CN', 0):.0%}"
          f"  RU {s['share_by_country'].get('RU', 0):.0%}  ({s['method']})")

# What each cap costs: one more percentage point of allowed share saves this much (LP duals).
for key, cap in capped.summary["share_caps"].items():
    print(f"{key} ≤ {cap['max_share']:.0%}: share {cap['share']:.1%}, one more point saves "
          f"{cap['usd_per_point'] / 1e6:,.1f} M USD")

# Per shipment: routes with tonnes, days and cost split (a tidy DataFrame), each route named
# as `corridor route` names it (land corridors and transit states).
planned = capped.shipments[capped.shipments["status"] == "planned"]
table = planned.assign(via=capped.route_names(planned))
cols = ["shipment_id", "route", "tonnes", "days", "cost_usd_per_t", "via"]
print(table[cols].head(8).to_string(index=False))

# Binding capacities and the value of one more tonne on them (LP duals): the ferry fleet is
# one capacity group, reported once; other legs each have their own capacity.
for group, g in no_iran.summary["capacity_groups"].items():
    print(f"{group}: {g['load_t']:,.0f} of {g['capacity_t']:,.0f} t, "
          f"one more tonne saves {g['dual_usd_per_t']:,.2f} USD")
legs = no_iran.legs
tight = legs[(legs["dual_usd_per_t"] > 0) & (legs["capacity_group"] == "")]
print(tight[["leg_id", "from_id", "to_id", "load_t", "capacity_t", "dual_usd_per_t"]]
      .to_string(index=False))
print(f"unserved: {no_iran.summary['unserved_tonnes']:,.0f} t")

# The capped plan's files, as `corridor plan -o plan.csv --legs legs.csv --json` writes them
# (all or none); its JSON records its status and what it was made with, so
# `corridor plan --rerun plan.json` (or reports.replan) can make it again.
with tempfile.TemporaryDirectory() as tmp:  # a scratch folder; give your own
    folder = Path(tmp)
    reports.write_plan_files(capped, shipments=folder / "plan.csv",
                             legs=folder / "legs.csv", style="excel")
    (folder / "plan.json").write_text(reports.plan_json(capped), encoding="utf-8")
    sizes = ", ".join(f"{p.name} {p.stat().st_size:,} B" for p in sorted(folder.iterdir()))
made = reports.plan_made_with(capped)
print(f"{capped.status}: wrote {sizes} (book sha256 {made['book']['sha256'][:12]}…, "
      f"caps {made['max_share']})")

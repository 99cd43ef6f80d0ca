"""Route queries from Python: the cheapest way out for Ulba beryllium, and the price of
keeping China and Russia out of the path.

Run: python examples/route_query.py
"""

from corridor import reports
from corridor.network_data import load_network
from corridor.routing.costs import CostParams
from corridor.routing.query import find_routes

net = load_network()  # the embedded, sourced network

# 1. Best route and two genuinely different alternatives.
answer = find_routes(net, "Oskemen", "Yokohama", commodity="beryllium", tonnes=200,
                     alternatives=2)
for rank, route in enumerate(answer.routes, start=1):
    print(f"{rank}. {answer.route_name(route):45} {route.cost_total:>10,.0f} USD/t "
          f"{route.transit_days:5.1f} days  depends on {', '.join(route.countries)}")
for switch in answer.switches:
    print("   -", switch.sentence(answer.route_name))

# 2. What does avoiding China and Russia cost per tonne?
free = find_routes(net, "Oskemen", "Yokohama", commodity="beryllium", alternatives=0,
                   explain=False,
                   params=CostParams(avoid=frozenset({"CN", "RU"})))
premium = free.routes[0].cost_total - answer.routes[0].cost_total
print(f"Avoiding CN and RU: {answer.route_name(free.routes[0])}, "
      f"+{premium:,.0f} USD/t, {free.routes[0].transit_days:.1f} days")

# 3. The answer as `corridor route --json` prints it: status, what it was made with, routes.
doc = reports.route_dict(answer)
print(f"{doc['status']}: {len(doc['routes'])} routes on the {doc['made_with']['network']['label']}"
      f" network (sha256 {doc['made_with']['network']['sha256'][:12]}…), corridor "
      f"{doc['made_with']['corridor']}")

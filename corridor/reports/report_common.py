"""What every kind of report section uses: place names for node ids, and maps as images
embedded in the page (drawn by :mod:`corridor.reports.maps`, left out with the reason when
matplotlib or the network is missing)."""

from __future__ import annotations

import base64
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from corridor.reports.html_parts import esc

if TYPE_CHECKING:
    from corridor.routing.compile import CompiledNetwork

#: A report's stage callback (a spinner's, or None).
Progress = Callable[[str], None]


class PlaceNames:
    """Place names for node ids (the id itself where the network does not know it)."""

    def __init__(self, net: CompiledNetwork | None):
        self._names = {} if net is None else dict(zip(net.node_ids, net.node_name))

    def __call__(self, node_id: object) -> str:
        return self._names.get(str(node_id), str(node_id))


# --- shared parts ---------------------------------------------------------------------------

def map_png(net: CompiledNetwork | None, notes: list[str], make: Callable[[Any], Any]
            ) -> str:
    """A map as a data URL (``make`` draws it, given the maps module), or '' with the
    reason in ``notes``."""
    if net is None:
        return ""
    try:
        from corridor.reports import maps

        png = make(maps)
    except ImportError:
        notes.append("No map: matplotlib is not installed (pip install 'corridor[plot]').")
        return ""
    assert isinstance(png, bytes)
    return "data:image/png;base64," + base64.b64encode(png).decode("ascii")


def known_loads(net: CompiledNetwork | None, loads: dict[tuple[str, str, str], float],
           notes: list[str]) -> dict[tuple[str, str, str], float]:
    """The loads on legs the network has, in the direction it has them (a run made on
    another network may name others: they are left off the map, and the report says so)."""
    if net is None:
        return {}
    directions = {(net.leg_ids[int(net.arc_leg[a])], net.node_ids[int(net.tail[a])],
                   net.node_ids[int(net.head[a])]) for a in range(net.n_arcs)}
    kept = {k: v for k, v in loads.items() if k in directions}
    if len(kept) < len(loads):
        notes.append(f"{len(loads) - len(kept)} leg direction(s) of the run are not in this "
                     "network and are left off the map.")
    return kept


def figure(data_url: str, alt: str, caption: str) -> str:
    """An embedded image with its caption."""
    return (f'<figure class="map"><img src="{data_url}" alt="{esc(alt)}">'
            f"<figcaption>{esc(caption)}</figcaption></figure>")

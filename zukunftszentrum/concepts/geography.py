"""Where things are: the Länder centroids (from the Länder map's outlines) and the Kreise
(the list organisations ships, territorial status 31.12.2018). Pure: no Django.

The Kreise list has no coordinates, so a place is located by the coordinates the centre enters,
else by its Land's centroid; demand sits at its Land's centroid.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cache

from zukunftszentrum.core import geo
from zukunftszentrum.organisations.reference import KREISE, LAENDER


@dataclass(frozen=True)
class Kreis:
    ags: str
    name: str
    land: str  # two-letter code


@cache
def kreise() -> tuple[Kreis, ...]:
    by_ags = {land.ags: land.code for land in LAENDER}
    return tuple(Kreis(k.ags, k.name, by_ags[k.ags[:2]]) for k in KREISE)


def kreise_of(lands: tuple[str, ...] | list[str]) -> list[Kreis]:
    return sorted((k for k in kreise() if k.land in lands), key=lambda k: (k.land, k.name))


def kreis(ags: str) -> Kreis | None:
    return next((k for k in kreise() if k.ags == ags), None)


@cache
def land_centroids() -> dict[str, tuple[float, float]]:
    """Land code -> (lat, lon): the centroid of the Land's largest polygon, or the map's label
    anchor where the centroid is a poor spot (Brandenburg's falls on Berlin)."""
    out = {}
    for feature in geo.load_features():
        iso = str(feature["properties"]["iso_3166_2"])
        code = iso.removeprefix("DE-")
        if iso in geo.LABEL_ANCHORS:
            lon, lat = geo.LABEL_ANCHORS[iso]
        else:
            polygons = geo.polygons_of(feature["geometry"])
            largest = max(polygons, key=lambda poly: abs(geo.ring_area(poly[0])))
            lon, lat = geo.ring_centroid(largest[0])
        out[code] = (round(lat, 4), round(lon, 4))
    return out


def distance_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Great-circle distance between two (lat, lon) points."""
    lat1, lon1, lat2, lon2 = map(math.radians, (*a, *b))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0 * math.asin(math.sqrt(h))

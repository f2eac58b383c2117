"""Where things are: the Länder centroids (from the Länder map's outlines) and the Kreise
(from the copied list in data/kreise_2018.csv, Destatis 2018, CC BY 4.0). Pure: no Django.

The Kreise list has no coordinates, so a place is located by the coordinates the centre enters,
else by its Land's centroid; demand sits at its Land's centroid.
"""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from zukunftszentrum.core import geo

KREISE_PATH = Path(__file__).resolve().parent / "data" / "kreise_2018.csv"

# The AGS prefix of each Land (two digits) by its two-letter code.
LAND_AGS = {
    "SH": "01", "HH": "02", "NI": "03", "HB": "04", "NW": "05", "HE": "06", "RP": "07",
    "BW": "08", "BY": "09", "SL": "10", "BE": "11", "BB": "12", "MV": "13", "SN": "14",
    "ST": "15", "TH": "16",
}  # fmt: skip


@dataclass(frozen=True)
class Kreis:
    ags: str
    name: str
    land: str
    population: int


@cache
def kreise() -> tuple[Kreis, ...]:
    by_prefix = {ags: code for code, ags in LAND_AGS.items()}
    with KREISE_PATH.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh, delimiter=";"))
    return tuple(
        Kreis(r["AGS"], r["name"], by_prefix[r["AGS"][:2]], int(r["population"])) for r in rows
    )


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

"""A national instance for the benchmark, generated from a seed. Pure: no Django.

The Kreise (AGS, population, area) are real; everything else is synthetic: where a Kreis lies
(the data has no coordinates: a seeded point inside its Land's outline), how many of its
companies need each topic, the catalogue of modules, the places and the resources. Demand is
aggregated to Kreis x topic (industry and size class "all"); see docs/methods/concept-optimiser.md.
"""

from __future__ import annotations

import csv
import json
import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from .model import Demand, Instance, Option, Place, Policy, Resources

Ring = Sequence[tuple[float, float]]  # (lon, lat)
Polygon = Sequence[Ring]  # outer ring first, then holes

ESTABLISHMENTS_PER_PERSON = 0.045  # 3.7 M establishments / 83 M people (Unternehmensregister)
FORMATS = {  # format -> online, trainer days, cost range EUR, (min, max) participants
    "workshop": (False, (1.0, 2.0), (400.0, 1500.0), (6, 16)),
    "seminar": (False, (0.5, 1.0), (300.0, 900.0), (8, 24)),
    "webinar": (True, (0.5, 0.5), (100.0, 300.0), (5, 40)),
    "online_course": (True, (1.0, 1.0), (200.0, 500.0), (8, 30)),
}


@dataclass(frozen=True)
class Kreis:
    ags: str
    name: str
    population: int
    area_km2: float


def load_kreise(path: Path) -> list[Kreis]:
    """The Kreise list of the project (`;`-separated, Destatis GV-ISys 2018)."""
    with path.open(encoding="utf-8") as f:
        return [
            Kreis(row["AGS"], row["name"], int(row["population"]), float(row["area_km2"]))
            for row in csv.DictReader(f, delimiter=";")
        ]


def load_lands(path: Path) -> tuple[dict[str, list[Polygon]], dict[str, str]]:
    """From the Länder GeoJSON: two-digit AGS -> polygons of (lon, lat) rings, and -> "BY" …"""
    data = json.loads(path.read_text(encoding="utf-8"))
    polygons: dict[str, list[Polygon]] = {}
    codes: dict[str, str] = {}
    for feature in data["features"]:
        ags = feature["properties"]["ags"]
        geometry = feature["geometry"]
        coords = geometry["coordinates"]
        polys = coords if geometry["type"] == "MultiPolygon" else [coords]
        polygons[ags] = [
            [[(float(x), float(y)) for x, y in ring] for ring in poly] for poly in polys
        ]
        codes[ags] = feature["properties"]["iso_3166_2"].removeprefix("DE-")
    return polygons, codes


def inside(lon: float, lat: float, polygon: Polygon) -> bool:
    """Even-odd rule over all rings (holes included)."""
    inside = False
    for ring in polygon:
        n = len(ring)
        for i in range(n):
            (x1, y1), (x2, y2) = ring[i], ring[(i + 1) % n]
            if (y1 > lat) != (y2 > lat) and lon < x1 + (lat - y1) * (x2 - x1) / (y2 - y1):
                inside = not inside
    return inside


def place_in(polygons: Sequence[Polygon], rng: random.Random) -> tuple[float, float]:
    """A random (lat, lon) inside the Land's outline (rejection sampling in its bounding box)."""
    xs = [x for poly in polygons for x, _ in poly[0]]
    ys = [y for poly in polygons for _, y in poly[0]]
    for _ in range(10_000):
        lon, lat = rng.uniform(min(xs), max(xs)), rng.uniform(min(ys), max(ys))
        if any(inside(lon, lat, poly) for poly in polygons):
            return lat, lon
    return (min(ys) + max(ys)) / 2, (min(xs) + max(xs)) / 2


def national_instance(
    kreise: Sequence[Kreis],
    lands: Mapping[str, Sequence[Polygon]],  # two-digit AGS -> the Land's polygons
    land_codes: Mapping[str, str],  # two-digit AGS -> "BY" …
    *,
    modules: int = 500,
    topics: int = 12,
    months: int = 12,
    places: int = 30,
    competences: int = 6,
    seed: int = 2027,
    policy: Policy | None = None,
) -> Instance:
    rng = random.Random(seed)  # noqa: S311 - a reproducible benchmark, not a secret
    topic_keys = [f"t{i:02d}" for i in range(topics)]
    comp_of = {t: f"c{i % competences}" for i, t in enumerate(topic_keys)}
    # companies that would take part in a course on the topic within the year
    topic_share = {t: rng.uniform(0.002, 0.01) for t in topic_keys}
    located = []
    for k in sorted(kreise, key=lambda k: k.ags):
        lat, lon = place_in(lands[k.ags[:2]], rng)
        located.append((k, lat, lon))

    demands = []
    for k, lat, lon in located:
        companies = k.population * ESTABLISHMENTS_PER_PERSON
        prefs = [rng.gammavariate(1.0, 1.0) for _ in FORMATS]
        total = sum(prefs)
        formats = {f: round(p / total, 3) for f, p in zip(FORMATS, prefs, strict=True)}
        thin = k.population / max(k.area_km2, 1.0) < 150  # rural Kreise weigh a little more
        for t in topic_keys:
            point = companies * topic_share[t] * rng.lognormvariate(0.0, 0.3)
            demands.append(
                Demand(
                    key=f"{k.ags}|{t}",
                    land=land_codes[k.ags[:2]],
                    topic=t,
                    industry="all",
                    size_class="all",
                    companies=round(point, 2),
                    low=round(point * 0.6, 2),
                    high=round(point * 1.5, 2),
                    lat=lat,
                    lon=lon,
                    formats=formats,
                    weight=1.2 if thin else 1.0,
                )
            )

    options = []
    for i in range(modules):
        main = rng.choice(topic_keys)
        covers = {main: round(rng.uniform(0.6, 1.0), 2)}
        if rng.random() < 0.3:
            covers[rng.choice([t for t in topic_keys if t != main])] = round(
                rng.uniform(0.2, 0.5), 2
            )
        for fmt in rng.sample(list(FORMATS), 2 if rng.random() < 0.3 else 1):
            online, days, cost, (low, high) = FORMATS[fmt]
            options.append(
                Option(
                    key=f"m{i:03d}|{fmt}",
                    module_id=f"m{i:03d}",
                    format=fmt,
                    topics=covers,
                    trainer_days=rng.choice(days),
                    cost=round(rng.uniform(*cost), -1),
                    competence=comp_of[main],
                    min_participants=low,
                    max_participants=high,
                    online=online,
                )
            )

    # places: the largest Kreis of every Land, then the largest of the rest
    by_size = sorted(located, key=lambda e: (-e[0].population, e[0].ags))
    chosen: list[tuple[Kreis, float, float]] = []
    for code in sorted(lands):
        chosen.extend([e for e in by_size if e[0].ags[:2] == code][:1])
    chosen.extend([e for e in by_size if e not in chosen][: max(0, places - len(chosen))])
    place_list = tuple(
        Place(f"p{k.ags}", land_codes[k.ags[:2]], lat, lon) for k, lat, lon in chosen
    )

    month_keys = tuple(f"2027-{m + 1:02d}" for m in range(months))
    scale = len(kreise) / 400  # resources in proportion to the country's size
    trainer_days = {}
    for m in month_keys:
        holiday = m.endswith(("-08", "-12"))  # summer and Christmas: half the trainers
        for c in sorted(set(comp_of.values())):
            trainer_days[(m, c)] = round(40 * scale * (0.5 if holiday else 1.0), 1)
    resources = Resources(
        months=month_keys,
        trainer_days=trainer_days,
        budget=round(1_500_000 * scale * months / 12, -3),
        sessions_per_place_month=4,
        online_sessions_per_month=max(1, round(40 * scale)),
    )
    policy = policy or Policy(
        min_share_per_land=0.02,
        travel_half_km=40.0,
        reach_km=120.0,
        nearest_places=2,
        options_per_cell=2,
    )
    return Instance(tuple(demands), tuple(options), place_list, resources, policy)


def distance_check(instance: Instance) -> float:
    """Largest distance (km) from a demand cell to its nearest place: a sanity figure."""
    from .build import distance_km

    worst = 0.0
    for d in instance.demands:
        near = min(distance_km(d.lat, d.lon, p.lat, p.lon) for p in instance.places if not p.online)
        worst = max(worst, near)
    return math.floor(worst)

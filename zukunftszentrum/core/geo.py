"""A map of the 16 Länder as SVG paths, a tile-grid layout and a map palette. Pure: no Django.

The outlines come from `data/de-laender.geojson` (Natural Earth 10m admin-1, public domain; see
docs/data-sources.md). They are projected equirectangularly with the x axis scaled by cos(51°),
which keeps Germany's proportions within a few per cent, then simplified (Douglas-Peucker) so the
inline SVG stays small on slow lines. The result is computed once per process and cached.
"""

from __future__ import annotations

import itertools
import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

GEOJSON_PATH = Path(__file__).resolve().parent / "data" / "de-laender.geojson"

REFERENCE_LATITUDE = 51.0  # degrees; Germany's middle, where the x scale is exact
MAP_WIDTH = 480.0  # viewBox units
MAP_PADDING = 6.0  # room for borders and focus outlines at the edges
SIMPLIFY_TOLERANCE = 0.35  # viewBox units; below what the eye sees at this size
MIN_RING_AREA = 2.0  # square viewBox units; smaller islands and holes are dropped

Point = tuple[float, float]
Ring = list[Point]

# Where a Land's two-letter label goes when its largest polygon's centroid is a poor spot,
# as (longitude, latitude). Brandenburg's centroid falls on Berlin.
LABEL_ANCHORS: dict[str, Point] = {
    "DE-BB": (13.85, 52.05),
    "DE-SH": (9.7, 54.25),
    "DE-NI": (9.35, 52.75),
}

# The tile grid: every Land the same size, placed roughly where it lies. None is an empty cell.
TILE_GRID: tuple[tuple[str | None, ...], ...] = (
    (None, "SH", "MV"),
    ("HB", "HH", "BE"),
    ("NW", "NI", "ST", "BB"),
    ("RP", "HE", "TH", "SN"),
    ("SL", "BW", "BY"),
)

# Fill colours for centres. Each has at least 4.5:1 contrast to white, so white borders stay
# visible between neighbours and white labels stay legible; the hues differ enough to tell
# eight centres apart (the legend and labels carry the meaning as text as well).
PALETTE: tuple[str, ...] = (
    "#1d5fa8",  # blue
    "#b34a00",  # burnt orange
    "#0b7a57",  # green
    "#7b3f98",  # purple
    "#b0263f",  # crimson
    "#00708a",  # petrol
    "#6a6500",  # olive
    "#8a4f2a",  # brown
)


@dataclass(frozen=True)
class LandShape:
    """One Land, projected: its SVG path, bounding box and label position in viewBox units."""

    iso: str  # ISO 3166-2, e.g. "DE-BY"
    ags: str  # two digits
    name: str
    d: str
    bbox: tuple[float, float, float, float]  # min x, min y, max x, max y
    label: Point

    @property
    def code(self) -> str:
        """The two letters after "DE-"."""
        return self.iso.removeprefix("DE-")

    @property
    def area(self) -> float:
        """Area of the bounding box; enough to tell city states from the rest."""
        x0, y0, x1, y1 = self.bbox
        return (x1 - x0) * (y1 - y0)


@dataclass(frozen=True)
class GermanyMap:
    width: float
    height: float
    shapes: tuple[LandShape, ...]  # in AGS order

    @property
    def viewbox(self) -> str:
        return f"0 0 {_fmt(self.width)} {_fmt(self.height)}"

    def shape(self, iso: str) -> LandShape:
        """The shape of one Land by ISO code; KeyError when there is none."""
        for shape in self.shapes:
            if shape.iso == iso:
                return shape
        raise KeyError(iso)


@dataclass(frozen=True)
class Projection:
    """Equirectangular with x scaled by cos(reference latitude), fitted into a box."""

    lon_min: float
    lat_max: float
    scale: float  # viewBox units per degree of latitude
    padding: float

    def __call__(self, lon: float, lat: float) -> Point:
        x_factor = math.cos(math.radians(REFERENCE_LATITUDE))
        x = (lon - self.lon_min) * x_factor * self.scale + self.padding
        y = (self.lat_max - lat) * self.scale + self.padding
        return (x, y)


def load_features(path: Path = GEOJSON_PATH) -> list[dict]:
    """The GeoJSON features, one per Land."""
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)["features"]


def polygons_of(geometry: dict) -> list[list[Ring]]:
    """A Polygon or MultiPolygon as a list of polygons, each a list of rings (outer first)."""
    coords = geometry["coordinates"]
    if geometry["type"] == "Polygon":
        coords = [coords]
    elif geometry["type"] != "MultiPolygon":
        raise ValueError(f"unsupported geometry type {geometry['type']!r}")
    return [[[(float(x), float(y)) for x, y, *_ in ring] for ring in poly] for poly in coords]


def fit_projection(features: Iterable[dict], width: float, padding: float) -> Projection:
    """The projection that fits all features into `width` (height follows)."""
    lons, lats = [], []
    for feature in features:
        for poly in polygons_of(feature["geometry"]):
            for lon, lat in poly[0]:
                lons.append(lon)
                lats.append(lat)
    x_factor = math.cos(math.radians(REFERENCE_LATITUDE))
    scale = (width - 2 * padding) / ((max(lons) - min(lons)) * x_factor)
    return Projection(lon_min=min(lons), lat_max=max(lats), scale=scale, padding=padding)


def ring_area(ring: Sequence[Point]) -> float:
    """Unsigned area of a closed ring (shoelace formula)."""
    total = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        total += x0 * y1 - x1 * y0
    return abs(total) / 2


def ring_centroid(ring: Sequence[Point]) -> Point:
    """Area-weighted centroid of a closed ring (falls back to the vertex mean when flat)."""
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        cross = x0 * y1 - x1 * y0
        a += cross
        cx += (x0 + x1) * cross
        cy += (y0 + y1) * cross
    if abs(a) < 1e-9:
        return (sum(p[0] for p in ring) / len(ring), sum(p[1] for p in ring) / len(ring))
    return (cx / (3 * a), cy / (3 * a))


def simplify(points: Sequence[Point], tolerance: float) -> list[Point]:
    """Douglas-Peucker: keep the points that deviate more than `tolerance` from the chord."""
    if len(points) < 3:
        return list(points)
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        index, dist = _farthest(points, first, last)
        if dist > tolerance:
            keep[index] = True
            stack.extend([(first, index), (index, last)])
    return [p for p, k in zip(points, keep, strict=True) if k]


def _farthest(points: Sequence[Point], first: int, last: int) -> tuple[int, float]:
    (ax, ay), (bx, by) = points[first], points[last]
    dx, dy = bx - ax, by - ay
    length = math.hypot(dx, dy)
    best, best_dist = first, 0.0
    for i in range(first + 1, last):
        px, py = points[i]
        if length == 0:
            dist = math.hypot(px - ax, py - ay)
        else:
            dist = abs(dy * px - dx * py + bx * ay - by * ax) / length
        if dist > best_dist:
            best, best_dist = i, dist
    return best, best_dist


def path_d(rings: Iterable[Sequence[Point]]) -> str:
    """SVG path data: one closed subpath per ring, coordinates to one decimal."""
    parts = []
    for ring in rings:
        pts = ring[:-1] if len(ring) > 1 and ring[0] == ring[-1] else ring
        coords = " ".join(f"{_fmt(x)} {_fmt(y)}" for x, y in pts)
        parts.append(f"M{coords}Z")
    return "".join(parts)


def project_feature(feature: dict, projection: Projection) -> LandShape:
    """One GeoJSON feature as a projected, simplified LandShape."""
    props = feature["properties"]
    kept: list[Ring] = []
    largest: Ring = []
    for poly in polygons_of(feature["geometry"]):
        for ring in poly:
            projected = simplify([projection(lon, lat) for lon, lat in ring], SIMPLIFY_TOLERANCE)
            if ring is poly[0] and ring_area(projected) > ring_area(largest):
                largest = projected
            if len(projected) >= 4 and ring_area(projected) >= MIN_RING_AREA:
                kept.append(projected)
    if not kept:  # never lose a Land, however small it is drawn
        kept = [largest]
    xs = [x for ring in kept for x, _ in ring]
    ys = [y for ring in kept for _, y in ring]
    iso = props["iso_3166_2"]
    anchor = LABEL_ANCHORS.get(iso)
    label = projection(*anchor) if anchor else ring_centroid(largest)
    return LandShape(
        iso=iso,
        ags=props["ags"],
        name=props["name"],
        d=path_d(kept),
        bbox=(min(xs), min(ys), max(xs), max(ys)),
        label=(round(label[0], 1), round(label[1], 1)),
    )


@lru_cache(maxsize=4)
def germany_map(width: float = MAP_WIDTH) -> GermanyMap:
    """The 16 Länder projected into a viewBox `width` wide; computed once and cached."""
    features = load_features()
    projection = fit_projection(features, width, MAP_PADDING)
    shapes = sorted((project_feature(f, projection) for f in features), key=lambda s: s.ags)
    height = max(s.bbox[3] for s in shapes) + MAP_PADDING
    return GermanyMap(width=width, height=math.ceil(height), shapes=tuple(shapes))


def land_paths() -> dict[str, str]:
    """SVG path data per Land, keyed by ISO 3166-2 code ("DE-BY")."""
    return {shape.iso: shape.d for shape in germany_map().shapes}


def tile_positions() -> dict[str, tuple[int, int]]:
    """(row, column) of each Land's two-letter code in TILE_GRID."""
    return {
        code: (row, col)
        for row, cells in enumerate(TILE_GRID)
        for col, code in enumerate(cells)
        if code is not None
    }


def relative_luminance(hex_colour: str) -> float:
    """WCAG 2.1 relative luminance of "#rrggbb"."""
    channels = [int(hex_colour.lstrip("#")[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast_ratio(a: str, b: str) -> float:
    """WCAG 2.1 contrast ratio between two "#rrggbb" colours (1 to 21)."""
    la, lb = sorted((relative_luminance(a), relative_luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def _fmt(value: float) -> str:
    text = f"{value:.1f}"
    return text[:-2] if text.endswith(".0") else text

"""The map geometry, tile grid and palette (pure, no database)."""

from __future__ import annotations

import itertools
import math
import re

import pytest

from zukunftszentrum.core import geo

LAENDER_ISO = {
    "DE-SH", "DE-HH", "DE-NI", "DE-HB", "DE-NW", "DE-HE", "DE-RP", "DE-BW",
    "DE-BY", "DE-SL", "DE-BE", "DE-BB", "DE-MV", "DE-SN", "DE-ST", "DE-TH",
}  # fmt: skip

NUMBER = re.compile(r"-?\d+(?:\.\d+)?")


def _coordinates(d: str) -> list[tuple[float, float]]:
    values = [float(v) for v in NUMBER.findall(d)]
    return list(zip(values[::2], values[1::2], strict=True))


def _bbox_contains(outer: tuple, inner: tuple) -> bool:
    return (
        outer[0] <= inner[0]
        and outer[1] <= inner[1]
        and inner[2] <= outer[2]
        and inner[3] <= outer[3]
    )


def test_every_land_has_exactly_one_path():
    paths = geo.land_paths()
    assert set(paths) == LAENDER_ISO
    assert [s.ags for s in geo.germany_map().shapes] == [f"{n:02d}" for n in range(1, 17)]


@pytest.mark.parametrize("iso", sorted(LAENDER_ISO))
def test_path_is_closed_and_inside_the_viewbox(iso):
    m = geo.germany_map()
    d = geo.land_paths()[iso]
    assert d.startswith("M") and d.endswith("Z")
    points = _coordinates(d)
    assert len(points) >= 4
    assert all(0 <= x <= m.width and 0 <= y <= m.height for x, y in points)
    assert m.viewbox == f"0 0 {m.width:g} {m.height:g}"


@pytest.mark.parametrize("iso", sorted(LAENDER_ISO))
def test_label_lies_inside_the_lands_bounding_box(iso):
    shape = geo.germany_map().shape(iso)
    x0, y0, x1, y1 = shape.bbox
    assert x0 < shape.label[0] < x1 and y0 < shape.label[1] < y1
    assert shape.code == iso[3:]


@pytest.mark.parametrize(
    ("outer", "inner"),
    [("DE-BB", "DE-BE"), ("DE-NI", "DE-HB"), ("DE-RP", "DE-SL")],
)
def test_enclosed_land_lies_inside_its_neighbours_bounding_box(outer, inner):
    m = geo.germany_map()
    assert _bbox_contains(m.shape(outer).bbox, m.shape(inner).bbox)


@pytest.mark.parametrize(
    ("outer", "inner"), [("DE-BE", "DE-BB"), ("DE-HB", "DE-NI"), ("DE-SL", "DE-BY")]
)
def test_larger_land_is_not_inside_a_smaller_ones_box(outer, inner):
    m = geo.germany_map()
    assert not _bbox_contains(m.shape(outer).bbox, m.shape(inner).bbox)


@pytest.mark.parametrize(
    ("north", "south"),
    [("DE-SH", "DE-NI"), ("DE-MV", "DE-BB"), ("DE-HE", "DE-BW"), ("DE-TH", "DE-BY")],
)
def test_north_is_up(north, south):
    m = geo.germany_map()
    assert m.shape(north).label[1] < m.shape(south).label[1]


@pytest.mark.parametrize(
    ("west", "east"),
    [("DE-NW", "DE-HE"), ("DE-SL", "DE-RP"), ("DE-BW", "DE-BY"), ("DE-ST", "DE-BB")],
)
def test_west_is_left(west, east):
    m = geo.germany_map()
    assert m.shape(west).label[0] < m.shape(east).label[0]


def test_germany_keeps_its_proportions():
    m = geo.germany_map()
    # About 640 km wide and 870 km tall (with the islands): a ratio near 1.35.
    assert 1.25 < m.height / m.width < 1.45


def test_map_is_computed_once():
    assert geo.germany_map() is geo.germany_map()


def test_small_city_states_are_smaller_than_every_territorial_state():
    m = geo.germany_map()
    city_states = {"DE-HB", "DE-HH", "DE-BE"}
    largest_city = max(m.shape(i).area for i in city_states)
    smallest_other = min(m.shape(i).area for i in LAENDER_ISO - city_states - {"DE-SL"})
    assert largest_city < smallest_other


@pytest.mark.parametrize(
    ("lon", "lat", "expected"),
    [
        (5.0, 55.0, (0.0, 0.0)),
        (6.0, 55.0, (math.cos(math.radians(51)) * 10, 0.0)),
        (5.0, 54.0, (0.0, 10.0)),
    ],
)
def test_projection_scales_longitude_by_cos_51(lon, lat, expected):
    projection = geo.Projection(lon_min=5.0, lat_max=55.0, scale=10.0, padding=0.0)
    x, y = projection(lon, lat)
    assert (round(x, 6), round(y, 6)) == (round(expected[0], 6), round(expected[1], 6))


@pytest.mark.parametrize(
    ("points", "tolerance", "expected"),
    [
        ([(0, 0), (1, 0), (2, 0), (3, 0)], 0.1, [(0, 0), (3, 0)]),
        ([(0, 0), (1, 0.05), (2, 0)], 0.1, [(0, 0), (2, 0)]),
        ([(0, 0), (1, 1), (2, 0)], 0.1, [(0, 0), (1, 1), (2, 0)]),
        ([(0, 0), (1, 1)], 5, [(0, 0), (1, 1)]),
    ],
)
def test_simplify(points, tolerance, expected):
    assert geo.simplify(points, tolerance) == expected


@pytest.mark.parametrize(
    ("ring", "area", "centroid"),
    [
        ([(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)], 1.0, (0.5, 0.5)),
        ([(0, 0), (0, 2), (4, 2), (4, 0), (0, 0)], 8.0, (2.0, 1.0)),
    ],
)
def test_ring_area_and_centroid(ring, area, centroid):
    assert geo.ring_area(ring) == pytest.approx(area)
    assert geo.ring_centroid(ring) == pytest.approx(centroid)


@pytest.mark.parametrize(
    ("rings", "expected"),
    [
        ([[(0, 0), (1, 0), (1, 1), (0, 0)]], "M0 0 1 0 1 1Z"),
        ([[(0.04, 1.25), (2, 3)], [(5, 5), (6, 6)]], "M0 1.2 2 3ZM5 5 6 6Z"),
    ],
)
def test_path_d(rings, expected):
    assert geo.path_d(rings) == expected


def test_unsupported_geometry_is_refused():
    with pytest.raises(ValueError, match="Point"):
        geo.polygons_of({"type": "Point", "coordinates": [10.0, 51.0]})


def test_tile_grid_holds_all_sixteen_laender_once():
    codes = [code for row in geo.TILE_GRID for code in row if code is not None]
    assert len(codes) == len(set(codes)) == 16
    assert {f"DE-{c}" for c in codes} == LAENDER_ISO


@pytest.mark.parametrize(
    ("code", "position"),
    [
        ("SH", (0, 1)),
        ("MV", (0, 2)),
        ("HB", (1, 0)),
        ("BB", (2, 3)),
        ("SN", (3, 3)),
        ("BY", (4, 2)),
    ],
)
def test_tile_positions(code, position):
    assert geo.tile_positions()[code] == position


def test_palette_has_eight_distinct_colours():
    assert len(geo.PALETTE) == len(set(geo.PALETTE)) == 8


@pytest.mark.parametrize("colour", geo.PALETTE)
def test_palette_colour_contrasts_with_white_borders_and_labels(colour):
    assert geo.contrast_ratio(colour, "#ffffff") >= 4.5


@pytest.mark.parametrize(("a", "b"), list(itertools.combinations(geo.PALETTE, 2)))
def test_palette_colours_are_told_apart(a, b):
    assert _delta_e(a, b) >= 25  # CIE76; 2.3 is "just noticeable"


@pytest.mark.parametrize(
    ("a", "b", "ratio"),
    [("#000000", "#ffffff", 21.0), ("#ffffff", "#ffffff", 1.0), ("#767676", "#ffffff", 4.54)],
)
def test_contrast_ratio(a, b, ratio):
    assert geo.contrast_ratio(a, b) == pytest.approx(ratio, abs=0.01)


def _delta_e(a: str, b: str) -> float:
    return math.dist(_lab(a), _lab(b))


def _lab(hex_colour: str) -> tuple[float, float, float]:
    def linear(c: float) -> float:
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    r, g, b = (linear(int(hex_colour[i : i + 2], 16) / 255) for i in (1, 3, 5))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883
    return (116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z)))

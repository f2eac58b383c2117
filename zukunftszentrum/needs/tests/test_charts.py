"""The needs dashboard's charts: well-formed, accessible SVG whose geometry matches the numbers."""

from __future__ import annotations

import itertools
import xml.etree.ElementTree as ET

import pytest

from zukunftszentrum.core.geo import contrast_ratio, relative_luminance
from zukunftszentrum.needs import charts
from zukunftszentrum.needs.charts import IntervalRow, TrendSeries

NS = {"svg": "http://www.w3.org/2000/svg"}
EVIL = '<script>alert("x")</script> & <Co>'
PERIODS = ["2025-Q3", "2025-Q4", "2026-Q1", "2026-Q2", "2026-Q3"]
LEFT, RIGHT = charts.PLOT_LEFT, charts.PLOT_LEFT + charts.PLOT_WIDTH

ROWS = [
    IntervalRow("Künstliche Intelligenz im Kundenservice", 62.0, 55.0, 70.0, compare=58.0),
    IntervalRow("Datenschutz", 41.0, 30.0, 52.0, thin=True),
    IntervalRow("Robotik", None, note="zu wenige Antworten"),
]
SERIES = [
    TrendSeries("Region", [(50, 45, 55), (52, 47, 57), None, (58, 50, 64), (60, 55, 66)]),
    TrendSeries("Bund", [(48, 46, 50), (49, 47, 51), (50, 48, 52), (51, 49, 53), (52, 50, 54)]),
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


def _rows(root: ET.Element) -> list[ET.Element]:
    return [g for g in root.iterfind("svg:g", NS) if g.get("class") == "zz-row"]


def _with_class(element: ET.Element, css: str) -> list[ET.Element]:
    return [e for e in element.iter() if css in (e.get("class") or "").split()]


def _text(element: ET.Element) -> str:
    return "".join(element.itertext()).strip()


def _one_row(row: IntervalRow, **kwargs: object) -> ET.Element:
    return _rows(_parse(charts.interval_chart([row], title="t", **kwargs)))[0]  # type: ignore[arg-type]


# --- every chart ---------------------------------------------------------------------------

CHARTS = {
    "interval": lambda: charts.interval_chart(ROWS, title="Themen", chart_id="c1"),
    "interval-percent": lambda: charts.interval_chart(
        [IntervalRow("Online", 0.8, 0.7, 0.9)], title="Themen", percent=True, chart_id="c2"
    ),
    "interval-empty": lambda: charts.interval_chart([], title="Themen", chart_id="c3"),
    "trend": lambda: charts.trend_chart(PERIODS, SERIES, title="Themen", chart_id="c4"),
    "trend-no-data": lambda: charts.trend_chart(
        PERIODS, [TrendSeries("x", [None] * 5)], title="Themen", chart_id="c5", no_data="leer"
    ),
}


@pytest.mark.parametrize("make", CHARTS.values(), ids=CHARTS.keys())
def test_every_chart_is_accessible_svg(make) -> None:
    root = _parse(make())
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text == "Themen"
    assert desc is not None
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert root.get("viewBox") == f"0 0 {root.get('width')} {root.get('height')}"


@pytest.mark.parametrize(
    "make",
    [
        lambda: charts.interval_chart(
            [IntervalRow(EVIL, 10, 5, 20, compare=30), IntervalRow(EVIL, None, note=EVIL)],
            title=EVIL,
            compare_label=EVIL,
            value_label=EVIL,
            axis_label=EVIL,
            chart_id='x" onload="y',
        ),
        lambda: charts.trend_chart(
            [EVIL, "b"], [TrendSeries(EVIL, [(1, 0, 2), None])], title=EVIL, axis_label=EVIL
        ),
        lambda: charts.trend_chart(["a"], [TrendSeries("s", [None])], title=EVIL, no_data=EVIL),
    ],
    ids=["interval", "trend", "trend-no-data"],
)
def test_all_text_is_escaped(make) -> None:
    svg = make()
    assert "<script>" not in svg and "<Co>" not in svg
    assert 'onload="y"' not in svg
    root = _parse(svg)
    assert root.find("svg:title", NS).text == EVIL
    texts = [_text(t) for t in root.iter(f"{{{NS['svg']}}}text")]
    assert EVIL in texts


# --- interval chart ------------------------------------------------------------------------


@pytest.mark.parametrize("count", [0, 1, 3, 12])
def test_one_row_group_per_row_and_height_grows(count: int) -> None:
    rows = [IntervalRow(f"Thema {i}", 10.0 * i) for i in range(count)]
    root = _parse(charts.interval_chart(rows, title="t"))
    groups = _rows(root)
    assert [g.get("data-row") for g in groups] == [str(i) for i in range(count)]
    assert float(root.get("height")) == charts.TOP + charts.ROW_HEIGHT * count + 12


@pytest.mark.parametrize(
    ("row", "percent", "expected"),
    [
        # value, low, high -> x of the low cap, the dot and the high cap
        (IntervalRow("a", 50, 25, 75), False, (LEFT + 95, LEFT + 190, LEFT + 285)),
        (IntervalRow("b", 98, 90, 120), False, (LEFT + 342, LEFT + 372.4, RIGHT)),
        (IntervalRow("c", 2, -5, 8), False, (LEFT, LEFT + 7.6, LEFT + 30.4)),
        (IntervalRow("d", 0.5, 0.25, 0.75), True, (LEFT + 95, LEFT + 190, LEFT + 285)),
        (IntervalRow("e", 1.2, 0.9, 1.4), True, (LEFT + 342, RIGHT, RIGHT)),
        # an interval not around the value is widened to include it
        (IntervalRow("f", 50, 60, 70), False, (LEFT + 190, LEFT + 190, LEFT + 266)),
    ],
)
def test_whisker_is_ordered_and_clipped_to_the_scale(
    row: IntervalRow, percent: bool, expected: tuple[float, float, float]
) -> None:
    group = _one_row(row, percent=percent)
    (whisker,) = _with_class(group, "zz-whisker")
    (dot,) = _with_class(group, "zz-mark-circle")
    low, value, high = float(whisker.get("x1")), float(dot.get("cx")), float(whisker.get("x2"))
    assert (low, value, high) == pytest.approx(expected)
    assert LEFT <= low <= value <= high <= RIGHT
    caps = sorted(float(c.get("x1")) for c in _with_class(group, "zz-cap"))
    assert caps == pytest.approx([low, high])


@pytest.mark.parametrize(
    ("row", "percent", "printed"),
    [
        (IntervalRow("a", 62.4), False, "62"),
        (IntervalRow("a", 62.5), False, "63"),
        (IntervalRow("a", 41.0, thin=True), False, "41 *"),
        (IntervalRow("a", 0.424), True, "42 %"),
        (IntervalRow("a", 0.005, thin=True), True, "1 % *"),
    ],
)
def test_value_is_printed_right_of_the_plot(row: IntervalRow, percent: bool, printed: str) -> None:
    (value,) = _with_class(_one_row(row, percent=percent), "zz-value")
    assert _text(value) == printed
    assert float(value.get("x")) > RIGHT


@pytest.mark.parametrize(("thin", "fill"), [(False, charts.BAR), (True, charts.WHITE)])
def test_thin_estimates_are_hollow(thin: bool, fill: str) -> None:
    (dot,) = _with_class(_one_row(IntervalRow("a", 40, thin=thin)), "zz-mark-circle")
    assert dot.get("fill") == fill
    assert ("zz-hollow" in dot.get("class", "")) is thin


def test_suppressed_row_shows_the_note_and_no_dot() -> None:
    group = _one_row(IntervalRow("Robotik", None, low=1, high=2, note="zu wenige Antworten"))
    assert [_text(n) for n in _with_class(group, "zz-note")] == ["zu wenige Antworten"]
    for css in ("zz-mark-circle", "zz-whisker", "zz-value"):
        assert _with_class(group, css) == []


@pytest.mark.parametrize(
    ("compare", "side"), [(None, "left"), (80.0, "left"), (20.0, "right"), (50.0, "right")]
)
def test_the_note_keeps_clear_of_the_comparison(compare: float | None, side: str) -> None:
    row = IntervalRow("Robotik", None, compare=compare, note="zu wenige Antworten")
    (note,) = _with_class(_one_row(row), "zz-note")
    x = float(note.get("x"))
    if side == "left":
        assert x < (LEFT + RIGHT) / 2 and note.get("text-anchor") is None
    else:
        assert x > (LEFT + RIGHT) / 2 and note.get("text-anchor") == "end"


@pytest.mark.parametrize(
    ("compares", "compare_label", "legend"),
    [
        ([None, None], None, []),
        ([None, None], "Bundesweit", ["compare"]),
        ([55.0, None], "Bundesweit", ["compare"]),
        ([55.0, 70.0], None, []),
    ],
)
def test_compare_marks_only_where_given(
    compares: list[float | None], compare_label: str | None, legend: list[str]
) -> None:
    rows = [IntervalRow(f"r{i}", 50.0, compare=c) for i, c in enumerate(compares)]
    root = _parse(charts.interval_chart(rows, title="t", compare_label=compare_label))
    for group, compare in zip(_rows(root), compares, strict=True):
        diamonds = _with_class(group, "zz-mark-diamond")
        assert len(diamonds) == (compare is not None)
    kinds = [g.get("class").split("-")[-1] for g in _with_class(root, "zz-legend")]
    assert kinds == legend


def test_compare_mark_sits_at_its_value() -> None:
    (diamond,) = _with_class(_one_row(IntervalRow("a", 50, compare=25.0)), "zz-mark-diamond")
    xs = [float(p.split(",")[0]) for p in diamond.get("points").split()]
    assert (min(xs) + max(xs)) / 2 == pytest.approx(LEFT + 95)


@pytest.mark.parametrize(
    ("kwargs", "legend"),
    [
        ({}, []),
        ({"value_label": "Schätzung"}, ["value"]),
        ({"value_label": "Schätzung", "compare_label": "Bund"}, ["value", "compare"]),
        ({"thin_label": "wenige Antworten"}, ["thin"]),  # ROWS has a thin row
    ],
)
def test_legend_names_what_is_given(kwargs: dict[str, str], legend: list[str]) -> None:
    root = _parse(charts.interval_chart(ROWS, title="t", **kwargs))  # type: ignore[arg-type]
    entries = _with_class(root, "zz-legend")
    assert [e.get("class").split("-")[-1] for e in entries] == legend
    assert [_text(e) for e in entries] == [kwargs[f"{kind}_label"] for kind in legend]


@pytest.mark.parametrize(
    ("percent", "scale_max", "ticks"),
    [
        (False, 100.0, ["0", "25", "50", "75", "100"]),
        (False, 60.0, ["0", "15", "30", "45", "60"]),
        (True, 100.0, ["0 %", "25 %", "50 %", "75 %", "100 %"]),
        (True, 40.0, ["0 %", "10 %", "20 %", "30 %", "40 %"]),
    ],
)
def test_axis_ticks(percent: bool, scale_max: float, ticks: list[str]) -> None:
    svg = charts.interval_chart([], title="t", percent=percent, scale_max=scale_max)
    texts = [_text(t) for t in _parse(svg).iterfind("svg:text", NS) if t.get("aria-hidden")]
    assert texts == ticks


@pytest.mark.parametrize(("percent", "scale_max"), [(False, 0.0), (True, 1.0), (False, -5.0)])
def test_a_scale_that_is_none_is_refused(percent: bool, scale_max: float) -> None:
    with pytest.raises(ValueError, match="scale_max"):
        charts.interval_chart(ROWS, title="t", percent=percent, scale_max=scale_max)


def test_long_labels_wrap_onto_two_lines() -> None:
    label = "Künstliche Intelligenz in Einkauf, Lager und Logistik mittelständischer Betriebe"
    (text,) = _with_class(_one_row(IntervalRow(label, 50)), "zz-label")
    lines = [span.text for span in text]
    assert len(lines) == 2 and lines[1].endswith("…")


def test_desc_is_written_from_the_numbers_unless_given() -> None:
    desc = _parse(charts.interval_chart(ROWS, title="t", compare_label="Bund")).find("svg:desc", NS)
    assert desc.text == (
        "Künstliche Intelligenz im Kundenservice: 62 (55–70), Bund 58; "
        "Datenschutz: 41 (30–52) *; Robotik: zu wenige Antworten"
    )
    rows = [IntervalRow("Robotik", None, compare=40.0, note="zu wenige Antworten")]
    desc = _parse(charts.interval_chart(rows, title="t")).find("svg:desc", NS)
    assert desc.text == "Robotik: zu wenige Antworten, 40"
    given = charts.interval_chart(ROWS, title="t", desc="Drei Themen")
    assert _parse(given).find("svg:desc", NS).text == "Drei Themen"


# --- trend chart ---------------------------------------------------------------------------

P = (50.0, 40.0, 60.0)


@pytest.mark.parametrize(
    ("points", "segments"),
    [
        ([P, P, P, P, P], [5]),
        ([P, P, None, P, P], [2, 2]),
        ([P, None, P, None, P], []),  # single points: markers and whiskers, no line
        ([None, P, P, P, None], [3]),
        ([P, P, None, None, P], [2]),
        ([None, None, None, None, P], []),
    ],
)
def test_gaps_break_the_line(points: list, segments: list[int]) -> None:
    root = _parse(charts.trend_chart(PERIODS, [TrendSeries("s", points)], title="t"))
    (series,) = _with_class(root, "zz-series")
    paths = _with_class(series, "zz-trend-line")
    assert [path.get("d").count("L") + 1 for path in paths] == segments
    drawn = sum(p is not None for p in points)
    assert len(_with_class(series, "zz-mark-circle")) == drawn
    assert len(_with_class(series, "zz-whisker")) == drawn


@pytest.mark.parametrize(
    ("point", "expected"),
    [
        # value, low, high -> y of the high cap, the marker and the low cap (y grows downwards)
        ((50, 40, 60), (122, 144, 166)),
        ((95, 80, 130), (34, 45, 78)),
        ((5, -10, 20), (210, 243, 254)),
    ],
)
def test_trend_whiskers_are_ordered_and_clipped(
    point: tuple[float, float, float], expected: tuple[float, float, float]
) -> None:
    root = _parse(charts.trend_chart(["2026-Q1"], [TrendSeries("s", [point])], title="t"))
    (series,) = _with_class(root, "zz-series")
    (whisker,) = _with_class(series, "zz-whisker")
    (dot,) = _with_class(series, "zz-mark-circle")
    got = (float(whisker.get("y1")), float(dot.get("cy")), float(whisker.get("y2")))
    assert got == pytest.approx(expected)
    top, bottom = charts.TREND_TOP, charts.TREND_TOP + charts.TREND_HEIGHT
    assert top <= got[0] <= got[1] <= got[2] <= bottom


def test_series_differ_without_colour() -> None:
    series = [TrendSeries(f"s{i}", [P, P]) for i in range(4)]
    root = _parse(charts.trend_chart(["a", "b"], series, title="t"))
    shapes, dashes = [], []
    for group in _with_class(root, "zz-series"):
        shapes.append({m.get("class").split()[0] for m in group if m.get("stroke") == "#ffffff"})
        dashes.append(_with_class(group, "zz-trend-line")[0].get("stroke-dasharray"))
    assert len({frozenset(s) for s in shapes}) == 4 and all(len(s) == 1 for s in shapes)
    assert len(set(dashes)) == 4
    legend = _with_class(root, "zz-legend-series")
    assert [_text(entry) for entry in legend] == ["s0", "s1", "s2", "s3"]


@pytest.mark.parametrize(
    "colour", [*(style[1] for style in charts.SERIES_STYLES), charts.COMPARE_COLOUR, charts.BAR]
)
def test_mark_colours_contrast_with_white(colour: str) -> None:
    assert contrast_ratio(colour, "#ffffff") >= 4.5


def test_periods_are_printed_at_the_bottom() -> None:
    root = _parse(charts.trend_chart(PERIODS, SERIES, title="t"))
    texts = [_text(t) for t in root.iterfind("svg:text", NS)]
    assert [t for t in texts if t in PERIODS] == PERIODS


@pytest.mark.parametrize("series", [[], [TrendSeries("a", [None] * 5)]])
def test_no_points_shows_the_no_data_text(series: list[TrendSeries]) -> None:
    root = _parse(charts.trend_chart(PERIODS, series, title="t", no_data="Noch keine Daten"))
    assert "Noch keine Daten" in _text(root)
    assert _with_class(root, "zz-series") == []
    assert root.find("svg:desc", NS).text == "Noch keine Daten"


@pytest.mark.parametrize(
    ("series", "message"),
    [
        ([TrendSeries(f"s{i}", [P] * 5) for i in range(5)], "at most 4"),
        ([TrendSeries("s", [P] * 4)], "one point"),
    ],
)
def test_trend_refuses_what_it_cannot_draw(series: list[TrendSeries], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        charts.trend_chart(PERIODS, series, title="t")


def test_trend_percent_axis() -> None:
    svg = charts.trend_chart(
        ["a"], [TrendSeries("s", [(0.42, 0.4, 0.44)])], title="t", percent=True
    )
    texts = [_text(t) for t in _parse(svg).iterfind("svg:text", NS)]
    assert {"0 %", "50 %", "100 %"} <= set(texts)
    assert _parse(svg).find("svg:desc", NS).text == "s: a 42 % (40 %–44 %)"


# --- choropleth colours --------------------------------------------------------------------


@pytest.mark.parametrize(
    ("values", "steps", "digits", "bins"),
    [
        ([31.2, 57.4, 40.0], 5, 0, [(31, 36), (36, 42), (42, 47), (47, 53), (53, 58)]),
        ([0.0, 100.0], 5, 0, [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)]),
        ([40.2, 41.9], 5, 0, [(40, 41), (41, 42)]),  # narrower than 5 units: one bin per unit
        ([50.0, 50.0, 50.0], 5, 0, [(50, 50)]),
        ([49.5], 5, 0, [(49, 50)]),
        ([0.12, 0.46], 2, 2, [(0.12, 0.29), (0.29, 0.46)]),
        ([0.3, 0.1], 2, 1, [(0.1, 0.2), (0.2, 0.3)]),  # float noise does not widen the range
        ([], 5, 0, []),
    ],
)
def test_choropleth_bins(
    values: list[float], steps: int, digits: int, bins: list[tuple[float, float]]
) -> None:
    got = charts.choropleth_bins(values, steps, digits=digits)
    assert [e for b in got for e in b] == pytest.approx([e for b in bins for e in b])
    assert len(got) == len(bins)


@pytest.mark.parametrize(
    "values",
    [[3.7, 88.1, 45.0], [12.0, 13.0], [0.0, 0.1, 99.9, 100.0], [55.5], [17.2, 17.9, 91.0, 64.4]],
)
@pytest.mark.parametrize("steps", [1, 3, 5])
def test_bins_cover_min_to_max_without_gaps(values: list[float], steps: int) -> None:
    bins = charts.choropleth_bins(values, steps)
    assert 1 <= len(bins) <= steps
    assert bins[0][0] <= min(values) and bins[-1][1] >= max(values)
    assert all(a[1] == b[0] for a, b in itertools.pairwise(bins))
    assert all(low <= high for low, high in bins)


@pytest.mark.parametrize("steps", [0, 6])
def test_bins_refuse_more_steps_than_colours(steps: int) -> None:
    with pytest.raises(ValueError, match="steps"):
        charts.choropleth_bins([1.0, 2.0], steps)


FIVE = [(0, 20), (20, 40), (40, 60), (60, 80), (80, 100)]
S = charts.SEQUENTIAL


@pytest.mark.parametrize(
    ("value", "bins", "fill"),
    [
        (0, FIVE, S[0]),
        (19.99, FIVE, S[0]),
        (20, FIVE, S[1]),  # a boundary belongs to the upper bin
        (59.5, FIVE, S[2]),
        (80, FIVE, S[4]),
        (100, FIVE, S[4]),  # the maximum is inside the last bin
        (-3, FIVE, S[0]),  # outside: the nearest end
        (120, FIVE, S[4]),
        (40, [(40, 41), (41, 42)], S[0]),  # two bins use both ends of the scale
        (41, [(40, 41), (41, 42)], S[4]),
        (50, [(50, 50)], S[2]),
        (34, [(30, 35), (35, 40), (40, 45)], S[0]),
        (36, [(30, 35), (35, 40), (40, 45)], S[2]),
    ],
)
def test_fill_for(value: float, bins: list[tuple[float, float]], fill: str) -> None:
    assert charts.fill_for(value, bins) == fill


def test_fill_for_needs_bins() -> None:
    with pytest.raises(ValueError, match="no bins"):
        charts.fill_for(1.0, [])


@pytest.mark.parametrize("fill", [*charts.SEQUENTIAL, charts.SUPPRESSED_FILL])
def test_label_colour_contrasts_enough(fill: str) -> None:
    colour = charts.label_colour(fill)
    assert colour in ("#1b1b1b", "#ffffff")
    assert contrast_ratio(fill, colour) >= 4.5


@pytest.mark.parametrize(("fill", "colour"), [("#ffffff", "#1b1b1b"), ("#000000", "#ffffff")])
def test_label_colour_extremes(fill: str, colour: str) -> None:
    assert charts.label_colour(fill) == colour


def test_sequential_fills_are_distinct_and_light_to_dark() -> None:
    assert len(charts.SEQUENTIAL) == 5
    luminance = [relative_luminance(c) for c in charts.SEQUENTIAL]
    assert luminance == sorted(luminance, reverse=True)
    for lighter, darker in itertools.pairwise(charts.SEQUENTIAL):
        assert contrast_ratio(lighter, darker) >= 1.4


def test_sequential_fills_share_one_hue() -> None:
    for colour in charts.SEQUENTIAL:
        r, g, b = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert b >= g >= r  # blue dominates, then green: one blue hue, light to dark


def test_suppressed_fill_is_light_grey() -> None:
    r, g, b = (int(charts.SUPPRESSED_FILL[i : i + 2], 16) for i in (1, 3, 5))
    assert r == g == b and relative_luminance(charts.SUPPRESSED_FILL) > 0.7
    assert charts.SUPPRESSED_FILL not in charts.SEQUENTIAL

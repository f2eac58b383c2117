"""The needs charts for a phone: a narrow canvas with larger type, names above the bars, the
same figures and description as the wide chart."""

from __future__ import annotations

import re

import pytest

from zukunftszentrum.needs import charts, charts_narrow
from zukunftszentrum.needs.charts import IntervalRow, TrendSeries

ROWS = [
    IntervalRow("Daten und Datenqualität", 62.0, 55.0, 69.0, compare=58.0),
    IntervalRow("Ein sehr langer Themenname, der nicht in eine Zeile passt", 40.0, 30.0, 50.0),
    IntervalRow("Recht", None, note="zu wenige Antworten"),
    IntervalRow("Förderung", 35.0, 20.0, 50.0, thin=True),
]


def _viewbox_width(svg: str) -> float:
    match = re.search(r'viewBox="0 0 ([\d.]+) ', svg)
    assert match is not None
    return float(match.group(1))


def test_the_narrow_chart_is_drawn_for_a_phone_with_larger_type() -> None:
    svg = charts_narrow.interval_chart(ROWS, title="Themen", chart_id="zz-t-narrow")
    assert _viewbox_width(svg) == charts_narrow.NARROW <= 390  # shown at about its own size
    assert 'font-size="15"' in svg
    assert 'id="zz-t-narrow-title"' in svg and 'role="img"' in svg


def test_names_stand_above_their_bars() -> None:
    svg = charts_narrow.interval_chart(ROWS, title="Themen")
    label = re.search(r'<text x="([\d.]+)" y="([\d.]+)"[^>]*class="zz-label">Daten', svg)
    dot = re.search(r'<circle cx="[\d.]+" cy="([\d.]+)"', svg)
    assert label is not None and dot is not None
    assert float(label.group(2)) < float(dot.group(1))  # the name is above the dot
    assert float(label.group(1)) == charts_narrow.EDGE  # no label column


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Recht", "Recht"),
        ("x" * 38, "x" * 38),
        ("x" * 39, "x" * 36 + " …"),
        (
            "Ein sehr langer Themenname, der nicht in eine Zeile passt",
            "Ein sehr langer Themenname, der …",
        ),
    ],
)
def test_long_names_are_cut_the_table_has_them_in_full(text: str, expected: str) -> None:
    assert charts_narrow._cut(text, charts_narrow.LABEL_CHARS) == expected


def test_same_figures_and_description_as_the_wide_chart() -> None:
    wide = charts.interval_chart(ROWS, title="Themen", compare_label="Bundesweit")
    narrow = charts_narrow.interval_chart(ROWS, title="Themen", compare_label="Bundesweit")
    desc = re.compile(r"<desc[^>]*>(.*?)</desc>", re.S)
    assert desc.findall(wide) == desc.findall(narrow)
    values = re.compile(r'class="zz-value">([^<]+)<')
    assert values.findall(wide) == values.findall(narrow) == ["62", "40", "35 *"]
    assert "zu wenige Antworten" in narrow
    assert narrow.count("zz-mark-diamond") == 1 and "zz-hollow" in narrow


def test_the_legend_shows_only_what_is_given() -> None:
    legend = [("value", "Schätzung"), ("thin", "dünn besetzt")]
    svg = charts_narrow.interval_chart(ROWS, title="T", legend=legend)
    assert "zz-legend-value" in svg and "zz-legend-thin" in svg and "zz-legend-compare" not in svg


def test_the_narrow_trend_labels_fewer_periods_and_breaks_at_gaps() -> None:
    periods = [f"2025-Q{i}" for i in range(1, 5)] + [f"2026-Q{i}" for i in range(1, 5)]
    points = [(50.0, 40.0, 60.0)] * 3 + [None] + [(55.0, 45.0, 65.0)] * 4
    svg = charts_narrow.trend_chart(periods, [TrendSeries("Daten", points)], title="Trend")
    assert _viewbox_width(svg) == charts_narrow.NARROW
    shown = [p for p in periods if f">{p}</text>" in svg]
    assert len(shown) <= charts_narrow.MAX_LABELS and shown[0] == "2025-Q1"
    segments = re.findall(r'<line [^>]*stroke-width="2.5"', svg.split("zz-legend")[0])
    assert len(segments) == 2 + 3  # no segment across the missing quarter


def test_a_trend_without_points_says_why() -> None:
    svg = charts_narrow.trend_chart(
        ["2026-Q1"], [TrendSeries("Daten", [None])], title="T", no_data="wird berechnet"
    )
    assert "wird berechnet" in svg and "zz-series" not in svg

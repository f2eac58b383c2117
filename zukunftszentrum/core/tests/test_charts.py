"""Chart primitives: number formatting, scales, row labels, the accessible SVG opening."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from zukunftszentrum.core import charts
from zukunftszentrum.core.geo import contrast_ratio


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


@pytest.mark.parametrize(
    ("score", "text"),
    [(None, ""), (0.0, "0"), (72.5, "73"), (72.49, "72"), (0.5, "1"), (99.5, "100"), (-2.5, "-3")],
)
def test_format_score_rounds_half_up(score: float | None, text: str) -> None:
    assert charts.format_score(score) == text


@pytest.mark.parametrize(("share", "text"), [(0.0, "0 %"), (0.425, "43 %"), (1.0, "100 %")])
def test_format_percent(share: float, text: str) -> None:
    assert charts.format_percent(share) == text


@pytest.mark.parametrize(
    ("scale", "value", "pos"),
    [
        (charts.Scale(100, False, 220, 380), 50, 410.0),
        (charts.Scale(100, False, 220, 380), -5, 220.0),  # clamped to the scale
        (charts.Scale(100, False, 220, 380), 150, 600.0),
        (charts.Scale(50, True, 220, 380), 0.25, 410.0),  # a share on a 0..50 % axis
        (charts.Scale(100, False, 254, -220), 100, 34.0),  # a y axis runs upwards
    ],
)
def test_scale_positions(scale: charts.Scale, value: float, pos: float) -> None:
    assert scale.pos(value) == pos


def test_scale_ticks_and_labels() -> None:
    assert [label for _, label in charts.Scale(100, False, 0, 100).ticks()] == [
        "0", "25", "50", "75", "100",
    ]  # fmt: skip
    assert charts.Scale(50, True, 0, 100).ticks()[-1] == (100.0, "50 %")


@pytest.mark.parametrize(("scale_max", "percent"), [(0, False), (-1, False), (1, True)])
def test_no_scale(scale_max: float, percent: bool) -> None:
    with pytest.raises(ValueError, match="no scale"):
        charts.Scale(scale_max, percent, 0, 100)


@pytest.mark.parametrize(
    ("label", "lines"),
    [
        ("Kurz", ["Kurz"]),
        ("Strategie und Anwendungsfälle der KI", ["Strategie und Anwendungsfälle", "der KI"]),
        ("", [""]),
        ("<b>", ["<b>"]),  # escaped, read back as text
    ],
)
def test_row_label_wraps_onto_two_lines(label: str, lines: list[str]) -> None:
    element = _parse(charts.row_label(label, 50.0))
    assert [span.text or "" for span in element] == lines
    assert element.get("text-anchor") == "end"


def test_svg_open_is_labelled_by_title_and_desc() -> None:
    svg = _parse("\n".join([*charts.svg_open('a"b', "T <1>", "D & E", 80, "x"), "</svg>"]))
    ns = "{http://www.w3.org/2000/svg}"
    assert svg.get("role") == "img" and svg.get("class") == "zz-x-chart"
    assert svg.get("aria-labelledby") == 'a"b-title a"b-desc'
    assert svg.find(f"{ns}title").text == "T <1>"  # type: ignore[union-attr]
    assert svg.find(f"{ns}desc").text == "D & E"  # type: ignore[union-attr]


def test_svg_text_is_escaped_and_empty_text_is_nothing() -> None:
    assert charts.svg_text(1, 2, "a<b") == '<text x="1" y="2" fill="#1b1b1b">a&lt;b</text>'
    assert charts.svg_text(1, 2, "") == ""


@pytest.mark.parametrize(
    "colour",
    [charts.TEXT, charts.MUTED, charts.BAR, charts.GRID, charts.RED, charts.BROWN, charts.PURPLE],
)
def test_palette_contrasts_with_white(colour: str) -> None:
    assert contrast_ratio(colour, charts.WHITE) >= 4.5

"""The profile chart: valid, accessible SVG whose bars are proportional to the scores."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from zukunftszentrum.assessments import charts

NS = {"svg": "http://www.w3.org/2000/svg"}

DIMS = [
    ("strategy", "Strategie und Anwendungsfälle", 50.0),
    ("data", "Daten", 100.0),
    ("people", "Menschen und Kompetenzen", 25.0),
]


def _parse(svg: str) -> ET.Element:
    return ET.fromstring(svg)  # noqa: S314 - our own output, parsed to prove it is well-formed


def _bars(root: ET.Element) -> list[ET.Element]:
    return [r for r in root.iterfind("svg:rect", NS) if r.get("data-score") is not None]


def test_is_valid_accessible_svg() -> None:
    root = _parse(charts.profile_svg(DIMS, title="Ihr Profil", desc="Werte je Bereich"))
    assert root.get("role") == "img"
    title, desc = root.find("svg:title", NS), root.find("svg:desc", NS)
    assert title is not None and title.text == "Ihr Profil"
    assert desc is not None and desc.text == "Werte je Bereich"
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"


def test_bar_widths_are_proportional_to_scores() -> None:
    root = _parse(charts.profile_svg(DIMS, title="t", desc="d"))
    widths = [float(b.get("width", "0")) for b in _bars(root)]
    assert widths == [charts.PLOT_WIDTH / 2, charts.PLOT_WIDTH, charts.PLOT_WIDTH / 4]


@pytest.mark.parametrize(("score", "width"), [(-5, 0.0), (0, 0.0), (150, charts.PLOT_WIDTH)])
def test_bar_width_is_clamped_to_the_scale(score: float, width: float) -> None:
    assert charts.bar_width(score) == width


def test_values_are_printed() -> None:
    svg = charts.profile_svg([("a", "A", 62.4), ("b", "B", 0.0)], title="t", desc="d")
    texts = ["".join(t.itertext()) for t in _parse(svg).iterfind("svg:text", NS)]
    assert "62" in texts and "0" in texts


def test_gridlines_at_the_level_thresholds() -> None:
    root = _parse(charts.profile_svg(DIMS, title="t", desc="d"))
    dashed = {
        float(ln.get("x1", "0"))
        for ln in root.iterfind("svg:line", NS)
        if ln.get("stroke-dasharray")
    }
    assert dashed == {charts.PLOT_LEFT + charts.bar_width(t) for t in (20, 40, 60, 80)}


def test_missing_score_shows_text_instead_of_a_bar() -> None:
    svg = charts.profile_svg([("a", "A", None), ("b", "B", 40.0)], title="t", desc="d")
    root = _parse(svg)
    assert len(_bars(root)) == 1
    assert "keine Daten" in "".join(root.itertext())


def test_all_text_is_escaped() -> None:
    evil = '<script>alert("x")</script> & Co'
    svg = charts.profile_svg(
        [("a", evil, 10.0)], compare={evil: [20.0]}, title=evil, desc=evil, chart_id='x" onload="y'
    )
    assert "<script>" not in svg
    assert 'onload="y"' not in svg
    root = _parse(svg)
    assert root.find("svg:title", NS).text == evil
    assert evil in "".join(root.itertext())


def test_comparison_marks_use_distinct_shapes_and_a_legend() -> None:
    compare = {"Vergleichsgruppe": [40.0, None, 80.0], "Beschäftigte": [10.0, 20.0, 30.0]}
    svg = charts.profile_svg(DIMS, compare=compare, title="t", desc="d")
    root = _parse(svg)
    marks = [el for el in root.iter() if "zz-mark" in (el.get("class") or "")]
    # 2 + 3 marks in the plot (None is skipped), one of each in the legend
    assert len(marks) == 7
    shapes = {el.get("class") for el in marks}
    assert shapes == {"zz-mark zz-mark-diamond", "zz-mark zz-mark-circle"}
    text = "".join(root.itertext())
    assert "Vergleichsgruppe" in text and "Beschäftigte" in text


def test_comparison_with_wrong_length_is_refused() -> None:
    with pytest.raises(ValueError, match="comparison"):
        charts.profile_svg(DIMS, compare={"x": [1.0]}, title="t", desc="d")


def test_long_labels_wrap_onto_two_lines() -> None:
    svg = charts.profile_svg(
        [("a", "Recht, Ethik und Governance (DSGVO, KI-Verordnung)", 10.0)], title="t", desc="d"
    )
    assert svg.count("<tspan") == 2


def test_output_is_deterministic() -> None:
    a = charts.profile_svg(DIMS, compare={"x": [1.0, 2.0, 3.0]}, title="t", desc="d")
    assert a == charts.profile_svg(DIMS, compare={"x": [1.0, 2.0, 3.0]}, title="t", desc="d")


def test_build_profile_follows_the_instrument_and_language() -> None:
    from zukunftszentrum.assessments.tests.output_samples import INSTRUMENT

    profile = charts.build_profile(
        INSTRUMENT,
        {"strategy": 45.0, "data": None, "culture": 85.0},
        lang="en",
        title="Profile",
        compare={"Peers": {"strategy": 50.0, "culture": 60.0}},
    )
    assert [r.id for r in profile.rows] == ["strategy", "data", "culture"]
    assert profile.rows[0].label == "Strategy and use cases"
    assert [r.level for r in profile.rows] == [3, None, 5]
    assert profile.rows[2].level_label == "Leading"
    assert profile.rows[1].compare == (None,)
    assert (profile.levels[0].min, profile.levels[0].max) == (0, 20)
    assert profile.levels[-1].max == 100
    root = _parse(profile.svg)
    assert len(_bars(root)) == 2
    assert "Peers" in "".join(root.itertext())


# --- the narrow drawing for phones --------------------------------------------------------


def test_the_narrow_profile_puts_names_above_bars_and_stays_phone_sized() -> None:
    import re

    from zukunftszentrum.assessments.charts import NARROW_WIDTH, narrow_profile_svg

    svg = narrow_profile_svg(
        [("a", "Strategie und Anwendungsfälle", 72.0), ("b", "Daten", None)],
        compare={"Vergleichsgruppe": [50.0, 40.0]},
        title="Profil",
        desc="Strategie: 72",
        bar_name="Alle Antworten",
    )
    width = float(re.search(r'width="([\d.]+)"', svg).group(1))  # type: ignore[union-attr]
    assert width <= NARROW_WIDTH + 8  # shown at about its own size on a 360 px screen
    label_y = float(re.search(r'<tspan x="1" y="([\d.]+)">Strategie', svg).group(1))  # type: ignore[union-attr]
    bar_y = float(re.search(r'<rect x="1" y="([\d.]+)" width="[\d.]+" height="18"', svg).group(1))  # type: ignore[union-attr]
    assert label_y < bar_y  # the name is above its bar, not beside it
    assert "keine Daten" in svg and "Alle Antworten" in svg and "zz-mark-diamond" in svg
    assert 'aria-labelledby="profile-narrow-title profile-narrow-desc"' in svg

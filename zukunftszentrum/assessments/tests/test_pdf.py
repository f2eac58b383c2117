"""The PDF report: a real PDF with the profile, recommendations and the privacy note."""

from __future__ import annotations

import datetime
import shutil
import subprocess
from pathlib import Path

import pytest

from zukunftszentrum.assessments import pdf
from zukunftszentrum.assessments.tests.output_samples import INSTRUMENT, result
from zukunftszentrum.core.pdf import render_pdf

pytestmark = pytest.mark.skipif(not shutil.which("pdftotext"), reason="needs poppler-utils")

DATE = datetime.date(2026, 11, 23)


def _text(data: bytes, tmp_path: Path) -> str:
    path = tmp_path / "report.pdf"
    path.write_bytes(data)
    out = subprocess.run(  # noqa: S603 - fixed arguments
        ["pdftotext", "-layout", str(path), "-"],  # noqa: S607
        check=True,
        capture_output=True,
    )
    return out.stdout.decode("utf-8")


def test_company_report(tmp_path: Path) -> None:
    ctx = pdf.report_context(
        instrument=INSTRUMENT,
        result=result(45.0, None, 72.5),
        lang="de",
        date=DATE,
        organisation_name="Musterbau Süd GmbH",
        compare={"Vergleichsgruppe": {"strategy": 50.0}},
        compare_notes=["Vergleichsgruppe: Baugewerbe in Bayern (23 Unternehmen)."],
    )
    data = render_pdf(pdf.TEMPLATE, ctx)
    assert data.startswith(b"%PDF")
    text = _text(data, tmp_path)
    for expected in (
        "KI-Readiness-Check",
        "Musterbau Süd GmbH",
        "23. November 2026",
        "2026.1",
        "Strategie und Anwendungsfälle",
        "Beteiligung und Unternehmenskultur",
        "spürbarem Nutzen für Ihre Wirtschaft",
        "Vergleichsgruppe: Baugewerbe in Bayern",
        "Einzelne Antworten sieht nur die Person",
        "Seite 1 von",
    ):
        assert expected in text, expected
    assert "73" in text  # 72.5 rounds half up
    pages = text.count("\f")  # pdftotext ends every page with a form feed
    assert pages >= 1
    assert f"Seite {pages} von {pages}" in text


def test_personal_report_in_english_without_comparison(tmp_path: Path) -> None:
    ctx = pdf.report_context(
        instrument=INSTRUMENT, result=result(10.0, 20.0, 30.0), lang="en", date=DATE
    )
    assert ctx["compare_notes"] == []
    text = _text(render_pdf(pdf.TEMPLATE, ctx), tmp_path)
    assert "Strategy and use cases" in text
    assert "Peers" not in text and "Vergleichsgruppe" not in text


def test_knowledge_is_reported_separately(tmp_path: Path) -> None:
    ctx = pdf.report_context(
        instrument=INSTRUMENT, result=result(10.0, 20.0, 30.0), lang="de", date=DATE
    )
    assert [(k.dimension, k.percent) for k in ctx["knowledge"]] == [
        ("Strategie und Anwendungsfälle", "100")
    ]
    assert "Wissensfragen" in _text(render_pdf(pdf.TEMPLATE, ctx), tmp_path)


def test_no_knowledge_section_without_knowledge_scores() -> None:
    res = result(10.0, 20.0, 30.0)
    res.knowledge.clear()
    ctx = pdf.report_context(instrument=INSTRUMENT, result=res, lang="de", date=DATE)
    assert ctx["knowledge"] == []


def test_recommendations_keep_the_engine_order_and_name_the_dimension() -> None:
    ctx = pdf.report_context(
        instrument=INSTRUMENT, result=result(10.0, 20.0, 65.0), lang="de", date=DATE
    )
    lines = ctx["recommendations"]
    assert [line.dimension for line in lines] == [
        "Strategie und Anwendungsfälle",
        "Beteiligung und Unternehmenskultur",
    ]
    assert lines[0].level_label == "Einstieg"


def test_profile_partial_has_chart_and_accessible_tables() -> None:
    from django.template.loader import render_to_string

    from zukunftszentrum.assessments.charts import build_profile

    profile = build_profile(
        INSTRUMENT,
        {"strategy": 45.0, "data": None, "culture": 85.0},
        lang="de",
        title="Ergebnis je Bereich",
        compare={"Vergleichsgruppe": {"strategy": 50.0}},
    )
    html = render_to_string("assessments/_profile.html", {"profile": profile})
    assert 'role="img"' in html and "<caption>Ergebnis je Bereich</caption>" in html
    assert html.count('scope="col"') == 4 + 3  # profile table + levels table
    assert html.count('scope="row"') == 3
    assert "keine Daten" in html and "Vergleichsgruppe" in html
    assert "<h" not in html.replace("<head", "")  # the page owns the headings


def test_works_with_the_engine_and_the_real_instruments() -> None:
    from zukunftszentrum.assessments.engine.scoring import Result, score
    from zukunftszentrum.assessments.instruments import catalog

    for inst in catalog().all_latest():
        answers = {i.id: 4 for i in inst.items if i.type == "likert"}
        snapshot = score(inst, answers).as_dict()  # as stored on the response
        res = Result.from_dict(snapshot, inst)
        ctx = pdf.report_context(instrument=inst, result=res, lang="de", date=DATE)
        assert [r.id for r in ctx["profile"].rows] == [d.id for d in inst.dimensions]
        assert len(ctx["recommendations"]) == len(res.recommendations)
        assert ctx["profile"].svg.startswith("<svg")


def test_a_mean_profile_gets_the_same_report() -> None:
    from zukunftszentrum.assessments.engine.aggregate import Keyed, mean_profile
    from zukunftszentrum.core.disclosure import Parameters

    results = [Keyed(1000 + i, result(10.0 + i, 50.0, None)) for i in range(5)]
    params = Parameters(min_size=5)
    profile = mean_profile(results, variable="x:1:all", params=params)
    res = pdf.result_from_profile(INSTRUMENT, profile)
    assert res.dimensions["strategy"].score == profile.dimensions["strategy"].mean
    assert res.dimensions["culture"].score is None
    small = pdf.result_from_profile(
        INSTRUMENT, mean_profile(results[:4], variable="x:1:all", params=params)
    )
    assert small.overall is None
    assert all(d.score is None for d in small.dimensions.values())
    assert small.recommendations == []

"""The works-agreement outline: sections, annexes, the monitoring clause, placeholders, exports."""

from __future__ import annotations

import datetime
from io import BytesIO

import pytest
from docx import Document
from docx.enum.text import WD_COLOR_INDEX

from zukunftszentrum.participation.agreement import (
    NOTICE,
    Placeholder,
    ProjectDescription,
    System,
    build_outline,
    plain,
    to_docx,
    to_html,
)

INSPECTION = System(
    name="KI-gestützte Sichtprüfung",
    vendor="Beispiel Vision GmbH",
    hosting="Eigener Server im Werk",
    purpose="Oberflächenfehler an Drehteilen erkennen",
    monitoring_possibilities=("Prüfprotokolle je Schicht und Arbeitsplatz",),
    data=("Kamerabilder der Teile", "Schicht- und Arbeitsplatzkennung"),
)
ASSISTANT = System(name="Schreibassistent", vendor="", hosting="", purpose="Entwürfe für Angebote")
PROJECT = ProjectDescription(
    company="Hanse Präzisionstechnik GmbH",
    project="KI-gestützte Sichtprüfung",
    systems=(INSPECTION, ASSISTANT),
    training_measures=("Schulung Sichtprüfung, 4 Stunden, alle Prüferinnen und Prüfer",),
    evaluation_dates=(datetime.date(2027, 6, 30), datetime.date(2027, 3, 31)),
)

TOPICS = [
    "Geltungsbereich und Grundsätze",
    "Einführungsprozess",
    "Grenzen der Leistungs- und Verhaltenskontrolle",
    "Datenschutz",
    "Qualifizierung",
    "Arbeitsorganisation",
    "Evaluation",
    "Änderungen",
]


def _docx_texts(data: bytes) -> tuple[list[tuple[str, str]], str]:
    doc = Document(BytesIO(data))
    paragraphs = [(p.style.name, p.text) for p in doc.paragraphs]
    return paragraphs, "\n".join(t for _, t in paragraphs)


def test_sections_in_order_and_one_annex_per_system():
    outline = build_outline(PROJECT)
    headings = [s.heading for s in outline.sections]
    for topic, heading in zip(TOPICS, headings, strict=True):
        assert topic in heading
    assert [s.number for s in outline.sections] == [f"§ {n}" for n in range(1, 9)]
    assert [a.heading for a in outline.annexes] == [
        "Anlage 1 KI-gestützte Sichtprüfung",
        "Anlage 2 Schreibassistent",
    ]


def test_the_docx_opens_and_holds_every_annex_as_a_heading():
    paragraphs, text = _docx_texts(to_docx(build_outline(PROJECT)))
    headings = [t for style, t in paragraphs if style.startswith("Heading 1")]
    assert "Anlage 1 KI-gestützte Sichtprüfung" in headings
    assert "Anlage 2 Schreibassistent" in headings
    assert any(t.startswith("§ 3 Grenzen") for t in headings)
    assert paragraphs[0][0] == "Title"
    assert NOTICE in text
    assert "Beispiel Vision GmbH" in text
    assert any(style == "List Bullet" for style, _ in paragraphs)


def test_the_docx_marks_the_draft_in_every_page_header():
    doc = Document(BytesIO(to_docx(build_outline(PROJECT))))
    assert "ENTWURF" in doc.sections[0].header.paragraphs[0].text
    assert doc.core_properties.subject == "Entwurf"


def _monitoring_section(outline):
    return next(s for s in outline.sections if s.number == "§ 3")


def _texts(section) -> str:
    out = []
    for block in section.blocks:
        runs = [block.runs] if hasattr(block, "runs") else list(block.items)
        out += [plain(r) for r in runs]
    return "\n".join(out)


def test_a_system_with_monitoring_possibilities_gets_the_monitoring_clause():
    outline = build_outline(PROJECT)
    clause = _texts(_monitoring_section(outline))
    assert "technisch geeignet, Verhalten oder Leistung" in clause
    assert "KI-gestützte Sichtprüfung (Anlage 1): Prüfprotokolle je Schicht" in clause
    assert "Schreibassistent" not in clause
    annex = _texts(outline.annexes[0])
    assert "nicht genutzt, um Leistung oder Verhalten" in annex
    assert "nicht genutzt, um Leistung oder Verhalten" not in _texts(outline.annexes[1])


def test_without_monitoring_possibilities_only_the_general_limit():
    outline = build_outline(ProjectDescription("Firma", "Projekt", systems=(ASSISTANT,)))
    clause = _texts(_monitoring_section(outline))
    assert "nicht zur Kontrolle von Leistung oder Verhalten" in clause
    assert "technisch geeignet" not in clause
    assert "Nach Angaben des Arbeitgebers keine" in _texts(outline.annexes[0])


def test_missing_details_become_placeholders():
    outline = build_outline(PROJECT)
    assistant = _texts(outline.annexes[1])
    assert "Anbieter: [Anbieter]" in assistant
    assert "Betrieb und Speicherort: [Betrieb und Speicherort]" in assistant
    labels = [p.label for p in outline.placeholders()]
    assert "Anbieter" in labels and "Name und Ort des Betriebs" in labels
    # Given details are not placeholders.
    assert "Anbieter: Beispiel Vision GmbH" in _texts(outline.annexes[0])


def test_placeholders_are_highlighted_in_the_docx():
    doc = Document(BytesIO(to_docx(build_outline(PROJECT))))
    marked = [
        r.text
        for p in doc.paragraphs
        for r in p.runs
        if r.font.highlight_color == WD_COLOR_INDEX.YELLOW
    ]
    assert "[Anbieter]" in marked
    assert all(t.startswith("[") and t.endswith("]") for t in marked)
    assert len(marked) == len(build_outline(PROJECT).placeholders())


def test_placeholders_are_marked_in_the_html():
    html = to_html(build_outline(PROJECT))
    assert '<mark class="placeholder">[Anbieter]</mark>' in html
    assert html.count('class="placeholder"') == len(build_outline(PROJECT).placeholders())
    assert 'class="draft-notice"' in html and "ENTWURF – keine Rechtsberatung" in html
    assert html.count('<section class="annex">') == 2


def test_html_escapes_what_the_project_wrote():
    evil = ProjectDescription("A & B <GmbH>", "<script>x</script>", systems=(System("<b>S</b>"),))
    html = to_html(build_outline(evil))
    assert "<script>" not in html and "<b>S</b>" not in html
    assert "A &amp; B &lt;GmbH&gt;" in html


def test_training_measures_and_evaluation_dates_are_listed_in_order():
    outline = build_outline(PROJECT)
    training = _texts(next(s for s in outline.sections if s.number == "§ 5"))
    assert "Schulung Sichtprüfung, 4 Stunden" in training
    evaluation = _texts(next(s for s in outline.sections if s.number == "§ 7"))
    assert evaluation.index("31.03.2027") < evaluation.index("30.06.2027")


@pytest.mark.parametrize(
    ("project", "label"),
    [
        (ProjectDescription("Firma", "Projekt"), "Qualifizierungsmaßnahme, Umfang, Zielgruppe"),
        (ProjectDescription("Firma", "Projekt"), "Datum der ersten Evaluation"),
        (ProjectDescription("", "Projekt"), "Name des Unternehmens"),
    ],
)
def test_empty_lists_and_names_become_placeholders(project, label):
    assert Placeholder(label) in build_outline(project).placeholders()


def test_no_systems_still_gives_a_complete_docx():
    outline = build_outline(ProjectDescription("Firma", "Projekt"))
    assert outline.annexes == ()
    _, text = _docx_texts(to_docx(outline))
    assert "die in den Anlagen genannten Systeme" in text


def test_the_html_renders_to_a_pdf():
    from weasyprint import HTML  # loading Pango takes a moment; only this test needs it

    page = f"<!doctype html><html lang='de'><body>{to_html(build_outline(PROJECT))}</body></html>"
    assert HTML(string=page).write_pdf().startswith(b"%PDF-")

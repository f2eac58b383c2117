"""The unit loader over the shipped units and over broken copies of one (table of cases)."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from zukunftszentrum.assessments.engine.yamlsource import ContentError
from zukunftszentrum.learning.competence.framework import load_framework
from zukunftszentrum.self_learning.units.loader import load_unit, load_units
from zukunftszentrum.self_learning.units.render import render

CONTENT = Path(__file__).resolve().parents[3] / "content"
UNITS = CONTENT / "units"
UNIT = "ki-ergebnisse-pruefen"
COMPETENCES = [
    c.id for c in load_framework(CONTENT / "frameworks" / "ai-competence.yaml").competences
]


def test_every_shipped_unit_loads() -> None:
    units = load_units(UNITS, COMPETENCES)
    assert len(units) >= 16
    for unit in units.values():
        assert 4 <= len(unit.sections) <= 7
        assert len(unit.questions) >= 2 * unit.per_attempt
        assert unit.sections[-1].de.title  # the summary section exists
        assert all(c in COMPETENCES for c in unit.competences)


def _copy(tmp_path: Path) -> tuple[Path, Path]:
    md, quiz = tmp_path / f"{UNIT}.md", tmp_path / f"{UNIT}.quiz.yaml"
    shutil.copy(UNITS / md.name, md)
    shutil.copy(UNITS / quiz.name, quiz)
    return md, quiz


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


# (case, file, old text, new text (first occurrence), message fragment, field, line of this text)
BROKEN = [
    ("no header", "md", "---\nid:", "id:", "must start with a '---'", "", None),
    (
        "header not closed",
        "md",
        "quiz: {per_attempt: 5, pass_mark: 0.8}\n---",
        "quiz: x",
        "no closing",
        "",
        None,
    ),
    ("broken YAML", "md", "minutes: 12", "minutes: [12", "invalid YAML", "", None),
    (
        "unknown competence",
        "md",
        "checking_outputs: 2",
        "reading_tea_leaves: 2",
        "unknown competence",
        "competences.reading_tea_leaves",
        "reading_tea_leaves",
    ),
    (
        "level out of range",
        "md",
        "checking_outputs: 2",
        "checking_outputs: 7",
        "not a level",
        "competences.checking_outputs",
        "checking_outputs: 7",
    ),
    (
        "id differs from file",
        "md",
        "id: ki-ergebnisse-pruefen",
        "id: anderes",
        "differs from the file name",
        "id",
        "id: anderes",
    ),
    (
        "version not text",
        "md",
        'version: "2027.1"',
        "version: 2027.1",
        "expected text",
        "version",
        "version: 2027.1",
    ),
    ("too long", "md", "minutes: 12", "minutes: 45", "10-20 minutes", "minutes", "minutes: 45"),
    (
        "unknown audience",
        "md",
        "audience: [employee,",
        "audience: [robots,",
        "unknown audience",
        "audience[0]",
        "audience:",
    ),
    (
        "missing English title",
        "md",
        ', en: "Checking AI output"}',
        "}",
        "'en' is missing",
        "title.en",
        "title:",
    ),
    (
        "pass mark above 1",
        "md",
        "pass_mark: 0.8",
        "pass_mark: 8",
        "share between",
        "quiz.pass_mark",
        "quiz:",
    ),
    (
        "missing English block",
        "md",
        "<!-- en -->\n## How thoroughly",
        "## How thoroughly",
        "language block missing",
        "sections.wie-gruendlich.en",
        "section: wie-gruendlich",
    ),
    (
        "block without heading",
        "md",
        "## Wie gründlich prüfen?\n",
        "",
        "'## ' heading",
        "sections.wie-gruendlich.de",
        None,
    ),
    (
        "text before sections",
        "md",
        "<!-- section: wie-gruendlich -->",
        "Hallo\n<!-- section: wie-gruendlich -->",
        "text before the first",
        "",
        "Hallo",
    ),
    (
        "no correct option",
        "quiz",
        "        correct: true\n",
        "        correct: false\n",
        "no correct option",
        "questions[0].options",
        "options:",
    ),
    (
        "bank too small",
        "quiz",
        "unit: ki-ergebnisse-pruefen",
        "unit: ki-ergebnisse-pruefen",
        "",
        "",
        None,
    ),
    (
        "question for another competence",
        "quiz",
        "competence: checking_outputs",
        "competence: prompting",
        "not one of the unit's competences",
        "questions[0].competence",
        "competence: prompting",
    ),
    (
        "unknown question type",
        "quiz",
        "type: single",
        "type: essay",
        "unknown type",
        "questions[0].type",
        "type: essay",
    ),
    (
        "missing German feedback",
        "quiz",
        'feedback: {de: "Nein: Ein einziger Satz mit einer falschen Zahl kann mehr Schaden anrichten als eine lange Ideenliste.", ',
        "feedback: {",
        "'de' is missing",
        "questions[0].options[0].feedback.de",
        None,
    ),
    (
        "bank of another unit",
        "quiz",
        "unit: ki-ergebnisse-pruefen",
        "unit: prompting-im-alltag",
        "belongs to unit",
        "unit",
        "unit: prompting",
    ),
    (
        "source link without https",
        "md",
        'url: "https://www.gesetze-im-internet.de/agg/__11.html"',
        'url: "http://www.gesetze-im-internet.de/agg/__11.html"',
        "must start with https://",
        "sources[1].url",
        "agg/__11",
    ),
    # The next two are edited in the test (several lines change).
    ("no linked source", "md", "sources:", "sources:", "", "", None),
    ("no law version", "md", "law_as_of:", "law_as_of:", "", "", None),
]


@pytest.mark.parametrize(
    ("case", "which", "old", "new", "message", "field", "line_text"),
    BROKEN,
    ids=[b[0] for b in BROKEN],
)
def test_broken_units_fail_with_file_line_and_field(
    tmp_path: Path,
    case: str,
    which: str,
    old: str,
    new: str,
    message: str,
    field: str,
    line_text: str | None,
) -> None:
    md, quiz = _copy(tmp_path)
    target = md if which == "md" else quiz
    text = target.read_text()
    assert old in text, case
    if case == "bank too small":  # keep only the first six questions
        text = text[: [m.start() for m in re.finditer(r"\n  - id: q", text)][6]] + "\n"
        message, field = "the bank needs at least 2 x per_attempt = 10", "questions"
    if case == "no linked source":
        text = re.sub(r', url: "[^"]*"', "", text)
        message, field, line_text = (
            "at least one source needs an https:// link",
            "sources",
            "sources:",
        )
    if case == "no law version":  # the text cites Art. 4 and Art. 14
        text = re.sub(r"law_as_of:\n(  .*\n)+", "", text)
        message, field = "the text cites a provision: name the law versions", "law_as_of"
    target.write_text(text.replace(old, new, 1))
    with pytest.raises(ContentError) as caught:
        load_unit(md, quiz, COMPETENCES)
    error = caught.value
    assert message in error.message, str(error)
    assert error.path.endswith(target.name)
    assert error.field == field, str(error)
    if line_text is not None:
        assert error.line == _line_of(target, line_text), str(error)


def test_a_unit_without_its_bank_fails(tmp_path: Path) -> None:
    _md, quiz = _copy(tmp_path)
    quiz.unlink()
    with pytest.raises(ContentError, match=r"question bank .* is missing"):
        load_units(tmp_path, COMPETENCES)


def test_markdown_is_rendered_without_raw_html() -> None:
    html = render(
        "Text **fett** <script>alert(1)</script> [x](javascript:alert(1))\n\n| a |\n|---|\n| 1 |"
    )
    assert "<strong>fett</strong>" in html
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert 'href="javascript' not in html
    assert '<div class="zz-table-wrap" tabindex="0" role="region" aria-label="Tabelle">' in html
    assert '<th scope="col">a</th>' in html
    assert '<table class="zz-table">' in html and html.count("</div>") == 1


def test_a_broken_unit_stops_the_start(tmp_path: Path, settings) -> None:
    from django.core.exceptions import ImproperlyConfigured

    from zukunftszentrum.self_learning import content, extensions

    shutil.copytree(CONTENT / "frameworks", tmp_path / "frameworks")
    shutil.copytree(CONTENT / "learning", tmp_path / "learning")
    (tmp_path / "units").mkdir()
    _md, quiz = _copy(tmp_path / "units")
    quiz.write_text(
        quiz.read_text().replace("        correct: true\n", "        correct: false\n", 1)
    )
    settings.ZZ_CONTENT_DIR = tmp_path
    try:
        with pytest.raises(
            ImproperlyConfigured,
            match=r"units/ki-ergebnisse-pruefen\.quiz\.yaml, line \d+, field questions\[0\]\.options: no correct option",
        ):
            extensions.register()
    finally:
        settings.ZZ_CONTENT_DIR = CONTENT
        content.load()
    assert len(content.units()) >= 16

"""The fact-sheet loader: every shipped sheet loads in both languages, and a broken file is
refused with its file, line and field. Pure: no database."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from zukunftszentrum.ai_act.content_source import ContentError
from zukunftszentrum.ai_act.factsheets import (
    FAMILIES,
    SECTION_COUNT,
    anchor,
    load_factsheets,
    parse_factsheet,
    render_markdown,
)

CONTENT = Path(__file__).resolve().parents[3] / "content" / "ai_act" / "factsheets"
GOOD = (CONTENT / "speech.md").read_text(encoding="utf-8")
PATH = "content/ai_act/factsheets/speech.md"


def test_every_family_loads_in_both_languages() -> None:
    sheets = load_factsheets(CONTENT)
    assert tuple(sheets) == FAMILIES
    for sheet in sheets.values():
        for lang in ("de", "en"):
            assert len(sheet.sections[lang]) == SECTION_COUNT
            assert 600 <= sheet.words[lang] <= 1000
            assert sheet.title[lang] and sheet.summary[lang]
        assert sheet.sources and all(s.url.startswith("https://") for s in sheet.sources)


def line_of(text: str, needle: str) -> int:
    return text.splitlines().index(needle) + 1


# (what is broken, how to break the good file, the field the error names, a part of the message)
BROKEN = [
    ("no header", lambda t: t.replace("---\n", "", 1), "", "must start with a --- line"),
    ("unclosed header", lambda t: t.replace("---\n# de", "# de"), "", "not closed"),
    ("bad YAML", lambda t: t.replace("family: speech", "family: [speech"), "", "invalid YAML"),
    ("unknown key", lambda t: t.replace("family:", "colour: red\nfamily:"), "colour", "unknown"),
    ("misspelt title", lambda t: t.replace("title:", "titel:"), "titel", "unknown key"),
    (
        "missing summary",
        lambda t: re.sub(r"summary:\n(?:  .*\n)+", "", t),
        "summary",
        "required key is missing",
    ),
    (
        "empty English title",
        lambda t: t.replace("  en: Speech recognition and synthesis", "  en: ''"),
        "title.en",
        "must not be empty",
    ),
    ("unknown family", lambda t: t.replace("family: speech", "family: magic"), "family", "unknown"),
    (
        "family is not the file name",
        lambda t: t.replace("family: speech", "family: forecasting"),
        "family",
        "file name",
    ),
    (
        "bad version",
        lambda t: re.sub(r'version: "[^"]+"', "version: one", t, count=1),
        "version",
        "match",
    ),
    ("bad date", lambda t: t.replace("as_of: 2026-12-06", "as_of: soon"), "as_of", "date"),
    (
        "source without https",
        lambda t: t.replace("url: https://eur-lex", "url: http://eur-lex"),
        "sources[0].url",
        "https",
    ),
    ("no English part", lambda t: t.split("\n# en\n")[0], "body.en", "missing"),
    ("languages swapped", lambda t: t.replace("# de\n", "# en\n", 1), "body", "expected '# de'"),
    (
        "a section too few",
        lambda t: t.replace("## Was Beschäftigte wissen sollten\n", ""),
        "body.de",
        "6 '## ' sections",
    ),
    (
        "too short",
        lambda t: (
            t.split("## Typische Fehler")[0]
            + "".join(f"## S{i}\n\nkurz\n" for i in range(3))
            + "\n# en\n"
            + t.split("\n# en\n")[1]
        ),
        "body.de",
        "words",
    ),
    (
        "article without the law",
        lambda t: t.replace("Verordnung (EU) 2024/1689", "KI-Verordnung"),
        "body.de",
        "2024/1689",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "field", "message"), BROKEN, ids=[case[0] for case in BROKEN]
)
def test_broken_file_is_refused_naming_the_field(case, breaks, field, message) -> None:
    broken = breaks(GOOD)
    assert broken != GOOD, case
    with pytest.raises(ContentError) as err:
        parse_factsheet(broken, PATH)
    assert err.value.field == field
    assert message in err.value.message
    assert err.value.path == PATH
    assert str(err.value).startswith(PATH)


def test_error_names_the_line_of_the_field() -> None:
    broken = GOOD.replace("  en: Speech recognition and synthesis", "  en: ''")
    with pytest.raises(ContentError) as err:
        parse_factsheet(broken, PATH)
    assert err.value.line == line_of(broken, "  en: ''")


def test_error_in_a_source_names_its_line() -> None:
    broken = GOOD.replace("url: https://www.plattform", "url: ftp://www.plattform")
    with pytest.raises(ContentError) as err:
        parse_factsheet(broken, PATH)
    assert err.value.field == "sources[1].url"
    assert err.value.line == line_of(
        broken, "    url: ftp://www.plattform-lernende-systeme.de/ki-landkarte.html"
    )


def test_missing_family_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "speech.md").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_factsheets(tmp_path)
    assert err.value.path.endswith("language_text.md")
    assert "missing" in err.value.message


@pytest.mark.parametrize(
    ("markdown", "absent", "present"),
    [
        ("<script>alert(1)</script>", "<script>", "&lt;script&gt;"),
        ('<img src=x onerror="alert(1)">', "<img", "&lt;img"),
        ("[klick](javascript:alert(1))", 'href="javascript:', "[klick]"),
        ("**fett** und *schräg*", "**", "<strong>fett</strong>"),
        ("- eins\n- zwei", "- eins", "<li>eins</li>"),
    ],
)
def test_markdown_escapes_raw_html_and_script_links(markdown, absent, present) -> None:
    html = render_markdown(markdown)
    assert absent not in html
    assert present in html


@pytest.mark.parametrize(
    ("headings", "anchors"),
    [
        (["So funktioniert es"], ["so-funktioniert-es"]),
        (["Was Beschäftigte wissen sollten"], ["was-beschaeftigte-wissen-sollten"]),
        (["Fragen", "Fragen"], ["fragen", "fragen-2"]),
        (["???"], ["abschnitt"]),
    ],
)
def test_anchors_are_readable_and_unique(headings, anchors) -> None:
    taken: set[str] = set()
    assert [anchor(h, taken) for h in headings] == anchors


def test_content_modules_import_nothing_from_django() -> None:
    """They are pure, like the assessment engine: tested without a database or settings."""
    code = (
        "import sys, zukunftszentrum.ai_act.factsheets, zukunftszentrum.ai_act.notices;"
        "sys.exit(any(m == 'django' or m.startswith('django.') for m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], check=False)  # noqa: S603 (fixed code)
    assert result.returncode == 0

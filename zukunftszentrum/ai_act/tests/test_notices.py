"""The Art. 50 notice templates: each exists in both languages with its article and law version,
placeholders are filled only where a value is given, and a broken file names its field."""

from __future__ import annotations

from pathlib import Path

import pytest

from zukunftszentrum.ai_act.content_source import ContentError
from zukunftszentrum.ai_act.notices import NOTICES, fill, load_notices, parse_notice

CONTENT = Path(__file__).resolve().parents[3] / "content" / "ai_act" / "templates"
GOOD = (CONTENT / "chatbot.yaml").read_text(encoding="utf-8")
PATH = "content/ai_act/templates/chatbot.yaml"

EXPECTED_ARTICLES = {
    "chatbot": "Art. 50(1)",
    "deep_fake": "Art. 50(4)",
    "public_text": "Art. 50(4)",
    "emotion_biometric": "Art. 50(3)",
}


def test_every_notice_exists_in_both_languages_with_its_article() -> None:
    notices = load_notices(CONTENT)
    assert tuple(notices) == NOTICES
    for notice in notices.values():
        assert notice.article == EXPECTED_ARTICLES[notice.id]
        for lang in ("de", "en"):
            assert "2024/1689" in notice.law[lang]
            assert "{company}" in notice.text[lang]
            assert "{contact}" in notice.text[lang]
            assert notice.applies_when[lang] and notice.title[lang]


@pytest.mark.parametrize(
    ("text", "values", "expected"),
    [
        (
            "{company} – {contact}",
            {"company": "Muster GmbH", "contact": "a@b.de"},
            "Muster GmbH – a@b.de",
        ),
        ("{company} – {contact}", {"company": "Muster GmbH"}, "Muster GmbH – {contact}"),
        ("{company} – {contact}", {"company": "  ", "contact": ""}, "{company} – {contact}"),
        ("{company} {company}", {"company": "X"}, "X X"),
        ("Preis {0} {name}", {"company": "X"}, "Preis {0} {name}"),
    ],
)
def test_fill_replaces_only_given_placeholders(text, values, expected) -> None:
    assert fill(text, values) == expected


BROKEN = [
    (
        "unknown key",
        lambda t: t.replace("id: chatbot", "id: chatbot\ncolour: red"),
        "colour",
        "unknown",
    ),
    ("unknown id", lambda t: t.replace("id: chatbot", "id: popup"), "id", "unknown notice"),
    (
        "id is not the file name",
        lambda t: t.replace("id: chatbot", "id: deep_fake"),
        "id",
        "file name",
    ),
    ("wrong article", lambda t: t.replace('"Art. 50(1)"', '"Art. 52(1)"'), "article", "match"),
    (
        "law without version",
        lambda t: t.replace('de: "Verordnung (EU) 2024/1689', 'de: "KI-Verordnung'),
        "law.de",
        "2024/1689",
    ),
    (
        "unknown placeholder",
        lambda t: t.replace("Sie schreiben mit", "Sie, {name}, schreiben mit"),
        "text.de",
        "{name}",
    ),
    (
        "placeholders differ",
        lambda t: t.replace("you can reach us at {contact}", "you can reach us"),
        "text.en",
        "other placeholders",
    ),
    ("missing text", lambda t: t.split("text:")[0], "text", "required"),
    (
        "bad date",
        lambda t: t.replace("applies_from: 2026-08-02", "applies_from: bald"),
        "applies_from",
        "date",
    ),
]


@pytest.mark.parametrize(
    ("case", "breaks", "field", "message"), BROKEN, ids=[case[0] for case in BROKEN]
)
def test_broken_notice_is_refused_naming_the_field(case, breaks, field, message) -> None:
    broken = breaks(GOOD)
    assert broken != GOOD, case
    with pytest.raises(ContentError) as err:
        parse_notice(broken, PATH)
    assert err.value.field == field
    assert message in err.value.message
    assert str(err.value).startswith(PATH)


def test_missing_notice_file_is_named(tmp_path: Path) -> None:
    (tmp_path / "chatbot.yaml").write_text(GOOD, encoding="utf-8")
    with pytest.raises(ContentError) as err:
        load_notices(tmp_path)
    assert err.value.path.endswith("deep_fake.yaml")

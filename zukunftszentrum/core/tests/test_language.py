"""German first, English second: the interface switches language and keeps the page."""

from __future__ import annotations

import pytest
from django.urls import reverse


@pytest.mark.django_db
def test_german_is_the_default(client) -> None:
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="").content.decode()
    assert '<html lang="de">' in page and "Zum Inhalt springen" in page


@pytest.mark.django_db
def test_switching_to_english_translates_the_interface(client) -> None:
    response = client.post(reverse("set_language"), {"language": "en", "next": "/netzwerk/"})
    assert response["Location"] == "/netzwerk/"
    page = client.get("/netzwerk/").content.decode()
    assert '<html lang="en">' in page
    assert "Skip to content" in page and "Zum Inhalt springen" not in page


@pytest.mark.django_db
def test_every_catalog_entry_is_translated() -> None:
    from pathlib import Path

    po = Path(__file__).resolve().parents[2] / "locale/en/LC_MESSAGES/django.po"
    text = po.read_text(encoding="utf-8")
    entries = text.split("\n\n")[1:]  # the first block is the header
    untranslated = [e for e in entries if e.rstrip().endswith('msgstr ""') or "#, fuzzy" in e]
    assert not untranslated, untranslated[:3]


def test_third_party_messages_use_formal_german() -> None:
    from django.utils import translation
    from django.utils.translation import gettext

    with translation.override("de"):
        assert gettext("You must type the same password each time.") == (
            "Bitte geben Sie zweimal dasselbe Passwort ein."
        )


@pytest.mark.parametrize(
    ("language", "fmt", "expected"),
    [
        ("en", "DATE_FORMAT", "6 December 2026"),
        ("en", "SHORT_DATE_FORMAT", "6 Dec 2026"),
        ("en", "DATETIME_FORMAT", "6 December 2026, 14:05"),
        ("de", "DATE_FORMAT", "6. Dezember 2026"),
        ("de", "SHORT_DATE_FORMAT", "06.12.2026"),
    ],
)
def test_dates_are_day_first_in_both_languages(language: str, fmt: str, expected: str) -> None:
    import datetime as dt

    from django.template.defaultfilters import date as date_filter
    from django.utils import translation

    with translation.override(language):
        assert date_filter(dt.datetime(2026, 12, 6, 14, 5), fmt) == expected

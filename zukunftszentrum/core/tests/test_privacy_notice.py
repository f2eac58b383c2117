"""The privacy notice's "who sees what": each role's entry says what the apps show it, including
the combined figures colleagues see, and people are asked again after a change."""

from __future__ import annotations

import re

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _notice(language: str = "de") -> str:
    page = Client(headers={"accept-language": language}).get(reverse("core:privacy_notice"))
    assert page.status_code == 200
    return re.sub(r"\s+", " ", page.content.decode())


def _entry(page: str, who: str) -> str:
    """The text of one role's entry in the list."""
    found = re.search(re.escape(who) + r"</dt>\s*<dd[^>]*>(.*?)</dd>", page)
    assert found, f"no entry for {who}"
    return found.group(1)


def test_employees_and_the_works_council_are_told_they_see_combined_results() -> None:
    page = _notice()
    colleagues = _entry(page, "Betriebsrat und Beschäftigte")
    # Until 2026-12 this entry said "keine Ergebnisse anderer Personen", while colleagues see
    # the combined result of a closed company check.
    assert "keine Ergebnisse anderer Personen" not in page
    assert "Gesamtergebnis abgeschlossener Unternehmens-Checks" in colleagues
    assert "Einzelergebnisse anderer Personen" in colleagues
    project = _entry(page, "In einem Projekt unter „Mitgestalten“")
    assert "Meinungslandkarte" in project and "freigegeben" in project


def test_every_role_that_sees_names_is_told_so() -> None:
    page = _notice()
    assert "wer aus dem Unternehmen einen Platz" in _entry(
        page, "Geschäftsführung Ihres Unternehmens"
    )
    courses = _entry(page, "Kurse eines Zentrums (Weiterbildung und Zentrumsleitung)")
    assert "mit Namen und Organisation" in courses
    assert "Nachweise mit dem Namen" in _entry(page, "Programmverwaltung")
    assert "den Namen darauf" in _entry(page, "Wer einen Nachweis von Ihnen erhält")
    assert f"mindestens {settings.ZZ_MIN_GROUP_SIZE} Personen" in page


def test_the_english_notice_says_the_same() -> None:
    page = _notice("en")
    assert "the combined result of closed company checks" in page
    assert "In a project under “Co-design”" in page
    assert "Bewertungen" not in page  # no German left in the who-sees-what list


def test_the_changed_notice_has_a_new_version() -> None:
    # The consent middleware asks everyone again only when the version changes.
    assert settings.ZZ_PRIVACY_NOTICE_VERSION != "2026-12"
    assert f"Fassung {settings.ZZ_PRIVACY_NOTICE_VERSION}" in _notice()

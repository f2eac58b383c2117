"""The inventory speaks English to a person who chose English."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import make_classified

pytestmark = pytest.mark.django_db


def test_the_system_page_in_english(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    system = make_classified(lead.organisation)
    client = login(lead)
    page = client.get(
        reverse("ai_act:system_detail", args=[system.pk]), HTTP_ACCEPT_LANGUAGE="en"
    ).content.decode()
    assert "Classification under the AI Act" in page and "High risk" in page
    assert "Einstufung nach der KI-Verordnung" not in page
    assert "AI basics – Level 1" in page and "Office and administration" in page
    assert "Why this classification" in page and "Annex III point 4(b)" in page
    assert "section 87(1) no. 6 BetrVG" in page  # the works council's right, in English

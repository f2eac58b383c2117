"""The demo step: the showcase company's five systems, classified, idempotent."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.demo import SYSTEMS, seed_ai_systems
from zukunftszentrum.ai_act.models import AISystem, Classification
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


def test_seeding_creates_and_classifies_the_systems_once() -> None:
    company = make_organisation(name=SHOWCASE_COMPANY)
    make_member(Role.COMPANY_LEAD, organisation=company)
    assert seed_ai_systems() == {"systems": len(SYSTEMS), "classified": len(SYSTEMS)}
    risks = dict(Classification.objects.values_list("system__name", "risk"))
    assert risks["Bewerbungsvorauswahl"] == "high_risk"
    assert risks["Schichtplaner mit Leistungsranking"] == "high_risk"
    assert risks["Kundenchat auf der Website"] == "transparency"
    assert seed_ai_systems() == {"systems": 0, "classified": 0}
    assert AISystem.objects.count() == len(SYSTEMS)

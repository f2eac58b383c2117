"""Solo self-employed people: an organisation of one is offered no staff survey and reads no
employer wording; texts fit one person."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.exceptions import NotAllowed
from zukunftszentrum.assessments.queries import available_instruments
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db

STAFF_SURVEY = "work_voice"
EMPLOYER = "Arbeitgeber"


def _openable(member) -> list[str]:
    return [i.key for i in available_instruments(member)["openable"]]


def test_a_solo_is_not_offered_the_staff_survey() -> None:
    solo = make_member(Role.SOLO)
    lead = make_member(Role.COMPANY_LEAD)
    assert STAFF_SURVEY not in _openable(solo) and "readiness" in _openable(solo)
    assert STAFF_SURVEY in _openable(lead)


def test_a_solo_cannot_open_the_staff_survey_by_posting() -> None:
    solo = make_member(Role.SOLO)
    with pytest.raises(NotAllowed):
        actions.open_assessment(member=solo, instrument_key=STAFF_SURVEY)


def test_the_overview_speaks_to_one_person(login) -> None:
    solo = make_member(Role.SOLO)
    page = login(solo).get(reverse("assessments:overview")).content.decode()
    assert "alle Mitglieder Ihrer Organisation" not in page and EMPLOYER not in page
    assert "für Ihren Betrieb" in page and "KI und meine Arbeit" not in page
    start = login(solo).get(reverse("assessments:individual_start")).content.decode()
    assert EMPLOYER not in start


def test_employees_still_read_that_their_employer_does_not_see(login) -> None:
    employee = make_member(Role.EMPLOYEE)
    page = login(employee).get(reverse("assessments:overview")).content.decode()
    assert "Auch Ihr Arbeitgeber sieht Ihre Antworten nicht." in page
    start = login(employee).get(reverse("assessments:individual_start")).content.decode()
    assert "Auch Ihr Arbeitgeber sieht Ihre Antworten nicht." in start


def test_a_solo_company_result_leads_to_the_own_result(login) -> None:
    solo = make_member(Role.SOLO)
    run = actions.open_assessment(member=solo, instrument_key="readiness")
    page = login(solo).get(reverse("assessments:company_result", args=[run.pk])).content.decode()
    assert "kein gemeinsames Ergebnis mehrerer Personen" in page
    assert "sobald mindestens" not in page and "Beschäftigten" not in page
    assert reverse("assessments:assessment_start", args=[run.pk]) in page

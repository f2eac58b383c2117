"""The self-checks' cards on "Meine Übersicht": what waits for the person, and the works
council's way to the company's checks."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments import actions, pages
from zukunftszentrum.assessments.models import Participation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import flow_content, make_response  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_content")]

DASHBOARD = "organisations:dashboard"


def _company():
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    named = actions.open_assessment(member=lead, instrument_key="flowcheck")
    anonymous = actions.open_assessment(member=lead, instrument_key="flowvoice")
    return lead, employee, named, anonymous


def _waiting(member) -> list[int]:
    return [w["assessment"].pk for w in pages.waiting_checks(member)["waiting_checks"]]


def test_open_checks_wait_until_answered() -> None:
    _lead, employee, named, anonymous = _company()
    assert _waiting(employee) == [named.pk, anonymous.pk]
    draft = make_response(employee, named)
    assert _waiting(employee) == [named.pk, anonymous.pk]
    draft.submitted_at, draft.result = timezone.now(), {"overall": 50}
    draft.save()
    Participation.objects.create(user=employee.user, assessment=anonymous)
    assert _waiting(employee) == []


def test_closed_checks_and_other_companies_do_not_wait() -> None:
    lead, employee, named, anonymous = _company()
    actions.close_assessment(member=lead, assessment=named)
    assert _waiting(employee) == [anonymous.pk]
    stranger = make_member(Role.EMPLOYEE)
    assert _waiting(stranger) == []


def test_the_overview_card_links_each_waiting_check(login) -> None:
    _lead, employee, named, _anonymous = _company()
    page = login(employee).get(reverse(DASHBOARD)).content.decode()
    assert "Checks, die auf Ihre Antwort warten" in page
    assert reverse("assessments:assessment_start", args=[named.pk]) in page


def test_a_centre_member_sees_no_waiting_checks(login) -> None:
    _company()
    advisor = make_member(Role.ADVISOR)
    page = login(advisor).get(reverse(DASHBOARD)).content.decode()
    assert "Checks, die auf Ihre Antwort warten" not in page


def test_the_works_council_card_leads_to_the_checks(login) -> None:
    lead, _employee, _named, _anonymous = _company()
    council = make_member(Role.WORKS_COUNCIL, organisation=lead.organisation)
    page = login(council).get(reverse(DASHBOARD)).content.decode()
    assert "Zu den Checks Ihres Unternehmens" in page
    employee_page = login(_employee).get(reverse(DASHBOARD)).content.decode()
    assert "Zu den Checks Ihres Unternehmens" not in employee_page

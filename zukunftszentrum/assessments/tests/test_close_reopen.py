"""Closing a company check asks first (GET names the consequences, POST does it, a second POST
changes nothing and says so); a check closed by mistake can be reopened by its lead within
REOPEN_DAYS and keeps its releases."""

from __future__ import annotations

import datetime as dt

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.audit_actions import AssessmentAction
from zukunftszentrum.assessments.exceptions import NotAllowed
from zukunftszentrum.assessments.models import Assessment, ResultRelease
from zukunftszentrum.assessments.rules import REOPEN_DAYS, may_reopen_assessment
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import flow_content  # noqa: F401

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("flow_content")]


def _company():
    lead = make_member(Role.COMPANY_LEAD)
    employee = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    assessment = actions.open_assessment(member=lead, instrument_key="flowcheck")
    return lead, employee, assessment


def _notes(answer) -> list[str]:
    return [str(m) for m in get_messages(answer.wsgi_request)]


def test_get_asks_and_names_the_consequences(login) -> None:
    lead, _employee, assessment = _company()
    page = login(lead).get(reverse("assessments:close", args=[assessment.pk]))
    text = page.content.decode()
    assert page.status_code == 200
    assert "niemand mehr Antworten absenden" in text and "letztes Mal freigegeben" in text
    assert f"{REOPEN_DAYS} Tagen wieder öffnen" in text and 'method="post"' in text
    assessment.refresh_from_db()
    assert assessment.is_open  # asking changed nothing


def test_post_closes_and_a_second_post_says_nothing_changed(login) -> None:
    lead, _employee, assessment = _company()
    client = login(lead)
    url = reverse("assessments:close", args=[assessment.pk])
    first = client.post(url)
    assessment.refresh_from_db()
    assert first.status_code == 302 and not assessment.is_open
    closed_at = assessment.closed_at
    second = client.post(url, follow=True)
    assessment.refresh_from_db()
    assert assessment.closed_at == closed_at
    assert "bereits abgeschlossen; es hat sich nichts geändert" in second.content.decode()
    # the confirmation page in a second tab says it is done
    assert "bereits abgeschlossen" in client.get(url).content.decode()


def test_wrong_role_403_and_wrong_tenant_404(login) -> None:
    _lead, employee, assessment = _company()
    actions.close_assessment(member=_lead, assessment=assessment)
    for name in ("close", "reopen"):
        url = reverse(f"assessments:{name}", args=[assessment.pk])
        assert login(employee).get(url).status_code == 403
        assert login(employee).post(url).status_code == 403
        stranger = make_member(Role.COMPANY_LEAD)
        assert login(stranger).get(url).status_code == 404
        assert login(stranger).post(url).status_code == 404
    assessment.refresh_from_db()
    assert not assessment.is_open


def test_the_lead_reopens_within_the_period_and_the_releases_stay(login) -> None:
    lead, _employee, assessment = _company()
    actions.close_assessment(member=lead, assessment=assessment)
    releases = list(ResultRelease.objects.filter(assessment=assessment).values_list("pk"))
    client = login(lead)
    url = reverse("assessments:reopen", args=[assessment.pk])
    overview = client.get(reverse("assessments:overview")).content.decode()
    assert url in overview
    ask = client.get(url).content.decode()
    assert "wieder antworten" in ask and "Freigaben des Ergebnisses bleiben erhalten" in ask
    client.post(url)
    assessment.refresh_from_db()
    assert assessment.is_open and assessment.closed_at is None
    assert list(ResultRelease.objects.filter(assessment=assessment).values_list("pk")) == releases
    assert AuditEvent.objects.filter(action=AssessmentAction.ASSESSMENT_REOPENED).count() == 1
    again = client.post(url, follow=True).content.decode()
    assert "bereits wieder offen; es hat sich nichts geändert" in again
    assert AuditEvent.objects.filter(action=AssessmentAction.ASSESSMENT_REOPENED).count() == 1


def test_after_the_period_the_check_stays_closed(login) -> None:
    lead, _employee, assessment = _company()
    actions.close_assessment(member=lead, assessment=assessment)
    Assessment.objects.filter(pk=assessment.pk).update(
        closed_at=timezone.now() - dt.timedelta(days=REOPEN_DAYS, minutes=1)
    )
    assessment.refresh_from_db()
    assert not may_reopen_assessment(lead, assessment)
    with pytest.raises(NotAllowed):
        actions.reopen_assessment(member=lead, assessment=assessment)
    client = login(lead)
    url = reverse("assessments:reopen", args=[assessment.pk])
    assert "ersten 7 Tagen" in client.get(url).content.decode()
    assert url not in client.get(reverse("assessments:overview")).content.decode()
    answer = client.post(url)
    assessment.refresh_from_db()
    assert answer.status_code == 302 and not assessment.is_open
    assert any("ersten 7 Tagen" in note for note in _notes(answer))


def test_no_reopen_while_a_newer_run_is_open() -> None:
    lead, _employee, assessment = _company()
    actions.close_assessment(member=lead, assessment=assessment)
    actions.open_assessment(member=lead, instrument_key="flowcheck")
    assessment.refresh_from_db()
    answer = may_reopen_assessment(lead, assessment)
    assert not answer and "neuer Durchgang" in answer.reason

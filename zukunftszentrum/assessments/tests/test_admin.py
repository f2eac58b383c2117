"""The self-checks in the Django admin: company checks as read-only records, no answers at all."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.models import Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db

SECRET = "Geheimer Freitext 0815"


@pytest.fixture
def programme_admin():
    return make_member(Role.PROGRAMME_ADMIN)


@pytest.fixture
def answers():
    """A named readiness answer and an anonymous one with a free text, both submitted."""
    lead = make_member(Role.COMPANY_LEAD)
    lead.organisation.legal_name = "Adminprobe GmbH"
    lead.organisation.save()
    employee = make_member(
        Role.EMPLOYEE, user=make_user("eva@example.org", name="Eva Sichtbar"),
        organisation=lead.organisation,
    )  # fmt: skip
    readiness = actions.open_assessment(member=lead, instrument_key="readiness")
    named, _ = actions.start_assessment_response(member=employee, assessment=readiness)
    voice = actions.open_assessment(member=lead, instrument_key="work_voice")
    anonymous, _ = actions.start_assessment_response(member=employee, assessment=voice)
    for response, data in ((named, {"strategy_goals": 4}), (anonymous, {"exp_routine": 2})):
        if response.instrument_key == "work_voice":
            data["message_to_management"] = SECRET
        Response.objects.filter(pk=response.pk).update(answers=data)
        response.refresh_from_db()
        actions.submit_response(response=response, version=response.version)
    return named, anonymous


def test_programme_admin_sees_the_company_checks(login, programme_admin, answers) -> None:
    page = login(programme_admin).get(reverse("admin:assessments_assessment_changelist"))
    assert page.status_code == 200
    assert "Adminprobe GmbH" in page.content.decode()


def test_no_response_is_in_the_admin(login, programme_admin, answers) -> None:
    """Neither a named nor an anonymous answer, nor a list of who answered what."""
    named, anonymous = answers
    client = login(programme_admin)
    for response in (named, anonymous):
        path = f"assessments/response/{response.pk}/change/"
        assert client.get(f"{reverse('admin:index')}{path}").status_code == 404
    index = client.get(reverse("admin:index")).content.decode()
    assert "assessments/response" not in index and "assessments/participation" not in index
    assert client.get(f"{reverse('admin:index')}assessments/response/").status_code == 404


def test_a_check_shows_no_person_no_answers_and_no_count(login, programme_admin, answers):
    named, anonymous = answers
    client = login(programme_admin)
    for assessment in (named.assessment, anonymous.assessment):
        for page in (
            client.get(reverse("admin:assessments_assessment_change", args=[assessment.pk])),
            client.get(reverse("admin:assessments_assessment_changelist")),
        ):
            text = page.content.decode()
            assert "Eva Sichtbar" not in text and "eva@example.org" not in text
            assert SECRET not in text and "strategy_goals" not in text
            assert "exp_routine" not in text and "Antworten" not in text


def test_nothing_is_editable(login, programme_admin, answers):
    named, _anonymous = answers
    client = login(programme_admin)
    assessment = named.assessment
    assert client.get(reverse("admin:assessments_assessment_add")).status_code == 403
    delete = reverse("admin:assessments_assessment_delete", args=[assessment.pk])
    assert client.get(delete).status_code == 403
    page = client.get(reverse("admin:assessments_assessment_change", args=[assessment.pk]))
    assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    client.post(page.request["PATH_INFO"], {"status": "closed"})
    assessment.refresh_from_db()
    assert assessment.status == "open"


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.CENTRE_ADMIN, Role.ADVISOR])
def test_other_roles_cannot_open_the_changelist(login, role, answers) -> None:
    client = login(make_member(role))
    url = reverse("admin:assessments_assessment_changelist")
    assert client.get(url, follow=True).status_code == 403

"""The self-checks in the Django admin: read-only, and anonymous answers stay unseen."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.assessments import actions
from zukunftszentrum.assessments.models import Response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_user

pytestmark = pytest.mark.django_db

CHANGELISTS = ["admin:assessments_assessment_changelist", "admin:assessments_response_changelist"]
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


@pytest.mark.parametrize("name", CHANGELISTS)
def test_programme_admin_opens_the_changelists(login, programme_admin, answers, name) -> None:
    page = login(programme_admin).get(reverse(name))
    assert page.status_code == 200
    assert "Adminprobe GmbH" in page.content.decode()


def test_anonymous_answers_show_no_answers_and_no_person(login, programme_admin, answers):
    _named, anonymous = answers
    client = login(programme_admin)
    listing = client.get(reverse("admin:assessments_response_changelist")).content.decode()
    assert SECRET not in listing
    page = client.get(
        reverse("admin:assessments_response_change", args=[anonymous.pk])
    ).content.decode()
    assert page.count("work_voice") >= 1
    assert SECRET not in page and "exp_routine" not in page
    assert "Eva Sichtbar" not in page and "eva@example.org" not in page
    assert anonymous.resume_token_hash not in page


def test_named_answers_show_person_and_answers(login, programme_admin, answers):
    named, _anonymous = answers
    page = (
        login(programme_admin)
        .get(reverse("admin:assessments_response_change", args=[named.pk]))
        .content.decode()
    )
    assert "strategy_goals" in page and "Eva Sichtbar" in page


def test_nothing_is_editable(login, programme_admin, answers):
    named, _anonymous = answers
    client = login(programme_admin)
    assessment = named.assessment
    for model, pk in (("assessment", assessment.pk), ("response", named.pk)):
        assert client.get(reverse(f"admin:assessments_{model}_add")).status_code == 403
        assert (
            client.get(reverse(f"admin:assessments_{model}_delete", args=[pk])).status_code == 403
        )
        page = client.get(reverse(f"admin:assessments_{model}_change", args=[pk]))
        assert page.status_code == 200 and 'name="_save"' not in page.content.decode()
    change = reverse("admin:assessments_response_change", args=[named.pk])
    client.post(change, {"answers": "{}", "version": "x"})
    named.refresh_from_db()
    assert named.answers == {"strategy_goals": 4}


def test_participations_are_not_in_the_admin(login, programme_admin) -> None:
    page = login(programme_admin).get(reverse("admin:index")).content.decode()
    assert "assessments/participation" not in page
    assert "assessments/response" in page


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.CENTRE_ADMIN, Role.ADVISOR])
def test_other_roles_cannot_open_the_changelists(login, role) -> None:
    client = login(make_member(role))
    for name in CHANGELISTS:
        assert client.get(reverse(name), follow=True).status_code == 403

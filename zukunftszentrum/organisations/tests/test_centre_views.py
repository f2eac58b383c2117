"""The centre workspace: team, staff invitations, accompaniments, asking a company."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.models import Accompaniment, Invitation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db

WORKSPACE = reverse("organisations:centre_workspace")
INVITE = reverse("organisations:centre_invite")
REQUEST = reverse("organisations:centre_request")
NO_REVEAL = "Wenn ein Unternehmen mit dieser Adresse registriert ist, erhält es Ihre Anfrage."


@pytest.fixture
def centre():
    return make_centre(name="Zukunftszentrum Nord", lands=("HH", "SH"))


@pytest.fixture
def centre_admin(centre):
    return make_member(Role.CENTRE_ADMIN, centre=centre, user=make_user(name="Clara Leitung"))


@pytest.fixture
def advisor(centre):
    return make_member(Role.ADVISOR, centre=centre, user=make_user(name="Anton Beratung"))


@pytest.fixture
def company_lead():
    user = make_user("chefin@example.org", name="Carla Chefin")
    return make_member(
        Role.COMPANY_LEAD, organisation=make_organisation(name="Werft Nord"), user=user
    )


# --- workspace --------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER])
def test_centre_staff_open_the_workspace(login, centre, centre_admin, role) -> None:
    member = centre_admin if role is Role.CENTRE_ADMIN else make_member(role, centre=centre)
    page = login(member).get(WORKSPACE)
    assert page.status_code == 200
    assert "Zukunftszentrum Nord" in page.text and "Clara Leitung" in page.text


@pytest.mark.parametrize(
    "role", [Role.COMPANY_LEAD, Role.EMPLOYEE, Role.SOLO, Role.PROGRAMME_ADMIN]
)
def test_others_get_403(login, role) -> None:
    assert login(make_member(role)).get(WORKSPACE).status_code == 403


def test_the_workspace_shows_only_the_own_centre(login, centre, advisor, company_lead) -> None:
    other_centre = make_centre(name="Zukunftszentrum Süd")
    other_advisor = make_member(Role.ADVISOR, centre=other_centre, user=make_user(name="Otto"))
    acc = actions.request_accompaniment(
        member=other_advisor, organisation=company_lead.organisation
    )
    actions.decide_accompaniment(member=company_lead, accompaniment=acc, consent=True)
    page = login(advisor).get(WORKSPACE)
    assert "Zukunftszentrum Süd" not in page.text
    assert "Otto" not in page.text and "Werft Nord" not in page.text


def test_agreed_accompaniments_are_listed_open_requests_are_not(
    login, advisor, company_lead
) -> None:
    acc = actions.request_accompaniment(member=advisor, organisation=company_lead.organisation)
    client = login(advisor)
    assert "Werft Nord" not in client.get(WORKSPACE).text
    actions.decide_accompaniment(member=company_lead, accompaniment=acc, consent=True)
    page = client.get(WORKSPACE)
    assert "Werft Nord" in page.text
    assert reverse("organisations:organisation_detail", args=[acc.organisation_id]) in page.text


def test_a_trainer_sees_the_team_but_no_accompaniments(
    login, centre, advisor, company_lead
) -> None:
    acc = actions.request_accompaniment(member=advisor, organisation=company_lead.organisation)
    actions.decide_accompaniment(member=company_lead, accompaniment=acc, consent=True)
    page = login(make_member(Role.TRAINER, centre=centre)).get(WORKSPACE)
    assert "Anton Beratung" in page.text
    assert "Werft Nord" not in page.text and REQUEST not in page.text


def test_staff_invitations_only_for_the_centre_admin(login, centre_admin, advisor) -> None:
    actions.invite(
        member=centre_admin, email="neu@example.org", role=Role.TRAINER, centre=centre_admin.centre
    )
    assert "neu@example.org" in login(centre_admin).get(WORKSPACE).text
    page = login(advisor).get(WORKSPACE)
    assert "neu@example.org" not in page.text and INVITE not in page.text


# --- inviting staff ---------------------------------------------------------------------------


def test_the_centre_admin_invites_staff_by_email(login, centre_admin, client) -> None:
    c = login(centre_admin)
    assert c.get(INVITE).status_code == 200
    answer = c.post(INVITE, {"email": "berater@example.org", "role": "advisor"})
    assert answer.status_code == 302
    invitation = Invitation.objects.get()
    assert (invitation.centre, invitation.role) == (centre_admin.centre, "advisor")
    [message] = mail.outbox
    assert "Zukunftszentrum Nord" in message.body and "Clara Leitung" in message.body
    link = next(line for line in message.body.splitlines() if "/einladung/" in line)
    client.logout()
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_staff_invite_with_a_bad_address_keeps_the_input(login, centre_admin) -> None:
    answer = login(centre_admin).post(INVITE, {"email": "berater(at)example", "role": "trainer"})
    assert answer.status_code == 200
    assert 'value="berater(at)example"' in answer.text and "gültige E-Mail-Adresse" in answer.text
    assert not Invitation.objects.exists()


def test_staff_invite_rejects_a_company_role(login, centre_admin) -> None:
    answer = login(centre_admin).post(INVITE, {"email": "x@example.org", "role": "company_lead"})
    assert answer.status_code == 200 and not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.TRAINER, Role.COMPANY_LEAD])
def test_staff_invite_wrong_role_is_403(login, role) -> None:
    client = login(make_member(role))
    assert client.get(INVITE).status_code == 403
    assert client.post(INVITE, {"email": "x@example.org", "role": "advisor"}).status_code == 403
    assert not Invitation.objects.exists()


def test_staff_invitation_is_for_the_own_centre_only(login, centre_admin) -> None:
    other_admin = make_member(Role.CENTRE_ADMIN)
    login(other_admin).post(INVITE, {"email": "x@example.org", "role": "advisor"})
    assert Invitation.objects.get().centre == other_admin.centre != centre_admin.centre


# --- asking a company -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "created"),
    [("chefin@example.org", 1), ("CHEFIN@example.org", 1), ("unbekannt@example.org", 0)],
)
def test_the_answer_never_reveals_whether_the_address_exists(
    login, advisor, company_lead, typed, created
) -> None:
    answer = login(advisor).post(REQUEST, {"lead_email": typed, "message": "Hallo"}, follow=True)
    assert NO_REVEAL in answer.text
    assert "Werft Nord" not in answer.text
    assert Accompaniment.objects.count() == created
    assert len(mail.outbox) == created


def test_the_lead_gets_an_email_and_sees_the_request(login, advisor, company_lead) -> None:
    login(advisor).post(REQUEST, {"lead_email": "chefin@example.org", "message": "Wir bieten an"})
    [message] = mail.outbox
    assert message.to == ["chefin@example.org"]
    assert "Zukunftszentrum Nord" in message.body and "Wir bieten an" in message.body
    page_url = reverse("organisations:organisation_detail", args=[company_lead.organisation_id])
    assert f"http://testserver{page_url}#begleitung" in message.body
    page = login(company_lead).get(page_url)
    assert "Zukunftszentrum Nord" in page.text and "Wir bieten an" in page.text


def test_asking_an_employee_address_creates_nothing(login, advisor, company_lead) -> None:
    user = make_user("kollege@example.org")
    make_member(Role.EMPLOYEE, organisation=company_lead.organisation, user=user)
    answer = login(advisor).post(REQUEST, {"lead_email": "kollege@example.org"}, follow=True)
    assert NO_REVEAL in answer.text
    assert not Accompaniment.objects.exists() and not mail.outbox


def test_asking_twice_looks_the_same(login, advisor, company_lead) -> None:
    client = login(advisor)
    client.post(REQUEST, {"lead_email": "chefin@example.org"})
    answer = client.post(REQUEST, {"lead_email": "chefin@example.org"}, follow=True)
    assert NO_REVEAL in answer.text
    assert Accompaniment.objects.count() == 1 and len(mail.outbox) == 1


def test_a_bad_address_is_explained_and_kept(login, advisor) -> None:
    answer = login(advisor).post(REQUEST, {"lead_email": "chefin", "message": "Mein Text"})
    assert answer.status_code == 200
    assert "gültige E-Mail-Adresse" in answer.text
    assert 'value="chefin"' in answer.text and "Mein Text" in answer.text


def test_request_is_post_only(login, advisor) -> None:
    assert login(advisor).get(REQUEST).status_code == 405


@pytest.mark.parametrize("role", [Role.TRAINER, Role.COMPANY_LEAD, Role.PROGRAMME_ADMIN])
def test_request_wrong_role_is_403_even_on_get(login, company_lead, role) -> None:
    client = login(make_member(role))
    assert client.get(REQUEST).status_code == 403
    assert client.post(REQUEST, {"lead_email": "chefin@example.org"}).status_code == 403
    assert not Accompaniment.objects.exists()


def test_a_request_is_made_for_the_own_centre(login, advisor, company_lead) -> None:
    other_advisor = make_member(Role.ADVISOR)
    login(other_advisor).post(REQUEST, {"lead_email": "chefin@example.org"})
    assert Accompaniment.objects.get().centre == other_advisor.centre != advisor.centre

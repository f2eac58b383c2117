"""In-app requests: an organisation asks a centre for accompaniment, the centre answers, the
organisation sees the state."""

from __future__ import annotations

import pytest
from django.core import mail
from django.urls import reverse

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.exceptions import AccompanimentError, NotAllowed
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db
WORKSPACE = reverse("organisations:centre_workspace")


@pytest.fixture
def company():
    return make_organisation(name="Bäckerei Korn GmbH", land="BY")


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company)


@pytest.fixture
def centre():
    return make_centre(
        name="Zukunftszentrum Bayern", lands=("BY",), email="kontakt@zz-bayern.example"
    )


@pytest.fixture
def advisor(centre):
    return make_member(Role.ADVISOR, centre=centre)


def _ask_url(company) -> str:
    return reverse("organisations:organisation_ask_centre", args=[company.pk])


def _answer_url(acc) -> str:
    return reverse("organisations:centre_answer_request", args=[acc.pk])


def test_the_form_offers_the_centres_for_the_land_first(login, company, lead, centre) -> None:
    make_centre(name="Zukunftszentrum Nord", lands=("HH",))
    page = login(lead).get(_ask_url(company)).text
    assert "Zentren für Bayern" in page and "Weitere Zentren" in page
    assert page.index("Zukunftszentrum Bayern") < page.index("Zukunftszentrum Nord")


def test_a_lead_asks_and_the_centre_sees_it_on_its_workspace(
    login, client, company, lead, centre, advisor
) -> None:
    answer = login(lead).post(_ask_url(company), {"centre": centre.pk, "message": "KI im Büro"})
    assert answer.status_code == 302 and answer["Location"].endswith("#begleitung")
    acc = Accompaniment.objects.get()
    assert (acc.initiator, acc.status) == ("organisation", "requested")
    assert AuditEvent.objects.filter(action="accompaniment_asked").exists()
    page = login(lead).get(reverse("organisations:organisation_detail", args=[company.pk])).text
    assert "wartet auf die Antwort des Zentrums" in page
    workspace = login(advisor).get(WORKSPACE).text
    assert "Bäckerei Korn GmbH" in workspace and "KI im Büro" in workspace


@pytest.mark.parametrize(("decision", "status"), [("accept", "active"), ("decline", "declined")])
def test_the_centre_answers_with_a_message(
    login, company, lead, centre, advisor, decision, status
) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    answer = login(advisor).post(_answer_url(acc), {"decision": decision, "reply": "Gern ab Mai."})
    assert answer.status_code == 302
    acc.refresh_from_db()
    assert (acc.status, acc.reply, acc.decided_by) == (status, "Gern ab Mai.", advisor.user)
    assert AuditEvent.objects.filter(action="accompaniment_answered").exists()
    page = login(lead).get(reverse("organisations:organisation_detail", args=[company.pk])).text
    assert "Gern ab Mai." in page  # the company sees the state and the reply


def test_answering_twice_changes_nothing(login, company, lead, centre, advisor) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    client = login(advisor)
    client.post(_answer_url(acc), {"decision": "accept"})
    again = client.post(_answer_url(acc), {"decision": "decline"}, follow=True)
    assert "bereits beantwortet" in again.text
    acc.refresh_from_db()
    assert acc.status == "active"


def test_asking_the_same_centre_twice_is_explained(login, company, lead, centre) -> None:
    actions.ask_centre(member=lead, organisation=company, centre=centre)
    with pytest.raises(AccompanimentError):
        actions.ask_centre(member=lead, organisation=company, centre=centre)
    # the form no longer offers it
    assert "Zukunftszentrum Bayern" not in login(lead).get(_ask_url(company)).text


def test_the_lead_cannot_consent_to_their_own_request(company, lead, centre) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    with pytest.raises(NotAllowed):
        actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)


def test_the_lead_withdraws_a_request_after_a_question(login, company, lead, centre) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    url = reverse("organisations:organisation_accompaniment_end", args=[company.pk, acc.pk])
    client = login(lead)
    assert "Anfrage zurückziehen?" in client.get(url).text
    client.post(url)
    acc.refresh_from_db()
    assert acc.status == "ended"


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.ADVISOR])
def test_ask_wrong_role_is_403(login, company, role) -> None:
    member = (
        make_member(role, organisation=company) if role is not Role.ADVISOR else make_member(role)
    )
    assert login(member).get(_ask_url(company)).status_code == 403
    assert login(member).post(_ask_url(company), {"centre": "1"}).status_code == 403


def test_ask_wrong_tenant_is_404(login, company, centre) -> None:
    other = make_member(Role.COMPANY_LEAD)
    assert login(other).post(_ask_url(company), {"centre": centre.pk}).status_code == 404
    assert not Accompaniment.objects.exists()


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.TRAINER])
def test_answer_wrong_role_is_403(login, company, lead, centre, role) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    member = lead if role is Role.COMPANY_LEAD else make_member(role, centre=centre)
    assert login(member).post(_answer_url(acc), {"decision": "accept"}).status_code == 403
    acc.refresh_from_db()
    assert acc.status == "requested"


def test_answer_wrong_tenant_is_404(login, company, lead, centre) -> None:
    acc = actions.ask_centre(member=lead, organisation=company, centre=centre)
    elsewhere = make_member(Role.ADVISOR, centre=make_centre(lands=("HH",)))
    assert login(elsewhere).post(_answer_url(acc), {"decision": "accept"}).status_code == 404
    assert "Bäckerei Korn GmbH" not in login(elsewhere).get(WORKSPACE).text
    acc.refresh_from_db()
    assert acc.status == "requested"


def test_a_centre_still_learns_nothing_of_its_own_unanswered_requests(
    login, company, lead, advisor
) -> None:
    actions.request_accompaniment(member=advisor, organisation=company)
    assert "Bäckerei Korn GmbH" not in login(advisor).get(WORKSPACE).text


def test_the_centre_and_then_the_asker_are_told_by_mail(
    login, company, lead, centre, advisor
) -> None:
    login(lead).post(_ask_url(company), {"centre": centre.pk, "message": "KI im Büro"})
    assert [m.to for m in mail.outbox] == [["kontakt@zz-bayern.example"]]
    assert "Bäckerei Korn GmbH" in mail.outbox[0].subject and "KI im Büro" in mail.outbox[0].body
    acc = Accompaniment.objects.get()
    login(advisor).post(_answer_url(acc), {"decision": "decline", "reply": "Leider ausgebucht."})
    answer = mail.outbox[1]
    assert answer.to == [lead.user.email]
    assert "Leider ausgebucht." in answer.body and "#begleitung" in answer.body


def test_a_centre_without_a_contact_address_finds_the_request_on_its_workspace(
    login, company, lead, advisor
) -> None:
    quiet = make_centre(name="Zentrum ohne Adresse", lands=("BY",))
    login(lead).post(_ask_url(company), {"centre": quiet.pk})
    assert not mail.outbox and Accompaniment.objects.filter(centre=quiet).exists()

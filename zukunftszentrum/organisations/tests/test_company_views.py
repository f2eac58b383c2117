"""The company page: who sees what, editing, inviting, removing members, deciding on a centre."""

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
    make_solo,
    make_user,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def company():
    return make_organisation(name="Muster Maschinenbau GmbH", headcount=42)


@pytest.fixture
def lead(company):
    return make_member(Role.COMPANY_LEAD, organisation=company, user=make_user(name="Lea Leitung"))


@pytest.fixture
def employee(company):
    user = make_user("bea@example.org", name="Bea Beschäftigt")
    return make_member(Role.EMPLOYEE, organisation=company, user=user)


@pytest.fixture
def other_lead():
    return make_member(Role.COMPANY_LEAD)


def _url(name: str, *args) -> str:
    return reverse(f"organisations:{name}", args=args)


def _agreed(company, lead, advisor) -> Accompaniment:
    acc = actions.request_accompaniment(member=advisor, organisation=company)
    actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    return acc


# --- the page ---------------------------------------------------------------------------------


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL])
def test_members_open_their_company_page(login, company, lead, role) -> None:
    member = lead if role is Role.COMPANY_LEAD else make_member(role, organisation=company)
    page = login(member).get(_url("organisation_detail", company.pk))
    assert page.status_code == 200
    assert "Muster Maschinenbau GmbH" in page.text and "Lea Leitung" in page.text


def test_a_lead_of_another_company_gets_404(login, company, lead, other_lead) -> None:
    assert login(other_lead).get(_url("organisation_detail", company.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.TRAINER, Role.REVIEWER])
def test_roles_without_the_capability_get_403(login, company, role) -> None:
    assert login(make_member(role)).get(_url("organisation_detail", company.pk)).status_code == 403


def test_a_centre_sees_the_company_only_with_consent(login, company, lead) -> None:
    centre = make_centre()
    advisor = make_member(Role.ADVISOR, centre=centre)
    acc = actions.request_accompaniment(member=advisor, organisation=company)
    client = login(advisor)
    assert client.get(_url("organisation_detail", company.pk)).status_code == 404
    actions.decide_accompaniment(member=lead, accompaniment=acc, consent=True)
    page = client.get(_url("organisation_detail", company.pk))
    assert page.status_code == 200
    other = make_member(Role.ADVISOR, centre=make_centre())
    assert login(other).get(_url("organisation_detail", company.pk)).status_code == 404


def test_a_centre_sees_contacts_but_not_the_member_list(login, company, lead, employee) -> None:
    advisor = make_member(Role.ADVISOR)
    _agreed(company, lead, advisor)
    page = login(advisor).get(_url("organisation_detail", company.pk))
    assert "Lea Leitung" in page.text
    assert "Bea Beschäftigt" not in page.text


def test_the_programme_administration_sees_any_company(login, company) -> None:
    admin = make_member(Role.PROGRAMME_ADMIN)
    assert login(admin).get(_url("organisation_detail", company.pk)).status_code == 200


def test_colleagues_see_names_and_roles_nothing_else(login, company, lead, employee) -> None:
    """The employer page shows colleagues by name and role; no addresses, no dates, no more."""
    for viewer in (lead, employee):
        page = login(viewer).get(_url("organisation_detail", company.pk))
        assert "Bea Beschäftigt" in page.text and "Beschäftigte:r" in page.text
        assert "bea@example.org" not in page.text
        assert lead.user.email not in page.text
        row = page.context["members"]
        assert {m.user.full_name for m in row} == {"Lea Leitung", "Bea Beschäftigt"}


def test_large_companies_are_marked_outside_the_target_group(login) -> None:
    big = make_member(Role.COMPANY_LEAD, organisation=make_organisation(headcount=800))
    page = login(big).get(_url("organisation_detail", big.organisation_id))
    assert "außerhalb der Zielgruppe" in page.text and "Großunternehmen (ab 250)" in page.text
    small = make_member(Role.COMPANY_LEAD, organisation=make_organisation(headcount=12))
    page = login(small).get(_url("organisation_detail", small.organisation_id))
    assert "außerhalb der Zielgruppe" not in page.text and "Kleines Unternehmen" in page.text


def test_open_invitations_only_for_those_who_invite(login, company, lead, employee) -> None:
    actions.invite(member=lead, email="neu@example.org", role=Role.EMPLOYEE, organisation=company)
    assert "neu@example.org" in login(lead).get(_url("organisation_detail", company.pk)).text
    page = login(employee).get(_url("organisation_detail", company.pk))
    assert "neu@example.org" not in page.text
    assert _url("organisation_invite", company.pk) not in page.text


def test_expired_invitations_are_marked(login, company, lead) -> None:
    invitation, _ = actions.invite(
        member=lead, email="alt@example.org", role=Role.EMPLOYEE, organisation=company
    )
    page = login(lead).get(_url("organisation_detail", company.pk))
    assert "abgelaufen</span>" not in page.text
    Invitation.objects.filter(pk=invitation.pk).update(expires_at="2000-01-01T00:00Z")
    page = login(lead).get(_url("organisation_detail", company.pk))
    assert "abgelaufen</span>" in page.text
    assert _url("invitation_revoke", invitation.pk) in page.text


def test_a_solo_page_has_no_members_or_invitations(login) -> None:
    solo = make_member(Role.SOLO, organisation=make_solo())
    page = login(solo).get(_url("organisation_detail", solo.organisation_id))
    assert page.status_code == 200
    assert 'id="mitglieder"' not in page.text
    assert _url("organisation_invite", solo.organisation_id) not in page.text
    assert 'id="begleitung"' in page.text


def test_pending_requests_show_decisions_only_to_the_lead(login, company, lead, employee) -> None:
    centre = make_centre(name="Zukunftszentrum Süd")
    actions.request_accompaniment(
        member=make_member(Role.ADVISOR, centre=centre), organisation=company
    )
    page = login(lead).get(_url("organisation_detail", company.pk))
    assert "Zukunftszentrum Süd" in page.text and 'value="consent"' in page.text
    page = login(employee).get(_url("organisation_detail", company.pk))
    assert "Zukunftszentrum Süd" not in page.text and 'value="consent"' not in page.text


# --- edit -------------------------------------------------------------------------------------


def test_the_lead_edits_the_facts(login, company, lead) -> None:
    client = login(lead)
    assert client.get(_url("organisation_edit", company.pk)).status_code == 200
    data = {
        "legal_name": "Muster Maschinenbau AG",
        "land": "BY",
        "kreis_ags": "09162",
        "kreis_name": "München",
        "wz_section": "C",
        "headcount": "55",
        "has_works_council": "on",
    }
    answer = client.post(_url("organisation_edit", company.pk), data)
    assert answer.status_code == 302
    company.refresh_from_db()
    assert (company.legal_name, company.headcount, company.has_works_council) == (
        "Muster Maschinenbau AG",
        55,
        True,
    )
    # The Kreis is chosen by name; its name is stored from the list, not from the input.
    assert (company.kreis_ags, company.kreis_name) == ("09162", "München, Landeshauptstadt")


def test_the_kreis_is_offered_by_name_grouped_by_land(login, company, lead) -> None:
    page = login(lead).get(_url("organisation_edit", company.pk)).text
    assert '<optgroup label="Bayern">' in page
    assert '<option value="09162">München, Landeshauptstadt</option>' in page


def test_bad_input_keeps_what_was_typed(login, company, lead) -> None:
    data = {"legal_name": "Neuer Name", "land": "BY", "kreis_ags": "01001", "wz_section": "C"}
    answer = login(lead).post(_url("organisation_edit", company.pk), {**data, "headcount": ""})
    assert answer.status_code == 200
    assert 'value="Neuer Name"' in answer.text
    assert '<option value="01001" selected>' in answer.text  # the choice is kept
    assert "Flensburg, Stadt liegt nicht in Bayern" in answer.text
    company.refresh_from_db()
    assert company.legal_name == "Muster Maschinenbau GmbH"


@pytest.mark.parametrize("typed", ["1,5", "1.5", "1.000", "zwölf", "0"])
def test_headcount_is_a_whole_number_of_people(login, company, lead, typed: str) -> None:
    data = {"legal_name": "Muster", "land": "BY", "wz_section": "C", "headcount": typed}
    answer = login(lead).post(_url("organisation_edit", company.pk), data)
    assert answer.status_code == 200 and "headcount" in answer.context["form"].errors
    company.refresh_from_db()
    assert company.headcount == 42


def test_a_solo_edits_without_headcount_or_works_council(login) -> None:
    solo = make_member(Role.SOLO, organisation=make_solo())
    page = login(solo).get(_url("organisation_edit", solo.organisation_id))
    assert page.status_code == 200
    assert 'name="headcount"' not in page.text and 'name="has_works_council"' not in page.text


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.ADVISOR])
def test_edit_wrong_role_is_403(login, company, role) -> None:
    member = make_member(role, organisation=company) if role != Role.ADVISOR else make_member(role)
    assert login(member).get(_url("organisation_edit", company.pk)).status_code == 403


def test_edit_wrong_tenant_is_404(login, company, other_lead) -> None:
    assert login(other_lead).get(_url("organisation_edit", company.pk)).status_code == 404


# --- invite -----------------------------------------------------------------------------------


def test_invite_sends_an_email_with_a_working_link(login, company, lead, client) -> None:
    answer = login(lead).post(
        _url("organisation_invite", company.pk),
        {"email": "Neu@Example.org", "role": "works_council"},
    )
    assert answer.status_code == 302
    [message] = mail.outbox
    assert message.to == ["neu@example.org"]
    assert "Lea Leitung" in message.body and "Muster Maschinenbau GmbH" in message.body
    assert "Betriebsrat" in message.body and "Datenschutz" in message.body
    link = next(line for line in message.body.splitlines() if "/einladung/" in line)
    assert link.startswith("http://testserver/einladung/")
    client.logout()
    assert client.get(link.removeprefix("http://testserver")).status_code == 200


def test_invite_with_a_bad_address_keeps_the_input(login, company, lead) -> None:
    answer = login(lead).post(
        _url("organisation_invite", company.pk), {"email": "kein-at-zeichen", "role": "employee"}
    )
    assert answer.status_code == 200
    assert "gültige E-Mail-Adresse" in answer.text and 'value="kein-at-zeichen"' in answer.text
    assert not mail.outbox and not Invitation.objects.exists()


def test_invite_an_existing_member_gets_a_clear_message(login, company, lead, employee) -> None:
    answer = login(lead).post(
        _url("organisation_invite", company.pk), {"email": "bea@example.org", "role": "employee"}
    )
    assert answer.status_code == 200
    assert "hat diese Rolle dort bereits" in answer.text
    assert 'value="bea@example.org"' in answer.text
    assert not mail.outbox


def test_inviting_ones_own_address_is_refused_at_the_field(login, company, lead) -> None:
    own = lead.user.email.upper()  # the same address, typed differently
    answer = login(lead).post(
        _url("organisation_invite", company.pk), {"email": own, "role": "employee"}
    )
    assert answer.status_code == 200
    assert "email" in answer.context["form"].errors
    assert "Das ist Ihre eigene Adresse" in answer.text
    assert not mail.outbox and not Invitation.objects.exists()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.SOLO, Role.ADVISOR])
def test_invite_wrong_role_is_403(login, company, role) -> None:
    in_company = role in (Role.EMPLOYEE, Role.WORKS_COUNCIL)
    member = make_member(role, organisation=company) if in_company else make_member(role)
    assert login(member).get(_url("organisation_invite", company.pk)).status_code == 403


def test_invite_wrong_tenant_is_404(login, company, other_lead) -> None:
    client = login(other_lead)
    assert client.get(_url("organisation_invite", company.pk)).status_code == 404
    answer = client.post(
        _url("organisation_invite", company.pk), {"email": "x@example.org", "role": "employee"}
    )
    assert answer.status_code == 404 and not Invitation.objects.exists()


# --- remove a member --------------------------------------------------------------------------


def test_the_lead_removes_a_member(login, company, lead, employee) -> None:
    answer = login(lead).post(_url("organisation_remove_member", company.pk, employee.pk))
    assert answer.status_code == 302
    employee.refresh_from_db()
    assert employee.ended_at is not None


def test_the_last_lead_cannot_be_removed(login, company, lead) -> None:
    client = login(lead)
    question = client.get(_url("organisation_remove_member", company.pk, lead.pk))
    assert "letzte Person in der Geschäftsführung" in question.text  # said before asking
    assert 'method="post"' not in question.text.split("<main")[1]
    answer = client.post(_url("organisation_remove_member", company.pk, lead.pk), follow=True)
    assert "letzte Person in der Geschäftsführung" in answer.text
    lead.refresh_from_db()
    assert lead.ended_at is None


def test_remove_asks_first_naming_the_consequence(login, company, lead, employee) -> None:
    answer = login(lead).get(_url("organisation_remove_member", company.pk, employee.pk))
    assert answer.status_code == 200
    assert "Bea Beschäftigt entfernen?" in answer.text
    assert "verliert sofort den Zugang" in answer.text and 'method="post"' in answer.text
    employee.refresh_from_db()
    assert employee.ended_at is None  # asking changes nothing


def test_removing_twice_changes_nothing_and_says_so(login, company, lead, employee) -> None:
    client = login(lead)
    url = _url("organisation_remove_member", company.pk, employee.pk)
    client.post(url)
    employee.refresh_from_db()
    first_end = employee.ended_at
    answer = client.post(url, follow=True)  # a second tab or a double click
    assert "bereits nicht mehr" in answer.text
    employee.refresh_from_db()
    assert employee.ended_at == first_end
    assert "bereits nicht mehr" in client.get(url).text  # the question is not asked again


def test_remove_wrong_role_is_403_even_on_get(login, company, lead, employee) -> None:
    works_council = make_member(Role.WORKS_COUNCIL, organisation=company)
    client = login(works_council)
    url = _url("organisation_remove_member", company.pk, employee.pk)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    employee.refresh_from_db()
    assert employee.ended_at is None


def test_remove_wrong_tenant_is_404(login, company, employee, other_lead) -> None:
    client = login(other_lead)
    assert (
        client.post(_url("organisation_remove_member", company.pk, employee.pk)).status_code == 404
    )
    own = other_lead.organisation_id
    # Another company's membership under one's own company's address: also 404.
    assert client.post(_url("organisation_remove_member", own, employee.pk)).status_code == 404
    employee.refresh_from_db()
    assert employee.ended_at is None


# --- decide on a centre's request -------------------------------------------------------------


@pytest.mark.parametrize(
    ("decision", "status"),
    [("consent", Accompaniment.Status.ACTIVE), ("decline", Accompaniment.Status.DECLINED)],
)
def test_the_lead_decides(login, company, lead, decision, status) -> None:
    acc = actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=company)
    url = _url("organisation_accompaniment", company.pk, acc.pk)
    answer = login(lead).post(url, {"decision": decision})
    assert answer.status_code == 302 and answer["Location"].endswith("#begleitung")
    acc.refresh_from_db()
    assert acc.status == status


def test_the_lead_ends_an_accompaniment_after_a_question(login, company, lead) -> None:
    acc = _agreed(company, lead, make_member(Role.ADVISOR))
    client = login(lead)
    url = _url("organisation_accompaniment_end", company.pk, acc.pk)
    question = client.get(url)
    assert question.status_code == 200 and "Begleitung beenden?" in question.text
    assert "sieht Ihre Organisation danach nicht mehr" in question.text
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.ACTIVE  # asking changes nothing
    answer = client.post(url)
    assert answer["Location"].endswith("#begleitung")
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.ENDED
    ended_at = acc.ended_at
    again = client.post(url, follow=True)  # a second tab
    assert "bereits beendet" in again.text
    acc.refresh_from_db()
    assert acc.ended_at == ended_at


def test_ending_is_no_longer_one_click_on_the_decision_form(login, company, lead) -> None:
    acc = _agreed(company, lead, make_member(Role.ADVISOR))
    url = _url("organisation_accompaniment", company.pk, acc.pk)
    login(lead).post(url, {"decision": "end"})
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.ACTIVE


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.TRAINER])
def test_end_accompaniment_wrong_role_is_403(login, company, lead, role) -> None:
    acc = _agreed(company, lead, make_member(Role.ADVISOR))
    member = (
        make_member(role, organisation=company) if role is not Role.TRAINER else make_member(role)
    )
    url = _url("organisation_accompaniment_end", company.pk, acc.pk)
    assert login(member).get(url).status_code == 403
    assert login(member).post(url).status_code == 403


def test_end_accompaniment_wrong_tenant_is_404(login, company, lead, other_lead) -> None:
    acc = _agreed(company, lead, make_member(Role.ADVISOR))
    url = _url("organisation_accompaniment_end", company.pk, acc.pk)
    assert login(other_lead).get(url).status_code == 404
    assert login(make_member(Role.ADVISOR)).post(url).status_code == 404  # another centre
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.ACTIVE


def test_the_centre_ends_an_accompaniment(login, company, lead) -> None:
    advisor = make_member(Role.ADVISOR)
    acc = _agreed(company, lead, advisor)
    url = _url("organisation_accompaniment_end", company.pk, acc.pk)
    assert "Ihr Zentrum sieht" in login(advisor).get(url).text
    answer = login(advisor).post(url)
    assert answer["Location"] == _url("centre_workspace")
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.ENDED


def test_a_centre_cannot_consent_for_the_company(login, company, lead) -> None:
    advisor = make_member(Role.ADVISOR)
    acc = _agreed(company, lead, advisor)
    actions.end_accompaniment(member=lead, accompaniment=acc)
    again = actions.request_accompaniment(member=advisor, organisation=company)
    url = _url("organisation_accompaniment", company.pk, again.pk)
    assert login(advisor).post(url, {"decision": "consent"}).status_code == 404  # not visible
    again.refresh_from_db()
    assert again.status == Accompaniment.Status.REQUESTED


def test_an_unknown_decision_changes_nothing(login, company, lead) -> None:
    acc = actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=company)
    url = _url("organisation_accompaniment", company.pk, acc.pk)
    answer = login(lead).post(url, {"decision": "vielleicht"}, follow=True)
    assert "Zustimmen oder Ablehnen" in answer.text
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.REQUESTED


def test_decide_is_post_only(login, company, lead) -> None:
    acc = actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=company)
    url = _url("organisation_accompaniment", company.pk, acc.pk)
    assert login(lead).get(url).status_code == 405


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL])
def test_decide_wrong_role_is_403(login, company, role) -> None:
    acc = actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=company)
    url = _url("organisation_accompaniment", company.pk, acc.pk)
    client = login(make_member(role, organisation=company))
    assert client.get(url).status_code == 403
    assert client.post(url, {"decision": "consent"}).status_code == 403


def test_decide_wrong_tenant_is_404(login, company, other_lead) -> None:
    acc = actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=company)
    client = login(other_lead)
    for pk in (company.pk, other_lead.organisation_id):
        url = _url("organisation_accompaniment", pk, acc.pk)
        assert client.post(url, {"decision": "consent"}).status_code == 404
    acc.refresh_from_db()
    assert acc.status == Accompaniment.Status.REQUESTED

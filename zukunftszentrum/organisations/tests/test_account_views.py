"""Meine Übersicht, role switching, profile, my organisations."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("organisations:dashboard")


@pytest.mark.parametrize(
    ("role", "expected"),
    [
        (Role.COMPANY_LEAD, "Mitglieder und Einladungen"),
        (Role.EMPLOYEE, "Ihre Daten bleiben Ihre Daten"),
        (Role.WORKS_COUNCIL, "§ 90 BetrVG"),
        (Role.SOLO, "Zu Ihrem Betrieb"),
        (Role.ADVISOR, "Begleitete Organisationen"),
        (Role.CENTRE_ADMIN, "Zum Arbeitsbereich des Zentrums"),
        (Role.PROGRAMME_ADMIN, "Sicherheitsprotokoll"),
        (Role.REVIEWER, "Gutachter:in"),
    ],
)
def test_dashboard_speaks_to_each_role(login, role: Role, expected: str) -> None:
    response = login(make_member(role)).get(DASHBOARD)
    assert response.status_code == 200
    assert expected in response.content.decode()


def test_dashboard_without_role_explains_invitations(client) -> None:
    client.force_login(make_user())
    assert "noch keine Rolle" in client.get(DASHBOARD).content.decode()


def test_advisor_sees_only_companies_that_consented(login) -> None:
    advisor = make_member(Role.ADVISOR)
    consenting, pending = (
        make_organisation(name="Zugestimmt AG"),
        make_organisation(name="Offen KG"),
    )
    Accompaniment.objects.create(centre=advisor.centre, organisation=consenting, status="active")
    Accompaniment.objects.create(centre=advisor.centre, organisation=pending, status="requested")
    page = login(advisor).get(DASHBOARD).content.decode()
    assert "Zugestimmt AG" in page and "Offen KG" not in page


def test_switching_role_changes_the_active_membership(login) -> None:
    employee = make_member(Role.EMPLOYEE)
    council = make_member(
        Role.WORKS_COUNCIL, user=employee.user, organisation=employee.organisation
    )
    client = login(employee)
    response = client.post(
        reverse("organisations:switch_role"), {"membership": council.pk, "next": "/profil/"}
    )
    assert response["Location"] == "/profil/"
    assert client.get(DASHBOARD).context["member"] == council


def test_role_switcher_only_for_people_with_more_than_one_role(login) -> None:
    employee = make_member(Role.EMPLOYEE)
    page = login(employee).get(DASHBOARD).content.decode()
    assert 'id="zz-role"' not in page  # nothing to switch to: no form on the phone screen
    assert "zz-rolebar__single" in page and "Beschäftigte" in page  # the active role, named
    make_member(Role.WORKS_COUNCIL, user=employee.user, organisation=employee.organisation)
    assert 'id="zz-role"' in login(employee).get(DASHBOARD).content.decode()


def test_switching_to_someone_elses_membership_is_refused(login) -> None:
    mine, foreign = make_member(Role.EMPLOYEE), make_member(Role.CENTRE_ADMIN, centre=make_centre())
    client = login(mine)
    client.post(reverse("organisations:switch_role"), {"membership": foreign.pk})
    assert client.get(DASHBOARD).context["member"] == mine


def test_switch_role_ignores_foreign_redirect_targets(login) -> None:
    member = make_member(Role.EMPLOYEE)
    response = login(member).post(
        reverse("organisations:switch_role"),
        {"membership": member.pk, "next": "https://evil.example/"},
    )
    assert response["Location"] == DASHBOARD


def test_profile_saves_name_and_language(login) -> None:
    member = make_member(Role.EMPLOYEE)
    client = login(member)
    response = client.post(
        reverse("organisations:profile"), {"full_name": "Neuer Name", "preferred_language": "en"}
    )
    assert response.status_code == 302
    member.user.refresh_from_db()
    assert (member.user.full_name, member.user.preferred_language) == ("Neuer Name", "en")
    assert response.cookies["django_language"].value == "en"


def test_my_organisations_lists_every_role_of_the_person_only(login) -> None:
    employee = make_member(Role.EMPLOYEE)
    make_member(Role.WORKS_COUNCIL, user=employee.user, organisation=employee.organisation)
    other = make_member(Role.COMPANY_LEAD)
    page = login(employee).get(reverse("organisations:my_organisations")).content.decode()
    assert page.count(employee.organisation.legal_name) >= 2
    assert other.organisation.legal_name not in page


@pytest.mark.parametrize("name", ["dashboard", "profile", "my_organisations"])
def test_personal_pages_need_login(client, name: str) -> None:
    assert client.get(reverse(f"organisations:{name}"))["Location"].startswith("/konto/login/")


# --- what waits for each role -------------------------------------------------------------


def test_the_lead_sees_what_waits_and_how_to_ask_a_centre(login) -> None:
    lead = make_member(Role.COMPANY_LEAD)
    actions.invite(
        member=lead, email="neu@example.org", role=Role.EMPLOYEE, organisation=lead.organisation
    )
    actions.request_accompaniment(member=make_member(Role.ADVISOR), organisation=lead.organisation)
    page = login(lead).get(DASHBOARD).content.decode()
    assert "Was auf Sie wartet" in page
    assert "1 Anfrage eines Zentrums wartet auf Ihre Entscheidung" in page
    assert "1 Einladung ist noch nicht angenommen" in page
    assert reverse("organisations:organisation_ask_centre", args=[lead.organisation_id]) in page


def test_an_employee_sees_their_own_pending_invitation_and_no_council_card(login) -> None:
    employee = make_member(Role.EMPLOYEE)
    lead = make_member(Role.COMPANY_LEAD, organisation=employee.organisation)
    page = login(employee).get(DASHBOARD).content.decode()
    assert (
        "Keine Anfrage und keine Einladung wartet" in page
        and "Was der Betriebsrat sieht" not in page
    )
    actions.invite(
        member=lead,
        email=employee.user.email,
        role=Role.WORKS_COUNCIL,
        organisation=employee.organisation,
    )
    page = login(employee).get(DASHBOARD).content.decode()
    assert "Eine Einladung als Betriebsrat" in page and "in der E-Mail vom" in page


def test_the_works_council_sees_what_it_may_see(login) -> None:
    council = make_member(Role.WORKS_COUNCIL)
    centre = make_centre(name="Zentrum Süd")
    Accompaniment.objects.create(centre=centre, organisation=council.organisation, status="active")
    page = login(council).get(DASHBOARD).content.decode()
    assert "Was der Betriebsrat sieht" in page and "Zentrum Süd" in page
    assert "zusammengefassten Ergebnisse abgeschlossener Checks" in page


def test_a_solo_reads_about_their_business_not_members(login) -> None:
    page = login(make_member(Role.SOLO)).get(DASHBOARD).content.decode()
    assert "Mitglieder auf der Plattform" not in page and "Mitglieder und Einladungen" not in page
    assert "Ihren Betrieb" in page and "Beschäftigte und Betriebsrat einladen" not in page


def test_centre_staff_see_incoming_requests(login) -> None:
    advisor = make_member(Role.ADVISOR)
    lead = make_member(Role.COMPANY_LEAD)
    actions.ask_centre(member=lead, organisation=lead.organisation, centre=advisor.centre)
    page = login(advisor).get(DASHBOARD).content.decode()
    assert "1 Organisation bittet um Begleitung" in page

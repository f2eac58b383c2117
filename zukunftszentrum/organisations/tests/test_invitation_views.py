"""The invitation link (signed in, new person, existing account, broken links) and withdrawing."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.middleware import SESSION_KEY
from zukunftszentrum.organisations.models import Invitation, Membership, User
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db

DASHBOARD = reverse("organisations:dashboard")
PASSWORD = "Wolken-über-Kiel-2026"


@pytest.fixture
def lead():
    organisation = make_organisation(name="Bäckerei Korn GmbH")
    return make_member(
        Role.COMPANY_LEAD, organisation=organisation, user=make_user(name="Karl Korn")
    )


@pytest.fixture
def invitation(lead):
    """(invitation, its link path) for neu@example.org as an employee of the lead's company."""
    invitation, token = actions.invite(
        member=lead, email="neu@example.org", role=Role.EMPLOYEE, organisation=lead.organisation
    )
    return invitation, reverse("organisations:invitation_accept", args=[token])


def _signup(**overrides) -> dict:
    return {
        "full_name": "Nina Neu",
        "password1": PASSWORD,
        "password2": PASSWORD,
        "privacy_notice": "on",
    } | overrides


# --- signed in --------------------------------------------------------------------------------


def test_signed_in_sees_what_they_join(client, invitation) -> None:
    _inv, url = invitation
    client.force_login(make_user("neu@example.org"))
    page = client.get(url)
    assert page.status_code == 200
    assert "Bäckerei Korn GmbH" in page.text and "Beschäftigte:r" in page.text
    assert "Karl Korn" in page.text and "Annehmen" in page.text
    assert "Die Einladung ging an" not in page.text


def test_accepting_grants_the_role_and_makes_it_active(client, invitation, lead) -> None:
    _inv, url = invitation
    person = make_user("neu@example.org")
    client.force_login(person)
    answer = client.post(url, follow=True)
    assert answer.redirect_chain[-1][0] == DASHBOARD
    membership = Membership.objects.get(user=person)
    assert membership.organisation == lead.organisation and membership.role == Role.EMPLOYEE
    assert client.session[SESSION_KEY] == membership.pk
    assert "Willkommen" in answer.text


def test_accepting_twice_gives_a_clear_message(client, invitation) -> None:
    _inv, url = invitation
    person = make_user("neu@example.org")
    client.force_login(person)
    client.post(url)
    answer = client.post(url, follow=True)
    assert answer.redirect_chain[-1][0] == DASHBOARD
    assert "bereits angenommen" in answer.text
    assert Membership.objects.filter(user=person).count() == 1


def test_another_account_is_told_to_sign_in_as_the_invited_address(client, invitation) -> None:
    invitation, url = invitation
    stranger = make_user("privat@example.org")
    client.force_login(stranger)
    page = client.get(url)
    assert page.status_code == 200
    assert "Diese Einladung gilt nicht für Ihr Konto." in page.text
    assert "Diese Einladung gilt für neu@example.org." in page.text
    assert "Sie sind als privat@example.org angemeldet." in page.text
    assert "um eine neue Einladung" in page.text
    assert "Annehmen" not in page.text
    logout = reverse("account_logout")
    assert f'action="{logout}"' in page.text and f'name="next" value="{url}"' in page.text
    refusals = AuditEvent.objects.filter(action=actions.INVITATION_REFUSED, actor=stranger)
    assert refusals.count() == 1


def test_another_account_posting_is_granted_nothing(client, invitation) -> None:
    invitation, url = invitation
    stranger = make_user("privat@example.org")
    client.force_login(stranger)
    answer = client.post(url)
    assert answer.status_code == 200 and "Diese Einladung gilt für neu@example.org." in answer.text
    assert not Membership.objects.filter(user=stranger).exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None and invitation.accepted_by is None
    event = AuditEvent.objects.get(action=actions.INVITATION_REFUSED)
    assert (event.actor, event.organisation_id) == (stranger, invitation.organisation_id)
    assert event.summary.startswith("neu@example.org")


def test_a_refused_staff_invitation_shows_in_the_centre_audit_log(client, login) -> None:
    admin = make_member(Role.CENTRE_ADMIN, centre=make_centre())
    _inv, token = actions.invite(
        member=admin, email="team@example.org", role=Role.ADVISOR, centre=admin.centre
    )
    client.force_login(make_user("privat@example.org", name="Paula Privat"))
    client.get(reverse("organisations:invitation_accept", args=[token]))
    log = login(admin, Client()).get(reverse("organisations:audit_log"))
    assert "Paula Privat" in log.text and "team@example.org" in log.text


def test_after_switching_to_the_invited_account_the_link_works(client, invitation) -> None:
    _inv, url = invitation
    client.force_login(make_user("privat@example.org"))
    client.post(reverse("account_logout"), {"next": url})
    invited = make_user("NEU@example.org")
    client.force_login(invited)
    answer = client.post(url, follow=True)
    assert answer.redirect_chain[-1][0] == DASHBOARD
    assert Membership.objects.get(user=invited).role == Role.EMPLOYEE


def test_accepting_a_role_already_held_explains_it(client, lead, invitation) -> None:
    _inv, url = invitation
    person = make_user("neu@example.org")
    make_member(Role.EMPLOYEE, organisation=lead.organisation, user=person)
    client.force_login(person)
    answer = client.post(url)
    assert answer.status_code == 200
    assert "hat diese Rolle dort bereits" in answer.text


# --- new person -------------------------------------------------------------------------------


def test_a_new_person_signs_up_and_accepts_in_one_step(client, invitation, lead) -> None:
    _inv, url = invitation
    page = client.get(url)
    assert page.status_code == 200 and 'name="password1"' in page.text
    answer = client.post(url, _signup(), follow=True)
    assert answer.redirect_chain[-1][0] == DASHBOARD
    user = User.objects.get(email="neu@example.org")
    assert user.full_name == "Nina Neu" and user.check_password(PASSWORD)
    assert ConsentRecord.objects.filter(
        user=user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
    ).exists()
    membership = Membership.objects.get(user=user)
    assert membership.organisation == lead.organisation
    assert answer.context["user"] == user  # signed in
    assert client.session[SESSION_KEY] == membership.pk


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"password2": "etwas-anderes-99"}, "stimmen nicht überein"),
        ({"password1": "kurz", "password2": "kurz"}, "zu kurz"),
        ({"password1": "12345678901", "password2": "12345678901"}, "komplett numerisch"),
        ({"privacy_notice": ""}, "Datenschutzhinweise gelesen"),
        ({"full_name": ""}, "Bitte geben Sie Ihren Namen ein"),
    ],
)
def test_sign_up_problems_are_explained_and_the_name_kept(
    client, invitation, overrides, message
) -> None:
    _inv, url = invitation
    answer = client.post(url, _signup(**overrides))
    assert answer.status_code == 200
    assert message in answer.text
    if overrides.get("full_name", "x"):
        assert 'value="Nina Neu"' in answer.text
    assert not User.objects.filter(email="neu@example.org").exists()


def test_a_password_like_the_address_is_refused(client, invitation) -> None:
    _inv, url = invitation
    answer = client.post(url, _signup(password1="neu@example.org", password2="neu@example.org"))
    assert answer.status_code == 200
    assert not User.objects.filter(email="neu@example.org").exists()


def test_sign_up_with_a_link_used_meanwhile_creates_nobody(client, invitation) -> None:
    inv, url = invitation
    page = client.get(url)
    assert page.status_code == 200
    Invitation.objects.filter(pk=inv.pk).update(accepted_at=timezone.now())
    answer = client.post(url, _signup())
    assert answer.status_code == 410
    assert not User.objects.filter(email="neu@example.org").exists()


# --- existing account -------------------------------------------------------------------------


def test_an_existing_account_is_asked_to_sign_in(client, invitation) -> None:
    _inv, url = invitation
    make_user("NEU@example.org")
    page = client.get(url)
    assert page.status_code == 200
    login_url = reverse("account_login")
    assert f'href="{login_url}?next={url}"' in page.text
    assert 'name="password1"' not in page.text
    # Posting a sign-up anyway creates nothing.
    answer = client.post(url, _signup())
    assert answer.status_code == 200
    assert User.objects.filter(email__iexact="neu@example.org").count() == 1
    assert not Membership.objects.filter(user__email="neu@example.org").exists()


def test_signing_in_returns_to_the_invitation(client, invitation) -> None:
    _inv, url = invitation
    make_user("neu@example.org", password="konto-passwort-77")
    answer = client.post(
        f"{reverse('account_login')}?next={url}",
        {"login": "neu@example.org", "password": "konto-passwort-77"},
    )
    assert answer.status_code == 302 and answer["Location"] == url


# --- links that do not work -------------------------------------------------------------------


def test_an_unknown_link_is_410_with_advice(client) -> None:
    url = reverse("organisations:invitation_accept", args=["gibt-es-nicht"])
    for method in (client.get, client.post):
        page = method(url)
        assert page.status_code == 410
        assert "Dieser Einladungslink funktioniert nicht" in page.text


def test_an_expired_link_names_who_to_ask(client, invitation) -> None:
    inv, url = invitation
    Invitation.objects.filter(pk=inv.pk).update(expires_at="2000-01-01T00:00Z")
    page = client.get(url)
    assert page.status_code == 410
    assert "abgelaufen" in page.text and "Karl Korn" in page.text


def test_a_revoked_link_is_410(client, invitation, lead) -> None:
    inv, url = invitation
    actions.revoke_invitation(member=lead, invitation=inv)
    page = client.get(url)
    assert page.status_code == 410
    assert "zurückgezogen" in page.text


def test_a_used_link_is_410_for_someone_else(client, invitation) -> None:
    _inv, url = invitation
    first = Client()
    first.force_login(make_user("neu@example.org"))
    first.post(url)
    client.force_login(make_user())
    page = client.get(url)
    assert page.status_code == 410
    assert "bereits angenommen" in page.text


# --- revoke -----------------------------------------------------------------------------------


def test_the_lead_revokes(login, lead, invitation) -> None:
    inv, _url = invitation
    answer = login(lead).post(reverse("organisations:invitation_revoke", args=[inv.pk]))
    assert answer["Location"] == reverse(
        "organisations:organisation_detail", args=[lead.organisation_id]
    )
    inv.refresh_from_db()
    assert inv.revoked_at is not None


def test_the_centre_admin_revokes_a_staff_invitation(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    inv, _ = actions.invite(
        member=admin, email="x@example.org", role=Role.ADVISOR, centre=admin.centre
    )
    answer = login(admin).post(reverse("organisations:invitation_revoke", args=[inv.pk]))
    assert answer["Location"] == reverse("organisations:centre_workspace")
    inv.refresh_from_db()
    assert inv.revoked_at is not None


def test_revoke_is_post_only(login, lead, invitation) -> None:
    inv, _ = invitation
    url = reverse("organisations:invitation_revoke", args=[inv.pk])
    assert login(lead).get(url).status_code == 405


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.WORKS_COUNCIL, Role.ADVISOR, Role.SOLO])
def test_revoke_wrong_role_is_403_even_on_get(login, lead, invitation, role) -> None:
    inv, _ = invitation
    in_company = role in (Role.EMPLOYEE, Role.WORKS_COUNCIL)
    member = make_member(role, organisation=lead.organisation) if in_company else make_member(role)
    url = reverse("organisations:invitation_revoke", args=[inv.pk])
    client = login(member)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    inv.refresh_from_db()
    assert inv.revoked_at is None


@pytest.mark.parametrize("role", [Role.COMPANY_LEAD, Role.CENTRE_ADMIN])
def test_revoke_wrong_tenant_is_404(login, invitation, role) -> None:
    inv, _ = invitation
    other = (
        make_member(role, centre=make_centre()) if role is Role.CENTRE_ADMIN else make_member(role)
    )
    url = reverse("organisations:invitation_revoke", args=[inv.pk])
    assert login(other).post(url).status_code == 404
    inv.refresh_from_db()
    assert inv.revoked_at is None

"""Meine Daten, the download, deleting the account, the consent page and its middleware, and
the audit log. Each view: the right person, the wrong role, the wrong tenant, nobody signed in."""

from __future__ import annotations

import json

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.audit_actions import OrganisationAction
from zukunftszentrum.organisations.models import Membership, User
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    PASSWORD,
    make_centre,
    make_member,
    make_user,
)

pytestmark = pytest.mark.django_db

MY_DATA = reverse("organisations:my_data")
DOWNLOAD = reverse("organisations:my_data_download")
DELETE = reverse("organisations:delete_account")
CONSENT = reverse("organisations:privacy_consent")
AUDIT = reverse("organisations:audit_log")
DASHBOARD = reverse("organisations:dashboard")

CONSENT_MIDDLEWARE = "zukunftszentrum.organisations.consent.PrivacyConsentMiddleware"
with_consent_middleware = override_settings(
    MIDDLEWARE=[m for m in settings.MIDDLEWARE if m != CONSENT_MIDDLEWARE] + [CONSENT_MIDDLEWARE]
)


@pytest.fixture
def signed_in(login):
    """login(membership); the factories' people have taken note of the current notice."""
    return login


def _without_consent(role: Role = Role.EMPLOYEE) -> Membership:
    return make_member(role, user=make_user(consented=False))


def _is_login_redirect(response) -> bool:
    return response.status_code == 302 and response["Location"].startswith("/konto/login/")


# --- Meine Daten --------------------------------------------------------------------------------


def test_my_data_lists_sections_consents_and_the_two_ways_out(signed_in) -> None:
    page = signed_in(make_member(Role.EMPLOYEE)).get(MY_DATA).content.decode()
    for expected in ("Profil", "Rollen", "Sicherheitsprotokoll", "Einwilligungen"):
        assert expected in page
    assert settings.ZZ_PRIVACY_NOTICE_VERSION in page  # the recorded consent
    assert f'action="{DOWNLOAD}"' in page and 'method="post"' in page
    assert f'href="{DELETE}"' in page


@pytest.mark.parametrize("url", [MY_DATA, DOWNLOAD, DELETE, CONSENT])
def test_privacy_pages_send_anonymous_visitors_to_login(client, url: str) -> None:
    assert _is_login_redirect(client.get(url))
    assert _is_login_redirect(client.post(url))


def test_my_data_shows_no_other_persons_consents(signed_in, client) -> None:
    other = make_member(Role.EMPLOYEE)
    ConsentRecord.objects.create(user=other.user, kind="privacy_notice", version="1999-01")
    page = signed_in(make_member(Role.EMPLOYEE, organisation=other.organisation)).get(MY_DATA)
    assert "1999-01" not in page.content.decode()


# --- download ---------------------------------------------------------------------------------


def test_download_is_a_dated_json_attachment_and_is_logged(signed_in) -> None:
    member = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org"))
    response = signed_in(member).post(DOWNLOAD)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    disposition = response["Content-Disposition"]
    assert disposition.startswith('attachment; filename="meine-daten-')
    assert disposition.endswith('.json"') and len('meine-daten-2026-01-31.json"') <= len(
        disposition.split("filename=")[1]
    )
    assert response["Cache-Control"] == "no-store"
    document = json.loads(response.content)
    assert {"meta", "profile", "memberships", "consents", "audit_log"} <= set(document)
    assert document["profile"]["email"] == "lea@example.org"
    event = AuditEvent.objects.get(action=CoreAction.DATA_EXPORTED)
    assert event.actor == member.user


def test_download_by_get_only_returns_to_my_data(signed_in) -> None:
    response = signed_in(make_member(Role.EMPLOYEE)).get(DOWNLOAD)
    assert response.status_code == 302 and response["Location"] == MY_DATA
    assert not AuditEvent.objects.filter(action=CoreAction.DATA_EXPORTED).exists()


def test_download_of_a_colleague_never_holds_the_other_tenant(signed_in) -> None:
    a = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org", name="Lea Lind"))
    b = make_member(Role.COMPANY_LEAD, user=make_user("bob@example.org", name="Bob Berg"))
    signed_in(a)  # a's events exist, too
    text = signed_in(b, Client()).post(DOWNLOAD).content.decode()
    assert "bob@example.org" in text
    assert a.organisation is not None
    for foreign in ("lea@example.org", "Lea Lind", a.organisation.legal_name):
        assert foreign not in text


# --- deleting the account -----------------------------------------------------------------------


def test_delete_page_explains_the_consequences(signed_in) -> None:
    page = signed_in(make_member(Role.EMPLOYEE)).get(DELETE).content.decode()
    assert "Rollen" in page and "anonym" in page and "E-Mail-Adresse" in page
    assert 'type="password"' in page


def test_wrong_confirmation_deletes_nothing(signed_in) -> None:
    member = make_member(Role.EMPLOYEE, user=make_user("kai@example.org"))
    other = make_user("lea@example.org")
    response = signed_in(member).post(DELETE, {"confirmation": other.email})  # wrong person
    assert response.status_code == 200
    assert "weder Ihre E-Mail-Adresse noch Ihr Passwort" in response.content.decode()
    assert User.objects.get(pk=member.user_id).is_active
    assert User.objects.get(pk=other.pk).is_active


@pytest.mark.parametrize("confirmation", ["KAI@example.org ", PASSWORD])
def test_deleting_signs_out_and_blocks_login(signed_in, confirmation: str) -> None:
    member = make_member(Role.EMPLOYEE, user=make_user("kai@example.org"))
    client = signed_in(member)
    response = client.post(DELETE, {"confirmation": confirmation}, follow=True)
    assert response.redirect_chain[-1][0] == reverse("core:home")
    assert "Ihr Konto wurde gelöscht" in response.content.decode()
    assert "_auth_user_id" not in client.session
    assert _is_login_redirect(client.get(MY_DATA))
    assert Membership.objects.get(pk=member.pk).ended_at is not None
    assert not AuditEvent.objects.filter(summary__icontains="kai@example.org").exists()
    assert AuditEvent.objects.filter(action=CoreAction.ACCOUNT_DELETED).exists()
    client.post("/konto/login/", {"login": "kai@example.org", "password": PASSWORD})
    assert "_auth_user_id" not in client.session


def test_last_lead_with_colleagues_is_told_and_nothing_is_deleted(signed_in) -> None:
    lead = make_member(Role.COMPANY_LEAD, user=make_user("lea@example.org"))
    make_member(Role.EMPLOYEE, organisation=lead.organisation)
    response = signed_in(lead).post(DELETE, {"confirmation": "lea@example.org"})
    assert response.status_code == 200
    assert "letzte Person in der Geschäftsführung" in response.content.decode()
    assert User.objects.get(pk=lead.user_id).email == "lea@example.org"
    assert Membership.objects.get(pk=lead.pk).ended_at is None


# --- consent ----------------------------------------------------------------------------------


@with_consent_middleware
def test_middleware_sends_people_without_consent_to_the_consent_page(login) -> None:
    client = login(_without_consent())
    response = client.get(DASHBOARD)
    assert response.status_code == 302
    assert response["Location"] == f"{CONSENT}?next=%2Fuebersicht%2F"


@with_consent_middleware
@pytest.mark.parametrize(
    "url", [CONSENT, reverse("core:privacy_notice"), MY_DATA, "/verwaltung/login/"]
)
def test_middleware_lets_the_notice_and_the_data_rights_through(login, url: str) -> None:
    response = login(_without_consent()).get(url)
    assert not (response.status_code == 302 and response["Location"].startswith(CONSENT))


@with_consent_middleware
def test_middleware_lets_people_sign_out_and_switch_language(login) -> None:
    client = login(_without_consent())
    assert client.post(reverse("set_language"), {"language": "en"}).status_code == 302
    assert not client.post(reverse("set_language"), {"language": "en"})["Location"].startswith(
        CONSENT
    )
    client.post(reverse("account_logout"))
    assert "_auth_user_id" not in client.session


@with_consent_middleware
def test_htmx_requests_get_a_client_redirect(login) -> None:
    response = login(_without_consent()).get(DASHBOARD, headers={"HX-Request": "true"})
    assert response["HX-Redirect"].startswith(CONSENT)


@with_consent_middleware
def test_taking_note_records_consent_and_returns_to_the_page(login) -> None:
    member = _without_consent()
    client = login(member)
    page = client.get(CONSENT, {"next": DASHBOARD}).content.decode()
    assert "Zur Kenntnis genommen" in page and reverse("core:privacy_notice") in page
    response = client.post(CONSENT, {"next": DASHBOARD})
    assert response["Location"] == DASHBOARD
    record = ConsentRecord.objects.get(user=member.user)
    assert record.version == settings.ZZ_PRIVACY_NOTICE_VERSION and record.kind == "privacy_notice"
    assert client.get(DASHBOARD).status_code == 200
    client.post(CONSENT)  # a second click adds no second record
    assert ConsentRecord.objects.filter(user=member.user).count() == 1


@with_consent_middleware
def test_an_old_version_is_asked_again(login) -> None:
    member = _without_consent()
    ConsentRecord.objects.create(user=member.user, kind="privacy_notice", version="2020-01")
    assert login(member).get(DASHBOARD)["Location"].startswith(CONSENT)


def test_consent_next_must_be_local(signed_in) -> None:
    response = signed_in(make_member(Role.EMPLOYEE)).post(
        CONSENT, {"next": "https://evil.example/"}
    )
    assert response["Location"] == DASHBOARD


def test_consent_is_recorded_only_for_the_person_who_clicks(login) -> None:
    a = _without_consent()
    b = make_member(Role.EMPLOYEE, user=make_user(consented=False), organisation=a.organisation)
    login(a).post(CONSENT)
    assert ConsentRecord.objects.filter(user=a.user).count() == 1
    assert not ConsentRecord.objects.filter(user=b.user).exists()


# --- audit log --------------------------------------------------------------------------------


@pytest.fixture
def two_centres():
    """Centre a and b, each with a centre admin, an advisor and an event of its own."""
    result = {}
    for key, land in (("a", "BY"), ("b", "HH")):
        centre = make_centre(lands=(land,))
        admin = make_member(Role.CENTRE_ADMIN, centre=centre)
        advisor = make_member(
            Role.ADVISOR, centre=centre, user=make_user(f"advisor-{key}@example.org")
        )
        record_event(OrganisationAction.CENTRE_CHANGED, summary=f"event-{key}", centre_id=centre.pk)
        record_event(CoreAction.LOGIN, actor=advisor.user, summary=f"login-{key}")
        result[key] = {"centre": centre, "admin": admin, "advisor": advisor}
    return result


def test_programme_admin_sees_every_event(signed_in, two_centres) -> None:
    record_event(CoreAction.LOGIN_FAILED, summary="unknown@example.org")
    page = signed_in(make_member(Role.PROGRAMME_ADMIN)).get(AUDIT).content.decode()
    for summary in ("event-a", "event-b", "login-a", "login-b", "unknown@example.org"):
        assert summary in page


def test_centre_admin_sees_only_own_centre_and_own_staff(signed_in, two_centres) -> None:
    a = two_centres["a"]
    # A staff member of a acting in a company: that stays with the company.
    record_event(
        OrganisationAction.INVITATION_SENT,
        actor=a["advisor"].user,
        summary="company-x",
        organisation_id=12345,
    )
    page = signed_in(a["admin"]).get(AUDIT).content.decode()
    assert "event-a" in page and "login-a" in page
    assert "event-b" not in page and "login-b" not in page and "company-x" not in page


def test_former_staff_events_disappear_from_the_centre_log(signed_in, two_centres) -> None:
    a = two_centres["a"]
    Membership.objects.filter(pk=a["advisor"].pk).update(ended_at="2026-01-01T00:00:00Z")
    assert "login-a" not in signed_in(a["admin"]).get(AUDIT).content.decode()


@pytest.mark.parametrize("role", [Role.EMPLOYEE, Role.COMPANY_LEAD, Role.ADVISOR, Role.REVIEWER])
def test_audit_log_is_forbidden_to_other_roles(signed_in, role: Role) -> None:
    assert signed_in(make_member(role)).get(AUDIT).status_code == 403


def test_audit_log_sends_anonymous_visitors_to_login(client) -> None:
    assert _is_login_redirect(client.get(AUDIT))


def test_audit_log_filters_by_action_and_pages_by_fifty(signed_in) -> None:
    for i in range(55):
        record_event(CoreAction.LOGIN, summary=f"entry-{i:02d}")
    record_event(CoreAction.DATA_EXPORTED, summary="the-export")
    client = signed_in(make_member(Role.PROGRAMME_ADMIN))
    first = client.get(AUDIT, {"action": "login"}).content.decode()
    assert "the-export" not in first and "entry-54" in first and "entry-04" not in first
    assert "seite=2" in first and "action=login" in first
    second = client.get(AUDIT, {"action": "login", "seite": 2}).content.decode()
    assert "entry-04" in second and "entry-54" not in second
    only = client.get(AUDIT, {"action": "data_exported"}).content.decode()
    assert "the-export" in only and "entry-01" not in only


def test_audit_log_names_deleted_people_as_such(signed_in) -> None:
    employee = make_member(Role.EMPLOYEE, user=make_user("kai@example.org", name="Kai Kollege"))
    actions.delete_account(user=employee.user)
    page = signed_in(make_member(Role.PROGRAMME_ADMIN)).get(AUDIT).content.decode()
    assert "gelöschte Person" in page and "Kai Kollege" not in page
    assert "kai@example.org" not in page


def test_audit_filter_lists_every_registered_action_including_company_checks(login):
    admin = make_member(Role.PROGRAMME_ADMIN)
    page = login(admin).get(reverse("organisations:audit_log")).content.decode()
    for code in ("assessment_opened", "assessment_closed", "login", "population_activated"):
        assert f'<option value="{code}">' in page
    record_event("assessment_closed", summary="Check zu")  # logged by the self-checks app
    filtered = login(admin).get(reverse("organisations:audit_log"), {"action": "assessment_closed"})
    assert "Unternehmens-Check abgeschlossen" in filtered.content.decode()
    assert "Diese Auswahl gibt es nicht" not in filtered.content.decode()


@pytest.mark.parametrize(("role", "employer_named"), [(Role.EMPLOYEE, True), (Role.SOLO, False)])
def test_my_data_speaks_of_an_employer_only_to_those_who_have_one(login, role, employer_named):
    page = login(make_member(role)).get(MY_DATA).content.decode()
    assert ("Arbeitgeber" in page) is employer_named
    assert "Art. 17 DSGVO" in page

"""The audit log records sign-ins and password changes, and hands a person only their own share."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client

from zukunftszentrum.core.audit import erase_audit_identity, export_audit_events, record_event
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.organisations.audit_actions import OrganisationAction

pytestmark = pytest.mark.django_db
PASSWORD = "ein-sicheres-passwort-42"


@pytest.fixture
def person():
    user = get_user_model().objects.create_user("ada@example.org", PASSWORD, full_name="Ada L.")
    # Taken note of the privacy notice, so the consent page does not stand in the way.
    ConsentRecord.objects.create(
        user=user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
    )
    return user


def _actions() -> list[str]:
    return list(AuditEvent.objects.order_by("id").values_list("action", flat=True))


def test_login_and_logout_through_the_login_page_are_recorded(person) -> None:
    client = Client(REMOTE_ADDR="192.0.2.7")
    response = client.post("/konto/login/", {"login": person.email, "password": PASSWORD})
    assert response.status_code == 302
    client.post("/konto/logout/")
    assert _actions() == [CoreAction.LOGIN, CoreAction.LOGOUT]
    login = AuditEvent.objects.get(action=CoreAction.LOGIN)
    assert login.actor == person and login.ip_address == "192.0.2.7"


def test_failed_login_keeps_the_address_tried_but_never_the_password(person) -> None:
    Client().post("/konto/login/", {"login": person.email, "password": "falsch-falsch-1"})
    event = AuditEvent.objects.get(action=CoreAction.LOGIN_FAILED)
    assert event.actor is None and event.summary == person.email
    assert "falsch" not in str(event.details) + event.summary


def test_password_change_is_recorded(person) -> None:
    client = Client()
    client.force_login(person)
    new = "noch-sicherer-passwort-43"
    response = client.post(
        "/konto/password/change/",
        {"oldpassword": PASSWORD, "password1": new, "password2": new},
    )
    assert response.status_code == 302
    event = AuditEvent.objects.get(action=CoreAction.PASSWORD_CHANGED)
    assert event.actor == person and event.summary == "changed"


def test_export_leaves_out_other_peoples_addresses(person) -> None:
    other = get_user_model().objects.create_user("bob@example.org", PASSWORD)
    record_event(CoreAction.LOGIN, actor=person, summary=person.email)
    record_event(
        OrganisationAction.INVITATION_SENT, actor=person, summary="neu@example.org: Beschäftigte:r"
    )
    record_event(
        OrganisationAction.ROLE_GRANTED,
        actor=other,
        summary=f"{person.email}: Rolle",
        user_id=person.pk,
    )
    record_event(CoreAction.LOGIN, actor=other, summary=other.email)
    AuditEvent.objects.filter(actor=other).update(ip_address="198.51.100.9")
    exported = export_audit_events(person)
    text = str(exported)
    assert {e["action"] for e in exported} == {
        CoreAction.LOGIN,
        OrganisationAction.INVITATION_SENT,
        OrganisationAction.ROLE_GRANTED,
    }
    assert "neu@example.org" not in text  # the invitee's address is theirs, not the inviter's
    assert other.email not in text and "198.51.100.9" not in text
    assert person.email in text  # the person's own events keep their summary


def test_erasure_keeps_the_events_but_not_who(person) -> None:
    record_event(CoreAction.LOGIN, actor=person, summary=person.email)
    AuditEvent.objects.update(ip_address="192.0.2.1")
    record_event(CoreAction.LOGIN_FAILED, summary=person.email)
    erase_audit_identity(person)
    assert AuditEvent.objects.count() == 2
    assert not AuditEvent.objects.filter(summary__icontains=person.email).exists()
    assert not AuditEvent.objects.filter(ip_address__isnull=False).exists()


def test_anonymous_actor_is_stored_as_none() -> None:
    from django.contrib.auth.models import AnonymousUser

    event = record_event(CoreAction.LOGIN_FAILED, actor=AnonymousUser(), summary="x@example.org")
    assert event.actor is None

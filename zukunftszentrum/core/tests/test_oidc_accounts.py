"""Linked identities in "Meine Daten", their removal with the account, and the audit export."""

from __future__ import annotations

import pytest
from allauth.socialaccount.models import SocialAccount

from zukunftszentrum.core.audit import export_audit_events, record_event
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.personal_data import erase_personal_data, export_personal_data
from zukunftszentrum.organisations.tests.factories import make_user

pytestmark = pytest.mark.django_db


def test_linked_identities_are_exported_without_the_providers_claims() -> None:
    person, other = make_user(), make_user()
    SocialAccount.objects.create(
        user=person, provider="keycloak", uid="abc-123", extra_data={"secret": "claims"}
    )
    SocialAccount.objects.create(user=other, provider="keycloak", uid="zzz")
    (entry,) = export_personal_data(person)["linked_identities"]
    assert entry["provider"] == "keycloak"
    assert entry["uid"] == "abc-123"
    assert "claims" not in str(entry)


def test_erasure_unlinks_only_the_persons_identities() -> None:
    person, other = make_user(), make_user()
    SocialAccount.objects.create(user=person, provider="keycloak", uid="abc-123")
    SocialAccount.objects.create(user=other, provider="keycloak", uid="zzz")
    erase_personal_data(person)
    assert list(SocialAccount.objects.values_list("uid", flat=True)) == ["zzz"]


def test_a_refused_provider_sign_in_with_my_address_is_in_my_export() -> None:
    person = make_user("ida@example.org")
    record_event(CoreAction.OIDC_REFUSED, summary="ida@example.org", reason="email_not_verified")
    record_event(CoreAction.OIDC_REFUSED, summary="someone@example.org", reason="no_email")
    exported = export_audit_events(person)
    assert [(e["action"], e["summary"]) for e in exported] == [
        (CoreAction.OIDC_REFUSED, "ida@example.org")
    ]

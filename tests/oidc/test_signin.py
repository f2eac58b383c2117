"""Signing in through an identity provider: a real OpenID Connect provider (Authlib, its own
process on loopback) with discovery, the code flow with PKCE and RS256-signed ID tokens.

The browser is Django's test client on our side and `requests` at the provider: the provider
never calls the platform, so the platform needs no live server; its calls to the provider
(discovery, token, keys, userinfo) are real HTTP.
"""

from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlsplit

import pytest
import requests
from allauth.mfa.totp.internal.auth import TOTP, generate_totp_secret
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import get_user_model
from django.contrib.messages import get_messages
from django.test import Client, override_settings
from django.urls import reverse

from tests.oidc.provider import PROVIDER_ID, provider_settings, running_provider
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import PASSWORD, make_member, make_user

pytestmark = pytest.mark.django_db
User = get_user_model()
LOGIN_START = f"/konto/oidc/{PROVIDER_ID}/login/"


@pytest.fixture(scope="module")
def issuer() -> Iterator[str]:
    with running_provider() as address:
        yield address


@pytest.fixture
def provider(issuer: str) -> Iterator[str]:
    with override_settings(SOCIALACCOUNT_PROVIDERS=provider_settings(issuer)):
        yield issuer


def sign_in_at_provider(client: Client, username: str) -> object:
    """The whole round trip; returns the platform's answer to the provider's redirect back."""
    start = client.post(LOGIN_START)
    assert start.status_code == 302, start
    authorize = start["Location"]
    assert "code_challenge_method=S256" in authorize  # PKCE, checked again by the provider
    at_provider = requests.post(
        authorize, data={"username": username}, allow_redirects=False, timeout=10
    )
    assert at_provider.status_code == 302, at_provider.text
    back = urlsplit(at_provider.headers["Location"])
    assert back.netloc == "testserver"
    return client.get(f"{back.path}?{back.query}")


def signed_in_user(client: Client) -> object:
    return client.get(reverse("organisations:profile")).wsgi_request.user


def events(action: str) -> list[AuditEvent]:
    return list(AuditEvent.objects.filter(action=action).order_by("pk"))


def test_no_button_without_a_configured_provider() -> None:
    page = Client().get(reverse("account_login")).content.decode()
    assert "zz-providers" not in page
    assert LOGIN_START not in page
    assert Client().post(LOGIN_START).status_code == 404


def test_login_page_offers_the_provider(provider: str) -> None:
    page = Client().get(reverse("account_login") + "?next=/checks/").content.decode()
    assert "Mit Landesportal anmelden" in page
    assert f'action="{LOGIN_START}?process=login&amp;next=%2Fchecks%2F"' in page


def test_a_new_person_gets_an_account_and_the_consent_step(provider: str) -> None:
    client = Client()
    answer = sign_in_at_provider(client, "ada")
    assert answer.status_code == 302
    user = User.objects.get(email="ada.neu@example.org")  # stored lower-case
    assert user.full_name == "Ada Neu"
    assert not user.has_usable_password()
    assert SocialAccount.objects.get(user=user).provider == PROVIDER_ID
    landing = client.get(answer["Location"])
    assert landing.status_code == 302
    assert landing["Location"].startswith(reverse("organisations:privacy_consent"))
    assert [e.actor_id for e in events(CoreAction.OIDC_ACCOUNT_CREATED)] == [user.pk]
    login = events(CoreAction.LOGIN_OIDC)
    assert [(e.actor_id, e.details["provider"]) for e in login] == [(user.pk, PROVIDER_ID)]
    assert not events(CoreAction.LOGIN)


def test_no_new_accounts_when_the_provider_may_not_sign_up(issuer: str) -> None:
    with override_settings(SOCIALACCOUNT_PROVIDERS=provider_settings(issuer, signup=False)):
        client = Client()
        answer = sign_in_at_provider(client, "ada")
    assert not User.objects.filter(email="ada.neu@example.org").exists()
    assert not signed_in_user(client).is_authenticated
    assert answer.status_code == 200  # allauth's page "sign-up closed"


def test_a_verified_address_links_the_existing_account(provider: str) -> None:
    bea = make_user("bea@example.org")
    client = Client()
    answer = sign_in_at_provider(client, "bea")
    assert answer.status_code == 302
    assert signed_in_user(client) == bea
    assert SocialAccount.objects.get(provider=PROVIDER_ID).user == bea
    bea.refresh_from_db()
    assert bea.check_password(PASSWORD)  # the password still works
    assert [e.actor_id for e in events(CoreAction.OIDC_LINKED)] == [bea.pk]
    assert [e.actor_id for e in events(CoreAction.LOGIN_OIDC)] == [bea.pk]

    again = Client()  # the second time, the identity itself is known: no new link
    sign_in_at_provider(again, "bea")
    assert signed_in_user(again) == bea
    assert len(events(CoreAction.OIDC_LINKED)) == 1
    assert len(events(CoreAction.LOGIN_OIDC)) == 2


def test_an_unverified_address_links_nothing_and_says_why(provider: str) -> None:
    cem = make_user("cem@example.org")
    client = Client()
    answer = sign_in_at_provider(client, "cem")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("account_login")
    assert not signed_in_user(client).is_authenticated
    assert not SocialAccount.objects.exists()
    texts = [str(m) for m in get_messages(answer.wsgi_request)]
    assert any("bestätigt die E-Mail-Adresse cem@example.org nicht" in t for t in texts), texts
    refused = events(CoreAction.OIDC_REFUSED)
    assert [(e.summary, e.details["reason"]) for e in refused] == [
        ("cem@example.org", "email_not_verified")
    ]
    assert User.objects.filter(email__iexact="cem@example.org").get() == cem


def test_an_unverified_new_address_gets_no_account(provider: str) -> None:
    client = Client()
    sign_in_at_provider(client, "cem")
    assert not User.objects.filter(email="cem@example.org").exists()
    assert not signed_in_user(client).is_authenticated


def test_without_an_address_nobody_is_signed_in(provider: str) -> None:
    client = Client()
    answer = sign_in_at_provider(client, "emil")
    assert answer["Location"] == reverse("account_login")
    assert not signed_in_user(client).is_authenticated
    assert [e.details["reason"] for e in events(CoreAction.OIDC_REFUSED)] == ["no_email"]


def test_the_platforms_second_factor_is_still_asked_for(provider: str) -> None:
    dora = make_member(Role.CENTRE_ADMIN, user=make_user("dora@example.org")).user
    TOTP.activate(dora, generate_totp_secret())
    SocialAccount.objects.create(user=dora, provider=PROVIDER_ID, uid="dora")
    client = Client()
    answer = sign_in_at_provider(client, "dora")
    assert answer.status_code == 302
    assert answer["Location"] == reverse("mfa_authenticate")
    assert not signed_in_user(client).is_authenticated
    assert not events(CoreAction.LOGIN_OIDC)


def test_an_admin_without_a_second_factor_must_set_one_up(provider: str) -> None:
    dora = make_member(Role.CENTRE_ADMIN, user=make_user("dora@example.org")).user
    client = Client()
    with override_settings(ZZ_MFA_REQUIRED=True):
        answer = sign_in_at_provider(client, "dora")
        assert signed_in_user(client) == dora
        assert client.get(answer["Location"])["Location"] == reverse("mfa_index")


def test_a_token_signed_with_an_unpublished_key_is_refused() -> None:
    make_user("bea@example.org")
    client = Client()
    with running_provider(foreign_signing_key=True) as issuer:
        override = override_settings(SOCIALACCOUNT_PROVIDERS=provider_settings(issuer))
        with override:
            answer = sign_in_at_provider(client, "bea")
    assert answer.status_code == 401  # allauth's page "sign-in failed"
    assert not signed_in_user(client).is_authenticated
    assert not SocialAccount.objects.exists()
    assert len(events(CoreAction.OIDC_REFUSED)) == 1


def test_unlinking_on_the_connections_page_is_logged(provider: str) -> None:
    bea = make_user("bea@example.org")
    client = Client()
    sign_in_at_provider(client, "bea")
    account = SocialAccount.objects.get(user=bea)
    answer = client.post(reverse("socialaccount_connections"), {"account": account.pk})
    assert answer.status_code == 302
    assert not SocialAccount.objects.exists()
    assert [e.actor_id for e in events(CoreAction.OIDC_UNLINKED)] == [bea.pk]

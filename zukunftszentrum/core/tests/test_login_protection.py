"""Login protection: lockout after repeated failed sign-ins, rate limits on public forms."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import reverse

from zukunftszentrum.core import ratelimit
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import AuditEvent, ConsentRecord

pytestmark = pytest.mark.django_db
PASSWORD = "ein-sicheres-passwort-42"
LOGIN = "/konto/login/"


@pytest.fixture(autouse=True)
def _empty_cache() -> Iterator[None]:
    cache.clear()  # rate-limit counters live in the cache, which outlives a test's transaction
    yield
    cache.clear()


@pytest.fixture
def person():
    user = get_user_model().objects.create_user("ada@example.org", PASSWORD, full_name="Ada L.")
    ConsentRecord.objects.create(
        user=user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
    )
    return user


def _sign_in(client: Client, email: str, password: str):
    return client.post(LOGIN, {"login": email, "password": password})


# --- lockout ---
@override_settings(AXES_FAILURE_LIMIT=3)
def test_repeated_failures_lock_the_address_out_with_a_german_message_and_an_audit_entry(
    person,
) -> None:
    client = Client(REMOTE_ADDR="192.0.2.10")
    assert _sign_in(client, person.email, "falsch-1").status_code == 200  # the form again
    assert _sign_in(client, person.email, "falsch-2").status_code == 200
    locked = _sign_in(client, person.email, "falsch-3")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "Anmeldung vorübergehend gesperrt" in page and "15 Minuten" in page
    assert reverse("account_reset_password") in page
    # Locked out means locked out: the right password does not get in either.
    assert _sign_in(client, person.email, PASSWORD).status_code == 429
    assert "_auth_user_id" not in client.session
    (event,) = AuditEvent.objects.filter(action=CoreAction.LOGIN_LOCKED_OUT)
    assert event.summary == person.email and event.ip_address == "192.0.2.10"
    assert PASSWORD not in str(event.details) and "falsch" not in str(event.details)


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_lockout_of_one_address_leaves_another_person_on_another_client_alone(person) -> None:
    other = get_user_model().objects.create_user("bob@example.org", PASSWORD, full_name="Bob")
    attacker = Client(REMOTE_ADDR="192.0.2.10")
    for attempt in range(3):
        _sign_in(attacker, person.email, f"falsch-{attempt}")
    response = _sign_in(Client(REMOTE_ADDR="198.51.100.5"), other.email, PASSWORD)
    assert response.status_code == 302


@override_settings(AXES_FAILURE_LIMIT=3)
def test_a_successful_sign_in_resets_the_count(person) -> None:
    client = Client(REMOTE_ADDR="192.0.2.11")
    _sign_in(client, person.email, "falsch-1")
    _sign_in(client, person.email, "falsch-2")
    assert _sign_in(client, person.email, PASSWORD).status_code == 302
    client.post("/konto/logout/")
    _sign_in(client, person.email, "falsch-3")
    assert _sign_in(client, person.email, PASSWORD).status_code == 302
    assert not AuditEvent.objects.filter(action=CoreAction.LOGIN_LOCKED_OUT).exists()


# --- rate limits of the project's own forms ---
def test_the_counter_allows_the_limit_then_refuses_until_the_next_window() -> None:
    assert [ratelimit.hit("k", limit=2, period=60, now=120.0) for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert ratelimit.hit("other", limit=2, period=60, now=120.0)  # per key
    assert ratelimit.hit("k", limit=2, period=60, now=180.0)  # a new window


@override_settings(ZZ_RATE_LIMITS={"organisations:register": (2, 600)})
def test_registration_posts_are_limited_per_address_with_a_clear_message() -> None:
    url = reverse("organisations:register")
    client = Client(REMOTE_ADDR="192.0.2.20")
    for _ in range(2):
        assert client.post(url, {"full_name": "Frieda"}).status_code == 200  # form errors
    refused = client.post(url, {"full_name": "Frieda"})
    assert refused.status_code == 429 and refused["Retry-After"] == "600"
    page = refused.content.decode()
    assert "Zu viele Anfragen" in page and "in 10 Minuten" in page
    assert client.get(url).status_code == 200  # reading the page is not limited
    other = Client(REMOTE_ADDR="198.51.100.20")
    assert other.post(url, {"full_name": "Frieda"}).status_code == 200


@override_settings(ZZ_RATE_LIMITS={"organisations:invitation_accept": (1, 3600)})
def test_invitation_acceptance_posts_are_limited() -> None:
    url = reverse("organisations:invitation_accept", args=["gibt-es-nicht"])
    client = Client(REMOTE_ADDR="192.0.2.21")
    assert client.post(url).status_code == 410  # the unknown link, explained
    assert client.post(url).status_code == 429
    assert client.get(url).status_code == 410


@override_settings(ACCOUNT_RATE_LIMITS={"reset_password": "2/m/ip"})
def test_password_reset_is_limited_by_allauth_with_the_german_page(person) -> None:
    url = reverse("account_reset_password")
    client = Client(REMOTE_ADDR="192.0.2.22")
    for _ in range(2):
        assert client.post(url, {"email": person.email}).status_code == 302
    refused = client.post(url, {"email": person.email})
    assert refused.status_code == 429
    assert "Zu viele Anfragen" in refused.content.decode()


@override_settings(AXES_FAILURE_LIMIT=1, ZZ_RATE_LIMITS={"organisations:register": (1, 60)})
def test_the_messages_are_translated_to_english(person) -> None:
    client = Client(REMOTE_ADDR="192.0.2.30", HTTP_ACCEPT_LANGUAGE="en")
    locked = _sign_in(client, person.email, "falsch").content.decode()
    assert "Sign-in temporarily locked" in locked and "locked for 15 minutes" in locked
    url = reverse("organisations:register")
    client.post(url, {})
    limited = client.post(url, {}).content.decode()
    assert "Too many requests" in limited and "again in 1 minute." in limited


@override_settings(AXES_FAILURE_LIMIT=1)
def test_a_password_check_without_a_request_is_neither_counted_nor_refused(person) -> None:
    from django.contrib.auth import authenticate

    assert authenticate(email=person.email, password="falsch") is None
    assert authenticate(email=person.email, password=PASSWORD) == person


# --- behind the operator's reverse proxy ---
PROXY = "10.0.0.2"  # every request arrives from the proxy


def _via_proxy(client_address: str) -> Client:
    return Client(REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=client_address)


@override_settings(AXES_FAILURE_LIMIT=3, ZZ_TRUSTED_PROXY_COUNT=1, ALLAUTH_TRUSTED_PROXY_COUNT=1)
def test_behind_a_trusted_proxy_one_clients_lockout_leaves_the_others_alone(person) -> None:
    other = get_user_model().objects.create_user("bob@example.org", PASSWORD, full_name="Bob")
    for attempt in range(3):
        _sign_in(_via_proxy("192.0.2.10"), person.email, f"falsch-{attempt}")
    (event,) = AuditEvent.objects.filter(action=CoreAction.LOGIN_LOCKED_OUT)
    assert event.ip_address == "192.0.2.10"  # the client, not the proxy
    assert _sign_in(_via_proxy("198.51.100.5"), other.email, PASSWORD).status_code == 302
    # the locked-out client stays locked out, whatever it claims further left in the header
    forged = _via_proxy("203.0.113.9, 192.0.2.10")
    assert _sign_in(forged, person.email, PASSWORD).status_code == 429


@override_settings(AXES_FAILURE_LIMIT=3, ZZ_TRUSTED_PROXY_COUNT=0)
def test_without_trusted_proxies_a_forged_header_does_not_escape_the_lockout(person) -> None:
    for attempt in range(3):
        client = Client(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR=f"203.0.113.{attempt}")
        _sign_in(client, person.email, f"falsch-{attempt}")
    (event,) = AuditEvent.objects.filter(action=CoreAction.LOGIN_LOCKED_OUT)
    assert event.ip_address == "192.0.2.10"
    again = Client(REMOTE_ADDR="192.0.2.10", HTTP_X_FORWARDED_FOR="203.0.113.77")
    assert _sign_in(again, person.email, PASSWORD).status_code == 429

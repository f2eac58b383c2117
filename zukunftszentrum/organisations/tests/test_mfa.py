"""Two-factor sign-in (allauth.mfa): offered to everyone, required for programme and centre admins
and for staff of the administration."""

from __future__ import annotations

import re
import time

import pytest
from allauth.mfa.models import Authenticator
from allauth.mfa.recovery_codes.internal.auth import RecoveryCodes
from allauth.mfa.totp.internal.auth import (
    TOTP,
    format_hotp_value,
    generate_totp_secret,
    hotp_value,
)
from django.contrib.staticfiles import finders
from django.test import Client, override_settings
from django.urls import reverse

from zukunftszentrum.organisations.mfa import mfa_required
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import PASSWORD, make_member, make_user

pytestmark = pytest.mark.django_db
DASHBOARD = reverse("organisations:dashboard")
MFA_INDEX = reverse("mfa_index")
# One period either side, so a code computed just before a period ends is still accepted.
TOLERANT = override_settings(MFA_TOTP_TOLERANCE=1)


def current_code(secret: str) -> str:
    """What an authenticator app shows now for `secret` (RFC 6238, 30-second periods)."""
    return format_hotp_value(hotp_value(secret, int(time.time()) // 30))


def sign_in(client: Client, email: str) -> str:
    """Sign in with the password form; returns where the sign-in sends the person."""
    response = client.post(reverse("account_login"), {"login": email, "password": PASSWORD})
    assert response.status_code == 302
    return response["Location"]


def confirm_password(client: Client) -> None:
    """Adding or changing a factor asks for the password again (allauth's reauthentication)."""
    response = client.post(reverse("account_reauthenticate"), {"password": PASSWORD})
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("roles", "is_staff", "required"),
    [
        ((), False, False),
        ((Role.EMPLOYEE.value,), False, False),
        ((Role.ADVISOR.value, Role.COMPANY_LEAD.value), False, False),
        ((Role.CENTRE_ADMIN.value,), False, True),
        ((Role.EMPLOYEE.value, Role.PROGRAMME_ADMIN.value), False, True),
        ((), True, True),
    ],
)
def test_who_must_use_a_second_factor(roles, is_staff: bool, required: bool) -> None:
    assert mfa_required(roles, is_staff=is_staff) is required


def test_profile_links_to_two_factor_page(login) -> None:
    page = login(make_member(Role.EMPLOYEE)).get(reverse("organisations:profile"))
    assert MFA_INDEX in page.content.decode()


def test_two_factor_page_is_german_and_offers_all_three(login) -> None:
    page = login(make_member(Role.EMPLOYEE)).get(MFA_INDEX).content.decode()
    assert "Zwei-Faktor-Authentifizierung" in page
    for url in ("mfa_activate_totp", "mfa_add_webauthn"):
        assert reverse(url) in page
    assert "Wiederherstellungscodes" in page


@TOLERANT
def test_totp_set_up_then_sign_in_with_a_code(client: Client) -> None:
    user = make_member(Role.EMPLOYEE).user
    sign_in(client, user.email)
    confirm_password(client)
    assert client.get(reverse("mfa_activate_totp")).status_code == 200
    secret = client.session["mfa.totp.secret"]
    wrong = client.post(reverse("mfa_activate_totp"), {"code": "000000"})
    assert wrong.status_code == 200 and not Authenticator.objects.filter(user=user).exists()

    response = client.post(reverse("mfa_activate_totp"), {"code": current_code(secret)})
    assert response.status_code == 302
    kinds = set(Authenticator.objects.filter(user=user).values_list("type", flat=True))
    assert kinds == {Authenticator.Type.TOTP, Authenticator.Type.RECOVERY_CODES}

    client.post(reverse("account_logout"))
    assert sign_in(client, user.email) == reverse("mfa_authenticate")
    assert client.get(DASHBOARD).status_code == 302  # not signed in before the second factor
    failed = client.post(reverse("mfa_authenticate"), {"code": "123456"})
    assert failed.status_code == 200
    # The code used to activate is spent; the app's code of the neighbouring period is fresh.
    next_code = format_hotp_value(hotp_value(secret, int(time.time()) // 30 + 1))
    client.post(reverse("mfa_authenticate"), {"code": next_code})
    assert client.get(DASHBOARD).status_code == 200


def test_recovery_code_signs_in_once(client: Client) -> None:
    user = make_member(Role.EMPLOYEE).user
    TOTP.activate(user, generate_totp_secret())
    code = RecoveryCodes.activate(user).generate_codes()[0]

    assert sign_in(client, user.email) == reverse("mfa_authenticate")
    client.post(reverse("mfa_authenticate"), {"code": code})
    assert client.get(DASHBOARD).status_code == 200

    client.post(reverse("account_logout"))
    other = Client()
    sign_in(other, user.email)
    reused = other.post(reverse("mfa_authenticate"), {"code": code})
    assert reused.status_code == 200  # the form again: a recovery code works only once
    assert other.get(DASHBOARD).status_code == 302


@override_settings(ZZ_MFA_REQUIRED=True)
@pytest.mark.parametrize("role", [Role.CENTRE_ADMIN, Role.PROGRAMME_ADMIN])
def test_admins_without_second_factor_are_sent_to_set_it_up(login, role: Role) -> None:
    client = login(make_member(role))
    response = client.get(DASHBOARD, follow=True)
    assert response.redirect_chain[0] == (MFA_INDEX, 302)
    page = response.content.decode()
    assert "Richten Sie deshalb bitte zuerst" in page
    # Setting it up and signing out stay open.
    activate = client.get(reverse("mfa_activate_totp"), follow=True)
    assert activate.status_code == 200 and activate.redirect_chain[-1:] != [(MFA_INDEX, 302)]
    assert client.post(reverse("account_logout")).status_code == 302


@override_settings(ZZ_MFA_REQUIRED=True)
def test_requirement_lifts_once_set_up(login) -> None:
    admin = make_member(Role.CENTRE_ADMIN)
    TOTP.activate(admin.user, generate_totp_secret())
    assert login(admin).get(DASHBOARD).status_code == 200


@override_settings(ZZ_MFA_REQUIRED=True)
def test_not_required_for_an_employee(login) -> None:
    assert login(make_member(Role.EMPLOYEE)).get(DASHBOARD).status_code == 200


@override_settings(ZZ_MFA_REQUIRED=True)
def test_administration_requires_it_for_staff(client: Client) -> None:
    staff = make_user()
    staff.is_staff = staff.is_superuser = True
    staff.save()
    client.force_login(staff)
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302 and response["Location"] == MFA_INDEX
    TOTP.activate(staff, generate_totp_secret())
    assert client.get(reverse("admin:index")).status_code == 200


@override_settings(ZZ_MFA_REQUIRED=False)
def test_requirement_can_be_lifted(login) -> None:
    assert login(make_member(Role.CENTRE_ADMIN)).get(DASHBOARD).status_code == 200


def test_webauthn_is_offered_with_scripts_from_static_only(client: Client) -> None:
    user = make_member(Role.EMPLOYEE).user
    sign_in(client, user.email)
    confirm_password(client)
    response = client.get(reverse("mfa_add_webauthn"))
    assert response.status_code == 200
    page = response.content.decode()
    scripts = re.findall(r"<script([^>]*)>", page)
    sources = [re.search(r'src="([^"]+)"', attrs) for attrs in scripts]
    assert any(src and "webauthn" in src.group(1) for src in sources)
    for attrs, src in zip(scripts, sources, strict=True):
        # Executable scripts come from a file; inline ones are JSON data, which CSP leaves alone.
        assert src or 'type="application/json"' in attrs, attrs
    for src in filter(None, sources):
        assert finders.find(src.group(1).removeprefix("/static/")), src.group(1)
    assert "unsafe-inline" not in response.get("Content-Security-Policy", "")


def test_programme_admin_can_remove_a_lost_factor_but_not_read_it(login) -> None:
    person = make_member(Role.EMPLOYEE).user
    secret = generate_totp_secret()
    factor = TOTP.activate(person, secret).instance
    client = login(make_member(Role.PROGRAMME_ADMIN))
    change = client.get(reverse("admin:mfa_authenticator_change", args=[factor.pk]))
    assert change.status_code == 200
    assert factor.data["secret"] not in change.content.decode()
    delete = reverse("admin:mfa_authenticator_delete", args=[factor.pk])
    assert client.post(delete, {"post": "yes"}).status_code == 302
    assert not Authenticator.objects.filter(pk=factor.pk).exists()


def test_others_cannot_open_second_factors_in_the_administration(login) -> None:
    client = login(make_member(Role.CENTRE_ADMIN))
    assert client.get(reverse("admin:mfa_authenticator_changelist")).status_code != 200

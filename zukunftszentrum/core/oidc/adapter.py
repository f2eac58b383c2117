"""Who may sign in through an identity provider, and what the audit log keeps of it.

allauth calls this adapter at each step of an OpenID Connect sign-in (see the package's
docstring for the rules). A refusal sends the person back to the sign-in page with a message
that says why and what to do, and writes one audit entry; nothing is linked or created.
"""

from __future__ import annotations

from typing import Any, NoReturn

from allauth.core.exceptions import ImmediateHttpResponse
from allauth.socialaccount.adapter import DefaultSocialAccountAdapter
from allauth.socialaccount.models import SocialLogin
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _

from ..audit import record_event
from ..audit_actions import CoreAction


def provider_email(sociallogin: SocialLogin) -> tuple[str, bool]:
    """The address the provider names (lower-cased) and whether it says it is verified."""
    for address in sociallogin.email_addresses:
        if address.email:
            # Some providers send "true" as a string; anything else is not a confirmation.
            verified = address.verified is True or str(address.verified).lower() == "true"
            return address.email.strip().lower(), verified
    return "", False


class SocialAccountAdapter(DefaultSocialAccountAdapter):
    def is_open_for_signup(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        """A new person may get an account through the operator's provider, unless the
        provider's `signup` setting is off; open sign-up with a password stays closed."""
        return bool(sociallogin.provider.app.settings.get("signup", True))

    def is_auto_signup_allowed(self, request: HttpRequest, sociallogin: SocialLogin) -> bool:
        return True

    def pre_social_login(self, request: HttpRequest, sociallogin: SocialLogin) -> None:
        if sociallogin.is_existing:
            return  # this identity signed in before: its account, whatever the address now
        if sociallogin.state.get("process") == "connect":
            return  # a signed-in person links an identity to their own account ("3rdparty")
        email, verified = provider_email(sociallogin)
        provider = sociallogin.provider.app.provider_id
        if not email:
            self._refuse(
                request,
                provider,
                "",
                "no_email",
                _(
                    "Ihr Identitätsanbieter hat keine E-Mail-Adresse übermittelt. Ohne sie kann "
                    "kein Konto zugeordnet werden. Bitte wenden Sie sich an die Betreuung Ihres "
                    "Identitätsanbieters."
                ),
            )
        if not verified:
            self._refuse(
                request,
                provider,
                email,
                "email_not_verified",
                _(
                    "Ihr Identitätsanbieter bestätigt die E-Mail-Adresse %(email)s nicht. "
                    "Deshalb kann sie keinem Konto zugeordnet werden. Melden Sie sich mit Ihrem "
                    "Passwort an, oder lassen Sie die Adresse bei Ihrem Identitätsanbieter "
                    "bestätigen und versuchen Sie es erneut."
                )
                % {"email": email},
            )
        user = get_user_model().objects.filter(email__iexact=email).first()
        if user is None:
            return  # a new person: allauth creates the account (save_user below)
        if not user.is_active or getattr(user, "erased_at", None):
            self._refuse(
                request,
                provider,
                email,
                "account_inactive",
                _("Dieses Konto ist nicht aktiv. Eine Anmeldung ist nicht möglich."),
            )
        sociallogin.connect(request, user)  # the audit entry: accounts.py, on allauth's signal

    def populate_user(self, request: HttpRequest, sociallogin: SocialLogin, data: Any) -> Any:
        user = super().populate_user(request, sociallogin, data)
        email, _verified = provider_email(sociallogin)
        user.email = email
        name = data.get("name") or " ".join(
            part for part in (data.get("first_name"), data.get("last_name")) if part
        )
        user.full_name = (name or "")[:150]
        return user

    def save_user(self, request: HttpRequest, sociallogin: SocialLogin, form: Any = None) -> Any:
        user = super().save_user(request, sociallogin, form)
        record_event(
            CoreAction.OIDC_ACCOUNT_CREATED,
            actor=user,
            summary=user.email,
            request=request,
            provider=sociallogin.provider.app.provider_id,
        )
        return user

    def on_authentication_error(
        self,
        request: HttpRequest,
        provider: Any,
        error: Any = None,
        exception: Any = None,
        extra_context: Any = None,
    ) -> None:
        # The provider refused, the person cancelled, or the answer did not check out (a wrong
        # signature, a stale state): logged without the provider's error text, which the
        # provider controls.
        record_event(
            CoreAction.OIDC_REFUSED,
            request=request,
            provider=str(getattr(getattr(provider, "app", None), "provider_id", "") or ""),
            reason=str(error or "error")[:40],
        )
        super().on_authentication_error(request, provider, error, exception, extra_context)

    def _refuse(
        self, request: HttpRequest, provider: str, email: str, reason: str, message: str
    ) -> NoReturn:
        record_event(
            CoreAction.OIDC_REFUSED,
            summary=email,
            request=request,
            provider=provider,
            reason=reason,
        )
        messages.error(request, message)
        raise ImmediateHttpResponse(HttpResponseRedirect(reverse("account_login")))

"""Two-factor sign-in is required for the people who can change most: programme admins, centre
admins and staff of the administration (/verwaltung/).

allauth.mfa offers it to everyone (the page "Zwei-Faktor-Authentifizierung", linked from the
profile). MfaRequiredMiddleware sends a signed-in person who must have it, and has not set it up,
to that page before anything else, with a message that says why. Whether it is set up is
asked on each request of such a person (one indexed query), so removing the last factor takes
effect at once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import cast

from allauth.mfa.utils import is_mfa_enabled
from django.conf import settings
from django.contrib import messages
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django_htmx.http import HttpResponseClientRedirect

from .consent import CONSENT_VIEW
from .consent import EXEMPT_VIEWS as CONSENT_EXEMPT_VIEWS
from .middleware import AnyMemberRequest
from .roles import Role

MFA_REQUIRED_ROLES = frozenset({Role.PROGRAMME_ADMIN.value, Role.CENTRE_ADMIN.value})

# Pages open without a second factor: setting it up (allauth's MFA pages, and confirming the
# password they may ask for), and what the privacy consent leaves open (signing out, the legal
# pages, the person's own data rights).
EXEMPT_VIEWS = CONSENT_EXEMPT_VIEWS | {CONSENT_VIEW, "account_reauthenticate"}


def mfa_required(roles: Iterable[str], *, is_staff: bool) -> bool:
    """Whether a person holding these roles must sign in with a second factor."""
    return is_staff or any(role in MFA_REQUIRED_ROLES for role in roles)


def _is_exempt(request: HttpRequest) -> bool:
    if request.path_info.startswith(settings.STATIC_URL or "/static/"):
        return True
    match = request.resolver_match
    if match is None:
        return False
    return match.view_name.startswith("mfa_") or match.view_name in EXEMPT_VIEWS


class MfaRequiredMiddleware:
    """Sends admins without a second factor to set one up (after ActiveMembershipMiddleware)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view_func: object, view_args: object, view_kwargs: object
    ) -> HttpResponse | None:
        # In process_view, where request.resolver_match is known.
        if not settings.ZZ_MFA_REQUIRED or not request.user.is_authenticated:
            return None
        if _is_exempt(request):
            return None
        typed = cast(AnyMemberRequest, request)
        roles = [membership.role for membership in typed.memberships]
        if not mfa_required(roles, is_staff=request.user.is_staff):
            return None
        if is_mfa_enabled(request.user):
            return None
        messages.warning(
            request,
            _(
                "Ihre Rolle erlaubt weitreichende Änderungen. Richten Sie deshalb bitte zuerst "
                "eine Zwei-Faktor-Anmeldung ein (eine Authenticator-App oder einen "
                "Sicherheitsschlüssel), bevor Sie fortfahren."
            ),
        )
        target = reverse("mfa_index")
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)

"""Asks a signed-in person once to take note of the current privacy notice.

PrivacyConsentMiddleware sends a signed-in person who has no consent record for the current
version (settings.ZZ_PRIVACY_NOTICE_VERSION) to the consent page. The answer is remembered in
the session, so the database is asked once per session, not on every request.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django_htmx.http import HttpResponseClientRedirect

from zukunftszentrum.core.models import ConsentRecord

SESSION_KEY = "zz_privacy_notice_version"
CONSENT_VIEW = "organisations:privacy_consent"

# Pages a person can open before taking note: the notice itself, signing out, switching the
# language, the legally required pages, and their data rights (nobody must agree in order to
# download their data or delete their account).
EXEMPT_VIEWS = frozenset(
    {
        CONSENT_VIEW,
        "core:privacy_notice",
        "core:imprint",
        "core:accessibility",
        "account_logout",
        "set_language",
        "organisations:my_data",
        "organisations:my_data_download",
        "organisations:delete_account",
    }
)
EXEMPT_NAMESPACES = frozenset({"admin"})


def current_version() -> str:
    return settings.ZZ_PRIVACY_NOTICE_VERSION


def has_current_consent(user: Any) -> bool:
    """True when the person took note of the privacy notice in its current version."""
    return ConsentRecord.objects.filter(
        user=user,
        kind=ConsentRecord.Kind.PRIVACY_NOTICE,
        version=current_version(),
        withdrawn_at__isnull=True,
    ).exists()


def remember_consent(request: HttpRequest) -> None:
    """Spare the database question for the rest of the session."""
    request.session[SESSION_KEY] = current_version()


def safe_next(request: HttpRequest, value: str | None) -> str:
    """A local address to return to, or ""."""
    if value and url_has_allowed_host_and_scheme(
        value, {request.get_host()}, require_https=request.is_secure()
    ):
        return value
    return ""


def _is_exempt(request: HttpRequest) -> bool:
    if request.path_info.startswith((settings.STATIC_URL or "/static/", "/media/")):
        return True
    match = request.resolver_match
    if match is None:
        return False
    return match.view_name in EXEMPT_VIEWS or bool(EXEMPT_NAMESPACES & set(match.namespaces))


def consent_url(request: HttpRequest) -> str:
    """The consent page, returning afterwards to the page the person asked for (GET only)."""
    url = reverse(CONSENT_VIEW)
    if request.method == "GET":
        url += "?" + urlencode({"next": request.get_full_path()})
    return url


class PrivacyConsentMiddleware:
    """Redirects signed-in people without consent to the current notice to the consent page."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if not request.user.is_authenticated or _is_exempt(request):
            return None
        if request.session.get(SESSION_KEY) == current_version():
            return None
        if has_current_consent(request.user):
            remember_consent(request)
            return None
        target = consent_url(request)
        if getattr(request, "htmx", False):
            return HttpResponseClientRedirect(target)
        return HttpResponseRedirect(target)

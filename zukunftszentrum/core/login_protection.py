"""Login protection with django-axes: who is counted, what a locked-out person sees, the audit entry.

allauth signs in by email: axes counts failures per tried address and per client address
(settings AXES_*). A locked-out sign-in answers with the sign-in page's lockout message (429),
never with a password check, and the lockout is written to the audit log once.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.backends import AxesStandaloneBackend
from axes.signals import user_locked_out
from django.conf import settings
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from .audit import client_ip, record_event
from .audit_actions import CoreAction
from .models import AuditEvent

LOCKOUT_STATUS = 429


class LockoutBackend(AxesStandaloneBackend):
    """axes' guard, for sign-ins over the web: code that checks a password without a request
    (a command, a test) has no client to count or lock out, and is let through to the others."""

    def authenticate(self, request: HttpRequest | None, *args: Any, **kwargs: Any) -> None:
        if request is None:
            return None
        return super().authenticate(request, *args, **kwargs)  # type: ignore[func-returns-value]


def tried_address(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The address a sign-in tried: allauth passes `email`, its form posts `login`."""
    credentials = credentials or {}
    tried = credentials.get("email") or credentials.get("username") or credentials.get("login")
    if not tried and request is not None and request.method == "POST":
        tried = request.POST.get("login") or request.POST.get("email")
    return str(tried or "").strip().lower()[:254]


def client_address(request: HttpRequest) -> str:
    """The client's address, as in the audit log (a proxy sets REMOTE_ADDR via its config)."""
    return client_ip(request) or ""


def lockout_minutes() -> int:
    cooloff = settings.AXES_COOLOFF_TIME
    return max(1, int(cooloff.total_seconds() // 60)) if cooloff else 0


def lockout_response(
    request: HttpRequest, original_response: Any = None, credentials: Any = None
) -> HttpResponse:
    """The sign-in page's lockout message instead of the form."""
    return render(
        request, "core/locked_out.html", {"minutes": lockout_minutes()}, status=LOCKOUT_STATUS
    )


@receiver(user_locked_out)
def _on_locked_out(
    sender: Any, request: HttpRequest, username: str | None = None, **kwargs: Any
) -> None:
    # Only the address tried is kept, as for failed sign-ins. axes signals every refused try of
    # a lockout; the log keeps one entry per lockout period and client.
    tried = str(username or "")[:120]
    since = timezone.now() - (settings.AXES_COOLOFF_TIME or timedelta(days=1))
    already = AuditEvent.objects.filter(
        action=CoreAction.LOGIN_LOCKED_OUT,
        summary=tried,
        ip_address=client_ip(request),
        at__gte=since,
    ).exists()
    if not already:
        record_event(
            CoreAction.LOGIN_LOCKED_OUT, summary=tried, request=request, minutes=lockout_minutes()
        )

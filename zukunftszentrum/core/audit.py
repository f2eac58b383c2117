"""Writing the audit log: one function for actions, receivers for Django's auth signals."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.dispatch import receiver
from django.http import HttpRequest

from .models import AuditEvent


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address as the web server saw it (a proxy sets REMOTE_ADDR via its config)."""
    if request is None:
        return None
    return request.META.get("REMOTE_ADDR") or None


def record_event(
    action: str,
    *,
    actor: Any = None,
    summary: str = "",
    centre_id: int | None = None,
    organisation_id: int | None = None,
    request: HttpRequest | None = None,
    **details: Any,
) -> AuditEvent:
    """Append one event to the audit log."""
    if actor is not None and not getattr(actor, "is_authenticated", False):
        actor = None
    return AuditEvent.objects.create(
        action=action,
        actor=actor,
        summary=summary[:300],
        centre_id=centre_id,
        organisation_id=organisation_id,
        ip_address=client_ip(request),
        details=details,
    )


@receiver(user_logged_in)
def _on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record_event(AuditEvent.Action.LOGIN, actor=user, summary=user.email, request=request)


@receiver(user_logged_out)
def _on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record_event(AuditEvent.Action.LOGOUT, actor=user, summary=user.email, request=request)


@receiver(user_login_failed)
def _on_login_failed(sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any) -> None:
    # Only the address tried is kept, never the password.
    tried = str(credentials.get("email") or credentials.get("username") or "")[:120]
    record_event(AuditEvent.Action.LOGIN_FAILED, summary=tried, request=request)

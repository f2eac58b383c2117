"""Writing the audit log: one function for actions, receivers for the sign-in signals, and the
log's share of "Meine Daten" (what a person may download, what their deletion removes)."""

from __future__ import annotations

from typing import Any

from allauth.account.authentication import get_authentication_records
from allauth.account.signals import password_changed, password_reset, password_set
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest

from .audit_actions import CoreAction, UnregisteredAction, actions, own_summary_actions
from .client_address import client_address
from .models import AuditEvent

Action = CoreAction


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: as the web server saw it, or, behind the operator's own proxies
    (settings.ZZ_TRUSTED_PROXY_COUNT), as the nearest of them passed it on (client_address)."""
    if request is None:
        return None
    return client_address(
        request.META.get("REMOTE_ADDR"),
        request.headers.get("x-forwarded-for"),
        settings.ZZ_TRUSTED_PROXY_COUNT,
    )


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
    """Append one event to the audit log; the action must be registered (core/audit_actions.py)."""
    if action not in actions:
        # Logged but not registered is how an action drifts out of the log's filter.
        raise UnregisteredAction(f"audit action {action!r} is not registered by any app")
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


def _address_of(user: Any) -> str:
    # A pseudonymised account keeps no address worth logging.
    return "" if getattr(user, "erased_at", None) else user.email


def _identity_provider(request: HttpRequest | None, user: Any) -> str | None:
    """The identity provider this sign-in went through (allauth's record in the session)."""
    if request is None or not hasattr(request, "session"):
        return None
    records = get_authentication_records(request, user)
    return next(
        (r.get("provider") for r in reversed(records) if r.get("method") == "socialaccount"),
        None,
    )


@receiver(user_logged_in)
def _on_login(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    provider = _identity_provider(request, user)
    if provider is None:
        record_event(Action.LOGIN, actor=user, summary=_address_of(user), request=request)
    else:
        record_event(
            Action.LOGIN_OIDC,
            actor=user,
            summary=_address_of(user),
            request=request,
            provider=str(provider),
        )


@receiver(user_logged_out)
def _on_logout(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    # After an account deletion the person is signed out: that leaves no new trace of them.
    if user is not None and not getattr(user, "erased_at", None):
        record_event(Action.LOGOUT, actor=user, summary=user.email, request=request)


@receiver(user_login_failed)
def _on_login_failed(
    sender: Any, credentials: dict[str, Any], request: Any = None, **kw: Any
) -> None:
    # Only the address tried is kept, never the password.
    tried = str(credentials.get("email") or credentials.get("username") or "")[:120]
    record_event(Action.LOGIN_FAILED, summary=tried, request=request)


@receiver(password_changed)
@receiver(password_set)
@receiver(password_reset)
def _on_password_changed(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    signal = kwargs.get("signal")
    how = "reset" if signal is password_reset else "set" if signal is password_set else "changed"
    record_event(Action.PASSWORD_CHANGED, actor=user, summary=how, request=request, user_id=user.pk)


# --- the log's share of "Meine Daten" --------------------------------------------------------

EXPORT_LIMIT = 1000
# Events about sign-ins with a person's address, whoever tried: their summary is the address.
SIGN_IN_TRIES = (Action.LOGIN_FAILED, Action.LOGIN_LOCKED_OUT, Action.OIDC_REFUSED)


def _concerning(user: Any) -> Q:
    """Events the person did, events about them, and failed sign-ins with their address."""
    return (
        Q(actor=user)
        | Q(details__user_id=user.pk)
        | Q(action__in=SIGN_IN_TRIES, summary__iexact=user.email)
    )


def _exported_summary(event: AuditEvent, user: Any) -> str:
    # An invitation the person sent names the invitee: that address is someone else's data.
    about_them = (
        event.details.get("user_id") == user.pk if isinstance(event.details, dict) else False
    )
    # Events a person did to themselves whose summary names nobody else (as each app declared).
    own = event.actor_id == user.pk and event.action in own_summary_actions()
    tried = event.action in SIGN_IN_TRIES
    return event.summary if (about_them or own or tried) else ""


def export_audit_events(user: Any) -> list[dict[str, Any]]:
    """The person's security log, without anything that identifies someone else."""
    events = AuditEvent.objects.filter(_concerning(user))[:EXPORT_LIMIT]
    return [
        {
            "at": e.at.isoformat(),
            "action": e.action,
            "action_label": str(e.get_action_display()),
            "summary": _exported_summary(e, user),
            # Another person's address (who granted a role, who tried to sign in) is not theirs.
            "ip_address": e.ip_address if e.actor_id == user.pk else None,
        }
        for e in events
    ]


def erase_audit_identity(user: Any) -> None:
    """The log keeps what happened, but no longer who: the person's addresses and summaries go."""
    AuditEvent.objects.filter(actor=user).update(ip_address=None, summary="")
    mentions = Q(details__user_id=user.pk)
    if user.email:
        mentions |= Q(summary__icontains=user.email)
    AuditEvent.objects.filter(mentions).update(summary="")

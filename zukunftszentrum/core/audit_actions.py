"""The audit log's actions as an extension point: each app registers the events it logs.

An action is a stable code (what the log stores) and a translated label (what the audit-log page
and the export show). Each app declares its actions as a `TextChoices` class and registers it in
its `AppConfig.ready()`; the log's filter, the admin and "Meine Daten" read them from here, so an
action that is logged is always one that can be filtered. Stored codes never change: an event
whose code is no longer registered is shown by its code.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .registry import Registry

MAX_CODE_LENGTH = 30  # AuditEvent.action's max_length


@dataclass(frozen=True)
class AuditAction:
    name: str  # the stored code, e.g. "role_granted"
    label: Any  # a lazy translation
    order: int  # where the filter lists it
    # True: the actor's own event whose summary names nobody else, so "Meine Daten" hands it out.
    own_summary: bool = False


actions = Registry[AuditAction]("audit action")


class UnregisteredAction(ValueError):
    """An event was logged under a code no app registered."""


def register_actions(
    choices: type[models.TextChoices],
    *,
    order: int,
    own_summary: Iterable[str] = (),
    registry: Registry[AuditAction] = actions,
) -> None:
    """Register an app's actions; `order` places the app's block in the filter."""
    own = set(own_summary)
    for position, (code, label) in enumerate(choices.choices):
        if len(code) > MAX_CODE_LENGTH:
            raise ValueError(f"audit action {code!r} is longer than {MAX_CODE_LENGTH} characters")
        registry.add(AuditAction(code, label, order + position, code in own))
    unknown = own - {code for code, _label in choices.choices}
    if unknown:
        raise ValueError(f"own_summary names actions that {choices.__name__} lacks: {unknown}")


def action_label(code: str) -> Any:
    """The translated label of an action; an unregistered code is shown as it is."""
    action = actions.get(code)
    return action.label if action is not None else code


def action_choices() -> list[tuple[str, Any]]:
    """Every registered action as (code, label), in the filter's order."""
    return [(action.name, action.label) for action in actions]


def own_summary_actions() -> frozenset[str]:
    """Codes of the actions whose summary the actor may download (see core/audit.py)."""
    return frozenset(action.name for action in actions if action.own_summary)


class CoreAction(models.TextChoices):
    """The events core logs itself: signing in and out, passwords, personal data, consents."""

    LOGIN = "login", _("Anmeldung")
    LOGIN_FAILED = "login_failed", _("Fehlgeschlagene Anmeldung")
    LOGIN_LOCKED_OUT = "login_locked_out", _("Anmeldung gesperrt")
    LOGIN_OIDC = "login_oidc", _("Anmeldung über Identitätsanbieter")
    OIDC_LINKED = "oidc_linked", _("Konto mit Identitätsanbieter verknüpft")
    OIDC_UNLINKED = "oidc_unlinked", _("Verknüpfung mit Identitätsanbieter gelöst")
    OIDC_ACCOUNT_CREATED = "oidc_account_created", _("Konto über Identitätsanbieter angelegt")
    OIDC_REFUSED = "oidc_refused", _("Anmeldung über Identitätsanbieter abgelehnt")
    LOGOUT = "logout", _("Abmeldung")
    PASSWORD_CHANGED = "password_changed", _("Passwort geändert")
    OPERATOR_PAGE_PUBLISHED = "operator_page_published", _("Pflichtseite neu gefasst")
    DATA_EXPORTED = "data_exported", _("Daten exportiert")
    ACCOUNT_DELETED = "account_deleted", _("Konto gelöscht")
    CONSENT_GIVEN = "consent_given", _("Einwilligung erteilt")


CORE_OWN_SUMMARY = (
    CoreAction.LOGIN,
    CoreAction.LOGIN_OIDC,
    CoreAction.OIDC_LINKED,
    CoreAction.OIDC_UNLINKED,
    CoreAction.OIDC_ACCOUNT_CREATED,
    CoreAction.LOGOUT,
    CoreAction.PASSWORD_CHANGED,
    CoreAction.DATA_EXPORTED,
    CoreAction.CONSENT_GIVEN,
    CoreAction.ACCOUNT_DELETED,
)

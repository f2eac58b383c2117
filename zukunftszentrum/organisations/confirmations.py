"""What the confirmation pages say before an irreversible step: the question, the consequences
in plain sentences, and what to say when a second tab or a double click finds it done already.
Reads only; the views render `organisations/confirm.html` with these contexts."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from .models import Accompaniment, Membership
from .roles import Role

CONFIRM_TEMPLATE = "organisations/confirm.html"


def remove_member_confirmation(membership: Membership, *, cancel_url: str) -> dict[str, Any]:
    """Before someone's role in an organisation or a centre ends."""
    names = {
        "name": membership.user.full_name or membership.user.email,
        "role": membership.get_role_display(),
        "place": membership.context_name,
    }
    context: dict[str, Any] = {
        "heading": _("%(name)s entfernen?") % names,
        "subject": membership.context_name,
        "cancel_url": cancel_url,
        "confirm_label": _("Ja, %(name)s entfernen") % names,
    }
    if membership.ended_at is not None:
        context["done"] = _("%(name)s ist bereits nicht mehr als %(role)s Mitglied.") % names
        return context
    if _last_lead(membership):  # the action would refuse: say so before asking
        context["done"] = _(
            "Die letzte Person in der Geschäftsführung kann nicht entfernt werden. "
            "Laden Sie zuerst eine weitere Person als Geschäftsführung ein."
        )
        return context
    context["consequences"] = [
        _("%(name)s verliert sofort den Zugang zu %(place)s in der Rolle %(role)s.") % names,
        _(
            "Das Konto der Person und ihre eigenen Antworten bleiben erhalten; bereits "
            "abgegebene Antworten zählen weiter nur in zusammengefassten Ergebnissen."
        ),
        _("Sie können die Person später erneut einladen."),
    ]
    return context


def _last_lead(membership: Membership) -> bool:
    if membership.role != Role.COMPANY_LEAD or membership.organisation_id is None:
        return False
    leads = Membership.objects.filter(
        organisation_id=membership.organisation_id, role=Role.COMPANY_LEAD, ended_at__isnull=True
    )
    return leads.count() <= 1


def end_accompaniment_confirmation(
    accompaniment: Accompaniment, *, by_centre: bool, cancel_url: str
) -> dict[str, Any]:
    """Before an accompaniment ends, or a pending request is withdrawn; worded for the side
    that asks."""
    names = {"centre": accompaniment.centre.name, "org": accompaniment.organisation.legal_name}
    pending = accompaniment.status == Accompaniment.Status.REQUESTED
    context: dict[str, Any] = {
        "heading": _("Anfrage zurückziehen?") if pending else _("Begleitung beenden?"),
        "subject": names["org"] if by_centre else names["centre"],
        "cancel_url": cancel_url,
        "confirm_label": _("Ja, Anfrage zurückziehen") if pending else _("Ja, Begleitung beenden"),
    }
    if accompaniment.status not in (Accompaniment.Status.REQUESTED, Accompaniment.Status.ACTIVE):
        context["done"] = _("Diese Begleitung ist bereits beendet oder wurde abgelehnt.")
        return context
    if pending:
        context["consequences"] = [
            _("Die Anfrage verschwindet; niemand muss mehr darüber entscheiden."),
            _("Eine Begleitung braucht danach eine neue Anfrage."),
        ]
    elif by_centre:
        context["consequences"] = [
            _(
                "Ihr Zentrum sieht %(org)s danach nicht mehr: weder die Angaben noch die "
                "Ansprechpersonen."
            )
            % names,
            _("%(org)s wird nicht mehr in Ihrer Liste begleiteter Organisationen geführt.") % names,
            _("Eine neue Begleitung braucht eine neue Anfrage und die Zustimmung von %(org)s.")
            % names,
        ]
    else:
        context["consequences"] = [
            _(
                "%(centre)s sieht Ihre Organisation danach nicht mehr: weder Ihre Angaben noch "
                "Ihre Ansprechpersonen."
            )
            % names,
            _(
                "Eine neue Begleitung braucht eine neue Anfrage und Ihre Zustimmung; Sie können "
                "%(centre)s jederzeit selbst wieder anfragen."
            )
            % names,
        ]
    return context

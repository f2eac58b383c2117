"""The catalogue's share of "Meine Daten": a person's registrations. Deleting the account
deletes them; a seat that frees up goes to the waitlist as after any cancellation."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from ..models import Offer, Registration


def export_registrations(user: Any) -> list[dict[str, Any]]:
    rows = Registration.objects.filter(user=user).select_related("offer__module", "organisation")
    return [
        {
            "module": r.offer.module.title,
            "offer": r.offer_id,
            "status": r.status,
            "waitlist_position": r.position,
            "organisation": str(r.organisation) if r.organisation else None,
            "registered_at": r.created_at.isoformat(),
            "attendance_confirmed_at": (
                r.attendance_confirmed_at.isoformat() if r.attendance_confirmed_at else None
            ),
        }
        for r in rows.order_by("created_at")
    ]


def erase_registrations(user: Any) -> None:
    from .actions import fill_from_waitlist

    offer_ids = set(Registration.objects.filter(user=user).values_list("offer_id", flat=True))
    Registration.objects.filter(user=user).delete()
    for offer in Offer.objects.select_for_update().filter(pk__in=offer_ids).order_by("pk"):
        fill_from_waitlist(offer)


register(
    "learning_registrations",
    position=70,
    export=export_registrations,
    erase=erase_registrations,
    order=30,
    title=_("Anmeldungen zu Lernangeboten"),
    description=_(
        "Ihre Anmeldungen und Wartelistenplätze mit Stand und bestätigter Teilnahme. Beim Löschen "
        "werden sie entfernt; ein frei gewordener Platz geht an die Warteliste."
    ),
)

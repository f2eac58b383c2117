"""Sharing's part of "Meine Daten" and account deletion: with which organisation the person
shares which completions. Deleting takes every sharing back (the organisation's record no
longer counts the person)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from ..models import CompletionSharing


def export_sharing(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "organisation": s.organisation.legal_name,
            "shared": [
                {"completion": i.ref, "shared_at": i.shared_at.isoformat()}
                for i in s.items.order_by("shared_at", "pk")
            ],
        }
        for s in CompletionSharing.objects.filter(user=user).select_related("organisation")
    ]


def erase_sharing(user: Any) -> None:
    CompletionSharing.objects.filter(user=user).delete()


register(
    "learning_sharing",
    position=73,
    export=export_sharing,
    erase=erase_sharing,
    order=24,
    title=_("Mit dem Unternehmen geteilte Lernnachweise"),
    description=_(
        "Welche abgeschlossenen Module und bestandenen Lerneinheiten Sie mit welchem Unternehmen "
        "teilen. Beim Löschen werden alle Freigaben zurückgenommen."
    ),
)

"""This app's share of "Meine Daten" and account deletion.

Export: the claimable achievements and every issued credential with its full signed document.
Deletion: claimable achievements go; an issued credential's document (it names the person) is
emptied, but the row stays so that its status-list index is never given to someone else — the
copy the person downloaded stays theirs and keeps verifying unless it was revoked.
"""

from __future__ import annotations

import json
from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from .models import ClaimableAchievement, IssuedCredential


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export(user: Any) -> dict[str, Any]:
    claimable = ClaimableAchievement.objects.filter(holder=user).order_by("recorded_at")
    issued = IssuedCredential.objects.filter(holder=user).order_by("issued_at")
    return {
        "claimable": [
            {"kind": c.kind, "source": c.source, "name": c.name, "recorded_at": _iso(c.recorded_at)}
            for c in claimable
        ],
        "issued": [
            {
                "name": c.name,
                "issued_at": _iso(c.issued_at),
                "revoked_at": _iso(c.revoked_at),
                "revocation_reason": c.revocation_reason,
                "credential": json.loads(c.document) if c.document else None,
            }
            for c in issued
        ],
    }


def erase(user: Any) -> None:
    ClaimableAchievement.objects.filter(holder=user).delete()
    IssuedCredential.objects.filter(holder=user).update(document="")


def register_section() -> None:
    register(
        "credentials",
        export=export,
        erase=erase,
        order=60,
        title=_("Nachweise"),
        description=_(
            "Ihre digitalen Nachweise (Open Badges) und was Sie noch abholen können. Beim Löschen "
            "Ihres Kontos löschen wir unsere Kopie; heruntergeladene Nachweise bleiben gültig."
        ),
        position=60,
    )

"""A confirmed attendance makes the module's credential claimable (nothing is issued yet: the
person decides whether a credential about them exists at all).

The catalogue's Offer is read by duck typing (`offer.module`, its title and description, the
offer's centre), so this app needs no import of learning's models — only its signal.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.utils import formats, timezone

from zukunftszentrum.learning.signals import attendance_confirmed
from zukunftszentrum.organisations.models import Centre
from zukunftszentrum.self_learning.signals import unit_passed

from .models import ClaimableAchievement

MODULE = "module"
UNIT = "unit"


def _text(obj: Any, *names: str) -> str:
    for name in names:
        value = getattr(obj, name, None)
        if value:
            return str(value)
    return ""


def record_attendance(
    sender: Any,
    *,
    user: Any,
    offer: Any,
    competences: Mapping[str, int] | None = None,
    confirmed_by: Any = None,
    **_: Any,
) -> ClaimableAchievement:
    module = getattr(offer, "module", None) or offer
    name = _text(module, "title", "name") or str(module)
    centre = getattr(offer, "centre", None) or getattr(module, "centre", None)
    when = formats.date_format(timezone.localdate(), "DATE_FORMAT")
    offer_name = _text(offer, "title", "name") or str(offer)
    claimable, _created = ClaimableAchievement.objects.update_or_create(
        holder=user,
        kind=MODULE,
        source=str(getattr(module, "pk", None) or getattr(module, "key", "")),
        defaults={
            "name": name[:300],
            "description": _text(module, "description", "summary") or name,
            # Credential text is German, the language of the issuing programme.
            "criteria": "Teilnahme an der gesamten Veranstaltung, von der Trainerin oder dem "
            "Trainer bestätigt.",
            "competences": [
                {"id": str(cid), "level": int(level)} for cid, level in (competences or {}).items()
            ],
            "evidence": [
                {
                    "name": "Bestätigte Teilnahme",
                    "narrative": f"Teilnahme an „{offer_name}“ bestätigt am {when}.",
                }
            ],
            "centre": centre if isinstance(centre, Centre) else None,
        },
    )
    return claimable


def record_unit_pass(
    sender: Any,
    *,
    user: Any,
    unit_id: str,
    title: str,
    summary: str,
    competences: Mapping[str, int],
    points: str,
    passed_at: Any = None,
    **_: Any,
) -> ClaimableAchievement:
    """A passed unit: its credential may be claimed (one per person and unit)."""
    when = formats.date_format(timezone.localdate(passed_at), "DATE_FORMAT")
    claimable, _created = ClaimableAchievement.objects.update_or_create(
        holder=user,
        kind=UNIT,
        source=unit_id,
        defaults={
            "name": title[:300],
            "description": summary or title,
            # Credential text is German, the language of the issuing programme.
            "criteria": "Lerneinheit durchgearbeitet und den Wissenstest bestanden "
            "(zufällig gezogene Fragen, Bestehensgrenze der Einheit).",
            "competences": [
                {"id": str(cid), "level": int(level)} for cid, level in competences.items()
            ],
            "evidence": [
                {
                    "name": "Bestandener Wissenstest",
                    "narrative": f"Wissenstest zu „{title}“ bestanden am {when} "
                    f"({points} Fragen richtig).",
                }
            ],
            "centre": None,
        },
    )
    return claimable


def connect() -> None:
    attendance_confirmed.connect(record_attendance, dispatch_uid="credentials.record_attendance")
    unit_passed.connect(record_unit_pass, dispatch_uid="credentials.record_unit_pass")

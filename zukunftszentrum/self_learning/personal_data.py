"""This app's share of "Meine Daten" and account deletion: the person's progress in units and
their attempts (with answers). Deleting the account deletes them; the authors' statistics are
computed afresh without them."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from .models import Attempt, UnitProgress


def export_units(user: Any) -> list[dict[str, Any]]:
    attempts: dict[int, list[dict[str, Any]]] = {}
    for a in Attempt.objects.filter(progress__user=user).order_by("started_at"):
        attempts.setdefault(a.progress_id, []).append(
            {
                "unit_version": a.unit_version,
                "questions": [q["id"] for q in a.questions],
                "answers": a.answers,
                "points": a.points,
                "passed": a.passed,
                "started_at": a.started_at.isoformat(),
                "submitted_at": a.submitted_at.isoformat() if a.submitted_at else None,
            }
        )
    return [
        {
            "unit": p.unit_id,
            "unit_version": p.unit_version,
            "section": p.section,
            "started_at": p.started_at.isoformat(),
            "read_at": p.read_at.isoformat() if p.read_at else None,
            "passed_at": p.passed_at.isoformat() if p.passed_at else None,
            "attempts": attempts.get(p.pk, []),
        }
        for p in UnitProgress.objects.filter(user=user).order_by("started_at")
    ]


def erase_units(user: Any) -> None:
    UnitProgress.objects.filter(user=user).delete()  # attempts go with their progress


register(
    "self_learning",
    position=72,
    export=export_units,
    erase=erase_units,
    order=25,
    title=_("Lerneinheiten und Wissenstests"),
    description=_(
        "Wo Sie in den Lerneinheiten stehen und Ihre Testversuche mit Antworten und Ergebnis. "
        "Werden beim Löschen entfernt; Nachweise über bestandene Einheiten stehen unter "
        "„Kompetenznachweise“."
    ),
)

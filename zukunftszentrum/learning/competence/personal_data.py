"""The competence part's share of "Meine Daten" and account deletion: the evidence log (with
certificate files), own goals and the job profiles assigned to the person. All of it is the
person's; deleting the account deletes it (a company's aggregates are computed afresh)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register

from ..models import Evidence, JobProfileAssignment, OwnGoal


def export_evidence(user: Any) -> list[dict[str, Any]]:
    return [
        {
            "competence": e.competence,
            "kind": e.kind,
            "level": e.level,
            "framework_version": e.framework_version,
            "recorded_at": e.recorded_at.isoformat(),
            "note": e.note,
            "corrects": e.corrects_id,
            "certificate": bool(e.certificate),
        }
        for e in Evidence.objects.filter(user=user).order_by("recorded_at", "id")
    ]


def erase_evidence(user: Any) -> None:
    for entry in Evidence.objects.filter(user=user).exclude(certificate=""):
        entry.certificate.delete(save=False)  # the file; the row goes below
    Evidence.objects.erase_for(user)


def export_goals(user: Any) -> dict[str, Any]:
    return {
        "own_goals": [
            {"competence": g.competence, "level": g.level, "note": g.note}
            for g in OwnGoal.objects.filter(user=user)
        ],
        "job_profiles": [
            {"organisation": a.organisation.legal_name, "profile": a.profile}
            for a in JobProfileAssignment.objects.filter(user=user).select_related("organisation")
        ],
    }


def erase_goals(user: Any) -> None:
    OwnGoal.objects.filter(user=user).delete()
    JobProfileAssignment.objects.filter(user=user).delete()


register(
    "learning_evidence",
    position=70,
    export=export_evidence,
    erase=erase_evidence,
    order=25,
    title=_("Kompetenznachweise"),
    description=_(
        "Ihre Nachweise je Kompetenz: Selbsteinschätzungen, bestätigte Teilnahmen, "
        "Einschätzungen von Lehrkräften und hochgeladene Zertifikate, jeweils mit der Version "
        "des Kompetenzrahmens. Werden beim Löschen samt Dateien entfernt."
    ),
)
register(
    "learning_goals",
    position=71,
    export=export_goals,
    erase=erase_goals,
    order=25,
    title=_("Lernziele und Berufsprofile"),
    description=_(
        "Ihre eigenen Lernziele und die Berufsprofile, die Ihr Unternehmen Ihnen zugeordnet hat. "
        "Werden beim Löschen entfernt."
    ),
)

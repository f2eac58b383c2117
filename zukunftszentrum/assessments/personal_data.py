"""This app's share of "Meine Daten" and account deletion.

A person's own answers (never anonymous ones: those have no respondent) are exported with
their result. Deleting the account detaches submitted answers from the person, so aggregated
results keep them anonymously; free texts go, because they may name someone; drafts and the
records of having taken part in an anonymous check are deleted.
"""

from __future__ import annotations

import secrets
from typing import Any

from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.personal_data import register
from zukunftszentrum.core.tokens import hash_token

from .engine.schema import Instrument
from .instruments import get_instrument
from .models import Participation, Response


def _instrument(response: Response) -> Instrument | None:
    try:
        return get_instrument(response.instrument_key, response.version)
    except KeyError:
        return None


def _title(response: Response) -> str:
    inst = _instrument(response)
    return inst.title.de if inst else response.instrument_key


def _iso(value: Any) -> str | None:
    return value.isoformat() if value else None


def export_responses(user: Any) -> list[dict[str, Any]]:
    rows = Response.objects.filter(respondent=user).select_related("assessment", "organisation")
    return [
        {
            "instrument": r.instrument_key,
            "title": _title(r),
            "version": r.version,
            "perspective": r.perspective,
            "organisation": r.organisation.legal_name if r.organisation else None,
            "company_check": r.assessment_id,
            "started_at": _iso(r.started_at),
            "updated_at": _iso(r.updated_at),
            "submitted_at": _iso(r.submitted_at),
            "answers": r.answers,
            "result": r.result,
        }
        for r in rows.order_by("started_at")
    ]


def export_participations(user: Any) -> list[dict[str, Any]]:
    """That the person took part in an anonymous check (its answers are not theirs to see)."""
    rows = Participation.objects.filter(user=user).select_related("assessment")
    return [
        {
            "instrument": p.assessment.instrument_key,
            "version": p.assessment.version,
            "company_check": p.assessment_id,
            "on": p.created_on.isoformat(),
        }
        for p in rows.order_by("created_on")
    ]


def _without_free_text(response: Response) -> dict[str, Any]:
    inst = _instrument(response)
    if inst is None:
        return {}
    return {
        key: value
        for key, value in response.answers.items()
        if (item := inst.item(key)) is not None and item.type != "text"
    }


def erase_responses(user: Any) -> None:
    """Detach submitted answers; a response needs an owner or a link, so it gets the hash of
    a link that nobody holds. Drafts count nowhere and are deleted."""
    Response.objects.filter(respondent=user, submitted_at__isnull=True).delete()
    for response in Response.objects.filter(respondent=user):
        response.answers = _without_free_text(response)
        response.respondent = None
        response.resume_token_hash = hash_token(secrets.token_urlsafe(24))
        response.save(update_fields=["answers", "respondent", "resume_token_hash"])


def erase_participations(user: Any) -> None:
    Participation.objects.filter(user=user).delete()


register(
    "self_checks",
    position=60,
    export=export_responses,
    erase=erase_responses,
    order=20,
    title=_("Selbstchecks"),
    description=_(
        "Ihre Antworten auf Selbstchecks mit Version, Daten und Ergebnis – nicht die Antworten "
        "auf anonyme Befragungen, denn die sind mit niemandem verknüpft. Beim Löschen werden "
        "Entwürfe entfernt; abgesendete Antworten bleiben ohne Bezug zu Ihnen und ohne Freitexte "
        "in den zusammengefassten Ergebnissen."
    ),
)
register(
    "self_check_participations",
    position=61,
    export=export_participations,
    erase=erase_participations,
    order=20,
    title=_("Teilnahme an anonymen Befragungen"),
    description=_(
        "Dass Sie an einer anonymen Befragung teilgenommen haben (nur der Tag), damit niemand "
        "doppelt teilnimmt – nie, welche Antworten Sie gegeben haben. Wird beim Löschen entfernt."
    ),
)

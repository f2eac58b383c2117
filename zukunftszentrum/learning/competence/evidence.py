"""Writing and reading a person's evidence log, and the levels that follow from it.

Entries come from three places: the competence check (a self-rating per competence of each
area, from the submitted response's self-assessment level), the catalogue (attendance confirmed
by a trainer, through `learning.signals.attendance_confirmed`) and the person (a certificate as a
PDF). Writing the same source twice writes nothing (a unique constraint), so a repeated signal or
the catch-up on the page is harmless.

Other parts of learning write through `record(...)`: a trainer's assessment
(`kind="trainer_assessment", recorded_by=trainer`), a quiz or a passed unit (`kind="quiz"` /
`"unit_passed"`, with a `source` such as "unit:<id>" so a repeat writes nothing).
"""

from __future__ import annotations

import logging
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.http import Http404
from django.utils.translation import gettext as _

from zukunftszentrum.assessments.queries import self_rated_levels
from zukunftszentrum.core.audit import record_event

from ..audit_actions import LearningAction
from ..models import Evidence, EvidenceKind
from . import content
from .levels import CompetenceState, Fact, current_levels

log = logging.getLogger(__name__)

COMPETENCE_CHECK = "competence"
MAX_CERTIFICATE_BYTES = 5 * 1024 * 1024
PDF_MAGIC = b"%PDF-"


class CompetenceError(ValueError):
    """A refused write (evidence, goals, profiles); the message is shown to the person."""


class NotAllowed(CompetenceError):
    """The active role may not do this (a rule's reason)."""


def check_level(level: int) -> int:
    if level not in (0, 1, 2, 3, 4):
        raise CompetenceError(_("Die Stufe muss zwischen 0 und 4 liegen."))
    return level


def record(
    *,
    user: Any,
    competence: str,
    kind: str,
    level: int,
    source: str = "",
    note: str = "",
    recorded_by: Any = None,
    corrects: Evidence | None = None,
    certificate: UploadedFile | None = None,
) -> Evidence | None:
    """Append one entry under the current framework version; None when the source was already
    recorded for this person, competence and kind."""
    framework = content.framework()
    if framework.competence(competence) is None:
        raise CompetenceError(_("Diese Kompetenz gibt es im Kompetenzrahmen nicht."))
    entry = Evidence(
        user=user,
        competence=competence,
        kind=kind,
        level=check_level(level),
        framework_version=framework.version,
        source=source,
        note=note[:300],
        recorded_by=recorded_by,
        corrects=corrects,
    )
    if certificate is not None:
        entry.certificate.save("certificate.pdf", certificate, save=False)
    try:
        with transaction.atomic():
            entry.save()
    except IntegrityError:
        if certificate is not None:
            entry.certificate.delete(save=False)  # the file of a row that was not stored
        if source:
            return None  # this source is in the log already
        raise
    return entry


def self_rating_level(check_level: int) -> int:
    """The competence check has five levels (1 Einstieg ... 5 Expertise); the framework four
    above 0 "not yet". Level 1 of the check (Einstieg) is "not yet"; the rest shift by one."""
    return max(0, min(4, check_level - 1))


def _write_self_ratings(rows: list[Any]) -> int:
    framework = content.framework()
    written = 0
    done = set(
        Evidence.objects.filter(
            user_id__in={row[1] for row in rows},
            kind=EvidenceKind.SELF_RATING,
            source__in=[f"response:{row[0]}" for row in rows],
        ).values_list("user_id", "source")
    )
    for response_id, user_id, _version, submitted_at, levels in rows:
        if (user_id, f"response:{response_id}") in done:
            continue  # recorded already (the page catches up on every visit)
        entries = [
            Evidence(
                user_id=user_id,
                competence=competence.id,
                kind=EvidenceKind.SELF_RATING,
                level=self_rating_level(levels[area.id]),
                framework_version=framework.version,
                recorded_at=submitted_at,
                source=f"response:{response_id}",
            )
            for area in framework.areas
            if area.id in levels
            for competence in area.competences
        ]
        try:  # one response's ratings all or none
            with transaction.atomic():
                Evidence.objects.bulk_create(entries)
            written += len(entries)
        except IntegrityError:
            pass  # recorded meanwhile (the signal and the page's catch-up)
    return written


def import_self_ratings(user: Any) -> int:
    """Catch up on the person's submitted competence checks (the signal covers new ones)."""
    return _write_self_ratings(self_rated_levels(instrument_key=COMPETENCE_CHECK, user=user))


def on_response_submitted(
    sender: Any, instrument_key: str, response_id: object = None, **kwargs: Any
) -> None:
    if instrument_key != COMPETENCE_CHECK or response_id is None:
        return
    rows = self_rated_levels(instrument_key=COMPETENCE_CHECK, response_id=str(response_id))
    _write_self_ratings(rows)


def on_attendance_confirmed(
    sender: Any,
    user: Any,
    offer: Any,
    competences: dict[str, int],
    confirmed_by: Any = None,
    **kwargs: Any,
) -> None:
    """One "attended" entry per competence the offer's module reaches."""
    framework = content.framework()
    for competence, level in competences.items():
        if framework.competence(competence) is None:
            log.warning("attendance for unknown competence %r ignored", competence)
            continue
        record(
            user=user,
            competence=competence,
            kind=EvidenceKind.ATTENDED,
            level=level,
            source=f"offer:{getattr(offer, 'pk', offer)}",
            note=str(offer)[:300],
            recorded_by=confirmed_by,
        )


def check_certificate(upload: UploadedFile) -> UploadedFile:
    """A PDF (by its first bytes, not its name) of at most 5 MB."""
    if upload.size is None or upload.size > MAX_CERTIFICATE_BYTES:
        raise CompetenceError(
            _("Die Datei ist größer als 5 MB. Bitte laden Sie eine kleinere Datei hoch.")
        )
    upload.seek(0)
    head = upload.read(len(PDF_MAGIC))
    upload.seek(0)
    if head != PDF_MAGIC:
        raise CompetenceError(
            _("Die Datei ist kein PDF. Bitte laden Sie das Zertifikat als PDF hoch.")
        )
    return upload


def add_certificate(
    *, user: Any, competence: str, level: int, note: str, upload: UploadedFile, key: str = ""
) -> Evidence:
    """The person adds a certificate as evidence (checked before anything is stored).

    `key`, the upload form's one-time key, makes a repeated upload (the answer to the first was
    lost and the person sent it again) return the entry stored the first time."""
    check_certificate(upload)
    source = f"upload:{key}" if key else ""
    entry = record(
        user=user,
        competence=competence,
        kind=EvidenceKind.CERTIFICATE,
        level=level,
        note=note,
        certificate=upload,
        source=source,
    )
    if entry is None:  # sent twice: stored the first time
        return Evidence.objects.get(
            user=user, competence=competence, kind=EvidenceKind.CERTIFICATE, source=source
        )
    record_event(
        LearningAction.CERTIFICATE_ADDED, actor=user, summary=competence, evidence=entry.pk
    )
    return entry


def access_own_certificate(user: Any, pk: int | str) -> Evidence:
    """An entry of the person's own with a certificate file; anyone else's is a 404."""
    entry = Evidence.objects.filter(user=user, pk=pk).exclude(certificate="").first()
    if entry is None:
        raise Http404
    return entry


def evidence_of(user: Any) -> list[Evidence]:
    """The person's own entries, oldest first (only the person reads them)."""
    # the recorder is named on the page (a trainer's assessment), so read it in the same query
    return list(
        Evidence.objects.filter(user=user)
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    )


def fact(entry: Evidence) -> Fact:
    return Fact(
        seq=entry.pk,
        competence=entry.competence,
        kind=entry.kind,
        level=entry.level,
        recorded_at=entry.recorded_at,
        framework_version=entry.framework_version,
        corrects=entry.corrects_id,
    )


def levels_of(user: Any, entries: list[Evidence] | None = None) -> dict[str, CompetenceState]:
    """The person's state per competence of the current framework."""
    entries = evidence_of(user) if entries is None else entries
    ids = [c.id for c in content.framework().competences]
    return current_levels((fact(e) for e in entries), ids)

"""Writes of the self-learning player: progress, attempts, submitting, claiming a private link.

A person's progress is keyed by person and unit; without an account, by a private link whose
hash alone is stored. Submitting is idempotent: the attempt row is locked and a second submit
(double click, a second tab, a replayed POST) finds it submitted and changes nothing. Passing
writes evidence into the learning evidence log, at once for a person and on claiming for a link.
"""

from __future__ import annotations

import random
from collections.abc import Mapping, Sequence
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.tokens import hash_token, new_token
from zukunftszentrum.learning.competence.evidence import EvidenceKind, record
from zukunftszentrum.organisations.models import User

from .audit_actions import SelfLearningAction
from .models import Attempt, UnitProgress
from .signals import unit_passed
from .units import Unit
from .units.attempts import DrawnQuestion, check_answer, draw, score


def start_unit(*, user: User | None, unit: Unit) -> tuple[UnitProgress, str | None]:
    """A person resumes their progress (or starts it); anyone else gets a new private link:
    (progress, token), the token returned once and stored only as its hash."""
    if user is not None:
        existing = UnitProgress.objects.filter(user=user, unit_id=unit.id).first()
        if existing is not None:
            return existing, None
        try:
            with transaction.atomic():  # a second tab may start at the same moment
                return (
                    UnitProgress.objects.create(
                        user=user, unit_id=unit.id, unit_version=unit.version
                    ),
                    None,
                )
        except IntegrityError:
            return UnitProgress.objects.get(user=user, unit_id=unit.id), None
    token, token_hash = new_token()
    progress = UnitProgress.objects.create(
        token_hash=token_hash, unit_id=unit.id, unit_version=unit.version
    )
    return progress, token


def progress_by_token(token: str) -> UnitProgress | None:
    return UnitProgress.objects.filter(token_hash=hash_token(token)).first()


def go_to_section(progress: UnitProgress, unit: Unit, number: int) -> int:
    """Remember where the reader is (any device resumes there); past the last section the
    unit counts as read. Returns the section number kept."""
    now = timezone.now()
    kept = max(1, min(number, len(unit.sections)))
    fields = {"section": kept, "updated_at": now, "unit_version": unit.version}
    if number > len(unit.sections) and progress.read_at is None:
        fields["read_at"] = now
    UnitProgress.objects.filter(pk=progress.pk).update(**fields)
    for name, value in fields.items():
        setattr(progress, name, value)
    return kept


def open_attempt(progress: UnitProgress, unit: Unit) -> Attempt | None:
    """The attempt not yet submitted under the unit's current version, if any."""
    return progress.attempts.filter(submitted_at=None, unit_version=unit.version).first()


def start_attempt(progress: UnitProgress, unit: Unit, rng: random.Random | None = None) -> Attempt:
    """The open attempt, or a freshly drawn one (reloading does not redraw the questions)."""
    with transaction.atomic():
        UnitProgress.objects.select_for_update().get(pk=progress.pk)  # one draw at a time
        existing = open_attempt(progress, unit)
        if existing is not None:
            return existing
        drawn = draw(unit, rng or random.SystemRandom())
        return Attempt.objects.create(
            progress=progress,
            unit_id=unit.id,
            unit_version=unit.version,
            questions=[q.to_json() for q in drawn],
            pass_mark=unit.pass_mark,
        )


def drawn_questions(attempt: Attempt) -> list[DrawnQuestion]:
    return [DrawnQuestion.from_json(q) for q in attempt.questions]


def clean_answers(attempt: Attempt, answers: Mapping[str, Sequence[str]]) -> dict[str, list[str]]:
    """The answers to the attempt's questions as option ids (AnswerError for a wrong one)."""
    return {q.id: list(check_answer(q, answers.get(q.id, ()))) for q in drawn_questions(attempt)}


def submit_attempt(
    *, attempt: Attempt, answers: Mapping[str, Sequence[str]], unit: Unit | None
) -> tuple[Attempt, bool]:
    """Score and close the attempt once: (attempt, whether this call submitted it).
    A second submit returns the stored result unchanged."""
    with transaction.atomic():
        locked = Attempt.objects.select_for_update().select_related("progress").get(pk=attempt.pk)
        if locked.is_submitted:
            return locked, False
        cleaned = clean_answers(locked, answers)
        result = score(drawn_questions(locked), cleaned, locked.pass_mark)
        locked.answers = cleaned
        locked.points = result.points
        locked.passed = result.passed
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["answers", "points", "passed", "submitted_at"])
        progress = locked.progress
        if result.passed and progress.passed_at is None:
            progress.passed_at = locked.submitted_at
            progress.save(update_fields=["passed_at"])
        if result.passed and progress.user is not None:
            write_evidence(progress.user, locked, unit)
    return locked, True


def write_evidence(user: User, attempt: Attempt, unit: Unit | None) -> None:
    """A passed attempt in the evidence log: `unit_passed` once per unit version and competence,
    and the attempt's result as `quiz`, at the level the unit demonstrates. The unit's levels
    come from the loaded unit; an attempt of a version no longer shipped keeps its competences
    from its snapshot at the current unit's levels (or 1 when the unit is gone)."""
    levels = dict(unit.competences) if unit is not None else {}
    for question in attempt.questions:
        levels.setdefault(question["competence"], 1)
    title = unit.title.de if unit is not None else attempt.unit_id
    result = f"{attempt.points}/{len(attempt.questions)}"
    for competence, level in levels.items():
        record(
            user=user,
            competence=competence,
            kind=EvidenceKind.UNIT_PASSED,
            level=level,
            source=f"unit:{attempt.unit_id}@{attempt.unit_version}",
            note=title,
        )
        record(
            user=user,
            competence=competence,
            kind=EvidenceKind.QUIZ,
            level=level,
            source=f"attempt:{attempt.pk}",
            note=f"{title}: {result}",
        )
    record_event(
        SelfLearningAction.UNIT_PASSED,
        actor=user,
        summary=f"{attempt.unit_id} {attempt.unit_version}",
        attempt=str(attempt.pk),
    )
    unit_passed.send(
        sender=Attempt,
        user=user,
        unit_id=attempt.unit_id,
        unit_version=attempt.unit_version,
        title=title,
        summary=unit.summary.de if unit is not None else title,
        competences=levels,
        points=result,
        passed_at=attempt.submitted_at,
    )


def claim(*, token: str, user: User, units: Mapping[str, Unit]) -> UnitProgress | None:
    """Move a private link's progress and attempts to the person; evidence of passed attempts
    is written now. A person who already has progress in the unit keeps one record: the further
    position, the earlier start, all attempts. None when the link is unknown (or claimed)."""
    with transaction.atomic():
        progress = (
            UnitProgress.objects.select_for_update().filter(token_hash=hash_token(token)).first()
        )
        if progress is None:
            return None
        own = (
            UnitProgress.objects.select_for_update()
            .filter(user=user, unit_id=progress.unit_id)
            .first()
        )
        if own is None:
            progress.user, progress.token_hash = user, None
            progress.save(update_fields=["user", "token_hash"])
            target = progress
        else:
            progress.attempts.update(progress=own)
            own.section = max(own.section, progress.section)
            own.started_at = min(own.started_at, progress.started_at)
            own.read_at = _earliest(own.read_at, progress.read_at)
            own.passed_at = _earliest(own.passed_at, progress.passed_at)
            own.save(update_fields=["section", "started_at", "read_at", "passed_at"])
            progress.delete()
            target = own
        for attempt in target.attempts.filter(passed=True):
            write_evidence(user, attempt, units.get(attempt.unit_id))
        record_event(SelfLearningAction.PROGRESS_CLAIMED, actor=user, summary=target.unit_id)
    return target


def _earliest(a: Any, b: Any) -> Any:
    present = [x for x in (a, b) if x is not None]
    return min(present) if present else None

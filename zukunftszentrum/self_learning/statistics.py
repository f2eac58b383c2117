"""The authors' question statistics, read from submitted attempts (Django side of
`units.statistics`). Each learner counts once: their first submitted attempt under the unit's
current version that drew the question."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from zukunftszentrum.core.disclosure import Parameters

from .models import Attempt
from .units import Unit
from .units.attempts import DrawnQuestion, is_right
from .units.statistics import MIN_ATTEMPTS, ItemRow, ItemStatistics, item_statistics


def _params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def rows_per_question(unit: Unit) -> dict[str, list[ItemRow]]:
    attempts = Attempt.objects.filter(
        unit_id=unit.id, unit_version=unit.version, submitted_at__isnull=False
    ).order_by("progress_id", "submitted_at")
    rows: dict[str, list[ItemRow]] = {q.id: [] for q in unit.questions}
    seen: set[tuple[int, str]] = set()
    for attempt in attempts.only("progress_id", "questions", "answers", "record_key"):
        drawn = [DrawnQuestion.from_json(q) for q in attempt.questions]
        right = {q.id: is_right(q, attempt.answers.get(q.id, ())) for q in drawn}
        points = sum(right.values())
        for q in drawn:
            if q.id not in rows or (attempt.progress_id, q.id) in seen:
                continue
            seen.add((attempt.progress_id, q.id))
            # One person's own result on the attempt's other questions (an input row, not a
            # figure over people; those are published in units.statistics).
            rest = (points - right[q.id]) / (len(drawn) - 1) if len(drawn) > 1 else 0.0
            rows[q.id].append(ItemRow(attempt.record_key, right[q.id], rest))
    return rows


def unit_statistics(unit: Unit, lang: str) -> list[dict[str, Any]]:
    """One line per question of the bank, in the bank's order."""
    rows = rows_per_question(unit)
    params = _params()
    lines = []
    for question in unit.questions:
        stats: ItemStatistics = item_statistics(
            question.id, rows[question.id], params, unit_key=f"{unit.id}:{unit.version}"
        )
        lines.append({"question": question, "text": question.text.get(lang), "stats": stats})
    return lines


MINIMUM = MIN_ATTEMPTS

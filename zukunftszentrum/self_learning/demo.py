"""Demo step "units": the showcase solo self-employed person has one unit passed (on the second
attempt, after the review) and one in progress. Runs again without writing twice: progress is
per person and unit, and a passed unit is left alone."""

from __future__ import annotations

import random

from django.db import transaction

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.organisations.demo_data import SHOWCASE_SOLO
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role

from . import actions, content
from .units.attempts import DrawnQuestion

PASSED_UNIT = "ki-fuer-solo-selbststaendige"
IN_PROGRESS_UNIT = "ki-ergebnisse-pruefen"


def _answers(questions: list[DrawnQuestion], wrong: int) -> dict[str, list[str]]:
    """Right answers, except the first `wrong` questions."""
    answers = {}
    for index, q in enumerate(questions):
        if q.type == "ordering":
            right = list(q.right_order)
            answers[q.id] = right[::-1] if index < wrong else right
        else:
            right = [o.id for o in q.options if o.correct]
            other = [o.id for o in q.options if not o.correct][:1]
            answers[q.id] = other if index < wrong else right
    return answers


def seed_units() -> str:
    membership = (
        Membership.objects.filter(organisation__legal_name=SHOWCASE_SOLO, role=Role.SOLO)
        .select_related("user")
        .first()
    )
    if membership is None:
        raise DemoStepError("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
    user = membership.user
    rng = random.Random(2027)
    with transaction.atomic():
        passed = content.units()[PASSED_UNIT]
        progress, _token = actions.start_unit(user=user, unit=passed)
        if progress.passed_at is None:
            actions.go_to_section(progress, passed, len(passed.sections) + 1)
            for wrong in (3, 0):  # failed first, passed on the second attempt
                attempt = actions.start_attempt(progress, passed, rng)
                questions = actions.drawn_questions(attempt)
                actions.submit_attempt(
                    attempt=attempt, answers=_answers(questions, wrong), unit=passed
                )
        reading = content.units()[IN_PROGRESS_UNIT]
        progress, _token = actions.start_unit(user=user, unit=reading)
        if progress.passed_at is None:
            actions.go_to_section(progress, reading, 3)
    return f"Lerneinheiten: {user.email} hat eine Einheit bestanden und liest eine zweite."

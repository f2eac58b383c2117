"""Builders for the player's tests: answers to a drawn attempt, as a form would post them."""

from __future__ import annotations

from typing import Any

from ..actions import drawn_questions
from ..models import Attempt


def form_answers(attempt: Attempt, *, wrong: int = 0) -> dict[str, Any]:
    """POST data answering every question right, except the first `wrong` ones."""
    data: dict[str, Any] = {}
    for index, q in enumerate(drawn_questions(attempt)):
        name = f"q-{q.id}"
        if q.type == "ordering":
            order = list(q.right_order)
            if index < wrong:
                order = order[1:] + order[:1]
            for position, option in enumerate(order, 1):
                data[f"{name}-{option}"] = str(position)
        else:
            right = [o.id for o in q.options if o.correct]
            other = [o.id for o in q.options if not o.correct]
            data[name] = other[:1] if index < wrong else right
    return data

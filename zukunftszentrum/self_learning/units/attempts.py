"""The knowledge check: draw an attempt, score it, review it. Pure: no Django.

An attempt is drawn anew each time from the bank: `per_attempt` questions spread over the
question types and the unit's competences (round robin over (type, competence) groups, each
shuffled), with the options shuffled. An ordering question is never shown in its right order.

What is drawn is kept as a snapshot (`DrawnQuestion.to_json`): texts, feedback and the order the
options were shown in. An attempt is scored and reviewed from its snapshot alone, so it stays
valid (and its review readable) after the unit gets a new version.

Scoring: single choice and scenario 1 point when the one correct option is chosen; multiple choice
all-or-nothing (exactly the correct options): partial credit would reward ticking everything
that sounds plausible, and the pass mark already allows a miss; ordering all-or-nothing (a
sequence half right is a wrong sequence). Passed when points / questions >= the pass mark.
"""

from __future__ import annotations

import math
import random
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .schema import Question, Unit

Text = dict[str, str]  # {"de": ..., "en": ...} in a snapshot


class AnswerError(ValueError):
    """An answer that cannot be scored (unknown option, an ordering with a position twice)."""


@dataclass(frozen=True)
class DrawnOption:
    id: str
    text: Text
    feedback: Text
    correct: bool


@dataclass(frozen=True)
class DrawnQuestion:
    id: str
    type: str
    competence: str
    text: Text
    scenario: Text | None
    options: tuple[DrawnOption, ...]  # in the order shown
    right_order: tuple[str, ...]  # ordering: the correct sequence of option ids; else empty

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "competence": self.competence,
            "text": self.text,
            "scenario": self.scenario,
            "options": [
                {"id": o.id, "text": o.text, "feedback": o.feedback, "correct": o.correct}
                for o in self.options
            ],
            "right_order": list(self.right_order),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> DrawnQuestion:
        return cls(
            id=data["id"],
            type=data["type"],
            competence=data["competence"],
            text=dict(data["text"]),
            scenario=dict(data["scenario"]) if data.get("scenario") else None,
            options=tuple(
                DrawnOption(o["id"], dict(o["text"]), dict(o["feedback"]), bool(o["correct"]))
                for o in data["options"]
            ),
            right_order=tuple(data.get("right_order", ())),
        )


def _text(value: Any) -> Text:
    return {"de": value.de, "en": value.en}


def _spread(questions: Sequence[Question], count: int, rng: random.Random) -> list[Question]:
    """`count` questions, round robin over (type, competence) groups in a shuffled order."""
    groups: dict[tuple[str, str], list[Question]] = {}
    for question in questions:
        groups.setdefault((question.type, question.competence), []).append(question)
    queues = [list(g) for _key, g in sorted(groups.items())]
    for queue in queues:
        rng.shuffle(queue)
    rng.shuffle(queues)
    chosen: list[Question] = []
    while len(chosen) < count and any(queues):
        for queue in queues:
            if queue and len(chosen) < count:
                chosen.append(queue.pop())
    rng.shuffle(chosen)
    return chosen


def _draw_question(question: Question, rng: random.Random) -> DrawnQuestion:
    options = list(question.options)
    rng.shuffle(options)
    if question.type == "ordering" and [o.id for o in options] == [o.id for o in question.options]:
        options = options[1:] + options[:1]  # never hand out the answer: rotate by one
    return DrawnQuestion(
        id=question.id,
        type=question.type,
        competence=question.competence,
        text=_text(question.text),
        scenario=_text(question.scenario) if question.scenario else None,
        options=tuple(
            DrawnOption(o.id, _text(o.text), _text(o.feedback), o.correct) for o in options
        ),
        right_order=tuple(o.id for o in question.options) if question.type == "ordering" else (),
    )


def draw(unit: Unit, rng: random.Random) -> tuple[DrawnQuestion, ...]:
    """A fresh attempt of `unit.per_attempt` questions."""
    return tuple(_draw_question(q, rng) for q in _spread(unit.questions, unit.per_attempt, rng))


def check_answer(question: DrawnQuestion, answer: Sequence[str]) -> tuple[str, ...]:
    """The answer as option ids, checked: known options, single choice one, ordering complete."""
    ids = {o.id for o in question.options}
    chosen = tuple(answer)
    if any(a not in ids for a in chosen):
        raise AnswerError(f"unknown option in {chosen!r}")
    if len(set(chosen)) != len(chosen):
        raise AnswerError("an option is given twice")
    if question.type in ("single", "scenario") and len(chosen) > 1:
        raise AnswerError("choose one option")
    if question.type == "ordering" and chosen and len(chosen) != len(ids):
        raise AnswerError("place every step")
    return chosen


def is_right(question: DrawnQuestion, answer: Sequence[str]) -> bool:
    chosen = tuple(answer)
    if question.type == "ordering":
        return chosen == question.right_order
    return set(chosen) == {o.id for o in question.options if o.correct}


@dataclass(frozen=True)
class Score:
    points: int
    questions: int
    passed: bool

    @property
    def share(self) -> float:
        return self.points / self.questions if self.questions else 0.0

    @property
    def percent(self) -> int:
        return round(100 * self.share)


def needed_points(questions: int, pass_mark: float) -> int:
    """The least whole number of points reaching the pass mark (0.8 of 5 -> 4)."""
    return math.ceil(round(questions * pass_mark, 9))


def score(
    questions: Sequence[DrawnQuestion], answers: Mapping[str, Sequence[str]], pass_mark: float
) -> Score:
    """Points per question (0 or 1), and whether the attempt passed. Unanswered counts 0."""
    points = sum(is_right(q, answers.get(q.id, ())) for q in questions)
    return Score(points, len(questions), points >= needed_points(len(questions), pass_mark))


@dataclass(frozen=True)
class ReviewedOption:
    id: str
    text: str
    feedback: str
    correct: bool  # choice: a correct option; ordering: placed where it belongs
    chosen: bool  # choice: ticked; ordering: always True
    position: int | None = None  # ordering: where the person put it (1-based)
    right_position: int | None = None  # ordering: where it belongs


@dataclass(frozen=True)
class ReviewedQuestion:
    id: str
    type: str
    text: str
    scenario: str | None
    right: bool
    answered: bool
    options: tuple[ReviewedOption, ...]


def _lang(text: Text | None, lang: str) -> str:
    if not text:
        return ""
    return text.get("en" if lang.lower().startswith("en") else "de") or text.get("de", "")


def review(
    questions: Sequence[DrawnQuestion], answers: Mapping[str, Sequence[str]], lang: str
) -> tuple[ReviewedQuestion, ...]:
    """Every question with every option's feedback: shown after submitting, before a retry."""
    reviewed = []
    for q in questions:
        answer = tuple(answers.get(q.id, ()))
        if q.type == "ordering":
            given = {oid: i + 1 for i, oid in enumerate(answer)}
            right = {oid: i + 1 for i, oid in enumerate(q.right_order)}
            by_id = {o.id: o for o in q.options}
            options = tuple(
                ReviewedOption(
                    oid,
                    _lang(by_id[oid].text, lang),
                    _lang(by_id[oid].feedback, lang),
                    given.get(oid) == right[oid],
                    bool(answer),
                    given.get(oid),
                    right[oid],
                )
                for oid in q.right_order
            )
        else:
            options = tuple(
                ReviewedOption(
                    o.id, _lang(o.text, lang), _lang(o.feedback, lang), o.correct, o.id in answer
                )
                for o in q.options
            )
        reviewed.append(
            ReviewedQuestion(
                q.id,
                q.type,
                _lang(q.text, lang),
                _lang(q.scenario, lang) or None,
                is_right(q, answer),
                bool(answer),
                options,
            )
        )
    return tuple(reviewed)


def ordering_from_positions(
    question: DrawnQuestion, positions: Mapping[str, str]
) -> tuple[str, ...]:
    """A form's "position of each step" (option id -> "1".."n") as a sequence of option ids.
    Empty when nothing was placed; AnswerError when a position is missing, repeated or out of range."""
    if not any(positions.get(o.id) for o in question.options):
        return ()
    size = len(question.options)
    placed: dict[int, str] = {}
    for option in question.options:
        raw = positions.get(option.id, "")
        if not raw.isdigit() or not 1 <= int(raw) <= size:
            raise AnswerError("give every step a position")
        if int(raw) in placed:
            raise AnswerError("each position once")
        placed[int(raw)] = option.id
    return tuple(placed[i] for i in range(1, size + 1))

"""The anonymous pulse: its questions (content/participation/pulse.yaml) and its figures.
Pure: no Django imports.

A round's answers become published figures once, when the round closes (`release_figures`);
the page shows those stored figures and never recomputes them, so comparing the page before
and after one more answer, or yesterday's with today's, teaches nothing. Every figure passes
through `core.disclosure`, computed as if the viewer had answered (`viewer_took_part`): the
same figures for everybody, and nobody who answered can subtract their own answer from a mean
of the minimum number of people.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from zukunftszentrum.core import content_yaml
from zukunftszentrum.core.content_yaml import Node, Text
from zukunftszentrum.core.disclosure import (
    Contribution,
    Parameters,
    Published,
    publish_count,
    publish_mean,
    publish_share,
)

PULSE_FILE = Path(__file__).resolve().parents[2] / "content" / "participation" / "pulse.yaml"
TOPICS = ("expectations", "worries", "workload", "trust")
SCALE = (1, 2, 3, 4, 5)


@dataclass(frozen=True)
class Question:
    key: str
    topic: str
    text: Text
    higher_is_worse: bool = False


@dataclass(frozen=True)
class Questionnaire:
    version: str
    low: Text
    high: Text
    questions: tuple[Question, ...]

    def question_keys(self) -> tuple[str, ...]:
        return tuple(q.key for q in self.questions)


def parse_questionnaire(data: Any, path: str = "pulse.yaml") -> Questionnaire:
    root = Node(data, path, "", 1)
    root.check_keys({"version", "scale", "questions"})
    scale = root.child("scale")
    scale.check_keys({"low", "high"})
    questions: list[Question] = []
    for node in root.children("questions"):
        node.check_keys({"key", "topic", "text"}, {"higher_is"})
        key, topic = node.string("key"), node.string("topic")
        if topic not in TOPICS:
            raise node.error(f"unknown topic {topic!r} (known: {', '.join(TOPICS)})", "topic")
        if any(q.key == key for q in questions):
            raise node.error(f"repeated key {key!r}", "key")
        direction = node.string("higher_is", "better")
        if direction not in ("better", "worse"):
            raise node.error("must be better or worse", "higher_is")
        questions.append(Question(key, topic, node.text("text"), direction == "worse"))
    return Questionnaire(str(root.get("version", (str, float))), scale.text("low"),
                         scale.text("high"), tuple(questions))  # fmt: skip


@cache
def questionnaire(path: Path = PULSE_FILE) -> Questionnaire:
    return parse_questionnaire(content_yaml.read(path), str(path))


def check_answers(q: Questionnaire, raw: Mapping[str, Any]) -> dict[str, int]:
    """The answers of one form, every question answered on the scale; ValueError otherwise."""
    answers: dict[str, int] = {}
    for key in q.question_keys():
        value = raw.get(key)
        if isinstance(value, bool) or not isinstance(value, int) or value not in SCALE:
            raise ValueError(key)
        answers[key] = value
    return answers


def to_points(value: int) -> float:
    """1..5 as 0..100, so a mean is published in whole points, not in whole scale steps."""
    return (value - 1) * 25.0


def _figure(p: Published) -> dict[str, Any]:
    return {"value": p.value, "reason": p.reason.value if p.reason else None}


def release_figures(
    round_key: str,
    q: Questionnaire,
    answers: Sequence[tuple[int, Mapping[str, int]]],
    invited: Sequence[tuple[int, bool]],
    params: Parameters,
) -> dict[str, Any]:
    """The figures of a closed round, as stored: turnout and per question the mean (0-100) and
    the share agreeing (4 or 5). `answers`: (record key, answers) per response; `invited`:
    (record key, answered) per token. Withheld figures keep the reason, never a number."""
    took_part = [Contribution(key=k) for k, _ in answers]
    figures: dict[str, Any] = {
        "version": q.version,
        "responses": _figure(publish_count(took_part, viewer_took_part=True, params=params)),
        "turnout": _figure(
            publish_share(
                [Contribution(key=k, value=1.0 if done else 0.0) for k, done in invited],
                variable=f"pulse:{round_key}:turnout",
                viewer_took_part=True,
                params=params,
            )
        ),
        "questions": {},
    }
    for question in q.questions:
        given = [(k, a[question.key]) for k, a in answers if question.key in a]
        mean = publish_mean(
            [Contribution(key=k, value=to_points(v)) for k, v in given],
            variable=f"pulse:{round_key}:{question.key}:mean",
            viewer_took_part=True,
            params=params,
        )
        agree = publish_share(
            [Contribution(key=k, value=1.0 if v >= 4 else 0.0) for k, v in given],
            variable=f"pulse:{round_key}:{question.key}:agree",
            viewer_took_part=True,
            params=params,
        )
        figures["questions"][question.key] = {"mean": _figure(mean), "agree": _figure(agree)}
    return figures


@dataclass(frozen=True)
class ComparedRow:
    question: Question
    before: int | None
    after: int | None
    change: int | None  # after - before, both published; None when either is withheld
    better: bool | None  # whether the change is good news (the question's direction)


def compare(
    q: Questionnaire, before: Mapping[str, Any], after: Mapping[str, Any]
) -> list[ComparedRow]:
    """Two released rounds side by side (a pilot's before and after), by question key. Only
    published means enter: the difference of two published figures reveals nothing new."""
    rows = []
    for question in q.questions:
        b = before.get("questions", {}).get(question.key, {}).get("mean", {}).get("value")
        a = after.get("questions", {}).get(question.key, {}).get("mean", {}).get("value")
        change = a - b if a is not None and b is not None else None
        better = None
        if change:
            better = (change < 0) if question.higher_is_worse else (change > 0)
        rows.append(ComparedRow(question, b, a, change, better))
    return rows

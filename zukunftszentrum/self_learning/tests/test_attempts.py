"""Drawing, scoring and reviewing attempts (fixed seeds, tables of cases)."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from zukunftszentrum.learning.competence.framework import load_framework
from zukunftszentrum.self_learning.units.attempts import (
    AnswerError,
    DrawnOption,
    DrawnQuestion,
    check_answer,
    draw,
    needed_points,
    ordering_from_positions,
    review,
    score,
)
from zukunftszentrum.self_learning.units.loader import load_units

CONTENT = Path(__file__).resolve().parents[3] / "content"
COMPETENCES = [
    c.id for c in load_framework(CONTENT / "frameworks" / "ai-competence.yaml").competences
]
UNITS = load_units(CONTENT / "units", COMPETENCES)


def _t(s: str) -> dict[str, str]:
    return {"de": s, "en": s.upper()}


def _choice(qid: str, qtype: str, correct: set[str]) -> DrawnQuestion:
    options = tuple(DrawnOption(o, _t(o), _t("f" + o), o in correct) for o in "abcd")
    return DrawnQuestion(qid, qtype, "prompting", _t(qid), None, options, ())


ORDER = DrawnQuestion(
    "o",
    "ordering",
    "prompting",
    _t("o"),
    None,
    tuple(DrawnOption(o, _t(o), _t("f" + o), False) for o in "cab"),
    ("a", "b", "c"),
)
SINGLE = _choice("s", "single", {"b"})
MULTI = _choice("m", "multiple", {"a", "c"})


@pytest.mark.parametrize(
    ("question", "answer", "right"),
    [
        (SINGLE, ["b"], True),
        (SINGLE, ["a"], False),
        (SINGLE, [], False),
        (MULTI, ["a", "c"], True),
        (MULTI, ["c", "a"], True),
        (MULTI, ["a"], False),  # all or nothing: one missing
        (MULTI, ["a", "c", "d"], False),  # all or nothing: one too many
        (MULTI, ["a", "b", "c", "d"], False),  # ticking everything never pays
        (ORDER, ["a", "b", "c"], True),
        (ORDER, ["c", "a", "b"], False),  # the order shown
        (ORDER, ["a", "c", "b"], False),  # half right is wrong
    ],
)
def test_scoring_per_question(question: DrawnQuestion, answer: list[str], right: bool) -> None:
    result = score([question], {question.id: answer}, 1.0)
    assert (result.points == 1) is right
    assert result.passed is right


@pytest.mark.parametrize(
    ("points", "questions", "mark", "passed"),
    [
        (4, 5, 0.8, True),
        (3, 5, 0.8, False),
        (5, 5, 0.8, True),
        (3, 5, 0.6, True),
        (2, 3, 0.7, False),
    ],
)
def test_pass_mark(points: int, questions: int, mark: float, passed: bool) -> None:
    assert (points >= needed_points(questions, mark)) is passed


def test_an_attempt_passes_with_enough_points() -> None:
    answers = {"s": ["b"], "m": ["a", "c"], "o": ["a", "b"]}
    with pytest.raises(AnswerError):
        check_answer(ORDER, answers["o"])
    result = score([SINGLE, MULTI, ORDER], answers, 0.6)
    assert (result.points, result.questions, result.passed, result.percent) == (2, 3, True, 67)


@pytest.mark.parametrize(
    ("question", "answer", "error"),
    [
        (SINGLE, ["a", "b"], "choose one"),
        (SINGLE, ["x"], "unknown option"),
        (MULTI, ["a", "a"], "twice"),
        (ORDER, ["a"], "place every step"),
    ],
)
def test_answers_that_cannot_be_scored(
    question: DrawnQuestion, answer: list[str], error: str
) -> None:
    with pytest.raises(AnswerError, match=error):
        check_answer(question, answer)


@pytest.mark.parametrize(
    ("positions", "expected"),
    [
        ({"c": "3", "a": "1", "b": "2"}, ("a", "b", "c")),
        ({}, ()),
        ({"c": "1", "a": "1", "b": "2"}, AnswerError),
        ({"c": "4", "a": "1", "b": "2"}, AnswerError),
        ({"a": "1"}, AnswerError),
    ],
)
def test_ordering_from_form_positions(positions: dict[str, str], expected: object) -> None:
    if expected is AnswerError:
        with pytest.raises(AnswerError):
            ordering_from_positions(ORDER, positions)
    else:
        assert ordering_from_positions(ORDER, positions) == expected


@pytest.mark.parametrize("seed", [0, 1, 2, 3, 42])
@pytest.mark.parametrize("unit_id", sorted(UNITS))
def test_draws_are_spread_shuffled_and_never_give_the_order_away(unit_id: str, seed: int) -> None:
    unit = UNITS[unit_id]
    drawn = draw(unit, random.Random(seed))
    assert len(drawn) == unit.per_attempt
    assert len({q.id for q in drawn}) == unit.per_attempt
    assert len({q.type for q in drawn}) >= 3  # spread over the types
    for q in drawn:
        original = unit.question(q.id)
        assert original is not None
        assert {o.id for o in q.options} == {o.id for o in original.options}
        if q.type == "ordering":
            assert tuple(o.id for o in q.options) != q.right_order
            assert q.right_order == tuple(o.id for o in original.options)
        assert DrawnQuestion.from_json(q.to_json()) == q  # the stored snapshot is lossless


def test_attempts_are_drawn_anew() -> None:
    unit = UNITS["ki-ergebnisse-pruefen"]
    draws = {tuple(q.id for q in draw(unit, random.Random(seed))) for seed in range(10)}
    assert len(draws) > 5
    # a unit with two competences: both are asked
    two = UNITS["datenschutz-und-geheimnisse"]
    for seed in range(10):
        assert {q.competence for q in draw(two, random.Random(seed))} == set(two.competences)


def test_review_shows_every_option_with_its_feedback() -> None:
    answers = {"s": ["a"], "o": ["a", "c", "b"]}
    single, multi, order = review([SINGLE, MULTI, ORDER], answers, "en")
    assert not single.right and single.answered
    assert [(o.id, o.chosen, o.correct, o.feedback) for o in single.options] == [
        ("a", True, False, "FA"),
        ("b", False, True, "FB"),
        ("c", False, False, "FC"),
        ("d", False, False, "FD"),
    ]
    assert not multi.answered and not multi.right
    assert [(o.id, o.position, o.right_position, o.correct) for o in order.options] == [
        ("a", 1, 1, True),
        ("b", 3, 2, False),
        ("c", 2, 3, False),
    ]
    assert review([SINGLE], {}, "de")[0].text == "s"

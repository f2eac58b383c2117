"""Scoring: hand-computed tables, edge cases and properties."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zukunftszentrum.assessments.engine.loader import load_instrument
from zukunftszentrum.assessments.engine.schema import Item
from zukunftszentrum.assessments.engine.scoring import Result, item_score, score, weighted_mean

HERE = Path(__file__).parent
INST = load_instrument(HERE / "fixtures" / "content" / "instruments" / "example" / "2026.1.yaml")
DOC = HERE.parents[2] / "docs" / "methods" / "self-checks.md"

# The worked example of docs/methods/self-checks.md.
WORKED = {
    "s_goals": 4,  # (4-1)/4*100 = 75, weight 1
    "s_budget": 5,  # 100, weight 2
    "s_unclear": 2,  # (2-1)/4*100 = 25, reversed -> 75, weight 1
    "uses_data": "yes",  # unscored
    "d_state": "partly",  # 50
    "d_sources": ["erp", "crm", "sensors"],  # 40+40+40 = 120 -> capped at 100
    "d_staff": 12,  # no score_range: not scored
    "k_self": 3,  # 50
    "k_quiz_1": "b",  # correct -> 100 (knowledge)
    "k_quiz_2": "yes",  # wrong -> 0 (knowledge)
    "remarks": "Danke",  # text: never scored
}


def dims(result: Result) -> dict[str, tuple[float | None, int | None, int]]:
    return {k: (d.score, d.level, d.n_items) for k, d in result.dimensions.items()}


def test_worked_example():
    result = score(INST, WORKED)
    # strategy = (75*1 + 100*2 + 75*1) / (1+2+1) = 350/4 = 87.5 -> level 5 (min 80)
    # data     = (50 + 100) / 2 = 75 -> level 4 (min 60)
    # skills   = 50 (the self-rating only; the quiz is separate) -> level 3 (min 40)
    assert dims(result) == {
        "strategy": (87.5, 5, 3),
        "data": (75.0, 4, 2),
        "skills": (50.0, 3, 1),
    }
    # overall = (87.5*2 + 75*1 + 50*1) / (2+1+1) = 300/4 = 75 -> level 4
    assert (result.overall, result.overall_level) == (75.0, 4)
    # knowledge = (100 + 0) / 2 = 50
    assert result.knowledge == {"skills": 50.0}
    # priority 1: skills (50) before data (75); then priority 2: strategy
    assert [r.id for r in result.recommendations] == [
        "skills-training",
        "data-clean",
        "strategy-scale",
    ]


def test_the_method_document_shows_the_worked_example_numbers():
    text = DOC.read_text(encoding="utf-8")
    for number in ("87,5", "75", "50", "350 / 4", "300 / 4"):
        assert number in text
    assert re.search(r"skills-training.*data-clean.*strategy-scale", text, re.S)


STRATEGY_TABLE = [
    # (s_goals, s_budget, s_unclear) -> (score, level, n_items); weights 1, 2, 1; s_unclear reversed
    ((4, 5, 2), (87.5, 5, 3)),  # (75 + 2*100 + 75) / 4
    ((1, 3, 5), (25.0, 2, 3)),  # (0 + 2*50 + 0) / 4
    ((5, 5, 1), (100.0, 5, 3)),  # (100 + 2*100 + 100) / 4
    ((1, 1, 5), (0.0, 1, 3)),  # all worst
    (("na", 2, "na"), (25.0, 2, 1)),  # only s_budget: 25
    (("na", "na", 4), (25.0, 2, 1)),  # 75 reversed -> 25
    ((3, "na", 3), (50.0, 3, 2)),  # (50 + 50) / 2
    (("na", "na", "na"), (None, None, 0)),
]


@pytest.mark.parametrize(("answers", "expected"), STRATEGY_TABLE)
def test_weighted_dimension_with_a_reversed_item(answers, expected):
    given_answers = dict(zip(("s_goals", "s_budget", "s_unclear"), answers, strict=True))
    assert dims(score(INST, given_answers))["strategy"] == expected


DATA_TABLE = [
    # answers -> data dimension (score, level, n_items)
    ({"uses_data": "yes", "d_state": "poor", "d_sources": ["erp"]}, (20.0, 2, 2)),  # exactly 20
    ({"uses_data": "yes", "d_state": "poor", "d_sources": ["erp", "crm"]}, (40.0, 3, 2)),
    ({"uses_data": "yes", "d_state": "good", "d_sources": ["paper"]}, (50.0, 3, 2)),
    ({"uses_data": "yes", "d_state": "partly"}, (50.0, 3, 1)),
    ({"uses_data": "no", "d_state": "good", "d_sources": ["erp"]}, (None, None, 0)),  # hidden
    ({"d_state": "good"}, (None, None, 0)),  # hidden: condition unanswered
]


@pytest.mark.parametrize(("answers", "expected"), DATA_TABLE)
def test_choice_items_thresholds_and_hidden_items(answers, expected):
    assert dims(score(INST, answers))["data"] == expected


def test_all_no_answer_gives_no_scores():
    answers = {i.id: "na" for i in INST.items if i.type == "likert"}
    result = score(INST, answers)
    assert all(d.score is None and d.level is None for d in result.dimensions.values())
    assert result.overall is None and result.overall_level is None
    assert result.knowledge == {"skills": None}
    assert result.recommendations == []


def test_knowledge_is_reported_separately():
    result = score(INST, {"k_quiz_1": "b", "k_quiz_2": "no"})
    assert result.dimensions["skills"].score is None
    assert result.knowledge == {"skills": 100.0}
    assert result.overall is None


def test_overall_uses_dimension_weights_and_skips_empty_dimensions():
    # strategy 100 (weight 2), skills 0 (weight 1), data none: (200 + 0) / 3
    result = score(INST, {"s_goals": 5, "k_self": 1})
    assert result.overall == pytest.approx(200 / 3)
    assert result.overall_level == 4


def test_old_and_tampered_answers_are_ignored():
    answers = dict(WORKED, removed_item=5, s_goals=9)
    result = score(INST, answers)
    # s_goals dropped: strategy = (2*100 + 75) / 3
    assert result.dimensions["strategy"].score == pytest.approx(275 / 3)


def test_recommendations_order_by_priority_then_lowest_score():
    low_skills = score(INST, {"s_goals": 5, "k_self": 3, "uses_data": "yes", "d_state": "good"})
    # data 100 (level 5: no data rec), skills 50 (level 3), strategy 100 (level 5)
    assert [r.id for r in low_skills.recommendations] == ["skills-training", "strategy-scale"]
    data_lower = score(INST, {"k_self": 4, "uses_data": "yes", "d_state": "partly"})
    # skills 75 -> level 4: no skills rec; data 50 -> level 3
    assert [r.id for r in data_lower.recommendations] == ["data-clean"]
    basics = score(INST, {"k_self": 1})
    assert [r.id for r in basics.recommendations] == ["skills-basics"]


def number_item(lo: float, hi: float) -> Item:
    staff = INST.item("d_staff")
    assert staff is not None
    return dataclasses.replace(staff, dimension="data", score_range=(lo, hi))


@pytest.mark.parametrize(
    ("lo", "hi", "value", "expected"),
    [(0, 10, 5, 50.0), (0, 10, 20, 100.0), (0, 10, -3, 0.0), (10, 0, 2, 80.0), (0, 8, 2, 25.0)],
)
def test_number_score_range_clamps_linearly(lo, hi, value, expected):
    assert item_score(number_item(lo, hi), value) == expected


def test_unscored_items():
    assert item_score(INST.item("d_staff"), 12) is None  # no score_range
    assert item_score(INST.item("uses_data"), "yes") is None  # options without score
    assert item_score(INST.item("remarks"), "text") is None
    assert item_score(INST.item("s_goals"), "na") is None


def test_weighted_mean():
    assert weighted_mean([]) is None
    assert weighted_mean([(10, 1), (40, 2)]) == 30


def test_result_snapshot_round_trip():
    result = score(INST, WORKED)
    assert Result.from_dict(result.as_dict(), INST) == result
    snapshot = result.as_dict()
    assert snapshot["recommendations"] == ["skills-training", "data-clean", "strategy-scale"]


def answer_strategy(item: Item) -> st.SearchStrategy:
    if item.type == "likert":
        return st.one_of(st.integers(1, 5), st.just("na"))
    if item.type in ("single", "knowledge"):
        return st.sampled_from(item.option_values)
    if item.type == "multiple":
        return st.lists(st.sampled_from(item.option_values), unique=True, max_size=3)
    if item.type == "number":
        return st.integers(0, 1000)
    return st.text(max_size=20)


ANSWERS = st.fixed_dictionaries(
    {}, optional={i.id: answer_strategy(i) for i in INST.items}
).flatmap(lambda answers: st.permutations(list(answers.items())).map(lambda p: (answers, dict(p))))


@given(ANSWERS)
def test_scores_stay_in_range_and_order_does_not_matter(pair):
    answers, permuted = pair
    result = score(INST, answers)
    values = [d.score for d in result.dimensions.values()] + [result.overall]
    values += list(result.knowledge.values())
    assert all(v is None or 0 <= v <= 100 for v in values)
    assert all((d.score is None) == (d.level is None) for d in result.dimensions.values())
    assert score(INST, permuted) == result

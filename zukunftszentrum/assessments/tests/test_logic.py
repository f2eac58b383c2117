"""Answer checking and conditional display."""

from __future__ import annotations

from pathlib import Path

import pytest

from zukunftszentrum.assessments.engine import logic
from zukunftszentrum.assessments.engine.loader import load_instrument
from zukunftszentrum.assessments.engine.logic import AnswerError, validate_answer

EXAMPLE = Path(__file__).parent / "fixtures" / "content" / "instruments" / "example" / "2026.1.yaml"
INST = load_instrument(EXAMPLE)


def item(item_id: str):
    found = INST.item(item_id)
    assert found is not None
    return found


VALID = [
    ("s_goals", "1", 1),
    ("s_goals", "5", 5),
    ("s_goals", " 3 ", 3),
    ("s_goals", "na", "na"),
    ("s_goals", ["4"], 4),
    ("uses_data", "yes", "yes"),
    ("k_quiz_1", "a", "a"),
    ("d_sources", ["sensors", "erp"], ["erp", "sensors"]),  # option order
    ("d_sources", ["erp", "erp"], ["erp"]),
    ("d_sources", "crm", ["crm"]),
    ("d_staff", "12", 12),
    ("d_staff", "0", 0),
    ("d_staff", "2,5", 2.5),
    ("d_staff", "1 000", 1000),
    ("d_staff", "12.0", 12),
    ("d_staff", "1.000", 1000),  # German thousands separator
    ("d_staff", "999,75", 999.75),
    ("d_staff", "2.5", 2.5),
    ("remarks", "  kurz  ", "kurz"),
    ("remarks", "x" * 20, "x" * 20),
]


@pytest.mark.parametrize(("item_id", "raw", "expected"), VALID)
def test_valid_answers_are_typed(item_id, raw, expected):
    value = validate_answer(item(item_id), raw)
    assert value == expected and type(value) is type(expected)


@pytest.mark.parametrize("raw", [None, "", "   ", [], [""]])
@pytest.mark.parametrize("item_id", ["s_goals", "uses_data", "d_sources", "d_staff", "remarks"])
def test_nothing_entered_is_none(item_id, raw):
    assert validate_answer(item(item_id), raw) is None


INVALID = [
    ("s_goals", "0", "scale", "Skala"),
    ("s_goals", "6", "scale", "Skala"),
    ("s_goals", "3.5", "scale", "Skala"),
    ("s_goals", "viel", "scale", "Skala"),
    ("s_goals", ["1", "2"], "too_many", "nur eine"),
    ("uses_data", "maybe", "choice", "angebotenen"),
    ("k_quiz_1", "c", "choice", "angebotenen"),
    ("d_sources", ["erp", "fax"], "choice", "Liste"),
    ("d_sources", ["erp", "crm", "sensors", "paper"], "too_many", "höchstens 3 Antworten"),
    ("d_staff", "zwölf", "not_number", "Zahl"),
    ("d_staff", "nan", "not_number", "Zahl"),
    ("d_staff", "inf", "not_number", "Zahl"),
    ("d_staff", "-1", "too_small", "mindestens 0"),
    ("d_staff", "1000,5", "too_large", "höchstens 1000"),
    ("d_staff", "1.000,5", "too_large", "höchstens 1000"),
    ("d_staff", "1,2,3", "not_number", "Zahl"),
    ("remarks", "x" * 21, "too_long", "höchstens 20 Zeichen"),
]


@pytest.mark.parametrize(("item_id", "raw", "code", "words"), INVALID)
def test_invalid_answers_raise_a_clear_german_message(item_id, raw, code, words):
    with pytest.raises(AnswerError) as caught:
        validate_answer(item(item_id), raw)
    assert caught.value.code == code
    assert words in caught.value.message and "Bitte" in caught.value.message


def visible_ids(answers):
    return [i.id for i in logic.visible_items(INST, answers)]


def test_conditions_show_and_hide_items():
    always = ["s_goals", "s_budget", "s_unclear", "uses_data"]
    tail = ["k_self", "k_quiz_1", "k_quiz_2", "remarks"]
    assert visible_ids({}) == always + tail
    assert visible_ids({"uses_data": "no"}) == always + tail
    yes = [*always, "d_state", "d_sources", "d_staff", *tail]
    assert visible_ids({"uses_data": "yes"}) == yes
    assert visible_ids({"uses_data": "yes", "d_staff": 9}) == yes
    assert "d_team" in visible_ids({"uses_data": "yes", "d_staff": 10})  # min is inclusive


def test_hidden_items_hide_their_dependants():
    # d_staff has a stale answer of 50, but it is hidden because uses_data is "no".
    assert "d_team" not in visible_ids({"uses_data": "no", "d_staff": 50})


def test_missing_required_only_counts_visible_items():
    strategy, data, _ = INST.pages
    assert [i.id for i in logic.missing_required(strategy, {})] == ["s_goals"]
    assert logic.missing_required(strategy, {"s_goals": "na"}) == []  # keine Angabe counts
    assert [i.id for i in logic.missing_required(data, {})] == ["uses_data"]
    missing = logic.missing_required(data, {"uses_data": "yes"})
    assert [i.id for i in missing] == ["d_state"]
    assert logic.missing_required(data, {"uses_data": "no"}) == []


def test_missing_required_follows_hidden_items_across_pages_with_the_instrument():
    skills = INST.pages[2]
    page = type(skills)(id="x", title=skills.title, items=(INST.item("d_team"),))
    stale = {"uses_data": "no", "d_staff": 50}
    assert [i.id for i in logic.visible_on_page(page, stale)] == ["d_team"]
    assert logic.visible_on_page(page, stale, INST) == []


def test_clean_answers_drops_hidden_unknown_and_unfitting_answers():
    answers = {
        "s_goals": 4,
        "s_budget": 9,  # out of scale (tampered)
        "s_unclear": True,  # not an int answer
        "uses_data": "no",
        "d_state": "good",  # hidden: uses_data is "no"
        "d_staff": 50,  # hidden
        "d_team": "yes",  # hidden through d_staff
        "gone_item": "x",  # not in this version
        "d_sources": "erp",  # wrong shape
        "k_quiz_1": "b",
        "remarks": "y" * 30,  # too long for this version
    }
    assert logic.clean_answers(INST, answers) == {"s_goals": 4, "uses_data": "no", "k_quiz_1": "b"}


@pytest.mark.parametrize(
    ("value", "answered"),
    [(None, False), ("", False), ([], False), ("na", True), (0, True), (["a"], True)],
)
def test_is_answered(value, answered):
    assert logic.is_answered(value) is answered


def test_answer_error_offers_a_translatable_template():
    with pytest.raises(AnswerError) as caught:
        validate_answer(item("d_sources"), ["erp", "crm", "sensors", "paper"])
    error = caught.value
    assert error.template == "Bitte wählen Sie höchstens %(max)s Antworten."
    assert error.params == {"max": 3}
    assert error.message == "Bitte wählen Sie höchstens 3 Antworten." == str(error)

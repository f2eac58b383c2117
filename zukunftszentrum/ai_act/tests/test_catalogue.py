"""The system-type catalogue: the shipped file loads, and broken entries are named."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from zukunftszentrum.ai_act.catalogue import CatalogueError, load, parse, preset_answers

SHIPPED = Path(__file__).resolve().parents[3] / "content" / "ai_act" / "products.yaml"

GOOD = """
version: "t"
types:
  - key: a
    family: speech
    label: {de: A, en: A}
    purpose: {de: p, en: p}
    examples: {de: e, en: e}
    user_profiles: [office_admin]
    overseer_profiles: []
    personal_data: false
    employee_data: false
    presets: {annex_iii: none}
"""


def test_the_shipped_catalogue_loads_with_the_issues_types() -> None:
    catalogue = load(SHIPPED)
    expected = {
        "chat_assistant",
        "transcription",
        "translation",
        "applicant_screening",
        "shift_planning",
        "visual_quality_inspection",
        "predictive_maintenance",
        "customer_chatbot",
        "document_capture",
    }
    assert expected <= set(catalogue.keys)
    assert all(t.label["de"] and t.label["en"] for t in catalogue.types)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (("family: speech", "family: magic"), "types[0] (a), field family: unknown family 'magic'"),
        (("[office_admin]", "[astronaut]"), "field user_profiles: unknown job profile 'astronaut'"),
        (("label: {de: A, en: A}", "label: {de: A}"), "field label: needs German and English"),
        (("personal_data: false", "personal_data: maybe"), "field personal_data"),
        (("key: a", "name: a"), "types[0]: needs a key"),
    ],
)
def test_a_broken_entry_is_named(change: tuple[str, str], message: str) -> None:
    with pytest.raises(CatalogueError, match=re.escape(message)):
        parse(GOOD.replace(*change), source="products.yaml")


def test_presets_are_checked_against_the_facts_when_given() -> None:
    schema = {"annex_iii": ("none", "education"), "deep_fake": bool}
    assert parse(GOOD, source="x", fact_schema=schema).types[0].presets == {"annex_iii": "none"}
    with pytest.raises(CatalogueError, match="unknown fact 'annex_iii'"):
        parse(GOOD, source="x", fact_schema={"deep_fake": bool})
    with pytest.raises(CatalogueError, match="annex_iii: value 'none' is not allowed"):
        parse(GOOD, source="x", fact_schema={"annex_iii": ("education",)})


def test_a_type_given_twice_is_refused() -> None:
    doubled = GOOD + GOOD.split("types:\n")[1]
    with pytest.raises(CatalogueError, match="type 'a' appears twice"):
        parse(doubled, source="x")


@dataclass
class A:
    value: str
    sets: dict[str, object] = field(default_factory=dict)
    next: str | None = None


@dataclass
class Q:
    id: str
    answers: list[A]


def test_presets_pick_the_one_answer_whose_facts_agree() -> None:
    questions = [
        Q("ai", [A("yes", {"is_ai_system": True}), A("no", {"is_ai_system": False})]),
        Q(
            "annex",
            [A("none", {"annex_iii": "none"}), A("hr", {"annex_iii": "employment_recruitment"})],
        ),
        Q("role", [A("d", {"role": "deployer"}), A("p", {"role": "provider"})]),  # not preset
        Q("info", [A("ok", {})]),  # sets nothing: always for the person
    ]
    presets = {"is_ai_system": True, "annex_iii": "employment_recruitment"}
    assert preset_answers(presets, questions) == {"ai": "yes", "annex": "hr"}


def test_an_answer_that_only_leads_on_fits_when_the_next_question_is_decided() -> None:
    questions = [
        Q("area", [A("none", {"annex_iii": "none"}), A("employment", {}, next="employment")]),
        Q("employment", [A("recruitment", {"annex_iii": "employment_recruitment"})]),
    ]
    assert preset_answers({"annex_iii": "employment_recruitment"}, questions) == {
        "area": "employment",
        "employment": "recruitment",
    }
    assert preset_answers({"annex_iii": "none"}, questions) == {"area": "none"}


def test_an_answer_fitting_by_its_own_facts_wins_over_one_fitting_through_the_next() -> None:
    """As in the shipped tree: "employment" leads to a question whose "neither" sets none too;
    a chatbot's preset `annex_iii: none` still pre-answers the area with "none"."""
    questions = [
        Q("area", [A("none", {"annex_iii": "none"}), A("employment", {}, next="employment")]),
        Q(
            "employment",
            [
                A("recruitment", {"annex_iii": "employment_recruitment"}),
                A("neither", {"annex_iii": "none"}),
            ],
        ),
    ]
    assert preset_answers({"annex_iii": "none"}, questions) == {
        "area": "none",
        "employment": "neither",
    }
    assert preset_answers({"annex_iii": "employment_recruitment"}, questions)["area"] == (
        "employment"
    )


def test_the_shipped_presets_name_only_facts_and_values_of_the_engine() -> None:
    from zukunftszentrum.ai_act.law import FACT_SCHEMA

    catalogue = load(SHIPPED, fact_schema=FACT_SCHEMA)
    assert catalogue.get("applicant_screening").presets["annex_iii"] == "employment_recruitment"

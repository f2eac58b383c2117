"""Every result explains itself: which rules fired, each with its article and law version."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.law import FactError, assess, parse_facts


def _reasons(content, law: str, **facts):
    result = assess(parse_facts(facts), law, obligations=content.obligations, laws=content.laws)
    return {r.key: r for r in result.reasons}


def test_the_omnibus_prohibition_cites_the_amended_text(content) -> None:
    reason = _reasons(content, "omnibus", prohibited="intimate_content_non_consensual")[
        "prohibited"
    ]
    assert {s.law for s in reason.sources} == {"adopted", "omnibus"}
    adopted = _reasons(content, "adopted", prohibited="intimate_content_non_consensual")
    assert "not_prohibited_in_version" in adopted and "prohibited" not in adopted


@pytest.mark.parametrize(
    ("facts", "key", "article"),
    [
        ({"is_ai_system": False}, "not_ai_system", "Art. 3 1"),
        ({"excluded": "research_only"}, "excluded", "Art. 2 6"),
        (
            {
                "annex_iii": "education",
                "profiles_natural_persons": True,
                "art_6_3_exception": "preparatory_task",
            },
            "profiling_override",
            "Art. 6 3",
        ),
        (
            {"annex_iii": "education", "art_6_3_exception": "preparatory_task"},
            "art_6_3_exception",
            "Art. 6 3",
        ),
        (
            {"prohibited": "emotion_recognition_work_education", "medical_or_safety_reason": True},
            "emotion_exception",
            "Art. 5 1(f)",
        ),
        ({"annex_i_safety_component": True}, "annex_i", "Art. 6 1"),
        (
            {"excluded": "open_source_not_high_risk", "deep_fake": True},
            "open_source_falls_away",
            "Art. 2 12",
        ),
    ],
)
def test_the_rule_that_fired_is_named_with_its_article(content, facts, key, article) -> None:
    reason = _reasons(content, "adopted", **facts)[key]
    assert reason.sources[0].label() == article
    assert reason.sources[0].url.startswith("https://eur-lex.europa.eu/")
    assert reason.text.de and reason.text.en


def test_parse_facts_names_the_unknown_fact_or_value() -> None:
    with pytest.raises(FactError, match="unknown fact 'uses_magic'") as caught:
        parse_facts({"uses_magic": True})
    assert caught.value.unknown_fact
    with pytest.raises(FactError, match="unknown value 'hr'") as caught:
        parse_facts({"annex_iii": "hr"})
    assert caught.value.fact == "annex_iii" and "employment_recruitment" in caught.value.allowed
    with pytest.raises(FactError, match="not true or false"):
        parse_facts({"deep_fake": "yes"})


ART_50_CASES = [
    ("bought-in chatbot", {"interacts_with_natural_persons": True}, ["1"], "Abs. 1 verpflichtet"),
    ("bought-in image generator", {"generates_synthetic_content": True}, ["2"], "Abs. 2 verpflichtet"),
    ("bought-in chat assistant", {"interacts_with_natural_persons": True,
     "generates_synthetic_content": True}, ["1", "2"], "Abs. 1 und 2 verpflichten"),
    ("own chatbot", {"interacts_with_natural_persons": True, "role": "provider"}, ["1"], None),
    ("deep fakes", {"deep_fake": True}, ["4"], None),  # the deployer's own duty
    ("mood detection in the hotline", {"emotion_recognition_or_biometric_categorisation": True},
     ["3"], None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("facts", "paragraphs", "note"), [c[1:] for c in ART_50_CASES], ids=[c[0] for c in ART_50_CASES]
)
def test_the_art_50_reason_names_its_paragraphs_and_who_bears_them(
    content, facts, paragraphs, note
) -> None:
    reason = _reasons(content, "adopted", **facts)["art_50"]
    assert [s.paragraph for s in reason.sources] == paragraphs
    assert reason.text.de.startswith(
        f"Transparenzpflichten nach Art. 50 Abs. {', '.join(paragraphs)}."
    )
    if note is None:
        assert "Anbieter" not in reason.text.de
    else:
        assert note in reason.text.de and "provider" in reason.text.en

"""Walking the shipped decision tree: the next question, the facts set, the path with sources,
changed and stale answers, and the three systems of the issue's acceptance test end to end."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.law import assess

BASE = {"ai_system": "yes", "exclusion": "none"}
NO_50 = {
    "interacts": "no",
    "synthetic": "no",
    "emotion_use": "no",
    "deep_fake": "no",
    "public_text": "no",
}


def test_an_empty_walk_asks_the_first_question(content) -> None:
    walk = content.tree.walk({})
    assert walk.next is not None and walk.next.id == "ai_system"
    assert walk.path == () and not walk.done


def test_no_ai_system_ends_at_once(content) -> None:
    walk = content.tree.walk({"ai_system": "no", "exclusion": "none"})
    assert walk.done and walk.facts.is_ai_system is False
    assert walk.answers == {"ai_system": "no"}  # the stale answer is not on the path


def test_each_step_names_its_question_answer_and_sources(content) -> None:
    walk = content.tree.walk({**BASE, "role": "deployer"})
    assert [s.question.id for s in walk.path] == ["ai_system", "exclusion", "role"]
    assert walk.next is not None and walk.next.id == "becomes_provider"
    assert walk.path[-1].sources[0].article == "Art. 3"
    assert walk.facts.role == "deployer"


def test_becoming_a_provider_under_art_25(content) -> None:
    walk = content.tree.walk({**BASE, "role": "deployer", "becomes_provider": "yes"})
    assert walk.facts.role == "provider_and_deployer"
    assert walk.next is not None and walk.next.id == "prohibited"


def test_an_unknown_stored_value_asks_the_question_again(content) -> None:
    walk = content.tree.walk({**BASE, "role": "someone"})
    assert walk.next is not None and walk.next.id == "role"


def test_a_prohibited_practice_ends_the_walk_except_the_omnibus_one(content) -> None:
    prefix = {**BASE, "role": "provider"}
    assert content.tree.walk({**prefix, "prohibited": "social_scoring"}).done
    walk = content.tree.walk({**prefix, "prohibited": "intimate_content_non_consensual"})
    assert walk.next is not None and walk.next.id == "annex_i"


def test_the_emotion_exception_continues_and_sets_the_facts(content) -> None:
    answers = {**BASE, "role": "provider", "prohibited": "emotion_recognition_work_education"}
    assert content.tree.walk({**answers, "emotion_exception": "no"}).done
    walk = content.tree.walk({**answers, "emotion_exception": "yes"})
    assert (
        walk.facts.medical_or_safety_reason
        and walk.facts.emotion_recognition_or_biometric_categorisation
    )
    assert walk.next is not None and walk.next.id == "annex_i"


def _full(**answers: str) -> dict[str, str]:
    return {
        **BASE,
        "role": "deployer",
        "becomes_provider": "no",
        "prohibited": "none",
        "annex_i": "no",
        **NO_50,
        "workplace": "no",
        "public_body": "no",
        **answers,
    }


@pytest.mark.parametrize(
    ("answers", "risk", "adopted", "omnibus"),
    [
        # a chat assistant for customers: transparency; 50(1) binds its provider, not us
        (
            _full(annex_iii="none", interacts="yes", synthetic="yes"),
            "transparency",
            {"Art. 4": "2025-02-02"},
            {"Art. 4": "2025-02-02"},
        ),
        # an applicant-screening tool: Annex III 4(a), employees affected
        (
            _full(
                annex_iii="employment",
                employment="recruitment",
                profiling="no",
                exception="none",
                workplace="yes",
            ),
            "high_risk",
            {
                "Art. 4": "2025-02-02",
                "Art. 26": "2026-08-02",
                "Art. 26(7)": "2026-08-02",
                "Art. 26(11)": "2026-08-02",
            },
            {
                "Art. 4": "2025-02-02",
                "Art. 26": "2027-12-02",
                "Art. 26(7)": "2027-12-02",
                "Art. 26(11)": "2027-12-02",
            },
        ),
        # a shift planner that ranks staff by performance: 4(b) with profiling
        (
            _full(
                annex_iii="employment",
                employment="work_relationship",
                profiling="yes",
                workplace="yes",
            ),
            "high_risk",
            {
                "Art. 4": "2025-02-02",
                "Art. 26": "2026-08-02",
                "Art. 26(7)": "2026-08-02",
                "Art. 26(11)": "2026-08-02",
            },
            {
                "Art. 4": "2025-02-02",
                "Art. 26": "2027-12-02",
                "Art. 26(7)": "2027-12-02",
                "Art. 26(11)": "2027-12-02",
            },
        ),
        # a shift planner that only matches availability: not in Annex III
        (
            _full(annex_iii="employment", employment="neither", workplace="yes"),
            "minimal",
            {"Art. 4": "2025-02-02"},
            {"Art. 4": "2025-02-02"},
        ),
    ],
)
def test_the_acceptance_systems_through_the_tree(content, answers, risk, adopted, omnibus) -> None:
    walk = content.tree.walk(answers)
    assert walk.done, walk.next
    for law, expected in (("adopted", adopted), ("omnibus", omnibus)):
        result = assess(walk.facts, law, obligations=content.obligations, laws=content.laws)
        assert (result.risk, result.applies_from) == (risk, expected)


def test_side_by_side_and_the_recheck_diff(content) -> None:
    from zukunftszentrum.ai_act.law import diff, parse_facts, side_by_side

    facts = parse_facts({"annex_iii": "employment_recruitment", "used_at_workplace": True})
    both = side_by_side(facts, obligations=content.obligations, laws=content.laws)
    assert list(both) == ["adopted", "omnibus"]
    change = diff(both["adopted"], both["omnibus"])
    assert change and change.risk is None and not change.added and not change.removed
    assert {m[0] for m in change.moved} == {"Art. 26", "Art. 26(7)", "Art. 26(11)"}
    minimal = side_by_side(parse_facts({}), obligations=content.obligations, laws=content.laws)
    assert not diff(minimal["adopted"], minimal["omnibus"])
    to_high = diff(minimal["adopted"], both["adopted"])
    assert to_high.risk == ("minimal", "high_risk") and "Art. 26(7)" in to_high.added


def test_the_tree_has_a_version_and_validity_dates(content) -> None:
    import datetime

    tree = content.tree
    assert tree.version and tree.valid_from == datetime.date(2026, 8, 2)
    assert tree.valid_on(datetime.date(2026, 12, 6))
    assert not tree.valid_on(datetime.date(2026, 8, 1))

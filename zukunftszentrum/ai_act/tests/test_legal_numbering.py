"""The article numbers, points and dates of the AI-Act content, pinned to the product's domain
facts (the section "EU AI Act" of the domain notes), so that an off-by-one in Art. 5(1) or Annex
III, a duty bound to the wrong role, or a shifted date fails here. Each row quotes the wording it
is checked against; rows the notes do not number follow the Regulation's published order."""

from __future__ import annotations

import datetime as dt

import pytest

from zukunftszentrum.ai_act.law import FACT_SCHEMA, assess, parse_facts
from zukunftszentrum.ai_act.law.points import ANNEX_III_POINTS, ART_5_POINTS, art_5_id

# practice, point of Art. 5(1), a word of its German title or explanation, the wording checked
PRACTICES = [
    ("subliminal_manipulation", "a", "unterschwellig", "published order"),
    ("exploiting_vulnerabilities", "b", "Behinderung", "published order"),
    ("social_scoring", "c", "sozialen Verhalten", "published order"),
    ("crime_prediction_profiling", "d", "Straftat", "published order"),
    ("facial_image_scraping", "e", "Gesichtserkennungs", "published order"),
    (
        "emotion_recognition_work_education",
        "f",
        "Arbeitsplatz",
        "5(1)(f) inferring emotions of a natural person in the workplace or education, "
        "except for medical or safety reasons",
    ),
    (
        "biometric_categorisation_sensitive",
        "g",
        "Gewerkschaftszugehörigkeit",
        "5(1)(g) biometric categorisation inferring e.g. trade-union membership",
    ),
    ("realtime_remote_biometric_identification", "h", "Echtzeit", "published order"),
    (
        "intimate_content_non_consensual",
        "i",
        "intime",
        "a new prohibited practice — AI generating non-consensual intimate or sexual images — "
        "from 2 Dec 2026 (Digital Omnibus; the point after (h))",
    ),
]


def _assess(content, law: str, **facts: object):
    return assess(parse_facts(facts), law, obligations=content.obligations, laws=content.laws)


def _obligation(content, ob_id: str):
    return next(ob for ob in content.obligations if ob.id == ob_id)


def test_every_practice_and_every_annex_iii_area_has_a_point() -> None:
    assert set(ART_5_POINTS) == set(FACT_SCHEMA["prohibited"]) - {"none"}  # type: ignore[arg-type]
    assert set(ANNEX_III_POINTS) == set(FACT_SCHEMA["annex_iii"]) - {"none"}  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("practice", "letter", "word", "wording"), PRACTICES, ids=[p[0] for p in PRACTICES]
)
def test_each_prohibited_practice_is_named_by_its_point(
    content, practice, letter, word, wording
) -> None:
    ob_id = f"Art. 5(1)({letter})"
    assert ART_5_POINTS[practice] == letter and art_5_id(practice) == ob_id
    ob = _obligation(content, ob_id)
    assert word in ob.title.de + ob.explanation.de, wording
    law = "omnibus" if letter == "i" else "adopted"
    assert {s.paragraph for s in ob.sources if s.article == "Art. 5"} == {f"1({letter})"}
    result = _assess(content, law, prohibited=practice)
    assert result.risk == "prohibited"
    assert [o.id for o in result.obligations] == [ob_id]
    reason = next(r for r in result.reasons if r.key == "prohibited")
    assert f"Buchst. {letter}" in reason.text.de and f"Art. 5(1)({letter})" in reason.text.en
    assert reason.sources[-1].paragraph == f"1({letter})"


def test_the_omnibus_practice_cites_no_point_of_the_published_text(content) -> None:
    reason = next(
        r
        for r in _assess(content, "omnibus", prohibited="intimate_content_non_consensual").reasons
        if r.key == "prohibited"
    )
    published, amended = reason.sources
    assert (published.law, published.paragraph) == ("adopted", "1")
    assert (amended.law, amended.paragraph) == ("omnibus", "1(i)")
    assert _assess(content, "adopted", prohibited="intimate_content_non_consensual").risk != (
        "prohibited"
    )


# Annex III area, point, the tree's German label names it, the domain notes' wording
ANNEX_III = [
    ("biometrics", "1", "Biometrie", "1 biometrics"),
    ("critical_infrastructure", "2", "Kritische Infrastruktur", "2 critical infrastructure"),
    ("education", "3", "berufliche Bildung", "3 education and vocational training"),
    (
        "employment_recruitment",
        "4(a)",
        "Nr. 4 Buchst. a",
        "(a) recruitment or selection (targeted job ads, analysing and filtering applications, "
        "evaluating candidates)",
    ),
    (
        "employment_work_relationship",
        "4(b)",
        "Nr. 4 Buchst. b",
        "(b) decisions on terms of work relationships, promotion or termination, allocating "
        "tasks based on individual behaviour or personal traits, monitoring and evaluating "
        "performance and behaviour",
    ),
    (
        "essential_public_services",
        "5(a), 5(d)",
        "öffentlichen Leistungen",
        "5 essential private and public services and benefits",
    ),
    ("credit_scoring", "5(b)", "Kreditwürdigkeit", "Annex III 5(b) credit scoring"),
    (
        "life_health_insurance",
        "5(c)",
        "Lebens- und Krankenversicherung",
        "5(c) life and health insurance",
    ),
    ("law_enforcement", "6", "Strafverfolgung", "6 law enforcement"),
    ("migration", "7", "Migration, Asyl, Grenzkontrolle", "7 migration, asylum and border control"),
    (
        "justice_democracy",
        "8",
        "Justiz und demokratische Prozesse",
        "8 administration of justice and democratic processes",
    ),
]


def _tree_label(content, value: str) -> str:
    for question in content.tree.questions:
        for answer in question.answers:
            if answer.sets.get("annex_iii") == value:
                return answer.label.de
    raise AssertionError(f"no answer sets annex_iii={value}")


@pytest.mark.parametrize(
    ("area", "point", "label", "wording"), ANNEX_III, ids=[a[0] for a in ANNEX_III]
)
def test_each_annex_iii_area_is_named_by_its_point(content, area, point, label, wording) -> None:
    assert ANNEX_III_POINTS[area].paragraph == point, wording
    assert label in _tree_label(content, area), wording
    result = _assess(content, "adopted", annex_iii=area)
    assert result.risk == "high_risk"
    reason = next(r for r in result.reasons if r.key == "annex_iii")
    assert ANNEX_III_POINTS[area].de in reason.text.de
    assert ("Annex III", point) in {(s.article, s.paragraph) for s in reason.sources}
    # Art. 27 only for public bodies and Annex III 5(b), 5(c) (a typical KMU employer: no FRIA)
    owes_fria = "Art. 27" in {o.id for o in result.obligations}
    assert owes_fria == (area in ("credit_scoring", "life_health_insurance"))


# obligation id, the role it binds, the article and paragraph of its first source
DUTIES = [
    ("Art. 4", "any", "Art. 4", None),
    ("Art. 6(4)", "provider", "Art. 6", "4"),
    ("Art. 26", "deployer", "Art. 26", "1–6, 9"),
    ("Art. 26(7)", "deployer", "Art. 26", "7"),
    ("Art. 26(11)", "deployer", "Art. 26", "11"),
    ("Art. 27", "deployer", "Art. 27", None),
    ("Art. 50(1)", "provider", "Art. 50", "1"),  # tell people they interact with an AI system
    ("Art. 50(2)", "provider", "Art. 50", "2"),  # providers mark synthetic content
    ("Art. 50(3)", "deployer", "Art. 50", "3"),  # deployers of emotion recognition inform
    ("Art. 50(4)", "deployer", "Art. 50", "4"),  # disclose deep fakes and public-interest text
]


@pytest.mark.parametrize(("ob_id", "role", "article", "paragraph"), DUTIES)
def test_each_duty_binds_the_role_of_its_paragraph(content, ob_id, role, article, paragraph):
    ob = _obligation(content, ob_id)
    assert ob.role == role
    first = ob.sources[0]
    assert (first.article, first.paragraph, first.law) == (article, paragraph, "adopted")


# law version, milestone of laws.yaml, date in the domain notes
MILESTONES = [
    ("adopted", "prohibitions", "2025-02-02"),  # Ch. I–II incl. Art. 4, 5
    ("adopted", "gpai_governance", "2025-08-02"),
    ("adopted", "general", "2026-08-02"),
    ("adopted", "annex_iii", "2026-08-02"),
    ("adopted", "transparency", "2026-08-02"),
    ("adopted", "annex_i", "2027-08-02"),  # Art. 6(1) / Annex I
    ("omnibus", "prohibitions", "2025-02-02"),
    ("omnibus", "annex_iii", "2027-12-02"),
    ("omnibus", "annex_i", "2028-08-02"),
    ("omnibus", "transparency", "2026-08-02"),  # Art. 50 stays
    ("omnibus", "marking_grace", "2026-12-02"),  # 50(2) for systems already on the market
    ("omnibus", "intimate_content", "2026-12-02"),
]


@pytest.mark.parametrize(("law", "milestone", "date"), MILESTONES)
def test_the_dates_of_both_law_versions(content, law, milestone, date) -> None:
    assert content.laws[law].dates[milestone] == dt.date.fromisoformat(date)


# facts, obligation, date as adopted, date as amended by the Digital Omnibus
DATED = [
    ({"interacts_with_natural_persons": True}, "Art. 4", "2025-02-02", "2025-02-02"),
    (
        {"annex_iii": "employment_recruitment", "used_at_workplace": True},
        "Art. 26(7)",
        "2026-08-02",
        "2027-12-02",
    ),
    ({"annex_i_safety_component": True}, "Art. 26", "2027-08-02", "2028-08-02"),
    (
        {"interacts_with_natural_persons": True, "role": "provider"},
        "Art. 50(1)",
        "2026-08-02",
        "2026-08-02",
    ),
    ({"prohibited": "emotion_recognition_work_education"}, "Art. 5(1)(f)", "2025-02-02", None),
    ({"prohibited": "intimate_content_non_consensual"}, "Art. 5(1)(i)", None, "2026-12-02"),
]


@pytest.mark.parametrize(("facts", "ob_id", "adopted", "omnibus"), DATED)
def test_the_date_a_duty_applies_from_under_each_version(content, facts, ob_id, adopted, omnibus):
    for law, expected in (("adopted", adopted), ("omnibus", omnibus)):
        dates = _assess(content, law, **facts).applies_from
        if expected is not None:  # the Omnibus keeps Art. 5(1)(f): checked by the table above
            assert dates[ob_id] == expected, law
        elif law == "adopted":
            assert ob_id not in dates


def test_the_omnibus_is_dated_and_marked_pending(content) -> None:
    omnibus = content.laws["omnibus"]
    assert omnibus.status == "pending_publication"
    assert omnibus.note is not None
    for day in ("19. November 2025", "16. Juni 2026", "29. Juni 2026"):
        assert day in omnibus.note.de


def test_art_4_says_what_the_law_says_and_no_more(content) -> None:
    """Art. 4: measures to ensure, to their best extent, a sufficient level of AI literacy; no
    certificate or test is mandatory (the AI Office's Q&A, not the article itself)."""
    ob = _obligation(content, "Art. 4")
    text = ob.explanation.de
    assert "nach besten Kräften" in text and "ausreichendes Maß an KI-Kompetenz" in text
    assert "Sorgen Sie dafür" not in text  # the article asks for measures, not a result
    assert "KI-Büro" in text and "Zertifikat" in text
    assert "best extent" in ob.explanation.en and "AI Office" in ob.explanation.en
    amended = ob.explain("omnibus").de
    assert "unterstützen" in amended and "Rates" in amended

"""The competence framework and the job profiles load, keep the ids other modules use, and a
broken file names file, line and field."""

from __future__ import annotations

from pathlib import Path

import pytest

from zukunftszentrum.assessments.engine.loader import load_catalog
from zukunftszentrum.learning.competence.framework import (
    ContentError,
    load_framework,
    load_job_profiles,
)

CONTENT = Path(__file__).resolve().parents[3] / "content"
FRAMEWORK = CONTENT / "frameworks" / "ai-competence.yaml"
PROFILES = CONTENT / "learning" / "job_profiles.yaml"

AREAS = {
    "understanding_ai": ["ai_basics", "how_genai_works", "ai_use_cases"],
    "using_tools": ["prompting", "tool_workflows", "choosing_tools"],
    "judging_outputs": ["checking_outputs", "bias_fairness", "human_oversight"],
    "data_protection": ["personal_data", "confidential_data", "it_security"],
    "ethics_law": ["ai_act_obligations", "copyright_ip", "ethics_responsibility"],
    "shaping_work": ["codetermination", "change_participation", "work_design"],
}
PROFILE_IDS = [
    "management",
    "office_admin",
    "production_crafts",
    "sales_service",
    "it_data",
    "team_lead",
    "works_council",
    "solo",
]


def test_the_framework_has_the_agreed_areas_competences_and_levels() -> None:
    framework = load_framework(FRAMEWORK)
    assert framework.version == "2027.1"
    assert {a.id: [c.id for c in a.competences] for a in framework.areas} == AREAS
    assert [n.title.de for n in framework.levels] == [
        "Kennen",
        "Anwenden mit Anleitung",
        "Selbstständig anwenden",
        "Anleiten und gestalten",
    ]
    for competence in framework.competences:
        assert sorted(competence.descriptors) == [1, 2, 3, 4]
        assert all(d.de and d.en for ds in competence.descriptors.values() for d in ds)
        assert framework.alignment("digcomp", competence.digcomp) is not None
        assert framework.alignment("unesco", competence.unesco) is not None


def test_the_competence_check_still_reads_the_six_areas_as_its_dimensions() -> None:
    catalog = load_catalog(CONTENT)
    assert [d.id for d in catalog.get("competence").dimensions] == list(AREAS)
    assert catalog.framework("ai-competence").version == "2027.1"


def test_the_job_profiles_name_known_competences() -> None:
    profiles = load_job_profiles(PROFILES, load_framework(FRAMEWORK))
    assert [p.id for p in profiles] == PROFILE_IDS
    office = next(p for p in profiles if p.id == "office_admin")
    assert office.title.de == "Büro und Verwaltung"
    assert all(1 <= level <= 4 for p in profiles for level in p.targets.values())


def _broken(tmp_path: Path, old: str, new: str, source: Path = FRAMEWORK) -> Path:
    text = source.read_text(encoding="utf-8")
    assert old in text, old
    target = tmp_path / source.name
    target.write_text(text.replace(old, new, 1), encoding="utf-8")
    return target


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        (
            "digcomp: problem_solving",
            "digcomp: robots",
            "field dimensions[0].competences[0].digcomp",
        ),
        ("unesco: ai_techniques_applications", "unesco: x", "competences[0].unesco"),
        ("- id: ai_use_cases", "- id: ai_basics", "duplicate competence id 'ai_basics'"),
        ("          - level: 2", "          - level: 5", "levels[1].level"),
        ('version: "2027.1"', "", "required key 'version' is missing"),
        ("competence_levels:", "levels_of_competence:", "unknown key 'levels_of_competence'"),
    ],
)
def test_a_broken_framework_names_file_line_and_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    with pytest.raises(ContentError) as error:
        load_framework(_broken(tmp_path, old, new))
    message = str(error.value)
    assert expected in message
    assert message.startswith(str(tmp_path / "ai-competence.yaml"))
    assert error.value.line


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("      prompting: 3\n", "      prompting: 7\n", "is not a level"),
        ("      ai_basics: 2\n", "      ai_magic: 2\n", "'ai_magic' is not a competence"),
        ("  - id: solo", "  - id: management", "duplicate profile id 'management'"),
    ],
)
def test_a_broken_job_profile_file_names_the_field(
    tmp_path: Path, old: str, new: str, expected: str
) -> None:
    with pytest.raises(ContentError) as error:
        load_job_profiles(_broken(tmp_path, old, new, PROFILES), load_framework(FRAMEWORK))
    assert expected in str(error.value)
    assert error.value.line

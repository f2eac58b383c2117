"""Co-determination steps: scenarios written from the law text, the content's validation and lint."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest

from zukunftszentrum.participation.codetermination import (
    DEFAULT_PATH,
    ContentError,
    DeadlineKind,
    ProjectFacts,
    assess,
    check,
    load,
    steps_for,
)

# Short names for the step ids of content/participation/codetermination.yaml.
M = "monitoring_consent"  # § 87(1) Nr. 6
W = "work_procedures_information"  # § 90(1) Nr. 3, (2)
T = "training_codetermination"  # § 97(2)
S = "selection_guidelines_consent"  # § 95(1), (2a)
B = "operational_change"  # § 111 S. 1, S. 3 Nr. 5
A = "operational_change_adviser"  # § 111 S. 2 (> 300)
X = "expert_for_council"  # § 80(3) S. 1, 2
H = "high_risk_information"  # Art. 26(7) AI Act
I = "employees_information"  # noqa: E741 -- § 81(4) S. 1
D = "employees_skills_discussion"  # § 81(4) S. 2, 3
E = "employees_hearing"  # § 82(1)
G = "employees_safety_hearing"  # § 81(3), only without a council

ALL_TRUE = {
    "monitors_behaviour_or_performance": True,
    "changes_work_procedures": True,
    "changes_tasks_needing_skills": True,
    "selection_guidelines_with_ai": True,
    "fundamentally_new_methods": True,
    "council_wants_expert": True,
    "high_risk_at_workplace": True,
}

SCENARIOS = [
    # (name, facts, expected step ids)
    ("nothing planned, no council", {}, set()),
    ("nothing planned, council", {"has_works_council": True, "employees": 50}, set()),
    (
        "monitoring, council",
        {"has_works_council": True, "monitors_behaviour_or_performance": True},
        {M, I, E},
    ),
    ("monitoring, no council", {"monitors_behaviour_or_performance": True}, {I, E}),
    (
        "new procedures, council",
        {"has_works_council": True, "changes_work_procedures": True},
        {W, I, E},
    ),
    ("new procedures, no council", {"changes_work_procedures": True}, {I, E, G}),
    (
        "new skills, council",
        {"has_works_council": True, "changes_tasks_needing_skills": True},
        {T, I, D, E},
    ),
    ("new skills, no council", {"changes_tasks_needing_skills": True}, {I, D, E}),
    (
        "selection guidelines, council",
        {"has_works_council": True, "selection_guidelines_with_ai": True},
        {S},
    ),
    ("selection guidelines, no council", {"selection_guidelines_with_ai": True}, set()),
    (
        "new methods, 21 employees",
        {"has_works_council": True, "employees": 21, "fundamentally_new_methods": True},
        {B, I, E},
    ),
    (
        "new methods, exactly 20 employees",
        {"has_works_council": True, "employees": 20, "fundamentally_new_methods": True},
        {I, E},
    ),
    (
        "new methods, exactly 300",
        {"has_works_council": True, "employees": 300, "fundamentally_new_methods": True},
        {B, I, E},
    ),
    (
        "new methods, 301 employees",
        {"has_works_council": True, "employees": 301, "fundamentally_new_methods": True},
        {B, A, I, E},
    ),
    (
        "new methods, 500, no council",
        {"employees": 500, "fundamentally_new_methods": True},
        {I, E, G},
    ),
    ("expert wanted, council", {"has_works_council": True, "council_wants_expert": True}, {X}),
    ("expert wanted without a council", {"council_wants_expert": True}, set()),
    ("high risk, council", {"has_works_council": True, "high_risk_at_workplace": True}, {H, I, E}),
    ("high risk, no council", {"high_risk_at_workplace": True}, {H, I, E}),
    (
        "visual inspection pilot (council, 180)",
        {
            "has_works_council": True,
            "employees": 180,
            "monitors_behaviour_or_performance": True,
            "changes_work_procedures": True,
            "changes_tasks_needing_skills": True,
            "high_risk_at_workplace": True,
        },
        {M, W, T, H, I, D, E},
    ),
    (
        "everything, council, 1000",
        {"has_works_council": True, "employees": 1000, **ALL_TRUE},
        {M, W, T, S, B, A, X, H, I, D, E},
    ),
    ("everything, no council, 1000", {"employees": 1000, **ALL_TRUE}, {H, I, D, E, G}),
    (
        "new methods in a small company with a council",
        {
            "has_works_council": True,
            "employees": 15,
            "changes_work_procedures": True,
            "fundamentally_new_methods": True,
        },
        {W, I, E},
    ),
    (
        "small company without council, new procedures and skills",
        {"employees": 8, "changes_work_procedures": True, "changes_tasks_needing_skills": True},
        {I, D, E, G},
    ),
    (
        "monitoring and an expert, council",
        {
            "has_works_council": True,
            "employees": 40,
            "monitors_behaviour_or_performance": True,
            "council_wants_expert": True,
        },
        {M, X, I, E},
    ),
    (
        "selection guidelines and high risk, council",
        {
            "has_works_council": True,
            "selection_guidelines_with_ai": True,
            "high_risk_at_workplace": True,
        },
        {S, H, I, E},
    ),
    (
        "monitoring and high risk, no council",
        {"monitors_behaviour_or_performance": True, "high_risk_at_workplace": True},
        {H, I, E},
    ),
    (
        "new skills and new methods, council, 25",
        {
            "has_works_council": True,
            "employees": 25,
            "changes_tasks_needing_skills": True,
            "fundamentally_new_methods": True,
        },
        {T, B, I, D, E},
    ),
]


@pytest.mark.parametrize(("name", "facts", "expected"), SCENARIOS, ids=[s[0] for s in SCENARIOS])
def test_scenarios(name, facts, expected):
    steps = steps_for(ProjectFacts(**facts))
    assert {s.id for s in steps} == expected, name
    assert all(s.reasons for s in steps)


def test_at_least_25_scenarios():
    assert len(SCENARIOS) >= 25


def test_without_council_the_outcome_says_so():
    outcome = assess(ProjectFacts(changes_work_procedures=True))
    assert outcome.note is not None
    assert "kein Betriebsrat" in outcome.note.de
    assert "§§ 81 und 82" in outcome.note.de
    assert assess(ProjectFacts(has_works_council=True)).note is None


def test_reasons_name_the_facts_that_triggered():
    facts = ProjectFacts(has_works_council=True, employees=35, fundamentally_new_methods=True)
    step = next(s for s in steps_for(facts) if s.id == B)
    texts = [r.de for r in step.reasons]
    assert texts[0] == "Im Betrieb besteht ein Betriebsrat."
    assert texts[-1].endswith(": 35 (mehr als 20)")
    assert step.reasons[-1].en.endswith(": 35 (more than 20)")


def test_any_condition_lists_only_the_facts_that_hold():
    facts = ProjectFacts(changes_work_procedures=True)
    step = next(s for s in steps_for(facts) if s.id == I)
    assert len(step.reasons) == 1
    safety = next(s for s in steps_for(facts) if s.id == G)
    assert safety.reasons[0].de == "Im Betrieb besteht kein Betriebsrat."


def test_steps_keep_the_content_order():
    facts = ProjectFacts(has_works_council=True, employees=1000, **ALL_TRUE)
    order = [r.id for r in load().steps]
    ids = [s.id for s in steps_for(facts)]
    assert ids == sorted(ids, key=order.index)


@pytest.mark.parametrize(
    ("step_id", "citations", "kind"),
    [
        (M, ["§ 87 Abs. 1 Nr. 6 BetrVG", "§ 87 Abs. 2 BetrVG"], DeadlineKind.BEFORE_INTRODUCTION),
        (W, ["§ 90 Abs. 1 Nr. 3 BetrVG", "§ 90 Abs. 2 BetrVG"], DeadlineKind.EARLY_ENOUGH_TO_SHAPE),
        (T, ["§ 97 Abs. 2 BetrVG"], DeadlineKind.TIMELY),
        (S, ["§ 95 Abs. 1 BetrVG", "§ 95 Abs. 2a BetrVG"], DeadlineKind.BEFORE_USE),
        (
            B,
            ["§ 111 S. 1 BetrVG", "§ 111 S. 3 Nr. 5 BetrVG", "§ 112 Abs. 1 BetrVG"],
            DeadlineKind.TIMELY,
        ),
        (X, ["§ 80 Abs. 3 S. 1 BetrVG", "§ 80 Abs. 3 S. 2 BetrVG"], DeadlineKind.BY_AGREEMENT),
        (H, ["Art. 26 Abs. 7 KI-VO"], DeadlineKind.BEFORE_USE),
        (D, ["§ 81 Abs. 4 S. 2 BetrVG", "§ 81 Abs. 4 S. 3 BetrVG"], DeadlineKind.AS_SOON_AS_KNOWN),
    ],
)
def test_sources_and_deadlines(step_id, citations, kind):
    rule = next(r for r in load().steps if r.id == step_id)
    assert [s.citation() for s in rule.sources] == citations
    assert rule.deadline.kind is kind
    assert all(s.url.startswith("https://") for s in rule.sources)
    assert rule.documents


def test_english_citation():
    rule = next(r for r in load().steps if r.id == M)
    assert rule.sources[0].citation("en") == "Section 87(1) no. 6 BetrVG"
    rule = next(r for r in load().steps if r.id == H)
    assert rule.sources[0].citation("en") == "Art. 26(7) AI Act"


def test_shipped_content_has_no_lint_findings():
    assert check(load(lint=False)) == []


@pytest.mark.parametrize(
    ("value", "error"),
    [
        ({"employees": True}, TypeError),
        ({"employees": -1}, ValueError),
        ({"has_works_council": 1}, TypeError),
    ],
)
def test_facts_are_typed(value, error):
    with pytest.raises(error):
        ProjectFacts(**value)


# --- validation with file, line and field ---------------------------------------------------


def _write(tmp_path: Path, old: str, new: str) -> Path:
    text = DEFAULT_PATH.read_text(encoding="utf-8")
    assert old in text, old
    path = tmp_path / "codetermination.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _line_of(path: Path, needle: str) -> int:
    return next(i for i, line in enumerate(path.read_text().splitlines(), 1) if needle in line)


@pytest.mark.parametrize(
    ("old", "new", "field", "message"),
    [
        (
            "  - id: monitoring_consent",
            "  - id: monitoring_consent\n    colour: red",
            "steps[0].colour",
            "unknown key 'colour'",
        ),
        (
            "    actors: [employer, works_council]\n    deadline:\n      kind: before_introduction",
            "    actors: [employer, council]\n    deadline:\n      kind: before_introduction",
            "steps[0].actors[1]",
            "unknown actor 'council'",
        ),
        (
            "      kind: before_introduction",
            "      kind: soon",
            "steps[0].deadline.kind",
            "unknown deadline kind 'soon'",
        ),
        (
            "      - law: betrvg\n        section: 87\n        subsection: 1",
            "      - law: bgb\n        section: 87\n        subsection: 1",
            "steps[0].sources[0].law",
            "unknown law 'bgb'",
        ),
        (
            '        - {fact: employees, op: ">", value: 20}',
            '        - {fact: employees, op: "~", value: 20}',
            "steps[4].condition.all[2].op",
            "unknown operator '~'",
        ),
        (
            "        section: 90\n        subsection: 1",
            "        section: neunzig\n        subsection: 1",
            "steps[1].sources[0].section",
            "expected a number, got text",
        ),
    ],
)
def test_errors_name_file_line_and_field(tmp_path, old, new, field, message):
    path = _write(tmp_path, old, new)
    with pytest.raises(ContentError) as caught:
        load(path)
    err = caught.value
    assert err.path == str(path)
    assert err.field == field
    assert message in err.message
    assert err.line and err.line > 1


def test_error_line_points_at_the_field(tmp_path):
    path = _write(tmp_path, "      kind: before_introduction", "      kind: soon")
    with pytest.raises(ContentError) as caught:
        load(path)
    assert caught.value.line == _line_of(path, "kind: soon")
    assert f"line {caught.value.line}" in str(caught.value)


def test_yaml_syntax_error_has_a_line(tmp_path):
    path = _write(tmp_path, "  - id: monitoring_consent", "  - id: [monitoring_consent")
    with pytest.raises(ContentError, match="invalid YAML"):
        load(path)


# --- lint --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "subject", "message"),
    [
        (
            "    sources:\n      - law: betrvg\n        section: 97\n        subsection: 2\n        url: https://www.gesetze-im-internet.de/betrvg/__97.html\n",
            "    sources: []\n",
            "training_codetermination",
            "cites no source",
        ),
        (
            "      all: [has_works_council, changes_tasks_needing_skills]",
            "      all: [has_works_council, uses_robots]",
            "training_codetermination",
            "unknown fact 'uses_robots'",
        ),
        (
            "      all: [has_works_council, changes_tasks_needing_skills]",
            "      all: [has_works_council, employees]",
            "training_codetermination",
            "employees is not true/false",
        ),
        (
            '{fact: employees, op: ">", value: 300}',
            '{fact: has_works_council, op: ">", value: 300}',
            "operational_change_adviser",
            "has_works_council is no number",
        ),
        (
            "        url: https://www.gesetze-im-internet.de/betrvg/__97.html",
            "        url: https://example.org/betrvg/97",
            "training_codetermination",
            "link to",
        ),
    ],
)
def test_lint_findings(tmp_path, old, new, subject, message):
    path = _write(tmp_path, old, new)
    findings = check(load(path, lint=False))
    assert any(f.subject == subject and message in f.message for f in findings), findings
    with pytest.raises(ContentError):
        load(path)


def test_lint_reports_unread_facts(tmp_path):
    path = _write(
        tmp_path,
        "      all: [has_works_council, council_wants_expert]",
        "      all: [has_works_council]",
    )
    findings = check(load(path, lint=False))
    assert [f.message for f in findings] == ["no condition reads it"]
    assert findings[0].subject == "council_wants_expert"


def test_lint_reports_a_project_fact_not_defined(tmp_path):
    path = _write(
        tmp_path,
        "  - id: council_wants_expert\n    type: bool\n",
        "  - id: council_wants_help\n    type: bool\n",
    )
    messages = {(f.subject, f.message) for f in check(load(path, lint=False))}
    assert ("council_wants_expert", "project fact is not defined") in messages
    assert ("council_wants_help", "not a project fact") in messages
    assert ("expert_for_council", "unknown fact 'council_wants_expert'") in messages


def test_every_project_fact_is_documented():
    catalogue = load()
    assert set(catalogue.facts) == {f.name for f in dataclasses.fields(ProjectFacts)}
    assert all(f.help or f.type == "bool" for f in catalogue.facts.values())


def test_the_council_decides_only_where_the_law_gives_it_consent():
    # Consent or co-determination (§§ 87, 95, 97(2)); information and consultation steps such as
    # § 90 or § 111 leave the council nothing to consent to.
    deciding = {step.id for step in load().steps if step.council_decides}
    assert deciding == {M, S, T}

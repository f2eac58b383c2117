"""The targets a company's AI systems give their users and overseers."""

from __future__ import annotations

import pytest

from zukunftszentrum.ai_act.learning_targets import SystemFacts, targets_for, targets_from
from zukunftszentrum.ai_act.models import AISystem
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_classified, make_system


def facts(**changes: object) -> SystemFacts:
    values: dict[str, object] = {
        "name": "S",
        "url": "/ki-systeme/1/",
        "generative": False,
        "personal_data": False,
        "high_risk": False,
        "user_profiles": frozenset({"office_admin"}),
        "overseer_profiles": frozenset({"team_lead"}),
    }
    values.update(changes)
    return SystemFacts(**values)  # type: ignore[arg-type]


CASES = [
    ("not concerned", facts(), {"sales_service"}, set()),
    ("any user", facts(), {"office_admin"}, {("ai_basics", 1)}),
    (
        "user of a generative system",
        facts(generative=True),
        {"office_admin"},
        {("ai_basics", 1), ("prompting", 2), ("checking_outputs", 2), ("confidential_data", 2)},
    ),
    (
        "user of a system with personal data",
        facts(personal_data=True),
        {"office_admin"},
        {("ai_basics", 1), ("personal_data", 2)},
    ),
    ("overseer", facts(), {"team_lead"}, {("checking_outputs", 2)}),
    (
        "overseer of a high-risk system",
        facts(high_risk=True),
        {"team_lead"},
        {("checking_outputs", 2), ("human_oversight", 3), ("ai_act_obligations", 2)},
    ),
]


@pytest.mark.parametrize(
    ("system", "profiles", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES]
)
def test_rules(system: SystemFacts, profiles: set[str], expected: set[tuple[str, int]]) -> None:
    targets = targets_from([system], profiles)
    assert {(c, level) for c, level, _reason, _url in targets} == expected
    assert all(url == "/ki-systeme/1/" and "„S“" in reason for _c, _l, reason, url in targets)


@pytest.mark.django_db
def test_the_lead_overseeing_a_high_risk_system_gets_human_oversight() -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    system = make_classified(company, overseer_profiles=["management"])
    make_system(company, name="Alt", status=AISystem.Status.RETIRED, retired_on="2026-01-01",
                overseer_profiles=["management"])  # fmt: skip
    targets = targets_for(lead.user, company)
    assert ("human_oversight", 3) in {(c, level) for c, level, _r, _u in targets}
    assert {url for *_rest, url in targets} == {f"/ki-systeme/{system.pk}/"}
    assert "Schichtplaner" in targets[0][2]


@pytest.mark.django_db
def test_profiles_come_from_the_given_lookup() -> None:
    company = make_organisation()
    employee = make_member(Role.EMPLOYEE, organisation=company)
    make_system(
        company, system_type="visual_quality_inspection", user_profiles=["production_crafts"]
    )
    assert targets_for(employee.user, company) == []  # no profile known from the role
    targets = targets_for(
        employee.user, company, job_profiles_of=lambda user, org: {"production_crafts"}
    )
    assert [(c, level) for c, level, _r, _u in targets] == [("ai_basics", 1)]


@pytest.mark.django_db
def test_an_unclassified_system_uses_its_types_typical_facts() -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    make_system(company, system_type="chat_assistant", user_profiles=["management"])
    make_system(company, name="Prüfzelle", system_type="visual_quality_inspection",
                user_profiles=["management"])  # fmt: skip
    targets = {(c, level, reason) for c, level, reason, _u in targets_for(lead.user, company)}
    assert ("prompting", 2, "Sie nutzen das KI-System „Chat-Assistent“.") in targets
    assert not any(c == "prompting" and "Prüfzelle" in r for c, _l, r in targets)


@pytest.mark.django_db
def test_an_employee_with_an_assigned_profile_gets_the_systems_targets_in_learning() -> None:
    """Through learning's seam: the profile the lead assigned decides, the system is the reason."""
    from zukunftszentrum.learning.competence.targets import targets_for as learning_targets_for
    from zukunftszentrum.learning.models import JobProfileAssignment

    company = make_organisation()
    employee = make_member(Role.EMPLOYEE, organisation=company)
    other = make_member(Role.EMPLOYEE, organisation=company)
    system = make_system(
        company, system_type="visual_quality_inspection", user_profiles=["production_crafts"]
    )
    JobProfileAssignment.objects.create(
        organisation=company, user=employee.user, profile="production_crafts"
    )
    targets = learning_targets_for(employee.user, company)
    reasons = [r for r in targets["ai_basics"].requirements if r.source_key.startswith("ai_system")]
    assert reasons and reasons[0].url == f"/ki-systeme/{system.pk}/"
    assert system.name in reasons[0].reason
    other_targets = learning_targets_for(other.user, company)
    assert not any(
        r.source_key.startswith("ai_system")
        for target in other_targets.values()
        for r in target.requirements
    )
    # another company's system gives nothing here
    elsewhere = make_organisation()
    assert not any(
        r.source_key.startswith("ai_system")
        for target in learning_targets_for(employee.user, elsewhere).values()
        for r in target.requirements
    )

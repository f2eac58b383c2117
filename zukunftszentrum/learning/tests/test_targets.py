"""The target seam: job profile (with the company's adjustments), own goals and any registered
source merge per competence; the highest level wins and every reason is kept."""

from __future__ import annotations

from typing import Any

import pytest

from zukunftszentrum.learning.competence import targets
from zukunftszentrum.learning.competence.targets import (
    TargetRequirement,
    register_target_source,
    targets_for,
)
from zukunftszentrum.learning.models import JobProfileAssignment, OwnGoal, TargetAdjustment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db


@pytest.fixture
def fake_source(monkeypatch: pytest.MonkeyPatch):
    """An AI system's targets, as the AI-Act module will register them."""
    monkeypatch.setattr(targets, "_sources", dict(targets._sources))
    seen: list[tuple[Any, Any]] = []

    def source(user: Any, organisation: Any) -> list[TargetRequirement]:
        seen.append((user, organisation))
        return [
            TargetRequirement("human_oversight", 4, "KI-System Prüfkamera", "ai_system:1", "/x/"),
            TargetRequirement("prompting", 1, "KI-System Prüfkamera", "ai_system:1", "/x/"),
        ]

    register_target_source("ai_systems", source)
    return seen


def test_profile_adjustments_goals_and_a_registered_source_merge(fake_source) -> None:
    company = make_organisation()
    member = make_member(Role.EMPLOYEE, organisation=company)
    JobProfileAssignment.objects.create(
        organisation=company, user=member.user, profile="office_admin"
    )
    # office_admin: prompting 3, personal_data 3, copyright_ip 1 in the content
    TargetAdjustment.objects.create(
        organisation=company, profile="office_admin", competence="personal_data", level=4
    )
    TargetAdjustment.objects.create(
        organisation=company, profile="office_admin", competence="copyright_ip", level=0
    )
    OwnGoal.objects.create(user=member.user, competence="prompting", level=3)

    merged = targets_for(member.user, company)

    assert fake_source == [(member.user, company)]
    assert merged["human_oversight"].level == 4
    assert merged["human_oversight"].reasons == ["KI-System Prüfkamera"]
    assert merged["prompting"].level == 3  # the profile and the own goal beat the system's 1
    assert sorted(merged["prompting"].reasons) == [
        "Berufsprofil Büro und Verwaltung",
        "KI-System Prüfkamera",
        "eigenes Ziel",
    ]
    assert merged["personal_data"].level == 4
    assert merged["personal_data"].reasons == [
        "Berufsprofil Büro und Verwaltung (im Unternehmen angepasst)"
    ]
    assert "copyright_ip" not in merged  # lowered to "no target" by the company


def test_without_a_company_only_own_goals_and_sources_count(fake_source) -> None:
    member = make_member(Role.EMPLOYEE, organisation=make_organisation())
    JobProfileAssignment.objects.create(
        organisation=member.organisation, user=member.user, profile="it_data"
    )
    OwnGoal.objects.create(user=member.user, competence="copyright_ip", level=2)
    merged = targets_for(member.user, None)
    assert set(merged) == {"copyright_ip", "human_oversight", "prompting"}


def test_another_companys_assignment_sets_no_target_here() -> None:
    member = make_member(Role.EMPLOYEE, organisation=make_organisation())
    other = make_organisation()
    JobProfileAssignment.objects.create(organisation=other, user=member.user, profile="it_data")
    assert targets_for(member.user, member.organisation) == {}


def test_a_name_registered_twice_with_another_function_is_refused(monkeypatch) -> None:
    monkeypatch.setattr(targets, "_sources", {})
    register_target_source("x", lambda u, o: [])
    with pytest.raises(ValueError, match="registered twice"):
        register_target_source("x", lambda u, o: [])


def test_merge_keeps_every_requirement_of_a_competence() -> None:
    merged = targets.merge(
        [
            TargetRequirement("prompting", 2, "A", "a"),
            TargetRequirement("prompting", 2, "B", "b"),
            TargetRequirement("prompting", 0, "C", "c"),
        ]
    )
    assert merged["prompting"].level == 2
    assert merged["prompting"].reasons == ["A", "B"]

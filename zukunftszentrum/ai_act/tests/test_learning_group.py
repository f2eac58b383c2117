"""An AI system's users as a group of the team plan, and its targets read for many at once."""

from __future__ import annotations

import datetime

import pytest
from django.urls import reverse

from zukunftszentrum.ai_act.learning_source import system_targets, system_targets_many
from zukunftszentrum.learning.competence.targets import targets_for, targets_for_many
from zukunftszentrum.learning.models import (
    JobProfileAssignment,
    OwnGoal,
    TargetAdjustment,
    TeamPlan,
)
from zukunftszentrum.learning.paths import team
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .factories import make_system

pytestmark = pytest.mark.django_db


@pytest.fixture
def lead():
    return make_member(Role.COMPANY_LEAD)


def _employee(lead, profile: str | None):
    member = make_member(Role.EMPLOYEE, organisation=lead.organisation)
    if profile:
        JobProfileAssignment.objects.create(
            organisation=lead.organisation, user=member.user, profile=profile
        )
    return member


def test_the_group_is_everyone_whose_profile_uses_the_system(lead):
    office = _employee(lead, "office_admin")
    sales = _employee(lead, "sales_service")
    _employee(lead, None)
    system = make_system(lead.organisation, user_profiles=["office_admin", "sales_service"])
    make_system(
        lead.organisation,
        name="Alt",
        status="retired",
        retired_on=datetime.date(2026, 1, 1),
        user_profiles=["office_admin"],
    )
    people = team.group_people(lead.organisation, "ai_system", str(system.pk), [])
    assert people == sorted([office.user_id, sales.user_id])
    # the lead manages ("management") and is no user of this system
    assert lead.user_id not in people
    choices = team.group_choices(lead.organisation)
    assert choices == [(f"ai_system:{system.pk}", "Alle Nutzenden von „Chat-Assistent“")]


def test_another_companys_system_or_a_bad_key_is_an_empty_group(lead):
    _employee(lead, "office_admin")
    other = make_member(Role.COMPANY_LEAD)
    foreign = make_system(other.organisation)
    assert team.group_people(lead.organisation, "ai_system", str(foreign.pk), []) == []
    assert team.group_people(lead.organisation, "ai_system", "x", []) == []
    assert team.group_people(lead.organisation, "nonsense", "1", []) == []


def test_many_at_once_gives_everyone_the_same_targets_as_one_by_one(lead):
    people = [_employee(lead, p) for p in ("office_admin", "sales_service", None)]
    make_system(lead.organisation, user_profiles=["office_admin"], personal_data=True)
    users = [m.user for m in people] + [lead.user]
    many = system_targets_many(users, lead.organisation)
    for user in users:
        assert set(many.get(user.pk, [])) == set(system_targets(user, lead.organisation))
    # with every built-in source too: an adjusted profile target and own goals
    TargetAdjustment.objects.create(
        organisation=lead.organisation, profile="office_admin", competence="prompting", level=4
    )
    OwnGoal.objects.create(user=people[1].user, competence="work_design", level=2)
    OwnGoal.objects.create(user=people[1].user, competence="prompting", level=1)
    merged = targets_for_many(users, lead.organisation)
    assert all(merged[u.pk] == targets_for(u, lead.organisation) for u in users)
    assert merged[people[0].user.pk]["prompting"].level == 4


def test_a_lead_plans_the_users_of_one_system_from_the_team_page(login, lead):
    office = _employee(lead, "office_admin")
    _employee(lead, "sales_service")
    system = make_system(lead.organisation)
    client = login(lead)
    page = client.get(reverse("learning:team"))
    assert "Alle Nutzenden von „Chat-Assistent“" in page.content.decode()
    response = client.post(reverse("learning:team"), {"group": f"ai_system:{system.pk}"})
    assert response.status_code == 302
    plan = TeamPlan.objects.get()
    assert (plan.group_kind, plan.group_key, plan.people) == (
        "ai_system",
        str(system.pk),
        [office.user_id],
    )


def test_a_group_and_a_profile_together_are_refused(login, lead):
    _employee(lead, "office_admin")
    system = make_system(lead.organisation)
    client = login(lead)
    response = client.post(
        reverse("learning:team"), {"group": f"ai_system:{system.pk}", "profile": "office_admin"}
    )
    assert response.status_code == 400
    assert "genau eines" in response.content.decode()
    assert not TeamPlan.objects.exists()

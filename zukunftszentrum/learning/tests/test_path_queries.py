"""Query counts of "Mein Lernweg" and the team plan: they must not grow with the number of
steps, offers, modules or people (an N+1 shows up as a difference between 1 and 20)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zukunftszentrum.learning.models import JobProfileAssignment, LearningPlan, OwnGoal
from zukunftszentrum.learning.paths import plans as paths
from zukunftszentrum.learning.paths import team
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


def _catalogue(n: int, land: str) -> list:
    centre = make_centre()
    offers = []
    for i in range(n):
        module = make_module(centre, title=f"Modul {i}", competences={"prompting": 1 + i % 4})
        if i:
            module.prerequisite_modules.add(module.__class__.objects.exclude(pk=module.pk).first())
        offers.append(make_offer(module, capacity=3, land=land, days=10 + i))
    return offers


def _stored_plan(user, offers) -> LearningPlan:
    steps = [
        {
            "module": o.module_id,
            "offer": o.pk,
            "start_month": "2030-01-01",
            "month": "2030-01-01",
            "hours": 3.0,
            "cost": 0.0,
            "locked": False,
            "changes": [["prompting", 0, 1, True]],
        }
        for o in offers
    ]
    gaps = {"prompting": [0, 3]}
    return LearningPlan.objects.create(
        user=user, status="optimal", inputs={"gaps": gaps, "targets": {}}, steps=steps
    )


def _count(fn) -> int:
    with CaptureQueriesContext(connection) as queries:
        fn()
    return len(queries)


def _page_queries(login, n: int) -> int:
    member = make_member(Role.EMPLOYEE)
    offers = _catalogue(n, member.organisation.land_id)
    _stored_plan(member.user, offers)
    client = login(member)
    client.get(reverse("learning:paths"))
    return _count(lambda: client.get(reverse("learning:paths")))


def test_the_path_page_does_not_grow_with_its_steps(login):
    assert _page_queries(login, 1) == _page_queries(login, 20)


def test_planning_one_person_does_not_grow_with_the_catalogue():
    def queries(n: int) -> int:
        member = make_member(Role.EMPLOYEE)
        _catalogue(n, member.organisation.land_id)
        OwnGoal.objects.create(user=member.user, competence="prompting", level=3)
        return _count(lambda: paths.plan_for(member.user, member.organisation))

    assert queries(1) == queries(20)


def test_the_team_inputs_are_read_with_the_same_queries_for_1_or_20_people():
    lead = make_member(Role.COMPANY_LEAD)
    organisation = lead.organisation
    _catalogue(3, organisation.land_id)

    def queries(n: int) -> int:
        people = []
        for _ in range(n):
            m = make_member(Role.EMPLOYEE, organisation=organisation)
            JobProfileAssignment.objects.create(
                organisation=organisation, user=m.user, profile="office_admin"
            )
            OwnGoal.objects.create(user=m.user, competence="prompting", level=3)
            people.append((m.user, organisation))
        return _count(lambda: paths.team_plan_for(people))

    assert queries(1) == queries(20)


def test_a_team_plans_schedule_page_reads_do_not_grow_with_the_people():
    lead = make_member(Role.COMPANY_LEAD)
    organisation = lead.organisation
    offers = _catalogue(2, organisation.land_id)

    def queries(n: int) -> int:
        users = [make_member(Role.EMPLOYEE, organisation=organisation).user for _ in range(n)]
        plan = team.TeamPlan.objects.create(
            organisation=organisation,
            requested_by=lead.user,
            group_kind=team.MEMBERS,
            people=[u.pk for u in users],
            schedule={str(o.pk): [u.pk for u in users] for o in offers},
            status="done",
        )
        return _count(lambda: team.schedule_view(plan))

    assert queries(1) == queries(20)

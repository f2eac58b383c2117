"""The self-checks' object rules as tables (every rule, every role, own or another organisation's
run), and the overview page built from them and from the same queries the views use."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.utils import timezone

from zukunftszentrum.assessments import pages, queries, rules
from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Assessment
from zukunftszentrum.core.access import Answer
from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import Role, Scope, scope_of
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)


def make_run(org, key: str = "readiness", *, closed: bool = False) -> Assessment:
    return Assessment.objects.create(
        organisation=org,
        instrument_key=key,
        version=catalog().get(key).version,
        status=Assessment.Status.CLOSED if closed else Assessment.Status.OPEN,
        closed_at=timezone.now() if closed else None,
    )


ORG, OTHER_ORG, CENTRE = 1, 2, 10


def member(role: Role) -> Membership:
    scope = scope_of(role)
    return Membership(
        pk=100,
        role=role,
        organisation_id=ORG if scope is Scope.ORGANISATION else None,
        centre_id=CENTRE if scope is Scope.CENTRE else None,
    )


TARGETS: dict[str, Callable[[Membership | None], Answer]] = {
    "open a run": rules.may_open_assessment,
    "manage own run": lambda m: rules.may_manage_assessment(m, Assessment(organisation_id=ORG)),
    "manage other run": lambda m: rules.may_manage_assessment(
        m, Assessment(organisation_id=OTHER_ORG)
    ),
    "compare perspectives of own run": lambda m: rules.may_compare_perspectives(
        m, Assessment(organisation_id=ORG)
    ),
    # A centre reaches another organisation's run only through an active accompaniment (the
    # query decides that); once there, its staff see the perspectives.
    "compare perspectives of other run": lambda m: rules.may_compare_perspectives(
        m, Assessment(organisation_id=OTHER_ORG)
    ),
}
LEADS = {Role.COMPANY_LEAD, Role.SOLO}
TABLE: dict[str, set[Role]] = {
    "open a run": LEADS,
    "manage own run": LEADS,
    "manage other run": set(),
    "compare perspectives of own run": LEADS | {Role.CENTRE_ADMIN, Role.ADVISOR},
    "compare perspectives of other run": {Role.CENTRE_ADMIN, Role.ADVISOR},
}


def test_the_table_names_every_target() -> None:
    assert set(TABLE) == set(TARGETS)


@pytest.mark.parametrize(
    ("target", "role"), [(t, r) for t in TARGETS for r in Role], ids=lambda v: str(v)
)
def test_rule_answers_each_role(target: str, role: Role) -> None:
    answer = TARGETS[target](member(role))
    assert bool(answer) is (role in TABLE[target]), (target, role)
    assert bool(answer.reason) is (not answer)


@pytest.mark.parametrize("target", list(TARGETS))
def test_without_a_role_every_rule_refuses(target: str) -> None:
    answer = TARGETS[target](None)
    assert not answer and answer.reason


# --- the overview: the same rule and query as the pages and the actions -----------------------


@pytest.fixture
def company_and_roles(db):
    """A company with a member per organisation role and an accompanying centre's staff."""
    company = make_organisation()
    centre = make_centre()
    Accompaniment.objects.create(
        centre=centre, organisation=company, status=Accompaniment.Status.ACTIVE
    )
    people = {
        role: make_member(role, organisation=company)
        for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL)
    }
    for role in (Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER):
        people[role] = make_member(role, centre=centre)
    people[Role.SOLO] = make_member(Role.SOLO)
    for role in (Role.PROGRAMME_ADMIN, Role.REVIEWER):
        people[role] = make_member(role)
    return company, people


# role -> (sees the run, may close the open run, result link on the open run, on the closed run)
OVERVIEW: dict[Role, tuple[bool, bool, bool, bool]] = {
    Role.COMPANY_LEAD: (True, True, True, True),
    Role.EMPLOYEE: (True, False, False, True),
    Role.WORKS_COUNCIL: (True, False, False, True),
    Role.CENTRE_ADMIN: (True, False, True, True),
    Role.ADVISOR: (True, False, True, True),
    Role.TRAINER: (False, False, False, False),
    Role.SOLO: (False, False, False, False),  # a solo's own organisation is another one
    Role.PROGRAMME_ADMIN: (False, False, False, False),
    Role.REVIEWER: (False, False, False, False),
}


def test_the_overview_table_names_every_role() -> None:
    assert set(OVERVIEW) == set(Role)


@pytest.mark.parametrize("role", list(Role))
def test_overview_rows_follow_the_rule_and_the_result_query(company_and_roles, role) -> None:
    company, people = company_and_roles
    open_run, closed_run = make_run(company), make_run(company, "needs", closed=True)
    viewer = people[role]
    rows = {
        e["assessment"].pk: e for e in pages.overview_context(viewer, viewer.user)["assessments"]
    }
    sees, closes, open_result, closed_result = OVERVIEW[role]
    assert (open_run.pk in rows, closed_run.pk in rows) == (sees, sees)
    if not sees:
        return
    assert rows[open_run.pk]["closable"] is closes
    assert rows[closed_run.pk]["closable"] is False  # closed already: nothing to offer
    assert rows[open_run.pk]["result_visible"] is open_result
    assert rows[closed_run.pk]["result_visible"] is closed_result
    # The close button is offered exactly where the close view finds the run.
    managed = queries.managed_assessments(viewer).filter(pk=open_run.pk).exists()
    assert managed is closes

"""The buttons of the company page and the centre workspace come from the object rules: per
role, exactly the people, invitations and accompaniments the actions would accept."""

from __future__ import annotations

import pytest

from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.pages import centre_workspace_page, organisation_page
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def world():
    company, centre = make_organisation(), make_centre()
    people = {
        role: make_member(role, organisation=company)
        for role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL)
    }
    for role in (Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER):
        people[role] = make_member(role, centre=centre)
    people[Role.PROGRAMME_ADMIN] = make_member(Role.PROGRAMME_ADMIN)
    accompaniment = Accompaniment.objects.create(
        centre=centre, organisation=company, status=Accompaniment.Status.ACTIVE
    )
    company_invitation, _ = actions.invite(
        member=people[Role.COMPANY_LEAD],
        email="neu@example.org",
        role=Role.EMPLOYEE,
        organisation=company,
    )
    staff_invitation, _ = actions.invite(
        member=people[Role.CENTRE_ADMIN],
        email="team@example.org",
        role=Role.ADVISOR,
        centre=centre,
    )
    return company, people, accompaniment, company_invitation, staff_invitation


# viewer -> (manages, can_invite, removable roles, may end the accompaniment, may revoke)
COMPANY_PAGE = {
    Role.COMPANY_LEAD: (True, True, {Role.EMPLOYEE, Role.WORKS_COUNCIL}, True, True),
    Role.EMPLOYEE: (False, False, set(), False, False),
    Role.WORKS_COUNCIL: (False, False, set(), False, False),
    Role.CENTRE_ADMIN: (False, False, set(), True, False),
    Role.ADVISOR: (False, False, set(), True, False),
    Role.PROGRAMME_ADMIN: (False, False, set(), False, False),
}


@pytest.mark.parametrize("role", list(COMPANY_PAGE))
def test_company_page_offers_what_the_rules_allow(world, role) -> None:
    company, people, accompaniment, invitation, _staff = world
    page = organisation_page(people[role], company)
    manages, can_invite, removable, ends, revokes = COMPANY_PAGE[role]
    assert (page["manages"], page["can_invite"]) == (manages, can_invite)
    assert page["removable"] == {people[r].pk for r in removable}
    assert (accompaniment.pk in page["endable"]) is ends
    assert (invitation.pk in page["revocable"]) is revokes


# viewer -> (manages, removable roles, may end the accompaniment, may revoke)
WORKSPACE = {
    Role.CENTRE_ADMIN: (True, {Role.ADVISOR, Role.TRAINER}, True, True),
    Role.ADVISOR: (False, set(), True, False),
    Role.TRAINER: (False, set(), False, False),
}


@pytest.mark.parametrize("role", list(WORKSPACE))
def test_workspace_offers_what_the_rules_allow(world, role) -> None:
    _company, people, accompaniment, _invitation, staff_invitation = world
    page = centre_workspace_page(people[role])
    manages, removable, ends, revokes = WORKSPACE[role]
    assert page["manages"] is manages
    assert page["removable"] == {people[r].pk for r in removable}
    assert (accompaniment.pk in page["endable"]) is ends
    assert (staff_invitation.pk in page["revocable"]) is revokes

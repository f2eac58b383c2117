"""One object or 404: another tenant's object answers exactly like one that does not exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from zukunftszentrum.organisations import actions, queries
from zukunftszentrum.organisations.models import Accompaniment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
)

pytestmark = pytest.mark.django_db

MISSING = 10**9


def _tenant():
    company, centre = make_organisation(), make_centre()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    accompaniment = Accompaniment.objects.create(centre=centre, organisation=company)
    invitation, _ = actions.invite(
        member=lead, email="neu@example.org", role=Role.EMPLOYEE, organisation=company
    )
    return {
        "company": company,
        "centre": centre,
        "lead": lead,
        "admin": admin,
        "employee": make_member(Role.EMPLOYEE, organisation=company),
        "accompaniment": accompaniment,
        "invitation": invitation,
    }


# name -> (the helper called with viewer and id, the viewer, the object)
HELPERS = {
    "organisation": (queries.access_organisation, "lead", "company"),
    "centre": (queries.access_centre, "admin", "centre"),
    "invitation": (queries.access_invitation, "lead", "invitation"),
    "accompaniment": (
        lambda m, pk: queries.access_accompaniment(m, pk, organisation_id=m.organisation_id),
        "lead",
        "accompaniment",
    ),
    "member of organisation": (
        lambda m, pk: queries.access_organisation_member(m.organisation, pk),
        "lead",
        "employee",
    ),
    "staff of centre": (
        lambda m, pk: queries.access_centre_staff(m.centre, pk),
        "admin",
        "admin",
    ),
}


@pytest.mark.parametrize("name", list(HELPERS))
def test_own_object_is_found_others_and_missing_are_the_same_404(name) -> None:
    helper, viewer, thing = HELPERS[name]
    mine, theirs = _tenant(), _tenant()
    assert helper(mine[viewer], mine[thing].pk) == mine[thing]
    with pytest.raises(Http404) as not_yours:
        helper(mine[viewer], theirs[thing].pk)
    with pytest.raises(Http404) as missing:
        helper(mine[viewer], MISSING)
    assert str(not_yours.value) == str(missing.value)

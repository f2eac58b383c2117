"""One check run or response or 404: another organisation's (or person's) answers exactly like
one that does not exist."""

from __future__ import annotations

import pytest
from django.http import Http404

from zukunftszentrum.assessments import queries
from zukunftszentrum.assessments.tests.factories import make_assessment, make_response
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

pytestmark = pytest.mark.django_db

MISSING = 10**9


def _tenant():
    lead = make_member(Role.COMPANY_LEAD)
    run = make_assessment(lead.organisation)
    return {"lead": lead, "run": run, "response": make_response(lead, run)}


HELPERS = {
    "check run": (queries.access_assessment, "run"),
    "managed check run": (queries.access_managed_assessment, "run"),
    "company result": (queries.access_company_result, "run"),
    "own response": (lambda m, pk: queries.access_own_response(m.user, pk), "response"),
}


@pytest.mark.parametrize("name", list(HELPERS))
def test_own_object_is_found_others_and_missing_are_the_same_404(name) -> None:
    helper, thing = HELPERS[name]
    mine, theirs = _tenant(), _tenant()
    assert helper(mine["lead"], mine[thing].pk) == mine[thing]
    with pytest.raises(Http404) as not_yours:
        helper(mine["lead"], theirs[thing].pk)
    with pytest.raises(Http404) as missing:
        helper(mine["lead"], MISSING)
    assert str(not_yours.value) == str(missing.value)

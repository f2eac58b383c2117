"""The lead's job profiles page reads in a fixed number of queries: more people with profiles,
evidence and company targets do not add queries (it was one per profile and one per holder)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import EvidenceKind, JobProfileAssignment, TargetAdjustment
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

URL = reverse("learning:job_profiles")
PROFILES = ("office_admin", "management")
# Measured when written: 10 (before: 3 per holder and one per profile more); a little room.
MAXIMUM = 12


def _grow(lead: Membership, people: int) -> None:
    organisation = lead.organisation
    for i in range(people):
        employee = make_member(Role.EMPLOYEE, organisation=organisation)
        profile = PROFILES[i % len(PROFILES)]
        JobProfileAssignment.objects.create(
            organisation=organisation, user=employee.user, profile=profile
        )
        record(user=employee.user, competence="prompting", kind=EvidenceKind.SELF_RATING, level=3)
        TargetAdjustment.objects.update_or_create(
            organisation=organisation,
            profile=profile,
            competence="prompting",
            defaults={"level": 2},
        )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_people_and_targets(login) -> None:
    lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    client = login(lead)
    _grow(lead, 2)
    client.get(URL)
    few = _queries(client)
    _grow(lead, 6)
    many = _queries(client)
    assert many == few
    assert many <= MAXIMUM

"""The "Selbstchecks" page reads the person's own responses and participations once for all
listed checks, so more checks do not add queries (it was one or two per check)."""

from __future__ import annotations

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Assessment, Participation, Response
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

URL = reverse("assessments:overview")
# Measured when written: the same with four and with twelve checks; a little room.
MAXIMUM = 10


def _checks(member: Membership, rounds: range) -> None:
    """Checks (open in round 0, else closed), named and anonymous, each with the person's part."""
    org = member.organisation
    for i in rounds:
        for key in ("readiness", "work_voice"):
            run = Assessment.objects.create(
                organisation=org,
                instrument_key=key,
                version=catalog().get(key).version,
                status=Assessment.Status.CLOSED if i else Assessment.Status.OPEN,
                closed_at=timezone.now() if i else None,
            )
            if key == "work_voice":
                Participation.objects.create(assessment=run, user=member.user)
                continue
            Response.objects.create(
                assessment=run,
                instrument_key=key,
                version=run.version,
                organisation=org,
                respondent=member.user,
                perspective="employee",
                answers={},
                resume_token_hash=uuid.uuid4().hex,
            )


def _queries(client) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(URL)
    assert response.status_code == 200
    return len(captured)


def test_queries_do_not_grow_with_the_checks(login) -> None:
    """An employee's list (a lead's also asks, per closed check, whether it may be reopened)."""
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    client = login(employee)
    _checks(employee, range(0, 2))
    client.get(URL)
    few = _queries(client)
    _checks(employee, range(2, 6))
    many = _queries(client)
    assert many == few
    assert many <= MAXIMUM

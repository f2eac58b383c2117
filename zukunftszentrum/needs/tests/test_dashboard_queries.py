"""The dashboard, the busiest page of centre staff, reads in a fixed number of queries: whether
its window and the trend's eight quarters are fresh is asked in two queries, not two per window."""

from __future__ import annotations

import pytest
from django.urls import reverse

from zukunftszentrum.needs import runs
from zukunftszentrum.needs.models import EstimateRun
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

from .network import YEAR

URL = reverse("needs:dashboard")
# Measured when written: 10 for an advisor and 12 for a programme admin with every window
# computed (before: 27 and 29); a little room, not a multiple.
MAXIMUM = 13


@pytest.mark.parametrize("role", [Role.ADVISOR, Role.PROGRAMME_ADMIN])
@pytest.mark.parametrize("params", [{}, {"land": "SH", "wz": "C"}, {"gewichtung": "roh"}])
def test_the_dashboard_reads_in_a_fixed_number_of_queries(
    network, login, django_assert_max_num_queries, role, params
) -> None:
    member = make_member(role, centre=network["nord"] if role == Role.ADVISOR else None)
    client = login(member)
    client.get(URL, params)  # queues the trend's quarters, as the first visitor does
    runs.drain()
    assert EstimateRun.objects.filter(
        is_current=True, window__startswith=str(int(YEAR) - 1)
    ).exists()
    with django_assert_max_num_queries(MAXIMUM):
        response = client.get(URL, params)
    assert response.status_code == 200


def test_a_lost_quarter_is_still_queued_again(network, login) -> None:
    """The two-query path leaves recovering a lost run to the single-window one."""
    client = login(make_member(Role.ADVISOR, centre=network["nord"]))
    client.get(URL)
    pending = EstimateRun.objects.filter(status=EstimateRun.Status.QUEUED).first()
    assert pending is not None
    EstimateRun.objects.filter(pk=pending.pk).update(
        requested_at=pending.requested_at - runs.STUCK_AFTER * 2
    )
    client.get(URL)
    pending.refresh_from_db()
    assert pending.status == EstimateRun.Status.QUEUED
    assert pending.stage == "requeued"

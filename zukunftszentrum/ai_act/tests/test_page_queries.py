"""The inventory's busiest pages read in a fixed number of queries: more systems, classifications
and people do not add queries (the load test's lead opens them on every round)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from zukunftszentrum.learning.models import JobProfileAssignment
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_classified, make_system

pytestmark = pytest.mark.django_db

PAGES = ("ai_act:systems", "ai_act:todo", "organisations:dashboard")
# Measured when written (the same with 2 and with 6 systems): the list 8, the duties 6, the
# lead's overview with its AI and Art. 4 cards 28 (before: a few more per system and person);
# a little room, not a multiple.
MAXIMUM = {"ai_act:systems": 10, "ai_act:todo": 8, "organisations:dashboard": 31}


def _grow(lead: Membership, systems: int) -> None:
    organisation = lead.organisation
    assert organisation is not None
    for i in range(systems):
        make_classified(organisation)
        make_system(organisation, name=f"Chat {i}")
        employee = make_member(Role.EMPLOYEE, organisation=organisation)
        JobProfileAssignment.objects.create(
            organisation=organisation, user=employee.user, profile="office_admin"
        )


def _queries(client, name: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse(name))
    assert response.status_code == 200, (name, response.status_code)
    return len(captured)


def test_queries_do_not_grow_with_systems_and_people(login) -> None:
    lead = make_member(Role.COMPANY_LEAD, organisation=make_organisation())
    client = login(lead)
    _grow(lead, 1)
    for name in PAGES:
        client.get(reverse(name))  # first-use reads (content, sessions) out of the count
    few = {name: _queries(client, name) for name in PAGES}
    _grow(lead, 2)
    many = {name: _queries(client, name) for name in PAGES}
    assert many == few, (few, many)
    for name, count in many.items():
        assert count <= MAXIMUM[name], (name, count)


def test_the_works_council_reads_the_list_in_as_few(login, django_assert_max_num_queries) -> None:
    organisation = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=organisation)
    _grow(lead, 3)
    client = login(make_member(Role.WORKS_COUNCIL, organisation=organisation))
    client.get(reverse("ai_act:systems"))
    with django_assert_max_num_queries(MAXIMUM["ai_act:systems"]):
        assert client.get(reverse("ai_act:systems")).status_code == 200


def test_a_system_reads_the_law_versions_once(login, django_assert_max_num_queries) -> None:
    """The detail page read the law versions' recorded status six times (once per use)."""
    organisation = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=organisation)
    system = make_classified(organisation)
    client = login(lead)
    url = reverse("ai_act:system_detail", args=[system.pk])
    client.get(url)
    # Measured when written: 14 (before: 20); a little room, not a multiple.
    with django_assert_max_num_queries(15):
        assert client.get(url).status_code == 200

"""What the app plugs in: the overview card, the demo step, "Meine Daten", the menu."""

from __future__ import annotations

import random

import pytest
from django.test import Client
from django.urls import reverse

from zukunftszentrum.core.personal_data import erase_personal_data, export_personal_data
from zukunftszentrum.learning.models import Evidence
from zukunftszentrum.organisations.demo import seed_demo
from zukunftszentrum.organisations.demo_data import SHOWCASE_SOLO
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .. import actions, content
from ..demo import IN_PROGRESS_UNIT, PASSED_UNIT, seed_units
from ..models import Attempt, UnitProgress
from ..overview import next_unit

pytestmark = pytest.mark.django_db


def test_the_card_shows_the_unit_in_progress_else_one_for_the_role() -> None:
    solo = make_member(Role.SOLO, organisation=make_organisation(headcount=1))
    first = next_unit(solo)
    assert not first["next_unit_started"]
    assert "solo" in content.units()[first["next_unit"]["id"]].audience
    unit = content.units()["menschliche-aufsicht"]
    progress, _ = actions.start_unit(user=solo.user, unit=unit)
    actions.go_to_section(progress, unit, 2)
    card = next_unit(solo)
    assert card["next_unit_started"] and card["next_unit"]["id"] == unit.id
    assert card["next_unit_url"] == reverse("self_learning:section", args=[unit.id, 2])


def test_the_overview_page_shows_the_card(login) -> None:
    employee = make_member(Role.EMPLOYEE, organisation=make_organisation())
    page = login(employee).get(reverse("organisations:dashboard"))
    assert page.status_code == 200
    assert "Als Nächstes:" in page.content.decode()


def test_the_menu_lists_units_for_everyone() -> None:
    assert reverse("self_learning:list") in Client().get("/").content.decode()


def test_the_demo_solo_has_one_unit_passed_on_the_second_attempt_and_one_in_progress() -> None:
    seed_demo()
    seed_units()
    solo = Membership.objects.get(organisation__legal_name=SHOWCASE_SOLO, role=Role.SOLO).user
    passed = UnitProgress.objects.get(user=solo, unit_id=PASSED_UNIT)
    assert passed.passed_at is not None
    assert list(passed.attempts.order_by("started_at").values_list("passed", flat=True)) == [
        False,
        True,
    ]
    reading = UnitProgress.objects.get(user=solo, unit_id=IN_PROGRESS_UNIT)
    assert reading.passed_at is None and reading.section == 3
    assert Evidence.objects.filter(user=solo, kind="unit_passed").exists()
    counts = UnitProgress.objects.count(), Attempt.objects.count(), Evidence.objects.count()
    seed_units()  # again: nothing twice
    assert (
        UnitProgress.objects.count(),
        Attempt.objects.count(),
        Evidence.objects.count(),
    ) == counts


def test_progress_and_attempts_are_exported_and_erased() -> None:
    member = make_member(Role.EMPLOYEE, organisation=make_organisation())
    other = make_member(Role.EMPLOYEE, organisation=make_organisation())
    unit = content.units()["ki-was-ist-ki"]
    for person in (member, other):
        progress, _ = actions.start_unit(user=person.user, unit=unit)
        actions.start_attempt(progress, unit, random.Random(3))
    data = export_personal_data(member.user)["self_learning"]
    assert data[0]["unit"] == "ki-was-ist-ki" and len(data[0]["attempts"][0]["questions"]) == 5
    erase_personal_data(member.user)
    assert not UnitProgress.objects.filter(user=member.user).exists()
    assert UnitProgress.objects.filter(user=other.user).count() == 1
    assert Attempt.objects.count() == 1

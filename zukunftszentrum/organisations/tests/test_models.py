"""Integrity lives in the database: constraints refuse inconsistent rows."""

from __future__ import annotations

import pytest
from django.db import IntegrityError, transaction

from zukunftszentrum.organisations.models import Land, Membership, Organisation
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_organisation,
    make_user,
)

pytestmark = pytest.mark.django_db


def test_sixteen_laender_are_loaded() -> None:
    assert Land.objects.count() == 16
    assert Land.objects.get(code="TH").ags == "16"
    assert Land.objects.get(iso_3166_2="DE-HB").name == "Bremen"


@pytest.mark.parametrize(
    ("headcount", "size"),
    [(1, "micro"), (9, "micro"), (10, "small"), (249, "medium"), (250, "large")],
)
def test_size_class_is_generated_by_the_database(headcount: int, size: str) -> None:
    org = make_organisation(headcount=headcount)
    org.refresh_from_db()
    assert org.size_class == size
    assert org.is_target_group is (size != "large")


@pytest.mark.parametrize(
    ("role", "centre", "organisation"),
    [
        (Role.ADVISOR, False, True),  # a centre role tied to a company
        (Role.EMPLOYEE, True, False),  # a company role tied to a centre
        (Role.EMPLOYEE, False, False),  # a company role tied to nothing
        (Role.PROGRAMME_ADMIN, True, False),  # a network role tied to a centre
        (Role.ADVISOR, True, True),  # both
    ],
)
def test_membership_scope_must_fit_the_role(role: Role, centre: bool, organisation: bool) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(
            user=make_user(),
            role=role,
            centre=make_centre() if centre else None,
            organisation=make_organisation() if organisation else None,
        )


def test_duplicate_active_membership_is_refused_but_ended_one_may_return() -> None:
    user, org = make_user(), make_organisation()
    first = Membership.objects.create(user=user, role=Role.EMPLOYEE, organisation=org)
    with pytest.raises(IntegrityError), transaction.atomic():
        Membership.objects.create(user=user, role=Role.EMPLOYEE, organisation=org)
    first.ended_at = first.created_at
    first.save()
    Membership.objects.create(user=user, role=Role.EMPLOYEE, organisation=org)


def test_works_council_member_may_also_be_employee() -> None:
    user, org = make_user(), make_organisation()
    Membership.objects.create(user=user, role=Role.EMPLOYEE, organisation=org)
    Membership.objects.create(user=user, role=Role.WORKS_COUNCIL, organisation=org)
    assert user.memberships.count() == 2


@pytest.mark.parametrize(("headcount", "council"), [(2, False), (1, True)])
def test_solo_is_an_organisation_of_one_without_council(headcount: int, council: bool) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation(
            headcount=headcount, kind=Organisation.Kind.SOLO, has_works_council=council
        )


def test_kreis_code_must_have_five_digits() -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        make_organisation(kreis_ags="091")


def test_email_is_unique_regardless_of_case() -> None:
    make_user("Anna@Example.org")
    with pytest.raises(IntegrityError), transaction.atomic():
        make_user("anna@example.org")

"""A lead must not learn one person's level from the company aggregate: the share of a profile's
holders who reach all targets goes through core.disclosure. The attack replayed here is the one a
lead can actually run: read the share, move one person to another profile, read it again, and
take the difference."""

from __future__ import annotations

import random

import pytest

from zukunftszentrum.learning.competence import content as competence_content
from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.competence.profiles import profile_rows
from zukunftszentrum.learning.models import EvidenceKind, JobProfileAssignment, TargetAdjustment
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

pytestmark = pytest.mark.django_db

TRIALS = 60
MAX_HIT_RATE = 0.75  # right yes/no after differencing (blind guess 0.5; without noise 1.0)
PROFILE = "office_admin"


def _share(organisation) -> int | None:
    row = next(r for r in profile_rows(organisation, with_holders=False) if r.profile.id == PROFILE)
    return row.reached.value


def test_differencing_one_person_out_of_the_share_does_not_reveal_their_level() -> None:
    company = make_organisation()
    # One target only, so "reaches all targets" is "prompting measured at 2 or more".
    profile = competence_content.job_profile(PROFILE)
    assert profile is not None
    for competence in profile.targets:
        level = 2 if competence == "prompting" else 0
        TargetAdjustment.objects.create(
            organisation=company, profile=PROFILE, competence=competence, level=level
        )
    people = [make_member(Role.EMPLOYEE, organisation=company) for _ in range(7)]
    for index, member in enumerate(people[:6]):
        JobProfileAssignment.objects.create(organisation=company, user=member.user, profile=PROFILE)
        if index < 3:
            record(user=member.user, competence="prompting", kind=EvidenceKind.QUIZ, level=3)
    target, twin = people[5], people[6]  # the target does not reach; the twin does
    record(user=twin.user, competence="prompting", kind=EvidenceKind.QUIZ, level=3)

    rng = random.Random(20270101)
    hits = 0
    for trial in range(TRIALS):
        # Half of the trials the person in question reaches the target, half not.
        person = twin if trial % 2 else target
        JobProfileAssignment.objects.filter(organisation=company).delete()
        for member in [*people[:5], person]:
            JobProfileAssignment.objects.create(
                organisation=company,
                user=member.user,
                profile=PROFILE,
                record_key=rng.randrange(2**32),
            )
        with_person = _share(company)
        JobProfileAssignment.objects.filter(user=person.user).update(profile="it_data")
        without_person = _share(company)
        assert with_person is not None and without_person is not None
        inferred = 6 * with_person / 100 - 5 * without_person / 100
        truth = 1 if person is twin else 0
        hits += int((inferred >= 0.5) == bool(truth))
    assert hits / TRIALS <= MAX_HIT_RATE, hits


def test_below_the_minimum_group_size_nothing_is_published() -> None:
    company = make_organisation()
    for _ in range(4):
        member = make_member(Role.EMPLOYEE, organisation=company)
        JobProfileAssignment.objects.create(organisation=company, user=member.user, profile=PROFILE)
    row = next(r for r in profile_rows(company, with_holders=False) if r.profile.id == PROFILE)
    assert row.reached.value is None and row.reached.reason is not None

"""A lead must not learn from the Art. 4 record whether one person shared. The attack replayed
is the one a lead can run: read the company total, the profile figures and the system figures,
subtract what can be subtracted, and compare with what they know (here: that the six people in
production all shared). The person in question is the only one in their profile."""

from __future__ import annotations

import random

import pytest

from zukunftszentrum.ai_act.literacy import record_context
from zukunftszentrum.learning.models import CompletionSharing
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member, make_organisation

from .factories import make_system
from .literacy_helpers import person, share_all, share_none

pytestmark = pytest.mark.django_db

TRIALS = 40
MAX_HIT_RATE = 0.75  # right yes/no (blind guess 0.5; without protection 1.0)
PRODUCTION = "Produktion und Handwerk"


def test_differencing_the_record_does_not_reveal_whether_one_person_shared() -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    for _ in range(6):
        person(company, "production_crafts")
    target = person(company, "office_admin", shares=False)
    system = make_system(company, user_profiles=["production_crafts", "office_admin"])

    rng = random.Random(20261206)
    hits = 0
    for trial in range(TRIALS):
        shared = bool(trial % 2)
        share_all(target) if shared else share_none(target)
        for sharing in CompletionSharing.objects.all():
            CompletionSharing.objects.filter(pk=sharing.pk).update(record_key=rng.randrange(2**32))
        context = record_context(lead, company)
        everybody = context["everybody"].value
        production = next(f for f in context["by_profile"] if f.label == PRODUCTION).value
        by_system = next(f for f in context["by_system"] if f.label == system.name).value
        # Never both sides of an exact difference that isolates the one person.
        assert everybody is None or production is None
        assert by_system is None or production is None
        if everybody is not None and production is not None:
            difference = everybody - production
        elif by_system is not None and production is not None:
            difference = by_system - production
        elif everybody is not None:
            difference = everybody - 6  # what the lead knows about production
        else:
            difference = rng.choice((0, 1))
        hits += int((difference >= 0.5) == shared)
    assert hits / TRIALS <= MAX_HIT_RATE, hits


def test_below_the_minimum_nothing_is_published() -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    for _ in range(4):
        person(company, "production_crafts")
    context = record_context(lead, company)
    assert context["everybody"].value is None
    assert all(f.value is None for f in context["by_profile"])
    assert all(m.people is None for m in context["measures"])


def test_the_leads_own_share_does_not_count_towards_the_minimum() -> None:
    company = make_organisation()
    lead = make_member(Role.COMPANY_LEAD, organisation=company)
    for _ in range(4):
        person(company, "production_crafts")
    from zukunftszentrum.learning.competence.evidence import record
    from zukunftszentrum.learning.models import EvidenceKind

    record(
        user=lead.user,
        competence="checking_outputs",
        kind=EvidenceKind.UNIT_PASSED,
        level=2,
        source="unit:ki-ergebnisse-pruefen@2027.1",
        note="KI-Ergebnisse prüfen",
    )
    share_all(lead)
    assert record_context(lead, company)["everybody"].value is None  # four others
    advisor_view = record_context(None, company)["everybody"].value
    assert advisor_view is not None  # five people to a reader who is none of them

"""The demo catalogue: 40 modules over all competences, offers with waitlists, a course to run."""

from __future__ import annotations

import pytest

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.learning.catalogue.demo import seed_catalogue
from zukunftszentrum.learning.catalogue.rules import COMPETENCES, find_cycle
from zukunftszentrum.learning.models import Module, Offer, OfferStatus, Registration
from zukunftszentrum.organisations.demo import seed_demo

pytestmark = pytest.mark.django_db


def test_needs_the_network_first() -> None:
    with pytest.raises(DemoStepError):
        seed_catalogue()


def test_demo_catalogue_is_complete_and_idempotent() -> None:
    seed_demo()
    seed_catalogue()
    counts = (Module.objects.count(), Offer.objects.count(), Registration.objects.count())
    assert counts[0] == 40
    covered = {c for m in Module.objects.all() for c in m.competences}
    assert covered == set(COMPETENCES)
    graph = {
        str(m.pk): {str(p.pk) for p in m.prerequisite_modules.all()} for m in Module.objects.all()
    }
    assert find_cycle(graph) is None and any(graph.values())
    assert Registration.objects.filter(status="waitlisted").exists()
    course = Offer.objects.get(status=OfferStatus.CLOSED)
    assert course.trainer.user.email == "weiterbildung@demo.example.org"
    assert course.registrations.filter(status="registered").count() >= 5
    seed_catalogue()
    assert (Module.objects.count(), Offer.objects.count(), Registration.objects.count()) == counts

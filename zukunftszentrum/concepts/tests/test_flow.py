"""One scenario from the inputs to the draft offers: solve, reasons, lock, re-solve, publish."""

from __future__ import annotations

import pytest

from zukunftszentrum.learning.models import Offer, OfferStatus

from .. import actions
from ..models import ScenarioStatus
from .factories import make_needs_run, make_planning_centre, make_scenario


@pytest.mark.django_db
def test_a_scenario_is_solved_locked_and_published_once() -> None:
    centre, admin = make_planning_centre(("HH",))
    make_needs_run(("HH",))
    scenario = make_scenario(admin)
    assert actions.solve(member=admin, scenario=scenario, version=scenario.version)
    scenario.refresh_from_db()
    assert scenario.status == ScenarioStatus.DONE, scenario.result
    items = list(scenario.items.all())
    assert items, scenario.result
    assert scenario.result["coverage"]["land"]["HH"][0] > 0
    first = items[0]
    actions.change_item(member=admin, item=first, change="lock", version=scenario.version + 0)
    scenario.refresh_from_db()
    assert actions.solve(member=admin, scenario=scenario, version=scenario.version)
    scenario.refresh_from_db()
    first.refresh_from_db()
    assert first.fixed and scenario.status == ScenarioStatus.DONE
    made = actions.publish(member=admin, scenario=scenario)
    sessions = sum(i.sessions for i in scenario.items.filter(removed=False))
    assert made == sessions > 0
    assert actions.publish(member=admin, scenario=scenario) == 0
    offers = Offer.objects.filter(module__centre=centre)
    assert offers.count() == sessions
    assert set(offers.values_list("status", flat=True)) == {OfferStatus.DRAFT}

"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py).

Every sample uses a scenario (or place) of tenant a's centre, stored without solving: the walk
checks who may open what, not the optimiser. Admins plan; advisors read."""

from __future__ import annotations

from typing import Any

from zukunftszentrum.organisations.models import Land
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

from ..models import Place, Scenario, ScenarioItem

ADMIN, ADVISOR = Role.CENTRE_ADMIN, Role.ADVISOR


def walk_scenario(t: Any) -> Scenario:
    scenario, _created = Scenario.objects.get_or_create(
        centre=t.centre, name="Rundgang", defaults={"first_month": "2027-01", "months": 2}
    )
    return scenario


def walk_item(t: Any) -> ScenarioItem:
    scenario = walk_scenario(t)
    item, _created = ScenarioItem.objects.get_or_create(
        scenario=scenario,
        option="m1",
        place="online",
        month="2027-01",
        defaults={"module_id": 1, "title": "Modul", "format": "webinar", "place_label": "online"},
    )
    return item


def _s(t: Any) -> dict[str, Any]:
    return {"pk": walk_scenario(t).pk}


def _i(t: Any) -> dict[str, Any]:
    item = walk_item(t)
    return {"pk": item.scenario_id, "item_pk": item.pk, "change": "lock"}


def _p(t: Any) -> dict[str, Any]:
    land = t.centre.lands.first() or Land.objects.first()
    place, _created = Place.objects.get_or_create(centre=t.centre, name="Rundgang", land=land)
    return {"pk": place.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "concepts:place_remove": (_p, ADMIN),
    "concepts:scenario": (_s, ADVISOR),
    "concepts:scenario_change": (_s, ADMIN),
    "concepts:scenario_solve": (_s, ADMIN),
    "concepts:scenario_delete": (_s, ADMIN),
    "concepts:item_add": (_s, ADMIN),
    "concepts:item_change": (_i, ADMIN),
    "concepts:publish": (_s, ADMIN),
    "concepts:concept_pdf": (_s, ADVISOR),
    "concepts:plan_xlsx": (_s, ADVISOR),
}

"""Small builders for the concept designer's tests: a finished needs run with published
figures for a region, modules, places, a scenario. Explicit, no magic."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zukunftszentrum.learning.models import Module
from zukunftszentrum.needs.models import DomainResult, EstimateRun, PopulationTable
from zukunftszentrum.organisations.models import Centre, Land, Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .. import actions
from ..models import Place, Resources, Scenario

# One Land's published domains: population, and outcome -> [value, low, high, n] as stored
# (topic means in points, shares in whole percent).
DOMAINS: dict[str, tuple[float, dict[str, list[float]]]] = {
    "land:{land}": (
        1000,
        {
            "topic_basics": [40, 30, 50, 50],
            "topic_law": [20, 10, 30, 50],
            "formats:in_person": [60, 50, 70, 50],
            "formats:live_online": [40, 30, 50, 50],
            "time_budget:lt2": [20, 10, 30, 50],
            "time_budget:2to4": [50, 40, 60, 50],
            "time_budget:4to8": [30, 20, 40, 50],
        },
    ),
    "land:{land}|wz:C": (400, {"topic_basics": [50, 40, 60, 30], "topic_law": [10, 5, 15, 30]}),
    "land:{land}|size:micro": (800, {"topic_basics": [45, 35, 55, 40]}),
    "land:{land}|size:small": (200, {"topic_basics": [20, 10, 30, 10]}),
}


def make_needs_run(
    lands: tuple[str, ...], *, window: str | None = None, stale: bool = False
) -> EstimateRun:
    window = window or str(timezone.localdate().year)
    EstimateRun.objects.filter(window=window, is_current=True).update(is_current=False)
    run = EstimateRun.objects.create(
        window=window,
        population=PopulationTable.objects.get(is_default=True),
        status=EstimateRun.Status.DONE,
        is_current=True,
        stale=stale,
        finished_at=timezone.now(),
    )
    for land in lands:
        for key, (population, figures) in DOMAINS.items():
            DomainResult.objects.create(
                run=run,
                key=key.format(land=land),
                population=population,
                n_raw=50,
                published={"weighted": {"n": 50, "figures": figures}},
            )
    return run


def make_module(centre: Centre, key: str, competences: dict[str, int], **extra: Any) -> Module:
    fields: dict[str, Any] = {
        "title": key.replace("-", " ").title(),
        "summary": "Ein Testmodul.",
        "format": "workshop",
        "duration_hours": 4,
        "published": True,
    }
    fields.update(extra)
    return Module.objects.create(centre=centre, key=key, competences=competences, **fields)


def make_planning_centre(lands: tuple[str, ...] = ("HH",)) -> tuple[Centre, Membership]:
    """A centre with resources, one place per Land, two modules, and its admin."""
    centre = make_centre(lands=lands)
    admin = make_member(Role.CENTRE_ADMIN, centre=centre)
    Resources.objects.create(
        centre=centre,
        trainer_days={"understanding_ai": 4, "ethics_law": 2},
        budget_eur=20000,
        min_participants=3,
        max_participants=12,
        min_share_per_land=0,
    )
    for land in lands:
        Place.objects.create(centre=centre, name=f"Ort {land}", land=Land.objects.get(code=land))
    make_module(centre, "ki-grundlagen", {"ai_basics": 2})
    make_module(centre, "ki-recht", {"ai_act_obligations": 2}, format="webinar", duration_hours=2)
    return centre, admin


def make_scenario(admin: Membership, name: str = "Vorschlag", **extra: Any) -> Scenario:
    return actions.create_scenario(
        member=admin, name=name, first_month="2027-01", months=extra.pop("months", 2), **extra
    )

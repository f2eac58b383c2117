"""Assembling the optimiser's `Instance` for one scenario (the Django side).

Inputs: the centre region's published needs figures (needs.published: the last finished run,
named with its date when it is stale or not this year's), unmet demand from waitlists and open
gaps of learning paths (each count of people published through core.disclosure before it enters
the plan), the centre's catalogue modules (topics through their competences: topic_map.yaml),
and the resources and policy weights the scenario was saved with (`Scenario.resources`).
"""

from __future__ import annotations

import math
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.conf import settings

from zukunftszentrum.core.disclosure import Contribution, Parameters, publish_count
from zukunftszentrum.learning.models import LearningPlan, Module, Registration, RegistrationStatus
from zukunftszentrum.needs.published import published_region
from zukunftszentrum.organisations.models import Centre

from . import geography
from .content import topic_map
from .demand import Domain, Unmet, Weights, demand_cells, time_budgets, unmet_cells
from .models import Place, Resources, Scenario
from .optimiser.model import Demand, Excluded, Fixed, Instance, Option, Policy
from .optimiser.model import Place as PlanPlace
from .optimiser.model import Resources as PlanResources
from .topic_map import TopicMap

ONLINE_FORMATS = frozenset({"webinar", "self_learning"})
ONLINE = "online"


@dataclass(frozen=True)
class NeedsBasis:
    """Which needs run the plan rests on; `run_id` None: there is none yet."""

    run_id: int | None = None
    window: str = ""
    finished_at: datetime | None = None
    stale: bool = False
    current: bool = False
    missing: tuple[str, ...] = ()  # Länder of the region without a published estimate

    def as_json(self) -> dict[str, Any]:
        return {
            "run_id": self.run_id,
            "window": self.window,
            "finished_at": self.finished_at.isoformat() if self.finished_at else None,
            "stale": self.stale,
            "current": self.current,
            "missing": list(self.missing),
        }


@dataclass(frozen=True)
class Inputs:
    instance: Instance
    needs: NeedsBasis
    modules: dict[str, Module]  # option key -> module
    places: dict[str, dict[str, Any]]  # place key -> snapshot entry
    time_budgets: dict[str, dict[str, float]] = field(default_factory=dict)  # Land -> shares


# --- the resources snapshot ---------------------------------------------------------------
def resources_of(centre: Centre) -> Resources:
    """The centre's resources; defaults (two trainer days per area and month) on first use."""
    found = Resources.objects.filter(centre=centre).first()
    if found is not None:
        return found
    return Resources.objects.create(
        centre=centre, trainer_days={area: 2 for area in topic_map().areas}
    )


def snapshot(centre: Centre) -> dict[str, Any]:
    """The resources and places as plain data, for a new scenario."""
    r = resources_of(centre)
    fields = [
        "trainer_days",
        "budget_eur",
        "day_rate_eur",
        "venue_eur",
        "sessions_per_place_month",
        "online_sessions_per_month",
        "min_participants",
        "max_participants",
        "min_share_per_land",
        "travel_half_km",
        "weight_micro",
        "weight_thin",
        "weight_industries",
        "weight_unmet",
    ]
    data: dict[str, Any] = {name: getattr(r, name) for name in fields}
    centroids = geography.land_centroids()
    data["places"] = [
        {
            "key": f"p{p.pk}",
            "name": p.name,
            "land": p.land_id,
            "kreis": p.kreis_name,
            "lat": p.lat if p.lat is not None else centroids[p.land_id][0],
            "lon": p.lon if p.lon is not None else centroids[p.land_id][1],
        }
        for p in Place.objects.filter(centre=centre)
    ]
    return data


def months_of(first: str, count: int) -> tuple[str, ...]:
    year, month = (int(part) for part in first.split("-"))
    out = []
    for step in range(count):
        y, m = divmod(month - 1 + step, 12)
        out.append(f"{year + y:04d}-{m + 1:02d}")
    return tuple(out)


# --- the instance -------------------------------------------------------------------------
def build(scenario: Scenario) -> Inputs:
    centre = scenario.centre
    snap = scenario.resources
    topics = topic_map()
    centroids = geography.land_centroids()
    lands = tuple(sorted(centre.lands.values_list("code", flat=True)))
    region = published_region(centre)
    weights = Weights(
        micro=float(snap.get("weight_micro", 1.0)),
        thin=float(snap.get("weight_thin", 1.0)),
        industries={k: float(v) for k, v in (snap.get("weight_industries") or {}).items()},
    )
    demands: tuple[Demand, ...] = ()
    needs = NeedsBasis()
    budgets: dict[str, dict[str, float]] = {}
    if region is not None:
        domains = {
            key: Domain(d.population, d.thin, d.figures) for key, d in region.domains.items()
        }
        demands = demand_cells(domains, lands, topics, centroids, weights)
        budgets = time_budgets(domains, lands)
        needs = NeedsBasis(
            region.run_id,
            region.window,
            region.finished_at,
            region.stale,
            region.current,
            tuple(land for land in lands if f"land:{land}" not in domains),
        )
    modules = {
        f"m{m.pk}": m for m in Module.objects.filter(centre=centre, published=True).order_by("pk")
    }
    unmet = unmet_cells(
        [*waitlists(centre, lands, modules), *open_gaps(centre, lands)],
        centroids,
        weight=float(snap.get("weight_unmet", 1.0)),
    )
    places = {p["key"]: p for p in snap.get("places", [])}
    months = months_of(scenario.first_month, scenario.months)
    instance = Instance(
        demands=demands + unmet,
        options=tuple(_option(key, m, snap, topics) for key, m in modules.items()),
        places=(
            *(
                PlanPlace(key, p["land"], float(p["lat"]), float(p["lon"]))
                for key, p in places.items()
            ),
            PlanPlace(ONLINE, "", *_middle(lands, centroids), online=True),
        ),
        resources=PlanResources(
            months=months,
            trainer_days={
                (month, area): float((snap.get("trainer_days") or {}).get(area, 0))
                for month in months
                for area in topics.areas
            },
            budget=float(snap.get("budget_eur", 0)),
            sessions_per_place_month=int(snap.get("sessions_per_place_month", 0)),
            online_sessions_per_month=int(snap.get("online_sessions_per_month", 0)),
        ),
        policy=Policy(
            min_share_per_land=float(snap.get("min_share_per_land", 0)) / 100,
            travel_half_km=float(snap.get("travel_half_km", 60)),
        ),
        fixed=tuple(
            Fixed(i.option, i.place, i.month, i.sessions)
            for i in scenario.items.filter(removed=False).filter(fixed=True)
            if i.option in modules
        ),
        excluded=tuple(
            Excluded(i.option, i.place, i.month) for i in scenario.items.filter(removed=True)
        ),
    )
    return Inputs(instance, needs, modules, places, budgets)


def trainer_days_of(module: Module) -> float:
    """Trainer days one session takes: the hours plus two hours of preparation, in half days;
    a self-learning unit takes a quarter day of support."""
    if module.format == "self_learning":
        return 0.25
    return math.ceil((float(module.duration_hours) + 2) / 8 * 2) / 2


def _option(key: str, module: Module, snap: dict[str, Any], topics: TopicMap) -> Option:
    online = module.format in ONLINE_FORMATS
    days = trainer_days_of(module)
    covered = topics.module_topics(module.competences)
    covered[f"module:{module.key}"] = 1.0
    covered.update({f"competence:{c}": 1.0 for c in module.competences})
    cost = days * float(snap.get("day_rate_eur", 0)) + (
        0 if online else float(snap.get("venue_eur", 0))
    )
    return Option(
        key=key,
        module_id=str(module.pk),
        format=module.format,
        topics=covered,
        trainer_days=days,
        cost=round(cost, 2),
        competence=topics.module_area(module.competences),
        min_participants=int(snap.get("min_participants", 1)),
        max_participants=int(snap.get("max_participants", 1)),
        online=online,
    )


def _middle(
    lands: tuple[str, ...], centroids: dict[str, tuple[float, float]]
) -> tuple[float, float]:
    """Where online sessions "are": the middle of the box around the region's centroids (the
    optimiser needs a point; online options reach every cell alike)."""
    points = [centroids[land] for land in lands] or [(51.0, 10.0)]
    lats, lons = [p[0] for p in points], [p[1] for p in points]
    return (round((min(lats) + max(lats)) / 2, 4), round((min(lons) + max(lons)) / 2, 4))


# --- unmet demand, published --------------------------------------------------------------
def _params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def waitlists(centre: Centre, lands: tuple[str, ...], modules: dict[str, Module]) -> list[Unmet]:
    """People on the waitlists of the centre's modules, by module and the Land of their
    company (else the offer's), each cell published; withheld cells are left out."""
    by_key = {m.key: m for m in modules.values()}
    rows = Registration.objects.filter(
        status=RegistrationStatus.WAITLISTED, offer__module__centre=centre
    ).values_list(
        "user_id", "record_key", "offer__module__key", "organisation__land_id", "offer__land_id"
    )
    cells: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for user, key, module, own_land, offer_land in rows:
        land = own_land or offer_land
        if land in lands and module in by_key:
            people = cells[(module, land)]
            people[user] = min(key, people.get(user, key))
    out = []
    for (module, land), people in sorted(cells.items()):
        figure = publish_count([Contribution(k) for k in sorted(people.values())], params=_params())
        if figure.shown and figure.value:
            formats = {by_key[module].format: 1.0}
            out.append(
                Unmet(f"wait:{module}|{land}", land, f"module:{module}", int(figure.value), formats)
            )
    return out


def open_gaps(centre: Centre, lands: tuple[str, ...]) -> list[Unmet]:
    """Open gaps of everyone's current learning path in the region, by competence and Land,
    each cell published; withheld cells are left out."""
    rows = (
        LearningPlan.objects.filter(superseded_by__isnull=True, organisation__land_id__in=lands)
        .exclude(open_gaps=[])
        .values_list("user_id", "record_key", "open_gaps", "organisation__land_id")
    )
    cells: dict[tuple[str, str], dict[int, int]] = defaultdict(dict)
    for user, key, gaps, land in rows:
        for gap in gaps:
            people = cells[(gap["competence"], land)]
            people[user] = min(key, people.get(user, key))
    out = []
    for (competence, land), people in sorted(cells.items()):
        figure = publish_count([Contribution(k) for k in sorted(people.values())], params=_params())
        if figure.shown and figure.value:
            out.append(
                Unmet(
                    f"gap:{competence}|{land}", land, f"competence:{competence}", int(figure.value)
                )
            )
    return out

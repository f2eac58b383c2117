"""The demo: Zukunftszentrum Nord's resources and places, its proposal for the next half-year,
and the same with one more trainer (about two and a half more days per area and month). The
proposals are solved at once, so the demo shows them without a worker. Idempotent: what
exists is left alone."""

from __future__ import annotations

from django.utils import timezone

from zukunftszentrum.organisations.demo_data import SHOWCASE_CENTRE
from zukunftszentrum.organisations.models import Centre, Land, Membership

from . import geography, solving
from .actions import create_scenario
from .models import Place, Resources, Scenario, ScenarioStatus

TRAINER_DAYS = {
    "understanding_ai": 3,
    "using_tools": 3,
    "judging_outputs": 2,
    "data_protection": 2,
    "ethics_law": 1.5,
    "shaping_work": 1.5,
}
PLACES = (  # name, Land, Kreis AGS, lat, lon
    ("Hamburg, Zentrum", "HH", "02000", 53.55, 9.99),
    ("Kiel", "SH", "01002", 54.32, 10.13),
    ("Hannover", "NI", "03241", 52.37, 9.73),
    ("Oldenburg", "NI", "03403", 53.14, 8.21),
    ("Bremen", "HB", "04011", 53.08, 8.80),
    ("Rostock", "MV", "13003", 54.09, 12.10),
)
PROPOSAL = "Vorschlag nächstes Halbjahr"
ONE_MORE = "Mit einer Trainerin mehr"
ONE_TRAINER_DAYS = 2.5  # per area and month: about fifteen days a month in all


def next_half_year() -> str:
    today = timezone.localdate()
    return f"{today.year}-07" if today.month <= 6 else f"{today.year + 1}-01"


def seed_concepts() -> dict[str, int]:
    centre = Centre.objects.get(slug=SHOWCASE_CENTRE)
    Resources.objects.get_or_create(
        centre=centre,
        defaults={"trainer_days": TRAINER_DAYS, "budget_eur": 80000, "weight_micro": 1.5},
    )
    lands = {land.code: land for land in Land.objects.all()}
    for name, land, ags, lat, lon in PLACES:
        found = geography.kreis(ags)
        Place.objects.get_or_create(
            centre=centre,
            name=name,
            defaults={
                "land": lands[land],
                "kreis_ags": ags,
                "kreis_name": found.name if found else "",
                "lat": lat,
                "lon": lon,
            },
        )
    admin = (
        Membership.objects.filter(centre=centre, role="centre_admin", ended_at__isnull=True)
        .select_related("user", "centre")
        .order_by("pk")
        .first()
    )
    if admin is None:
        return {"scenarios": 0, "items": 0}
    made = []
    for name, extra in ((PROPOSAL, 0.0), (ONE_MORE, ONE_TRAINER_DAYS)):
        if Scenario.objects.filter(centre=centre, name=name).exists():
            continue
        scenario = create_scenario(
            member=admin,
            name=name,
            first_month=next_half_year(),
            months=6,
            extra_trainer_days=extra,
        )
        Scenario.objects.filter(pk=scenario.pk).update(status=ScenarioStatus.QUEUED)
        solving.run(scenario.pk)
        made.append(scenario.pk)
    items = sum(Scenario.objects.get(pk=pk).items.count() for pk in made)
    return {"scenarios": len(made), "items": items}

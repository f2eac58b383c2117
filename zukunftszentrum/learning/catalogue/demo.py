"""The demo catalogue (demo step "learning_catalogue", after the network): the modules of
`demo_data`, offers over the next six months (dates relative to today), some of them
full with a waitlist, and for the showcase centre's trainer a course that ran yesterday, ready
for attendance. Idempotent: modules by (centre, key); offers only for modules without any.
Registrations are written directly: the demo sends no emails."""

from __future__ import annotations

import random
from datetime import datetime, time, timedelta
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext

from zukunftszentrum.core import demo_steps
from zukunftszentrum.organisations.demo_data import RANDOM_SEED, SHOWCASE_CENTRE, SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Centre, Land, Membership
from zukunftszentrum.organisations.reference import KREISE

from ..models import Module, Offer, OfferStatus, Registration, RegistrationStatus, Session
from .demo_data import MODULES, ModuleRow

ONLINE_FORMATS = ("webinar",)
DATED_FORMATS = ("webinar", "workshop", "inhouse_lab", "blended")
COURSE_TO_RUN = "ki-grundlagen"


@transaction.atomic
def seed_catalogue() -> str:
    centres = {c.slug: c for c in Centre.objects.filter(slug__in={r.centre for r in MODULES})}
    if SHOWCASE_CENTRE not in centres:
        raise demo_steps.DemoStepError(
            gettext("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
        )
    rng = random.Random(RANDOM_SEED + 44)
    modules = {(row.centre, row.key): _module(row, centres[row.centre]) for row in MODULES}
    for row in MODULES:
        modules[(row.centre, row.key)].prerequisite_modules.set(
            [modules[(row.centre, key)] for key in row.needs]
        )
    learners = list(
        Membership.objects.filter(role="employee", ended_at__isnull=True)
        .select_related("user", "organisation")
        .order_by("pk")
    )
    offers = registrations = 0
    for index, row in enumerate(MODULES):
        module = modules[(row.centre, row.key)]
        if row.format not in DATED_FORMATS or module.offers.exists():
            continue
        for number in range(1 + index % 3):
            offer = _offer(module, row, centres[row.centre], rng, number)
            offers += 1
            # Every fourth offer is full with a waitlist; others are partly booked.
            wanted = offer.capacity + 3 if (index + number) % 4 == 0 else rng.randint(0, 4)
            registrations += _register(offer, _pick(learners, rng, wanted))
    offers_run, registered_run = _course_to_run(modules[(SHOWCASE_CENTRE, COURSE_TO_RUN)])
    return gettext(
        "Lernkatalog der Demo: %(modules)d Module, %(offers)d Termine und %(registrations)d "
        "Anmeldungen neu."
    ) % {
        "modules": len(modules),
        "offers": offers + offers_run,
        "registrations": registrations + registered_run,
    }


def _module(row: ModuleRow, centre: Centre) -> Module:
    module, _created = Module.objects.update_or_create(
        centre=centre,
        key=row.key,
        defaults={
            "title": row.title,
            "summary": row.summary + " (fiktives Demo-Angebot)",
            "format": row.format,
            "duration_hours": Decimal(str(row.hours)),
            "cost_eur": Decimal(row.cost),
            "competences": row.competences,
            "prerequisite_levels": row.needs_levels,
            "language": "de",
            "licence": "CC BY-SA 4.0",
            "accessibility": "Barrierearme Unterlagen; Untertitel bei Online-Terminen.",
            "published": True,
        },
    )
    return module


def _trainer(centre: Centre) -> Membership | None:
    return Membership.objects.filter(centre=centre, role="trainer", ended_at__isnull=True).first()


def _place(centre: Centre, row: ModuleRow, rng: random.Random) -> dict[str, object]:
    lands = list(centre.lands.order_by("code"))
    if row.format in ONLINE_FORMATS or not lands:
        return {"online": True}
    land: Land = rng.choice(lands)
    kreise = [k for k in KREISE if k.ags[:2] == land.ags]
    kreis = rng.choice(kreise)
    return {"land": land, "kreis_ags": kreis.ags, "kreis_name": kreis.name,
            "venue": f"{centre.name}, Seminarraum {rng.randint(1, 4)}"}  # fmt: skip


def _at(day: int, hour: int) -> datetime:
    moment = datetime.combine(timezone.localdate() + timedelta(days=day), time(hour))
    return timezone.make_aware(moment)


def _offer(
    module: Module, row: ModuleRow, centre: Centre, rng: random.Random, number: int
) -> Offer:
    offer = Offer.objects.create(
        module=module,
        capacity=rng.choice((6, 8, 12, 16)),
        trainer=_trainer(centre),
        status=OfferStatus.OPEN,
        **_place(centre, row, rng),  # type: ignore[arg-type]
    )
    day = 7 + number * 60 + rng.randint(0, 50)  # within the next six months
    days = 2 if row.hours > 6 else 1
    per_day = min(row.hours / days, 8)
    for n in range(days):
        start = _at(day + n * 7, 9)
        Session.objects.create(
            offer=offer, starts_at=start, ends_at=start + timedelta(hours=per_day)
        )
    return offer


def _pick(learners: list[Membership], rng: random.Random, n: int) -> list[Membership]:
    return rng.sample(learners, min(n, len(learners)))


def _register(offer: Offer, people: list[Membership], *, status: str = "") -> int:
    position = 0
    for taken, member in enumerate(people):
        if status:
            state, place = status, None
        elif taken < offer.capacity:
            state, place = RegistrationStatus.REGISTERED, None
        else:
            position += 1
            state, place = RegistrationStatus.WAITLISTED, position
        Registration.objects.create(
            offer=offer,
            user=member.user,
            organisation=member.organisation,
            status=state,
            position=place,
        )
    return len(people)


def _course_to_run(module: Module) -> tuple[int, int]:
    """The showcase trainer's course of yesterday: registered staff of the showcase company,
    attendance not yet confirmed."""
    if module.offers.filter(status=OfferStatus.CLOSED).exists():
        return 0, 0
    centre = module.centre
    offer = Offer.objects.create(
        module=module,
        capacity=12,
        trainer=_trainer(centre),
        status=OfferStatus.CLOSED,
        land=centre.lands.filter(code="HH").first() or centre.lands.first(),
        venue=f"{centre.name}, Seminarraum 1",
    )
    start = _at(-1, 9)
    Session.objects.create(offer=offer, starts_at=start, ends_at=start + timedelta(hours=4))
    staff = list(
        Membership.objects.filter(
            organisation__legal_name=SHOWCASE_COMPANY, role="employee", ended_at__isnull=True
        ).select_related("user", "organisation")
    )
    return 1, _register(offer, staff[:8], status=RegistrationStatus.REGISTERED)

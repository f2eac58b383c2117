"""What the catalogue's pages show, assembled from queries: labels, places, calendar events,
the offer page's state and the centre's demand (through core.disclosure)."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.core.disclosure import Contribution, Parameters, publish_count
from zukunftszentrum.core.suppression_labels import below_minimum_label
from zukunftszentrum.organisations.models import Membership, User

from ..models import Module, Offer, OfferStatus, Registration, RegistrationStatus
from . import queries, rules
from .ical import Event

COMPETENCE_LABELS = {
    "ai_basics": gettext_lazy("KI-Grundlagen"),
    "how_genai_works": gettext_lazy("Wie generative KI arbeitet"),
    "ai_use_cases": gettext_lazy("Einsatzfelder von KI"),
    "prompting": gettext_lazy("Prompting"),
    "tool_workflows": gettext_lazy("KI in Arbeitsabläufen"),
    "choosing_tools": gettext_lazy("Werkzeuge auswählen"),
    "checking_outputs": gettext_lazy("Ergebnisse prüfen"),
    "bias_fairness": gettext_lazy("Verzerrungen und Fairness"),
    "human_oversight": gettext_lazy("Menschliche Aufsicht"),
    "personal_data": gettext_lazy("Personenbezogene Daten"),
    "confidential_data": gettext_lazy("Vertrauliche Daten"),
    "it_security": gettext_lazy("IT-Sicherheit"),
    "ai_act_obligations": gettext_lazy("Pflichten nach der KI-Verordnung"),
    "copyright_ip": gettext_lazy("Urheberrecht und geistiges Eigentum"),
    "ethics_responsibility": gettext_lazy("Ethik und Verantwortung"),
    "codetermination": gettext_lazy("Mitbestimmung"),
    "change_participation": gettext_lazy("Wandel mitgestalten"),
    "work_design": gettext_lazy("Arbeit gestalten"),
}
LEVEL_LABELS = {
    1: gettext_lazy("Kennen"),
    2: gettext_lazy("Anwenden mit Anleitung"),
    3: gettext_lazy("Selbstständig anwenden"),
    4: gettext_lazy("Anleiten und gestalten"),
}


def competence_choices() -> list[tuple[str, Any]]:
    return [(c, COMPETENCE_LABELS[c]) for c in rules.COMPETENCES]


def competence_rows(levels: dict[str, int]) -> list[dict[str, Any]]:
    """Competence id -> level as rows with labels, in the framework's order."""
    return [
        {
            "id": c,
            "label": COMPETENCE_LABELS[c],
            "level": levels[c],
            "level_label": LEVEL_LABELS.get(levels[c], ""),
        }
        for c in rules.COMPETENCES
        if c in levels
    ]


def place_label(offer: Offer) -> str:
    if offer.online:
        return _("online")
    parts = [offer.venue, offer.kreis_name, offer.land.name if offer.land else ""]
    return ", ".join(p for p in parts if p)


def offer_events(
    offer: Offer, *, url: str = "", organizer: str = "", attendee: str = "", cancelled: bool = False
) -> list[Event]:
    """One calendar event per session; no personal data unless `attendee` is given."""
    sessions = list(offer.sessions.all())
    return [
        Event(
            uid=f"{offer.uid}-{number}@zukunftszentren",
            starts_at=session.starts_at,
            ends_at=session.ends_at,
            summary=offer.module.title
            + (f" ({number}/{len(sessions)})" if len(sessions) > 1 else ""),
            location=place_label(offer),
            description=offer.module.summary,
            url=url,
            sequence=offer.sequence,
            cancelled=cancelled or offer.status == OfferStatus.CANCELLED,
            organizer=organizer,
            attendee=attendee,
        )
        for number, session in enumerate(sessions, start=1)
    ]


@dataclass(frozen=True)
class OfferState:
    free: int
    waiting: int
    mine: Registration | None
    may_register: bool  # the viewer holds LEARN and has no active registration


def offer_state(offer: Offer, viewer: User | None, *, learns: bool) -> OfferState:
    taken = queries.seats_taken(offer)
    waiting = offer.registrations.filter(status=RegistrationStatus.WAITLISTED).count()
    mine = queries.active_registration(viewer, offer) if viewer is not None else None
    open_ = offer.status == OfferStatus.OPEN
    return OfferState(
        free=rules.free_seats(offer.capacity, taken),
        waiting=waiting,
        mine=mine,
        may_register=learns and open_ and mine is None,
    )


def module_page(module: Module) -> dict[str, Any]:
    offers = queries.upcoming(queries.public_offers().filter(module=module)).select_related("land")
    return {
        "module": module,
        "competences": competence_rows(module.competences),
        "prerequisite_levels": competence_rows(module.prerequisite_levels),
        "prerequisites": module.prerequisite_modules.filter(published=True),
        "offers": [(o, place_label(o)) for o in offers.prefetch_related("sessions")],
    }


# --- cards on "Meine Übersicht" -----------------------------------------------------------
CARD_ROWS = 4


def learner_card(member: Membership) -> dict[str, Any]:
    """The person's next registrations (their own data)."""
    return {"next_registrations": list(queries.next_registrations_of(member.user)[:CARD_ROWS])}


def trainer_card(member: Membership) -> dict[str, Any]:
    """Courses the trainer runs from a week ago on: the one to confirm attendance comes first."""
    return {"my_courses": list(queries.courses_of_trainer(member)[:CARD_ROWS])}


# --- the centre's demand view -------------------------------------------------------------
@dataclass(frozen=True)
class DemandRow:
    module: Module
    region: str
    registered: str  # a published count, or "unter 5"
    waiting: str


def _count(keys: list[int], params: Parameters) -> str:
    figure = publish_count([Contribution(key=k) for k in sorted(keys)], params=params)
    return str(figure.value) if figure.shown else below_minimum_label(params.minimum)


def demand_rows(member: Membership) -> list[DemandRow]:
    """Registrations and waitlists of the centre's modules (the network's for the programme
    administration) by module and Land (or online):
    people counted once per cell, published through disclosure control only."""
    params = Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)
    cells: dict[tuple[int, str], dict[str, dict[int, int]]] = defaultdict(
        lambda: {"seat": {}, "wait": {}}
    )
    modules = {m.pk: m for m in queries.demand_modules(member)}
    rows = Registration.objects.filter(
        offer__module__in=list(modules),
        status__in=(
            RegistrationStatus.REGISTERED,
            RegistrationStatus.ATTENDED,
            RegistrationStatus.WAITLISTED,
        ),
    ).values_list(
        "offer__module_id", "offer__online", "offer__land__name", "user_id", "status", "record_key"
    )
    for module_id, online, land, user_id, status, key in rows:
        region = _("online") if online else land
        kind = "wait" if status == RegistrationStatus.WAITLISTED else "seat"
        # One key per person and cell: the smallest, so it does not depend on row order.
        keys = cells[(module_id, region)][kind]
        keys[user_id] = min(key, keys.get(user_id, key))
    return [
        DemandRow(
            modules[module_id],
            region,
            _count(list(cell["seat"].values()), params),
            _count(list(cell["wait"].values()), params),
        )
        for (module_id, region), cell in sorted(
            cells.items(), key=lambda item: (modules[item[0][0]].title, item[0][1])
        )
    ]

"""Demo data for the Art. 4 record (called from the AI-Act app's demo step): production staff at
the showcase company who passed units and attended a course, and the people among the company's
staff who share them. Enough people share for the company's figures to be published: the
production profile reaches the minimum, and so do the others taken together (otherwise the
company total minus production would be a small group, and one of the two would be withheld).
Runs again without writing twice: people, entries and shares are looked up first."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.utils import timezone

from zukunftszentrum.organisations import actions as org_actions
from zukunftszentrum.organisations.demo_data import DEMO_PASSWORD, SHOWCASE_CENTRE
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation
from zukunftszentrum.organisations.roles import Role

from ..competence import content
from ..models import Evidence, EvidenceKind, JobProfileAssignment, Offer
from .completions import completions_of, set_shared

PRODUCTION = "production_crafts"
NEW_STAFF = ("Eva Brandt", "Tim Köster", "Aylin Demir", "Piotr Nowak", "Sven Ohlsen", "Ina Wulf")
# (unit id, German title, competence, level, days ago)
UNITS = (
    ("ki-ergebnisse-pruefen", "KI-Ergebnisse prüfen", "checking_outputs", 2, 75),
    ("datenschutz-und-geheimnisse", "Datenschutz und Geschäftsgeheimnisse bei KI-Werkzeugen",
     "confidential_data", 2, 50),
)  # fmt: skip
OTHERS_WHO_SHARE = 6  # of the company's other staff, the lead left out


def _production_staff(organisation: Organisation, lead: Any) -> list[Membership]:
    User = get_user_model()
    domain = "hanse-praezision.example.org"
    people = []
    for name in NEW_STAFF:
        local = name.lower().replace(" ", ".").translate(str.maketrans("äöüß", "aous"))
        user, _created = User.objects.get_or_create(
            email=f"{local}@{domain}",
            defaults={"full_name": name, "password": make_password(DEMO_PASSWORD)},
        )
        member = Membership.objects.filter(
            user=user, organisation=organisation, ended_at__isnull=True
        ).first() or org_actions.grant_membership(
            user=user, role=Role.EMPLOYEE, organisation=organisation, granted_by=lead
        )
        JobProfileAssignment.objects.get_or_create(
            organisation=organisation, user=user, defaults={"profile": PRODUCTION}
        )
        people.append(member)
    return people


def _entry(user: Any, competence: str, kind: str, level: int, source: str, note: str, days: int):
    return Evidence.objects.get_or_create(
        user=user,
        competence=competence,
        kind=kind,
        source=source,
        defaults={
            "level": level,
            "framework_version": content.framework().version,
            "recorded_at": timezone.now() - dt.timedelta(days=days),
            "note": note,
        },
    )[1]


def seed_sharing(organisation: Organisation) -> dict[str, int]:
    """People, entries and shares for the company; counts of what was new."""
    lead = next(
        (m.user for m in members_of_organisation(organisation) if m.role == Role.COMPANY_LEAD),
        None,
    )
    production = _production_staff(organisation, lead)
    profiles = dict(
        JobProfileAssignment.objects.filter(organisation=organisation).values_list(
            "user_id", "profile"
        )
    )
    others: dict[int, Membership] = {}
    for m in members_of_organisation(organisation).order_by("created_at", "pk"):
        if m.user != lead and profiles.get(m.user_id) != PRODUCTION:
            others.setdefault(m.user_id, m)
    sharers = production + list(others.values())[:OTHERS_WHO_SHARE]
    offer = Offer.objects.filter(module__centre__slug=SHOWCASE_CENTRE).order_by("pk").first()
    written = shared = 0
    for number, member in enumerate(sharers):
        unit_id, title, competence, level, days = UNITS[number % len(UNITS)]
        written += _entry(
            member.user, competence, EvidenceKind.UNIT_PASSED, level,
            f"unit:{unit_id}@2027.1", title, days + number,
        )  # fmt: skip
        if offer is not None and member in production:
            for competence_id, reached in sorted(offer.module.competences.items()):
                written += _entry(
                    member.user, competence_id, EvidenceKind.ATTENDED, reached,
                    f"offer:{offer.pk}", str(offer), 30,
                )  # fmt: skip
        added, _withdrawn = set_shared(
            member=member, refs=[c.ref for c in completions_of(member.user)]
        )
        shared += len(added)
    return {"entries": written, "shared": shared, "people": len(sharers)}

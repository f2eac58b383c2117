"""Demo step "competences": job profiles at the showcase company and evidence for its people in
different states (self-rated only, measured below and above their self-rating, targets reached).
Runs again without writing twice: assignments are per person, entries carry a demo source."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from zukunftszentrum.core.demo_steps import DemoStepError
from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.queries import members_of_organisation
from zukunftszentrum.organisations.roles import Role

from ..models import Evidence, EvidenceKind, JobProfileAssignment, OwnGoal, TargetAdjustment
from . import content

ROLE_PROFILES = {Role.COMPANY_LEAD: "management", Role.WORKS_COUNCIL: "works_council"}
STAFF_PROFILES = ("production_crafts", "office_admin", "sales_service", "it_data", "team_lead")
# Per person (in the order of the staff list): entries as (competence, kind, level, days ago).
STATES: tuple[tuple[tuple[str, str, int, int], ...], ...] = (
    (  # measured above the self-rating in two competences, a gap in a third
        ("ai_basics", EvidenceKind.SELF_RATING, 1, 120),
        ("checking_outputs", EvidenceKind.SELF_RATING, 1, 120),
        ("human_oversight", EvidenceKind.SELF_RATING, 2, 120),
        ("ai_basics", EvidenceKind.ATTENDED, 2, 40),
        ("checking_outputs", EvidenceKind.QUIZ, 2, 20),
    ),
    (  # self-rated only
        ("prompting", EvidenceKind.SELF_RATING, 3, 60),
        ("personal_data", EvidenceKind.SELF_RATING, 2, 60),
    ),
    (  # a trainer rated below the self-rating
        ("prompting", EvidenceKind.SELF_RATING, 4, 90),
        ("prompting", EvidenceKind.TRAINER_ASSESSMENT, 2, 10),
    ),
    (  # a certificate
        ("it_security", EvidenceKind.CERTIFICATE, 3, 200),
        ("choosing_tools", EvidenceKind.SELF_RATING, 3, 30),
    ),
)


def seed_competences() -> str:
    organisation = Organisation.objects.filter(legal_name=SHOWCASE_COMPANY).first()
    if organisation is None:
        raise DemoStepError("Bitte legen Sie zuerst das Demo-Netzwerk an (seed_demo).")
    version = content.framework().version
    now = timezone.now()
    assigned = written = 0
    with transaction.atomic():
        TargetAdjustment.objects.get_or_create(
            organisation=organisation,
            profile="production_crafts",
            competence="human_oversight",
            defaults={"level": 3},
        )
        staff = 0
        seen: set[int] = set()
        members = sorted(
            members_of_organisation(organisation),
            key=lambda m: (m.role not in ROLE_PROFILES, m.created_at, m.pk),
        )
        for member in members:
            if member.user_id in seen:
                continue  # the works council member also works there: one profile
            seen.add(member.user_id)
            profile = ROLE_PROFILES.get(Role(member.role))
            states: tuple[tuple[str, str, int, int], ...] = ()
            if profile is None:
                profile = STAFF_PROFILES[staff % len(STAFF_PROFILES)]
                states = STATES[staff] if staff < len(STATES) else ()
                staff += 1
            _obj, created = JobProfileAssignment.objects.get_or_create(
                organisation=organisation, user=member.user, defaults={"profile": profile}
            )
            assigned += created
            for number, (competence, kind, level, days) in enumerate(states):
                _entry, created = Evidence.objects.get_or_create(
                    user=member.user,
                    competence=competence,
                    kind=kind,
                    source=f"demo:{number}",
                    defaults={
                        "level": level,
                        "framework_version": version,
                        "recorded_at": now - dt.timedelta(days=days),
                        "note": "Demo",
                    },
                )
                written += created
            if states:
                OwnGoal.objects.get_or_create(
                    user=member.user,
                    competence="how_genai_works",
                    defaults={"level": 2, "note": "Demo"},
                )
    return f"Kompetenzen: {assigned} Berufsprofile zugeordnet, {written} Nachweise angelegt"

"""The demo's participation project (demo step "participation"): Hanse Präzisionstechnik
introduces a visual inspection with AI and is collecting ideas and concerns, named and
anonymous, some already answered by the management. Runs again without duplicating.
"""

from __future__ import annotations

import datetime as dt
import random

from django.db import transaction
from django.utils import timezone

from zukunftszentrum.organisations.demo_data import SHOWCASE_COMPANY
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Role

from . import phases
from .models import (
    AnswerEntry,
    Category,
    Item,
    ItemStatus,
    Project,
    ProjectMember,
    ProjectPhase,
    Vote,
)
from .phases import ProjectRole
from .queries import voter_key
from .rules import accompanies

DEMO_TITLE = "KI-gestützte Sichtprüfung"

# (kind, category, title, text, anonymous, days ago, answer or None)
ITEMS = (
    ("concern", Category.MONITORING, "Wird die Kamera auch uns beobachten?",
     "Die Kameras an der Prüfstation sehen auch, wer dort arbeitet. Ich möchte wissen, ob "
     "daraus Leistungsdaten über einzelne Personen entstehen.", True, 6,
     (ItemStatus.ACCEPTED, "Die Kameras erfassen nur das Werkstück; Bilder von Personen werden "
      "verworfen. Das halten wir in der Betriebsvereinbarung fest.")),
    ("concern", Category.WORKLOAD, "Mehr Teile pro Schicht?",
     "Wenn die Prüfung schneller geht, steigt dann die Stückzahl, die wir schaffen sollen?",
     True, 5, (ItemStatus.CONSIDERING, "Wir prüfen das mit dem Betriebsrat im Pilot.")),
    ("idea", Category.QUALITY, "Grenzfälle gemeinsam anschauen",
     "Teile, bei denen die KI unsicher ist, sollten wir einmal pro Woche gemeinsam ansehen.",
     False, 4, (ItemStatus.ACCEPTED, "Gute Idee – ab dem Pilot jeden Donnerstag.")),
    ("idea", Category.SKILLS, "Schulung vor dem Start",
     "Bevor das System läuft, brauchen wir eine kurze Schulung an der Station.", False, 3, None),
    ("concern", Category.DATA_PROTECTION, "Wo werden die Bilder gespeichert?",
     "Bleiben die Bilder im Werk oder gehen sie zum Hersteller?", True, 2,
     (ItemStatus.REJECTED, "Eine Speicherung beim Hersteller lehnen wir ab; die Bilder bleiben "
      "auf dem Server im Werk. (Die Frage ist damit beantwortet.)")),
    ("concern", Category.HEALTH, "Bildschirmarbeit an der Station",
     "Wer die Ergebnisse kontrolliert, sitzt länger am Bildschirm. Bitte Pausen einplanen.",
     True, 1, None),
)  # fmt: skip


def _one(organisation: Organisation, role: Role) -> Membership | None:
    return (
        Membership.objects.filter(organisation=organisation, role=role, ended_at__isnull=True)
        .select_related("user")
        .first()
    )


@transaction.atomic
def seed_participation() -> dict[str, int]:
    company = Organisation.objects.get(legal_name=SHOWCASE_COMPANY)
    if Project.objects.filter(organisation=company, title=DEMO_TITLE).exists():
        return {"projects": 0, "items": 0}
    today = timezone.localdate()
    project = Project.objects.create(
        organisation=company,
        title=DEMO_TITLE,
        plan=(
            "Eine Kamera mit KI prüft die gefrästen Teile auf Kratzer und Maßabweichungen. "
            "Die Prüferinnen und Prüfer entscheiden bei Grenzfällen. Wir wollen das System "
            "gemeinsam einführen: erst verstehen, dann Ideen und Bedenken sammeln, dann "
            "einen Pilot in einer Schicht."
        ),
        current_phase="ideen_und_bedenken",
    )
    start = today - dt.timedelta(days=21)
    for i, key in enumerate(phases.phase_keys()):
        begins = start + dt.timedelta(days=14 * i)
        ProjectPhase.objects.create(
            project=project, key=key, starts_on=begins, ends_on=begins + dt.timedelta(days=13)
        )
    lead = _one(company, Role.COMPANY_LEAD)
    council = _one(company, Role.WORKS_COUNCIL)
    advisor = (
        Membership.objects.filter(role=Role.ADVISOR, ended_at__isnull=True, centre__isnull=False)
        .select_related("centre")
        .order_by("pk")
    )
    facilitator = next((a for a in advisor if accompanies(a, company.pk)), None)
    if facilitator is not None:
        ProjectMember.objects.create(
            project=project, membership=facilitator, role=ProjectRole.ADVISOR, is_facilitator=True
        )
    elif council is not None:
        ProjectMember.objects.create(
            project=project,
            membership=council,
            role=ProjectRole.WORKS_COUNCIL,
            is_facilitator=True,
        )
    employees = list(
        Membership.objects.filter(
            organisation=company, role=Role.EMPLOYEE, ended_at__isnull=True
        ).select_related("user")
    )
    rng = random.Random(15)
    made = 0
    for kind, category, title, text, anonymous, ago, answer in ITEMS:
        author = None if anonymous else (employees[made % len(employees)] if employees else lead)
        item = Item.objects.create(
            project=project,
            kind=kind,
            category=category,
            title=title,
            body=text,
            is_anonymous=anonymous,
            author=author,
            posted_on=today - dt.timedelta(days=ago),
        )
        made += 1
        for person in rng.sample(employees, k=min(len(employees), rng.randint(2, 12))):
            Vote.objects.create(
                item=item, voter=voter_key(person.user, item), agree=rng.random() < 0.75
            )
        if answer is not None:
            status, reason = answer
            AnswerEntry.objects.create(item=item, status=status, reason=reason, answered_by=lead)
            item.status = status
            item.save(update_fields=["status"])
    return {"projects": 1, "items": made}


# --- pulse, workshops, impact, decisions ---
def seed_activities() -> dict[str, int]:
    """Two released pulse rounds, a workshop, an impact assessment and decisions for the
    project above (moved to Erproben), and a smaller project of a company without a works
    council; see demo_activities. Runs again without duplicating."""
    from .demo_activities import seed_participation_activities

    return seed_participation_activities()


# --- end pulse, workshops, impact, decisions ---

"""Demo data of the Art. 4 record (part of the demo step "ai_systems"): the showcase company's
internal guidance, and shared completions of its people (learning.sharing.demo). Idempotent:
guidance is looked up by title, people and shares by theirs."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from zukunftszentrum.learning.sharing.demo import seed_sharing
from zukunftszentrum.organisations.models import Organisation

from .literacy_models import LiteracyGuidance

# (title, kind, days ago)
GUIDANCE = (
    ("Richtlinie zur Nutzung von KI-Chat-Assistenten", LiteracyGuidance.Kind.GUIDELINE, 200),
    ("Einweisung Sichtprüfung mit KI an Linie 2", LiteracyGuidance.Kind.BRIEFING, 120),
    ("Arbeitsanweisung: keine Kundendaten in externe KI-Werkzeuge", LiteracyGuidance.Kind.INSTRUCTION, 90),
)  # fmt: skip


def seed_literacy(company: Organisation) -> dict[str, int]:
    today = timezone.localdate()
    new = 0
    for title, kind, days in GUIDANCE:
        _entry, created = LiteracyGuidance.objects.get_or_create(
            organisation=company,
            title=title,
            defaults={"kind": kind, "issued_on": today - dt.timedelta(days=days)},
        )
        new += int(created)
    return {"guidance": new, **seed_sharing(company)}

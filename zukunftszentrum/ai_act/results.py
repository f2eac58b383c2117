"""What a system's page shows: its details, its stored classification with both law versions,
the status of each obligation, and whether a re-check is due."""

from __future__ import annotations

from typing import Any

from django.urls import NoReverseMatch, reverse

from zukunftszentrum.organisations.models import Membership

from . import products
from .models import AISystem
from .pages import open_duties, risk_label
from .queries import draft_of, latest_classification, latest_letter
from .rules import may_manage_system, may_retire_system


def factsheet_url(family: str) -> str | None:
    """The fact sheet on the technique family, where the knowledge pages are installed."""
    try:
        return reverse("ai_act:factsheet", kwargs={"family": family})
    except NoReverseMatch:
        return None


def system_context(system: AISystem, member: Membership | None) -> dict[str, Any]:
    classification = latest_classification(system)
    found = products.system_type(system.system_type)
    return {
        "system": system,
        "type_label": products.type_label(system.system_type),
        "factsheet_url": factsheet_url(found.family) if found else None,
        "user_profiles": products.profile_labels(system.user_profiles),
        "overseer_profiles": products.profile_labels(system.overseer_profiles),
        "classification": classification,
        "risk_label": risk_label(classification.risk if classification else None),
        "open_duties": open_duties(system, classification),
        "draft": draft_of(system),
        "letter": latest_letter(system),
        "can_manage": bool(may_manage_system(member, system)),
        "can_retire": bool(may_retire_system(member, system)),
    }

"""The card on "Meine Übersicht": the unit to go on with, or the next one to start."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from . import content, pages
from .queries import progress_of
from .units.schema import AUDIENCES


def next_unit(member: Any) -> dict[str, Any]:
    """The unit in progress read most recently; else the first not started that is written for
    the person's role (a solo self-employed person sees units for solos first)."""
    progress = progress_of(member.user)
    units = content.units()
    started = sorted(
        (p for p in progress.values() if p.passed_at is None and p.unit_id in units),
        key=lambda p: p.updated_at,
        reverse=True,
    )
    passed = sum(1 for p in progress.values() if p.passed_at is not None)
    if started:
        unit = units[started[0].unit_id]
        return {
            "next_unit": pages.unit_card(unit, started[0]),
            "next_unit_url": reverse(
                "self_learning:section", kwargs={"unit": unit.id, "number": started[0].section}
            ),
            "next_unit_started": True,
            "units_passed": passed,
        }
    audience = str(member.role) if str(member.role) in AUDIENCES else "employee"
    fresh = [u for u in units.values() if u.id not in progress]
    fresh.sort(key=lambda u: audience not in u.audience)  # stable: title order otherwise
    if not fresh:
        return {"next_unit": None, "units_passed": passed}
    return {
        "next_unit": pages.unit_card(fresh[0], None),
        "next_unit_url": reverse("self_learning:unit", kwargs={"unit": fresh[0].id}),
        "next_unit_started": False,
        "units_passed": passed,
    }

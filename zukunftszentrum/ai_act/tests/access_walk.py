"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from .factories import make_classified, make_system


def _system(t: Tenant) -> dict[str, int]:
    return {"pk": make_system(t.company).pk}


def _classified(t: Tenant) -> dict[str, int]:
    return {"pk": make_classified(t.company).pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "ai_act:system_detail": (_classified, Role.COMPANY_LEAD),
    "ai_act:system_edit": (_system, Role.COMPANY_LEAD),
    "ai_act:system_retire": (_system, Role.COMPANY_LEAD),
    "ai_act:classify": (_system, Role.COMPANY_LEAD),
    "ai_act:classify_review": (_classified, Role.COMPANY_LEAD),
    "ai_act:classify_question": (
        lambda t: {**_system(t), "question": "ai_system"},
        Role.COMPANY_LEAD,
    ),
    "ai_act:recheck": (_classified, Role.COMPANY_LEAD),
    "ai_act:duty_status": (_classified, Role.COMPANY_LEAD),
    "ai_act:letter": (_classified, Role.COMPANY_LEAD),
    "ai_act:letter_pdf": (_classified, Role.COMPANY_LEAD),
    "ai_act:factsheet": (lambda t: {"family": "speech"}, None),
    "ai_act:notices_filled": (lambda t: {"organisation": t.company.pk}, Role.COMPANY_LEAD),
}

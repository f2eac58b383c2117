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


# The Art. 4 record (literacy*.py): the company's own record; guidance the lead recorded.
def _guidance(t: Tenant) -> dict[str, int]:
    from django.core.files.base import ContentFile

    from ..literacy_models import LiteracyGuidance

    entry = LiteracyGuidance(
        organisation=t.company, title="Richtlinie", kind="guideline", issued_on="2026-10-01"
    )
    entry.attachment.save("walk.pdf", ContentFile(b"%PDF-1.4 access walk"), save=False)
    entry.save()
    return {"organisation": t.company.pk, "pk": entry.pk}


SAMPLES |= {
    "ai_act:literacy": (lambda t: {"organisation": t.company.pk}, Role.COMPANY_LEAD),
    "ai_act:literacy_pdf": (lambda t: {"organisation": t.company.pk}, Role.COMPANY_LEAD),
    "ai_act:literacy_guidance_add": (lambda t: {"organisation": t.company.pk}, Role.COMPANY_LEAD),
    "ai_act:literacy_guidance_file": (_guidance, Role.COMPANY_LEAD),
    "ai_act:literacy_guidance_remove": (_guidance, Role.COMPANY_LEAD),
}

"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

from .factories import make_system

SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "ai_act:system_detail": (lambda t: {"pk": make_system(t.company).pk}, Role.COMPANY_LEAD),
    "ai_act:system_edit": (lambda t: {"pk": make_system(t.company).pk}, Role.COMPANY_LEAD),
    "ai_act:system_retire": (lambda t: {"pk": make_system(t.company).pk}, Role.COMPANY_LEAD),
}

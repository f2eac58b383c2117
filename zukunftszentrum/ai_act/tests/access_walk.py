"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "ai_act:factsheet": (lambda t: {"family": "speech"}, None),
    "ai_act:notices_filled": (lambda t: {"organisation": t.company.pk}, Role.COMPANY_LEAD),
}

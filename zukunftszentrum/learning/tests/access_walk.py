"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from ..models import Evidence, OwnGoal

WALK_CERTIFICATE = "learning/certificates/access-walk-sample.pdf"


def _certificate(t: Tenant) -> dict[str, Any]:
    """An employee's certificate entry, its file stored once under a fixed name."""
    if not default_storage.exists(WALK_CERTIFICATE):
        default_storage.save(WALK_CERTIFICATE, ContentFile(b"%PDF-1.4 access walk"))
    entry = Evidence.objects.create(
        user=t.members[Role.EMPLOYEE].user,
        competence="it_security",
        kind="certificate",
        level=2,
        framework_version="2027.1",
        certificate=WALK_CERTIFICATE,
    )
    return {"pk": entry.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "learning:goal_remove": (
        lambda t: {
            "pk": OwnGoal.objects.create(
                user=t.members[Role.EMPLOYEE].user, competence="prompting", level=2
            ).pk
        },
        Role.EMPLOYEE,
    ),
    "learning:certificate": (_certificate, Role.EMPLOYEE),
    "learning:job_profiles_for": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "learning:profile_assign": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "learning:target_adjust": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
}

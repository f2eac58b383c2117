"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

from ..models import OwnGoal

SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "learning:goal_remove": (
        lambda t: {
            "pk": OwnGoal.objects.create(
                user=t.members[Role.EMPLOYEE].user, competence="prompting", level=2
            ).pk
        },
        Role.EMPLOYEE,
    ),
    "learning:job_profiles_for": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "learning:profile_assign": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "learning:target_adjust": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
}

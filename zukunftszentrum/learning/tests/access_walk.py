"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from typing import Any

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from ..models import Evidence, LearningPlan, OwnGoal, TeamPlan
from .catalogue_factories import make_module, make_offer

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


def _offer(t: Tenant):  # type: ignore[no-untyped-def]
    return make_offer(make_module(t.centre), capacity=5)


def _registration(t: Tenant):  # type: ignore[no-untyped-def]
    from zukunftszentrum.learning.catalogue.actions import register

    return register(member=t.members[Role.EMPLOYEE], offer=_offer(t)).registration


def _module_and_offer(t: Tenant) -> dict[str, int]:
    offer = _offer(t)
    return {"module_pk": offer.module_id, "pk": offer.pk}


def _team_plan(t: Tenant) -> dict[str, int]:
    plan = TeamPlan.objects.create(organisation=t.company, people=[])
    return {"org": t.company.pk, "pk": plan.pk}


def _own_plan(t: Tenant) -> dict[str, int]:
    plan = LearningPlan.objects.create(user=t.members[Role.EMPLOYEE].user, status="optimal")
    return {"pk": plan.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    # learning paths: the person's own plans; modules are public; a company's team plans
    "learning:path_old": (_own_plan, Role.EMPLOYEE),
    "learning:path_module": (lambda t: {"pk": make_module(t.centre).pk, "what": "lock"}, None),
    "learning:team_of": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "learning:team_plan": (_team_plan, Role.COMPANY_LEAD),
    "learning:team_register": (_team_plan, Role.COMPANY_LEAD),
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
    # public: anyone may read a published module or offer, and register across regions
    "learning:module": (lambda t: {"pk": make_module(t.centre).pk}, None),
    "learning:offer": (lambda t: {"pk": _offer(t).pk}, None),
    "learning:offer_register": (lambda t: {"pk": _offer(t).pk}, None),
    "learning:centre_calendar": (lambda t: {"slug": t.centre.slug}, None),
    "learning:registration_cancel": (lambda t: {"pk": _registration(t).pk}, Role.EMPLOYEE),
    # the centre's own modules, offers and courses
    "learning:module_edit": (lambda t: {"pk": make_module(t.centre).pk}, Role.CENTRE_ADMIN),
    "learning:offer_create": (
        lambda t: {"module_pk": make_module(t.centre).pk},
        Role.CENTRE_ADMIN,
    ),
    "learning:offer_edit": (_module_and_offer, Role.CENTRE_ADMIN),
    "learning:offer_capacity": (lambda t: {"pk": _offer(t).pk}, Role.CENTRE_ADMIN),
    "learning:course": (lambda t: {"pk": _offer(t).pk}, Role.TRAINER),
    "learning:course_export": (lambda t: {"pk": _offer(t).pk, "fmt": "xlsx"}, Role.TRAINER),
    "learning:course_attendance": (
        lambda t: {"pk": _registration(t).pk, "verdict": "teilgenommen"},
        Role.TRAINER,
    ),
    # --- trainer's assessment (begin) ---
    "learning:course_assess": (lambda t: {"pk": _registration(t).pk}, Role.TRAINER),
    # --- trainer's assessment (end) ---
}

"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from .catalogue_factories import make_module, make_offer


def _offer(t: Tenant):  # type: ignore[no-untyped-def]
    return make_offer(make_module(t.centre), capacity=5)


def _registration(t: Tenant):  # type: ignore[no-untyped-def]
    from zukunftszentrum.learning.catalogue_actions import register

    return register(member=t.members[Role.EMPLOYEE], offer=_offer(t)).registration


def _module_and_offer(t: Tenant) -> dict[str, int]:
    offer = _offer(t)
    return {"module_pk": offer.module_id, "pk": offer.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
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
}

"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

import random
from typing import Any

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample, Tenant

from .. import actions, content

UNIT = "ki-was-ist-ki"


def _own_attempt(t: Tenant) -> dict[str, Any]:
    """An attempt of the employee of tenant t (another person's is a 404)."""
    unit = content.units()[UNIT]
    progress, _token = actions.start_unit(user=t.members[Role.EMPLOYEE].user, unit=unit)
    return {"pk": actions.start_attempt(progress, unit, random.Random(1)).pk}


def _link(t: Tenant) -> dict[str, Any]:
    _progress, token = actions.start_unit(user=None, unit=content.units()[UNIT])
    return {"token": token}


def _link_attempt(t: Tenant) -> dict[str, Any]:
    progress, token = actions.start_unit(user=None, unit=content.units()[UNIT])
    attempt = actions.start_attempt(progress, content.units()[UNIT], random.Random(1))
    return {"token": token, "pk": attempt.pk}


SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "self_learning:unit": (lambda t: {"unit": UNIT}, None),
    "self_learning:start": (lambda t: {"unit": UNIT}, None),
    "self_learning:print": (lambda t: {"unit": UNIT}, None),
    "self_learning:section": (lambda t: {"unit": UNIT, "number": 2}, None),
    "self_learning:quiz": (lambda t: {"unit": UNIT}, None),
    "self_learning:unit_statistics": (lambda t: {"unit": UNIT}, None),
    "self_learning:attempt": (_own_attempt, Role.EMPLOYEE),
    "self_learning:review": (_own_attempt, Role.EMPLOYEE),
    "self_learning:token_home": (_link, None),
    "self_learning:token_section": (lambda t: {**_link(t), "number": 1}, None),
    "self_learning:token_quiz": (_link, None),
    "self_learning:token_attempt": (_link_attempt, None),
    "self_learning:token_review": (_link_attempt, None),
    "self_learning:token_claim": (_link, None),
}

"""Samples of this app's URLs for the access walk (see organisations/tests/access_walk.py)."""

from __future__ import annotations

from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.access_walk import Sample

from . import factories as checks

SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "assessments:assessment_start": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.EMPLOYEE,
    ),
    "assessments:close": (lambda t: {"pk": checks.walk_assessment(t.company)}, Role.COMPANY_LEAD),
    "assessments:reopen": (
        lambda t: {"pk": checks.walk_closed_assessment(t.company)},
        Role.COMPANY_LEAD,
    ),
    "assessments:company_result": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.COMPANY_LEAD,
    ),
    "assessments:company_result_pdf": (
        lambda t: {"pk": checks.walk_assessment(t.company)},
        Role.COMPANY_LEAD,
    ),
    "assessments:continue": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:page": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE]), "number": 1},
        Role.EMPLOYEE,
    ),
    "assessments:review": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:done": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:result": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:resume": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_continue": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_page": (lambda t: {"token": checks.walk_token(), "number": 1}, None),
    "assessments:token_review": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:token_done": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:result_by_token": (lambda t: {"token": checks.walk_token()}, None),
    "assessments:result_pdf": (
        lambda t: {"pk": checks.walk_response(t.members[Role.EMPLOYEE])},
        Role.EMPLOYEE,
    ),
    "assessments:result_pdf_by_token": (lambda t: {"token": checks.walk_token()}, None),
}

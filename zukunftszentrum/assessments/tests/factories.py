"""Builders and fixtures for the self-check tests: the small flow instruments in
`flow_fixtures/`, an open company check, a response. Import the fixture into a test module:
`from .factories import flow_content  # noqa: F401`."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from django.test import override_settings
from django.utils import timezone

from zukunftszentrum.assessments import instruments
from zukunftszentrum.assessments.models import Assessment, Perspective, Response
from zukunftszentrum.organisations.models import Membership, Organisation, User

FLOW_CONTENT = Path(__file__).parent / "flow_fixtures"

# Valid answers to every item of flowcheck with q_uses = yes (all three pages).
FLOWCHECK_PAGES: list[dict[str, Any]] = [
    {"q-q_goals": "4", "q-q_uses": "yes"},
    {"q-q_staff": "12", "q-q_tools": ["chat", "code"]},
    {"q-q_notes": "Alles gut", "q-q_likert_two": "2"},
]


@pytest.fixture
def flow_content() -> Iterator[Path]:
    """Point the registry at the flow fixtures for one test, then back at the real content."""
    with override_settings(ZZ_CONTENT_DIR=FLOW_CONTENT):
        instruments.reload()
        yield FLOW_CONTENT
    try:
        instruments.reload()
    except Exception:  # real content being edited: the next use loads it again
        instruments._catalog = None


def make_assessment(
    organisation: Organisation,
    *,
    key: str = "flowcheck",
    version: str = "2026.1",
    opened_by: User | None = None,
) -> Assessment:
    return Assessment.objects.create(
        organisation=organisation, instrument_key=key, version=version, opened_by=opened_by
    )


def make_response(
    member: Membership,
    assessment: Assessment | None = None,
    *,
    answers: dict[str, Any] | None = None,
    key: str = "flowcheck",
) -> Response:
    """A draft response of the member's person (to a company check, or an individual one)."""
    return Response.objects.create(
        assessment=assessment,
        instrument_key=assessment.instrument_key if assessment else key,
        version=assessment.version if assessment else "2026.1",
        respondent=member.user,
        organisation=member.organisation,
        perspective=Perspective.EMPLOYEE,
        answers=answers or {},
    )


# --- samples for the access walk (organisations/tests/test_access_walk.py), on real content ---
def walk_assessment(organisation: Organisation) -> int:
    """An open readiness check of the organisation."""
    assessment, _ = Assessment.objects.get_or_create(
        organisation=organisation,
        instrument_key="readiness",
        status=Assessment.Status.OPEN,
        defaults={"version": instruments.catalog().get("readiness").version},
    )
    return assessment.pk


def walk_closed_assessment(organisation: Organisation) -> int:
    """A readiness check of the organisation closed an hour ago (it can still be reopened)."""
    assessment = Assessment.objects.create(
        organisation=organisation,
        instrument_key="readiness",
        version=instruments.catalog().get("readiness").version,
        status=Assessment.Status.CLOSED,
        closed_at=timezone.now() - dt.timedelta(hours=1),
    )
    return assessment.pk


def walk_response(member: Membership) -> Any:
    """The id of a draft answer of the member to the organisation's readiness check."""
    assessment = Assessment.objects.get(pk=walk_assessment(member.organisation))
    return make_response(member, assessment).pk


def walk_token() -> str:
    """The private link of a visitor's draft of the competence check."""
    from zukunftszentrum.assessments import actions

    _response, token = actions.start_individual_response(user=None, instrument_key="competence")
    assert token is not None
    return token

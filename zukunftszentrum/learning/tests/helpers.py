"""Small builders for the competence tests."""

from __future__ import annotations

from typing import Any

from django.utils import timezone

from zukunftszentrum.assessments.actions import result_snapshot
from zukunftszentrum.assessments.engine import scoring
from zukunftszentrum.assessments.instruments import catalog
from zukunftszentrum.assessments.models import Perspective, Response
from zukunftszentrum.organisations.models import Membership


def submit_competence_check(member: Membership, value: int = 4) -> Response:
    """A submitted individual competence check, every self-assessment item at `value`."""
    inst = catalog().get("competence")
    answers: dict[str, Any] = {i.id: value for i in inst.items if i.type == "likert"}
    response = Response(
        instrument_key="competence",
        version=inst.version,
        respondent=member.user,
        organisation=member.organisation,
        perspective=Perspective.EMPLOYEE,
        answers=answers,
        submitted_at=timezone.now(),
    )
    response.result = result_snapshot(scoring.score(inst, answers))
    response.save()
    return response

"""The work-impact assessment in the database (models.impact, impact_scale).

Management and works council rate as bodies: one rating per dimension, the latest entry
replaces the earlier one, and who entered it is logged. Employees rate one by one under a
keyed hash; their ratings are shown only as published means, and only after the facilitator
(or the lead) has closed their rating, so the means never move while someone watches.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.organisations.models import Membership

from . import activity_rules, impact_scale
from .actions import NotAllowed, ParticipationError
from .audit_actions import ParticipationAction as Act
from .models import BodyRating, EmployeeImpactRating, ImpactAssessment, Project

BODY_ACTIONS = {
    BodyRating.Body.MANAGEMENT: "rate_management",
    BodyRating.Body.WORKS_COUNCIL: "rate_council",
}


def params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def rater_key(user: Any, assessment: ImpactAssessment) -> str:
    key = f"{settings.SECRET_KEY}:participation-impact:{assessment.secret}".encode()
    return hmac.new(key, str(user.pk).encode(), hashlib.sha256).hexdigest()


def _log(action: str, member: Membership, a: ImpactAssessment, **details: Any) -> None:
    record_event(
        action,
        actor=member.user,
        organisation_id=a.project.organisation_id,
        summary=a.subject,
        project=a.project_id,
        assessment=a.pk,
        **details,
    )


def _checked(ratings: Mapping[str, Any]) -> dict[str, int]:
    out = {}
    for dimension, value in ratings.items():
        if dimension not in impact_scale.DIMENSIONS or value not in impact_scale.SCALE:
            raise ValueError(dimension)
        out[dimension] = int(value)
    return out


@transaction.atomic
def create(
    *, member: Membership, project: Project, subject: str, description: str = ""
) -> ImpactAssessment:
    activity_rules.may("run_workshop", member, project).enforce(NotAllowed)
    a = ImpactAssessment.objects.create(
        project=project,
        subject=subject,
        description=description,
        secret=secrets.token_hex(32),
    )
    _log(Act.IMPACT_SAVED, member, a)
    return a


@transaction.atomic
def rate_as_body(
    *,
    member: Membership,
    assessment: ImpactAssessment,
    body: str,
    ratings: Mapping[str, Any],
    notes: Mapping[str, str] | None = None,
) -> None:
    activity_rules.may(BODY_ACTIONS[BodyRating.Body(body)], member, assessment.project).enforce(
        NotAllowed
    )
    notes = notes or {}
    for dimension, rating in _checked(ratings).items():
        BodyRating.objects.update_or_create(
            assessment=assessment,
            body=body,
            dimension=dimension,
            defaults={"rating": rating, "note": notes.get(dimension, ""), "entered_by": member},
        )
    _log(Act.IMPACT_BODY_RATED, member, assessment, body=body)


@transaction.atomic
def rate_as_employee(
    *, member: Membership, assessment: ImpactAssessment, ratings: Mapping[str, Any]
) -> None:
    """An employee's own ratings; sending again replaces them. Not logged (see models.impact)."""
    activity_rules.may("rate_employee", member, assessment.project).enforce(NotAllowed)
    if assessment.employees_closed_on is not None:
        raise ParticipationError(
            _(
                "Die Bewertung der Beschäftigten ist abgeschlossen; Ihre Angaben wurden nicht gespeichert."
            )
        )
    rater = rater_key(member.user, assessment)
    for dimension, rating in _checked(ratings).items():
        EmployeeImpactRating.objects.update_or_create(
            assessment=assessment, rater=rater, dimension=dimension, defaults={"rating": rating}
        )


@transaction.atomic
def close_employees(*, member: Membership, assessment: ImpactAssessment) -> None:
    activity_rules.may("run_workshop", member, assessment.project).enforce(NotAllowed)
    if assessment.employees_closed_on is None:
        assessment.employees_closed_on = timezone.localdate()
        assessment.save(update_fields=["employees_closed_on"])
        _log(Act.IMPACT_CLOSED, member, assessment)


def own_ratings(assessment: ImpactAssessment, user: Any) -> dict[str, int]:
    rater = rater_key(user, assessment)
    return dict(assessment.employee_ratings.filter(rater=rater).values_list("dimension", "rating"))


def side_by_side(assessment: ImpactAssessment, user: Any) -> list[impact_scale.Row]:
    """The three perspectives per dimension. Before the employees' rating is closed their
    column is withheld whatever the numbers (no live means)."""
    bodies: dict[str, dict[str, int]] = {"management": {}, "works_council": {}}
    for body, dimension, rating in assessment.body_ratings.values_list(
        "body", "dimension", "rating"
    ):
        bodies[body][dimension] = rating
    ratings: list[impact_scale.EmployeeRating] = []
    if assessment.employees_closed_on is not None:
        own = rater_key(user, assessment)
        ratings = [
            impact_scale.EmployeeRating(key, dimension, rating, rater == own)
            for key, dimension, rating, rater in assessment.employee_ratings.values_list(
                "record_key", "dimension", "rating", "rater"
            )
        ]
    return impact_scale.side_by_side(
        f"{assessment.project_id}:{assessment.pk}",
        bodies["management"],
        bodies["works_council"],
        ratings,
        params(),
    )


def access_assessment(project: Project, pk: object) -> ImpactAssessment:
    return get_object_or_404(
        ImpactAssessment.objects.select_related("project"), project=project, pk=pk
    )

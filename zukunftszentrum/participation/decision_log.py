"""The decision log (models.decisions): drafts, publishing, and corrections appended to a
published entry. `decisions_for_report(project)` is what the process report prints."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import activity_rules
from .actions import NotAllowed, ParticipationError
from .audit_actions import ParticipationAction as Act
from .models import Decision, Item, Project, Workshop

FIELDS = ("decided_on", "decided_by", "title", "text", "reasons", "dissent")


def decisions_for_report(project: Project) -> list[Decision]:
    """The published entries in order of their date (corrections included, each pointing to
    the entry it corrects); drafts never appear."""
    return list(
        project.decisions.filter(published_on__isnull=False)
        .select_related("corrects", "workshop")
        .prefetch_related("answers", "corrections")
        .order_by("decided_on", "published_on", "id")
    )


def visible_to(project: Project, *, drafts: bool) -> QuerySet[Decision]:
    qs = project.decisions.select_related("corrects").prefetch_related("answers", "corrections")
    return qs if drafts else qs.filter(published_on__isnull=False)


def _log(action: str, member: Membership, d: Decision) -> None:
    record_event(
        action,
        actor=member.user,
        organisation_id=d.project.organisation_id,
        summary=d.title,
        project=d.project_id,
        decision=d.pk,
    )


def _own_items(project: Project, items: Iterable[Item]) -> list[Item]:
    chosen = list(items)
    if any(i.project_id != project.pk for i in chosen):
        raise NotAllowed(_("Ein Beitrag gehört nicht zu diesem Projekt."))
    return chosen


@transaction.atomic
def save_draft(
    *,
    member: Membership,
    project: Project,
    values: dict[str, Any],
    answers: Iterable[Item] = (),
    draft: Decision | None = None,
    corrects: Decision | None = None,
    workshop: Workshop | None = None,
) -> Decision:
    """A new draft, or changes to a draft; a published entry cannot be changed."""
    activity_rules.may("record_decision", member, project).enforce(NotAllowed)
    if draft is not None and draft.is_published:
        raise ParticipationError(
            _(
                "Eine veröffentlichte Entscheidung wird nicht mehr geändert. Legen Sie eine "
                "Korrektur an; sie erscheint mit Verweis auf den ursprünglichen Eintrag."
            )
        )
    if corrects is not None and (corrects.project_id != project.pk or not corrects.is_published):
        raise ParticipationError(_("Korrigiert werden nur veröffentlichte Einträge."))
    decision = draft or Decision(project=project, recorded_by=member)
    for field in FIELDS:
        setattr(decision, field, values[field] if field != "dissent" else values.get(field, ""))
    if draft is None:
        decision.corrects, decision.workshop = corrects, workshop
    decision.save()
    decision.answers.set(_own_items(project, answers))
    _log(Act.DECISION_SAVED, member, decision)
    return decision


@transaction.atomic
def publish(*, member: Membership, decision: Decision, today: dt.date | None = None) -> None:
    activity_rules.may("record_decision", member, decision.project).enforce(NotAllowed)
    # Claimed with a conditional update: a second click publishes nothing twice.
    done = Decision.objects.filter(pk=decision.pk, published_on__isnull=True).update(
        published_on=today or timezone.localdate()
    )
    if not done:
        raise ParticipationError(_("Diese Entscheidung ist bereits veröffentlicht."))
    decision.refresh_from_db()
    _log(Act.DECISION_PUBLISHED, member, decision)


def access_decision(project: Project, pk: object) -> Decision:
    return get_object_or_404(Decision.objects.select_related("project"), project=project, pk=pk)

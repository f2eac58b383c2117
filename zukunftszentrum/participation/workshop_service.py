"""Workshops in the database (models.workshops): planning from a template, participants,
results recorded as named items of the idea list, and flip-chart photos."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import activity_rules, rules, workshop_content
from .actions import NotAllowed, ParticipationError
from .audit_actions import ParticipationAction as Act
from .models import Item, Project, Workshop, WorkshopPhoto


def _log(action: str, member: Membership, w: Workshop) -> None:
    record_event(
        action,
        actor=member.user,
        organisation_id=w.project.organisation_id,
        summary=w.title,
        project=w.project_id,
        workshop=w.pk,
    )


def possible_participants(project: Project) -> QuerySet[Membership]:
    """The project's people: the company's current members who take part, and listed ones."""
    people = Membership.objects.filter(ended_at__isnull=True).filter(
        organisation_id=project.organisation_id
    ) | Membership.objects.filter(ended_at__isnull=True, participation_roles__project=project)
    taking_part = [m.pk for m in people.distinct() if rules.participant(m, project).role]
    return (
        Membership.objects.filter(pk__in=taking_part)
        .select_related("user")
        .order_by("user__full_name", "pk")
    )


def _members_only(project: Project, people: Iterable[Membership]) -> list[Membership]:
    chosen = list(people)
    if any(rules.participant(m, project).role is None for m in chosen):
        raise ParticipationError(_("Teilnehmen können nur Personen, die am Projekt teilnehmen."))
    return chosen


def agenda_from(template_key: str) -> str:
    if not template_key:
        return ""
    return workshop_content.template(template_key).agenda_text(get_language() or "de")


@transaction.atomic
def save(
    *,
    member: Membership,
    project: Project,
    title: str,
    held_on: dt.date,
    template_key: str = "",
    agenda: str = "",
    notes: str = "",
    participants: Iterable[Membership] = (),
    workshop: Workshop | None = None,
) -> Workshop:
    """A new workshop (its agenda copied from the template when none is given) or changes."""
    activity_rules.may("run_workshop", member, project).enforce(NotAllowed)
    w = workshop or Workshop(project=project, template_key=template_key)
    w.title, w.held_on, w.notes = title, held_on, notes
    w.agenda = agenda if (agenda.strip() or workshop is not None) else agenda_from(template_key)
    w.save()
    w.participants.set(_members_only(project, participants))
    _log(Act.WORKSHOP_SAVED, member, w)
    return w


@transaction.atomic
def add_result(
    *, member: Membership, workshop: Workshop, kind: str, category: str, title: str, body: str
) -> Item:
    """A result as a named item of the idea list, linked to the workshop. Not bound to the
    phase's posting rule: it records what the workshop produced."""
    activity_rules.may("run_workshop", member, workshop.project).enforce(NotAllowed)
    item = Item.objects.create(
        project=workshop.project,
        kind=kind,
        category=category,
        title=title,
        body=body,
        is_anonymous=False,
        author=member,
        posted_on=timezone.localdate(),
    )
    workshop.results.add(item)
    _log(Act.WORKSHOP_RESULT, member, workshop)
    return item


@transaction.atomic
def add_photo(
    *, member: Membership, workshop: Workshop, image: UploadedFile, caption: str
) -> WorkshopPhoto:
    activity_rules.may("run_workshop", member, workshop.project).enforce(NotAllowed)
    photo = WorkshopPhoto(workshop=workshop, caption=caption)
    photo.image.save(image.name or "foto", image, save=True)
    _log(Act.WORKSHOP_PHOTO, member, workshop)
    return photo


def access_workshop(project: Project, pk: object) -> Workshop:
    return get_object_or_404(Workshop.objects.select_related("project"), project=project, pk=pk)


def access_photo(workshop: Workshop, pk: object) -> WorkshopPhoto:
    return get_object_or_404(WorkshopPhoto, workshop=workshop, pk=pk)


def results_of(workshop: Workshop) -> Any:
    return workshop.results.order_by("posted_on", "id")

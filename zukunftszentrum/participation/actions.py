"""Writes of the participation projects: keyword-only, atomic, each asks its rule first.

Posting, commenting and voting leave no trace of the person next to anonymous content: no
author, no audit event, only the day (see models.ideas). Everything the lead and the
facilitator do is logged with their name, as any management action.
"""

from __future__ import annotations

import datetime as dt
import uuid
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import phases, rules
from .audit_actions import ParticipationAction as Act
from .models import (
    AnswerEntry,
    Comment,
    Item,
    ItemStatus,
    Project,
    ProjectDocument,
    ProjectMember,
    ProjectPhase,
    Vote,
)
from .phases import ProjectRole
from .queries import voter_key
from .tasks import after_phase_move


class ParticipationError(Exception):
    """A refused or impossible step; the message is for the person."""


class NotAllowed(ParticipationError):
    """The rules refuse (views answer 403)."""


def _enforce(answer: Any) -> None:
    answer.enforce(NotAllowed)


def _log(action: str, member: Membership, project: Project, summary: str, **details: Any) -> None:
    record_event(
        action,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=summary,
        project=project.pk,
        **details,
    )


PhaseDates = dict[str, tuple[dt.date | None, dt.date | None]]


@transaction.atomic
def create_project(
    *,
    member: Membership,
    title: str,
    plan: str = "",
    ai_system_id: int | None = None,
    all_employees: bool = True,
    dates: PhaseDates | None = None,
) -> Project:
    _enforce(rules.may_create_project(member))
    assert member.organisation_id is not None
    keys = phases.phase_keys()
    project = Project.objects.create(
        organisation_id=member.organisation_id,
        title=title,
        plan=plan,
        ai_system_id=ai_system_id,
        all_employees=all_employees,
        current_phase=keys[0],
    )
    dates = dates or {}
    ProjectPhase.objects.bulk_create(
        ProjectPhase(
            project=project,
            key=k,
            starts_on=dates.get(k, (None, None))[0],
            ends_on=dates.get(k, (None, None))[1],
        )
        for k in keys
    )
    _log(Act.PROJECT_CREATED, member, project, title)
    return project


@transaction.atomic
def update_project(
    *,
    member: Membership,
    project: Project,
    title: str,
    plan: str,
    ai_system_id: int | None,
    all_employees: bool,
    dates: PhaseDates,
) -> None:
    _enforce(rules.may("manage", member, project))
    project.title, project.plan = title, plan
    project.ai_system_id, project.all_employees = ai_system_id, all_employees
    project.save(update_fields=["title", "plan", "ai_system_id", "all_employees"])
    for phase in project.phases.all():
        if phase.key in dates:
            phase.starts_on, phase.ends_on = dates[phase.key]
            phase.save(update_fields=["starts_on", "ends_on"])
    _log(Act.PROJECT_CHANGED, member, project, title)


@transaction.atomic
def move_phase(*, member: Membership, project: Project, key: str) -> None:
    _enforce(rules.may("manage", member, project))
    if key not in phases.phase_keys():
        raise ParticipationError(_("Diese Phase gibt es nicht."))
    if project.current_phase == key:
        return  # a second tab: already there
    before = project.current_phase
    project.current_phase = key
    project.save(update_fields=["current_phase"])
    _log(Act.PHASE_MOVED, member, project, f"{before} → {key}", before=before, after=key)
    after_phase_move(project)


@transaction.atomic
def add_member(
    *,
    member: Membership,
    project: Project,
    membership: Membership,
    role: ProjectRole,
    facilitator: bool = False,
) -> ProjectMember:
    _enforce(rules.may("manage", member, project))
    if membership.centre_id and not rules.accompanies(membership, project.organisation_id):
        raise ParticipationError(
            _(
                "Beraterinnen und Berater nehmen nur teil, solange ihr Zentrum das Unternehmen begleitet."
            )
        )
    if membership.organisation_id and membership.organisation_id != project.organisation_id:
        raise ParticipationError(_("Diese Person gehört nicht zu Ihrem Unternehmen."))
    row, _created = ProjectMember.objects.update_or_create(
        project=project,
        membership=membership,
        defaults={"role": role, "is_facilitator": facilitator},
    )
    _log(Act.MEMBER_ADDED, member, project, str(membership.user), member_id=membership.pk)
    return row


@transaction.atomic
def remove_member(*, member: Membership, project: Project, row: ProjectMember) -> None:
    _enforce(rules.may("manage", member, project))
    _log(Act.MEMBER_REMOVED, member, project, str(row.membership.user), member_id=row.membership_id)
    row.delete()


def add_document(
    *,
    member: Membership,
    project: Project,
    title: str,
    file: UploadedFile,
    key: uuid.UUID | None = None,
) -> tuple[ProjectDocument, bool]:
    """Store a project document; (document, False) when the form with this one-time `key` was
    stored before (the answer to the first upload was lost and the person sent it again)."""
    _enforce(rules.may("manage", member, project))
    if key is not None:
        earlier = ProjectDocument.objects.filter(project=project, upload_key=key).first()
        if earlier is not None:
            return earlier, False
    doc = ProjectDocument(project=project, title=title, file=file, uploaded_by=member)
    doc.upload_key = key
    try:
        with transaction.atomic():
            doc.save()
            _log(Act.DOCUMENT_ADDED, member, project, title, document=doc.pk)
    except IntegrityError:
        # Two requests with one key at the same moment: the other stored it; drop this file.
        if doc.file.name:
            doc.file.storage.delete(doc.file.name)
        return ProjectDocument.objects.get(project=project, upload_key=key), False
    return doc, True


# --- ideas and concerns --------------------------------------------------------------------------


def _author(member: Membership, anonymous: bool) -> Membership | None:
    return None if anonymous else member


@transaction.atomic
def post_item(
    *,
    member: Membership,
    project: Project,
    kind: str,
    category: str,
    title: str,
    body: str,
    anonymous: bool,
) -> Item:
    _enforce(rules.may("post", member, project))
    return Item.objects.create(
        project=project,
        kind=kind,
        category=category,
        title=title,
        body=body,
        is_anonymous=anonymous,
        author=_author(member, anonymous),
        posted_on=timezone.localdate(),
    )


@transaction.atomic
def post_comment(*, member: Membership, item: Item, body: str, anonymous: bool) -> Comment:
    _enforce(rules.may("comment", member, item.project))
    if item.merged_into_id:
        raise ParticipationError(
            _("Dieser Beitrag wurde zusammengeführt; bitte kommentieren Sie dort.")
        )
    return Comment.objects.create(
        item=item,
        body=body,
        is_anonymous=anonymous,
        author=_author(member, anonymous),
        posted_on=timezone.localdate(),
    )


def vote(*, member: Membership, item: Item, agree: bool) -> bool:
    """Record or change the person's vote; False when the same vote was there already (a second
    tab or a double click counts once)."""
    _enforce(rules.may("vote", member, item.project))
    return set_vote(Vote, "agree", agree, item=item, voter=voter_key(member.user, item))


def set_vote(model: Any, field: str, value: Any, **lookup: Any) -> bool:
    """Record or change one vote row (`lookup` names it, `field` holds the vote); False when it
    already held this value. A second tab or a double click counts once, also when two requests
    race to create the row (the unique constraint decides)."""
    with transaction.atomic():
        existing = model.objects.select_for_update().filter(**lookup).first()
        if existing is not None:
            if getattr(existing, field) == value:
                return False
            setattr(existing, field, value)
            existing.save(update_fields=[field])
            return True
        try:
            with transaction.atomic():
                model.objects.create(**lookup, **{field: value})
        except IntegrityError:  # the other tab was faster
            return False
    return True


# --- moderation and answers ------------------------------------------------------------------------


@transaction.atomic
def hide(*, member: Membership, target: Item | Comment, reason: str) -> None:
    item = target if isinstance(target, Item) else target.item
    _enforce(rules.may("moderate", member, item.project))
    if not reason.strip():
        raise ParticipationError(
            _("Bitte nennen Sie einen Grund; er wird an Stelle des Beitrags gezeigt.")
        )
    target.hidden_reason = reason.strip()
    target.save(update_fields=["hidden_reason"])
    _log(Act.ITEM_HIDDEN, member, item.project, reason[:200], item=str(item.pk))


@transaction.atomic
def show(*, member: Membership, target: Item | Comment) -> None:
    item = target if isinstance(target, Item) else target.item
    _enforce(rules.may("moderate", member, item.project))
    target.hidden_reason = ""
    target.save(update_fields=["hidden_reason"])
    _log(Act.ITEM_SHOWN, member, item.project, item.title[:200], item=str(item.pk))


@transaction.atomic
def merge(*, member: Membership, item: Item, into: Item) -> None:
    """Mark `item` as a duplicate of `into`; its page then points there, the list shows `into`."""
    _enforce(rules.may("moderate", member, item.project))
    if into.project_id != item.project_id or into.pk == item.pk:
        raise ParticipationError(_("Bitte wählen Sie einen anderen Beitrag desselben Projekts."))
    if into.merged_into_id:
        raise ParticipationError(_("Dieser Beitrag wurde selbst schon zusammengeführt."))
    item.merged_into = into
    item.save(update_fields=["merged_into"])
    item.merged.update(merged_into=into)  # earlier duplicates follow
    _log(
        Act.ITEM_MERGED,
        member,
        item.project,
        f"{item.title} → {into.title}"[:300],
        item=str(item.pk),
        into=str(into.pk),
    )


@transaction.atomic
def answer(*, member: Membership, item: Item, status: str, reason: str) -> AnswerEntry | None:
    """A new step of the management's answer; None when it repeats the current one (a second
    tab). Earlier answers stay as the history."""
    _enforce(rules.may("answer", member, item.project))
    if status not in ItemStatus.values or status == ItemStatus.OPEN:
        raise ParticipationError(_("Bitte wählen Sie, wie es mit dem Beitrag weitergeht."))
    if not reason.strip():
        raise ParticipationError(_("Bitte begründen Sie die Antwort."))
    latest = item.answers.first()
    if latest is not None and latest.status == status and latest.reason == reason.strip():
        return None
    entry = AnswerEntry.objects.create(
        item=item, status=status, reason=reason.strip(), answered_by=member
    )
    Item.objects.filter(pk=item.pk).update(status=status)
    item.status = status
    _log(
        Act.ITEM_ANSWERED, member, item.project, f"{item.title}: {status}"[:300], item=str(item.pk)
    )
    return entry

"""Opt-in emails of a project: a new phase, an answer to one's named idea or concern, a new
pulse survey. Off by default (a preference on the workspace). Sent through core.mail on the
task queue: the change commits, a task writes one email per person who opted in and still
takes part, and core.mail sends each.

Anonymous items notify nobody: there is no author to tell, and keeping a way to reach the
author (an address or a token the server holds next to the item) would be the very link the
app refuses to store. docs/participation.md says so.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Any

from django.conf import settings
from django.db.models.signals import post_save
from django.tasks import task
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from zukunftszentrum.core.mail import queue_mail
from zukunftszentrum.core.tasks import enqueue_on_commit
from zukunftszentrum.organisations.models import Membership

from . import pages, rules
from .models import AnswerEntry, Item, NotificationPreference, Project


class Kind(StrEnum):
    NEW_PHASE = "new_phase"
    ANSWER = "answer"
    NEW_PULSE = "new_pulse"


def preference(member: Membership | None, project: Project) -> NotificationPreference | None:
    if member is None:
        return None
    return NotificationPreference.objects.filter(project=project, membership=member).first()


def set_preference(
    *, member: Membership, project: Project, new_phase: bool, answers: bool, new_pulse: bool
) -> None:
    """Save what the person wants; all off deletes the row (no row: no email)."""
    from .actions import NotAllowed

    rules.may("read", member, project).enforce(NotAllowed)
    if not (new_phase or answers or new_pulse):
        NotificationPreference.objects.filter(project=project, membership=member).delete()
        return
    NotificationPreference.objects.update_or_create(
        project=project,
        membership=member,
        defaults={"new_phase": new_phase, "answers": answers, "new_pulse": new_pulse},
    )


# --- the triggers ------------------------------------------------------------------------------


def notify_new_phase(project: Project) -> None:
    _dispatch(Kind.NEW_PHASE, project.pk)


def notify_new_pulse(project: Project) -> None:
    """For the pulse surveys: call when a new pulse opens (after it is saved)."""
    _dispatch(Kind.NEW_PULSE, project.pk)


def notify_answer(entry: AnswerEntry) -> None:
    item = entry.item
    if item.is_anonymous or item.author_id is None:
        return  # nobody to tell, by design
    _dispatch(Kind.ANSWER, item.project_id, str(item.pk))


def _dispatch(kind: Kind, project_id: int, item_id: str = "") -> None:
    if settings.ZZ_RUN_TASKS_INLINE:
        send_notifications(kind, project_id, item_id)
    else:
        enqueue_on_commit(send_project_notifications, str(kind), project_id, item_id)


@task
def send_project_notifications(kind: str, project_id: int, item_id: str = "") -> int:
    return send_notifications(Kind(kind), project_id, item_id)


def send_notifications(kind: Kind, project_id: int, item_id: str = "") -> int:
    """Queue one email per person who opted in and still takes part; returns how many."""
    project = Project.objects.select_related("organisation").filter(pk=project_id).first()
    if project is None:
        return 0
    prefs = NotificationPreference.objects.filter(project=project).select_related(
        "membership__user"
    )
    item = None
    if kind is Kind.ANSWER:
        item = Item.objects.filter(pk=item_id, project=project, is_anonymous=False).first()
        if item is None or item.author_id is None:
            return 0
        prefs = prefs.filter(membership_id=item.author_id, answers=True)
    elif kind is Kind.NEW_PHASE:
        prefs = prefs.filter(new_phase=True)
    else:
        prefs = prefs.filter(new_pulse=True)
    sent = 0
    for pref in prefs:
        member = pref.membership
        if not member.user.email or rules.participant(member, project).role is None:
            continue  # left the project or the company meanwhile
        _send(kind, member, project, item)
        sent += 1
    return sent


def _send(kind: Kind, member: Membership, project: Project, item: Item | None) -> None:

    base = _base_url()
    context: dict[str, Any] = {
        "project": project,
        "name": member.user.get_full_name(),
        "phase": pages.phase_title(project),
        "item": item,
        "answer": item.answers.first() if item is not None else None,
        "link": base + reverse("participation:workspace", args=[project.pk]),
        "item_link": base + reverse("participation:item", args=[project.pk, item.pk])
        if item is not None
        else "",
        "settings_link": base + reverse("participation:notifications", args=[project.pk]),
    }
    with translation.override(member.user.preferred_language or settings.LANGUAGE_CODE):
        subject = render_to_string(f"participation/email/{kind}_subject.txt", context)
        body = render_to_string(f"participation/email/{kind}_body.txt", context)
    queue_mail(kind=f"participation_{kind}", to=member.user.email, subject=subject, body=body)


def _base_url() -> str:
    hosts = [h for h in settings.ALLOWED_HOSTS if h and not h.startswith((".", "*"))]
    return f"https://{hosts[0]}" if hosts else ""


# --- wiring: the writes in actions.py stay unaware of emails ------------------------------------


def _phase_saved(sender: Any, instance: Project, created: bool, **kwargs: Any) -> None:
    fields = kwargs.get("update_fields")
    if not created and fields and "current_phase" in fields:
        notify_new_phase(instance)


def _answer_saved(sender: Any, instance: AnswerEntry, created: bool, **kwargs: Any) -> None:
    if created:
        notify_answer(instance)


def connect() -> None:
    post_save.connect(_phase_saved, sender=Project, dispatch_uid="participation_notify_phase")
    post_save.connect(_answer_saved, sender=AnswerEntry, dispatch_uid="participation_notify_answer")

"""The reminder goes through the task queue: scheduled before the first session, recovered by a
starting worker when due, and sent once."""

from __future__ import annotations

import pytest
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core.models import OutgoingMail
from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.catalogue.tasks import (
    REMINDER_BEFORE,
    due_reminders,
    queue_due_reminders,
    send_offer_reminder,
)
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _through_the_queue(settings) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False


def _reminders() -> list[DBTaskResult]:
    return [r for r in DBTaskResult.objects.all() if r.task_path.endswith(".send_offer_reminder")]


def test_registration_schedules_the_reminder_before_the_first_session(
    django_capture_on_commit_callbacks,
) -> None:
    offer = make_offer(make_module(make_centre()), days=10)
    with django_capture_on_commit_callbacks(execute=True):
        registration = actions.register(member=make_member(Role.EMPLOYEE), offer=offer).registration
    [queued] = _reminders()
    first = offer.sessions.get().starts_at
    assert queued.run_after == first - REMINDER_BEFORE
    assert queued.args_kwargs["args"] == [registration.pk]


def test_a_worker_recovers_due_reminders_and_each_is_sent_once() -> None:
    soon = make_offer(make_module(make_centre()), days=1)
    later = make_offer(make_module(make_centre()), days=20)
    member = make_member(Role.EMPLOYEE)
    due = actions.register(member=member, offer=soon).registration
    actions.register(member=member, offer=later)
    assert due_reminders() == [due.pk]
    assert queue_due_reminders() == 1
    OutgoingMail.objects.all().delete()
    send_offer_reminder.call(due.pk)
    send_offer_reminder.call(due.pk)
    [reminder] = OutgoingMail.objects.all()  # stored for the mail task, once
    assert reminder.subject == f"Erinnerung: {soon.module.title}"
    assert reminder.attachments[0][0] == "termin.ics"
    assert due_reminders() == []

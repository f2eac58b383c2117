"""Task rows queued before learning's modules moved into packages name the old dotted paths;
the worker still runs them (learning/moved_tasks.py)."""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core.models import OutgoingMail
from zukunftszentrum.learning.catalogue import actions
from zukunftszentrum.learning.catalogue.tasks import send_offer_reminder
from zukunftszentrum.learning.moved_tasks import MOVED
from zukunftszentrum.learning.paths.team import compute_team_plan
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_centre, make_member

from .catalogue_factories import make_module, make_offer

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _through_the_queue(settings, monkeypatch) -> None:
    settings.ZZ_RUN_TASKS_INLINE = False
    # The worker closes a connection whose autocommit differs from the settings (the test's
    # transaction); in production it runs in autocommit (see needs/tests/test_tasks.py).
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _queued_under_old_path(task, *args: object) -> DBTaskResult:
    """Enqueue as the code before the move did: the same row with the old module's path."""
    row = DBTaskResult.objects.get(pk=task.enqueue(*args).id)
    module, name = row.task_path.rsplit(".", 1)
    [old] = [old for old, new in MOVED.items() if new == module]
    row.task_path = f"{old}.{name}"
    row.run_after = timezone.now()
    row.save(update_fields=["task_path", "run_after"])
    return row


def test_a_reminder_queued_under_the_old_path_is_still_sent() -> None:
    offer = make_offer(make_module(make_centre()), days=1)
    registration = actions.register(member=make_member(Role.EMPLOYEE), offer=offer).registration
    DBTaskResult.objects.all().delete()
    OutgoingMail.objects.all().delete()
    row = _queued_under_old_path(send_offer_reminder, registration.pk)
    assert row.task_path == "zukunftszentrum.learning.catalogue_tasks.send_offer_reminder"
    call_command("worker", batch=True, verbosity=0)
    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", "sent")
    assert OutgoingMail.objects.get().subject == f"Erinnerung: {offer.module.title}"


def test_a_team_plan_queued_under_the_old_path_still_runs() -> None:
    DBTaskResult.objects.all().delete()
    row = _queued_under_old_path(compute_team_plan, 999_999)
    assert row.task_path == "zukunftszentrum.learning.team.compute_team_plan"
    call_command("worker", batch=True, verbosity=0)
    row.refresh_from_db()
    assert (row.status, row.return_value) == ("SUCCESSFUL", "nothing")  # no such plan: no work

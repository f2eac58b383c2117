"""The task helpers: backoff, recoveries, the backlog, unapplied migrations."""

from __future__ import annotations

from datetime import timedelta

import pytest
from django.tasks import task
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core import tasks
from zukunftszentrum.core.registry import Registry


@pytest.mark.parametrize(
    ("attempt", "delay"),
    [
        (1, timedelta(seconds=30)),
        (2, timedelta(minutes=1)),
        (3, timedelta(minutes=2)),
        (5, timedelta(minutes=8)),
        (6, timedelta(minutes=15)),  # capped
        (40, timedelta(minutes=15)),
    ],
)
def test_backoff_doubles_up_to_a_cap(attempt: int, delay: timedelta) -> None:
    assert tasks.backoff(attempt) == delay


def test_backoff_counts_attempts_from_one() -> None:
    with pytest.raises(ValueError, match="from 1"):
        tasks.backoff(0)


def test_recoveries_run_in_order_and_report_by_name(monkeypatch) -> None:
    registry = Registry[tasks.Recovery]("task recovery")
    monkeypatch.setattr(tasks, "recoveries", registry)
    tasks.register_recovery("b", lambda: 2, order=2)
    tasks.register_recovery("a", lambda: 0, order=1)
    assert list(tasks.recover_lost_work().items()) == [("a", 0), ("b", 2)]


@task
def _noop() -> None:
    """A task for the backlog test."""


@pytest.mark.django_db
def test_backlog_counts_ready_tasks_and_the_age_of_the_oldest() -> None:
    assert tasks.backlog() == tasks.Backlog(ready=0, oldest_seconds=None)
    first = _noop.enqueue()
    _noop.enqueue()
    _noop.using(run_after=timezone.now() + timedelta(hours=1)).enqueue()  # not ready yet
    DBTaskResult.objects.filter(id=first.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=10)
    )
    backlog = tasks.backlog()
    assert backlog.ready == 2
    assert backlog.oldest_seconds is not None and 590 <= backlog.oldest_seconds <= 700


@pytest.mark.django_db
def test_a_migrated_test_database_lacks_no_migration() -> None:
    assert tasks.unapplied_migrations() == []

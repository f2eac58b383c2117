"""Helpers for background work on Django's tasks framework, for every app's `tasks.py`.

Tasks go to the database queue (settings.TASKS, django-tasks-db) and are worked off by
`zukunftszentrum worker` processes, any number on any machine sharing the database. Django's
framework runs a task once and records its outcome; what it leaves to the task is handled here:
enqueueing only once the request's data is committed, retrying with backoff up to a limit, and
picking up work whose worker died (the apps register a recovery, run when a worker starts).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import partial
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.tasks import Task
from django.utils import timezone

from .registry import Registry

MAX_ATTEMPTS = 3  # a task that failed this often stays failed and says what to do
FIRST_DELAY = timedelta(seconds=30)
MAX_DELAY = timedelta(minutes=15)


def backoff(attempt: int) -> timedelta:
    """How long to wait before attempt `attempt + 1`: 30 s, 1 min, 2 min, ... at most 15 min."""
    if attempt < 1:
        raise ValueError("attempts count from 1")
    return min(FIRST_DELAY * 2 ** (attempt - 1), MAX_DELAY)


def enqueue_on_commit(task: Task, *args: Any, **kwargs: Any) -> None:
    """Enqueue once the surrounding transaction commits (a worker must find the rows it needs)."""
    transaction.on_commit(partial(task.enqueue, *args, **kwargs))


def retry_later(task: Task, attempt: int, *args: Any, **kwargs: Any) -> datetime:
    """Enqueue the next attempt after the backoff of `attempt`; returns when it may run."""
    when = timezone.now() + backoff(attempt)
    task.using(run_after=when).enqueue(*args, **kwargs)
    return when


# --- recovering work whose worker died ---
@dataclass(frozen=True)
class Recovery:
    name: str
    order: int
    run: Callable[[], int]  # re-queues lost work; returns how many items it picked up


recoveries = Registry[Recovery]("task recovery")


def register_recovery(name: str, run: Callable[[], int], *, order: int = 100) -> None:
    """Register what picks up an app's work that a dead worker left half done."""
    recoveries.add(Recovery(name, order, run))


def recover_lost_work() -> dict[str, int]:
    """Run every app's recovery (a worker does at start); name -> items picked up again."""
    return {recovery.name: recovery.run() for recovery in recoveries}


# --- the queue's state ---
@dataclass(frozen=True)
class Backlog:
    ready: int  # tasks that may run now and wait for a worker
    oldest_seconds: int | None  # how long the oldest of them has waited


def backlog() -> Backlog:
    """The ready tasks of the database queue and the age of the oldest."""
    from django_tasks_db.models import DBTaskResult

    ready = DBTaskResult.objects.ready()
    oldest = ready.order_by("enqueued_at").values_list("enqueued_at", flat=True).first()
    age = None if oldest is None else max(0, int((timezone.now() - oldest).total_seconds()))
    return Backlog(ready=ready.count(), oldest_seconds=age)


def unapplied_migrations(alias: str = DEFAULT_DB_ALIAS) -> list[str]:
    """Migrations the database still lacks, as "app.name" (a worker refuses to start on them)."""
    executor = MigrationExecutor(connections[alias])
    plan = executor.migration_plan(executor.loader.graph.leaf_nodes())
    return [f"{migration.app_label}.{migration.name}" for migration, _backwards in plan]

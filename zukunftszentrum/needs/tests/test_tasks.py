"""Needs runs as background tasks: enqueued on commit, computed once by a worker, retried with
backoff, and picked up again when their worker died."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core.tasks import MAX_ATTEMPTS
from zukunftszentrum.needs import runs, tasks
from zukunftszentrum.needs.models import EstimateRun
from zukunftszentrum.needs.queries import FIRST_YEAR, Window, active_population_table

pytestmark = pytest.mark.django_db

Status = EstimateRun.Status
WINDOW = Window(f"{FIRST_YEAR}-Q1", FIRST_YEAR, 1)
TASK_PATH = "zukunftszentrum.needs.tasks.compute_needs_run"


def _run(status: str = Status.QUEUED, **fields: Any) -> EstimateRun:
    return EstimateRun.objects.create(
        window=WINDOW.key, population=active_population_table(), status=status, **fields
    )


@pytest.fixture(autouse=True)
def _worker_keeps_the_test_connection(monkeypatch) -> None:
    """The worker checks its connection between tasks and closes one whose autocommit differs
    from the settings, which the test's transaction is: on PostgreSQL that would end the test's
    transaction. In production it runs in autocommit, and the check stays."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)


def _queued_tasks() -> list[DBTaskResult]:
    return list(DBTaskResult.objects.filter(task_path=TASK_PATH).order_by("enqueued_at"))


def _broken(run: EstimateRun) -> None:
    raise RuntimeError("Rechenfehler")


def test_a_requested_run_is_enqueued_once_its_row_is_committed(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        run = runs.request_run(WINDOW)
    assert run is not None and not _queued_tasks()  # nothing before the commit
    for callback in callbacks:
        callback()
    (task,) = _queued_tasks()
    assert task.args_kwargs == {"args": [run.pk, 1], "kwargs": {}}


def test_the_worker_computes_a_queued_run_and_a_second_task_finds_nothing_to_do(
    django_capture_on_commit_callbacks,
) -> None:
    with django_capture_on_commit_callbacks(execute=True):
        run = runs.request_run(WINDOW)
    assert run is not None
    call_command("worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert (run.status, run.progress, run.is_current) == (Status.DONE, 100, True)
    assert [t.status for t in _queued_tasks()] == ["SUCCESSFUL"]
    assert tasks.compute_needs_run.call(run.pk) == runs.Outcome.SKIPPED  # idempotent


def test_a_failing_run_is_retried_with_backoff_then_fails_saying_what_to_do(monkeypatch) -> None:
    monkeypatch.setattr(runs, "_compute", _broken)
    run = _run()
    before = timezone.now()
    assert tasks.compute_needs_run.call(run.pk, 1) == runs.Outcome.RETRY
    run.refresh_from_db()
    assert (run.status, run.stage) == (Status.QUEUED, "retry")
    assert "RuntimeError: Rechenfehler" in run.error
    (retry,) = _queued_tasks()
    assert retry.args_kwargs["args"] == [run.pk, 2]
    assert retry.run_after >= before + timedelta(seconds=30)  # not at once: backoff
    assert tasks.compute_needs_run.call(run.pk, MAX_ATTEMPTS) == runs.Outcome.FAILED
    run.refresh_from_db()
    assert run.status == Status.FAILED
    assert f"Nach {MAX_ATTEMPTS} Versuchen" in run.error and "Was tun" in run.error
    assert len(_queued_tasks()) == 1  # no retry after the last attempt


def test_drain_tries_once_so_it_always_ends(monkeypatch) -> None:
    monkeypatch.setattr(runs, "_compute", _broken)
    run = _run()
    assert runs.drain() == 1
    run.refresh_from_db()
    assert run.status == Status.FAILED and run.error == "RuntimeError: Rechenfehler"


def test_a_run_whose_worker_died_is_queued_again_when_a_page_asks(
    django_capture_on_commit_callbacks,
) -> None:
    started = timezone.now() - runs.LEASE - timedelta(minutes=1)
    run = _run(Status.RUNNING, started_at=started, diagnostics={"attempt": 1}, progress=40)
    with django_capture_on_commit_callbacks(execute=True):
        pending = runs.pending_run(WINDOW)
    assert pending is not None and pending.pk == run.pk
    assert (pending.status, pending.progress) == (Status.QUEUED, 0)
    (task,) = _queued_tasks()
    assert task.args_kwargs["args"] == [run.pk, 2]


def test_a_run_still_within_its_lease_is_left_alone() -> None:
    run = _run(Status.RUNNING, started_at=timezone.now() - timedelta(minutes=5))
    assert tasks.requeue_lost() == 0
    run.refresh_from_db()
    assert run.status == Status.RUNNING and not _queued_tasks()


def test_a_run_that_killed_its_worker_every_time_fails_for_good() -> None:
    started = timezone.now() - runs.LEASE - timedelta(minutes=1)
    run = _run(Status.RUNNING, started_at=started, diagnostics={"attempt": MAX_ATTEMPTS})
    assert tasks.requeue_lost() == 1
    run.refresh_from_db()
    assert run.status == Status.FAILED and "Was tun" in run.error


def test_a_starting_worker_picks_up_a_lost_run_and_a_worker_computes_it(
    django_capture_on_commit_callbacks,
) -> None:
    started = timezone.now() - runs.LEASE - timedelta(minutes=1)
    run = _run(Status.RUNNING, started_at=started, diagnostics={"attempt": 1})
    out = StringIO()
    # A worker process runs in autocommit, so the recovery's task is enqueued at once; here the
    # test's transaction holds it back until the block ends (after this worker found no task).
    with django_capture_on_commit_callbacks(execute=True):
        call_command("worker", batch=True, verbosity=0, stdout=out)
    assert "needs.estimate_runs: 1" in out.getvalue()
    call_command("worker", batch=True, verbosity=0)
    run.refresh_from_db()
    assert run.status == Status.DONE, run.error


def test_the_worker_refuses_to_start_with_unapplied_migrations(monkeypatch) -> None:
    from zukunftszentrum.core.management.commands import worker

    monkeypatch.setattr(worker, "unapplied_migrations", lambda: ["needs.0099_later"])
    with pytest.raises(CommandError, match=r"1 Migration\(en\) fehlen \(etwa needs.0099_later\)"):
        call_command("worker", batch=True, verbosity=0)
    assert not DBTaskResult.objects.exists()

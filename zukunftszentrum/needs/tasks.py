"""The needs analysis' background work on Django's tasks framework (see runs.py).

A queued run is computed by `compute_needs_run`, which a `zukunftszentrum worker` takes from the
database queue. The task claims its run (`runs.execute`), so duplicates do nothing; a failure is
retried with backoff; a run whose worker died, or whose task was lost, is queued again.
"""

from __future__ import annotations

import logging

from django.tasks import task
from django.utils import timezone

from zukunftszentrum.core.tasks import MAX_ATTEMPTS, enqueue_on_commit, retry_later

from . import runs
from .models import EstimateRun

log = logging.getLogger(__name__)
Status = EstimateRun.Status


@task
def compute_needs_run(run_id: int, attempt: int = 1) -> str:
    """Compute a queued estimate run; a failure is retried with backoff up to MAX_ATTEMPTS.

    Idempotent: `runs.execute` claims the run, so a duplicate or late task finds nothing to do."""
    outcome = runs.execute(run_id, attempt=attempt, max_attempts=MAX_ATTEMPTS)
    if outcome == runs.Outcome.RETRY:
        retry_later(compute_needs_run, attempt, run_id, attempt + 1)
    return outcome.value


def enqueue_run(run_id: int, *, attempt: int = 1) -> None:
    """Enqueue a run's task once the run row is committed (the worker must find it)."""
    enqueue_on_commit(compute_needs_run, run_id, attempt)


def requeue_lost() -> int:
    """Queue again the runs a dead worker left running and those whose task was lost.

    Called when a worker starts (core.tasks recoveries) and whenever a page looks at a pending
    run (`runs.pending_run`)."""
    pending = EstimateRun.objects.filter(status__in=(Status.QUEUED, Status.RUNNING))
    return sum(recover(run) for run in pending)


def recover(run: EstimateRun) -> bool:
    """Re-queue one lost run (or fail it when its attempts are used up); True if it was lost."""
    now = timezone.now()
    if not runs.is_lost(run, now):
        return False
    lost_worker = run.status == Status.RUNNING
    attempts = _attempts(run)
    if lost_worker and attempts >= MAX_ATTEMPTS:
        error = "der Rechenprozess wurde jedes Mal beendet"
        runs._fail(run, f"Nach {attempts} Versuchen fehlgeschlagen: {error}. {runs.WHAT_TO_DO}")
        return True
    # Conditional on what was read, so two processes recovering at once queue it only once.
    updated = EstimateRun.objects.filter(
        pk=run.pk, status=run.status, started_at=run.started_at, requested_at=run.requested_at
    ).update(status=Status.QUEUED, requested_at=now, progress=0, stage="requeued")
    if updated:
        log.warning("needs estimate run %s was lost (%s); queued again", run.pk, run.status)
        enqueue_run(run.pk, attempt=attempts + 1)
    return bool(updated)


def _attempts(run: EstimateRun) -> int:
    """How many attempts have claimed the run so far (`runs.execute` notes it on the run)."""
    value = run.diagnostics.get("attempt", 0) if isinstance(run.diagnostics, dict) else 0
    return value if isinstance(value, int) else 0

"""The needs analysis' background work on Django's tasks framework (see runs.py)."""

from __future__ import annotations

from django.tasks import task

from zukunftszentrum.core.tasks import MAX_ATTEMPTS, retry_later

from . import runs


@task
def compute_needs_run(run_id: int, attempt: int = 1) -> str:
    """Compute a queued estimate run; a failure is retried with backoff up to MAX_ATTEMPTS.

    Idempotent: `runs.execute` claims the run, so a duplicate or late task finds nothing to do."""
    outcome = runs.execute(run_id, attempt=attempt, max_attempts=MAX_ATTEMPTS)
    if outcome == runs.Outcome.RETRY:
        retry_later(compute_needs_run, attempt, run_id, attempt + 1)
    return outcome.value

"""The self-checks' background work on Django's tasks framework: batch releases and peer
snapshots after a submission or a closed run.

Both are idempotent: `releases.make_release` locks the run and releases only what
`core.disclosure.next_release` says is due, and `peers.refresh_snapshots` takes a snapshot only
when `snapshot_due` says so; a duplicate or late task finds nothing to do. A failure is retried
with backoff (core.tasks). With settings.ZZ_RUN_TASKS_INLINE (tests that do not exercise the
queue) the work is done at once, inside the caller's transaction, as it was before.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.db import transaction
from django.tasks import Task, task

from zukunftszentrum.core.tasks import MAX_ATTEMPTS, enqueue_on_commit, retry_later

from .models import Assessment, Response
from .peers import refresh_snapshots
from .releases import make_release

log = logging.getLogger(__name__)


@task
def release_due(assessment_id: int, attempt: int = 1) -> int | None:
    """Make the release due for a run; its number, or None when none is due."""
    try:
        with transaction.atomic():
            release = make_release(Assessment(pk=assessment_id))
    except Assessment.DoesNotExist:
        return None  # the run was deleted meanwhile: nothing to release
    except Exception:
        _retry_or_give_up(release_due, attempt, assessment_id, what="release")
        raise
    return release.number if release else None


@task
def refresh_peer_snapshots(response_id: str, attempt: int = 1) -> int:
    """Take again the peer snapshots a submitted response belongs to; how many were taken."""
    response = Response.objects.select_related("organisation").filter(pk=response_id).first()
    if response is None:
        return 0
    try:
        with transaction.atomic():
            return refresh_snapshots(response)
    except Exception:
        _retry_or_give_up(refresh_peer_snapshots, attempt, response_id, what="peer snapshots")
        raise


def _retry_or_give_up(job: Task, attempt: int, object_id: int | str, *, what: str) -> None:
    # The task still raises, so its result records the error; the retry is a new task.
    if attempt < MAX_ATTEMPTS:
        retry_later(job, attempt, object_id, attempt + 1)
    else:
        log.error("%s for %s failed %s times; given up", what, object_id, attempt)


def after_submit(response: Response) -> None:
    """The release and snapshots a submission may make due, once the submission is committed."""
    if settings.ZZ_RUN_TASKS_INLINE:
        if response.assessment_id is not None:
            make_release(Assessment(pk=response.assessment_id))
        refresh_snapshots(response)
        return
    if response.assessment_id is not None:
        enqueue_on_commit(release_due, response.assessment_id)
    enqueue_on_commit(refresh_peer_snapshots, str(response.pk))  # a UUID, as JSON


def after_close(assessment: Assessment) -> None:
    """A closed run releases whatever is new, once."""
    if settings.ZZ_RUN_TASKS_INLINE:
        make_release(assessment)
    else:
        enqueue_on_commit(release_due, assessment.pk)

"""Background work of the participation projects: the opinion map's release at a phase's end.

Moving a project to its next phase ends the phase before it; the map is then released once more
if enough people voted or changed their votes since the last release (opinion.release_if_due),
without waiting for the facilitator. Computing the map takes a moment for a large company, so a
task worker does it (core.tasks); with settings.ZZ_RUN_TASKS_INLINE it is done at once.
Idempotent: a late or repeated task finds nothing new and releases nothing.
"""

from __future__ import annotations

import logging

from django.conf import settings
from django.tasks import task

from zukunftszentrum.core.tasks import MAX_ATTEMPTS, enqueue_on_commit, retry_later

from .models import Project

log = logging.getLogger(__name__)


@task
def release_opinion_map(project_id: int, attempt: int = 1) -> int | None:
    """Release the project's opinion map if it is due; the release's number, or None."""
    from .opinion import release_if_due

    project = Project.objects.filter(pk=project_id).first()
    if project is None:
        return None  # deleted meanwhile
    try:
        made = release_if_due(project)
    except Exception:
        if attempt < MAX_ATTEMPTS:
            retry_later(release_opinion_map, attempt, project_id, attempt + 1)
        else:
            log.error("opinion map release of project %s failed %s times", project_id, attempt)
        raise
    return made.number if made else None


def after_phase_move(project: Project) -> None:
    """A phase has ended: release the opinion map once the move is committed, if it is due."""
    if settings.ZZ_RUN_TASKS_INLINE:
        from .opinion import release_if_due

        release_if_due(project)
        return
    enqueue_on_commit(release_opinion_map, project.pk)

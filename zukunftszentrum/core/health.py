"""`/health/`: is this instance able to serve? Database, task backlog and storage, as JSON.

For load balancers and monitoring: 200 while the database answers and uploads can be stored, 503
otherwise. A task backlog older than settings.ZZ_HEALTH_MAX_TASK_AGE makes the answer "degraded"
but keeps 200: the web process still serves, the workers need attention. Public, so it says
nothing an outsider may not know: no error texts, no paths, no versions.
"""

from __future__ import annotations

import logging
import uuid
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import connection
from django.http import HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .access import public
from .tasks import backlog

log = logging.getLogger(__name__)

OK, DEGRADED, FAIL = "ok", "degraded", "fail"


def check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except Exception:  # any failure means "not healthy"; the log says which
        log.exception("health: database check failed")
        return FAIL
    return OK


def check_tasks() -> dict[str, Any]:
    try:
        queue = backlog()
    except Exception:
        log.exception("health: task backlog check failed")
        return {"status": FAIL}
    limit = int(getattr(settings, "ZZ_HEALTH_MAX_TASK_AGE", 900))
    late = queue.oldest_seconds is not None and queue.oldest_seconds > limit
    return {
        "status": DEGRADED if late else OK,
        "ready": queue.ready,
        "oldest_seconds": queue.oldest_seconds,
    }


def check_storage() -> str:
    """Store and delete a small file where uploads go (a local folder or an object store)."""
    try:
        name = default_storage.save(f"health/{uuid.uuid4().hex}.txt", ContentFile(b"ok"))
        default_storage.delete(name)
    except Exception:
        log.exception("health: storage check failed")
        return FAIL
    return OK


def report() -> tuple[int, dict[str, Any]]:
    """(HTTP status, body) of the health answer."""
    database = check_database()
    tasks = check_tasks() if database == OK else {"status": FAIL}
    storage = check_storage()
    failed = FAIL in (database, storage)
    degraded = tasks["status"] != OK
    overall = FAIL if failed else DEGRADED if degraded else OK
    body = {"status": overall, "database": database, "tasks": tasks, "storage": storage}
    return (503 if failed else 200), body


@public
@never_cache
@require_GET
def health(request: HttpRequest) -> JsonResponse:
    status, body = report()
    return JsonResponse(body, status=status)

"""`/health/`: database, task backlog and storage as JSON, 200 or 503, nothing sensitive."""

from __future__ import annotations

import json
import logging
import sys
from datetime import timedelta

import pytest
from django.core.files.storage import default_storage
from django.tasks import task
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from zukunftszentrum.core import health
from zukunftszentrum.core.jsonlog import JsonFormatter

pytestmark = pytest.mark.django_db
URL = reverse("core:health")


@task
def _waiting() -> None:
    """A task nobody works off."""


def test_a_healthy_instance_answers_200_with_each_check() -> None:
    response = Client().get(URL)
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]
    assert response.json() == {
        "status": "ok",
        "database": "ok",
        "tasks": {"status": "ok", "ready": 0, "oldest_seconds": None},
        "storage": "ok",
    }
    assert not default_storage.listdir("health")[1]  # the probe file is gone again


def test_an_old_backlog_is_degraded_but_still_200(settings) -> None:
    settings.ZZ_HEALTH_MAX_TASK_AGE = 60
    result = _waiting.enqueue()
    DBTaskResult.objects.filter(id=result.id).update(
        enqueued_at=timezone.now() - timedelta(minutes=5)
    )
    response = Client().get(URL)
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded" and body["tasks"]["status"] == "degraded"
    assert body["tasks"]["ready"] == 1 and body["tasks"]["oldest_seconds"] >= 300


def test_unwritable_storage_is_503_without_details(monkeypatch) -> None:
    def refuse(*args: object, **kwargs: object) -> str:
        raise PermissionError("/srv/secret/path is read-only")

    monkeypatch.setattr(default_storage, "save", refuse)
    response = Client().get(URL)
    assert response.status_code == 503
    assert response.json()["storage"] == "fail" and response.json()["status"] == "fail"
    assert "secret" not in response.content.decode()


def test_a_failing_database_is_503(monkeypatch) -> None:
    monkeypatch.setattr(health, "check_database", lambda: health.FAIL)
    status, body = health.report()
    assert status == 503 and body["database"] == "fail" and body["tasks"] == {"status": "fail"}


def test_only_get_is_answered() -> None:
    assert Client().post(URL).status_code == 405


def test_json_log_lines_carry_fields_and_the_traceback() -> None:
    try:
        raise ValueError("kaputt")
    except ValueError:
        exc_info = sys.exc_info()
    record = logging.LogRecord(
        "zz.test", logging.ERROR, __file__, 1, "run %s failed", (7,), exc_info
    )
    record.run_id = 7
    line = json.loads(JsonFormatter().format(record))
    assert line["level"] == "ERROR" and line["logger"] == "zz.test"
    assert line["message"] == "run 7 failed" and line["run_id"] == 7
    assert "ValueError: kaputt" in line["exception"]
    assert line["time"].endswith("+00:00")

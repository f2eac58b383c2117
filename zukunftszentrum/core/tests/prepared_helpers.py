"""For tests of views that prepare their file in the background (core.prepared)."""

from __future__ import annotations

from typing import Any

from django.test import Client
from django.urls import resolve


def fetch_prepared(client: Client, response: Any) -> Any:
    """The file behind a response that sent the person to a prepared download's page (the tests
    build it at once: ZZ_RUN_TASKS_INLINE). Fails when the response is anything else."""
    assert response.status_code == 302, response.status_code
    match = resolve(response["Location"])
    assert match.view_name == "core:download", response["Location"]
    return client.get(response["Location"] + "herunterladen/")

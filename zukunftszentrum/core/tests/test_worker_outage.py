"""A task worker rides out a database outage: it waits and tries again instead of ending."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command
from django.db import OperationalError

from zukunftszentrum.core.management.commands import worker


@pytest.fixture
def pauses(monkeypatch) -> list[float]:
    slept: list[float] = []
    monkeypatch.setattr(worker.time, "sleep", slept.append)
    monkeypatch.setattr(worker.connections, "close_all", lambda: None)
    return slept


def _failing(times: int, error: Exception, calls: list[int]):
    def work(self, options) -> None:
        calls.append(1)
        if len(calls) <= times:
            raise error

    return work


def test_the_worker_waits_for_the_database_and_goes_on(monkeypatch, pauses) -> None:
    calls: list[int] = []
    refused = OperationalError("connection refused\nIs the server running?")
    monkeypatch.setattr(worker.Command, "work", _failing(7, refused, calls))
    err = StringIO()
    call_command("worker", stderr=err)
    assert len(calls) == 8  # seven failures, then it worked (and ended as db_worker did)
    assert pauses == [2, 4, 8, 16, 32, 60, 60]
    assert err.getvalue().count("Die Datenbank ist nicht erreichbar (connection refused)") == 7


def test_in_batch_mode_the_outage_ends_the_worker(monkeypatch, pauses) -> None:
    calls: list[int] = []
    monkeypatch.setattr(worker.Command, "work", _failing(1, OperationalError("refused"), calls))
    with pytest.raises(OperationalError):
        call_command("worker", batch=True)
    assert pauses == []


def test_any_other_error_ends_the_worker(monkeypatch, pauses) -> None:
    calls: list[int] = []
    monkeypatch.setattr(worker.Command, "work", _failing(1, ValueError("a bug"), calls))
    with pytest.raises(ValueError, match="a bug"):
        call_command("worker")
    assert pauses == [] and len(calls) == 1

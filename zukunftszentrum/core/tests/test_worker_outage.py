"""A task worker rides out a database outage: it waits and tries again instead of ending."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
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


@pytest.mark.parametrize(
    ("setting", "option", "lowered_by"),
    [(10, None, [10]), (10, 3, [3]), (0, None, []), (5, 0, [])],
)
def test_a_worker_computes_below_the_web_processes(
    monkeypatch, settings, setting, option, lowered_by
) -> None:
    """Reports built beside the web processes must not slow the pages people wait for."""
    settings.ZZ_WORKER_NICE = setting
    niced: list[int] = []
    monkeypatch.setattr(worker.os, "nice", niced.append)
    monkeypatch.setattr(worker.Command, "work", lambda self, options: None)
    args = [] if option is None else ["--nice", str(option)]
    call_command("worker", *args)
    assert niced == lowered_by


def test_a_worker_refuses_a_priority_outside_what_nice_allows(monkeypatch) -> None:
    monkeypatch.setattr(worker.Command, "work", lambda self, options: None)
    with pytest.raises(CommandError, match="zwischen 0 und 19"):
        call_command("worker", "--nice", "-5")

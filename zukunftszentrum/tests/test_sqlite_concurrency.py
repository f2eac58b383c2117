"""Two transactions that read and then write the same row, at the same time, on SQLite.

This is what two submissions of one response do (`select_for_update` is a no-op on SQLite).
With SQLite's default (deferred) transactions the second writer failed at once with "database is
locked"; with the project's options (WAL, IMMEDIATE, a busy timeout) it waits, then reads the
first one's result. Run on a database file of its own, with the options of the settings.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="the options under test are SQLite's"
)

# How long the first transaction waits, holding what it read, for the second one to read too.
# With the project's options the second cannot read yet, so this wait simply runs out; it only
# gives a broken configuration the chance to show the race. Nothing is asserted about time.
OVERLAP = 1.0


def _submit(
    path: Path, alias: str, ready: threading.Event, wait_for: threading.Event | None, out: dict
) -> None:
    """Read the state; if it is still open, mark it submitted by this alias (in one transaction)."""
    wrapper = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, alias)
    connections[alias] = wrapper  # thread-local: only this thread sees it
    try:
        with transaction.atomic(using=alias), wrapper.cursor() as cursor:
            cursor.execute("SELECT state FROM response WHERE id = 1")
            (state,) = cursor.fetchone()
            ready.set()
            if wait_for is not None:
                wait_for.wait(OVERLAP)
            if state == "open":
                cursor.execute("UPDATE response SET state = %s WHERE id = 1", [alias])
                out[alias] = "submitted"
            else:
                out[alias] = f"already submitted by {state}"  # the action's clear message
    except Exception as error:  # recorded for the assertion
        out[alias] = f"{type(error).__name__}: {error}"
    finally:
        wrapper.close()


def test_concurrent_read_then_write_transactions_wait_instead_of_failing(
    tmp_path: Path, django_db_blocker: Any
) -> None:
    with django_db_blocker.unblock():  # a scratch database file, not the test database
        _race(tmp_path / "concurrency.sqlite3")


def _race(path: Path) -> None:
    setup = DatabaseWrapper({**connection.settings_dict, "NAME": str(path)}, "setup")
    with setup.cursor() as cursor:
        cursor.execute("CREATE TABLE response (id INTEGER PRIMARY KEY, state TEXT)")
        cursor.execute("INSERT INTO response VALUES (1, 'open')")
        cursor.execute("PRAGMA journal_mode")
        assert cursor.fetchone()[0] == "wal"
    setup.close()

    first_read, second_read = threading.Event(), threading.Event()
    out: dict[str, Any] = {}
    first = threading.Thread(target=_submit, args=(path, "first", first_read, second_read, out))
    second = threading.Thread(target=_submit, args=(path, "second", second_read, None, out))
    first.start()
    first_read.wait()
    second.start()
    first.join()
    second.join()

    assert out == {"first": "submitted", "second": "already submitted by first"}

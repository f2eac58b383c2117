"""Browser journeys: Playwright drives Debian's Chromium against pytest-django's live server.

Playwright's sync API runs an event loop in the test thread, so Django's guard against
synchronous database access from async code has to be relaxed for these tests.
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Callable, Iterator
from pathlib import Path

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

import pytest
from django.db import connection
from django.urls import reverse
from playwright.sync_api import Browser, BrowserContext, Page

from zukunftszentrum.organisations.tests.factories import PASSWORD

from .axe import check_a11y

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 900}
MOBILE = {"width": 390, "height": 844}
SCREENS_DIR = Path(__file__).resolve().parents[2] / "test-results" / "screens"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Without Chromium the journeys are skipped, except in CI, where that is an error."""
    if Path(CHROMIUM).exists():
        return
    message = f"Chromium not found at {CHROMIUM} (apt-get install -y chromium)"
    if os.environ.get("CI") == "true":
        raise pytest.UsageError(message)
    for item in items:
        if item.get_closest_marker("e2e"):
            item.add_marker(pytest.mark.skip(reason=message))


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Launch Debian's Chromium; Playwright's own browser download does not work here."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    """A German-speaking visitor in Berlin on a desktop screen."""
    return {
        **browser_context_args,
        "locale": "de-DE",
        "timezone_id": "Europe/Berlin",
        "viewport": DESKTOP,
    }


# Per process: what a seeding returned, and a copy of the whole database right after it.
_SEEDED: dict[str, tuple[sqlite3.Connection, object]] = {}


def seeded_once[T](key: str, seed: Callable[[], T]) -> T:
    """seed() in the first test that asks for `key` in this process; every later test gets a
    copy of the database as it was right after that seeding (SQLite's backup, milliseconds)
    instead of seeding the demo again (seconds: the screens checks seed it for every role).

    Every browser test ends by emptying the tables, so each test still starts from the seeded
    demo and nothing one test changes reaches the next. The copy covers every table, the
    migrated data included; files the seeding wrote stay in the run's media folder anyway.
    On another database than SQLite each test seeds as before.
    """
    connection.ensure_connection()
    if connection.vendor != "sqlite":
        return seed()
    if key not in _SEEDED:
        result = seed()
        copy = sqlite3.connect(":memory:", check_same_thread=False)
        connection.connection.backup(copy)
        _SEEDED[key] = (copy, result)
        return result
    copy, result = _SEEDED[key]
    copy.backup(connection.connection)
    return result  # type: ignore[return-value]


def watch(page: Page) -> list[str]:
    """Collect failed requests and script errors on a page, to be asserted empty at the end."""
    problems: list[str] = []
    page.on(
        "response",
        lambda r: problems.append(f"{r.status} {r.url}") if r.status >= 400 else None,
    )
    page.on("pageerror", lambda e: problems.append(f"script error: {e}"))
    # The Content-Security-Policy forbids inline scripts and styles: a violation is a bug.
    page.on(
        "console",
        lambda m: (
            problems.append(f"CSP: {m.text}")
            if m.type == "error" and "Content Security Policy" in m.text
            else None
        ),
    )
    return problems


@pytest.fixture
def page(page: Page) -> Iterator[Page]:
    """Playwright's page, failing the test when a request fails or a script throws."""
    problems = watch(page)
    yield page
    assert not problems, "the browser saw failed requests or script errors:\n" + "\n".join(problems)


@pytest.fixture
def fresh_page(browser: Browser, browser_context_args: dict) -> Iterator[Page]:
    """A second, independent browser (no cookies shared with `page`)."""
    context: BrowserContext = browser.new_context(**browser_context_args)
    new_page = context.new_page()
    problems = watch(new_page)
    yield new_page
    context.close()
    assert not problems, "the browser saw failed requests or script errors:\n" + "\n".join(problems)


@pytest.fixture
def url(live_server) -> Callable[..., str]:
    """url("organisations:dashboard") -> the live server's absolute address of that view."""

    def _url(name: str, *args: object, **kwargs: object) -> str:
        return live_server.url + reverse(name, args=args or None, kwargs=kwargs or None)

    return _url


def log_in(page: Page, login_url: str, email: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, scanning the form page on the way."""
    page.goto(login_url)
    check_a11y(page)
    page.get_by_label("E-Mail").fill(email)
    page.get_by_label("Passwort").fill(password)
    page.locator("main").get_by_role("button", name="Anmelden").click()
    page.wait_for_load_state("load")

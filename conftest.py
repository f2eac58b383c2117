"""Project-wide pytest fixtures."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import transaction
from django.test import Client

from zukunftszentrum.organisations.middleware import SESSION_KEY


@pytest.fixture
def login(client: Client):
    """Log a membership's person in, acting in that membership's role: login(membership)."""

    def _login(membership, c: Client | None = None) -> Client:
        c = c or client
        c.force_login(membership.user)
        session = c.session
        session[SESSION_KEY] = membership.pk
        session.save()
        return c

    return _login


@pytest.fixture(autouse=True)
def _language_reset():
    """A request in English leaves English active in the thread; the next test starts German."""
    yield
    from django.conf import settings
    from django.utils import translation

    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture(scope="session", autouse=True)
def _uploads_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Uploads and prepared files of the tests go to a folder of the test run, not the data
    folder a demo uses."""
    from django.test import override_settings

    with override_settings(MEDIA_ROOT=tmp_path_factory.mktemp("media")):
        yield


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Rate-limit counters live in the cache: each test starts with none (all tests come from
    one address, so counters from earlier tests would refuse later ones)."""
    from django.core.cache import cache

    cache.clear()
    yield


@pytest.fixture(scope="module")
def module_db(django_db_setup: Any, django_db_blocker: Any) -> Iterator[None]:
    """One transaction around a whole test module, rolled back at its end.

    For data that takes long to build and that the module's tests only read: a module-scoped
    fixture that depends on `module_db` builds it once; each test then runs in a savepoint
    within this transaction (pytest-django's `db`), so whatever a test writes is undone after
    that test, and the next one sees the data as built. The module's tests that do not use it
    run before it is built (see `pytest_collection_modifyitems`).
    """
    with django_db_blocker.unblock(), transaction.atomic():
        yield
        transaction.set_rollback(True)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """On the PostgreSQL run, only the tests that use a database (see `_database_tests_only`).
    Within each module, run the tests that do not use `module_db` first: once it is open it
    stays open until the module ends, and those tests expect a database without its data."""
    _database_tests_only(config, items)
    block, previous = 0, None
    keys: dict[int, tuple[int, bool]] = {}
    for item in items:  # the order across modules is kept (pytest-django sorted it already)
        module = getattr(item, "module", None)
        if module is not previous:
            block, previous = block + 1, module
        keys[id(item)] = (block, "module_db" in getattr(item, "fixturenames", ()))
    items.sort(key=lambda item: keys[id(item)])


def _transactional(item: pytest.Item) -> bool:
    """Whether the test commits for real and ends by emptying every table (a live server
    implies it: pytest-django gives such a test a transactional database)."""
    names = getattr(item, "fixturenames", ())
    marker = item.get_closest_marker("django_db")
    return (
        "transactional_db" in names
        or "live_server" in names
        or bool(marker and marker.kwargs.get("transaction"))
    )


def _serialized(item: pytest.Item) -> bool:
    """Whether the test asks for `serialized_rollback`: Django loads the kept copy of the
    migrated data when it starts, and its final flush does not run post_migrate."""
    marker = item.get_closest_marker("django_db")
    return "django_db_serialized_rollback" in getattr(item, "fixturenames", ()) or bool(
        marker and marker.kwargs.get("serialized_rollback")
    )


@pytest.fixture(scope="session")
def django_db_setup(
    django_db_setup: None, django_db_blocker: Any, request: pytest.FixtureRequest
) -> None:
    """pytest-django's test databases, with what the migrations wrote kept in memory whenever a
    transactional test will run.

    pytest-django keeps that copy only when some test of the run asks for `serialized_rollback`.
    Without it, the first transactional test's final flush wiped the Länder for good, and the
    next test that seeded the demo failed on a FOREIGN KEY constraint (its organisations point
    to Länder that were gone) — e.g. a browser module run on its own whose tests each seed the
    demo. `pytest_runtest_teardown` restores from this copy.
    """
    if not any(_transactional(item) for item in request.session.items):
        return
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if getattr(connection, "_test_serialized_contents", None) is None:
                connection._test_serialized_contents = (  # type: ignore[attr-defined]
                    connection.creation.serialize_db_to_string()
                )


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: pytest.Item | None) -> Iterator[None]:
    """After a transactional test, put back what the migrations wrote (Länder, the default
    population table, the operator's pages).

    Such a test ends by emptying every table. Run alone, pytest-django sorts those tests last, so
    nothing comes after them; spread over several processes (`-n 2`), a process goes on with the
    next file's tests, which expect the migrated data; and a transactional test's own
    parametrised siblings (or the next test of its module) come after it too. Django restores
    it only at the start of the next test that asks for `serialized_rollback`, so do the same
    here, for every later test (the copy is kept by `django_db_setup` above).
    """
    yield
    if nextitem is None:  # the last test: the test databases are gone already, nothing follows
        return
    if not _transactional(item):
        return
    if _serialized(item) and _transactional(nextitem) and _serialized(nextitem):
        # Its flush left the tables empty (no post_migrate) and Django loads the copy when the
        # next test starts: loading it here too cost about half a second per browser test.
        return
    from django.contrib.contenttypes.models import ContentType
    from django.core.management import call_command
    from django.db import connections
    from pytest_django.plugin import blocking_manager_key

    with item.config.stash[blocking_manager_key].unblock():
        for connection in connections.all(initialized_only=True):
            contents = getattr(connection, "_test_serialized_contents", None)
            if contents:  # as Django does before a serialized_rollback test: empty, then load
                call_command(
                    "flush",
                    verbosity=0,
                    interactive=False,
                    database=connection.alias,
                    inhibit_post_migrate=True,
                )
                connection.creation.deserialize_db_from_string(contents)
        # A test without serialized_rollback ends with a flush that recreates the content types
        # under new ids (post_migrate) and caches them; the copy just loaded has the old ids.
        ContentType.objects.clear_cache()


# Fixtures through which a test reaches the database.
_DB_FIXTURES = frozenset(
    {"db", "transactional_db", "django_db_reset_sequences", "django_db_serialized_rollback"}
)


def _uses_database(item: pytest.Item) -> bool:
    names = set(getattr(item, "fixturenames", ()))
    return item.get_closest_marker("django_db") is not None or bool(
        names & (_DB_FIXTURES | {"module_db"})
    )


def _database_tests_only(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`make pg` sets ZZ_DATABASE_TESTS_ONLY=1: the tests that never touch a database ran on
    SQLite already and would run identically again, so they are left out there."""
    if os.environ.get("ZZ_DATABASE_TESTS_ONLY") != "1":
        return
    left_out = [item for item in items if not _uses_database(item)]
    if left_out:
        config.hook.pytest_deselected(items=left_out)
        items[:] = [item for item in items if _uses_database(item)]

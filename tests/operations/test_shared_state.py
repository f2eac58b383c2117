"""Several web machines: nothing a request depends on may live in one web process."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings

from config.settings import base
from zukunftszentrum.core import ratelimit


def test_the_production_cache_is_the_shared_table() -> None:
    assert base.CACHES["default"]["BACKEND"] == "django.core.cache.backends.db.DatabaseCache"


def test_connections_are_checked_before_reuse() -> None:
    # After a database restart a kept connection is dead: checked, it is replaced, not used.
    assert base.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


def test_sessions_and_login_attempts_are_in_the_database() -> None:
    assert settings.SESSION_ENGINE == "django.contrib.sessions.backends.db"
    assert getattr(settings, "AXES_HANDLER", "axes.handlers.database.AxesDatabaseHandler") == (
        "axes.handlers.database.AxesDatabaseHandler"
    )


@pytest.mark.django_db
def test_rate_limit_counters_are_rows_every_process_sees() -> None:
    table = base.CACHES["default"]["LOCATION"]
    assert table in connection.introspection.table_names()  # made by core's migration
    with override_settings(CACHES=base.CACHES):
        assert ratelimit.hit("register:192.0.2.1", limit=1, period=3600, now=0)
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(table)}")  # noqa: S608 - a constant
            assert cursor.fetchone()[0] == 1
        with override_settings(CACHES=dict(base.CACHES)):  # a fresh cache object, same table
            assert not ratelimit.hit("register:192.0.2.1", limit=1, period=3600, now=0)

"""Production settings refuse the demo secret and pass Django's deployment checklist."""

from __future__ import annotations

import os
import secrets
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import connection

ROOT = Path(__file__).resolve().parents[3]


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    # Only what production would have: no test database, no secret, no async escape hatch.
    dropped = ("SECRET_KEY", "DATABASE_URL", "DJANGO_ALLOW_ASYNC_UNSAFE")
    environment = {k: v for k, v in os.environ.items() if k not in dropped}
    environment.update(DJANGO_SETTINGS_MODULE="config.settings.prod", **env)
    return subprocess.run(  # noqa: S603 - fixed arguments
        [sys.executable, str(ROOT / "manage.py"), *args],
        capture_output=True,
        text=True,
        env=environment,
        cwd=ROOT,
        check=False,
    )


@pytest.mark.parametrize("secret", ["", "demo-only-insecure-secret-key-change-me", "short"])
def test_production_refuses_weak_or_demo_secret(secret: str) -> None:
    result = _manage("check", SECRET_KEY=secret, ALLOWED_HOSTS="zz.example.org")
    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def _migrate(env: dict[str, str]) -> None:
    """A migrated production database for `env`: a copy of this test's database, which
    pytest-django migrated already (all migrations again would take about a minute)."""
    connection.ensure_connection()
    copy = sqlite3.connect(Path(env["ZZ_DATA_DIR"]) / "zukunftszentrum.sqlite3")
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


@pytest.mark.django_db(transaction=True)  # no open transaction: the copy would wait for it
def test_production_passes_deploy_checks_once_the_operator_pages_are_complete(
    tmp_path: Path,
) -> None:
    if connection.vendor != "sqlite":
        pytest.skip("the commands run on SQLite either way; the SQLite run covers this")
    env = {
        "SECRET_KEY": secrets.token_urlsafe(64),
        "ALLOWED_HOSTS": "zz.example.org",
        "ZZ_DATA_DIR": str(tmp_path),
        "ZZ_CREDENTIALS_BASE_URL": "https://zz.example.org",
    }
    check = ("check", "--deploy", "--fail-level", "WARNING")
    unmigrated = _manage(*check, **env)
    assert unmigrated.returncode != 0 and "run migrate first" in unmigrated.stderr
    _migrate(env)
    empty = _manage(*check, **env)
    assert empty.returncode != 0
    for kind in ("imprint", "accessibility", "privacy"):
        assert f"{kind}: not entered yet" in empty.stderr, empty.stderr
    fill = "from zukunftszentrum.core.operator_pages import seed_demo_operator_pages as s; s()"
    assert _manage("shell", "-c", fill, **env).returncode == 0
    assert _manage("credentials_keys", "create", **env).returncode == 0
    result = _manage(*check, **env)
    assert result.returncode == 0, result.stdout + result.stderr

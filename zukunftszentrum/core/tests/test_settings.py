"""Production settings refuse the demo secret and pass Django's deployment checklist."""

from __future__ import annotations

import json
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


def _copy_of_the_test_database(target: Path) -> None:
    """A migrated production database: a copy of this test's database, which pytest-django
    migrated already (all migrations again would take about a minute)."""
    connection.ensure_connection()
    copy = sqlite3.connect(target)
    try:
        connection.connection.backup(copy)
    finally:
        copy.close()


# The operator's steps in one production process (each process loads every app, which took most
# of this test's time when every step was a process of its own): check an unmigrated database,
# put the migrated copy in place, check again, fill the operator pages, make the signing key,
# check a last time. Prints the three checks' messages ("" when a check passed) as JSON.
STEPS = """
import json, os
from pathlib import Path
from django.core.management import call_command
from django.core.management.base import SystemCheckError
from django.db import connections

def check():
    try:
        call_command("check", "--deploy", "--fail-level", "WARNING", verbosity=0)
    except SystemCheckError as error:
        return str(error) or "failed"
    return ""

data = Path(os.environ["ZZ_DATA_DIR"])
unmigrated = check()
connections.close_all()
for suffix in ("", "-wal", "-shm"):
    (data / f"zukunftszentrum.sqlite3{suffix}").unlink(missing_ok=True)
(data / "migrated.sqlite3").rename(data / "zukunftszentrum.sqlite3")
empty = check()
from zukunftszentrum.core.operator_pages import seed_demo_operator_pages
seed_demo_operator_pages()
call_command("credentials_keys", "create", verbosity=0)
complete = check()
print(json.dumps([unmigrated, empty, complete]))
"""


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
    _copy_of_the_test_database(tmp_path / "migrated.sqlite3")
    steps = _manage("shell", "-c", STEPS, **env)
    assert steps.returncode == 0, steps.stdout + steps.stderr
    unmigrated, empty, complete = json.loads(steps.stdout.strip().splitlines()[-1])
    assert "run migrate first" in unmigrated, unmigrated
    for kind in ("imprint", "accessibility", "privacy"):
        assert f"{kind}: not entered yet" in empty, empty
    assert complete == "", complete

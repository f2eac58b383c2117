"""The test set-up itself: a transactional test must not take the migrated data from the tests
after it (see `django_db_setup` and `pytest_runtest_teardown` in the root conftest.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SESSION = Path(__file__).with_name("transactional_then_seeded.py")


def test_transactional_tests_leave_the_migrated_data_to_the_next_ones() -> None:
    # A session of its own: in the whole suite some test asks for serialized_rollback, and then
    # pytest-django keeps the copy anyway, which would hide the fault.
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}  # SQLite: seconds
    done = subprocess.run(  # noqa: S603 - fixed arguments
        [
            sys.executable,
            "-m",
            "pytest",
            str(SESSION),
            "-p",
            "no:xdist",
            "-q",
            "-o",
            f"python_files={SESSION.name}",
            "--no-header",
        ],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]
    assert "2 passed" in done.stdout, done.stdout[-3000:]

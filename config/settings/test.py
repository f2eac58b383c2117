"""Tests: fast hashing, plain static storage (the live server serves files unhashed), locmem email."""

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "zukunftszentrum.core.uploads.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ACCOUNT_RATE_LIMITS = False
# In memory: every test starts with an empty cache (conftest), also the tests without a database.
# Production's shared cache table is tested in core/tests/test_settings.py.
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Tasks go to the database queue as in production, but no worker runs: tests compute queued
# needs runs explicitly (needs.runs.drain) or run the worker in batch mode.
# The audit log's tests sign in wrongly on purpose; a lockout would only get in their way.
AXES_FAILURE_LIMIT = 1000
# Releases, peer snapshots and emails happen inside the request, as most tests expect; the tests
# of the queue turn this off and run the tasks explicitly.
ZZ_RUN_TASKS_INLINE = True
# A stale window is computed again at its next view, as most needs tests expect; the pause
# between runs has its own tests.
ZZ_NEEDS_REFRESH_SECONDS = 0
# Most tests sign in as admins without a second factor; the tests of the requirement turn it on.
ZZ_MFA_REQUIRED = False
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)
# Workers run inside the test process: it keeps its priority.
ZZ_WORKER_NICE = 0

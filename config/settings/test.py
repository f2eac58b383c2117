"""Tests: fast hashing, plain static storage (the live server serves files unhashed), locmem email."""

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
MAILERS = {"default": {"BACKEND": "django.core.mail.backends.locmem.EmailBackend"}}
ACCOUNT_RATE_LIMITS = False
ZZ_NEEDS_RUNNER = "manual"  # tests compute queued runs explicitly (needs.runs.drain)
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

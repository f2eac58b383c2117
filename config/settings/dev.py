"""Local development and the demo: SQLite by default, debug on, console email."""

import os

from .base import *  # noqa: F403
from .base import DATA_DIR

DEBUG = True
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
STORAGES = {
    "default": {"BACKEND": "zukunftszentrum.core.uploads.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The demo's admin logins work without a second factor, so a person trying the demo needs no
# authenticator app; `zukunftszentrum demo` says so loudly. ZZ_MFA_REQUIRED=1 shows the requirement.
ZZ_MFA_REQUIRED = os.environ.get("ZZ_MFA_REQUIRED", "0") == "1"
# WebAuthn needs HTTPS, except for the development server on localhost.
MFA_WEBAUTHN_ALLOW_INSECURE_ORIGIN = True
(DATA_DIR / "static").mkdir(parents=True, exist_ok=True)

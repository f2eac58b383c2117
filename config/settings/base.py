"""Settings shared by every environment; everything that differs comes from environment variables."""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.csp import CSP
from django.utils.translation import gettext_lazy as _

from .oidc import providers_from_environ, socialaccount_providers

BASE_DIR = Path(__file__).resolve().parent.parent.parent
DATA_DIR = Path(os.environ.get("ZZ_DATA_DIR", BASE_DIR / "var"))

DEMO_SECRET_KEY = "demo-only-insecure-secret-key-change-me"  # noqa: S105 - refused by prod settings
SECRET_KEY = os.environ.get("SECRET_KEY", DEMO_SECRET_KEY)
DEBUG = False
ALLOWED_HOSTS = [h.strip() for h in os.environ.get("ALLOWED_HOSTS", "").split(",") if h.strip()]
CSRF_TRUSTED_ORIGINS = [
    o.strip() for o in os.environ.get("CSRF_TRUSTED_ORIGINS", "").split(",") if o.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",  # allauth.mfa's list of security keys uses it
    "django_htmx",
    "ninja",
    "allauth",
    "allauth.account",
    "allauth.mfa",
    "allauth.socialaccount",
    "allauth.socialaccount.providers.openid_connect",
    "axes",
    "django_tasks_db",
    "zukunftszentrum.core",
    "zukunftszentrum.organisations",
    "zukunftszentrum.assessments",
    "zukunftszentrum.needs",
    "zukunftszentrum.learning",
    "zukunftszentrum.self_learning",
    "zukunftszentrum.ai_act",
    "zukunftszentrum.credentials",
    "zukunftszentrum.participation",
    "zukunftszentrum.concepts",
]

MIDDLEWARE = [
    # First: counts every request and its duration, and answers /metrics when ZZ_METRICS=1
    # (before the HTTPS redirect, so a scrape on the internal port is not redirected).
    "zukunftszentrum.core.metrics.MetricsMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "django.middleware.csp.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "allauth.account.middleware.AccountMiddleware",
    "zukunftszentrum.organisations.middleware.ActiveMembershipMiddleware",
    "zukunftszentrum.organisations.consent.PrivacyConsentMiddleware",
    "zukunftszentrum.organisations.mfa.MfaRequiredMiddleware",
    "zukunftszentrum.core.ratelimit.RateLimitMiddleware",
    # Last, as django-axes asks: it turns a locked-out sign-in into the lockout page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "zukunftszentrum" / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "django.template.context_processors.i18n",
                "zukunftszentrum.organisations.context_processors.membership",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL", f"sqlite:///{DATA_DIR / 'zukunftszentrum.sqlite3'}"),
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        # A kept connection is checked before a request reuses it: after PostgreSQL restarted,
        # the first request of each web process reconnects instead of failing on the dead one.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # Requests and the needs analysis' background thread write at the same time. WAL lets
    # readers go on while one connection writes. IMMEDIATE takes the write lock when a
    # transaction begins: a transaction that read first (e.g. two submissions of one response)
    # would otherwise fail at once with "database is locked" when it tries to write, because
    # SQLite cannot wait there without risking a deadlock. `timeout` is how long a transaction
    # waits for the lock (seconds).
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"init_command": "PRAGMA journal_mode=WAL", "transaction_mode": "IMMEDIATE", "timeout": 20}
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    # First: refuses every sign-in of a locked-out address or account before a password is tried.
    "zukunftszentrum.core.login_protection.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
    "allauth.account.auth_backends.AuthenticationBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "account_login"
LOGIN_REDIRECT_URL = "organisations:dashboard"
LOGOUT_REDIRECT_URL = "core:home"

# django-allauth: email is the login; sign-up happens through invitations, not openly.
ACCOUNT_LOGIN_METHODS = {"email"}
ACCOUNT_SIGNUP_FIELDS = ["email*", "password1*", "password2*"]
ACCOUNT_USER_MODEL_USERNAME_FIELD = None
ACCOUNT_EMAIL_VERIFICATION = "none"
ACCOUNT_LOGOUT_ON_PASSWORD_CHANGE = False
ACCOUNT_ADAPTER = "zukunftszentrum.organisations.adapters.AccountAdapter"
ACCOUNT_LOGIN_ON_PASSWORD_RESET = False
ACCOUNT_SESSION_REMEMBER = None
ACCOUNT_RATE_LIMITS: dict[str, str] | bool = {
    "login_failed": "10/m/ip,5/5m/key",
    "reset_password": "20/m/ip,5/5m/key",
    "reset_password_from_key": "20/m/ip",
}
ACCOUNT_EMAIL_SUBJECT_PREFIX = "Zukunftszentren: "

# Sign-in through the operator's identity providers (OpenID Connect, allauth.socialaccount),
# configured only by the environment (config/settings/oidc.py); none configured, no button. An
# existing account is linked only when the provider says the address is verified; the platform's
# own second factor is still asked for (core/oidc/). Tokens from the provider are not kept.
ZZ_OIDC_PROVIDERS = providers_from_environ(os.environ)
SOCIALACCOUNT_PROVIDERS = socialaccount_providers(
    ZZ_OIDC_PROVIDERS, "zukunftszentrum.core.oidc.provider.VerifyingOpenIDConnectProvider"
)
SOCIALACCOUNT_ADAPTER = "zukunftszentrum.core.oidc.adapter.SocialAccountAdapter"
SOCIALACCOUNT_AUTO_SIGNUP = True
SOCIALACCOUNT_EMAIL_AUTHENTICATION = False  # linking by address is decided in the adapter
SOCIALACCOUNT_STORE_TOKENS = False
SOCIALACCOUNT_LOGIN_ON_GET = False  # the button posts (with CSRF); a link cannot start a sign-in

# Two-factor sign-in (allauth.mfa): an authenticator app (TOTP), security keys and passkeys
# (WebAuthn) and recovery codes, offered to everyone under "Profil". Programme and centre admins
# and staff of the administration must set it up before anything else (organisations/mfa.py);
# ZZ_MFA_REQUIRED=0 lifts that requirement (the demo does, loudly, see docs/operations.md).
MFA_SUPPORTED_TYPES = ["totp", "webauthn", "recovery_codes"]
MFA_TOTP_ISSUER = "Zukunftszentren"
ZZ_MFA_REQUIRED = os.environ.get("ZZ_MFA_REQUIRED", "1") == "1"

# Task workers compute this much lower in CPU priority than the web processes (nice, 0-19), so
# reports built on a machine that also serves pages do not slow the pages down.
ZZ_WORKER_NICE = int(os.environ.get("ZZ_WORKER_NICE", "10"))

# How many reverse proxies of the operator stand in front of the web processes (nginx: 1). Each
# appends the address it saw to X-Forwarded-For; only those entries are believed. 0 (default):
# the header is ignored and the direct peer is the client. Behind a proxy, leaving it at 0 makes
# all visitors one client for the sign-in limits and the lockout. See core/client_address.py.
ZZ_TRUSTED_PROXY_COUNT = int(os.environ.get("ZZ_TRUSTED_PROXY_COUNT", "0"))
ALLAUTH_TRUSTED_PROXY_COUNT = ZZ_TRUSTED_PROXY_COUNT

# Login protection (django-axes): after AXES_FAILURE_LIMIT failed sign-ins with one address, or
# from one client, further tries are refused for AXES_COOLOFF_TIME, even with the right password.
# The attempts are kept in the database, so every web process and machine sees the same count.
# allauth's own rate limits above stay in front of it.
AXES_FAILURE_LIMIT = int(os.environ.get("ZZ_LOGIN_FAILURE_LIMIT", "10"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("ZZ_LOGIN_LOCKOUT_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_USERNAME_CALLABLE = "zukunftszentrum.core.login_protection.tried_address"
AXES_CLIENT_IP_CALLABLE = "zukunftszentrum.core.login_protection.client_address"
AXES_LOCKOUT_CALLABLE = "zukunftszentrum.core.login_protection.lockout_response"
AXES_VERBOSE = False

# The cache holds the rate-limit counters (allauth's and core/ratelimit.py's). It is a table in
# the database (created by a migration of core), so every web process
# and machine counts together; a per-process cache would let each one allow the full limit.
CACHES = {
    "default": {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "zz_cache",
    }
}

# Rate limits of the project's own public forms (allauth limits its own forms above): URL name ->
# (requests, seconds) per client address, counted for POST requests only. See core/ratelimit.py.
ZZ_RATE_LIMITS: dict[str, tuple[int, int]] = {
    "organisations:register": (10, 3600),
    "organisations:invitation_accept": (20, 3600),
    "credentials:verify": (30, 600),
}

LANGUAGE_CODE = "de"
LANGUAGES = [("de", _("Deutsch")), ("en", _("Englisch"))]
LOCALE_PATHS = [BASE_DIR / "zukunftszentrum" / "locale"]
# English dates day-first and unambiguous (zukunftszentrum/formats/en/formats.py).
FORMAT_MODULE_PATH = ["zukunftszentrum.formats"]
TIME_ZONE = "Europe/Berlin"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = DATA_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "zukunftszentrum.core.uploads.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
}
MEDIA_ROOT = DATA_DIR / "media"

# Email (Django 6.1 MAILERS): console output in the demo, SMTP in production.
SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


def mailers(default_backend: str) -> dict:
    """The MAILERS setting from EMAIL_* environment variables."""
    backend = os.environ.get("EMAIL_BACKEND", default_backend)
    smtp_options = {
        "host": os.environ.get("EMAIL_HOST", "localhost"),
        "port": int(os.environ.get("EMAIL_PORT", "587")),
        "username": os.environ.get("EMAIL_HOST_USER", ""),
        "password": os.environ.get("EMAIL_HOST_PASSWORD", ""),
        "use_tls": os.environ.get("EMAIL_USE_TLS", "1") == "1",
        "timeout": 20,
    }
    return {
        "default": {"BACKEND": backend, "OPTIONS": smtp_options if backend == SMTP_BACKEND else {}}
    }


MAILERS = mailers(
    SMTP_BACKEND
    if os.environ.get("EMAIL_HOST")
    else "django.core.mail.backends.console.EmailBackend"
)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "Zukunftszentrum <noreply@localhost>")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Content-Security-Policy (Django's own middleware): scripts, styles, fonts and images only from
# this site, no inline script or style, no plugins, no framing. Charts and maps are inline SVG
# with presentation attributes, which the policy allows; data: images are KERN's icons.
SECURE_CSP = {
    "default-src": [CSP.SELF],
    "script-src": [CSP.SELF],
    "style-src": [CSP.SELF],
    "img-src": [CSP.SELF, "data:"],
    "font-src": [CSP.SELF],
    "connect-src": [CSP.SELF],
    "object-src": [CSP.NONE],
    "base-uri": [CSP.SELF],
    "form-action": [CSP.SELF],
    "frame-ancestors": [CSP.NONE],
}

MESSAGE_TAGS = {10: "info", 20: "info", 25: "success", 30: "warning", 40: "danger"}

# Product settings.
# Aggregates over people are hidden below this group size (never configurable downward).
ZZ_MIN_GROUP_SIZE = max(5, int(os.environ.get("ZZ_MIN_GROUP_SIZE", "5")))
ZZ_CONTENT_DIR = Path(os.environ.get("ZZ_CONTENT_DIR", BASE_DIR / "content"))
ZZ_INVITATION_DAYS = int(os.environ.get("ZZ_INVITATION_DAYS", "14"))
ZZ_PRIVACY_NOTICE_VERSION = "2026-12-06"  # who sees what, for every role and app

# Signing keys live outside the database (backed up by `backup`); credentials' keys in credentials/.
ZZ_SIGNING_KEYS_DIR = Path(os.environ.get("ZZ_SIGNING_KEYS_DIR", DATA_DIR / "keys"))
# The public address credentials name as issuer, status list and verification page. It is signed
# into every credential, so it must be the site's final address and never change.
ZZ_CREDENTIALS_BASE_URL = os.environ.get("ZZ_CREDENTIALS_BASE_URL", "http://127.0.0.1:8000").rstrip(
    "/"
)
ZZ_CREDENTIALS_ISSUER_NAME = os.environ.get("ZZ_CREDENTIALS_ISSUER_NAME", "Zukunftszentren (KI)")

# `/health/` reports "degraded" when the oldest waiting task has waited longer (seconds).
ZZ_HEALTH_MAX_TASK_AGE = int(os.environ.get("ZZ_HEALTH_MAX_TASK_AGE", "900"))

# Prometheus metrics at /metrics (core/metrics.py): off unless ZZ_METRICS=1. A scrape must bring
# `Authorization: Bearer <ZZ_METRICS_TOKEN>` or come from an address in ZZ_METRICS_ALLOWED_IPS
# (comma-separated); with neither set, every scrape is refused.
ZZ_METRICS = os.environ.get("ZZ_METRICS", "0") == "1"
ZZ_METRICS_TOKEN = os.environ.get("ZZ_METRICS_TOKEN", "")
ZZ_METRICS_ALLOWED_IPS = [
    a.strip() for a in os.environ.get("ZZ_METRICS_ALLOWED_IPS", "").split(",") if a.strip()
]

# Background work (Django's tasks framework): a queue in the database, worked off by
# `zukunftszentrum worker` processes, any number on any machine sharing the database.
TASKS = {
    "default": {
        "BACKEND": "django_tasks_db.DatabaseBackend",
        "QUEUES": ["default"],
    }
}

# The needs estimates are computed again when new answers arrive, but a window's estimates are
# not computed again within this many seconds of the last run: in the load test every submitted
# check queued a run of every window, and the runs took most of the task workers' CPU. Pages
# show the last run with its time and say that new answers come in with the next one.
ZZ_NEEDS_REFRESH_SECONDS = int(os.environ.get("ZZ_NEEDS_REFRESH_SECONDS", "300"))

# Releases, peer snapshots and emails go to the task queue; True does them at once inside the
# request instead (tests that do not exercise the queue; never needed in production).
ZZ_RUN_TASKS_INLINE = False

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}

"""Settings of the load test's server: production settings on plain HTTP over loopback, plus
one bare view as the baseline (benchmarks/load/urls.py)."""

from config.settings.prod import *  # noqa: F403

ROOT_URLCONF = "benchmarks.load.urls"
# Loopback without TLS: the load client is the only visitor.
SECURE_SSL_REDIRECT = False
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_HSTS_SECONDS = 0
# The load client signs in with the demo's passwords; a second factor would only measure the
# set-up page (its own tests cover the requirement).
ZZ_MFA_REQUIRED = False
# The load client stands for many people behind one reverse proxy, as in production: it sends
# each person's address in X-Forwarded-For (benchmarks/load/locustfile.py).
ZZ_TRUSTED_PROXY_COUNT = ALLAUTH_TRUSTED_PROXY_COUNT = 1

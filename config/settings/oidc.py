"""Sign-in through an operator's identity provider (OpenID Connect), read from the environment.

Pure: environment in, django-allauth's provider entries out, so every case is testable without
Django. Nothing configured means no provider and no button on the sign-in page.

Either one provider in separate variables (ZZ_OIDC_ID, ZZ_OIDC_NAME, ZZ_OIDC_SERVER_URL,
ZZ_OIDC_CLIENT_ID, ZZ_OIDC_CLIENT_SECRET, optional ZZ_OIDC_SIGNUP=0) or several as a JSON list in
ZZ_OIDC_PROVIDERS: [{"id": ..., "name": ..., "server_url": ..., "client_id": ...,
"client_secret": ..., "signup": true}]. A half-filled configuration stops the start with the
missing names, rather than showing a button that cannot work.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

REQUIRED = ("id", "name", "server_url", "client_id", "client_secret")
SINGLE_PREFIX = "ZZ_OIDC_"
# The id is part of the callback address registered at the provider (/konto/oidc/<id>/...).
ID_PATTERN = re.compile(r"^[a-z0-9][a-z0-9_-]{0,39}$")


class OidcConfigError(ValueError):
    """The environment names an identity provider incompletely or wrongly."""


def providers_from_environ(environ: Mapping[str, str]) -> list[dict[str, Any]]:
    """The configured providers as plain dicts with the keys of REQUIRED and `signup`."""
    listed = environ.get("ZZ_OIDC_PROVIDERS", "").strip()
    single = {key: environ.get(SINGLE_PREFIX + key.upper(), "").strip() for key in REQUIRED}
    if listed and any(single.values()):
        raise OidcConfigError("set either ZZ_OIDC_PROVIDERS or the ZZ_OIDC_* variables, not both")
    if listed:
        try:
            entries = json.loads(listed)
        except json.JSONDecodeError as error:
            raise OidcConfigError(f"ZZ_OIDC_PROVIDERS is not valid JSON: {error}") from error
        if not isinstance(entries, list):
            raise OidcConfigError("ZZ_OIDC_PROVIDERS must be a JSON list of objects")
    elif any(single.values()):
        signup = environ.get(SINGLE_PREFIX + "SIGNUP", "1").strip() != "0"
        entries = [{**single, "signup": signup}]
    else:
        return []
    providers = [_provider(entry, position) for position, entry in enumerate(entries)]
    ids = [p["id"] for p in providers]
    if len(set(ids)) != len(ids):
        raise OidcConfigError(f"identity provider ids must differ: {ids}")
    return providers


def _provider(entry: Any, position: int) -> dict[str, Any]:
    if not isinstance(entry, dict):
        raise OidcConfigError(f"identity provider #{position + 1} is not a JSON object")
    values = {key: str(entry.get(key) or "").strip() for key in REQUIRED}
    missing = [key for key, value in values.items() if not value]
    if missing:
        raise OidcConfigError(f"identity provider #{position + 1} lacks: {', '.join(missing)}")
    if not ID_PATTERN.match(values["id"]):
        raise OidcConfigError(
            f"identity provider id {values['id']!r}: use lower-case letters, digits, - and _"
        )
    if not values["server_url"].startswith(("https://", "http://")):
        raise OidcConfigError(f"server_url of {values['id']!r} must be an http(s) address")
    signup = entry.get("signup", True)
    if not isinstance(signup, bool):
        raise OidcConfigError(f"signup of {values['id']!r} must be true or false")
    return {**values, "signup": signup}


def socialaccount_providers(providers: list[dict[str, Any]], provider_class: str) -> dict:
    """django-allauth's SOCIALACCOUNT_PROVIDERS for these providers (an empty list of apps
    when none: the provider class is set either way, since allauth reads it once)."""
    apps = [
        {
            "provider_id": p["id"],
            "name": p["name"],
            "client_id": p["client_id"],
            "secret": p["client_secret"],
            "settings": {
                "server_url": p["server_url"],
                # Proof Key for Code Exchange (S256) on every sign-in, whatever the provider demands.
                "oauth_pkce_enabled": True,
                "signup": p["signup"],
            },
        }
        for p in providers
    ]
    return {"openid_connect": {"provider_class": provider_class, "APPS": apps}}

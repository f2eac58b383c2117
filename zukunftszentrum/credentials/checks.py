"""Deployment checks of credentials (run by `zukunftszentrum check --deploy`)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.checks import Warning, register

from . import keys


@register(deploy=True)
def credentials_ready(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    """The base URL is signed into every credential, and keys should exist before the first one."""
    found = []
    url = urlsplit(settings.ZZ_CREDENTIALS_BASE_URL)
    if url.scheme != "https" or url.hostname in ("127.0.0.1", "localhost"):
        found.append(
            Warning(
                f"ZZ_CREDENTIALS_BASE_URL is {settings.ZZ_CREDENTIALS_BASE_URL!r}.",
                hint="Set it to the site's public https address before the first credential: "
                "it is signed into every credential and cannot change later.",
                id="zukunftszentrum.credentials.W001",
            )
        )
    if keys.current_id() is None:
        found.append(
            Warning(
                f"No credential signing key in {keys.keys_dir()}.",
                hint="Run `zukunftszentrum credentials-keys create` (once, on shared storage).",
                id="zukunftszentrum.credentials.W002",
            )
        )
    return found

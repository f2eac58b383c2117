"""The absolute URLs signed into credentials: issuer, keys, status list, verification page.

They start with settings.ZZ_CREDENTIALS_BASE_URL, never with the request's host: a credential
outlives the request, and a forged Host header must not end up in a signed document.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from django.conf import settings
from django.urls import Resolver404, resolve, reverse


def absolute(path: str) -> str:
    return settings.ZZ_CREDENTIALS_BASE_URL + path


def issuer_id() -> str:
    return absolute(reverse("credentials:issuer"))


def key_url(key_id: str) -> str:
    return absolute(reverse("credentials:issuer_key", kwargs={"key_id": key_id}))


def status_list_url(purpose: str = "revocation") -> str:
    return absolute(reverse("credentials:status_list", kwargs={"purpose": purpose}))


def verify_url(uuid: str) -> str:
    return absolute(reverse("credentials:verify_stored", kwargs={"uuid": uuid}))


def own_route(url: object) -> tuple[str, dict[str, str]] | None:
    """(URL name, kwargs) when `url` is one of this site's credential addresses, else None."""
    if not isinstance(url, str) or not url.startswith(settings.ZZ_CREDENTIALS_BASE_URL + "/"):
        return None
    path = urlsplit(url).path
    try:
        match = resolve(path)
    except Resolver404:
        return None
    return match.view_name, {k: str(v) for k, v in match.kwargs.items()}

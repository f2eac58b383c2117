"""The project's one HTTP API (django-ninja, OpenAPI at /api/docs).

Generic on purpose: core knows no domain. Each app that offers endpoints has an `api.py` with a
ninja `router` (and optionally `API_PREFIX`); `api_urls()` finds them among the installed
`zukunftszentrum.*` apps and mounts them, the way the admin discovers `admin.py`. Endpoints are
public unless they say `auth=django_auth` (the signed-in session; unsafe methods check CSRF).
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

from django.apps import apps
from django.utils.module_loading import module_has_submodule
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

__all__ = ["api", "api_urls", "django_auth", "responses"]

api = NinjaAPI(
    title="Zukunftszentrum API",
    version="1",
    description="Instrumente der Selbstchecks und die eigenen Ergebnisse der angemeldeten Person.",
    urls_namespace="api",
)
_mounted: set[str] = set()


class ErrorOut(Schema):
    """A refusal: unauthorised (401), forbidden (403), not found (404)."""

    detail: str


class ValidationErrorOut(Schema):
    """Parameters that do not fit the description (422): one entry per problem."""

    detail: list[dict[str, Any]]


_ERRORS: dict[int, Any] = {401: ErrorOut, 403: ErrorOut, 404: ErrorOut, 422: ValidationErrorOut}


def responses(ok: Any, *errors: int) -> dict[int, Any]:
    """An operation's documented answers: `ok` for 200, the errors it can give, and always 422
    (parameters are validated before the operation runs)."""
    return {200: ok, **{code: _ERRORS[code] for code in (*errors, 422)}}


def api_urls() -> Any:
    """The API's URL patterns for `path("api/", api_urls())`, with every app's router mounted."""
    for config in apps.get_app_configs():
        if not config.name.startswith("zukunftszentrum.") or config.name in _mounted:
            continue
        _mounted.add(config.name)
        if not module_has_submodule(config.module, "api") or config.name.endswith(".core"):
            continue
        module = import_module(f"{config.name}.api")
        router = getattr(module, "router", None)
        if router is not None:
            api.add_router(getattr(module, "API_PREFIX", "/"), router)
    return api.urls

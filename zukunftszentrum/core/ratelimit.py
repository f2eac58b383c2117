"""Rate limits for the project's own public forms, per client address, counted in the cache.

allauth limits its own forms (sign-in, password reset, ACCOUNT_RATE_LIMITS). The forms the apps
serve themselves (registering an organisation, accepting an invitation) are limited here, by URL
name in settings.ZZ_RATE_LIMITS, so a view needs no code of its own. Only POST requests count: the
page stays readable, and what a person typed is shown again with the message, not lost.
The cache is a table in the database (settings.CACHES), so every web process and machine counts
together (docs/operations.md, "Two machines").
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .audit import client_ip

STATUS = 429


def hit(key: str, *, limit: int, period: int, now: float | None = None) -> bool:
    """Count one request under `key` in the current window; False once over `limit`."""
    window = int((time.time() if now is None else now) // period)
    name = "zz-rl:" + hashlib.sha256(f"{key}:{window}".encode()).hexdigest()[:40]
    cache.add(name, 0, timeout=period + 1)
    try:
        count = cache.incr(name)
    except ValueError:  # expired between add and incr: this request opens the window
        cache.set(name, 1, timeout=period + 1)
        count = 1
    return count <= limit


class RateLimitMiddleware:
    """Answers 429 with a German page once a client posts too often to a limited form."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self, request: HttpRequest, view: Any, args: Any, kwargs: Any
    ) -> HttpResponse | None:
        if request.method != "POST" or request.resolver_match is None:
            return None
        name = request.resolver_match.view_name
        rule = getattr(settings, "ZZ_RATE_LIMITS", {}).get(name)
        if rule is None:
            return None
        limit, period = rule
        if hit(f"{name}:{client_ip(request) or '-'}", limit=limit, period=period):
            return None
        minutes = max(1, period // 60)
        response = render(request, "429.html", {"minutes": minutes}, status=STATUS)
        response["Retry-After"] = str(period)
        return response

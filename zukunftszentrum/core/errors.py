"""The page of an unexpected error: 503 while the database is unreachable, else Django's 500.

Django turns every uncaught exception into the 500 page. When the database is down (restarted,
failed over, the network to it cut), every page fails the same way for a while and then works
again by itself: that is "temporarily unavailable" (503 with Retry-After), which load balancers
and monitoring treat differently from a bug. Both pages are plain templates that need neither
the database nor a signed-in person (templates/500.html, templates/503.html).
"""

from __future__ import annotations

import sys

from django.db import InterfaceError, OperationalError
from django.http import HttpRequest, HttpResponse
from django.template import loader
from django.views import defaults

RETRY_AFTER_SECONDS = 30
# A lost or refused connection, a server shutting down: nothing the request did wrong.
UNAVAILABLE = (OperationalError, InterfaceError)


def database_unavailable(error: BaseException | None) -> bool:
    """Whether `error`, or an error it was raised from or while handling, is a lost database."""
    seen = 0
    while error is not None and seen < 10:  # a chain, not a cycle: but never loop forever
        if isinstance(error, UNAVAILABLE):
            return True
        error = error.__cause__ or error.__context__
        seen += 1
    return False


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500: called by Django while the uncaught exception is being handled."""
    if database_unavailable(sys.exc_info()[1]):
        page = loader.get_template("503.html").render()
        response = HttpResponse(page, status=503)
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
        return response
    return defaults.server_error(request)

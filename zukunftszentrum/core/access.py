"""Every view declares who may open it: public, any signed-in person, or a capability.

The declaration is an attribute on the view (`view.access`), so a test can walk every URL
pattern of the project and check each answer against it. Capabilities are plain strings here;
the table of roles -> capabilities lives in `organisations.roles`, and a middleware there puts
the active membership's capabilities on `request.capabilities`.

What a person may do with one object (end this accompaniment, close this check run) is asked
of the app's `rules` module, whose predicates answer with an `Answer`: true or false, and on a
refusal a reason the page can show.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

View = Callable[..., HttpResponse]


@dataclass(frozen=True)
class Answer:
    """A rule's verdict on one object: truthy when allowed; a refusal says why, in words the
    person can read (pages show it, actions raise it)."""

    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed

    def enforce(self, error: type[Exception]) -> None:
        """Raise `error(reason)` on a refusal; actions call this before they write."""
        if not self.allowed:
            raise error(self.reason)


ALLOWED = Answer(True)


def refused(reason: str) -> Answer:
    """A refusal with the reason to show."""
    return Answer(False, reason)


class AccessKind(StrEnum):
    PUBLIC = "public"
    LOGIN = "login"
    CAPABILITY = "capability"


@dataclass(frozen=True)
class AccessRule:
    kind: AccessKind
    capabilities: frozenset[str] = frozenset()  # any one of them suffices

    def allows(self, *, authenticated: bool, capabilities: frozenset[str]) -> bool:
        """True when a person with these capabilities may open the view."""
        if self.kind is AccessKind.PUBLIC:
            return True
        if not authenticated:
            return False
        return self.kind is AccessKind.LOGIN or bool(self.capabilities & capabilities)


def _declare(view: View, rule: AccessRule) -> View:
    view.access = rule  # type: ignore[attr-defined]
    return view


def public(view: View) -> View:
    """Anyone may open this view, signed in or not."""
    return _declare(view, AccessRule(AccessKind.PUBLIC))


def login_required(view: View) -> View:
    """Any signed-in person may open this view; others are sent to the login page."""

    @wraps(view)
    def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return view(request, *args, **kwargs)

    return _declare(wrapped, AccessRule(AccessKind.LOGIN))


def requires(*capabilities: str) -> Callable[[View], View]:
    """The active role must grant at least one of the capabilities; otherwise 403."""
    rule = AccessRule(AccessKind.CAPABILITY, frozenset(str(c) for c in capabilities))

    def decorator(view: View) -> View:
        @wraps(view)
        def wrapped(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            if not rule.allows(authenticated=True, capabilities=request_capabilities(request)):
                raise PermissionDenied("capability")
            return view(request, *args, **kwargs)

        return _declare(wrapped, rule)

    return decorator


def request_capabilities(request: HttpRequest) -> frozenset[str]:
    """The capabilities of the person's active role (empty when signed out)."""
    return getattr(request, "capabilities", frozenset())


def access_rule(view: Any) -> AccessRule | None:
    """The rule a view declared, or None when it declared nothing."""
    return getattr(view, "access", None)

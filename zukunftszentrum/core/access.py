"""Every view declares who may open it: public, any signed-in person, or a capability.

The declaration is an attribute on the view (`view.access`), so a test can walk every URL
pattern of the project and check each answer against it. Capabilities are plain strings here;
the table of roles -> capabilities lives in `organisations.roles`, and a middleware there puts
the active membership's capabilities on `request.capabilities`.
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

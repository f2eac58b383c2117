"""Puts the active membership (the role the person is acting in) on every request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .models import Membership
from .queries import active_memberships
from .roles import ROLE_CAPABILITIES, Role

SESSION_KEY = "zz_active_membership"


class ActiveMembershipMiddleware:
    """Sets request.memberships, request.member and request.capabilities."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        memberships = SimpleLazyObject(lambda: active_memberships(request.user))
        request.memberships = memberships  # type: ignore[attr-defined]
        member = _choose(request, memberships)  # type: ignore[arg-type]
        request.member = member  # type: ignore[attr-defined]
        request.capabilities = (  # type: ignore[attr-defined]
            frozenset(c.value for c in ROLE_CAPABILITIES[Role(member.role)])
            if member
            else frozenset()
        )
        return self.get_response(request)


def _choose(request: HttpRequest, memberships: list[Membership]) -> Membership | None:
    if not request.user.is_authenticated or not memberships:
        return None
    wanted = request.session.get(SESSION_KEY)
    for membership in memberships:
        if membership.pk == wanted:
            return membership
    return memberships[0]

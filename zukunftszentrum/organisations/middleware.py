"""Puts the active membership (the role the person is acting in) on every request, and names
the request types views declare, so the attributes it sets are typed where they are read."""

from __future__ import annotations

from collections.abc import Callable
from typing import cast

from django.http import HttpRequest, HttpResponse
from django.utils.functional import SimpleLazyObject

from .models import Membership, User
from .queries import active_memberships
from .roles import ROLE_CAPABILITIES, Role

SESSION_KEY = "zz_active_membership"


class AnyMemberRequest(HttpRequest):
    """Any request after `ActiveMembershipMiddleware`: the person may be signed out or hold no
    role (public and `@login_required` views)."""

    member: Membership | None
    memberships: list[Membership]
    capabilities: frozenset[str]


class MemberRequest(AnyMemberRequest):
    """A request to a view behind `@requires(...)`: a capability was granted, so the person is
    signed in and acts in an active role."""

    member: Membership
    user: User


class ActiveMembershipMiddleware:
    """Sets request.memberships, request.member and request.capabilities."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        typed = cast(AnyMemberRequest, request)
        memberships = SimpleLazyObject(lambda: active_memberships(request.user))
        typed.memberships = cast(list[Membership], memberships)
        member = _choose(request, typed.memberships)
        typed.member = member
        typed.capabilities = (
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

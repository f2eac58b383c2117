"""Access rules as a table, and the decorators' behaviour on a request."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory

from zukunftszentrum.core.access import (
    AccessKind,
    AccessRule,
    access_rule,
    login_required,
    public,
    requires,
)

PUBLIC = AccessRule(AccessKind.PUBLIC)
LOGIN = AccessRule(AccessKind.LOGIN)
EDIT = AccessRule(AccessKind.CAPABILITY, frozenset({"edit", "admin"}))


@pytest.mark.parametrize(
    ("rule", "authenticated", "caps", "expected"),
    [
        (PUBLIC, False, frozenset(), True),
        (PUBLIC, True, frozenset(), True),
        (LOGIN, False, frozenset(), False),
        (LOGIN, True, frozenset(), True),
        (EDIT, False, frozenset({"edit"}), False),
        (EDIT, True, frozenset(), False),
        (EDIT, True, frozenset({"view"}), False),
        (EDIT, True, frozenset({"edit"}), True),
        (EDIT, True, frozenset({"admin", "view"}), True),
    ],
)
def test_rule_allows(
    rule: AccessRule, authenticated: bool, caps: frozenset, expected: bool
) -> None:
    assert rule.allows(authenticated=authenticated, capabilities=caps) is expected


def _view(request):  # type: ignore[no-untyped-def]
    return HttpResponse("ok")


class _User:
    is_authenticated = True


def test_decorators_declare_their_rule() -> None:
    assert access_rule(_view) is None
    assert access_rule(public(lambda request: HttpResponse())).kind is AccessKind.PUBLIC
    assert access_rule(login_required(_view)).kind is AccessKind.LOGIN
    rule = access_rule(requires("edit")(_view))
    assert rule.kind is AccessKind.CAPABILITY and rule.capabilities == {"edit"}


def test_requires_redirects_anonymous_and_refuses_missing_capability() -> None:
    view = requires("edit")(_view)
    request = RequestFactory().get("/x/")
    request.user = AnonymousUser()
    assert view(request).status_code == 302
    request.user = _User()
    request.capabilities = frozenset({"view"})
    with pytest.raises(PermissionDenied):
        view(request)
    request.capabilities = frozenset({"edit"})
    assert view(request).status_code == 200

"""Template context: the person's roles and the one they are acting in."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest


def membership(request: HttpRequest) -> dict[str, Any]:
    return {
        "member": getattr(request, "member", None),
        "memberships": getattr(request, "memberships", []),
        "capabilities": getattr(request, "capabilities", frozenset()),
        "min_group_size": settings.ZZ_MIN_GROUP_SIZE,
    }

"""Template helpers of the self-checks."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils.translation import get_language

register = template.Library()


@register.filter
def t(text: Any) -> str:
    """An instrument text ({de, en}) in the current language."""
    if text is None:
        return ""
    getter = getattr(text, "get", None)
    return getter((get_language() or "de")[:2]) if callable(getter) else str(text)

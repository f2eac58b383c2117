"""The concept designer's content, read once from `settings.ZZ_CONTENT_DIR / "concepts"`
(AppConfig.ready reads it at start, so a broken file stops the app with file, line and field)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from django.conf import settings

from .topic_map import TopicMap, load


@cache
def topic_map() -> TopicMap:
    return load(Path(settings.ZZ_CONTENT_DIR) / "concepts" / "topic_map.yaml")

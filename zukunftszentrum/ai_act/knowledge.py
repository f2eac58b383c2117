"""The fact sheets and notice templates, loaded once from `settings.ZZ_CONTENT_DIR/ai_act`
(AppConfig.ready loads them, so broken content stops the start)."""

from __future__ import annotations

import threading
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings

from .factsheets import FactSheet, load_factsheets
from .notices import Notice, load_notices

_lock = threading.Lock()


@dataclass(frozen=True)
class Knowledge:
    factsheets: dict[str, FactSheet]
    notices: dict[str, Notice]


_loaded: Knowledge | None = None


def content_dir() -> Path:
    return Path(settings.ZZ_CONTENT_DIR) / "ai_act"


def reload() -> Knowledge:
    """Read the folder again (at start, and in tests that change ZZ_CONTENT_DIR)."""
    global _loaded
    with _lock:
        base = content_dir()
        _loaded = Knowledge(load_factsheets(base / "factsheets"), load_notices(base / "templates"))
    return _loaded


def knowledge() -> Knowledge:
    return _loaded if _loaded is not None else reload()


def factsheets() -> dict[str, FactSheet]:
    return knowledge().factsheets


def notices() -> dict[str, Notice]:
    return knowledge().notices

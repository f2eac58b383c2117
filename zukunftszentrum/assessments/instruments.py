"""The instrument registry: the content catalog, loaded once from `settings.ZZ_CONTENT_DIR`."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings

from .engine.loader import load_catalog
from .engine.schema import Catalog, Instrument

_lock = threading.Lock()
_catalog: Catalog | None = None


def content_dir() -> Path:
    return Path(settings.ZZ_CONTENT_DIR)


def catalog() -> Catalog:
    """All instruments and frameworks; loaded on first use (AppConfig.ready loads it at start)."""
    global _catalog
    if _catalog is None:
        with _lock:
            if _catalog is None:
                _catalog = load_catalog(content_dir())
    return _catalog


def reload() -> Catalog:
    """Load the content again (tests that change ZZ_CONTENT_DIR; a deploy restarts anyway)."""
    global _catalog
    with _lock:
        _catalog = load_catalog(content_dir())
    return _catalog


def get_instrument(key: str, version: str | None = None) -> Instrument:
    """One version of an instrument (None: the newest); KeyError when unknown."""
    return catalog().get(key, version)

"""The shipped units, loaded once from `settings.ZZ_CONTENT_DIR / units` at start (the app's
ready(): broken units stop the start with file, line and field), checked against the learning
framework's competence ids."""

from __future__ import annotations

import threading
from pathlib import Path

from django.conf import settings
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from zukunftszentrum.learning.competence import content as competence_content

from .units import Unit
from .units.loader import load_units
from .units.render import render

UNITS_DIR = "units"

_lock = threading.Lock()
_units: dict[str, Unit] | None = None


def load() -> dict[str, Unit]:
    global _units
    root = Path(settings.ZZ_CONTENT_DIR)
    competences = [c.id for c in competence_content.framework().competences]
    units = load_units(root / UNITS_DIR, competences, display_root=Path(root.name) / UNITS_DIR)
    ordered = dict(sorted(units.items(), key=lambda item: item[1].title.de.casefold()))
    with _lock:
        _units = ordered
    return ordered


def units() -> dict[str, Unit]:
    return _units if _units is not None else load()


def unit(unit_id: str) -> Unit | None:
    return units().get(unit_id)


def html(markdown: str) -> SafeString:
    """The Markdown as HTML; safe because render() escapes every raw HTML in the source."""
    return mark_safe(render(markdown, table_label=_("Tabelle")))  # noqa: S308 - escaped by render()

"""One registry of where personal data lives, so "Meine Daten" and account deletion see it all.

Each app registers a section in its AppConfig.ready(): a function that returns the person's data
as JSON-ready values, and a function that erases or pseudonymises it. Contributions that other
modules keep must be detached from the person there, never deleted silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.utils import timezone

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]

# Raise when the structure of the download changes in a way a reader of old files must know.
EXPORT_FORMAT_VERSION = 1


@dataclass(frozen=True)
class Section:
    name: str  # the key in the download; stable, English
    export: Exporter
    erase: Eraser
    order: int = 100  # erasure order: lower runs first; the account itself comes last
    title: Any = ""  # shown on "Meine Daten" (a lazy translation)
    description: Any = ""  # what the section holds and what deletion does with it
    position: int = 100  # where "Meine Daten" lists it: the account first, the log last


_sections: dict[str, Section] = {}


def register(
    name: str,
    *,
    export: Exporter,
    erase: Eraser,
    order: int = 100,
    title: Any = "",
    description: Any = "",
    position: int = 100,
) -> None:
    """Declare a place that holds a person's data."""
    _sections[name] = Section(name, export, erase, order, title or name, description, position)


def sections() -> list[Section]:
    """Every registered section, in erasure order."""
    return sorted(_sections.values(), key=lambda s: (s.order, s.name))


def sections_for_display() -> list[Section]:
    """Every registered section, in the order a person reads them."""
    return sorted(_sections.values(), key=lambda s: (s.position, s.name))


def export_personal_data(user: Any) -> dict[str, Any]:
    """Everything the platform holds about the person, section by section."""
    return {section.name: section.export(user) for section in sections_for_display()}


def export_document(user: Any) -> dict[str, Any]:
    """The download: a meta block, then every section."""
    meta = {
        "format_version": EXPORT_FORMAT_VERSION,
        "generated_at": timezone.now().isoformat(),
        "sections": [section.name for section in sections_for_display()],
    }
    return {"meta": meta, **export_personal_data(user)}


def erase_personal_data(user: Any) -> None:
    """Run every section's eraser (the caller wraps this in a transaction)."""
    for section in sections():
        section.erase(user)

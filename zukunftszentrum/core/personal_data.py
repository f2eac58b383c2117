"""One registry of where personal data lives, so "Meine Daten" and account deletion see it all.

Each app registers a section in its AppConfig.ready(): a function that returns the person's data
as JSON-ready values, and a function that erases or pseudonymises it. Contributions that other
modules keep must be detached from the person there, never deleted silently.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

Exporter = Callable[[Any], Any]
Eraser = Callable[[Any], None]


@dataclass(frozen=True)
class Section:
    name: str
    export: Exporter
    erase: Eraser
    order: int = 100  # erasure order: lower runs first; the account itself comes last


_sections: dict[str, Section] = {}


def register(name: str, *, export: Exporter, erase: Eraser, order: int = 100) -> None:
    """Declare a place that holds a person's data."""
    _sections[name] = Section(name, export, erase, order)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda s: (s.order, s.name))


def export_personal_data(user: Any) -> dict[str, Any]:
    """Everything the platform holds about the person, section by section."""
    return {section.name: section.export(user) for section in sections()}


def erase_personal_data(user: Any) -> None:
    """Run every section's eraser (the caller wraps this in a transaction)."""
    for section in sections():
        section.erase(user)

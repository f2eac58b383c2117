"""An ordered registry of named contributions, the one shape behind every extension point.

Apps register what the shell needs from them (menu entries, overview cards, demo-seeding steps,
audit actions) in their `AppConfig.ready()`. Core keeps the entries and hands them out in order;
it knows nothing about the apps. A name registered twice for different entries is a programming error
(two apps, or one app by mistake, claiming the same thing) and stops the start with a message
naming both.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol


class Entry(Protocol):
    @property
    def name(self) -> str: ...

    @property
    def order(self) -> int: ...


class DuplicateEntry(ValueError):
    """Two contributions claimed the same name in one registry."""


class Registry[E: Entry]:
    """Entries by unique name; read back sorted by (order, name)."""

    def __init__(self, what: str) -> None:
        self.what = what  # used in error messages: "menu entry", "demo step", ...
        self._entries: dict[str, E] = {}

    def add(self, entry: E) -> E:
        """Register an entry; a name taken by a different entry raises DuplicateEntry."""
        known = self._entries.get(entry.name)
        if known == entry:  # ready() run again (tests do): the same contribution, nothing new
            return entry
        if known is not None:
            raise DuplicateEntry(
                f"{self.what} {entry.name!r} is registered twice "
                f"(first {self._entries[entry.name]!r}, then {entry!r})"
            )
        self._entries[entry.name] = entry
        return entry

    def get(self, name: str) -> E | None:
        return self._entries.get(name)

    def all(self) -> list[E]:
        """Every entry, in order (ties broken by name, so the order never depends on imports)."""
        return sorted(self._entries.values(), key=lambda e: (e.order, e.name))

    def __iter__(self) -> Iterator[E]:
        return iter(self.all())

    def __len__(self) -> int:
        return len(self._entries)

    def __contains__(self, name: object) -> bool:
        return name in self._entries

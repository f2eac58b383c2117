"""What this app plugs into the shell (menu, overview cards, demo step, audit actions).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations


def register() -> None:
    """Nothing registered yet."""

"""What this app plugs into the shell. Called once from `ConceptsConfig.ready()`; see
docs/architecture.md, "Extension points"."""

from __future__ import annotations


def register() -> None:
    """Nothing yet: the designer's pages register their menu entry, demo step and audit actions."""

"""What this app plugs into the shell (menu, overview cards, demo step, audit actions).
Called once from the app's `ready()`; see docs/architecture.md, "Extension points"."""

from __future__ import annotations

from zukunftszentrum.core import audit_actions

from . import competence_extensions
from .audit_actions import LearningAction


def register() -> None:
    audit_actions.register_actions(LearningAction, order=400)
    competence_extensions.register()

"""The recorded status of the law versions, handed to the engine's content (see
`content.register_status_source`): a status recorded in the admin replaces the file's default."""

from __future__ import annotations

from django.db import DatabaseError


def recorded_statuses() -> dict[str, str]:
    """law key -> status, as recorded; empty where no database answers (before the first
    migrate, or a batch check run without one): then the content file's status applies."""
    from .models import LawVersionStatus

    try:
        return dict(LawVersionStatus.objects.values_list("law_version", "status"))
    except (DatabaseError, RuntimeError):  # RuntimeError: database access refused (tests)
        return {}

"""Test data of the inventory."""

from __future__ import annotations

from typing import Any

from zukunftszentrum.organisations.models import Organisation

from ..models import AISystem


def make_system(organisation: Organisation, **extra: Any) -> AISystem:
    values: dict[str, Any] = {
        "name": "Chat-Assistent",
        "system_type": "chat_assistant",
        "status": AISystem.Status.IN_USE,
        "user_profiles": ["office_admin"],
    }
    values.update(extra)
    return AISystem.objects.create(organisation=organisation, **values)

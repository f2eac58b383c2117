"""Writes of the inventory: keyword-only, atomic, and each checks the rule itself before it
writes, so commands and tasks are held to the same rules as views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership, Organisation

from .audit_actions import AISystemAction
from .exceptions import NotAllowed
from .models import AISystem
from .rules import may_manage_inventory, may_manage_system, may_retire_system

# Fields a person may set on a system (the form's and the import's).
EDITABLE = (
    "name",
    "vendor",
    "product",
    "system_type",
    "purpose",
    "department",
    "user_profiles",
    "number_of_users",
    "overseer_profiles",
    "personal_data",
    "employee_data",
    "hosting",
    "status",
    "planned_from",
    "in_use_since",
    "retired_on",
)


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {k: data[k] for k in EDITABLE if k in data}
    # A retired system always has the date it went out of use (a database constraint).
    if values.get("status") == AISystem.Status.RETIRED and not values.get("retired_on"):
        values["retired_on"] = timezone.localdate()
    return values


def _own(member: Membership) -> Organisation:
    assert member.organisation is not None  # may_manage_inventory requires one
    return member.organisation


@transaction.atomic
def create_system(*, member: Membership, data: Mapping[str, Any]) -> AISystem:
    """A new system in the member's organisation."""
    may_manage_inventory(member).enforce(NotAllowed)
    system = AISystem.objects.create(organisation=_own(member), **_values(data))
    record_event(
        AISystemAction.SYSTEM_CREATED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def update_system(*, member: Membership, system: AISystem, data: Mapping[str, Any]) -> AISystem:
    """Change the system's details (its classification stays as stored)."""
    may_manage_system(member, system).enforce(NotAllowed)
    for key, value in _values(data).items():
        setattr(system, key, value)
    system.save()
    record_event(
        AISystemAction.SYSTEM_UPDATED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def retire_system(*, member: Membership, system: AISystem, on: dt.date | None = None) -> AISystem:
    """Take the system out of use; it stays in the inventory with its history."""
    may_retire_system(member, system).enforce(NotAllowed)
    system.status = AISystem.Status.RETIRED
    system.retired_on = on or timezone.localdate()
    system.save(update_fields=["status", "retired_on", "updated_at"])
    record_event(
        AISystemAction.SYSTEM_RETIRED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def import_systems(*, member: Membership, rows: Iterable[Mapping[str, Any]]) -> list[AISystem]:
    """The reviewed rows of an import, all or none."""
    may_manage_inventory(member).enforce(NotAllowed)
    created = [AISystem.objects.create(organisation=_own(member), **_values(row)) for row in rows]
    record_event(
        AISystemAction.SYSTEMS_IMPORTED,
        actor=member.user,
        summary=str(len(created)),
        organisation_id=member.organisation_id,
        systems=[s.pk for s in created],
    )
    return created

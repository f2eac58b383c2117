"""Checks and helpers shared by the actions."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from ..exceptions import (
    NotAllowed,
)
from ..models import Centre, Membership, Organisation
from ..roles import Capability, has_capability


def _require(member: Membership | None, capability: Capability) -> Membership:
    if member is None or not has_capability(member.role, capability):
        raise NotAllowed(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))
    return member


def _is_network_admin(member: Membership | None) -> bool:
    return member is not None and has_capability(member.role, Capability.MANAGE_NETWORK)


def _apply_changes(locked: Organisation | Centre, changes: Mapping[str, object]) -> list[str]:
    """Set the fields that really change and save only those; returns their names, sorted."""
    changed = sorted(name for name, value in changes.items() if getattr(locked, name) != value)
    for name in changed:
        setattr(locked, name, changes[name])
    if changed:
        locked.save(update_fields=changed)
    return changed

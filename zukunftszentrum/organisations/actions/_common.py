"""Checks and helpers shared by the actions."""

from __future__ import annotations

from collections.abc import Mapping

from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event

from ..exceptions import NotAllowed
from ..models import Centre, Membership, Organisation, User
from ..roles import Capability, has_capability


def _require(member: Membership | None, capability: Capability) -> Membership:
    if member is None or not has_capability(member.role, capability):
        raise NotAllowed(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))
    return member


def _update_logged(
    locked: Organisation | Centre,
    changes: Mapping[str, object],
    *,
    editable: frozenset[str],
    actor: User,
    action: str,
) -> list[str]:
    """Set the fields that really change, save only those and log them; returns their names."""
    unknown = set(changes) - editable
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    changed = sorted(name for name, value in changes.items() if getattr(locked, name) != value)
    for name in changed:
        setattr(locked, name, changes[name])
    if changed:
        locked.save(update_fields=changed)
        record_event(
            action,
            actor=actor,
            summary=f"{locked}: {', '.join(changed)}",
            centre_id=locked.pk if isinstance(locked, Centre) else None,
            organisation_id=locked.pk if isinstance(locked, Organisation) else None,
            fields=changed,
        )
    return changed

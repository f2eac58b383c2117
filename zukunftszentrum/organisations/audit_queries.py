"""Reads of the audit log: who may see which events. Takes the viewer first, like queries.py."""

from __future__ import annotations

from django.db.models import Q, QuerySet

from zukunftszentrum.core.models import AuditEvent

from .models import Membership
from .roles import CENTRE_ROLES, Capability, has_capability


def audit_events_visible_to(member: Membership | None, *, action: str = "") -> QuerySet[AuditEvent]:
    """Events the active role may read, newest first.

    The programme administration sees every event. A centre's leadership sees the events of its
    centre, and the personal security events (sign-in, password, export, ...) of its current
    staff; a staff member's doings in another centre or in a company stay with that tenant.
    """
    events = AuditEvent.objects.select_related("actor")
    if action:
        events = events.filter(action=action)
    if member is None or not has_capability(member.role, Capability.VIEW_AUDIT_LOG):
        return events.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return events
    if not member.centre_id:
        return events.none()
    staff = Membership.objects.filter(
        centre_id=member.centre_id, role__in=CENTRE_ROLES, ended_at__isnull=True
    ).values("user_id")
    personal_of_staff = Q(actor__in=staff, centre_id__isnull=True, organisation_id__isnull=True)
    return events.filter(Q(centre_id=member.centre_id) | personal_of_staff)

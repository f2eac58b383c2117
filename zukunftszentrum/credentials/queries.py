"""Reads; each takes the viewer first. Another person's credential is simply not found (404)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from zukunftszentrum.organisations.roles import Capability, has_capability

from .models import ClaimableAchievement, IssuedCredential


def credentials_of(member: Any) -> QuerySet[IssuedCredential]:
    return IssuedCredential.objects.filter(holder=member.user)


def claimable_for(member: Any) -> QuerySet[ClaimableAchievement]:
    """What the person may still claim (achievements already issued drop out)."""
    issued = IssuedCredential.objects.filter(holder=member.user).values_list(
        "achievement_kind", "achievement_source"
    )
    done = {(kind, source) for kind, source in issued}
    found = ClaimableAchievement.objects.filter(holder=member.user)
    return found.exclude(pk__in=[c.pk for c in found if (c.kind, c.source) in done])


def revocable_for(member: Any) -> QuerySet[IssuedCredential]:
    """Credentials the member's administration issued: all for the programme, a centre's own."""
    found = IssuedCredential.objects.select_related("holder", "centre")
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return found
    if has_capability(member.role, Capability.MANAGE_CENTRE) and member.centre_id:
        return found.filter(centre_id=member.centre_id)
    return found.none()


def revoked_on(credential_id: object) -> dt.date | None:
    """The day a credential of ours was revoked, for the public check (public: the status list
    already says that it was; the day adds no more than a verifier polling the list would see)."""
    if not isinstance(credential_id, str):
        return None
    found = (
        IssuedCredential.objects.filter(credential_id=credential_id, revoked_at__isnull=False)
        .values_list("revoked_at", flat=True)
        .first()
    )
    return timezone.localdate(found) if found is not None else None


def access_credential(member: Any, pk: int) -> IssuedCredential:
    found = credentials_of(member).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_claimable(member: Any, pk: int) -> ClaimableAchievement:
    found = ClaimableAchievement.objects.filter(holder=member.user, pk=pk).first()
    if found is None:
        raise Http404
    return found


def access_revocable(member: Any, pk: int) -> IssuedCredential:
    found = revocable_for(member).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found

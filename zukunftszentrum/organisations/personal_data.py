"""This app's share of "Meine Daten" and account deletion."""

from __future__ import annotations

import uuid
from typing import Any

from django.contrib.auth import get_user_model
from django.utils import timezone

from zukunftszentrum.core.personal_data import register

from .models import Accompaniment, Invitation, Membership


def export_profile(user: Any) -> dict[str, Any]:
    return {
        "email": user.email,
        "name": user.full_name,
        "preferred_language": user.preferred_language,
        "registered_at": user.date_joined.isoformat(),
        "last_login": user.last_login.isoformat() if user.last_login else None,
    }


def export_memberships(user: Any) -> list[dict[str, Any]]:
    rows = Membership.objects.filter(user=user).select_related("centre", "organisation")
    return [
        {
            "role": m.role,
            "role_label": str(m.get_role_display()),
            "centre": m.centre.name if m.centre else None,
            "organisation": m.organisation.legal_name if m.organisation else None,
            "since": m.created_at.isoformat(),
            "ended": m.ended_at.isoformat() if m.ended_at else None,
        }
        for m in rows
    ]


def export_invitations(user: Any) -> list[dict[str, Any]]:
    rows = Invitation.objects.filter(email__iexact=user.email)
    return [
        {
            "role": i.role,
            "centre": i.centre.name if i.centre else None,
            "organisation": i.organisation.legal_name if i.organisation else None,
            "sent_at": i.created_at.isoformat(),
            "accepted_at": i.accepted_at.isoformat() if i.accepted_at else None,
        }
        for i in rows.select_related("centre", "organisation")
    ]


def erase_memberships(user: Any) -> None:
    Membership.objects.filter(user=user, ended_at__isnull=True).update(ended_at=timezone.now())


def erase_invitations(user: Any) -> None:
    Invitation.objects.filter(email__iexact=user.email).delete()


def erase_profile(user: Any) -> None:
    """Pseudonymise the account: it stays as an anonymous anchor for kept contributions."""
    User = get_user_model()
    Accompaniment.objects.filter(requested_by=user).update(requested_by=None)
    Accompaniment.objects.filter(decided_by=user).update(decided_by=None)
    User.objects.filter(pk=user.pk).update(
        email=f"geloescht-{uuid.uuid4().hex}@invalid.example",
        full_name="",
        is_active=False,
        is_staff=False,
        is_superuser=False,
        password="!",  # an unusable password  # noqa: S106
        erased_at=timezone.now(),
    )


register("profile", export=export_profile, erase=erase_profile, order=1000)
register("memberships", export=export_memberships, erase=erase_memberships, order=10)
register("invitations", export=export_invitations, erase=erase_invitations, order=10)

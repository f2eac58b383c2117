"""This app's share of "Meine Daten" and account deletion."""

from __future__ import annotations

import uuid
from typing import Any

from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.models import AuditEvent
from zukunftszentrum.core.personal_data import register

from .models import Accompaniment, Invitation, Membership, Organisation
from .roles import Role


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
    """Invitations addressed to the person (not the ones they sent: those name others)."""
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


def export_solo_organisations(user: Any) -> list[dict[str, Any]]:
    """A solo self-employment is the person's own business: its details are their data."""
    solo_ids = Membership.objects.filter(user=user, role=Role.SOLO).values("organisation_id")
    return [
        {
            "name": o.legal_name,
            "land": o.land.name,
            "kreis": o.kreis_name or o.kreis_ags or None,
            "wz_section": o.wz_section,
            "registered_at": o.created_at.isoformat(),
        }
        for o in Organisation.objects.filter(pk__in=solo_ids).select_related("land")
    ]


def erase_solo_organisations(user: Any) -> None:
    """A solo self-employment is usually named after its person: its name and district go."""
    solo_ids = Membership.objects.filter(user=user, role=Role.SOLO).values("organisation_id")
    others = Membership.objects.filter(ended_at__isnull=True).exclude(user=user)
    for org in Organisation.objects.filter(pk__in=solo_ids).exclude(memberships__in=others):
        if org.legal_name:
            AuditEvent.objects.filter(
                organisation_id=org.pk, summary__icontains=org.legal_name
            ).update(summary="")
        Organisation.objects.filter(pk=org.pk).update(
            legal_name=str(_("Gelöschte Solo-Selbstständigkeit")) + f" #{org.pk}",
            kreis_ags="",
            kreis_name="",
        )


def erase_profile(user: Any) -> None:
    """Pseudonymise the account: it stays as an anonymous anchor for kept contributions."""
    User = get_user_model()
    Accompaniment.objects.filter(requested_by=user).update(requested_by=None)
    Accompaniment.objects.filter(decided_by=user).update(decided_by=None)
    EmailAddress.objects.filter(user=user).delete()  # django-allauth's copy of the address
    User.objects.filter(pk=user.pk).update(
        email=f"geloescht-{uuid.uuid4().hex}@invalid.example",
        full_name="",
        is_active=False,
        is_staff=False,
        is_superuser=False,
        password="!",  # an unusable password  # noqa: S106
        erased_at=timezone.now(),
    )
    user.groups.clear()
    user.user_permissions.clear()


register(
    "profile",
    position=10,
    export=export_profile,
    erase=erase_profile,
    order=1000,
    title=_("Profil"),
    description=_(
        "E-Mail-Adresse, Name, Sprache, Registrierung und letzte Anmeldung. Beim Löschen werden "
        "Name und Adresse entfernt; das Konto bleibt nur als namenloser Platzhalter bestehen."
    ),
)
register(
    "memberships",
    position=20,
    export=export_memberships,
    erase=erase_memberships,
    order=10,
    title=_("Rollen"),
    description=_(
        "Ihre Rollen in Unternehmen, Zentren und im Netzwerk, mit Beginn und Ende. "
        "Beim Löschen enden alle Rollen."
    ),
)
register(
    "invitations",
    position=30,
    export=export_invitations,
    erase=erase_invitations,
    order=10,
    title=_("Einladungen an Sie"),
    description=_(
        "Einladungen, die an Ihre Adresse geschickt wurden. Werden beim Löschen entfernt."
    ),
)
register(
    "solo_organisation",
    position=40,
    export=export_solo_organisations,
    erase=erase_solo_organisations,
    order=5,
    title=_("Solo-Selbstständigkeit"),
    description=_(
        "Falls Sie solo-selbstständig sind: Name, Land, Kreis und Wirtschaftszweig Ihrer "
        "Organisation. Name und Kreis werden beim Löschen entfernt, damit sie nicht auf Sie "
        "zurückführen."
    ),
)

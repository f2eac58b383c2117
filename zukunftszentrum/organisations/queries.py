"""Reads. Every function that returns tenant data takes the viewer first and returns only
what that viewer may see; another tenant's object is simply absent (so views answer 404)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Count, Q, QuerySet

from .models import Accompaniment, Centre, Invitation, Land, Membership, Organisation
from .roles import CENTRE_ROLES, Capability, Role, has_capability

if TYPE_CHECKING:
    from .models import User


ROLE_ORDER = [
    Role.COMPANY_LEAD,
    Role.SOLO,
    Role.CENTRE_ADMIN,
    Role.ADVISOR,
    Role.TRAINER,
    Role.WORKS_COUNCIL,
    Role.EMPLOYEE,
    Role.PROGRAMME_ADMIN,
    Role.REVIEWER,
]


def active_memberships(user: User) -> list[Membership]:
    """The person's current memberships, most responsible role first."""
    if not user.is_authenticated:
        return []
    rows = list(
        Membership.objects.filter(user=user, ended_at__isnull=True).select_related(
            "centre", "organisation"
        )
    )
    return sorted(rows, key=lambda m: (ROLE_ORDER.index(Role(m.role)), m.created_at))


def organisations_visible_to(member: Membership | None) -> QuerySet[Organisation]:
    """Organisations the active role may open: its own, those its centre accompanies, or all
    for the programme administration."""
    qs = Organisation.objects.select_related("land")
    if member is None:
        return qs.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return qs
    if member.organisation_id:
        return qs.filter(pk=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.ACCOMPANY_COMPANIES):
        return qs.filter(
            accompaniments__centre_id=member.centre_id,
            accompaniments__status=Accompaniment.Status.ACTIVE,
        ).distinct()
    return qs.none()


def centres_managed_by(member: Membership | None) -> QuerySet[Centre]:
    """Centres whose staff and settings the active role may manage."""
    if member is None:
        return Centre.objects.none()
    if has_capability(member.role, Capability.MANAGE_NETWORK):
        return Centre.objects.all()
    if member.centre_id and has_capability(member.role, Capability.MANAGE_CENTRE):
        return Centre.objects.filter(pk=member.centre_id)
    return Centre.objects.none()


def members_of_organisation(organisation: Organisation) -> QuerySet[Membership]:
    """Current members of an organisation, with their people."""
    return (
        Membership.objects.filter(organisation=organisation, ended_at__isnull=True)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def staff_of_centre(centre: Centre) -> QuerySet[Membership]:
    """Current staff of a centre."""
    return (
        Membership.objects.filter(centre=centre, ended_at__isnull=True, role__in=CENTRE_ROLES)
        .select_related("user")
        .order_by("role", "user__full_name")
    )


def open_invitations(*, organisation: Organisation | None = None, centre: Centre | None = None):
    """Invitations not yet accepted or revoked (expired ones included, marked by the template)."""
    qs = Invitation.objects.filter(accepted_at__isnull=True, revoked_at__isnull=True)
    if organisation is not None:
        return qs.filter(organisation=organisation)
    return qs.filter(centre=centre)


def network_centres() -> QuerySet[Centre]:
    """All centres with their Länder, for public pages."""
    return Centre.objects.prefetch_related("lands").annotate(
        organisation_count=Count(
            "accompaniments", filter=Q(accompaniments__status=Accompaniment.Status.ACTIVE)
        )
    )


def uncovered_lands() -> QuerySet[Land]:
    """Länder that no centre covers."""
    return Land.objects.filter(centres__isnull=True)

"""What "Meine Übersicht" shows, per role. Reads only; takes the active membership."""

from __future__ import annotations

from typing import Any

from django.db.models import Count

from zukunftszentrum.core.overview_cards import overview_cards_for

from .models import Accompaniment, Centre, Land, Membership, Organisation
from .queries import (
    invitations_waiting_for,
    members_of_organisation,
    open_invitations,
    organisations_visible_to,
    staff_of_centre,
    uncovered_lands,
)
from .roles import Capability, Role, Scope, has_capability, scope_of


def overview_for(member: Membership | None) -> dict[str, Any]:
    """The dashboard's context for the role the person acts in.

    The cards themselves come from every app (registered in their `extensions.py`); this page
    lays them out by scope and adds the parts that are the tenant's own.
    """
    if member is None:
        return {"scope": None}
    context: dict[str, Any] = {"scope": scope_of(member.role).value, "role": member.role}
    context.update(overview_cards_for(member))
    return context


# --- when the cards show, and the data they read (registered in extensions.py) --------------


def in_organisation(member: Membership) -> bool:
    return scope_of(member.role) is Scope.ORGANISATION


def in_centre(member: Membership) -> bool:
    return scope_of(member.role) is Scope.CENTRE


def manages_network(member: Membership) -> bool:
    return has_capability(member.role, Capability.MANAGE_NETWORK)


def manages_organisation(member: Membership) -> bool:
    return in_organisation(member) and has_capability(member.role, Capability.MANAGE_ORGANISATION)


def is_staff_of_organisation(member: Membership) -> bool:
    """Employees and works council members: their data-rights card."""
    return member.role in (Role.EMPLOYEE, Role.WORKS_COUNCIL)


def is_works_council(member: Membership) -> bool:
    """The works council's own card: what the council may see."""
    return member.role == Role.WORKS_COUNCIL


def waiting_for(member: Membership) -> dict[str, Any]:
    """What waits for this person in this role, as counts with a way to act on each. The
    leads' items come from `organisation_overview` (shared call); everyone's own pending
    invitations to further roles come from here."""
    held = set(
        Membership.objects.filter(user=member.user, ended_at__isnull=True).values_list(
            "role", "organisation_id", "centre_id"
        )
    )
    mine = [
        invitation
        for invitation in invitations_waiting_for(member.user)
        if (invitation.role, invitation.organisation_id, invitation.centre_id) not in held
    ]
    return {"my_invitations": mine}


def organisation_overview(member: Membership) -> dict[str, Any]:
    org = member.organisation
    assert org is not None
    manages = has_capability(member.role, Capability.MANAGE_ORGANISATION)
    accompaniments = list(
        Accompaniment.objects.filter(
            organisation=org,
            status__in=[Accompaniment.Status.REQUESTED, Accompaniment.Status.ACTIVE],
        ).select_related("centre")
    )
    requested = [a for a in accompaniments if a.status == Accompaniment.Status.REQUESTED]
    invitations = list(open_invitations(organisation=org)) if manages else []
    active = [a for a in accompaniments if a.status == Accompaniment.Status.ACTIVE]
    return {
        "organisation": org,
        "manages": manages,
        "is_solo": org.kind == Organisation.Kind.SOLO,
        "member_count": members_of_organisation(org).values("user").distinct().count(),
        "open_invitation_count": len(invitations) if manages else None,
        "expired_invitation_count": sum(1 for i in invitations if i.is_expired()),
        # A centre's request waits for the lead; the lead's own request waits for the centre.
        "pending_requests": [a for a in requested if a.initiator == Accompaniment.Initiator.CENTRE]
        if manages
        else [],
        "asked_centres": [
            a.centre for a in requested if a.initiator == Accompaniment.Initiator.ORGANISATION
        ]
        if manages
        else [],
        "active_centres": [a.centre for a in active],
        "active_since": {a.centre_id: a.decided_at for a in active},
        "regional_centres": Centre.objects.filter(lands=org.land),
    }


def centre_overview(member: Membership) -> dict[str, Any]:
    centre = member.centre
    assert centre is not None
    accompanied = (
        organisations_visible_to(member)
        if has_capability(member.role, Capability.ACCOMPANY_COMPANIES)
        else Organisation.objects.none()
    )
    incoming = (
        Accompaniment.objects.filter(
            centre=centre,
            initiator=Accompaniment.Initiator.ORGANISATION,
            status=Accompaniment.Status.REQUESTED,
        ).count()
        if has_capability(member.role, Capability.ACCOMPANY_COMPANIES)
        else 0
    )
    return {
        "centre": centre,
        "incoming_request_count": incoming,
        "accompanied": accompanied.order_by("legal_name")[:50],
        "accompanied_count": accompanied.count(),
        "staff_count": staff_of_centre(centre).count(),
        "lands": centre.lands.all(),
    }


def network_overview(member: Membership | None = None) -> dict[str, Any]:
    counts = dict(Organisation.objects.values_list("size_class").annotate(n=Count("id")).order_by())
    by_size = [(label, counts.get(value, 0)) for value, label in Organisation.Size.choices]
    return {
        "centre_count": Centre.objects.count(),
        "organisation_count": Organisation.objects.count(),
        "by_size": by_size,
        "uncovered": list(uncovered_lands()),
        "land_count": Land.objects.count(),
        "active_accompaniments": Accompaniment.objects.filter(
            status=Accompaniment.Status.ACTIVE
        ).count(),
    }

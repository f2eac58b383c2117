"""What the company page and the centre workspace show, per role. Reads only; takes the viewer."""

from __future__ import annotations

from typing import Any

from .models import Accompaniment, Membership, Organisation
from .queries import (
    accompaniments_visible_to,
    members_of_organisation,
    open_invitations,
    organisation_contacts,
    staff_of_centre,
)
from .roles import Capability, has_capability


def organisation_page(member: Membership, organisation: Organisation) -> dict[str, Any]:
    """The company page's context. Colleagues see each other's names and roles, nothing more;
    a centre or the programme administration sees only the people who speak for it."""
    is_own = member.organisation_id == organisation.pk
    manages = is_own and has_capability(member.role, Capability.MANAGE_ORGANISATION)
    can_invite = (
        is_own
        and organisation.kind == Organisation.Kind.COMPANY
        and has_capability(member.role, Capability.INVITE_MEMBERS)
    )
    accompaniments = list(accompaniments_visible_to(member).filter(organisation=organisation))
    return {
        "organisation": organisation,
        "is_own": is_own,
        "manages": manages,
        "can_invite": can_invite,
        "members": members_of_organisation(organisation) if is_own else None,
        "contacts": organisation_contacts(organisation),
        "member_count": members_of_organisation(organisation).values("user").distinct().count(),
        "invitations": open_invitations(organisation=organisation) if can_invite else [],
        "pending": [a for a in accompaniments if a.status == Accompaniment.Status.REQUESTED],
        "active": [a for a in accompaniments if a.status == Accompaniment.Status.ACTIVE],
        "endable": {a.pk for a in accompaniments if _may_end(member, a)},
    }


def _may_end(member: Membership, accompaniment: Accompaniment) -> bool:
    if member.organisation_id == accompaniment.organisation_id:
        return has_capability(member.role, Capability.MANAGE_ORGANISATION)
    return member.centre_id == accompaniment.centre_id and has_capability(
        member.role, Capability.ACCOMPANY_COMPANIES
    )


def centre_workspace_page(member: Membership) -> dict[str, Any]:
    """The centre workspace's context: team, open staff invitations, accompaniments."""
    centre = member.centre
    assert centre is not None
    manages = has_capability(member.role, Capability.MANAGE_CENTRE)
    accompanies = has_capability(member.role, Capability.ACCOMPANY_COMPANIES)
    accompaniments = list(accompaniments_visible_to(member)) if accompanies else []
    return {
        "centre": centre,
        "lands": centre.lands.all(),
        "staff": staff_of_centre(centre),
        "manages": manages,
        "accompanies": accompanies,
        "invitations": open_invitations(centre=centre) if manages else [],
        "active": [a for a in accompaniments if a.status == Accompaniment.Status.ACTIVE],
        "ended": [a for a in accompaniments if a.status == Accompaniment.Status.ENDED],
    }

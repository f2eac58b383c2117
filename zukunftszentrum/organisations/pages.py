"""What the company page and the centre workspace show, per role. Reads only; takes the viewer."""

from __future__ import annotations

from typing import Any

from .forms import AnswerRequestForm
from .models import Accompaniment, Membership, Organisation
from .queries import (
    accompaniments_visible_to,
    members_of_organisation,
    open_invitations,
    organisation_contacts,
    staff_of_centre,
)
from .roles import Capability, has_capability
from .rules import (
    may_answer_request,
    may_ask_centre,
    may_decide_accompaniment,
    may_end_accompaniment,
    may_invite_to_organisation,
    may_manage_centre,
    may_manage_organisation,
    may_remove_member,
    may_revoke_invitation,
)


def organisation_page(member: Membership, organisation: Organisation) -> dict[str, Any]:
    """The company page's context. Colleagues see each other's names and roles, nothing more;
    a centre or the programme administration sees only the people who speak for it. What the
    viewer may do is asked of `rules`, the same predicates the actions enforce."""
    is_own = member.organisation_id == organisation.pk
    manages = bool(may_manage_organisation(member, organisation))
    can_invite = bool(may_invite_to_organisation(member, organisation))
    members = list(members_of_organisation(organisation)) if is_own else None
    invitations = list(open_invitations(organisation=organisation)) if can_invite else []
    accompaniments = list(accompaniments_visible_to(member).filter(organisation=organisation))
    return {
        "organisation": organisation,
        "is_own": is_own,
        "manages": manages,
        "can_invite": can_invite,
        "members": members,
        "removable": _removable(member, members or []),
        "contacts": organisation_contacts(organisation),
        "member_count": members_of_organisation(organisation).values("user").distinct().count(),
        "invitations": invitations,
        "revocable": {i.pk for i in invitations if may_revoke_invitation(member, i)},
        "pending": [
            a
            for a in accompaniments
            if a.status == Accompaniment.Status.REQUESTED and may_decide_accompaniment(member, a)
        ],
        "active": [a for a in accompaniments if a.status == Accompaniment.Status.ACTIVE],
        "endable": {a.pk for a in accompaniments if may_end_accompaniment(member, a)},
        # The organisation's own requests to centres: waiting, and the last answers received.
        "can_ask": bool(may_ask_centre(member, organisation)),
        "asked": [a for a in accompaniments if _asked(a, Accompaniment.Status.REQUESTED)]
        if manages
        else [],
        "declined": [a for a in accompaniments if _asked(a, Accompaniment.Status.DECLINED)][:5]
        if manages
        else [],
    }


def _asked(accompaniment: Accompaniment, status: str) -> bool:
    return (
        accompaniment.initiator == Accompaniment.Initiator.ORGANISATION
        and accompaniment.status == status
    )


def _removable(member: Membership, people: list[Membership]) -> set[int]:
    # Ending one's own role is allowed, but not offered among the others: the page would close
    # on the person (the "Sie" row has no button).
    return {m.pk for m in people if m.pk != member.pk and may_remove_member(member, m)}


def centre_workspace_page(member: Membership) -> dict[str, Any]:
    """The centre workspace's context: team, open staff invitations, accompaniments."""
    centre = member.centre
    assert centre is not None
    manages = bool(may_manage_centre(member, centre))
    accompanies = has_capability(member.role, Capability.ACCOMPANY_COMPANIES)
    accompaniments = list(accompaniments_visible_to(member)) if accompanies else []
    staff = list(staff_of_centre(centre))
    invitations = list(open_invitations(centre=centre)) if manages else []
    active = [a for a in accompaniments if a.status == Accompaniment.Status.ACTIVE]
    incoming = [a for a in accompaniments if _asked(a, Accompaniment.Status.REQUESTED)]
    return {
        "centre": centre,
        "lands": centre.lands.all(),
        "staff": staff,
        "removable": _removable(member, staff),
        "manages": manages,
        "accompanies": accompanies,
        "invitations": invitations,
        "revocable": {i.pk for i in invitations if may_revoke_invitation(member, i)},
        "active": active,
        "endable": {a.pk for a in active if may_end_accompaniment(member, a)},
        # A request withdrawn before anyone agreed was never an accompaniment.
        "ended": [
            a
            for a in accompaniments
            if a.status == Accompaniment.Status.ENDED and a.decided_at is not None
        ],
        "incoming": incoming,
        "answerable": {a.pk for a in incoming if may_answer_request(member, a)},
        "answer_form": AnswerRequestForm(),
    }

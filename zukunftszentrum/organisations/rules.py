"""Object rules: may this person, in the active role, do this to this object?

One predicate per question, asked by everyone who needs the answer: the actions refuse with it
before they write (`answer.enforce(NotAllowed)`), the page builders show a button only where it
allows, and so the templates never decide for themselves. Each predicate returns an `Answer`
(`core.access`): truthy when allowed; a refusal carries the reason to show the person.

The capability table is `roles.py`; which objects a role can reach at all is `queries.py`
(another tenant's object is a 404 before any rule is asked). The rules here decide what may be
done to an object the viewer can reach. Changes of state that must be checked under a lock
(an invitation accepted meanwhile, a request already decided) stay in the actions.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused

from .models import Accompaniment, Centre, Invitation, Membership, Organisation, User
from .roles import Capability, has_capability

# --- building blocks --------------------------------------------------------------------------


def _has(member: Membership | None, capability: Capability) -> bool:
    return member is not None and has_capability(member.role, capability)


def _network_admin(member: Membership | None) -> bool:
    return _has(member, Capability.MANAGE_NETWORK)


def _missing() -> Answer:
    return refused(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))


# --- organisations ----------------------------------------------------------------------------


def may_manage_organisation(member: Membership | None, organisation: Organisation) -> Answer:
    """Edit the organisation's details (and decide on centres' requests): its own leads."""
    if member is None or not _has(member, Capability.MANAGE_ORGANISATION):
        return _missing()
    if member.organisation_id != organisation.pk:
        return refused(_("Sie können nur Ihre eigene Organisation bearbeiten."))
    return ALLOWED


def may_invite_to_organisation(member: Membership | None, organisation: Organisation) -> Answer:
    """Invite people into a company: its own lead; nobody into a solo self-employment."""
    if member is None or not _has(member, Capability.INVITE_MEMBERS):
        return _missing()
    if member.organisation_id != organisation.pk:
        return refused(_("Sie können nur in Ihre eigene Organisation einladen."))
    if organisation.kind == Organisation.Kind.SOLO:
        return refused(_("In eine Solo-Selbstständigkeit kann niemand eingeladen werden."))
    return ALLOWED


def may_remove_member(member: Membership | None, membership: Membership) -> Answer:
    """End someone's role in the viewer's organisation or centre (the last lead is kept by the
    action, which counts the leads under a lock)."""
    if membership.organisation_id:
        if member is None or not _has(member, Capability.MANAGE_ORGANISATION):
            return _missing()
        if member.organisation_id != membership.organisation_id and not _network_admin(member):
            return refused(_("Diese Person gehört nicht zu Ihrer Organisation."))
        return ALLOWED
    if membership.centre_id:
        if member is None or not _has(member, Capability.MANAGE_CENTRE):
            return _missing()
        if member.centre_id != membership.centre_id and not _network_admin(member):
            return refused(_("Diese Person gehört nicht zu Ihrem Zentrum."))
        return ALLOWED
    return ALLOWED if _network_admin(member) else _missing()


# --- centres ----------------------------------------------------------------------------------


def may_manage_centre(member: Membership | None, centre: Centre) -> Answer:
    """Edit a centre's public details: its own admins, or the programme administration."""
    if member is None:
        return _missing()
    needed = Capability.MANAGE_CENTRE if member.centre_id else Capability.MANAGE_NETWORK
    if not _has(member, needed):
        return _missing()
    if member.centre_id and member.centre_id != centre.pk:
        return refused(_("Sie können nur Ihr eigenes Zentrum bearbeiten."))
    return ALLOWED


def may_invite_to_centre(member: Membership | None, centre: Centre) -> Answer:
    """Invite staff into a centre: its own admins."""
    if member is None or not _has(member, Capability.MANAGE_CENTRE):
        return _missing()
    if member.centre_id != centre.pk and not _network_admin(member):
        return refused(_("Sie können nur in Ihr eigenes Zentrum einladen."))
    return ALLOWED


# --- invitations ------------------------------------------------------------------------------


def may_revoke_invitation(member: Membership | None, invitation: Invitation) -> Answer:
    """Withdraw an invitation: whoever may invite into its organisation or centre."""
    if invitation.organisation_id:
        if member is None or not _has(member, Capability.INVITE_MEMBERS):
            return _missing()
        if member.organisation_id != invitation.organisation_id:
            return refused(_("Diese Einladung gehört nicht zu Ihrer Organisation."))
        return ALLOWED
    if member is None or not _has(member, Capability.MANAGE_CENTRE):
        return _missing()
    if member.centre_id != invitation.centre_id and not _network_admin(member):
        return refused(_("Diese Einladung gehört nicht zu Ihrem Zentrum."))
    return ALLOWED


def may_accept_invitation(user: User, invitation: Invitation) -> Answer:
    """Accept an invitation: only the account of the invited address. The link alone is not
    enough: a forwarded or mistyped mail must not hand the role to whoever is signed in."""
    if (user.email or "").strip().lower() == invitation.email.strip().lower():
        return ALLOWED
    return refused(
        _(
            "Diese Einladung gilt für %(invited)s. Sie sind als %(current)s angemeldet. Bitte "
            "melden Sie sich ab und mit %(invited)s an, oder bitten Sie die einladende Person "
            "um eine neue Einladung an Ihre Adresse."
        )
        % {"invited": invitation.email, "current": user.email}
    )


# --- accompaniment ----------------------------------------------------------------------------


def may_request_accompaniment(member: Membership | None) -> Answer:
    """Ask an organisation for consent to accompany it: a centre's staff who accompany."""
    if member is None or not _has(member, Capability.ACCOMPANY_COMPANIES):
        return _missing()
    if not member.centre_id:
        return refused(_("Nur Zentren können eine Begleitung anfragen."))
    return ALLOWED


def may_decide_accompaniment(member: Membership | None, accompaniment: Accompaniment) -> Answer:
    """Consent to or decline a centre's request: the organisation's own leads."""
    if member is None or not _has(member, Capability.MANAGE_ORGANISATION):
        return _missing()
    if member.organisation_id != accompaniment.organisation_id:
        return refused(_("Diese Anfrage betrifft nicht Ihre Organisation."))
    if accompaniment.initiator == Accompaniment.Initiator.ORGANISATION:
        return refused(_("Über Ihre eigene Anfrage entscheidet das Zentrum."))
    return ALLOWED


def may_ask_centre(member: Membership | None, organisation: Organisation) -> Answer:
    """Ask a centre for accompaniment from inside the platform: the organisation's own leads."""
    if member is None or not _has(member, Capability.MANAGE_ORGANISATION):
        return _missing()
    if member.organisation_id != organisation.pk:
        return refused(_("Sie können nur für Ihre eigene Organisation anfragen."))
    return ALLOWED


def may_answer_request(member: Membership | None, accompaniment: Accompaniment) -> Answer:
    """Accept or decline an organisation's request: the asked centre's staff who accompany."""
    if member is None or not _has(member, Capability.ACCOMPANY_COMPANIES):
        return _missing()
    if member.centre_id != accompaniment.centre_id:
        return refused(_("Diese Anfrage richtet sich an ein anderes Zentrum."))
    if accompaniment.initiator != Accompaniment.Initiator.ORGANISATION:
        return refused(_("Über die Anfrage Ihres Zentrums entscheidet die Organisation."))
    return ALLOWED


def may_end_accompaniment(member: Membership | None, accompaniment: Accompaniment) -> Answer:
    """End an accompaniment (or withdraw a request): either side, the organisation's leads or
    the accompanying centre's staff."""
    own_organisation = (
        member is not None
        and member.organisation_id == accompaniment.organisation_id
        and _has(member, Capability.MANAGE_ORGANISATION)
    )
    own_centre = (
        member is not None
        and member.centre_id == accompaniment.centre_id
        and _has(member, Capability.ACCOMPANY_COMPANIES)
    )
    if own_organisation or own_centre:
        return ALLOWED
    return refused(_("Diese Begleitung betrifft Sie nicht."))

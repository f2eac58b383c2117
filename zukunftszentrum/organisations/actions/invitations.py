"""Invitations by email link: they expire, work once, and can be withdrawn."""

from __future__ import annotations

import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.core.tokens import hash_token

from ..audit_actions import OrganisationAction
from ..exceptions import (
    AccountExists,
    DuplicateMembership,
    InvitationExpired,
    InvitationForAnotherAccount,
    InvitationInvalid,
    InvitationUsed,
    NotAllowed,
    SelfInvitation,
)
from ..models import Centre, Invitation, Membership, Organisation, User
from ..queries import account_exists
from ..roles import INVITABLE_ROLES, Capability, Role
from ..rules import (
    may_accept_invitation,
    may_invite_to_centre,
    may_invite_to_organisation,
    may_revoke_invitation,
)
from .memberships import grant_membership
from .privacy import record_consent

# Logged when an account other than the invited address opens an invitation link.
INVITATION_REFUSED = OrganisationAction.INVITATION_REFUSED


@transaction.atomic
def invite(
    *,
    member: Membership,
    email: str,
    role: Role,
    organisation: Organisation | None = None,
    centre: Centre | None = None,
) -> tuple[Invitation, str]:
    """Create an invitation; returns it with the plain token (only ever shown in the email)."""
    role = Role(role)
    if organisation is not None:
        may_invite_to_organisation(member, organisation).enforce(NotAllowed)
        allowed = INVITABLE_ROLES[Capability.INVITE_MEMBERS]
    elif centre is not None:
        may_invite_to_centre(member, centre).enforce(NotAllowed)
        allowed = INVITABLE_ROLES[Capability.MANAGE_CENTRE]
    else:
        raise NotAllowed(_("Eine Einladung braucht eine Organisation oder ein Zentrum."))
    if role not in allowed:
        raise NotAllowed(_("Diese Rolle kann hier nicht vergeben werden."))
    email = email.strip().lower()
    if email == (member.user.email or "").strip().lower():
        raise SelfInvitation(
            _(
                "Das ist Ihre eigene Adresse. Bitte geben Sie die E-Mail-Adresse der Person ein, "
                "die Sie einladen möchten."
            )
        )
    already = Membership.objects.filter(
        user__email__iexact=email,
        role=role,
        ended_at__isnull=True,
        organisation=organisation,
        centre=centre,
    )
    if already.exists():
        raise DuplicateMembership(_("%(email)s hat diese Rolle dort bereits.") % {"email": email})
    # Inviting the same person again sends a fresh link; the earlier one stops working.
    Invitation.objects.filter(
        email__iexact=email,
        role=role,
        organisation=organisation,
        centre=centre,
        accepted_at__isnull=True,
        revoked_at__isnull=True,
    ).update(revoked_at=timezone.now())
    token = secrets.token_urlsafe(32)
    invitation = Invitation.objects.create(
        email=email,
        role=role,
        organisation=organisation,
        centre=centre,
        token_hash=hash_token(token),
        invited_by=member.user,
        expires_at=timezone.now() + timedelta(days=settings.ZZ_INVITATION_DAYS),
    )
    record_event(
        OrganisationAction.INVITATION_SENT,
        actor=member.user,
        summary=f"{email}: {invitation.get_role_display()}",
        centre_id=centre.pk if centre else None,
        organisation_id=organisation.pk if organisation else None,
    )
    return invitation, token


def find_invitation(token: str) -> Invitation:
    """The invitation behind a link, or a clear error why it no longer works."""
    invitation = (
        Invitation.objects.select_related("organisation", "centre", "invited_by")
        .filter(token_hash=hash_token(token))
        .first()
    )
    if invitation is None:
        raise InvitationInvalid(_("Dieser Einladungslink ist ungültig oder wurde zurückgezogen."))
    if invitation.revoked_at is not None:
        raise InvitationInvalid(
            _("Dieser Einladungslink ist ungültig oder wurde zurückgezogen."),
            invitation=invitation,
        )
    if invitation.accepted_at is not None:
        raise InvitationUsed(_("Diese Einladung wurde bereits angenommen."), invitation=invitation)
    if invitation.is_expired():
        raise InvitationExpired(
            _("Diese Einladung ist abgelaufen. Bitten Sie die einladende Person um eine neue."),
            invitation=invitation,
        )
    return invitation


def accept_invitation(*, token: str, user: User, request: HttpRequest | None = None) -> Membership:
    """Turn an open invitation into a membership of the invited address's account; works once.
    Another account is refused (and the refusal logged): nothing is granted."""
    invitation = find_invitation(token)
    answer = may_accept_invitation(user, invitation)
    if not answer:
        refuse_invitation(invitation=invitation, user=user, request=request)
        raise InvitationForAnotherAccount(answer.reason)
    return _accept(invitation, user)


def refuse_invitation(
    *, invitation: Invitation, user: User, request: HttpRequest | None = None
) -> None:
    """Log that an account other than the invited address opened the link; grants nothing.
    Not part of the accepting transaction, so the refusal that follows keeps the trace."""
    record_event(
        INVITATION_REFUSED,
        actor=user,
        summary=f"{invitation.email}: {invitation.get_role_display()}",
        centre_id=invitation.centre_id,
        organisation_id=invitation.organisation_id,
        request=request,
        invitation_id=invitation.pk,
    )


@transaction.atomic
def _accept(invitation: Invitation, user: User) -> Membership:
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if invitation.accepted_at is not None:  # the double click that lost the race
        raise InvitationUsed(_("Diese Einladung wurde bereits angenommen."), invitation=invitation)
    membership = grant_membership(
        user=user,
        role=Role(invitation.role),
        centre=invitation.centre,
        organisation=invitation.organisation,
        granted_by=invitation.invited_by,
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record_event(
        OrganisationAction.INVITATION_ACCEPTED,
        actor=user,
        summary=f"{invitation.email}: {invitation.get_role_display()}",
        centre_id=invitation.centre_id,
        organisation_id=invitation.organisation_id,
    )
    return membership


@transaction.atomic
def register_and_accept_invitation(*, token: str, full_name: str, password: str) -> Membership:
    """Create an account for the invited address, record the privacy notice, accept; all or none."""
    invitation = find_invitation(token)
    exists_message = _(
        "Für %(email)s gibt es bereits ein Konto. Bitte melden Sie sich an, um die Einladung "
        "anzunehmen."
    ) % {"email": invitation.email}
    if account_exists(invitation.email):
        raise AccountExists(exists_message)
    try:
        with transaction.atomic():
            user = User.objects.create_user(invitation.email, password, full_name=full_name.strip())
    except IntegrityError as exc:  # created in another tab a moment ago
        raise AccountExists(exists_message) from exc
    record_consent(
        user=user,
        kind=ConsentRecord.Kind.PRIVACY_NOTICE,
        version=settings.ZZ_PRIVACY_NOTICE_VERSION,
    )
    return accept_invitation(token=token, user=user)


@transaction.atomic
def revoke_invitation(*, member: Membership, invitation: Invitation) -> None:
    """Withdraw an invitation that has not been accepted yet."""
    may_revoke_invitation(member, invitation).enforce(NotAllowed)
    if invitation.accepted_at is not None:
        raise InvitationUsed(_("Diese Einladung wurde bereits angenommen."))
    if invitation.revoked_at is None:
        invitation.revoked_at = timezone.now()
        invitation.save(update_fields=["revoked_at"])
        record_event(
            OrganisationAction.INVITATION_REVOKED,
            actor=member.user,
            summary=invitation.email,
            centre_id=invitation.centre_id,
            organisation_id=invitation.organisation_id,
        )

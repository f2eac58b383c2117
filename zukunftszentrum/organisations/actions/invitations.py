"""Invitations by email link: they expire, work once, and can be withdrawn."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.models import ConsentRecord

from ..audit_actions import OrganisationAction
from ..exceptions import (
    AccountExists,
    DuplicateMembership,
    InvitationExpired,
    InvitationInvalid,
    InvitationUsed,
    NotAllowed,
)
from ..models import Centre, Invitation, Membership, Organisation, User
from ..queries import account_exists
from ..roles import INVITABLE_ROLES, Capability, Role
from ._common import _is_network_admin, _require
from .memberships import grant_membership
from .privacy import record_consent


def hash_token(token: str) -> str:
    """Invitation tokens are stored only as hashes: a leaked database reveals no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


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
        _require(member, Capability.INVITE_MEMBERS)
        if member.organisation_id != organisation.pk:
            raise NotAllowed(_("Sie können nur in Ihre eigene Organisation einladen."))
        if organisation.kind == Organisation.Kind.SOLO:
            raise NotAllowed(_("In eine Solo-Selbstständigkeit kann niemand eingeladen werden."))
        allowed = INVITABLE_ROLES[Capability.INVITE_MEMBERS]
    elif centre is not None:
        _require(member, Capability.MANAGE_CENTRE)
        if member.centre_id != centre.pk and not _is_network_admin(member):
            raise NotAllowed(_("Sie können nur in Ihr eigenes Zentrum einladen."))
        allowed = INVITABLE_ROLES[Capability.MANAGE_CENTRE]
    else:
        raise NotAllowed(_("Eine Einladung braucht eine Organisation oder ein Zentrum."))
    if role not in allowed:
        raise NotAllowed(_("Diese Rolle kann hier nicht vergeben werden."))
    email = email.strip().lower()
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


@transaction.atomic
def accept_invitation(*, token: str, user: User) -> Membership:
    """Turn an open invitation into a membership of the signed-in person; works once."""
    invitation = find_invitation(token)
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
    if invitation.organisation_id:
        _require(member, Capability.INVITE_MEMBERS)
        if member.organisation_id != invitation.organisation_id:
            raise NotAllowed(_("Diese Einladung gehört nicht zu Ihrer Organisation."))
    else:
        _require(member, Capability.MANAGE_CENTRE)
        if member.centre_id != invitation.centre_id and not _is_network_admin(member):
            raise NotAllowed(_("Diese Einladung gehört nicht zu Ihrem Zentrum."))
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

"""Writes. Keyword-only, typed, atomic; each checks permission itself before it writes."""

from __future__ import annotations

import hashlib
import secrets
from collections.abc import Mapping
from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.models import AuditEvent, ConsentRecord
from zukunftszentrum.core.personal_data import erase_personal_data

from .exceptions import (
    AccompanimentError,
    AccountExists,
    CentreStillCovers,
    DuplicateMembership,
    InvitationExpired,
    InvitationInvalid,
    InvitationUsed,
    LastCompanyLead,
    NotAllowed,
)
from .models import Accompaniment, Centre, Invitation, Membership, Organisation, User
from .queries import account_exists, organisations_to_request
from .roles import INVITABLE_ROLES, Capability, Role, Scope, has_capability, scope_of


def _require(member: Membership | None, capability: Capability) -> Membership:
    if member is None or not has_capability(member.role, capability):
        raise NotAllowed(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))
    return member


def _is_network_admin(member: Membership | None) -> bool:
    return member is not None and has_capability(member.role, Capability.MANAGE_NETWORK)


def hash_token(token: str) -> str:
    """Invitation tokens are stored only as hashes: a leaked database reveals no working link."""
    return hashlib.sha256(token.encode()).hexdigest()


# --- memberships ---------------------------------------------------------------------------


@transaction.atomic
def grant_membership(
    *,
    user: User,
    role: Role,
    centre: Centre | None = None,
    organisation: Organisation | None = None,
    granted_by: User | None = None,
) -> Membership:
    """Give a person a role (no permission check: callers are actions and commands that did)."""
    try:
        with transaction.atomic():
            membership = Membership.objects.create(
                user=user, role=role, centre=centre, organisation=organisation
            )
    except IntegrityError as exc:
        raise DuplicateMembership(
            _("%(person)s hat diese Rolle dort bereits.") % {"person": user.email}
        ) from exc
    record_event(
        AuditEvent.Action.ROLE_GRANTED,
        actor=granted_by,
        summary=f"{user.email}: {membership.get_role_display()} - {membership.context_name}",
        centre_id=centre.pk if centre else None,
        organisation_id=organisation.pk if organisation else None,
        user_id=user.pk,
        role=str(role),
    )
    return membership


@transaction.atomic
def end_membership(*, member: Membership, membership: Membership) -> None:
    """End someone's role in the viewer's organisation or centre; the last company lead stays."""
    if membership.organisation_id:
        _require(member, Capability.MANAGE_ORGANISATION)
        if member.organisation_id != membership.organisation_id and not _is_network_admin(member):
            raise NotAllowed(_("Diese Person gehört nicht zu Ihrer Organisation."))
    elif membership.centre_id:
        _require(member, Capability.MANAGE_CENTRE)
        if member.centre_id != membership.centre_id and not _is_network_admin(member):
            raise NotAllowed(_("Diese Person gehört nicht zu Ihrem Zentrum."))
    else:
        _require(member, Capability.MANAGE_NETWORK)
    _end(membership, ended_by=member.user)


def _end(membership: Membership, *, ended_by: User | None) -> None:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.ended_at is not None:
        return  # a second click or a second tab: already done
    if locked.role == Role.COMPANY_LEAD:
        leads = list(
            Membership.objects.select_for_update().filter(
                organisation_id=locked.organisation_id,
                role=Role.COMPANY_LEAD,
                ended_at__isnull=True,
            )
        )
        if len(leads) <= 1:
            raise LastCompanyLead(
                _(
                    "Die letzte Person in der Geschäftsführung kann nicht entfernt werden. "
                    "Laden Sie zuerst eine weitere Person als Geschäftsführung ein."
                )
            )
    locked.ended_at = timezone.now()
    locked.save(update_fields=["ended_at"])
    record_event(
        AuditEvent.Action.ROLE_ENDED,
        actor=ended_by,
        summary=f"{locked.user.email}: {locked.get_role_display()} - {locked.context_name}",
        centre_id=locked.centre_id,
        organisation_id=locked.organisation_id,
        user_id=locked.user_id,
        role=locked.role,
    )


# --- organisations ---------------------------------------------------------------------------

EDITABLE_ORGANISATION_FIELDS = frozenset(
    {
        "legal_name",
        "land",
        "kreis_ags",
        "kreis_name",
        "wz_section",
        "headcount",
        "has_works_council",
    }
)


@transaction.atomic
def update_organisation(
    *, member: Membership, organisation: Organisation, changes: Mapping[str, object]
) -> Organisation:
    """Change an organisation's facts; only its own leads may, and each change is logged."""
    _require(member, Capability.MANAGE_ORGANISATION)
    if member.organisation_id != organisation.pk:
        raise NotAllowed(_("Sie können nur Ihre eigene Organisation bearbeiten."))
    unknown = set(changes) - EDITABLE_ORGANISATION_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    locked = Organisation.objects.select_for_update().get(pk=organisation.pk)
    changed = _apply_changes(locked, changes)
    if changed:
        record_event(
            AuditEvent.Action.ORGANISATION_CHANGED,
            actor=member.user,
            summary=f"{locked}: {', '.join(changed)}",
            organisation_id=locked.pk,
            fields=changed,
        )
    locked.refresh_from_db()  # the size class is computed by the database
    return locked


def _apply_changes(locked: Organisation | Centre, changes: Mapping[str, object]) -> list[str]:
    """Set the fields that really change and save only those; returns their names, sorted."""
    changed = sorted(name for name, value in changes.items() if getattr(locked, name) != value)
    for name in changed:
        setattr(locked, name, changes[name])
    if changed:
        locked.save(update_fields=changed)
    return changed


EDITABLE_CENTRE_FIELDS = frozenset(
    {"name", "summary", "description", "email", "phone", "website", "street", "postcode", "city"}
)


@transaction.atomic
def update_centre(*, member: Membership, centre: Centre, changes: Mapping[str, object]) -> Centre:
    """Change a centre's public details; its own admins (or the programme) may, and it is logged."""
    _require(member, Capability.MANAGE_CENTRE if member.centre_id else Capability.MANAGE_NETWORK)
    if member.centre_id and member.centre_id != centre.pk:
        raise NotAllowed(_("Sie können nur Ihr eigenes Zentrum bearbeiten."))
    unknown = set(changes) - EDITABLE_CENTRE_FIELDS
    if unknown:
        raise ValueError(f"not editable: {sorted(unknown)}")
    locked = Centre.objects.select_for_update().get(pk=centre.pk)
    changed = _apply_changes(locked, changes)
    if changed:
        record_event(
            AuditEvent.Action.CENTRE_CHANGED,
            actor=member.user,
            summary=f"{locked}: {', '.join(changed)}",
            centre_id=locked.pk,
            fields=changed,
        )
    return locked


# --- invitations ---------------------------------------------------------------------------


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
        AuditEvent.Action.INVITATION_SENT,
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
        AuditEvent.Action.INVITATION_ACCEPTED,
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
            AuditEvent.Action.INVITATION_REVOKED,
            actor=member.user,
            summary=invitation.email,
            centre_id=invitation.centre_id,
            organisation_id=invitation.organisation_id,
        )


# --- accompaniment: request -> consent -> assignment ---------------------------------------


@transaction.atomic
def request_accompaniment(
    *, member: Membership, organisation: Organisation, message: str = ""
) -> Accompaniment:
    """A centre asks to accompany an organisation; nothing is visible to it before consent."""
    _require(member, Capability.ACCOMPANY_COMPANIES)
    if not member.centre_id:
        raise NotAllowed(_("Nur Zentren können eine Begleitung anfragen."))
    try:
        with transaction.atomic():
            acc = Accompaniment.objects.create(
                centre_id=member.centre_id,
                organisation=organisation,
                message=message,
                requested_by=member.user,
            )
    except IntegrityError as exc:
        raise AccompanimentError(
            _("Für diese Organisation besteht bereits eine offene Anfrage oder Begleitung.")
        ) from exc
    _log_accompaniment(acc, member.user, "requested")
    return acc


@transaction.atomic
def request_accompaniment_by_lead_email(
    *, member: Membership, lead_email: str, message: str = ""
) -> list[Accompaniment]:
    """Ask every organisation this address leads. The caller must answer the same whether or
    not anything was created, so the advisor learns nothing about who is registered."""
    _require(member, Capability.ACCOMPANY_COMPANIES)
    created = []
    for organisation in organisations_to_request(member, lead_email=lead_email):
        try:
            created.append(
                request_accompaniment(member=member, organisation=organisation, message=message)
            )
        except AccompanimentError:
            continue  # already asked or already accompanied: the answer must look the same
    return created


@transaction.atomic
def decide_accompaniment(
    *, member: Membership, accompaniment: Accompaniment, consent: bool
) -> None:
    """The organisation's lead gives or refuses consent to a centre's request."""
    _require(member, Capability.MANAGE_ORGANISATION)
    acc = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    if member.organisation_id != acc.organisation_id:
        raise NotAllowed(_("Diese Anfrage betrifft nicht Ihre Organisation."))
    if acc.status != Accompaniment.Status.REQUESTED:
        raise AccompanimentError(_("Über diese Anfrage wurde bereits entschieden."))
    acc.status = Accompaniment.Status.ACTIVE if consent else Accompaniment.Status.DECLINED
    acc.decided_by = member.user
    acc.decided_at = timezone.now()
    acc.save(update_fields=["status", "decided_by", "decided_at"])
    _log_accompaniment(acc, member.user, acc.status)


@transaction.atomic
def end_accompaniment(*, member: Membership, accompaniment: Accompaniment) -> None:
    """Either side ends an accompaniment (or withdraws a pending request)."""
    acc = Accompaniment.objects.select_for_update().get(pk=accompaniment.pk)
    own_org = member.organisation_id == acc.organisation_id and has_capability(
        member.role, Capability.MANAGE_ORGANISATION
    )
    own_centre = member.centre_id == acc.centre_id and has_capability(
        member.role, Capability.ACCOMPANY_COMPANIES
    )
    if not (own_org or own_centre):
        raise NotAllowed(_("Diese Begleitung betrifft Sie nicht."))
    if acc.status not in (Accompaniment.Status.REQUESTED, Accompaniment.Status.ACTIVE):
        return  # already ended or declined: nothing to do
    acc.status = Accompaniment.Status.ENDED
    acc.ended_at = timezone.now()
    acc.save(update_fields=["status", "ended_at"])
    _log_accompaniment(acc, member.user, "ended")


def _log_accompaniment(acc: Accompaniment, actor: User | None, what: str) -> None:
    record_event(
        AuditEvent.Action.ACCOMPANIMENT_CHANGED,
        actor=actor,
        summary=f"{acc.centre} → {acc.organisation}: {Accompaniment.Status(what).label}",
        centre_id=acc.centre_id,
        organisation_id=acc.organisation_id,
        status=what,
    )


# --- centres ---------------------------------------------------------------------------------


@transaction.atomic
def delete_centre(*, member: Membership | None, centre: Centre) -> None:
    """Remove a centre; refused while it still covers Länder or has staff or accompaniments."""
    if member is not None:
        _require(member, Capability.MANAGE_NETWORK)
    covered = list(centre.lands.values_list("name", flat=True))
    if covered:
        raise CentreStillCovers(
            _("Das Zentrum betreut noch diese Länder: %(lands)s. Übertragen Sie sie zuerst.")
            % {"lands": ", ".join(covered)}
        )
    if centre.memberships.filter(ended_at__isnull=True).exists():
        raise CentreStillCovers(_("Das Zentrum hat noch Mitarbeitende."))
    centre.accompaniments.all().delete()
    centre.memberships.all().delete()
    centre.delete()


# --- privacy ---------------------------------------------------------------------------------


@transaction.atomic
def record_consent(*, user: User, kind: str, version: str) -> ConsentRecord:
    """Record that the person agreed to a text in a given version."""
    consent = ConsentRecord.objects.create(user=user, kind=kind, version=version)
    record_event(AuditEvent.Action.CONSENT_GIVEN, actor=user, summary=f"{kind} {version}")
    return consent


@transaction.atomic
def delete_account(*, user: User) -> None:
    """End every membership and erase or pseudonymise the person's data, everywhere."""
    user = User.objects.select_for_update().get(pk=user.pk)
    for membership in Membership.objects.filter(user=user, ended_at__isnull=True):
        if membership.role == Role.COMPANY_LEAD:
            others = Membership.objects.filter(
                organisation_id=membership.organisation_id,
                role=Role.COMPANY_LEAD,
                ended_at__isnull=True,
            ).exclude(user=user)
            if (
                not others.exists()
                and membership.organisation.memberships.filter(ended_at__isnull=True)
                .exclude(user=user)
                .exists()
            ):
                raise LastCompanyLead(
                    _(
                        "Sie sind die letzte Person in der Geschäftsführung von %(org)s, und "
                        "dort sind noch andere Personen Mitglied. Übertragen Sie die "
                        "Geschäftsführung, bevor Sie Ihr Konto löschen."
                    )
                    % {"org": membership.organisation}
                )
    record_event(AuditEvent.Action.ACCOUNT_DELETED, actor=user, summary=f"user #{user.pk}")
    erase_personal_data(user)


def memberships_in_scope(scope: Scope) -> list[Role]:
    """Roles that belong to a scope (used by forms)."""
    return [r for r in Role if scope_of(r) is scope]

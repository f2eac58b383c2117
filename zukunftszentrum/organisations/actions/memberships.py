"""Granting and ending roles; the last company lead always stays."""

from __future__ import annotations

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event

from ..audit_actions import OrganisationAction
from ..exceptions import (
    DuplicateMembership,
    LastCompanyLead,
    NotAllowed,
)
from ..models import Centre, Membership, Organisation, User
from ..roles import Role
from ..rules import may_remove_member


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
        OrganisationAction.ROLE_GRANTED,
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
    may_remove_member(member, membership).enforce(NotAllowed)
    _end(membership, ended_by=member.user)


def _end(membership: Membership, *, ended_by: User | None) -> None:
    locked = Membership.objects.select_for_update().get(pk=membership.pk)
    if locked.ended_at is not None:
        return  # a second click or a second tab: already done
    if locked.role == Role.COMPANY_LEAD and locked.organisation_id is not None:
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
        OrganisationAction.ROLE_ENDED,
        actor=ended_by,
        summary=f"{locked.user.email}: {locked.get_role_display()} - {locked.context_name}",
        centre_id=locked.centre_id,
        organisation_id=locked.organisation_id,
        user_id=locked.user_id,
        role=locked.role,
    )

"""Object rules of job profiles and targets: may this person, in the active role, change the
targets of this organisation or assign its profiles? Each answers with a `core.access.Answer`.
Which organisations a role reaches at all is `profiles.access_target_organisation` (404)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import Capability, has_capability


def _has(member: Membership | None, capability: Capability) -> bool:
    return member is not None and has_capability(member.role, capability)


def accompanies(member: Membership | None, organisation: Any) -> bool:
    """The member's centre accompanies the organisation with its consent (active)."""
    return bool(
        member is not None
        and member.centre_id
        and _has(member, Capability.ACCOMPANY_COMPANIES)
        and Accompaniment.objects.filter(
            centre_id=member.centre_id,
            organisation=organisation,
            status=Accompaniment.Status.ACTIVE,
        ).exists()
    )


def is_lead_of(member: Membership | None, organisation: Any) -> bool:
    return bool(
        member is not None
        and _has(member, Capability.PLAN_TEAM_LEARNING)
        and member.organisation_id == organisation.pk
    )


def may_adjust_targets(member: Membership | None, organisation: Any) -> Answer:
    """Raise or lower a profile's target for the company: its lead, or an advisor of a centre
    that accompanies it."""
    if is_lead_of(member, organisation) or accompanies(member, organisation):
        return ALLOWED
    return refused(_("Ziele anpassen können die Geschäftsführung und eine begleitende Beratung."))


def may_assign_profiles(member: Membership | None, organisation: Any) -> Answer:
    """Assign job profiles to the company's people: its lead only (it is the employer's call)."""
    if is_lead_of(member, organisation):
        return ALLOWED
    return refused(_("Berufsprofile ordnet die Geschäftsführung zu."))

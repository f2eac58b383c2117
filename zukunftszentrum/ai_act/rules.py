"""Object rules of the inventory: may this person, in the active role, change this
organisation's AI systems? Asked by the actions before they write and by the page builders
(which buttons to show). Each predicate answers with an `Answer` (`core.access`).

Which systems a role reaches at all is `queries.py` (`systems_visible_to`): the organisation's
own members with VIEW_AI_SYSTEMS, and — like the self-checks' company results — the staff of a
centre that accompanies the organisation with its consent (ACTIVE accompaniment), read only.
Another tenant's system is a 404 before a rule is asked.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from .models import AISystem


def may_manage_inventory(member: Membership | None) -> Answer:
    """Enter, import and classify systems: the lead (or solo) of an organisation."""
    if (
        member is None
        or not member.organisation_id
        or not has_capability(member.role, Capability.MANAGE_AI_SYSTEMS)
    ):
        return refused(_("Nur die Geschäftsführung kann die KI-Systeme bearbeiten."))
    return ALLOWED


def may_manage_system(member: Membership | None, system: AISystem) -> Answer:
    """Change, classify or retire this system: the lead of the organisation it belongs to."""
    answer = may_manage_inventory(member)
    if not answer:
        return answer
    assert member is not None
    if member.organisation_id != system.organisation_id:
        return refused(_("Nur die Geschäftsführung kann die KI-Systeme bearbeiten."))
    return ALLOWED


def may_retire_system(member: Membership | None, system: AISystem) -> Answer:
    """Retire the system: its lead, while it is not retired already."""
    answer = may_manage_system(member, system)
    if answer and system.status == AISystem.Status.RETIRED:
        return refused(_("Dieses System ist bereits außer Betrieb."))
    return answer

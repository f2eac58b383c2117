"""Object rules of learning paths: who may plan and register a company's team. Each answers with
a `core.access.Answer`; which organisations a role reaches at all is
`profiles.access_target_organisation` (404)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership

from ..competence.rules import accompanies, is_lead_of


def may_plan_team(member: Membership | None, organisation: Any) -> Answer:
    """The company's lead, or an advisor of a centre that accompanies it (active, with the
    company's consent): the same people who may adjust its targets."""
    if is_lead_of(member, organisation) or accompanies(member, organisation):
        return ALLOWED
    return refused(_("Teampläne erstellen die Geschäftsführung und eine begleitende Beratung."))

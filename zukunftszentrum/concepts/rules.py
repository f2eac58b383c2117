"""What a person may do with the concept designer's objects. Each rule returns an `Answer`:
truthy when allowed, on a refusal a reason the page can show. Actions enforce them; pages use
them to decide which buttons to show.

A centre's admin plans the programme (the catalogue capability: they own the offers it makes);
an advisor reads the scenarios (the learning-demand capability), changes nothing.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from .models import PENDING, Scenario, ScenarioStatus


def may_plan(member: Membership) -> Answer:
    if not has_capability(member.role, Capability.MANAGE_CATALOGUE) or member.centre_id is None:
        return refused(_("Nur die Zentrumsleitung kann die Programmplanung ändern."))
    return ALLOWED


def may_edit(member: Membership, scenario: Scenario) -> Answer:
    if not (answer := may_plan(member)):
        return answer
    if scenario.centre_id != member.centre_id:
        return refused(_("Das Szenario gehört zu einem anderen Zentrum."))
    if scenario.status in PENDING:
        return refused(_("Das Szenario wird gerade berechnet; bitte warten Sie einen Moment."))
    return ALLOWED


def may_publish(member: Membership, scenario: Scenario) -> Answer:
    if not (answer := may_edit(member, scenario)):
        return answer
    if scenario.status != ScenarioStatus.DONE:
        return refused(_("Veröffentlichen lässt sich nur ein berechnetes Szenario."))
    if not scenario.items.filter(removed=False).exists():
        return refused(_("Das Szenario enthält keine Angebote."))
    return ALLOWED

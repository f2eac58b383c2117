"""Object rules of the self-checks: may this person, in the active role, do this to this check
run? Asked by the actions before they write, by the page builders (which buttons and which
parts of a result to show) and so, through them, by the templates. Each predicate answers with
an `Answer` (`core.access`) whose refusal carries a reason the page can show.

Which runs a role reaches at all is `queries.py` (`assessments_visible_to`,
`company_results_visible_to`): another tenant's run is a 404 before a rule is asked.
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from .models import Assessment


def _has(member: Membership | None, capability: Capability) -> bool:
    return member is not None and has_capability(member.role, capability)


def may_open_assessment(member: Membership | None) -> Answer:
    """Open a company check run: the lead (or solo) of an organisation."""
    if member is None or not _has(member, Capability.MANAGE_ASSESSMENTS):
        return refused(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))
    if not member.organisation_id:
        return refused(_("Dafür fehlt Ihnen in Ihrer aktiven Rolle die Berechtigung."))
    return ALLOWED


def may_manage_assessment(member: Membership | None, assessment: Assessment) -> Answer:
    """Close the run and read the free texts of an anonymous one: the lead (or solo) of the
    organisation the run belongs to."""
    if (
        member is None
        or not _has(member, Capability.MANAGE_ASSESSMENTS)
        or member.organisation_id != assessment.organisation_id
    ):
        return refused(_("Nur die Geschäftsführung der Organisation kann den Check abschließen."))
    return ALLOWED


# A check closed by mistake can be opened again for this long; after that its final result
# stands (people have read it, and a later change would contradict what they saw).
REOPEN_DAYS = 7


def reopen_deadline(assessment: Assessment) -> dt.datetime | None:
    """Until when a closed check can be opened again (None while it is open)."""
    if assessment.closed_at is None:
        return None
    return assessment.closed_at + dt.timedelta(days=REOPEN_DAYS)


def may_reopen_assessment(member: Membership | None, assessment: Assessment) -> Answer:
    """Open a closed run again: its lead, within REOPEN_DAYS of closing, while no other run of
    the same check is open."""
    if not may_manage_assessment(member, assessment):
        return refused(_("Nur die Geschäftsführung der Organisation kann den Check wieder öffnen."))
    deadline = reopen_deadline(assessment)
    if assessment.is_open or deadline is None:
        return refused(_("Dieser Check ist offen."))
    if timezone.now() > deadline:
        return refused(
            _(
                "Ein Check kann nur in den ersten %(days)d Tagen nach dem Abschluss wieder geöffnet werden."
            )
            % {"days": REOPEN_DAYS}
        )
    if (
        Assessment.objects.filter(
            organisation_id=assessment.organisation_id,
            instrument_key=assessment.instrument_key,
            status=Assessment.Status.OPEN,
        )
        .exclude(pk=assessment.pk)
        .exists()
    ):
        return refused(
            _(
                "Von diesem Check ist inzwischen ein neuer Durchgang offen; nur einer kann offen sein."
            )
        )
    return ALLOWED


def may_compare_perspectives(member: Membership | None, assessment: Assessment) -> Answer:
    """See the run's result split by perspective (lead, employees, works council, advisor):
    the organisation's lead and the staff of a centre accompanying it; employees see the
    combined result only. (The accompanying centre reaches the run only through
    `company_results_visible_to`, which requires an active accompaniment.)"""
    if may_manage_assessment(member, assessment) or _has(
        member, Capability.VIEW_ACCOMPANIED_RESULTS
    ):
        return ALLOWED
    return refused(
        _(
            "Die Sichtweisen getrennt sehen nur die Geschäftsführung und ein begleitendes "
            "Zentrum; Sie sehen das Gesamtergebnis."
        )
    )

"""Object rules of the participation projects: may this person, in the active role, do this in
this project today? The predicates themselves are pure (`predicates.py`, tested as a table);
this module finds the person's place in the project and says a refusal in words.

Which projects a role reaches at all is `queries.py` (`projects_visible_to`): another tenant's
project is a 404 before a rule is asked.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.organisations.models import Accompaniment, Membership, Organisation
from zukunftszentrum.organisations.roles import Role

from . import phases
from .models import Project, ProjectMember
from .phases import ProjectRole
from .predicates import RULES, Situation, Verdict, Why


@dataclass(frozen=True)
class Participant:
    """A person's place in one project: a role (None: not a member) and the facilitator flag."""

    role: ProjectRole | None
    facilitator: bool = False


OUTSIDER = Participant(None)

# Without a listed row, the company's people take part by their role in the company.
_IMPLIED = {
    Role.COMPANY_LEAD: ProjectRole.LEAD,
    Role.EMPLOYEE: ProjectRole.EMPLOYEE,
    Role.WORKS_COUNCIL: ProjectRole.WORKS_COUNCIL,
}


def accompanies(member: Membership, organisation_id: int) -> bool:
    """The member's centre accompanies the organisation now (with its consent)."""
    if member.centre_id is None:
        return False
    return Accompaniment.objects.filter(
        centre_id=member.centre_id,
        organisation_id=organisation_id,
        status=Accompaniment.Status.ACTIVE,
    ).exists()


def participant(member: Membership | None, project: Project) -> Participant:
    if member is None or not member.is_active:
        return OUTSIDER
    listed = ProjectMember.objects.filter(project=project, membership=member).first()
    if listed is not None:
        if member.centre_id and not accompanies(member, project.organisation_id):
            return OUTSIDER  # an advisor takes part only while the centre accompanies
        return Participant(ProjectRole(listed.role), listed.is_facilitator)
    if member.organisation_id != project.organisation_id:
        return OUTSIDER
    implied = _IMPLIED.get(Role(member.role))
    if implied is ProjectRole.LEAD or (implied is not None and project.all_employees):
        return Participant(implied)
    return OUTSIDER


def situation(
    member: Membership | None, project: Project, today: dt.date | None = None
) -> Situation:
    who = participant(member, project)
    current = project.phases.filter(key=project.current_phase).first()
    try:
        definition = phases.definition(project.current_phase)
    except KeyError:
        definition = None
    return Situation(
        who.role,
        who.facilitator,
        definition,
        current.starts_on if current else None,
        current.ends_on if current else None,
        today or timezone.localdate(),
    )


def reason(verdict: Verdict, s: Situation, action: str) -> str:
    """The refusal in words the person can act on."""
    phase = local(s.phase.title) if s.phase else ""
    match verdict.why:
        case Why.NOT_MEMBER:
            return _("Sie nehmen an diesem Projekt nicht teil.")
        case Why.NOT_FACILITATOR:
            return _("Das kann nur die Moderation des Projekts.")
        case Why.WRONG_ROLE:
            if action == "answer":
                return _("Antworten gibt die Geschäftsführung.")
            return _("Das können nur die Leitung und die Moderation des Projekts.")
        case Why.NO_PHASE:
            return _("Das Projekt hat noch keine laufende Phase.")
        case Why.NOT_STARTED:
            return _("Die Phase „%(phase)s“ beginnt erst am %(date)s.") % {
                "phase": phase,
                "date": _date(s.starts_on),
            }
        case Why.OVER:
            return _("Die Phase „%(phase)s“ ist am %(date)s zu Ende gegangen.") % {
                "phase": phase,
                "date": _date(s.ends_on),
            }
        case Why.CLOSED_IN_PHASE:
            return _("In der Phase „%(phase)s“ ist das nicht vorgesehen.") % {"phase": phase}
        case _:
            return _("In der Phase „%(phase)s“ ist das für Ihre Rolle nicht vorgesehen.") % {
                "phase": phase
            }


def local(text: phases.Text) -> str:
    """A text of the phases file in the page's language."""
    return text.en if (get_language() or "de").startswith("en") else text.de


def _date(value: dt.date | None) -> str:
    from django.utils.formats import date_format

    return date_format(value, "SHORT_DATE_FORMAT") if value else ""


def may(
    action: str, member: Membership | None, project: Project, s: Situation | None = None
) -> Answer:
    """May the member do `action` (a key of predicates.RULES) in the project today?"""
    s = s or situation(member, project)
    verdict = RULES[action](s)
    return ALLOWED if verdict else refused(reason(verdict, s, action))


def may_create_project(member: Membership | None) -> Answer:
    """Start a project: the lead of a company (a solo business has nobody to involve)."""
    if (
        member is None
        or member.role != Role.COMPANY_LEAD
        or member.organisation is None
        or member.organisation.kind != Organisation.Kind.COMPANY
    ):
        return refused(
            _("Ein Beteiligungsprojekt startet die Geschäftsführung eines Unternehmens.")
        )
    return ALLOWED

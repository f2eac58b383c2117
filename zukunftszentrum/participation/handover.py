"""The hand-over from the AI inventory: a high-risk system at the workplace must be explained
to the works council and the workers (Art. 26(7) AI Act); from the system's page a company
lead starts (or opens) the participation project tied to that system.

The inventory does not import this app: its page links to `participation:project_for_system`
by URL name. Here the system is read through `ai_systems` (the one import edge).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.organisations.models import Membership

from . import actions, ai_systems, queries
from .models import Project


def existing_project(member: Membership | None, system_pk: int) -> Project | None:
    """The newest project tied to the system that the member takes part in."""
    return queries.projects_visible_to(member).filter(ai_system_id=system_pk).first()


@transaction.atomic
def start_project_for_system(*, member: Membership, system_pk: int) -> tuple[Project, bool]:
    """The project tied to the system: the existing one, or a new one (True) in the first
    phase. Its facts stay unsaved on purpose: the facts form shows them prefilled from the
    system's classification and the company's profile until someone confirms them."""
    found = existing_project(member, system_pk)
    if found is not None:
        return found, False
    system = ai_systems.company_system(member.organisation_id or 0, system_pk)
    if system is None:
        raise actions.ParticipationError(_("Dieses KI-System gibt es im Inventar nicht."))
    project = actions.create_project(
        member=member,
        title=(_("Einführung von %(name)s") % {"name": system.name})[:200],
        plan=system.purpose,
        ai_system_id=system.pk,
    )
    return project, True

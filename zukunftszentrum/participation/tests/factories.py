"""Test data for the participation app."""

from __future__ import annotations

import datetime as dt

from django.core.files.base import ContentFile
from django.utils import timezone

from zukunftszentrum.organisations.models import Membership, Organisation

from .. import phases
from ..models import Item, Project, ProjectDocument, ProjectMember, ProjectPhase
from ..phases import ProjectRole

WALK_TITLE = "Sichtprüfung (Zugangstest)"


def make_project(
    organisation: Organisation,
    *,
    phase: str = "ideen_und_bedenken",
    title: str = "Sichtprüfung",
    all_employees: bool = True,
    running: bool = True,
) -> Project:
    """A project in `phase`; its dates run today (or ended yesterday with running=False)."""
    project = Project.objects.create(
        organisation=organisation, title=title, current_phase=phase, all_employees=all_employees
    )
    today = timezone.localdate()
    for key in phases.phase_keys():
        starts, ends = (today - dt.timedelta(days=7), today) if running else (None, None)
        if key == phase and not running:
            starts, ends = today - dt.timedelta(days=7), today - dt.timedelta(days=1)
        ProjectPhase.objects.create(project=project, key=key, starts_on=starts, ends_on=ends)
    return project


def list_member(
    project: Project, membership: Membership, role: ProjectRole, *, facilitator: bool = False
) -> ProjectMember:
    return ProjectMember.objects.create(
        project=project, membership=membership, role=role, is_facilitator=facilitator
    )


def make_item(
    project: Project,
    *,
    author: Membership | None = None,
    anonymous: bool = False,
    title: str = "Kamera",
    days_ago: int = 0,
) -> Item:
    return Item.objects.create(
        project=project,
        kind=Item.Kind.CONCERN,
        category="monitoring",
        title=title,
        body="Text",
        is_anonymous=anonymous,
        author=None if anonymous else author,
        posted_on=timezone.localdate() - dt.timedelta(days=days_ago),
    )


PDF = b"%PDF-1.4\n%test\n"


def make_document(project: Project) -> ProjectDocument:
    doc = ProjectDocument(project=project, title="Plan")
    doc.file.save("plan.pdf", ContentFile(PDF), save=True)
    return doc


# --- the access walk: one project per tenant, reused by every sample ------------------------------


def walk_project(t: object) -> Project:
    from zukunftszentrum.organisations.roles import Role

    company = t.company  # type: ignore[attr-defined]
    project = Project.objects.filter(organisation=company, title=WALK_TITLE).first()
    if project is None:
        project = make_project(company, title=WALK_TITLE)
        advisor = t.members[Role.ADVISOR]  # type: ignore[attr-defined]
        list_member(project, advisor, ProjectRole.ADVISOR, facilitator=True)
    return project


def walk_item(t: object) -> Item:
    project = walk_project(t)
    return project.items.first() or make_item(project, anonymous=True)


def walk_document(t: object) -> ProjectDocument:
    project = walk_project(t)
    return project.documents.first() or make_document(project)


def walk_listed(t: object) -> ProjectMember:
    return walk_project(t).members.first()  # type: ignore[return-value]

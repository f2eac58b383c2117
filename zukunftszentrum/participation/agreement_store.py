"""The works-agreement outline of a project: generated from the project (and the tied AI
system), with the sections people edited kept over every regeneration.

`outline_for(project)` is what the page, the DOCX and the PDF show. An edit stores the
section's text and the generated text it started from; "regenerate" drops edits only when
asked, per section or for all.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import agreement, ai_systems, codet_rules, steps
from .actions import NotAllowed, ParticipationError
from .agreement import Outline, ProjectDescription, Section, build_outline
from .agreement.edits import apply_edits, section_text, sections_of
from .audit_actions import ParticipationAction as Act
from .models import AgreementSectionEdit, Project

MAX_SECTION_CHARS = 20_000


def description(project: Project) -> ProjectDescription:
    system = ai_systems.system_of(project)
    systems: tuple[agreement.System, ...] = ()
    if system is not None:
        described = ai_systems.describe(system)
        if steps.facts_of(project).monitors_behaviour_or_performance:
            described = dataclasses.replace(
                described,
                monitoring_possibilities=(
                    _("technisch geeignet, Leistung oder Verhalten zu überwachen"),
                ),
            )
        systems = (described,)
    return ProjectDescription(
        company=project.organisation.legal_name,
        project=project.title,
        systems=systems,
        evaluation_dates=tuple(
            p.starts_on for p in project.phases.filter(key="bewerten") if p.starts_on
        ),
    )


def generated(project: Project) -> Outline:
    return build_outline(description(project))


def edits_of(project: Project) -> dict[str, AgreementSectionEdit]:
    return {e.section: e for e in project.agreement_edits.all()}


def outline_for(project: Project) -> Outline:
    """The outline as it stands: generated now, with the kept edits applied."""
    return apply_edits(generated(project), {k: e.text for k, e in edits_of(project).items()})


@dataclass(frozen=True)
class SectionRow:
    number: str
    heading: str
    text: str  # what the edit form shows
    edited: bool
    generated_changed: bool  # the generated text differs from the one the edit started from


def section_rows(project: Project) -> list[SectionRow]:
    fresh = generated(project)
    edits = edits_of(project)
    rows = []
    for section in sections_of(fresh):
        edit = edits.get(section.number)
        text = section_text(section)
        rows.append(
            SectionRow(
                number=section.number,
                heading=section.heading,
                text=edit.text if edit else text,
                edited=edit is not None,
                generated_changed=edit is not None and edit.generated != text,
            )
        )
    return rows


def _section(project: Project, number: str) -> Section:
    for section in sections_of(generated(project)):
        if section.number == number:
            return section
    raise ParticipationError(_("Diesen Abschnitt gibt es im Entwurf nicht."))


@transaction.atomic
def save_section(*, member: Membership, project: Project, number: str, text: str) -> bool:
    """Keep the edited text of a section; False when it equals what is shown already."""
    codet_rules.may("edit_agreement", member, project).enforce(NotAllowed)
    section = _section(project, number)
    text = text.strip()
    if not text:
        raise ParticipationError(
            _("Ein Abschnitt braucht Text; zum Zurücksetzen nutzen Sie „Neu erzeugen“.")
        )
    if len(text) > MAX_SECTION_CHARS:
        raise ParticipationError(_("Dieser Abschnitt ist zu lang."))
    fresh = section_text(section)
    current = AgreementSectionEdit.objects.filter(project=project, section=number).first()
    if (current.text if current else fresh) == text:
        return False
    AgreementSectionEdit.objects.update_or_create(
        project=project,
        section=number,
        defaults={"text": text, "generated": fresh, "edited_by": member},
    )
    record_event(
        Act.AGREEMENT_EDITED,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=f"{project.title}: {number}"[:300],
        project=project.pk,
        section=number,
    )
    return True


@transaction.atomic
def regenerate(*, member: Membership, project: Project, number: str = "") -> int:
    """Drop the edit of one section (or of all with number ""); returns how many were dropped."""
    codet_rules.may("edit_agreement", member, project).enforce(NotAllowed)
    qs = project.agreement_edits.all()
    if number:
        qs = qs.filter(section=number)
    dropped, _detail = qs.delete()
    if dropped:
        record_event(
            Act.AGREEMENT_RESET,
            actor=member.user,
            organisation_id=project.organisation_id,
            summary=f"{project.title}: {number or '*'}"[:300],
            project=project.pk,
            section=number or "*",
        )
    return dropped

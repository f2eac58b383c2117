"""A project's facts and the co-determination steps that follow from them, with their status.

The pure engine (`codetermination/`) says which steps apply and why; this module reads the
recorded facts, prefills them from the tied AI system, computes each step's due date from the
project's phase dates, and writes facts and decisions (each logged in the audit log).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import ai_systems, codet_rules, codetermination
from .actions import NotAllowed, ParticipationError
from .audit_actions import ParticipationAction as Act
from .codetermination.deadlines import DueDate, due_date
from .models import (
    COUNCIL_STATUSES,
    CodeterminationStep,
    Project,
    ProjectDocument,
    ProjectFactsRecord,
    StepStatus,
)


def recorded_facts(project: Project) -> dict[str, Any] | None:
    record = ProjectFactsRecord.objects.filter(project=project).first()
    return dict(record.facts) if record else None


def facts_of(project: Project) -> codetermination.ProjectFacts:
    """The recorded facts, checked by the engine's type; nothing recorded: a new project."""
    raw = recorded_facts(project) or {}
    known = {k: v for k, v in raw.items() if k in codetermination.FACT_TYPES}
    try:
        return codetermination.ProjectFacts(**known)
    except (TypeError, ValueError):
        return codetermination.ProjectFacts()


def initial_facts(project: Project) -> tuple[dict[str, Any], dict[str, str]]:
    """What the facts form shows: the recorded facts, or else what the AI system answers.
    Returns the values and, per prefilled fact, where it came from."""
    recorded = recorded_facts(project)
    if recorded is not None:
        return recorded, {}
    found = company_prefill(project) | ai_systems.prefill(ai_systems.system_of(project))
    return {k: v for k, (v, _s) in found.items()}, {k: s for k, (_v, s) in found.items()}


def company_prefill(project: Project) -> dict[str, tuple[Any, str]]:
    """What the company's profile says: a works council, and its headcount (the form asks for
    the employees eligible to vote; the headcount is a first value to check)."""
    org = project.organisation
    source = _("aus dem Profil des Unternehmens")
    found: dict[str, tuple[Any, str]] = {"has_works_council": (org.has_works_council, source)}
    if org.headcount:
        found["employees"] = (org.headcount, source)
    return found


@transaction.atomic
def record_facts(*, member: Membership, project: Project, facts: dict[str, Any]) -> None:
    codet_rules.may("record_facts", member, project).enforce(NotAllowed)
    checked = codetermination.ProjectFacts(
        **{k: facts[k] for k in codetermination.FACT_TYPES if k in facts}
    )
    values = {k: checked.value(k) for k in codetermination.FACT_TYPES}
    ProjectFactsRecord.objects.update_or_create(
        project=project, defaults={"facts": values, "recorded_by": member}
    )
    record_event(
        Act.FACTS_RECORDED,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=project.title[:200],
        project=project.pk,
        facts=values,
    )


@dataclass(frozen=True)
class StepRow:
    """One applying step as the page and the report show it."""

    id: str
    title: str
    citations: list[tuple[str, str, str]]  # (citation, law version, link)
    laws: list[tuple[str, str, str]]  # (law's title, version, link) of the laws cited
    reasons: list[str]
    meaning: str
    actors: list[str]
    deadline_rule: str
    due: DueDate
    documents_expected: list[str]
    status: str
    status_label: str
    decision: str
    decided_on: dt.date | None
    documents: list[ProjectDocument]
    council_may_decide: bool


_ACTORS = {
    codetermination.Actor.WORKS_COUNCIL: lambda: _("Betriebsrat"),
    codetermination.Actor.EMPLOYER: lambda: _("Arbeitgeber"),
    codetermination.Actor.EMPLOYEES: lambda: _("Beschäftigte"),
}


def laws_cited(rows: list[StepRow]) -> list[tuple[str, str, str]]:
    """Each law the steps cite, once: its title, the version the content follows, its link."""
    return list(dict.fromkeys(law for row in rows for law in row.laws))


def _lang() -> str:
    return get_language() or "de"


def outcome(project: Project) -> codetermination.Outcome:
    return codetermination.assess(facts_of(project))


def step_rows(project: Project, today: dt.date | None = None) -> list[StepRow]:
    today = today or timezone.localdate()
    lang = _lang()
    stored = {
        s.step_id: s for s in project.codetermination_steps.prefetch_related("documents").all()
    }
    starts = {p.key: p.starts_on for p in project.phases.all()}
    rows = []
    for step in outcome(project).steps:
        rule = step.rule
        row = stored.get(step.id)
        status = row.status if row else StepStatus.OPEN
        rows.append(
            StepRow(
                id=step.id,
                title=rule.title.get(lang),
                citations=[
                    (s.citation(lang), s.law.version.get(lang), s.url) for s in rule.sources
                ],
                laws=[
                    (s.law.title.get(lang), s.law.version.get(lang), s.law.url)
                    for s in rule.sources
                ],
                reasons=[r.get(lang) for r in step.reasons],
                meaning=rule.meaning.get(lang),
                actors=[str(_ACTORS[a]()) for a in rule.actors],
                deadline_rule=rule.deadline.text.get(lang),
                due=due_date(rule.deadline.kind, starts, today, done=status != StepStatus.OPEN),
                documents_expected=[d.get(lang) for d in rule.documents],
                status=status,
                status_label=str(StepStatus(status).label),
                decision=row.decision if row else "",
                decided_on=row.decided_on if row else None,
                documents=list(row.documents.all()) if row else [],
                council_may_decide=rule.council_decides,
            )
        )
    return rows


@transaction.atomic
def record_step(
    *,
    member: Membership,
    project: Project,
    step_id: str,
    status: str,
    decision: str,
    decided_on: dt.date | None,
    documents: list[ProjectDocument],
) -> CodeterminationStep:
    """Record where a step stands. The council's consent or refusal only the council records;
    requests and "done" the employer's side. Every change is in the audit log."""
    applying = {s.id: s for s in outcome(project).steps}
    if step_id not in applying:
        raise ParticipationError(_("Dieser Schritt gilt für das Projekt nicht."))
    if status not in StepStatus.values:
        raise ParticipationError(_("Bitte wählen Sie einen Stand."))
    if status in COUNCIL_STATUSES:
        codet_rules.may("decide_as_council", member, project).enforce(NotAllowed)
        if not applying[step_id].rule.council_decides:
            raise ParticipationError(_("Bei diesem Schritt entscheidet der Betriebsrat nicht."))
    else:
        codet_rules.may("track_steps", member, project).enforce(NotAllowed)
    if any(d.project_id != project.pk for d in documents):
        raise ParticipationError(_("Bitte wählen Sie Dokumente dieses Projekts."))
    row, _created = CodeterminationStep.objects.update_or_create(
        project=project,
        step_id=step_id,
        defaults={
            "status": status,
            "decision": decision.strip(),
            "decided_on": decided_on,
            "updated_by": member,
        },
    )
    row.documents.set(documents)
    record_event(
        Act.STEP_RECORDED,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=f"{step_id}: {status}"[:300],
        project=project.pk,
        step=step_id,
        status=status,
        decision=decision.strip()[:500],
    )
    return row

"""Writes of the inventory: keyword-only, atomic, and each checks the rule itself before it
writes, so commands and tasks are held to the same rules as views."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership, Organisation

from . import classification
from .audit_actions import AISystemAction
from .exceptions import NotAllowed, NothingToStore
from .law import Walk
from .models import (
    AISystem,
    Classification,
    ClassificationDraft,
    InformationLetter,
    ObligationStatus,
)
from .rules import may_manage_inventory, may_manage_system, may_retire_system

# Fields a person may set on a system (the form's and the import's).
EDITABLE = (
    "name",
    "vendor",
    "product",
    "system_type",
    "purpose",
    "department",
    "user_profiles",
    "number_of_users",
    "overseer_profiles",
    "personal_data",
    "employee_data",
    "hosting",
    "status",
    "planned_from",
    "in_use_since",
    "retired_on",
)


def _values(data: Mapping[str, Any]) -> dict[str, Any]:
    values = {k: data[k] for k in EDITABLE if k in data}
    # A retired system always has the date it went out of use (a database constraint).
    if values.get("status") == AISystem.Status.RETIRED and not values.get("retired_on"):
        values["retired_on"] = timezone.localdate()
    return values


def _own(member: Membership) -> Organisation:
    assert member.organisation is not None  # may_manage_inventory requires one
    return member.organisation


@transaction.atomic
def create_system(*, member: Membership, data: Mapping[str, Any]) -> AISystem:
    """A new system in the member's organisation."""
    may_manage_inventory(member).enforce(NotAllowed)
    system = AISystem.objects.create(organisation=_own(member), **_values(data))
    record_event(
        AISystemAction.SYSTEM_CREATED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def update_system(*, member: Membership, system: AISystem, data: Mapping[str, Any]) -> AISystem:
    """Change the system's details (its classification stays as stored)."""
    may_manage_system(member, system).enforce(NotAllowed)
    for key, value in _values(data).items():
        setattr(system, key, value)
    system.save()
    record_event(
        AISystemAction.SYSTEM_UPDATED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def retire_system(*, member: Membership, system: AISystem, on: dt.date | None = None) -> AISystem:
    """Take the system out of use; it stays in the inventory with its history."""
    may_retire_system(member, system).enforce(NotAllowed)
    system.status = AISystem.Status.RETIRED
    system.retired_on = on or timezone.localdate()
    system.save(update_fields=["status", "retired_on", "updated_at"])
    record_event(
        AISystemAction.SYSTEM_RETIRED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return system


@transaction.atomic
def import_systems(*, member: Membership, rows: Iterable[Mapping[str, Any]]) -> list[AISystem]:
    """The reviewed rows of an import, all or none."""
    may_manage_inventory(member).enforce(NotAllowed)
    created = [AISystem.objects.create(organisation=_own(member), **_values(row)) for row in rows]
    record_event(
        AISystemAction.SYSTEMS_IMPORTED,
        actor=member.user,
        summary=str(len(created)),
        organisation_id=member.organisation_id,
        systems=[s.pk for s in created],
    )
    return created


# Classification: the draft, the stored result, the re-check.


@transaction.atomic
def save_answer(*, member: Membership, system: AISystem, question_id: str, value: str) -> Walk:
    """Keep one answer in the system's draft; the walk continues from there."""
    may_manage_system(member, system).enforce(NotAllowed)
    tree = classification.tree()
    question = tree.question(question_id)
    if question is None or question.answer(value) is None:
        raise NotAllowed(_("Diese Antwort gibt es auf diese Frage nicht."))
    draft, _created = ClassificationDraft.objects.select_for_update().get_or_create(
        system=system, defaults={"tree_version": tree.version}
    )
    draft.answers = {**draft.answers, question_id: value}
    draft.tree_version = tree.version
    draft.updated_by = member.user
    draft.save()
    return tree.walk(draft.answers)


def _store(
    *,
    member: Membership,
    system: AISystem,
    answers: dict[str, str],
    facts: dict[str, Any],
    result: dict[str, Any],
) -> Classification:
    stored = Classification.objects.create(
        system=system,
        tree_version=classification.tree().version,
        law_version=classification.applied_law(),
        answers=answers,
        facts=facts,
        risk=result["laws"][classification.applied_law()]["risk"],
        result=result,
        created_by=member.user,
    )
    record_event(
        AISystemAction.CLASSIFICATION_STORED,
        actor=member.user,
        summary=f"{system.name}: {stored.risk}",
        organisation_id=system.organisation_id,
        system=system.pk,
        tree_version=stored.tree_version,
        law_version=stored.law_version,
    )
    return stored


@transaction.atomic
def store_classification(*, member: Membership, system: AISystem) -> Classification:
    """The draft's finished walk as a new stored result (the draft is then gone)."""
    may_manage_system(member, system).enforce(NotAllowed)
    finished = classification.result_of(classification.draft_answers(system))
    if finished is None:
        raise NothingToStore(_("Es sind noch nicht alle Fragen beantwortet."))
    walk, result = finished
    stored = _store(
        member=member,
        system=system,
        answers=walk.answers,
        facts=walk.facts.as_dict(),
        result=result,
    )
    ClassificationDraft.objects.filter(system=system).delete()
    return stored


@transaction.atomic
def confirm_recheck(*, member: Membership, system: AISystem) -> Classification:
    """Store the re-evaluated result of the stored facts under today's tree and law version."""
    may_manage_system(member, system).enforce(NotAllowed)
    check = classification.recheck(system)
    if check is None:
        raise NothingToStore(_("Die gespeicherte Einstufung ist aktuell."))
    return _store(
        member=member,
        system=system,
        answers=check.stored.answers,
        facts=check.stored.facts,
        result=check.result,
    )


@transaction.atomic
def set_duty_status(
    *,
    member: Membership,
    system: AISystem,
    obligation_id: str,
    law_version: str,
    state: str,
    evidence: str = "",
    done_on: dt.date | None = None,
) -> ObligationStatus:
    """Record how far the organisation is with one duty (done needs evidence and a date)."""
    may_manage_system(member, system).enforce(NotAllowed)
    status, _created = ObligationStatus.objects.update_or_create(
        system=system,
        obligation_id=obligation_id,
        law_version=law_version,
        defaults={
            "state": state,
            "evidence": evidence,
            "done_on": done_on if state == ObligationStatus.State.DONE else None,
            "updated_by": member.user,
        },
    )
    record_event(
        AISystemAction.DUTY_STATUS_CHANGED,
        actor=member.user,
        summary=f"{system.name}: {obligation_id} {state}",
        organisation_id=system.organisation_id,
        system=system.pk,
        obligation=obligation_id,
        law_version=law_version,
    )
    return status


@transaction.atomic
def draft_letter(*, member: Membership, system: AISystem, text: str) -> InformationLetter:
    """A new draft of the Art. 26(7) information (older drafts stay as they were)."""
    may_manage_system(member, system).enforce(NotAllowed)
    letter = InformationLetter.objects.create(
        system=system,
        law_version=classification.applied_law(),
        text=text,
        drafted_by=member.user,
    )
    record_event(
        AISystemAction.LETTER_DRAFTED,
        actor=member.user,
        summary=system.name,
        organisation_id=system.organisation_id,
        system=system.pk,
    )
    return letter


@transaction.atomic
def track_letter(
    *,
    member: Membership,
    letter: InformationLetter,
    sent_to_works_council_on: dt.date | None,
    workers_informed_on: dt.date | None,
) -> InformationLetter:
    """When the works council got the information and when the workers were informed."""
    may_manage_system(member, letter.system).enforce(NotAllowed)
    letter.sent_to_works_council_on = sent_to_works_council_on
    letter.workers_informed_on = workers_informed_on
    letter.save(update_fields=["sent_to_works_council_on", "workers_informed_on"])
    record_event(
        AISystemAction.LETTER_TRACKED,
        actor=member.user,
        summary=letter.system.name,
        organisation_id=letter.system.organisation_id,
        system=letter.system.pk,
    )
    return letter

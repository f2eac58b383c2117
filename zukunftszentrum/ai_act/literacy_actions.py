"""Writes of the Art. 4 record: internal guidance recorded and removed, each audited. The rule is
asked here, so a command would be held to it as the page is."""

from __future__ import annotations

from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership, Organisation

from .audit_actions import LiteracyAction
from .exceptions import NotAllowed
from .literacy import may_manage_guidance
from .literacy_models import LiteracyGuidance


@transaction.atomic
def add_guidance(
    *,
    member: Membership,
    organisation: Organisation,
    title: str,
    kind: str,
    issued_on: Any,
    attachment: UploadedFile | None = None,
) -> LiteracyGuidance:
    may_manage_guidance(member, organisation).enforce(NotAllowed)
    entry = LiteracyGuidance(
        organisation=organisation,
        title=title,
        kind=kind,
        issued_on=issued_on,
        created_by=member.user,
    )
    if attachment is not None:
        entry.attachment.save("guidance.pdf", attachment, save=False)
    entry.save()
    record_event(
        LiteracyAction.GUIDANCE_ADDED,
        actor=member.user,
        summary=title[:100],
        organisation_id=organisation.pk,
        guidance=entry.pk,
    )
    return entry


@transaction.atomic
def remove_guidance(*, member: Membership, entry: LiteracyGuidance) -> None:
    may_manage_guidance(member, entry.organisation).enforce(NotAllowed)
    record_event(
        LiteracyAction.GUIDANCE_REMOVED,
        actor=member.user,
        summary=entry.title[:100],
        organisation_id=entry.organisation_id,
        guidance=entry.pk,
    )
    if entry.attachment:
        entry.attachment.delete(save=False)
    entry.delete()

"""Consent records and account deletion."""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.core.personal_data import erase_personal_data

from ..exceptions import (
    LastCompanyLead,
)
from ..models import Membership, User
from ..roles import Role


@transaction.atomic
def record_consent(*, user: User, kind: str, version: str) -> ConsentRecord:
    """Record that the person agreed to a text in a given version."""
    consent = ConsentRecord.objects.create(user=user, kind=kind, version=version)
    record_event(CoreAction.CONSENT_GIVEN, actor=user, summary=f"{kind} {version}")
    return consent


@transaction.atomic
def delete_account(*, user: User) -> None:
    """End every membership and erase or pseudonymise the person's data, everywhere."""
    user = User.objects.select_for_update().get(pk=user.pk)
    leading = Membership.objects.filter(user=user, role=Role.COMPANY_LEAD, ended_at__isnull=True)
    for lead in leading.select_related("organisation"):
        assert lead.organisation_id is not None  # a company role always has its organisation
        colleagues = Membership.objects.filter(
            organisation_id=lead.organisation_id, ended_at__isnull=True
        ).exclude(user=user)
        if colleagues.exists() and not colleagues.filter(role=Role.COMPANY_LEAD).exists():
            raise LastCompanyLead(
                _(
                    "Sie sind die letzte Person in der Geschäftsführung von %(org)s, und "
                    "dort sind noch andere Personen Mitglied. Übertragen Sie die "
                    "Geschäftsführung, bevor Sie Ihr Konto löschen."
                )
                % {"org": lead.organisation}
            )
    record_event(CoreAction.ACCOUNT_DELETED, actor=user, summary=f"user #{user.pk}")
    erase_personal_data(user)

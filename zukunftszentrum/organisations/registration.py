"""Self-registration of a company (its lead) or a solo self-employed person. One transaction."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.models import ConsentRecord

from .audit_actions import OrganisationAction
from .exceptions import OrganisationError
from .models import Land, Membership, Organisation, User
from .roles import Role


class EmailTaken(OrganisationError):
    pass


@dataclass(frozen=True)
class Registration:
    kind: str  # Organisation.Kind
    full_name: str
    email: str
    password: str
    legal_name: str
    land: Land
    wz_section: str
    headcount: int
    has_works_council: bool = False
    kreis_ags: str = ""
    kreis_name: str = ""


@transaction.atomic
def register_organisation(data: Registration) -> Membership:
    """Create the person, their organisation and their leading role, with recorded consent."""
    email = data.email.strip().lower()
    if User.objects.filter(email__iexact=email).exists():
        raise EmailTaken(
            _("Für diese E-Mail-Adresse gibt es bereits ein Konto. Bitte melden Sie sich an.")
        )
    solo = data.kind == Organisation.Kind.SOLO
    try:
        with transaction.atomic():
            user = User.objects.create_user(email, data.password, full_name=data.full_name)
    except IntegrityError as exc:  # the same address registered in a second tab a moment ago
        raise EmailTaken(_("Für diese E-Mail-Adresse gibt es bereits ein Konto.")) from exc
    organisation = Organisation.objects.create(
        kind=data.kind,
        legal_name=data.legal_name,
        land=data.land,
        wz_section=data.wz_section,
        headcount=1 if solo else data.headcount,
        has_works_council=False if solo else data.has_works_council,
        kreis_ags=data.kreis_ags,
        kreis_name=data.kreis_name,
    )
    role = Role.SOLO if solo else Role.COMPANY_LEAD
    membership = Membership.objects.create(user=user, role=role, organisation=organisation)
    ConsentRecord.objects.create(
        user=user,
        kind=ConsentRecord.Kind.PRIVACY_NOTICE,
        version=settings.ZZ_PRIVACY_NOTICE_VERSION,
    )
    record_event(
        OrganisationAction.ROLE_GRANTED,
        actor=user,
        summary=f"{email}: {membership.get_role_display()} – {organisation}",
        organisation_id=organisation.pk,
        user_id=user.pk,
        role=role.value,
    )
    return membership

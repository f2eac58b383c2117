"""The access walk's view of this app: the two tenants it builds, and samples for this app's URLs.

The walk (zukunftszentrum/tests/test_access_walk.py) collects `SAMPLES` from every installed app's
`tests/access_walk.py`. A URL with parameters needs one entry: URL name -> (sample kwargs from
tenant a, the role of tenant a that must get a normal answer, or None for a public URL).
Every app's samples take the `Tenant` built here; organisations owns tenants.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.conf import settings

from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.organisations import actions
from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import (
    make_centre,
    make_member,
    make_organisation,
    make_solo,
)


@dataclass
class Tenant:
    members: dict[Role, Membership]
    company: Any
    centre: Any
    solo: Any
    accompaniment: Accompaniment
    invitation: Any
    token: str


def make_tenant(land: str) -> Tenant:
    """One tenant: a centre for the Land, a company and a solo business there, every role."""
    centre = make_centre(lands=(land,))
    company = make_organisation(land=land)
    solo = make_solo(land=land)
    members = {
        Role.COMPANY_LEAD: make_member(Role.COMPANY_LEAD, organisation=company),
        Role.EMPLOYEE: make_member(Role.EMPLOYEE, organisation=company),
        Role.WORKS_COUNCIL: make_member(Role.WORKS_COUNCIL, organisation=company),
        Role.SOLO: make_member(Role.SOLO, organisation=solo),
        Role.CENTRE_ADMIN: make_member(Role.CENTRE_ADMIN, centre=centre),
        Role.ADVISOR: make_member(Role.ADVISOR, centre=centre),
        Role.TRAINER: make_member(Role.TRAINER, centre=centre),
        Role.PROGRAMME_ADMIN: make_member(Role.PROGRAMME_ADMIN),
        Role.REVIEWER: make_member(Role.REVIEWER),
    }
    members[Role.PROGRAMME_ADMIN].user.is_staff = True
    members[Role.PROGRAMME_ADMIN].user.save()
    acc = actions.request_accompaniment(member=members[Role.ADVISOR], organisation=company)
    actions.decide_accompaniment(member=members[Role.COMPANY_LEAD], accompaniment=acc, consent=True)
    invitation, token = actions.invite(
        member=members[Role.COMPANY_LEAD],
        email=f"neu-{land.lower()}@example.org",
        role=Role.EMPLOYEE,
        organisation=company,
    )
    for m in members.values():
        ConsentRecord.objects.get_or_create(
            user=m.user, kind="privacy_notice", version=settings.ZZ_PRIVACY_NOTICE_VERSION
        )
    return Tenant(members, company, centre, solo, acc, invitation, token)


def _asked_by_the_solo(t: Tenant) -> Accompaniment:
    """An organisation's own request to the tenant's centre (the company is accompanied already)."""
    return actions.ask_centre(member=t.members[Role.SOLO], organisation=t.solo, centre=t.centre)


Sample = Callable[[Tenant], dict[str, Any]]
SAMPLES: dict[str, tuple[Sample, Role | None]] = {
    "organisations:centre_detail": (lambda t: {"slug": t.centre.slug}, None),
    "organisations:organisation_detail": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_edit": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_invite": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:organisation_remove_member": (
        lambda t: {"pk": t.company.pk, "membership_pk": t.members[Role.EMPLOYEE].pk},
        Role.COMPANY_LEAD,
    ),
    "organisations:organisation_accompaniment": (
        lambda t: {"pk": t.company.pk, "accompaniment_pk": t.accompaniment.pk},
        Role.COMPANY_LEAD,
    ),
    "organisations:organisation_accompaniment_end": (
        lambda t: {"pk": t.company.pk, "accompaniment_pk": t.accompaniment.pk},
        Role.COMPANY_LEAD,
    ),
    "organisations:organisation_ask_centre": (lambda t: {"pk": t.company.pk}, Role.COMPANY_LEAD),
    "organisations:centre_answer_request": (
        lambda t: {"accompaniment_pk": _asked_by_the_solo(t).pk},
        Role.ADVISOR,
    ),
    "organisations:centre_remove_staff": (
        lambda t: {"membership_pk": t.members[Role.TRAINER].pk},
        Role.CENTRE_ADMIN,
    ),
    "organisations:invitation_revoke": (lambda t: {"pk": t.invitation.pk}, Role.COMPANY_LEAD),
    "organisations:invitation_accept": (lambda t: {"token": t.token}, None),
}

"""Small builders for tests: a person, a company, a centre, a membership. Explicit, no magic."""

from __future__ import annotations

import itertools

from django.conf import settings

from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.organisations.models import Centre, Land, Membership, Organisation, User
from zukunftszentrum.organisations.roles import Role

_seq = itertools.count(1)

PASSWORD = "test-passwort-123"


def make_user(
    email: str | None = None, *, name: str = "", password: str = PASSWORD, consented: bool = True
) -> User:
    """A person; by default one who has acknowledged the current privacy notice."""
    n = next(_seq)
    user = User.objects.create_user(
        email or f"person{n}@example.org", password, full_name=name or f"Person {n}"
    )
    if consented:
        ConsentRecord.objects.create(
            user=user,
            kind=ConsentRecord.Kind.PRIVACY_NOTICE,
            version=settings.ZZ_PRIVACY_NOTICE_VERSION,
        )
    return user


def make_centre(*, name: str | None = None, lands: tuple[str, ...] = ("BY",), **extra) -> Centre:
    n = next(_seq)
    centre = Centre.objects.create(
        name=name or f"Zukunftszentrum Test {n}", slug=f"zentrum-{n}", **extra
    )
    centre.lands.set(Land.objects.filter(code__in=lands))
    return centre


def make_organisation(
    *, name: str | None = None, land: str = "BY", wz: str = "C", headcount: int = 30, **extra
) -> Organisation:
    n = next(_seq)
    return Organisation.objects.create(
        legal_name=name or f"Testbetrieb {n} GmbH",
        land_id=land,
        wz_section=wz,
        headcount=headcount,
        **extra,
    )


def make_solo(*, land: str = "BE", wz: str = "M") -> Organisation:
    return make_organisation(
        name=f"Solo {next(_seq)}", land=land, wz=wz, headcount=1, kind=Organisation.Kind.SOLO
    )


def make_member(
    role: Role,
    *,
    user: User | None = None,
    organisation: Organisation | None = None,
    centre: Centre | None = None,
) -> Membership:
    """A person with one role; creates the organisation or centre the role needs."""
    user = user or make_user()
    if role in (Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL) and organisation is None:
        organisation = make_organisation()
    if role is Role.SOLO and organisation is None:
        organisation = make_solo()
    if role in (Role.CENTRE_ADMIN, Role.ADVISOR, Role.TRAINER) and centre is None:
        centre = make_centre()
    return Membership.objects.create(user=user, role=role, organisation=organisation, centre=centre)

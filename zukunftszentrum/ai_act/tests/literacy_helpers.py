"""People who share completions, for the Art. 4 record's tests."""

from __future__ import annotations

from typing import Any

from zukunftszentrum.learning.competence.evidence import record
from zukunftszentrum.learning.models import EvidenceKind, JobProfileAssignment
from zukunftszentrum.learning.sharing.completions import completions_of, set_shared
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role
from zukunftszentrum.organisations.tests.factories import make_member

UNIT_TITLE = "KI-Ergebnisse prüfen"


def person(
    company: Any, profile: str | None, *, passes: bool = True, shares: bool = True, **kw: Any
) -> Membership:
    """An employee with a profile who passed a unit and (by default) shares it."""
    member = make_member(Role.EMPLOYEE, organisation=company, **kw)
    if profile:
        JobProfileAssignment.objects.create(organisation=company, user=member.user, profile=profile)
    if passes:
        record(
            user=member.user,
            competence="checking_outputs",
            kind=EvidenceKind.UNIT_PASSED,
            level=2,
            source="unit:ki-ergebnisse-pruefen@2027.1",
            note=UNIT_TITLE,
        )
    if shares:
        share_all(member)
    return member


def share_all(member: Membership) -> None:
    set_shared(member=member, refs=[c.ref for c in completions_of(member.user)])


def share_none(member: Membership) -> None:
    set_shared(member=member, refs=[])

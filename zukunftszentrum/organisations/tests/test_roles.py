"""The roles -> capabilities table, as a table."""

import pytest

from zukunftszentrum.organisations.roles import (
    ROLE_CAPABILITIES,
    ROLE_SCOPE,
    Capability,
    Role,
    Scope,
    has_capability,
    scope_of,
)
from zukunftszentrum.organisations.sizes import SizeClass, is_sme, size_class

C = Capability
EXPECTED = {
    # role: capabilities it must have; everything else it must not have
    Role.COMPANY_LEAD: {
        C.VIEW_OWN_ORGANISATION,
        C.MANAGE_ORGANISATION,
        C.INVITE_MEMBERS,
        C.TAKE_ASSESSMENT,
        C.MANAGE_ASSESSMENTS,
        C.LEARN,
        C.PLAN_TEAM_LEARNING,
        C.VIEW_AI_SYSTEMS,
        C.MANAGE_AI_SYSTEMS,
    },
    Role.EMPLOYEE: {
        C.VIEW_OWN_ORGANISATION,
        C.TAKE_ASSESSMENT,
        C.LEARN,
    },
    Role.WORKS_COUNCIL: {
        C.VIEW_OWN_ORGANISATION,
        C.TAKE_ASSESSMENT,
        C.LEARN,
        C.VIEW_AI_SYSTEMS,
    },
    Role.SOLO: {
        C.VIEW_OWN_ORGANISATION,
        C.MANAGE_ORGANISATION,
        C.TAKE_ASSESSMENT,
        C.MANAGE_ASSESSMENTS,
        C.LEARN,
        C.VIEW_AI_SYSTEMS,
        C.MANAGE_AI_SYSTEMS,
    },
    Role.CENTRE_ADMIN: {
        C.VIEW_OWN_CENTRE,
        C.MANAGE_CENTRE,
        C.ACCOMPANY_COMPANIES,
        C.VIEW_AUDIT_LOG,
        C.VIEW_ACCOMPANIED_RESULTS,
        C.EXPORT_RESPONSES,
        C.VIEW_NEEDS_ANALYSIS,
        C.MANAGE_CATALOGUE,
        C.RUN_COURSES,
        C.VIEW_LEARNING_DEMAND,
    },
    Role.ADVISOR: {
        C.VIEW_OWN_CENTRE,
        C.ACCOMPANY_COMPANIES,
        C.VIEW_ACCOMPANIED_RESULTS,
        C.EXPORT_RESPONSES,
        C.VIEW_NEEDS_ANALYSIS,
        C.VIEW_LEARNING_DEMAND,
    },
    Role.TRAINER: {
        C.VIEW_OWN_CENTRE,
        C.VIEW_NEEDS_ANALYSIS,
        C.MANAGE_CATALOGUE,
        C.RUN_COURSES,
        C.VIEW_LEARNING_DEMAND,
    },
    Role.PROGRAMME_ADMIN: {
        C.MANAGE_NETWORK,
        C.VIEW_AUDIT_LOG,
        C.REVIEW_PROPOSALS,
        C.EXPORT_RESPONSES,
        C.VIEW_NEEDS_ANALYSIS,
        C.VIEW_LEARNING_DEMAND,
    },
    Role.REVIEWER: {C.REVIEW_PROPOSALS},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("capability", list(Capability))
def test_role_capability_table(role: Role, capability: Capability) -> None:
    assert has_capability(role, capability) is (capability in EXPECTED[role])


def test_every_role_has_a_scope_and_capabilities() -> None:
    assert set(ROLE_SCOPE) == set(Role) == set(ROLE_CAPABILITIES)


@pytest.mark.parametrize(
    ("role", "scope"),
    [
        (Role.COMPANY_LEAD, Scope.ORGANISATION),
        (Role.SOLO, Scope.ORGANISATION),
        (Role.ADVISOR, Scope.CENTRE),
        (Role.PROGRAMME_ADMIN, Scope.NETWORK),
        (Role.REVIEWER, Scope.NETWORK),
    ],
)
def test_scope_of(role: Role, scope: Scope) -> None:
    assert scope_of(role) is scope


def test_no_role_no_capability() -> None:
    assert has_capability(None, Capability.VIEW_OWN_ORGANISATION) is False


@pytest.mark.parametrize(
    ("headcount", "expected"),
    [
        (0, SizeClass.MICRO),
        (1, SizeClass.MICRO),
        (9, SizeClass.MICRO),
        (10, SizeClass.SMALL),
        (49, SizeClass.SMALL),
        (50, SizeClass.MEDIUM),
        (249, SizeClass.MEDIUM),
        (250, SizeClass.LARGE),
        (10_000, SizeClass.LARGE),
    ],
)
def test_size_class_by_eu_headcount(headcount: int, expected: SizeClass) -> None:
    assert size_class(headcount) is expected
    assert is_sme(headcount) is (expected is not SizeClass.LARGE)


def test_negative_headcount_is_rejected() -> None:
    with pytest.raises(ValueError, match="negative"):
        size_class(-1)

"""The object rules, as tables: every rule, every role, own or another tenant's object (and
the states that change an answer). No database: the rules read ids, roles and kinds only."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from zukunftszentrum.core.access import Answer
from zukunftszentrum.organisations import rules
from zukunftszentrum.organisations.models import (
    Accompaniment,
    Centre,
    Invitation,
    Membership,
    Organisation,
    User,
)
from zukunftszentrum.organisations.roles import Role, Scope, scope_of

ORG, OTHER_ORG, CENTRE, OTHER_CENTRE = 1, 2, 10, 11


def member(role: Role) -> Membership:
    """A person acting in `role` in organisation ORG, centre CENTRE or the network."""
    scope = scope_of(role)
    return Membership(
        pk=100,
        role=role,
        organisation_id=ORG if scope is Scope.ORGANISATION else None,
        centre_id=CENTRE if scope is Scope.CENTRE else None,
    )


def company(pk: int) -> Organisation:
    return Organisation(pk=pk, kind=Organisation.Kind.COMPANY)


def solo(pk: int) -> Organisation:
    return Organisation(pk=pk, kind=Organisation.Kind.SOLO)


# Each target: (a rule called with the viewer, the object). Each row of TABLE says which roles the
# rule allows for that target; every other role must be refused with a reason.
Target = Callable[[Membership], Answer]
TARGETS: dict[str, Target] = {
    "manage own company": lambda m: rules.may_manage_organisation(m, company(ORG)),
    "manage other company": lambda m: rules.may_manage_organisation(m, company(OTHER_ORG)),
    "invite into own company": lambda m: rules.may_invite_to_organisation(m, company(ORG)),
    "invite into other company": lambda m: rules.may_invite_to_organisation(m, company(OTHER_ORG)),
    "invite into own solo": lambda m: rules.may_invite_to_organisation(m, solo(ORG)),
    "remove own colleague": lambda m: rules.may_remove_member(
        m, Membership(pk=1, role=Role.EMPLOYEE, organisation_id=ORG)
    ),
    "remove other company's member": lambda m: rules.may_remove_member(
        m, Membership(pk=1, role=Role.EMPLOYEE, organisation_id=OTHER_ORG)
    ),
    "remove own centre's staff": lambda m: rules.may_remove_member(
        m, Membership(pk=1, role=Role.TRAINER, centre_id=CENTRE)
    ),
    "remove other centre's staff": lambda m: rules.may_remove_member(
        m, Membership(pk=1, role=Role.TRAINER, centre_id=OTHER_CENTRE)
    ),
    "remove a network role": lambda m: rules.may_remove_member(
        m, Membership(pk=1, role=Role.REVIEWER)
    ),
    "manage own centre": lambda m: rules.may_manage_centre(m, Centre(pk=CENTRE)),
    "manage other centre": lambda m: rules.may_manage_centre(m, Centre(pk=OTHER_CENTRE)),
    "invite into own centre": lambda m: rules.may_invite_to_centre(m, Centre(pk=CENTRE)),
    "invite into other centre": lambda m: rules.may_invite_to_centre(m, Centre(pk=OTHER_CENTRE)),
    "revoke own company's invitation": lambda m: rules.may_revoke_invitation(
        m, Invitation(organisation_id=ORG)
    ),
    "revoke other company's invitation": lambda m: rules.may_revoke_invitation(
        m, Invitation(organisation_id=OTHER_ORG)
    ),
    "revoke own centre's invitation": lambda m: rules.may_revoke_invitation(
        m, Invitation(centre_id=CENTRE)
    ),
    "revoke other centre's invitation": lambda m: rules.may_revoke_invitation(
        m, Invitation(centre_id=OTHER_CENTRE)
    ),
    "request an accompaniment": rules.may_request_accompaniment,
    "decide own request": lambda m: rules.may_decide_accompaniment(
        m, Accompaniment(organisation_id=ORG, centre_id=OTHER_CENTRE)
    ),
    "decide other company's request": lambda m: rules.may_decide_accompaniment(
        m, Accompaniment(organisation_id=OTHER_ORG, centre_id=CENTRE)
    ),
    "end own company's accompaniment": lambda m: rules.may_end_accompaniment(
        m, Accompaniment(organisation_id=ORG, centre_id=OTHER_CENTRE)
    ),
    "end own centre's accompaniment": lambda m: rules.may_end_accompaniment(
        m, Accompaniment(organisation_id=OTHER_ORG, centre_id=CENTRE)
    ),
    "end others' accompaniment": lambda m: rules.may_end_accompaniment(
        m, Accompaniment(organisation_id=OTHER_ORG, centre_id=OTHER_CENTRE)
    ),
}

LEADS = {Role.COMPANY_LEAD, Role.SOLO}
ACCOMPANYING = {Role.CENTRE_ADMIN, Role.ADVISOR}
NOBODY: set[Role] = set()

TABLE: dict[str, set[Role]] = {
    "manage own company": LEADS,
    "manage other company": NOBODY,
    "invite into own company": {Role.COMPANY_LEAD},
    "invite into other company": NOBODY,
    "invite into own solo": NOBODY,
    "remove own colleague": LEADS,
    "remove other company's member": NOBODY,
    "remove own centre's staff": {Role.CENTRE_ADMIN},
    "remove other centre's staff": NOBODY,
    "remove a network role": {Role.PROGRAMME_ADMIN},
    "manage own centre": {Role.CENTRE_ADMIN, Role.PROGRAMME_ADMIN},
    "manage other centre": {Role.PROGRAMME_ADMIN},
    "invite into own centre": {Role.CENTRE_ADMIN},
    "invite into other centre": NOBODY,
    "revoke own company's invitation": {Role.COMPANY_LEAD},
    "revoke other company's invitation": NOBODY,
    "revoke own centre's invitation": {Role.CENTRE_ADMIN},
    "revoke other centre's invitation": NOBODY,
    "request an accompaniment": ACCOMPANYING,
    "decide own request": LEADS,
    "decide other company's request": NOBODY,
    "end own company's accompaniment": LEADS,
    "end own centre's accompaniment": ACCOMPANYING,
    "end others' accompaniment": NOBODY,
}

CASES = [(target, role) for target in TARGETS for role in Role]


def test_the_table_names_every_target() -> None:
    assert set(TABLE) == set(TARGETS)


@pytest.mark.parametrize(("target", "role"), CASES, ids=lambda v: str(v))
def test_rule_answers_each_role(target: str, role: Role) -> None:
    answer = TARGETS[target](member(role))
    assert bool(answer) is (role in TABLE[target]), (target, role, answer)
    # A refusal always says why; an allowance has nothing to explain.
    assert bool(answer.reason) is (not answer)


# Signed out, or signed in without any role: every rule says no.
WITHOUT_ROLE: dict[str, Callable[[], Answer]] = {
    "manage organisation": lambda: rules.may_manage_organisation(None, company(ORG)),
    "invite into organisation": lambda: rules.may_invite_to_organisation(None, company(ORG)),
    "remove member": lambda: rules.may_remove_member(None, Membership(organisation_id=ORG)),
    "remove staff": lambda: rules.may_remove_member(None, Membership(centre_id=CENTRE)),
    "remove network role": lambda: rules.may_remove_member(None, Membership()),
    "manage centre": lambda: rules.may_manage_centre(None, Centre(pk=CENTRE)),
    "invite into centre": lambda: rules.may_invite_to_centre(None, Centre(pk=CENTRE)),
    "revoke company invitation": lambda: rules.may_revoke_invitation(
        None, Invitation(organisation_id=ORG)
    ),
    "revoke centre invitation": lambda: rules.may_revoke_invitation(
        None, Invitation(centre_id=CENTRE)
    ),
    "request accompaniment": lambda: rules.may_request_accompaniment(None),
    "decide accompaniment": lambda: rules.may_decide_accompaniment(
        None, Accompaniment(organisation_id=ORG, centre_id=CENTRE)
    ),
    "end accompaniment": lambda: rules.may_end_accompaniment(
        None, Accompaniment(organisation_id=ORG, centre_id=CENTRE)
    ),
}


@pytest.mark.parametrize("rule", list(WITHOUT_ROLE))
def test_without_a_role_every_rule_refuses(rule: str) -> None:
    answer = WITHOUT_ROLE[rule]()
    assert not answer and answer.reason


def test_the_reasons_name_what_is_wrong() -> None:
    lead = member(Role.COMPANY_LEAD)
    assert "Solo" in rules.may_invite_to_organisation(lead, solo(ORG)).reason
    assert "eigene Organisation" in rules.may_manage_organisation(lead, company(OTHER_ORG)).reason
    employee = member(Role.EMPLOYEE)
    assert "Berechtigung" in rules.may_manage_organisation(employee, company(ORG)).reason


ACCEPT_CASES = [
    ("neu@example.org", "neu@example.org", True),
    ("Neu@Example.ORG", "neu@example.org", True),
    (" neu@example.org ", "neu@example.org", True),
    ("privat@example.org", "neu@example.org", False),
    ("neu@example.org.evil", "neu@example.org", False),
    ("", "neu@example.org", False),
]


@pytest.mark.parametrize(("account", "invited", "allowed"), ACCEPT_CASES)
def test_only_the_invited_address_may_accept(account: str, invited: str, allowed: bool) -> None:
    answer = rules.may_accept_invitation(User(email=account), Invitation(email=invited))
    assert bool(answer) is allowed
    if not allowed:
        assert invited in answer.reason and "neue Einladung" in answer.reason

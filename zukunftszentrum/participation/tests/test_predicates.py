"""The participation rules as a table: every phase x role (with and without the facilitator
flag, and a non-member) x action, while the phase runs, before it starts and after it ends.

EXPECTED is written out by hand, independently of content/participation/phases.yaml: a change
to the file that opens or closes an action for a role fails here until the table agrees.
"""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest

from zukunftszentrum.participation.phases import (
    Action,
    PhaseFileError,
    ProjectRole,
    definition,
    parse_phases,
    phase_keys,
)
from zukunftszentrum.participation.predicates import (
    RULES,
    Situation,
    Why,
    has_role,
    is_facilitator,
    is_member,
    phase_allows,
)

L, E, W, A = (
    ProjectRole.LEAD,
    ProjectRole.EMPLOYEE,
    ProjectRole.WORKS_COUNCIL,
    ProjectRole.ADVISOR,
)
ALL = {L, E, W, A}

# phase -> action -> roles allowed while the phase runs ("F": the facilitator flag, any role).
EXPECTED: dict[str, dict[str, Any]] = {
    "verstehen": {"post": set(), "comment": ALL, "vote": set(), "answer": set(), "moderate": {"F"}},
    "ideen_und_bedenken": {
        "post": {E, W},
        "comment": ALL,
        "vote": {E, W},
        "answer": {L},
        "moderate": {"F"},
    },
    "gestalten": {"post": ALL, "comment": ALL, "vote": {E, W}, "answer": {L}, "moderate": {"F"}},
    "erproben": {"post": {E, W}, "comment": ALL, "vote": set(), "answer": {L}, "moderate": {"F"}},
    "bewerten": {"post": set(), "comment": ALL, "vote": {E, W}, "answer": {L}, "moderate": {"F"}},
    "verankern": {"post": set(), "comment": set(), "vote": set(), "answer": {L}, "moderate": set()},
}

TODAY = dt.date(2026, 6, 15)
WINDOWS = {
    "running": (dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
    "open_ended": (None, None),
    "not_started": (dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
    "over": (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
}
ROLES: list[ProjectRole | None] = [L, E, W, A, None]


def situation(phase: str, role: ProjectRole | None, facilitator: bool, window: str) -> Situation:
    starts, ends = WINDOWS[window]
    return Situation(role, facilitator, definition(phase), starts, ends, TODAY)


def test_the_table_covers_every_phase_of_the_file() -> None:
    assert tuple(EXPECTED) == phase_keys()
    assert phase_keys()[0] == "verstehen" and phase_keys()[-1] == "verankern"


CASES = list(
    itertools.product(
        EXPECTED, ROLES, (False, True), ("post", "comment", "vote", "answer", "moderate"), WINDOWS
    )
)


@pytest.mark.parametrize(("phase", "role", "facilitator", "action", "window"), CASES)
def test_phase_role_action(
    phase: str, role: ProjectRole | None, facilitator: bool, action: str, window: str
) -> None:
    verdict = RULES[action](situation(phase, role, facilitator, window))
    allowed_roles = EXPECTED[phase][action]
    by_role = role is not None and role in allowed_roles
    by_flag = facilitator and "F" in allowed_roles
    member = role is not None
    expected = member and window in ("running", "open_ended") and (by_role or by_flag)
    if action == "answer":  # the lead answers; a facilitator flag adds nothing
        expected = expected and role is L
    assert verdict.allowed is expected, verdict
    if not verdict.allowed:
        assert verdict.why is not None
        if not member:
            assert verdict.why is Why.NOT_MEMBER
        elif window == "over" and (by_role or by_flag):
            assert verdict.why is Why.OVER
        elif window == "not_started" and (by_role or by_flag):
            assert verdict.why is Why.NOT_STARTED


@pytest.mark.parametrize("phase", list(EXPECTED))
@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("window", list(WINDOWS))
def test_reading_needs_membership_only(phase: str, role: ProjectRole | None, window: str) -> None:
    verdict = RULES["read"](situation(phase, role, False, window))
    assert verdict.allowed is (role is not None)


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("facilitator", [False, True])
def test_managing_is_for_the_lead_and_the_facilitator(
    role: ProjectRole | None, facilitator: bool
) -> None:
    verdict = RULES["manage"](situation("verankern", role, facilitator, "over"))
    assert verdict.allowed is (role is not None and (role is L or facilitator))


def test_refusals_say_why() -> None:
    s = situation("verstehen", E, False, "running")
    assert phase_allows(Action.POST)(s).why is Why.CLOSED_IN_PHASE
    assert phase_allows(Action.ANSWER)(situation("gestalten", E, False, "running")).why is (
        Why.NOT_FOR_ROLE
    )
    assert is_facilitator(s).why is Why.NOT_FACILITATOR
    assert has_role(L)(s).why is Why.WRONG_ROLE
    no_phase = Situation(E, False, None, None, None, TODAY)
    assert phase_allows(Action.COMMENT)(no_phase).why is Why.NO_PHASE


def test_composition_keeps_the_first_refusal() -> None:
    outsider = situation("gestalten", None, False, "over")
    assert (is_member & phase_allows(Action.POST))(outsider).why is Why.NOT_MEMBER
    employee = situation("gestalten", E, False, "running")
    assert not (is_facilitator | has_role(L))(employee)
    assert (is_facilitator | has_role(L))(employee).why is Why.NOT_FACILITATOR
    assert (is_facilitator | has_role(E))(employee)
    assert "phase_allows(post)" in repr(is_member & phase_allows(Action.POST))


T = {"de": "A", "en": "A"}


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({}, "list `phases`"),
        ({"phases": []}, "no phases"),
        ({"phases": [{"key": "a", "title": T, "summary": T}] * 2}, "repeated"),
        (
            {"phases": [{"key": "a", "title": {"de": "A"}, "summary": {"de": "x", "en": "x"}}]},
            "English",
        ),
        ({"phases": [{"key": "a", "open": {"boss": ["post"]}}]}, "unknown role"),
        ({"phases": [{"key": "a", "open": {"lead": ["fly"]}}]}, "lead"),
    ],
)
def test_a_broken_phases_file_names_the_place(data: object, message: str) -> None:
    with pytest.raises(PhaseFileError, match=message):
        parse_phases(data)

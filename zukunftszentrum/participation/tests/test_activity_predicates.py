"""The rules of the pulse, workshops, work-impact assessment and decision log as a table, in
the style of test_predicates: every phase x role (with and without the facilitator flag, and a
non-member) x action, in every window of the phase's dates. None of these actions is bound to
a phase, so the expected answer depends on role and flag only; the table says so in every
phase, and a change that binds one to a phase fails here."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from zukunftszentrum.participation.phases import ProjectRole, definition, phase_keys
from zukunftszentrum.participation.predicates import RULES, Situation, Why

L, E, W, A = (
    ProjectRole.LEAD,
    ProjectRole.EMPLOYEE,
    ProjectRole.WORKS_COUNCIL,
    ProjectRole.ADVISOR,
)

# action -> roles allowed ("F": the facilitator flag, with any role).
EXPECTED: dict[str, set[object]] = {
    "answer_pulse": {L, E, W},
    "run_pulse": {"F"},
    "run_workshop": {L, "F"},
    "rate_management": {L},
    "rate_employee": {E},
    "rate_council": {W},
    "record_decision": {L, "F"},
}
TODAY = dt.date(2026, 6, 15)
WINDOWS = {
    "running": (dt.date(2026, 6, 1), dt.date(2026, 6, 30)),
    "not_started": (dt.date(2026, 7, 1), dt.date(2026, 7, 31)),
    "over": (dt.date(2026, 5, 1), dt.date(2026, 5, 31)),
}
ROLES: list[ProjectRole | None] = [L, E, W, A, None]

CASES = list(itertools.product(phase_keys(), ROLES, (False, True), EXPECTED, WINDOWS))


@pytest.mark.parametrize(("phase", "role", "facilitator", "action", "window"), CASES)
def test_phase_role_action(
    phase: str, role: ProjectRole | None, facilitator: bool, action: str, window: str
) -> None:
    starts, ends = WINDOWS[window]
    verdict = RULES[action](Situation(role, facilitator, definition(phase), starts, ends, TODAY))
    allowed = EXPECTED[action]
    expected = role is not None and (role in allowed or (facilitator and "F" in allowed))
    assert verdict.allowed is expected, verdict
    if role is None:
        assert verdict.why is Why.NOT_MEMBER
    elif not expected:
        assert verdict.why in (Why.WRONG_ROLE, Why.NOT_FACILITATOR)


def test_every_new_action_is_a_rule() -> None:
    assert set(EXPECTED) <= set(RULES)

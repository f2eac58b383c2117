"""The rules of co-determination, the works agreement, the opinion map and the report as a
table: every phase x role (with and without the facilitator flag, and a non-member) x action,
while the phase runs, before it starts and after it ends.

WHO is written out by hand: which project roles ("F": the facilitator flag) may do each action.
Actions bound to the phase follow test_predicates.EXPECTED for posting and voting."""

from __future__ import annotations

import itertools

import pytest

from zukunftszentrum.participation.phases import ProjectRole
from zukunftszentrum.participation.predicates import RULES

from .test_predicates import EXPECTED, ROLES, WINDOWS, situation

L, E, W, A = (
    ProjectRole.LEAD,
    ProjectRole.EMPLOYEE,
    ProjectRole.WORKS_COUNCIL,
    ProjectRole.ADVISOR,
)

# Not bound to a phase: role (or the flag) decides, in every phase and window.
WHO: dict[str, set[object]] = {
    "record_facts": {L, W, "F"},
    "track_steps": {L, "F"},
    "decide_as_council": {W},
    "read_agreement": {L, W, A, "F"},
    "edit_agreement": {L, W, "F"},
    "curate_statements": {"F"},
    "release_opinion_map": {"F"},  # releasing the opinion map, in every phase
    "download_report": {L, "F"},
}
# Bound to the phase like the ideas: proposing a statement as posting, voting as voting.
PHASED = {"propose_statement": "post", "vote_statement": "vote"}


@pytest.mark.parametrize(
    ("phase", "role", "facilitator", "action", "window"),
    list(itertools.product(EXPECTED, ROLES, (False, True), WHO, WINDOWS)),
)
def test_unphased_actions(
    phase: str, role: ProjectRole | None, facilitator: bool, action: str, window: str
) -> None:
    verdict = RULES[action](situation(phase, role, facilitator, window))
    expected = role is not None and (role in WHO[action] or (facilitator and "F" in WHO[action]))
    assert verdict.allowed is expected, verdict
    if not expected:
        assert verdict.why is not None


@pytest.mark.parametrize(
    ("phase", "role", "facilitator", "action", "window"),
    list(itertools.product(EXPECTED, ROLES, (False, True), PHASED, WINDOWS)),
)
def test_phased_actions(
    phase: str, role: ProjectRole | None, facilitator: bool, action: str, window: str
) -> None:
    verdict = RULES[action](situation(phase, role, facilitator, window))
    allowed_roles = EXPECTED[phase][PHASED[action]]
    expected = (
        role is not None
        and window in ("running", "open_ended")
        and (role in allowed_roles or (facilitator and "F" in allowed_roles))
    )
    assert verdict.allowed is expected, verdict


def test_every_new_action_is_in_the_table() -> None:
    assert set(WHO) | set(PHASED) <= set(RULES)

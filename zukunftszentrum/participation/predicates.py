"""Who may do what in a participation project, as composable predicates. Pure: no Django.

In the style of adhocracy4's rules (`is_member & phase_allows("comment")`), but each predicate
answers with a `Verdict` that says why not, so a page can show the reason next to a closed
button. `rules.py` builds the `Situation` from the database and turns the reason into words.

    may_comment = is_member & phase_allows(Action.COMMENT)
    verdict = may_comment(situation)
    verdict.allowed, verdict.why
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from .phases import FACILITATOR, Action, PhaseDefinition, ProjectRole


class Why(StrEnum):
    """Why an action is refused; rules.py says it in words."""

    NOT_MEMBER = "not_member"
    NOT_FACILITATOR = "not_facilitator"
    WRONG_ROLE = "wrong_role"
    NO_PHASE = "no_phase"
    NOT_STARTED = "not_started"
    OVER = "over"
    CLOSED_IN_PHASE = "closed_in_phase"  # the current phase does not open the action at all
    NOT_FOR_ROLE = "not_for_role"  # the phase opens it, but not to this role


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    why: Why | None = None

    def __bool__(self) -> bool:
        return self.allowed


YES = Verdict(True)


def no(why: Why) -> Verdict:
    return Verdict(False, why)


@dataclass(frozen=True)
class Situation:
    """One person (in one project role, or none) facing one project on one day."""

    role: ProjectRole | None  # None: not a member of the project
    facilitator: bool
    phase: PhaseDefinition | None  # the project's current phase
    starts_on: dt.date | None  # the current phase's dates; None: open-ended
    ends_on: dt.date | None
    today: dt.date


class Predicate:
    """A test on a situation; `&` refuses with the first refusal, `|` allows with either and
    otherwise refuses with the left reason (the more specific one is written first)."""

    def __init__(self, test: Callable[[Situation], Verdict], name: str) -> None:
        self.test = test
        self.name = name

    def __call__(self, situation: Situation) -> Verdict:
        return self.test(situation)

    def __and__(self, other: Predicate) -> Predicate:
        def both(s: Situation) -> Verdict:
            first = self(s)
            return other(s) if first else first

        return Predicate(both, f"({self.name} & {other.name})")

    def __or__(self, other: Predicate) -> Predicate:
        def either(s: Situation) -> Verdict:
            first = self(s)
            if first:
                return first
            return YES if other(s) else first

        return Predicate(either, f"({self.name} | {other.name})")

    def __repr__(self) -> str:
        return f"<Predicate {self.name}>"


is_member = Predicate(lambda s: YES if s.role is not None else no(Why.NOT_MEMBER), "is_member")
is_facilitator = Predicate(
    lambda s: YES if s.facilitator else no(Why.NOT_FACILITATOR), "is_facilitator"
)


def has_role(*roles: ProjectRole) -> Predicate:
    return Predicate(
        lambda s: YES if s.role in roles else no(Why.WRONG_ROLE),
        f"has_role({', '.join(roles)})",
    )


def _running(s: Situation) -> Verdict:
    if s.phase is None:
        return no(Why.NO_PHASE)
    if s.starts_on is not None and s.today < s.starts_on:
        return no(Why.NOT_STARTED)
    if s.ends_on is not None and s.today > s.ends_on:
        return no(Why.OVER)
    return YES


phase_is_running = Predicate(_running, "phase_is_running")


def phase_allows(action: Action) -> Predicate:
    """The current phase is running and opens `action` to the person's role (or to them as
    the facilitator)."""

    def test(s: Situation) -> Verdict:
        running = _running(s)
        if not running:
            return running
        assert s.phase is not None  # _running refused otherwise
        if s.role is not None and s.phase.opens(s.role, action):
            return YES
        if s.facilitator and s.phase.opens(FACILITATOR, action):
            return YES
        if not any(action in actions for actions in s.phase.open.values()):
            return no(Why.CLOSED_IN_PHASE)
        return no(Why.NOT_FOR_ROLE)

    return Predicate(test, f"phase_allows({action})")


# The rules, one per thing a person does in a project. Reading needs membership only; moving
# phases and editing the workspace are not bound to a phase.
may_read = is_member
may_post = is_member & phase_allows(Action.POST)
may_comment = is_member & phase_allows(Action.COMMENT)
may_vote = is_member & phase_allows(Action.VOTE)
may_answer = is_member & has_role(ProjectRole.LEAD) & phase_allows(Action.ANSWER)
may_moderate = is_member & is_facilitator & phase_allows(Action.MODERATE)
may_manage = is_member & (is_facilitator | has_role(ProjectRole.LEAD))

RULES: dict[str, Predicate] = {
    "read": may_read,
    "post": may_post,
    "comment": may_comment,
    "vote": may_vote,
    "answer": may_answer,
    "moderate": may_moderate,
    "manage": may_manage,
}

# --- co-determination, works agreement, opinion map, process report (begin) ---
# Not bound to a phase: the law's steps and the agreement run alongside the project's phases.
# The facts are the employer's to state and the council's to check; the council alone records
# its decision; the employer's side (lead, facilitator) tracks requests and what is done.
may_record_facts = is_member & (
    is_facilitator | has_role(ProjectRole.LEAD, ProjectRole.WORKS_COUNCIL)
)
may_track_steps = is_member & (is_facilitator | has_role(ProjectRole.LEAD))
may_decide_as_council = is_member & has_role(ProjectRole.WORKS_COUNCIL)
may_read_agreement = is_member & (
    is_facilitator | has_role(ProjectRole.LEAD, ProjectRole.WORKS_COUNCIL, ProjectRole.ADVISOR)
)
may_edit_agreement = is_member & (
    is_facilitator | has_role(ProjectRole.LEAD, ProjectRole.WORKS_COUNCIL)
)
# The opinion map: the facilitator adds and accepts statements; proposing and voting follow
# the phase like posting and voting on ideas.
may_curate_statements = is_member & is_facilitator
may_propose_statement = is_member & phase_allows(Action.POST)
may_vote_statement = is_member & phase_allows(Action.VOTE)
# Releasing the map is the facilitator's, in any phase: a map is often released after voting
# has closed (and the end of a phase releases it by itself, when enough has changed).
may_release_opinion_map = is_member & is_facilitator
may_download_report = is_member & (is_facilitator | has_role(ProjectRole.LEAD))

RULES |= {
    "record_facts": may_record_facts,
    "track_steps": may_track_steps,
    "decide_as_council": may_decide_as_council,
    "read_agreement": may_read_agreement,
    "edit_agreement": may_edit_agreement,
    "curate_statements": may_curate_statements,
    "propose_statement": may_propose_statement,
    "vote_statement": may_vote_statement,
    "release_opinion_map": may_release_opinion_map,
    "download_report": may_download_report,
}
# --- co-determination, works agreement, opinion map, process report (end) ---

# --- pulse, workshops, work-impact assessment, decision log ---------------------------------------
# Not bound to a phase: a pulse round has its own dates, and workshops, ratings and decisions
# happen whenever the project needs them (the table test checks this in every phase).
company_side = has_role(ProjectRole.LEAD, ProjectRole.EMPLOYEE, ProjectRole.WORKS_COUNCIL)
may_answer_pulse = is_member & company_side  # the accompanying advisor is not asked
may_run_pulse = is_member & is_facilitator
may_run_workshop = may_manage
may_rate_as_management = is_member & has_role(ProjectRole.LEAD)
may_rate_as_employee = is_member & has_role(ProjectRole.EMPLOYEE)
may_rate_as_council = is_member & has_role(ProjectRole.WORKS_COUNCIL)
may_record_decision = may_manage

RULES.update(
    {
        "answer_pulse": may_answer_pulse,
        "run_pulse": may_run_pulse,
        "run_workshop": may_run_workshop,
        "rate_management": may_rate_as_management,
        "rate_employee": may_rate_as_employee,
        "rate_council": may_rate_as_council,
        "record_decision": may_record_decision,
    }
)
# --- end pulse, workshops, impact, decisions ---

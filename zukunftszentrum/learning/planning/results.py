"""What the planner returns, and how a set of chosen options becomes an explained plan.

Texts are German (the product's source language) and name competences and modules through the
caller's `names` mapping (id -> label) when given; every text also has a stable code, so a caller
can word it differently or translate it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

from .catalogue import (
    STAGE_BUDGET,
    STAGE_NO_DATE,
    STAGE_NO_SEAT,
    STAGE_NOT_IN_REACH,
    STAGE_PREREQUISITE,
    Option,
    Problem,
)
from .inputs import Weights, month_start

OPTIMAL = "optimal"  # every gap closes, at least weighted total
PARTIAL = "partial"  # as many gaps as possible close, at least weighted total; the rest are named
INFEASIBLE = "infeasible"  # the locked modules cannot all be planned
TIME_LIMIT = "time_limit"  # the solver stopped at its time limit with the best plan found

# Why a gap stays open (code -> German text; {target} is the target level).
NO_MODULE = "no_module"
EXCLUDED = "excluded"
NO_DATE = "no_date"
NOT_IN_REACH = "not_in_reach"
NO_SEAT = "no_seat"
BUDGET = "budget"
PREREQUISITE = "prerequisite"
SEATS_OR_BUDGET = "seats_or_budget"
REASONS = {
    NO_MODULE: "kein Modul erreicht Stufe {target}",
    EXCLUDED: "alle Module, die Stufe {target} erreichen, sind ausgeschlossen",
    NO_DATE: "kein Termin im Zeitraum",
    NOT_IN_REACH: "kein Termin in erreichbarer Nähe",
    NO_SEAT: "kein freier Platz",
    BUDGET: "Zeitbudget reicht nicht",
    PREREQUISITE: "Voraussetzungen sind im Zeitraum nicht zu schaffen",
    SEATS_OR_BUDGET: "freie Plätze oder Zeitbudget reichen nicht für alle im Team",
}
STAGE_REASON = {
    STAGE_NO_DATE: NO_DATE,
    STAGE_NOT_IN_REACH: NOT_IN_REACH,
    STAGE_NO_SEAT: NO_SEAT,
    STAGE_BUDGET: BUDGET,
    STAGE_PREREQUISITE: PREREQUISITE,
}


@dataclass(frozen=True)
class Change:
    competence: str
    from_level: int
    to_level: int
    closes_gap: bool  # reaches the learner's target


@dataclass(frozen=True)
class Step:
    module: str
    offer: str | None  # None: self-paced
    start_month: date  # first day of the month it starts
    month: date  # first day of the month it is completed
    hours: float
    cost: float
    changes: tuple[Change, ...]
    why: str


@dataclass(frozen=True)
class OpenGap:
    competence: str
    current: int
    target: int
    reason: str  # a code of REASONS
    text: str


@dataclass(frozen=True)
class Plan:
    learner: str
    status: str
    steps: tuple[Step, ...]
    open_gaps: tuple[OpenGap, ...]
    total_hours: float
    total_cost: float
    objective: float  # weighted total of the steps (without the open-gap penalty)
    explanation: str = ""
    seconds: float = 0.0

    @property
    def closed(self) -> int:
        return sum(1 for s in self.steps for c in s.changes if c.closes_gap)


@dataclass(frozen=True)
class TeamPlan:
    status: str
    plans: dict[str, Plan]
    schedule: dict[str, tuple[str, ...]]  # offer id -> learner ids
    seconds: float = 0.0
    explanation: str = ""
    stats: dict[str, float] = field(default_factory=dict)


def _name(names: Mapping[str, str] | None, key: str) -> str:
    return names.get(key, key) if names else key


def gap_reason(problem: Problem, competence: str, closable: bool, team: bool) -> str:
    """Why this gap stays open, the most specific cause first."""
    _, target = problem.gaps[competence]
    reaching = [
        m for m in problem.modules if problem.modules[m].reaches.get(competence, 0) >= target
    ]
    if not reaching:
        return NO_MODULE
    allowed = [m for m in reaching if m not in problem.learner.excluded]
    if not allowed:
        return EXCLUDED
    if closable:
        return SEATS_OR_BUDGET if team else BUDGET
    stages = [problem.stage.get(m, STAGE_NO_DATE) for m in allowed]
    return STAGE_REASON[max(stages)]


def build_plan(
    problem: Problem,
    chosen: list[Option],
    weights: Weights,
    *,
    status: str,
    names: Mapping[str, str] | None = None,
    team: bool = False,
    seconds: float = 0.0,
) -> Plan:
    learner = problem.learner
    modules = problem.modules
    chosen = sorted(chosen, key=lambda o: (o.end, o.start, o.module))
    levels = dict(learner.current)
    prereq_for: dict[str, str] = {}
    chosen_ids = {o.module for o in chosen}
    for o in chosen:
        for k in problem.needs_modules(o.module):
            prereq_for.setdefault(k, o.module)
        for c, lvl in problem.level_prereqs.get(o.module, ()):
            for k in chosen_ids:
                if k != o.module and modules[k].reaches.get(c, 0) >= lvl:
                    prereq_for.setdefault(k, o.module)
    steps = []
    objective = 0.0
    i = 0
    while i < len(chosen):
        # modules completed in the same month build on the levels before that month
        month = chosen[i].end
        batch = [o for o in chosen[i:] if o.end == month]
        i += len(batch)
        before = dict(levels)
        for o in batch:
            module = modules[o.module]
            changes = []
            for c, lvl in sorted(module.reaches.items()):
                frm = before.get(c, 0)
                if lvl > frm:
                    target = learner.targets.get(c, 0)
                    changes.append(
                        Change(c, frm, lvl, target > learner.current.get(c, 0) and lvl >= target)
                    )
                    levels[c] = max(levels.get(c, 0), lvl)
            closing = [ch for ch in changes if ch.closes_gap]
            if closing:
                why = "schließt: " + "; ".join(
                    f"{_name(names, ch.competence)} von Stufe {ch.from_level} auf {ch.to_level}"
                    for ch in closing
                )
            elif o.module in prereq_for:
                why = f"Voraussetzung für {_name(names, prereq_for[o.module])}"
            elif o.module in learner.locked:
                why = "von Ihnen festgelegt"
            else:
                why = "hebt " + ", ".join(
                    f"{_name(names, ch.competence)} auf Stufe {ch.to_level}" for ch in changes
                )
            if o.module in learner.locked and closing:
                why += " (von Ihnen festgelegt)"
            objective += weights.step(module.hours, module.cost, o.end)
            steps.append(
                Step(
                    module=o.module,
                    offer=o.offer,
                    start_month=month_start(problem.base + o.start),
                    month=month_start(problem.base + o.end),
                    hours=module.hours,
                    cost=module.cost,
                    changes=tuple(changes),
                    why=why,
                )
            )
    closed = {ch.competence for s in steps for ch in s.changes if ch.closes_gap}
    open_gaps = []
    for c, (cur, target) in problem.gaps.items():
        if c in closed:
            continue
        code = gap_reason(problem, c, bool(problem.providers.get(c)), team)
        open_gaps.append(OpenGap(c, cur, target, code, REASONS[code].format(target=target)))
    if status == OPTIMAL and open_gaps:
        status = PARTIAL
    return Plan(
        learner=learner.id,
        status=status,
        steps=tuple(steps),
        open_gaps=tuple(open_gaps),
        total_hours=sum(s.hours for s in steps),
        total_cost=sum(s.cost for s in steps),
        objective=objective,
        seconds=seconds,
    )


def infeasible_plan(
    problem: Problem, names: Mapping[str, str] | None, seconds: float = 0.0
) -> Plan:
    """The locked modules cannot all be planned: say which one and which limit."""
    learner = problem.learner
    parts = []
    for m in sorted(learner.locked):
        label = _name(names, m)
        if m in problem.missing_locked:
            parts.append(f"{label}: unbekanntes Modul")
        elif m in learner.excluded:
            parts.append(f"{label}: festgelegt und zugleich ausgeschlossen")
        elif m not in problem.options:
            code = STAGE_REASON[problem.stage.get(m, STAGE_NO_DATE)]
            parts.append(f"{label}: {REASONS[code]}")
    if not parts:
        locked = ", ".join(_name(names, m) for m in sorted(learner.locked))
        parts.append(
            f"{locked}: zusammen mehr als {learner.monthly_hours:g} Stunden im Monat "
            "oder Voraussetzungen nicht rechtzeitig — Zeitbudget reicht nicht"
        )
    gaps = tuple(
        OpenGap(c, cur, t, BUDGET, REASONS[BUDGET]) for c, (cur, t) in problem.gaps.items()
    )
    return Plan(
        learner=learner.id,
        status=INFEASIBLE,
        steps=(),
        open_gaps=gaps,
        total_hours=0.0,
        total_cost=0.0,
        objective=0.0,
        explanation="Festgelegte Module lassen sich nicht einplanen: " + "; ".join(parts),
        seconds=seconds,
    )

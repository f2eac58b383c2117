"""The public entry points: plan one person or a team, exactly (MIP) or greedily (baseline)."""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence

from .catalogue import Catalogue, Option, Problem, prepare
from .greedy import greedy
from .inputs import Learner, Weights
from .mip import solve
from .results import INFEASIBLE, OPTIMAL, TIME_LIMIT, Plan, TeamPlan, build_plan, infeasible_plan
from .team import plan_team, schedule_of

__all__ = ["HEURISTIC", "greedy_person", "greedy_team", "plan_person", "plan_team"]

HEURISTIC = "heuristic"


def _locks_impossible(p: Problem) -> bool:
    return any(m not in p.options for m in p.learner.locked)


def plan_person(
    learner: Learner,
    catalogue: Catalogue,
    *,
    weights: Weights | None = None,
    names: Mapping[str, str] | None = None,
    time_limit: float = 10.0,
) -> Plan:
    """The optimal plan for one person (see the package docstring)."""
    began = time.perf_counter()
    weights = weights or Weights()
    p = prepare(learner, catalogue)
    if _locks_impossible(p):
        return infeasible_plan(p, names, time.perf_counter() - began)
    solution = solve([p], weights, time_limit=time_limit)
    if solution.status == INFEASIBLE:
        return infeasible_plan(p, names, time.perf_counter() - began)
    status = OPTIMAL if solution.status == OPTIMAL else TIME_LIMIT
    return build_plan(
        p,
        solution.chosen[0],
        weights,
        status=status,
        names=names,
        seconds=time.perf_counter() - began,
    )


def greedy_person(
    learner: Learner,
    catalogue: Catalogue,
    *,
    weights: Weights | None = None,
    names: Mapping[str, str] | None = None,
) -> Plan:
    """The greedy set-cover baseline on the same inputs; status "heuristic" or "infeasible"."""
    began = time.perf_counter()
    weights = weights or Weights()
    p = prepare(learner, catalogue)
    chosen = None if _locks_impossible(p) else greedy(p, weights)
    if chosen is None:
        return infeasible_plan(p, names, time.perf_counter() - began)
    return build_plan(
        p, chosen, weights, status=HEURISTIC, names=names, seconds=time.perf_counter() - began
    )


def greedy_team(
    learners: Sequence[Learner],
    catalogue: Catalogue,
    *,
    weights: Weights | None = None,
    names: Mapping[str, str] | None = None,
) -> TeamPlan:
    """The baseline for a group: the greedy plan person after person, seats taken as they go."""
    began = time.perf_counter()
    weights = weights or Weights()
    seats = {o.id: o.free_seats for o in catalogue.offers.values()}
    plans: dict[str, Plan] = {}
    chosen: list[list[Option]] = []
    status = HEURISTIC
    for learner in learners:
        p = prepare(learner, catalogue)
        options = None if _locks_impossible(p) else greedy(p, weights, seats)
        if options is None:
            plans[learner.id] = infeasible_plan(p, names)
            status = INFEASIBLE
            options = []
        else:
            plans[learner.id] = build_plan(
                p, options, weights, status=HEURISTIC, names=names, team=True
            )
        chosen.append(options)
    return TeamPlan(status, plans, schedule_of(learners, chosen), time.perf_counter() - began)

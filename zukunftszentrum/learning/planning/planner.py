"""The public entry points: plan one person or a team, exactly (MIP) or greedily (baseline)."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import replace

from .catalogue import Catalogue, Option, Problem, prepare
from .greedy import greedy
from .inputs import Learner, Weights
from .mip import open_gap_penalty, solve
from .results import (
    INFEASIBLE,
    OPTIMAL,
    TIME_LIMIT,
    Plan,
    TeamPlan,
    build_plan,
    infeasible_plan,
)
from .team_master import Columns, master, person_solver, solve_node

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


def _schedule(
    learners: Sequence[Learner], chosen: Sequence[list[Option]]
) -> dict[str, tuple[str, ...]]:
    schedule: dict[str, list[str]] = defaultdict(list)
    for learner, options in zip(learners, chosen, strict=True):
        for o in options:
            if o.offer is not None:
                schedule[o.offer].append(learner.id)
    return {offer: tuple(ids) for offer, ids in sorted(schedule.items())}


def plan_team(
    learners: Sequence[Learner],
    catalogue: Catalogue,
    *,
    weights: Weights | None = None,
    names: Mapping[str, str] | None = None,
    time_limit: float = 60.0,
) -> TeamPlan:
    """Optimal plans for a group sharing the offers' free seats (see the package docstring).

    Exact decomposition (lazy seat limits): every person is first planned alone. Where that
    over-books offers, those offers' seat limits are added and the people whose own optimum
    uses one of them are planned together by a master problem over their plans with some of
    those offers forbidden (team_master.py, grown lazily where the master asks); everyone else
    keeps their own optimum, which uses none of the limited seats and so is part of an optimum of
    the group. Repeat until no offer is over-booked: the result is optimal for all seat limits.
    """
    began = time.perf_counter()
    weights = weights or Weights()
    problems = [prepare(learner, catalogue) for learner in learners]
    if any(_locks_impossible(p) for p in problems):
        plans = {p.learner.id: infeasible_plan(p, names) for p in problems if _locks_impossible(p)}
        bad = list(plans)
        return TeamPlan(
            status=INFEASIBLE,
            plans=plans,
            schedule={},
            seconds=time.perf_counter() - began,
            explanation="Festgelegte Module lassen sich nicht einplanen für: " + ", ".join(bad),
        )
    # one closed gap anywhere in the team outweighs every saving of everyone (lexicographic)
    penalty = 1.0 + sum(open_gap_penalty(p, weights) - 1.0 for p in problems)
    seats = {o.id: o.free_seats for o in catalogue.offers.values()}
    chosen: list[list[Option]] = []
    status = OPTIMAL
    for p in problems:
        # alone, the person's own penalty gives the same optimum with smaller numbers
        solution = solve([p], weights, time_limit=time_limit)
        if solution.status == INFEASIBLE:
            plans = {p.learner.id: infeasible_plan(p, names)}
            return TeamPlan(
                INFEASIBLE, plans, {}, time.perf_counter() - began, plans[p.learner.id].explanation
            )
        status = status if solution.status == OPTIMAL else TIME_LIMIT
        chosen.append(solution.chosen[0])
    alone = list(chosen)
    coupled: set[str] = set()
    rounds = joint = columns = solves = 0
    certified = False
    # The repaired plan (people bumped from over-booked offers re-planned alone on the seats
    # left) is feasible; when it is as good as everyone's own optimum — a lower bound for the
    # team — it is optimal and no joint step is needed.
    repaired = _repair(problems, alone, seats, weights, time_limit)
    if repaired is not None and repaired is not alone:
        bound = _total(problems, alone, weights)
        value = _total(problems, repaired, weights)
        if value[0] == bound[0] and value[1] <= bound[1] + 1e-7:
            chosen, certified = repaired, True
    trees: dict[int, Columns] = {}
    solve_one = person_solver(weights, began + time_limit)

    def repaired_of(group: list[int]) -> dict[int, list[Option]] | None:
        return {i: repaired[i] for i in group} if repaired is not None else None

    while True:
        usage: dict[str, int] = defaultdict(int)
        for options in chosen:
            for o in options:
                if o.offer is not None:
                    usage[o.offer] += 1
        over = {offer for offer, n in usage.items() if n > seats[offer]}
        if not over:
            break
        coupled |= over
        # Whoever's own optimum uses none of the coupled offers keeps it: it leaves every coupled
        # seat to the others and cannot be beaten for that person, so it is part of an optimum.
        group = [i for i, options in enumerate(alone) if any(o.offer in coupled for o in options)]
        rounds += 1
        joint = max(joint, len(group))
        for i in group:
            trees.setdefault(i, Columns(problems[i], {frozenset(): tuple(alone[i])}))
        deadline = began + time_limit
        while True:
            # solve the placeholders the master picks until it picks none (then it is exact)
            out_of_time = time.perf_counter() > deadline
            result = master(
                group, trees, seats, coupled, weights, penalty,
                deadline - time.perf_counter(), extra=repaired_of(group), bounds=not out_of_time,
            )  # fmt: skip
            columns = result.columns
            if not result.todo:
                break
            for i, node in result.todo:
                solves += 1
                if not solve_node(trees[i], node, solve_one):
                    status = TIME_LIMIT
        if result.status == INFEASIBLE and not out_of_time:
            # with the placeholders the master is a relaxation: infeasible there is a proof
            return TeamPlan(
                INFEASIBLE,
                {},
                {},
                time.perf_counter() - began,
                "Die festgelegten Module aller Personen passen nicht in die freien Plätze.",
            )
        if out_of_time or result.status != OPTIMAL:
            status = TIME_LIMIT
        if result.status == INFEASIBLE or not result.chosen:
            # the clock ran out before the master found a plan: a feasible fallback
            chosen = _greedy_rest(problems, chosen, group, seats, weights)
            break
        for i, options in result.chosen.items():
            chosen[i] = options
    plans = {
        p.learner.id: build_plan(p, options, weights, status=status, names=names, team=True)
        for p, options in zip(problems, chosen, strict=True)
    }
    return TeamPlan(
        status=status,
        plans=plans,
        schedule=_schedule(learners, chosen),
        seconds=time.perf_counter() - began,
        stats={
            "rounds": rounds,
            "largest_joint_group": joint,
            "coupled_offers": len(coupled),
            "mip_gap": 0.0 if status != TIME_LIMIT else float("inf"),
            "certified_by_bound": certified,
            "columns": columns,
            "person_solves": len(problems) + solves,
        },
    )


def _greedy_rest(
    problems: Sequence[Problem],
    chosen: list[list[Option]],
    group: Sequence[int],
    seats: dict[str, int],
    weights: Weights,
) -> list[list[Option]]:
    """A feasible fallback: the group planned greedily, person after person, on the seats the
    people outside the group leave free."""
    left, members, result = dict(seats), set(group), list(chosen)
    for i, options in enumerate(chosen):
        if i not in members:
            for o in options:
                if o.offer is not None:
                    left[o.offer] -= 1
    for i in group:
        result[i] = greedy(problems[i], weights, left) or []
    return result


def _total(
    problems: Sequence[Problem], plans: Sequence[list[Option]], weights: Weights
) -> tuple[int, float]:
    """(open gaps, weighted total) of a team's plans."""
    open_gaps, total = 0, 0.0
    for p, options in zip(problems, plans, strict=True):
        taken = [p.modules[o.module] for o in options]
        open_gaps += sum(
            1 for c, (_, t) in p.gaps.items() if not any(m.reaches.get(c, 0) >= t for m in taken)
        )
        total += sum(
            weights.step(p.modules[o.module].hours, p.modules[o.module].cost, o.end)
            for o in options
        )
    return open_gaps, total


def _repair(
    problems: Sequence[Problem],
    alone: list[list[Option]],
    seats: dict[str, int],
    weights: Weights,
    time_limit: float,
) -> list[list[Option]] | None:
    """Everyone's own optimum, with the people beyond an offer's seats re-planned alone on the
    seats left (in the order given). Feasible for every seat limit; None when a re-planned
    person's locked modules no longer fit."""
    users: dict[str, list[int]] = defaultdict(list)
    for i, options in enumerate(alone):
        for o in options:
            if o.offer is not None:
                users[o.offer].append(i)
    bumped = {i for offer, ids in users.items() for i in ids[seats[offer] :]}
    if not bumped:
        return alone
    left = dict(seats)
    for i, options in enumerate(alone):
        if i not in bumped:
            for o in options:
                if o.offer is not None:
                    left[o.offer] -= 1
    result = list(alone)
    for i in sorted(bumped):
        p = problems[i]
        open_options = {
            j: kept
            for j, opts in p.options.items()
            if (kept := [o for o in opts if o.offer is None or left.get(o.offer, 0) > 0])
        }
        if any(j not in open_options for j in p.learner.locked):
            return None
        solution = solve([replace(p, options=open_options)], weights, time_limit=time_limit)
        if solution.status == INFEASIBLE:
            return None
        result[i] = solution.chosen[0]
        for o in result[i]:
            if o.offer is not None:
                left[o.offer] -= 1
    return result


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
    return TeamPlan(status, plans, _schedule(learners, chosen), time.perf_counter() - began)

"""The team plan: everyone's own optimum, a seat repair, and the exact master over per-person
plans where offers are over-booked (team_master.py). See docs/methods/learning-paths.md.

Every person solve goes through the person's `PersonModel` (built once, warm LP, answers
remembered; colleagues with the same inputs share one). The time limit holds in every phase:
when it ends the search, the best seat-feasible plan known is returned with status
"time_limit", the lower bound known so far and the relative gap (`stats`), and never a plan
worse than the greedy baseline on the same seats.
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping, Sequence

from . import workers as parallel
from .catalogue import Catalogue, Option, Problem, prepare
from .greedy import greedy
from .inputs import Learner, Weights
from .mip import open_gap_penalty
from .person_model import PersonModel, plan_value, signature
from .repair import repair
from .results import INFEASIBLE, OPTIMAL, TIME_LIMIT, TeamPlan, build_plan, infeasible_plan
from .team_master import Columns, children, master
from .workers import Pool, default_workers, solve_all

Plans = list[list[Option]]


def _locks_impossible(p: Problem) -> bool:
    return any(m not in p.options for m in p.learner.locked)


def schedule_of(
    learners: Sequence[Learner], chosen: Sequence[list[Option]]
) -> dict[str, tuple[str, ...]]:
    schedule: dict[str, list[str]] = defaultdict(list)
    for learner, options in zip(learners, chosen, strict=True):
        for o in options:
            if o.offer is not None:
                schedule[o.offer].append(learner.id)
    return {offer: tuple(ids) for offer, ids in sorted(schedule.items())}


# Seconds per person kept back from the search for what runs after it when the clock stops:
# the greedy baseline of the whole team (median about 4 ms a person) and the plans' texts.
FINISH_PER_PERSON = 0.005


class _Clock:
    def __init__(self, time_limit: float, reserve: float = 0.0) -> None:
        self.began = time.perf_counter()
        # the search stops `reserve` early, so that the finish fits within the limit
        self.deadline = self.began + time_limit - min(reserve, 0.3 * time_limit)

    def out(self) -> bool:
        return time.perf_counter() > self.deadline

    def left(self) -> float:
        """Seconds left for one solve (at least a moment, so a started solve can finish)."""
        return max(0.05, self.deadline - time.perf_counter())

    def seconds(self) -> float:
        return time.perf_counter() - self.began


def person_models(problems: Sequence[Problem], weights: Weights) -> list[PersonModel]:
    """One model per person; people with the same inputs share one (and its answers)."""
    shared: dict[tuple[object, ...], PersonModel] = {}
    models = []
    for p in problems:
        key = signature(p)
        if key not in shared:
            shared[key] = PersonModel(p, weights)
        models.append(shared[key])
    return models


def plan_team(
    learners: Sequence[Learner],
    catalogue: Catalogue,
    *,
    weights: Weights | None = None,
    names: Mapping[str, str] | None = None,
    time_limit: float = 60.0,
    workers: int | None = None,
) -> TeamPlan:
    """Optimal plans for a group sharing the offers' free seats (see the package docstring).

    Exact decomposition (lazy seat limits): every person is first planned alone. Where that
    over-books offers, those offers' seat limits are added and the people whose own optimum
    uses one of them are planned together by a master problem over their plans with some of
    those offers forbidden (team_master.py, grown lazily where the master asks); everyone else
    keeps their own optimum, which uses none of the limited seats and so is part of an optimum of
    the group. Repeat until no offer is over-booked: the result is optimal for all seat limits.

    `workers` (default: 2 where the machine has two cores and fork) > 1 lets a forked worker
    solve half of the person models (workers.py); the result is the same as with 1.
    """
    clock = _Clock(time_limit, FINISH_PER_PERSON * len(learners))
    weights = weights or Weights()
    problems = [prepare(learner, catalogue) for learner in learners]
    if any(_locks_impossible(p) for p in problems):
        plans = {p.learner.id: infeasible_plan(p, names) for p in problems if _locks_impossible(p)}
        return TeamPlan(
            status=INFEASIBLE,
            plans=plans,
            schedule={},
            seconds=clock.seconds(),
            explanation="Festgelegte Module lassen sich nicht einplanen für: " + ", ".join(plans),
        )
    seats = {o.id: o.free_seats for o in catalogue.offers.values()}
    models = person_models(problems, weights)
    pool = None
    if (workers or default_workers()) > 1 and len({id(m) for m in models}) >= parallel.MIN_MODELS:
        pool = Pool(models)
        models = pool.models
    try:
        return _plan(learners, problems, models, pool, clock, weights, names, seats)
    finally:
        if pool is not None:
            pool.close()


def _plan(
    learners: Sequence[Learner],
    problems: list[Problem],
    models: list[PersonModel],
    pool: Pool | None,
    clock: _Clock,
    weights: Weights,
    names: Mapping[str, str] | None,
    seats: dict[str, int],
) -> TeamPlan:
    # one closed gap anywhere in the team outweighs every saving of everyone (lexicographic)
    penalty = 1.0 + sum(open_gap_penalty(p, weights) - 1.0 for p in problems)

    def value(i: int, options: Sequence[Option]) -> float:
        gaps, total = plan_value(problems[i], options, weights)
        return penalty * gaps + total

    # 1. everyone alone (a lower bound for the team)
    status = OPTIMAL
    alone: list[list[Option] | None] = []
    answers = solve_all(pool, [(m, frozenset()) for m in models], clock.deadline)
    for p, answer in zip(problems, answers, strict=True):
        if answer is None:
            alone.append(None)
            continue
        solved, plan = answer
        if solved == INFEASIBLE:
            plans = {p.learner.id: infeasible_plan(p, names)}
            return TeamPlan(INFEASIBLE, plans, {}, clock.seconds(), plans[p.learner.id].explanation)
        status = status if solved == OPTIMAL else TIME_LIMIT
        alone.append(list(plan) if plan is not None else None)
    stats: dict[str, float] = {
        "rounds": 0,
        "largest_joint_group": 0,
        "coupled_offers": 0,
        "certified_by_bound": False,
        "columns": 0,
    }
    if status != OPTIMAL or any(a is None for a in alone):
        # out of time before everyone had their own plan: a seat-feasible greedy completion;
        # the own optima found so far bound the team from below (the others by zero)
        known = sum(
            value(i, a)
            for i, a in enumerate(alone)
            if a is not None and models[i].plans.get(frozenset()) is not None
        )
        mine = [a if a is not None else (greedy(p, weights) or []) for a, p in zip(alone, problems, strict=True)]  # fmt: skip
        chosen = _seat_feasible(problems, mine, seats, weights)
        return _finish(learners, problems, chosen, TIME_LIMIT, known, models, stats,
                       clock, weights, names, seats, penalty)  # fmt: skip
    own: Plans = [a for a in alone if a is not None]
    bound = sum(value(i, options) for i, options in enumerate(own))

    # 2. the seat repair: feasible; as good as the bound means optimal
    repaired = repair(problems, models, own, seats, weights, clock, pool)
    chosen = list(own)
    if repaired is not own and repaired is not None:
        total = sum(value(i, options) for i, options in enumerate(repaired))
        if total <= bound + 1e-7:
            chosen, stats["certified_by_bound"] = repaired, True

    # 3. the master over per-person plans for the offers still over-booked
    trees: dict[int, Columns] = {}
    bounded: dict[int, object] = {}  # person -> the children list last sent for bounds
    coupled: set[str] = set()
    while True:
        over = _over_booked(chosen, seats)
        if not over:
            break
        coupled |= over
        # Whoever's own optimum uses none of the coupled offers keeps it: it leaves every coupled
        # seat to the others and cannot be beaten for that person, so it is part of an optimum.
        group = [i for i, options in enumerate(own) if any(o.offer in coupled for o in options)]
        stats["rounds"] += 1
        stats["largest_joint_group"] = max(stats["largest_joint_group"], len(group))
        for i in group:
            trees.setdefault(i, Columns(models[i], {frozenset(): tuple(own[i])}))
        extra = {i: repaired[i] for i in group} if repaired is not None else None
        outside = sum(value(i, own[i]) for i in range(len(own)) if i not in set(group))
        while True:
            # solve the placeholders the master picks until it picks none (then it is exact)
            out_of_time = clock.out()
            if pool is not None and not out_of_time:
                # the placeholders' LP bounds, in the order the master asks for them; a tree
                # whose children are the same list as last time has them all already
                jobs = []
                for i in group:
                    kids = children(trees[i], coupled)
                    if bounded.get(i) is not kids:
                        bounded[i] = kids
                        jobs += [(trees[i].model, c) for _, c in kids]
                pool.bounds_all(jobs)
            result = master(
                group, trees, seats, coupled, penalty, clock.left(), extra=extra,
                bounds=not out_of_time,
            )  # fmt: skip
            stats["columns"] = result.columns
            bound = max(bound, result.bound + outside)
            if not result.todo:
                break
            jobs = [(trees[i].model, node) for i, node in result.todo]
            for (i, node), answer in zip(result.todo, solve_all(pool, jobs, clock.deadline), strict=True):  # fmt: skip
                if answer is None:  # out of time: it stays a placeholder, no longer offered
                    status = TIME_LIMIT
                    continue
                solved, plan = answer
                trees[i].plans[node] = plan if solved != INFEASIBLE else None
                if solved not in (OPTIMAL, INFEASIBLE):
                    status = TIME_LIMIT
        if result.status == INFEASIBLE and not out_of_time:
            # with the placeholders the master is a relaxation: infeasible there is a proof
            return TeamPlan(
                INFEASIBLE,
                {},
                {},
                clock.seconds(),
                "Die festgelegten Module aller Personen passen nicht in die freien Plätze.",
            )
        if out_of_time or result.status != OPTIMAL:
            status = TIME_LIMIT
        if result.status == INFEASIBLE or not result.chosen:
            # the clock ran out before the master found a plan: a feasible fallback
            chosen = _seat_feasible(problems, chosen, seats, weights)
            break
        for i, options in result.chosen.items():
            chosen[i] = options
    stats["coupled_offers"] = len(coupled)
    return _finish(learners, problems, chosen, status, bound, models, stats, clock, weights,
                   names, seats, penalty)  # fmt: skip


def _finish(
    learners: Sequence[Learner],
    problems: Sequence[Problem],
    chosen: Plans,
    status: str,
    bound: float,
    models: Sequence[PersonModel],
    stats: dict[str, float],
    clock: _Clock,
    weights: Weights,
    names: Mapping[str, str] | None,
    seats: dict[str, int],
    penalty: float,
) -> TeamPlan:
    """The TeamPlan with its figures; out of time, never worse than the greedy baseline."""

    def team_value(plans: Plans) -> float:
        return sum(
            penalty * gaps + total
            for gaps, total in (
                plan_value(p, options, weights) for p, options in zip(problems, plans, strict=True)
            )
        )

    stats["greedy_was_better"] = False
    if status == TIME_LIMIT:
        left = dict(seats)
        baseline = [greedy(p, weights, left) or [] for p in problems]
        if team_value(baseline) < team_value(chosen) - 1e-7:
            chosen, stats["greedy_was_better"] = baseline, True
    value = team_value(chosen)
    if status == OPTIMAL:
        stats["mip_gap"] = 0.0
    elif bound > -float("inf"):
        stats["mip_gap"] = max(0.0, value - bound) / max(1.0, abs(value))
    else:
        stats["mip_gap"] = float("inf")
    stats["lower_bound"] = bound if status != OPTIMAL else value
    distinct = list({id(m): m for m in models}.values())
    stats["person_solves"] = sum(len(m.plans) for m in distinct)
    stats["mip_solves"] = sum(m.counts["mip"] for m in distinct)
    stats["lp_solves"] = sum(m.counts["lp"] for m in distinct)
    stats["shared_models"] = len(models) - len(distinct)
    plans = {
        p.learner.id: build_plan(p, options, weights, status=status, names=names, team=True)
        for p, options in zip(problems, chosen, strict=True)
    }
    return TeamPlan(
        status=status,
        plans=plans,
        schedule=schedule_of(learners, chosen),
        seconds=clock.seconds(),
        stats=stats,
    )


def _over_booked(chosen: Plans, seats: dict[str, int]) -> set[str]:
    usage: dict[str, int] = defaultdict(int)
    for options in chosen:
        for o in options:
            if o.offer is not None:
                usage[o.offer] += 1
    return {offer for offer, n in usage.items() if n > seats[offer]}


def _seat_feasible(
    problems: Sequence[Problem], chosen: Plans, seats: dict[str, int], weights: Weights
) -> Plans:
    """A feasible fallback: person after person, a plan whose offers still have a seat is kept,
    anyone else is planned greedily on the seats left."""
    left, result = dict(seats), []
    for p, options in zip(problems, chosen, strict=True):
        if all(o.offer is None or left.get(o.offer, 0) > 0 for o in options):
            for o in options:
                if o.offer is not None:
                    left[o.offer] -= 1
            result.append(list(options))
        else:
            result.append(greedy(p, weights, left) or [])  # takes its seats from `left`
    return result

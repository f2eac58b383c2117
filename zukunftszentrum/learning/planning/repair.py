"""The seat repair of a team plan: everyone's own optimum, with the people beyond an offer's
seats re-planned alone on the seats left. See team.py and docs/methods/learning-paths.md."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from .catalogue import Option, Problem
from .greedy import greedy
from .inputs import Weights
from .person_model import PersonModel
from .results import INFEASIBLE
from .workers import Pool, solve_all

if TYPE_CHECKING:
    from .team import _Clock

Plans = list[list[Option]]


def repair(
    problems: Sequence[Problem],
    models: Sequence[PersonModel],
    alone: Plans,
    seats: dict[str, int],
    weights: Weights,
    clock: _Clock,
    pool: Pool | None = None,
) -> Plans | None:
    """Everyone's own optimum, with the people beyond an offer's seats re-planned alone on the
    seats left (in the order given; greedily once the time is up). Feasible for every seat
    limit; None when a re-planned person's locked modules no longer fit.

    Each re-plan forbids the offers full at that person's turn. A later person's forbidden
    offers are often already certain before the people before them are re-planned: an offer
    is full for good, or has more seats left than all the unplanned people before could take
    (each takes at most one seat, and only of an offer among their options). Those people are
    re-planned together (in two processes if there are), which is exactly the same question of
    the same model as in turn: the plans, and every model's sequence of questions, are those
    of one after the other."""
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
    order = sorted(bumped)
    result = list(alone)
    planned: dict[int, list[Option]] = {}  # re-planned, some ahead of their turn
    head = 0  # order[:head] are re-planned and their seats taken from `left`
    while head < len(order) and not clock.out():
        ready = _certain_ahead(order, head, models, planned, left)
        answers = solve_all(pool, [(models[i], key) for i, key in ready], clock.deadline)
        for (i, _key), answer in zip(ready, answers, strict=True):
            if answer is None:  # out of time: not asked
                continue
            solved, plan = answer
            if solved == INFEASIBLE or plan is None:
                return None
            planned[i] = list(plan)
        while head < len(order) and order[head] in planned:
            for o in planned[order[head]]:
                if o.offer is not None:
                    left[o.offer] -= 1
            result[order[head]] = planned[order[head]]
            head += 1
    for i in order[head:]:  # out of time: the rest greedily, in turn
        got = planned.get(i)
        if got is None:
            got = greedy(problems[i], weights, dict(left))
            if got is None:
                return None
        result[i] = got
        for o in got:
            if o.offer is not None:
                left[o.offer] -= 1
    return result


# How many people not yet re-planned the repair looks at beyond the next one in turn.
LOOKAHEAD = 8


def _certain_ahead(
    order: Sequence[int],
    head: int,
    models: Sequence[PersonModel],
    planned: Mapping[int, list[Option]],
    left: Mapping[str, int],
) -> list[tuple[int, frozenset[str]]]:
    """The people from order[head] on (not yet re-planned, the next LOOKAHEAD) whose offers
    full at their turn are already certain, with those offers; order[head] always is."""
    found = []
    taken: dict[str, int] = defaultdict(int)  # seats of people re-planned ahead, before
    pending: dict[str, int] = defaultdict(int)  # people not re-planned before: their options
    waiting: set[int] = set()  # their models (a shared model answers in turn)
    for i in order[head:]:
        if i in planned:
            for o in planned[i]:
                if o.offer is not None:
                    taken[o.offer] += 1
            continue
        if len(waiting) > LOOKAHEAD:
            break
        model = models[i]
        full, certain = [], id(model) not in waiting
        for f in model.offers if certain else ():
            n = left[f] - taken[f]
            if n <= 0:
                full.append(f)
            elif n <= pending[f]:
                certain = False
                break
        if certain:
            found.append((i, frozenset(full)))
        for f in model.offers:
            pending[f] += 1
        waiting.add(id(model))
    return found

"""The exact joint step of a team plan: a small master problem over per-person plans.

Everyone who competes for a coupled (over-booked) offer gets a few candidate plans, each the
person's own optimum with some coupled offers forbidden; the master picks one plan per person
so that no coupled offer is over-booked, closing most gaps first, then the least weighted total.

Why this is exact. Let F be a set of coupled offers and P(F) the person's optimum (most gaps,
then least weighted total) with the offers of F forbidden. In any joint plan a person uses some
coupled offers T; P(C \\ T) uses only offers of T (so no more seats) and is at least as good for
that person, so some optimum of the team consists of plans P(F). It is enough to know P(F) for
the sets reached from the empty set by forbidding, one at a time, a coupled offer the current
plan uses: for any F*, walk from the empty set; at a node F inside F* either P(F) uses no offer of
F* — then it is feasible there and, F being smaller, optimal for F* — or it uses some a of F*,
and F + {a} is a child inside F*. So the master over these plans has the team's optimum.

Compared with one MIP over every person's whole model (hundreds of people, thousands of rows),
the master has one row per person and one per coupled offer, and the person solves are the small
models `plan_person` solves in milliseconds. See docs/methods/learning-paths.md.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

import highspy
import numpy as np

from .catalogue import Option, Problem
from .inputs import Weights
from .mip import _highs, solve
from .results import INFEASIBLE, OPTIMAL, TIME_LIMIT

Plan = tuple[Option, ...]


def plan_value(p: Problem, options: Sequence[Option], weights: Weights) -> tuple[int, float]:
    """(open gaps, weighted total) of one person's plan."""
    taken = [p.modules[o.module] for o in options]
    open_gaps = sum(
        1 for c, (_, t) in p.gaps.items() if not any(m.reaches.get(c, 0) >= t for m in taken)
    )
    total = sum(
        weights.step(p.modules[o.module].hours, p.modules[o.module].cost, o.end) for o in options
    )
    return open_gaps, total


@dataclass
class Columns:
    """One person's tree of plans P(F), memoised by the forbidden set F."""

    problem: Problem
    plans: dict[frozenset[str], Plan | None]  # None: infeasible with F forbidden (locks)

    def without(self, forbidden: frozenset[str]) -> Problem:
        options = {
            j: kept
            for j, opts in self.problem.options.items()
            if (kept := [o for o in opts if o.offer not in forbidden])
        }
        return replace(self.problem, options=options)


@dataclass
class MasterResult:
    status: str  # "optimal", "time_limit", "infeasible"
    chosen: dict[int, list[Option]]  # person index -> plan
    columns: int
    todo: list[tuple[int, frozenset[str]]]  # unsolved nodes the optimum picked


def _frontier(
    tree: Columns, coupled: set[str], value: Callable[[Plan], float]
) -> dict[frozenset[str], float]:
    """Unsolved children of the solved nodes, each with a lower bound: its parent's value (a
    child forbids more) and no coupled seat (the least a child could use)."""
    found: dict[frozenset[str], float] = {}
    for forbidden, plan in tree.plans.items():
        if plan is None:
            continue
        for o in plan:
            if o.offer is not None and o.offer in coupled:
                child = forbidden | {o.offer}
                if child not in tree.plans:
                    found[child] = max(found.get(child, 0.0), value(plan))
    return found


def solve_node(
    tree: Columns,
    forbidden: frozenset[str],
    solve_one: Callable[[Problem], tuple[str, list[Option]]],
) -> bool:
    """P(forbidden) into the tree; False when the solver stopped at its time limit."""
    problem = tree.without(forbidden)
    if any(j not in problem.options for j in problem.learner.locked):
        tree.plans[forbidden] = None
        return True
    status, chosen = solve_one(problem)
    tree.plans[forbidden] = None if status == INFEASIBLE else tuple(chosen)
    return status in (OPTIMAL, INFEASIBLE)


def master(
    group: Sequence[int],
    trees: dict[int, Columns],
    seats: dict[str, int],
    coupled: set[str],
    weights: Weights,
    penalty: float,
    time_limit: float,
    *,
    extra: dict[int, list[Option]] | None = None,
    bounds: bool = True,
) -> MasterResult:
    """Pick one plan per person of the group within the coupled offers' seats.

    With `bounds`, every unsolved child in the trees takes part as a placeholder (its lower
    bound, no coupled seat): when the optimum picks none, it is the optimum over the full trees;
    otherwise the picked placeholders come back in `todo` to be solved. `extra` adds known
    plans (the repaired ones, which together are seat-feasible, so the master always has one).
    """
    col_person: list[int] = []
    col_plan: list[Plan | None] = []
    col_node: list[frozenset[str] | None] = []
    cost: list[float] = []
    for i in group:
        tree = trees[i]

        def value(plan: Plan, problem: Problem = tree.problem) -> float:
            gaps, total = plan_value(problem, plan, weights)
            return penalty * gaps + total

        distinct = {plan for plan in tree.plans.values() if plan is not None}
        if extra is not None and i in extra:
            distinct.add(tuple(extra[i]))
        for plan in sorted(distinct, key=_plan_key):
            col_person.append(i)
            col_plan.append(plan)
            col_node.append(None)
            cost.append(value(plan))
        if bounds:
            frontier = _frontier(tree, coupled, value)
            for node in sorted(frontier, key=sorted):
                col_person.append(i)
                col_plan.append(None)
                col_node.append(node)
                cost.append(frontier[node])
    row_of = {person: r for r, person in enumerate(group)}
    rows: list[list[int]] = [[] for _ in group]
    for c, person in enumerate(col_person):
        rows[row_of[person]].append(c)
    limited: list[float] = []
    users: dict[str, list[int]] = {}
    for c, maybe in enumerate(col_plan):
        for o in maybe or ():
            if o.offer is not None and o.offer in coupled:
                users.setdefault(o.offer, []).append(c)
    for offer in sorted(users):
        rows.append(users[offer])
        limited.append(float(seats[offer]))
    values, model_status = _solve_master(cost, rows, len(group), limited, time_limit)
    if model_status == INFEASIBLE:
        return MasterResult(INFEASIBLE, {}, len(cost), [])
    if values is None:
        return MasterResult(TIME_LIMIT, {}, len(cost), [])
    picked = [c for c in range(len(cost)) if values[c] > 0.5]
    todo = [(col_person[c], at) for c in picked if (at := col_node[c]) is not None]
    chosen = {col_person[c]: list(got) for c in picked if (got := col_plan[c]) is not None}
    return MasterResult(model_status, chosen, len(cost), todo)


def _plan_key(plan: Plan) -> list[tuple[str, str, int]]:
    return [(o.module, o.offer or "", o.start) for o in plan]


def _solve_master(
    cost: list[float], rows: list[list[int]], n_people: int, limits: list[float], seconds: float
) -> tuple[np.ndarray | None, str]:
    """Binary columns; the first n_people rows are "exactly one", the others "at most limit"."""
    n = len(cost)
    h = _highs()
    h.setOptionValue("threads", 1)
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-7)
    h.setOptionValue("mip_feasibility_tolerance", 1e-9)
    h.setOptionValue("time_limit", float(max(1.0, seconds)))
    empty = np.array([], dtype=np.int32)
    h.addCols(n, np.array(cost), np.zeros(n), np.ones(n), 0, empty, empty, np.array([]))
    h.changeColsIntegrality(
        n, np.arange(n, dtype=np.int32), np.full(n, highspy.HighsVarType.kInteger)
    )
    starts: list[int] = []
    index: list[int] = []
    for row in rows:
        starts.append(len(index))
        index.extend(row)
    lower = [1.0] * n_people + [-highspy.kHighsInf] * len(limits)
    upper = [1.0] * n_people + limits
    h.addRows(
        len(rows),
        np.array(lower),
        np.array(upper),
        len(index),
        np.array(starts, dtype=np.int32),
        np.array(index, dtype=np.int32),
        np.ones(len(index)),
    )
    if h.run() == highspy.HighsStatus.kError:
        h.setOptionValue("threads", 0)
        if h.run() == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS could not solve the team master problem")
    status = h.getModelStatus()
    if status == highspy.HighsModelStatus.kInfeasible:
        return None, INFEASIBLE
    values = np.asarray(h.getSolution().col_value)
    if len(values) != n or h.getInfo().primal_solution_status != 2:
        return None, TIME_LIMIT
    return values, OPTIMAL if status == highspy.HighsModelStatus.kOptimal else TIME_LIMIT


def person_solver(
    weights: Weights, deadline: float
) -> Callable[[Problem], tuple[str, list[Option]]]:
    """Solve one person's model alone within what is left of the team's time."""

    def solve_one(problem: Problem) -> tuple[str, list[Option]]:
        left = max(1.0, deadline - time.perf_counter())
        solution = solve([problem], weights, time_limit=left)
        return solution.status, solution.chosen[0]

    return solve_one

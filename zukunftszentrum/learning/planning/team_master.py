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

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import highspy
import numpy as np

from .catalogue import Option, Problem
from .mip import _highs
from .person_model import PersonModel, plan_value
from .results import INFEASIBLE, OPTIMAL, TIME_LIMIT

Plan = tuple[Option, ...]
# One column of the master: (plan, None) or (None, placeholder node), its cost, and the coupled
# offers it takes a seat of.
_Column = tuple[Plan | None, frozenset[str] | None, float, tuple[str, ...]]


@dataclass
class Columns:
    """One person's tree of plans P(F), memoised by the forbidden set F; the plans come from the
    person's model (shared by colleagues with the same inputs)."""

    model: PersonModel
    plans: dict[frozenset[str], Plan | None]  # None: infeasible with F forbidden (locks)
    scores: dict[Plan, tuple[int, float]] = field(default_factory=dict)
    # What the master needs from this tree, kept between its rounds and made again only when
    # the tree, the coupled offers or the model's answers have grown (all of them only grow):
    # each round adds a few nodes to a few trees, and making every tree's columns again was
    # most of the master's time in Python.
    _children: tuple[tuple[int, int], list[tuple[Plan, frozenset[str]]]] | None = field(
        default=None, repr=False, compare=False
    )
    _block: tuple[tuple[object, ...], list[_Column]] | None = field(
        default=None, repr=False, compare=False
    )

    @property
    def problem(self) -> Problem:
        return self.model.problem

    def score(self, plan: Plan) -> tuple[int, float]:
        """(open gaps, weighted total) of a plan, computed once."""
        if plan not in self.scores:
            self.scores[plan] = plan_value(self.problem, plan, self.model.weights)
        return self.scores[plan]


@dataclass
class MasterResult:
    status: str  # "optimal", "time_limit", "infeasible"
    chosen: dict[int, list[Option]]  # person index -> plan
    columns: int
    todo: list[tuple[int, frozenset[str]]]  # unsolved nodes the optimum picked
    # a lower bound on the group's optimum (with placeholders: over the full trees), or -inf
    bound: float = -float("inf")


def _frontier(
    tree: Columns, coupled: set[str], value: Callable[[Plan], float], extra_penalty: float
) -> dict[frozenset[str], float]:
    """Unsolved children of the solved nodes, each with a lower bound: the larger of its
    parent's value (a child forbids more: never better, never fewer open gaps) and its LP
    relaxation's. The LP value counts open gaps at the person's own penalty; the team's is
    larger by `extra_penalty` per gap, and the child has at least its parent's open gaps."""
    found: dict[frozenset[str], float] = {}
    for plan, child in children(tree, coupled):
        parent = value(plan)
        gaps = tree.score(plan)[0]
        relaxed = tree.model.bound(child) + extra_penalty * gaps
        found[child] = max(found.get(child, 0.0), parent, relaxed)
    return found


def children(tree: Columns, coupled: set[str]) -> list[tuple[Plan, frozenset[str]]]:
    """(parent plan, unsolved child) of every solved node, in a fixed order: the order in
    which the master asks for the children's bounds (workers.py computes them ahead). The
    list is kept until the tree or the coupled offers grow (a new list then)."""
    version = (len(tree.plans), len(coupled))
    if tree._children is None or tree._children[0] != version:
        found = []
        for forbidden, plan in tree.plans.items():
            if plan is None:
                continue
            for o in plan:
                if o.offer is not None and o.offer in coupled:
                    child = forbidden | {o.offer}
                    if child not in tree.plans:
                        found.append((plan, child))
        tree._children = (version, found)
    return tree._children[1]


def _columns(
    tree: Columns, coupled: set[str], penalty: float, extra: Plan | None, bounds: bool
) -> list[_Column]:
    """The tree's columns in the master: its distinct plans (and `extra`), then with `bounds`
    its placeholders. Made again only when something they depend on has grown: the tree, the
    coupled offers, or the model's answers (a placeholder's bound is the exact value once the
    model knows the plan, possibly through a colleague sharing the model)."""

    def version() -> tuple[object, ...]:
        return (len(tree.plans), len(coupled), len(tree.model.plans), penalty, extra, bounds)

    if tree._block is not None and tree._block[0] == version():
        return tree._block[1]

    def value(plan: Plan) -> float:
        gaps, total = tree.score(plan)
        return penalty * gaps + total

    distinct = {plan for plan in tree.plans.values() if plan is not None}
    if extra is not None:
        distinct.add(extra)
    block: list[_Column] = [
        (
            plan,
            None,
            value(plan),
            tuple(o.offer for o in plan if o.offer is not None and o.offer in coupled),
        )
        for plan in sorted(distinct, key=_plan_key)
    ]
    if bounds:
        frontier = _frontier(tree, coupled, value, penalty - tree.model.penalty)
        block += [(None, node, frontier[node], ()) for node in sorted(frontier, key=sorted)]
    # taken after the bounds: computing one may add its (integral) plan to the model's answers
    tree._block = (version(), block)
    return block


def master(
    group: Sequence[int],
    trees: dict[int, Columns],
    seats: dict[str, int],
    coupled: set[str],
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
    rows: list[list[int]] = []
    users: dict[str, list[int]] = {}
    for i in group:
        mine = tuple(extra[i]) if extra is not None and i in extra else None
        block = _columns(trees[i], coupled, penalty, mine, bounds)
        first = len(cost)
        rows.append(list(range(first, first + len(block))))
        for c, (plan, node, value, uses) in enumerate(block, start=first):
            col_plan.append(plan)
            col_node.append(node)
            cost.append(value)
            for offer in uses:
                users.setdefault(offer, []).append(c)
        col_person += [i] * len(block)
    limited: list[float] = []
    for offer in sorted(users):
        rows.append(users[offer])
        limited.append(float(seats[offer]))
    values, model_status, dual = _solve_master(cost, rows, len(group), limited, time_limit)
    bound = dual if bounds else -float("inf")
    if model_status == INFEASIBLE:
        return MasterResult(INFEASIBLE, {}, len(cost), [], bound)
    if values is None:
        return MasterResult(TIME_LIMIT, {}, len(cost), [], bound)
    picked = [c for c in range(len(cost)) if values[c] > 0.5]
    todo = [(col_person[c], at) for c in picked if (at := col_node[c]) is not None]
    chosen = {col_person[c]: list(got) for c in picked if (got := col_plan[c]) is not None}
    return MasterResult(model_status, chosen, len(cost), todo, bound)


def _plan_key(plan: Plan) -> list[tuple[str, str, int]]:
    return [(o.module, o.offer or "", o.start) for o in plan]


def _solve_master(
    cost: list[float], rows: list[list[int]], n_people: int, limits: list[float], seconds: float
) -> tuple[np.ndarray | None, str, float]:
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
        return None, INFEASIBLE, float("inf")
    info = h.getInfo()
    dual = (
        float(info.mip_dual_bound)
        if status != highspy.HighsModelStatus.kOptimal
        else (float(info.objective_function_value))
    )
    values = np.asarray(h.getSolution().col_value)
    if len(values) != n or info.primal_solution_status != 2:
        return None, TIME_LIMIT, dual
    return values, OPTIMAL if status == highspy.HighsModelStatus.kOptimal else TIME_LIMIT, dual

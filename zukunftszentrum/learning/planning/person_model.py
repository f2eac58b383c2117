"""One person's model, built once and solved many times with some offers forbidden.

A team plan asks for the same person's optimum again and again with a few offers ruled out: the
seat repair (offers without a seat left) and every node of the person's tree in the master
(team_master.py). Building the model in Python costs about as much as HiGHS's own set-up, and
HiGHS's MIP has a fixed cost of about 20 ms per run (root cuts, an analytic centre) even where
the answer is the root LP. So a `PersonModel`:

- builds the model once; a plan with offers F forbidden sets the upper bound of F's columns to
  0 (`changeColsBounds`), the same model as one built without those options;
- keeps the LP relaxation loaded in its own HiGHS object and re-solves it from the previous
  basis after each change of bounds (a warm start: a few dual simplex iterations). When the LP
  optimum is integral it is the MIP optimum (the LP is a relaxation and the point is feasible),
  and no MIP runs; otherwise the MIP runs on the same built model;
- when the LP optimum is fractional, adds cover rows of the monthly budgets it violates
  (`cover_rows`: options that together exceed a month's hours cannot all be taken) to this LP
  and re-solves, up to COVER_ROUNDS times; valid for every plan of the model, so they stay for
  all later questions. This halves the MIP runs (most fractional optima spread a module over
  two dates under the budget);
- gives the LP value as a lower bound for a plan not yet solved (the master's placeholders);
- remembers every answer by the forbidden offers it could use, so a repeated question (and a
  colleague with the same inputs, `signature`) costs nothing.

Pure: no Django.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from functools import cached_property
from typing import Any

import highspy
import numpy as np

from zukunftszentrum.core.highs import quiet_highs

from .catalogue import Option, Problem
from .inputs import Weights
from .mip import build, load, open_gap_penalty, run
from .results import INFEASIBLE, OPTIMAL, TIME_LIMIT

Plan = tuple[Option, ...]
# How far from 0 or 1 an LP value may be and still count as integral; HiGHS's simplex returns
# vertices, so an integral optimum shows exact zeros and ones up to rounding.
INTEGRAL = 1e-9
# An LP bound is lowered by this much before use: the simplex stops within its tolerances, and a
# bound a hair too high could hide the optimum. Worth less than the finest weight (1e-6).
SAFETY = 1e-7
# Rounds of cover rows added to a fractional LP optimum before HiGHS's MIP is asked.
COVER_ROUNDS = 5

Knapsack = tuple[list[int], list[float], float]  # columns, hours, monthly budget


def signature(p: Problem) -> tuple[object, ...]:
    """Everything the optimum depends on: people with equal signatures have the same plans."""
    learner = p.learner
    return (
        p.n_months,
        learner.monthly_hours,
        tuple(sorted(p.gaps.items())),
        tuple(sorted(learner.locked)),
        tuple(sorted(learner.completed)),
        tuple((j, tuple(options)) for j, options in p.options.items()),
        tuple((j, tuple(needs)) for j, needs in sorted(p.level_prereqs.items())),
    )


class PersonModel:
    """P(F) for sets F of forbidden offers, for one problem (see the module docstring)."""

    def __init__(self, problem: Problem, weights: Weights) -> None:
        self.problem = problem
        self.weights = weights
        # the person's own penalty: the same optimum as the team's, with smaller numbers
        self.penalty = open_gap_penalty(problem, weights)
        # the offers of the person's options: what a forbidden set can change
        self._offers = frozenset(
            o.offer for options in problem.options.values() for o in options if o.offer
        )
        self._lp: highspy.Highs | None = None
        self._forbidden_now: list[int] = []
        self.plans: dict[frozenset[str], Plan | None] = {}  # exact answers; None: infeasible
        self.bounds: dict[frozenset[str], float] = {}
        self.counts: Counter[str] = Counter()  # "lp", "mip", "remembered"

    @property
    def offers(self) -> frozenset[str]:
        """The offers of the person's options (a forbidden offer outside changes nothing)."""
        return self._offers

    def key(self, forbidden: Iterable[str]) -> frozenset[str]:
        """The forbidden offers that matter here (those of the person's options)."""
        return frozenset(f for f in forbidden if f in self._offers)

    def _locks_ruled_out(self, key: frozenset[str]) -> bool:
        options = self.problem.options
        return any(
            all(o.offer is not None and o.offer in key for o in options.get(j, ()))
            for j in self.problem.learner.locked
        )

    def solve(self, forbidden: Iterable[str], time_limit: float) -> tuple[str, Plan | None]:
        """(status, plan) of the optimum with `forbidden` ruled out: "optimal" with the plan,
        "infeasible" with None (locked modules cannot be planned), or "time_limit" with the best
        plan found in time (None if none)."""
        key = self.key(forbidden)
        if key in self.plans:
            self.counts["remembered"] += 1
            found = self.plans[key]
            return (OPTIMAL if found is not None else INFEASIBLE), found
        if self._locks_ruled_out(key):
            self.plans[key] = None
            return INFEASIBLE, None
        value, integral = self._relax(key)
        if value == float("inf"):
            self.plans[key] = None  # the relaxation is infeasible, so is every plan
            return INFEASIBLE, None
        if integral is not None:
            self.plans[key] = integral
            return OPTIMAL, integral
        self.counts["mip"] += 1
        upper = list(self._built.upper)
        for offer in key:
            for c in self._offer_cols[offer]:
                upper[c] = 0.0
        solution = run(self._built, [self.cols], time_limit=time_limit, upper=upper)
        if solution.status == INFEASIBLE:
            self.plans[key] = None
            return INFEASIBLE, None
        plan = tuple(solution.chosen[0])
        if solution.status == OPTIMAL:
            self.plans[key] = plan
            return OPTIMAL, plan
        return TIME_LIMIT, plan if solution.objective < float("inf") else None

    def bound(self, forbidden: Iterable[str]) -> float:
        """A lower bound on the person's objective (penalty x open gaps + weighted total) with
        `forbidden` ruled out: the exact value when known, else the LP relaxation's."""
        key = self.key(forbidden)
        if key in self.plans:
            found = self.plans[key]
            return self.value(found) if found is not None else float("inf")
        value, _integral = self._relax(key)
        return value

    def value(self, plan: Plan) -> float:
        gaps, total = plan_value(self.problem, plan, self.weights)
        return self.penalty * gaps + total

    # --- the built model, made at the first question (never for a person not asked) --------
    @cached_property
    def _built(self) -> Any:
        built, _cols = self._build
        return built

    @cached_property
    def _build(self) -> tuple[Any, dict[int, Option]]:
        built, all_cols = build([self.problem], self.weights, penalty=self.penalty)
        return built, all_cols[0]

    @property
    def cols(self) -> dict[int, Option]:
        return self._build[1]

    @cached_property
    def _offer_cols(self) -> dict[str, list[int]]:
        found: dict[str, list[int]] = defaultdict(list)
        for c, o in self.cols.items():
            if o.offer is not None:
                found[o.offer].append(c)
        return found

    @cached_property
    def _integer(self) -> np.ndarray:
        return np.asarray(self._built.integer, dtype=np.int64)

    @cached_property
    def _knapsacks(self) -> list[Knapsack]:
        return knapsacks(self._built)

    # --- the LP relaxation, warm-started ---------------------------------------------------
    def _relax(self, key: frozenset[str]) -> tuple[float, Plan | None]:
        """The LP relaxation with `key` forbidden: (value, the plan if the optimum is
        integral). inf when infeasible. Remembers the bound, and an integral plan as exact."""
        if key in self.bounds:
            return self.bounds[key], None
        self.counts["lp"] += 1
        h = self._lp_solver()
        columns = [c for offer in key for c in self._offer_cols[offer]]
        self._set_forbidden(h, columns)
        h.run()
        for _ in range(COVER_ROUNDS):
            if h.getModelStatus() != highspy.HighsModelStatus.kOptimal:
                break
            x = np.asarray(h.getSolution().col_value)
            if self._integral(x):
                break
            rows = cover_rows(self._knapsacks, x)
            if not rows:
                break
            self.counts["cover_rows"] += len(rows)
            for columns, most in rows:
                idx = np.asarray(columns, dtype=np.int32)
                h.addRow(-highspy.kHighsInf, float(most), len(idx), idx, np.ones(len(idx)))
            h.run()
        status = h.getModelStatus()
        if status == highspy.HighsModelStatus.kInfeasible:
            self.bounds[key] = float("inf")
            return float("inf"), None
        if status != highspy.HighsModelStatus.kOptimal:
            return -float("inf"), None  # no bound claimed
        value = h.getInfo().objective_function_value
        x = np.asarray(h.getSolution().col_value)
        self.bounds[key] = value - SAFETY
        if len(self._integer) and self._integral(x):
            plan = tuple(o for c, o in self.cols.items() if x[c] > 0.5)
            self.plans[key] = plan
            self.bounds[key] = self.value(plan)
            return self.bounds[key], plan
        return self.bounds[key], None

    def _integral(self, x: np.ndarray) -> bool:
        values = x[self._integer]
        return bool(np.all(np.abs(values - np.round(values)) <= INTEGRAL))

    def _lp_solver(self) -> highspy.Highs:
        if self._lp is None:
            h = quiet_highs()
            h.disableCallbacks()
            h.setOptionValue("output_flag", False)
            # simplex: vertices (integral when the optimum is) and warm starts after a change
            # of bounds; presolve would discard the basis
            h.setOptionValue("solver", "simplex")
            h.setOptionValue("presolve", "off")
            h.setOptionValue("threads", 1)
            h.setOptionValue("primal_feasibility_tolerance", 1e-9)
            h.setOptionValue("dual_feasibility_tolerance", 1e-9)
            # the dual simplex perturbs costs by about 1e-6 relative, the size of the finest
            # weight (a month later): with cover rows it then stopped a month off the optimum
            h.setOptionValue("dual_simplex_cost_perturbation_multiplier", 0.0)
            load(h, self._built, relaxed=True)
            self._lp = h
        return self._lp

    def _set_forbidden(self, h: highspy.Highs, columns: list[int]) -> None:
        """Upper bound 0 on `columns`, 1 again on those forbidden before (the basis stays)."""
        freed = sorted(set(self._forbidden_now) - set(columns))
        if freed:
            idx = np.asarray(freed, dtype=np.int32)
            h.changeColsBounds(len(idx), idx, np.zeros(len(idx)), np.ones(len(idx)))
        if columns:
            idx = np.asarray(sorted(columns), dtype=np.int32)
            h.changeColsBounds(len(idx), idx, np.zeros(len(idx)), np.zeros(len(idx)))
        self._forbidden_now = columns


def plan_value(p: Problem, options: Iterable[Option], weights: Weights) -> tuple[int, float]:
    """(open gaps, weighted total) of one person's plan."""
    taken = [p.modules[o.module] for o in options]
    open_gaps = sum(
        1 for c, (_, t) in p.gaps.items() if not any(m.reaches.get(c, 0) >= t for m in taken)
    )
    total = sum(
        weights.step(p.modules[o.module].hours, p.modules[o.module].cost, o.end) for o in options
    )
    return open_gaps, total


def knapsacks(built: Any) -> list[Knapsack]:
    """The model's monthly budget rows: only binary option columns, hours > 0, some not 1."""
    found = []
    ends = [*built.starts[1:], len(built.index)][: len(built.starts)]
    for r, (start, end) in enumerate(zip(built.starts, ends, strict=True)):
        hours = built.value[start:end]
        if built.row_lower[r] == -highspy.kHighsInf and min(hours, default=0) > 0 and any(h != 1.0 for h in hours):  # fmt: skip
            found.append((list(built.index[start:end]), list(hours), float(built.row_upper[r])))
    return found


def cover_rows(rows: list[Knapsack], x: np.ndarray) -> list[tuple[list[int], int]]:
    """Extended cover rows (columns, at most how many of them) violated by x, at most one per
    budget row. A cover C is a set of options whose hours in the month exceed the budget, so at
    most |C| - 1 of them; any option needing at least as many hours as the largest in C can
    stand in for it (extended cover): Σ over C and those options ≤ |C| - 1."""
    found = []
    for columns, hours, budget in rows:
        # take the options nearest to 1 first, the larger first among equals
        order = sorted(
            (k for k in range(len(columns)) if x[columns[k]] > INTEGRAL),
            key=lambda k: (1.0 - x[columns[k]], -hours[k], columns[k]),
        )
        cover, total = [], 0.0
        for k in order:
            cover.append(k)
            total += hours[k]
            if total > budget + 1e-9:
                break
        if total <= budget + 1e-9:
            continue
        for k in sorted(cover, key=lambda k: (x[columns[k]], columns[k])):  # keep it minimal
            if total - hours[k] > budget + 1e-9:
                cover.remove(k)
                total -= hours[k]
        if sum(x[columns[k]] for k in cover) <= len(cover) - 1 + 1e-6:
            continue  # not violated
        largest = max(hours[k] for k in cover)
        extended = set(cover) | {k for k in range(len(columns)) if hours[k] >= largest}
        found.append((sorted(columns[k] for k in extended), len(cover) - 1))
    return found

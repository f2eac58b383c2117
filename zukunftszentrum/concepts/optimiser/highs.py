"""Running a built model through HiGHS (highspy), quietly. Pure: no Django."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

import highspy
import numpy as np

from zukunftszentrum.core.highs import load_model, quiet_highs

from .build import Built


def _highs() -> highspy.Highs:
    """A new solver object for each solve: a reused one keeps counting its run time against
    the time limit of later solves. Making one costs about a millisecond."""
    h = quiet_highs()
    # highspy routes every solver event through a Python callback; none is used here
    h.disableCallbacks()
    return h


@dataclass
class Result:
    status: str  # "optimal" | "time_limit" | "infeasible"
    columns: np.ndarray  # column values (empty when there is no solution)
    rows: np.ndarray  # row activities
    gap: float
    seconds: float
    objective: float = 0.0  # the solver's objective (session tie-break costs included)
    bound: float = math.inf  # proven upper bound on it (the LP's value for a relaxation)
    duals: np.ndarray | None = None  # row duals (a relaxation only)


def run(
    b: Built,
    *,
    time_limit: float,
    mip_gap: float,
    start: Mapping[int, float] | None = None,
    relax: bool = False,
    upper: Mapping[int, float] | None = None,
) -> Result:
    """Solve b; `relax` drops integrality (the LP relaxation, by interior point), `upper`
    overrides column upper bounds (0 leaves a column out)."""
    n = len(b.cost)
    if n == 0:
        return Result("optimal", np.zeros(0), np.zeros(len(b.row_lower)), 0.0, 0.0)
    h = _highs()
    h.setOptionValue("threads", 1)  # several solves run side by side on a small machine
    h.setOptionValue("mip_rel_gap", float(mip_gap))
    h.setOptionValue("time_limit", float(time_limit))
    if relax:
        # large, degenerate relaxations: interior point beat dual simplex several times over
        h.setOptionValue("solver", "ipm")
    load_model(
        h,
        cost=b.cost,
        lower=b.lower,
        upper=[upper.get(i, u) for i, u in enumerate(b.upper)] if upper else b.upper,
        integer=() if relax else b.integer,
        row_lower=b.row_lower,
        row_upper=b.row_upper,
        starts=b.starts,
        index=b.index,
        value=b.value,
    )
    h.changeObjectiveSense(highspy.ObjSense.kMaximize)
    if start:
        # a feasible plan to start from (greedy, or the plan before one more unit)
        idx = np.array(list(start), dtype=np.int32)
        h.setSolution(len(idx), idx, np.array(list(start.values()), dtype=np.float64))
    if h.run() == highspy.HighsStatus.kError:
        # the process's HiGHS scheduler was started with another thread count: use that one
        h.setOptionValue("threads", 0)
        if h.run() == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS could not solve the concept model")
    status = h.getModelStatus()
    seconds = h.getRunTime()
    info = h.getInfo()
    if status in (
        highspy.HighsModelStatus.kInfeasible,
        highspy.HighsModelStatus.kUnboundedOrInfeasible,
    ):
        return Result("infeasible", np.zeros(0), np.zeros(0), float("inf"), seconds)
    solution = h.getSolution()
    has_solution = info.primal_solution_status == 2
    if not has_solution:
        return Result("time_limit", np.zeros(0), np.zeros(0), float("inf"), seconds)
    result = "optimal" if status == highspy.HighsModelStatus.kOptimal else "time_limit"
    objective = float(info.objective_function_value)
    if relax or not b.integer:
        gap, bound = 0.0, objective
    else:
        gap, bound = max(0.0, float(info.mip_gap)), float(info.mip_dual_bound)
    return Result(
        result,
        np.asarray(solution.col_value),
        np.asarray(solution.row_value),
        gap,
        seconds,
        objective,
        bound,
        np.asarray(solution.row_dual) if relax else None,
    )

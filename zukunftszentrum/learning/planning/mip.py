"""The mixed-integer programme, for one learner or a group with shared seats (HiGHS via highspy).

Variables: y[l, o] = 1 if learner l takes option o (an offer, or a month for a self-paced module);
z[l, g] = 1 if learner l's gap g closes. Rows: at most one option per module (exactly one when
locked); an option starting in month m only if every prerequisite (module, or competence level not
yet held) is completed by some chosen option ending before m; z[g] <= the chosen modules reaching
g's target; hours per month <= the monthly budget; learners together <= an offer's free seats.
Objective: weighted hours, cost and completion month of every chosen option, plus a penalty per
open gap larger than everything else the learner could take (so gaps close first).
See docs/methods/learning-paths.md.
"""

from __future__ import annotations

import threading
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass

import highspy
import numpy as np

from zukunftszentrum.core.highs import load_model, quiet_highs

from .catalogue import Option, Problem
from .inputs import Weights

_INF = highspy.kHighsInf
_NEVER = 99  # above every level


_local = threading.local()


def _highs() -> highspy.Highs:
    """One solver object per thread, emptied before each use: creating a highspy.Highs costs
    milliseconds (it sets up its callback machinery), about as much as a person's solve."""
    h = getattr(_local, "highs", None)
    if h is None:
        h = _local.highs = quiet_highs()
        # highspy routes every solver event through a Python callback; unused here, and it
        # multiplied the time of a small solve
        h.disableCallbacks()
    h.clearModel()
    h.clearSolver()
    h.resetOptions()
    h.setOptionValue("output_flag", False)
    return h


def open_gap_penalty(problem: Problem, weights: Weights) -> float:
    """More than the weighted total of every option the learner could take: one more closed gap
    always beats any saving in hours, cost or time."""
    total = sum(
        weights.step(problem.modules[j].hours, problem.modules[j].cost, problem.n_months)
        for j in problem.options
    )
    return 1.0 + total


@dataclass
class Solution:
    status: str  # "optimal", "time_limit", "infeasible"
    chosen: list[list[Option]]  # per problem
    objective: float
    seconds: float
    gap: float = 0.0  # relative MIP gap at the end (0 when proven optimal)


class _Builder:
    def __init__(self) -> None:
        self.cost: list[float] = []
        self.upper: list[float] = []
        self.integer: list[int] = []
        self.row_lower: list[float] = []
        self.row_upper: list[float] = []
        self.starts: list[int] = []
        self.index: list[int] = []
        self.value: list[float] = []
        self.offset = 0.0

    def col(self, cost: float, integer: bool = True) -> int:
        self.cost.append(cost)
        self.upper.append(1.0)
        if integer:
            self.integer.append(len(self.cost) - 1)
        return len(self.cost) - 1

    def row(self, coeffs: dict[int, float], lower: float, upper: float) -> None:
        self.starts.append(len(self.index))
        self.index.extend(coeffs)
        self.value.extend(coeffs.values())
        self.row_lower.append(lower)
        self.row_upper.append(upper)


def _add_learner(b: _Builder, p: Problem, weights: Weights, penalty: float) -> dict[int, Option]:
    cols: dict[int, Option] = {}
    by_module: dict[str, list[tuple[int, Option]]] = {}
    for j, options in p.options.items():
        module = p.modules[j]
        entries = []
        for o in options:
            c = b.col(weights.step(module.hours, module.cost, o.end))
            cols[c] = o
            entries.append((c, o))
        by_module[j] = entries
        one = 1.0 if j in p.learner.locked else 0.0
        b.row({c: 1.0 for c, _ in entries}, one, 1.0)

    def done_before(k: str, month: int) -> dict[int, float]:
        return {c: -1.0 for c, o in by_module.get(k, ()) if o.end < month}

    # A provider that needs level l of c never helps first where the level wanted is at most
    # what its own supporters reach: one of them completes before it, and that one counts. So
    # module k counts for level L of c only when some module that could meet k's need reaches
    # less than L (`first[k][c]`: the least such reach). Leaving the others out of the level
    # and gap rows changes no integer plan but closes the LP relaxation's loopholes (a module
    # supporting its own later months, two modules supporting each other, half a module
    # closing a gap), so the root LP is often the optimum and HiGHS needs few cuts.
    first: dict[str, dict[str, int]] = {}
    for k in by_module:
        first[k] = {}
        for comp, lvl in p.level_prereqs.get(k, ()):
            reach = [
                p.modules[i].reaches.get(comp, 0)
                for i in by_module
                if i != k and p.modules[i].reaches.get(comp, 0) >= lvl
            ]
            first[k][comp] = min(reach, default=_NEVER)
    # competence -> (level reached, least level a supporter reaches, column, completion month)
    # of every option, built once: the rows below would otherwise scan every candidate module
    # per (competence, level, month)
    reaching: dict[str, list[tuple[int, int, int, int]]] = defaultdict(list)
    for k, entries in by_module.items():
        for comp, lvl in p.modules[k].reaches.items():
            need = first[k].get(comp, 0)
            reaching[comp].extend((lvl, need, c, o.end) for c, o in entries)

    def providers_by(comp: str, lvl: int, month: int) -> dict[int, float]:
        return {
            c: -1.0
            for r, need, c, end in reaching.get(comp, ())
            if r >= lvl and need < lvl and end <= month
        }

    # competence -> the level each module needs in it (its unmet level prerequisite there)
    needs_in: dict[str, dict[str, int]] = defaultdict(dict)
    for k in by_module:
        for comp, lvl in p.level_prereqs.get(k, ()):
            needs_in[comp][k] = lvl

    def earliest_by(comp: str, lvl: int, month: int) -> dict[int, float] | None:
        """A second valid row for "level lvl of comp by month": the earliest first provider in
        a plan either needs nothing in comp, or its need was met before by a first provider of
        that lower level reaching less than lvl (one reaching lvl would be an earlier first
        provider). So the level needs one of those, counted only when done by month - 1. None
        when no first provider needs comp (then the usual row says the same)."""
        needed = {
            needs_in[comp][k]
            for k in by_module
            if k in needs_in[comp] and 0 < first[k][comp] < lvl
            and p.modules[k].reaches.get(comp, 0) >= lvl
        }  # fmt: skip
        if not needed:
            return None
        row = {
            c: -1.0
            for r, need, c, end in reaching.get(comp, ())
            if r >= lvl and need == 0 and end <= month
        }
        row.update(
            {
                c: -1.0
                for r, need, c, end in reaching.get(comp, ())
                if r < lvl and end <= month - 1 and any(r >= k > need for k in needed)
            }
        )
        return row

    # "level l of competence c reached by the end of month m": one continuous column per
    # (c, l, m) shared by every module that needs it, so prerequisite rows stay short
    reached: dict[tuple[str, int, int], int] = {}

    def reached_by(comp: str, lvl: int, month: int) -> int:
        key = (comp, lvl, month)
        if key not in reached:
            d = reached[key] = b.col(0.0, integer=False)
            row = {d: 1.0}
            row.update(providers_by(comp, lvl, month))
            b.row(row, -_INF, 0.0)
            earliest = earliest_by(comp, lvl, month)
            if earliest is not None:
                b.row({d: 1.0, **earliest}, -_INF, 0.0)
        return reached[key]

    # prerequisites, one row per (module, start month, prerequisite), cumulative: "j starts by
    # month m" needs a prerequisite completed before m. Valid for every integer plan and much
    # tighter in the LP relaxation than one row per start month (where one provider could
    # support a fraction of j in every month at once).
    for j, entries in by_module.items():
        starts: dict[int, list[int]] = defaultdict(list)
        for c, o in entries:
            starts[o.start].append(c)
        module = p.modules[j]
        by_then: list[int] = []
        for month in sorted(starts):
            by_then = by_then + starts[month]
            for k in p.needs_modules(j):
                row = dict.fromkeys(by_then, 1.0)
                row.update(done_before(k, month))
                b.row(row, -_INF, 0.0)
            for comp, lvl in p.level_prereqs.get(j, ()):
                # j's own options are not among the providers (j needs lvl itself)
                row = dict.fromkeys(by_then, 1.0)
                row[reached_by(comp, lvl, month - 1)] = -1.0
                b.row(row, -_INF, 0.0)
    # gaps: z <= sum of options of modules reaching the target (but not needing it already)
    last = p.n_months
    for comp, (_, target) in p.gaps.items():
        if not p.providers.get(comp):
            b.offset += penalty
            continue
        z = b.col(-penalty)
        b.offset += penalty
        row = {z: 1.0}
        row.update(providers_by(comp, target, last))
        b.row(row, -_INF, 0.0)
        earliest = earliest_by(comp, target, last)
        if earliest is not None:
            b.row({z: 1.0, **earliest}, -_INF, 0.0)
    # monthly budget
    per_month: dict[int, dict[int, float]] = defaultdict(dict)
    for c, o in cols.items():
        for m, h in o.hours:
            per_month[m][c] = h
    for row in per_month.values():
        if sum(row.values()) > p.learner.monthly_hours + 1e-9:
            b.row(row, -_INF, p.learner.monthly_hours)
    return cols


def build(
    problems: Sequence[Problem],
    weights: Weights,
    *,
    seats: dict[str, int] | None = None,
    penalty: float | None = None,
) -> tuple[_Builder, list[dict[int, Option]]]:
    """The model's columns and rows (not yet loaded); per problem its columns -> options."""
    b = _Builder()
    if penalty is None:
        penalty = 1.0 + sum(open_gap_penalty(p, weights) - 1.0 for p in problems)
    all_cols = [_add_learner(b, p, weights, penalty) for p in problems]
    if seats:
        users: dict[str, dict[int, float]] = defaultdict(dict)
        for cols in all_cols:
            for c, o in cols.items():
                if o.offer is not None and o.offer in seats:
                    users[o.offer][c] = 1.0
        for offer, row in users.items():
            if len(row) > seats[offer]:
                b.row(row, -_INF, float(seats[offer]))
    return b, all_cols


def solve(
    problems: Sequence[Problem],
    weights: Weights,
    *,
    seats: dict[str, int] | None = None,
    time_limit: float = 30.0,
    penalty: float | None = None,
    initial: Sequence[list[Option]] | None = None,
) -> Solution:
    """One MIP over all problems; `seats` (offer id -> free seats) couples them."""
    b, all_cols = build(problems, weights, seats=seats, penalty=penalty)
    return run(b, all_cols, time_limit=time_limit, initial=initial)


def load(
    h: highspy.Highs, b: _Builder, *, upper: Sequence[float] | None = None, relaxed: bool = False
) -> None:
    """Load a built model into `h` with its objective offset; `relaxed` drops integrality (the
    LP relaxation), `upper` replaces the columns' upper bounds."""
    load_model(
        h,
        cost=b.cost,
        lower=[0.0] * len(b.cost),
        upper=b.upper if upper is None else upper,
        integer=[] if relaxed else b.integer,
        row_lower=b.row_lower,
        row_upper=b.row_upper,
        starts=b.starts,
        index=b.index,
        value=b.value,
    )
    h.changeObjectiveOffset(b.offset)


def run(
    b: _Builder,
    all_cols: list[dict[int, Option]],
    *,
    time_limit: float,
    upper: Sequence[float] | None = None,
    initial: Sequence[list[Option]] | None = None,
) -> Solution:
    """Load a built model into the thread's solver and solve it as a MIP; `upper` replaces the
    columns' upper bounds (0 forbids a column: a person's model with some offers ruled out)."""
    n = len(b.cost)
    if n == 0:
        return Solution("optimal", [[] for _ in all_cols], b.offset, 0.0)

    h = _highs()
    # One person's model is small; HiGHS's MIP presolve (probing) costs more than it saves
    # there (about 5x in the benchmark); a team model needs it. One thread avoids contention when
    # many plans are made side by side.
    if len(all_cols) == 1:
        h.setOptionValue("presolve", "off")
        # Primal heuristics cost more than they find on one person's model: feasibility jump
        # has a fixed cost of about 20 ms, the sub-MIP heuristics (RINS, RENS, root reduced
        # cost) about a third of the rest; the root LP with its cuts finds these optima.
        for heuristic in ("feasibility_jump", "rins", "rens", "root_reduced_cost"):
            h.setOptionValue(f"mip_heuristic_run_{heuristic}", False)
        # HiGHS still presolves the root LP (about 9 % of a run here) and looks for symmetry
        # (2 %); neither pays on these models. The analytic centre (an interior point solve
        # in a new solver object) and the root cut rounds have no option to switch them off.
        h.setOptionValue("mip_root_presolve_only", True)
        h.setOptionValue("mip_detect_symmetry", False)
    h.setOptionValue("threads", 1)
    # exact to 1e-7 absolute: the weights' finest term (a month earlier) is worth 1e-6
    h.setOptionValue("mip_rel_gap", 0.0)
    h.setOptionValue("mip_abs_gap", 1e-7)
    h.setOptionValue("mip_feasibility_tolerance", 1e-9)
    h.setOptionValue("time_limit", float(time_limit))
    load(h, b, upper=upper)
    if initial is not None:
        # a feasible start (e.g. the greedy plan): with a time limit there is always an answer
        index, value = [], []
        for cols, options in zip(all_cols, initial, strict=True):
            taken = set(options)
            for c, o in cols.items():
                index.append(c)
                value.append(1.0 if o in taken else 0.0)
        h.setSolution(len(index), np.array(index, dtype=np.int32), np.array(value))
    if h.run() == highspy.HighsStatus.kError:
        # the process's HiGHS scheduler was started with another thread count: use that one
        h.setOptionValue("threads", 0)
        if h.run() == highspy.HighsStatus.kError:
            raise RuntimeError("HiGHS could not solve the learning-path model")
    status = h.getModelStatus()
    seconds = h.getRunTime()
    if status == highspy.HighsModelStatus.kInfeasible:
        return Solution("infeasible", [[] for _ in all_cols], float("inf"), seconds)
    values = np.asarray(h.getSolution().col_value)
    if status == highspy.HighsModelStatus.kOptimal:
        result = "optimal"
    elif len(values) == n and h.getInfo().primal_solution_status == 2:
        result = "time_limit"
    else:
        # stopped (time limit) before any solution: keep the feasible start if there is one;
        # never call this infeasible, which is reserved for a proof
        start = [list(options) for options in initial] if initial is not None else None
        return Solution(
            "time_limit", start or [[] for _ in all_cols], float("inf"), seconds, float("inf")
        )
    chosen = [[o for c, o in cols.items() if values[c] > 0.5] for cols in all_cols]
    info = h.getInfo()
    gap = 0.0 if result == "optimal" else float(info.mip_gap)
    return Solution(result, chosen, info.objective_function_value, seconds, gap)

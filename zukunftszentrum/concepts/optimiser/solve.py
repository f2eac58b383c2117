"""solve(): the best programme for an instance, with the limits that bind. Pure: no Django."""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import replace

import numpy as np

from .build import BUDGET_UNIT, Built, build
from .highs import Result, run
from .model import Instance, Limit, Plan, PlanItem

__all__ = ["Limit", "Plan", "PlanItem", "solve", "usage"]

# From this many session columns on, the MIP runs over the LP relaxation's support (see
# _solve_on_support); a national instance has tens of thousands.
LARGE = 5000
BINDING_SHARE = 0.99  # a limit "binds" when the plan uses at least this share of it
_EPS = 1e-6


def solve(
    instance: Instance,
    *,
    time_limit: float = 30.0,
    mip_gap: float = 0.005,
    start: Plan | None = None,
    greedy_start: bool = True,
) -> Plan:
    """The plan covering the most weighted need within every limit.

    `start`: a feasible plan of the same instance to begin from (e.g. the plan before an edit);
    otherwise the greedy plan is the start, so the answer is never worse than greedy's."""
    if start is None and greedy_start:
        from .greedy import greedy

        start = greedy(instance)
    plan = solve_built(
        instance, build(instance), time_limit=time_limit, mip_gap=mip_gap, start=start
    )
    if plan.status == "infeasible":
        from .explain import explain

        return replace(plan, infeasible=explain(instance))
    return plan


def solve_built(
    instance: Instance, b: Built, *, time_limit: float, mip_gap: float, start: Plan | None
) -> Plan:
    """Solve a model built from the instance (perhaps with other amounts or limits)."""
    values = start_values(b, instance, start)
    if len(b.integer) < LARGE:
        result = run(b, time_limit=time_limit, mip_gap=mip_gap, start=values)
    else:
        result = _solve_on_support(b, time_limit=time_limit, mip_gap=mip_gap, start=values)
    if result.status == "infeasible":
        return Plan("infeasible", 0.0, float("inf"), (), {}, (), seconds=result.seconds)
    return read_plan(instance, b, result)


def _solve_on_support(
    b: Built, *, time_limit: float, mip_gap: float, start: Mapping[int, float] | None
) -> Result:
    """A large model: solve its LP relaxation, then the MIP over the sessions the relaxation (or
    the start) uses; the gap is proven against the full relaxation's bound, so "optimal" still
    means within mip_gap of the best plan of the whole model. When that gap is too wide, the
    whole model continues from the support's plan for the time left."""
    clock = time.perf_counter()
    lp = run(b, time_limit=time_limit, mip_gap=mip_gap, relax=True)
    if lp.status == "infeasible" or len(lp.columns) == 0:
        return run(b, time_limit=time_limit, mip_gap=mip_gap, start=start)
    used = {c for c in b.x.values() if lp.columns[c] > _EPS or b.lower[c] > 0}
    if start:
        used |= {c for c in b.x.values() if start.get(c, 0.0) > 0}
    upper = {c: 0.0 for c in b.x.values() if c not in used}
    left = max(1.0, time_limit - (time.perf_counter() - clock))
    mip = run(b, time_limit=left, mip_gap=mip_gap, start=start, upper=upper)
    if mip.status == "infeasible" or len(mip.columns) == 0:
        return mip
    gap = max(0.0, (lp.bound - mip.objective) / max(abs(mip.objective), 1e-9))
    seconds = lp.seconds + mip.seconds
    left = time_limit - (time.perf_counter() - clock)
    if gap > mip_gap and left > 1.0:
        # the support's best is not provably good enough: the whole model, from that plan
        full = run(b, time_limit=left, mip_gap=mip_gap, start=dict(enumerate(mip.columns)))
        seconds += full.seconds
        if len(full.columns) and full.objective >= mip.objective:
            mip = full
            gap = min(
                full.gap, max(0.0, (lp.bound - full.objective) / max(abs(full.objective), 1e-9))
            )
    status = "optimal" if gap <= mip_gap + 1e-9 else "time_limit"
    return replace(mip, status=status, gap=gap, seconds=seconds)


def start_values(b: Built, instance: Instance, plan: Plan | None) -> dict[int, float] | None:
    """A plan as column values of model b (None when it does not fit the model)."""
    if plan is None or plan.status == "infeasible" or not plan.items:
        return None
    options = {o.key: i for i, o in enumerate(instance.options)}
    demands = {d.key: i for i, d in enumerate(instance.demands)}
    values = dict.fromkeys(range(len(b.cost)), 0.0)
    for _key, c in b.x.items():
        values[c] = b.lower[c]
    for item in plan.items:
        xc = b.x.get((options.get(item.option, -1), item.place, item.month))
        if xc is None:
            return None
        values[xc] = float(item.sessions)
    if b.total >= 0:
        values[b.total] = float(sum(item.sessions for item in plan.items))
    for (dk, ok, place), amount in plan.assignment.items():
        yc = b.y.get((demands.get(dk, -1), options.get(ok, -1), place))
        if yc is None:
            return None
        values[yc] = amount
    return values


def read_plan(instance: Instance, b: Built, result: Result) -> Plan:
    cols = result.columns
    if len(cols) == 0:
        return Plan(result.status, 0.0, result.gap, (), {}, (), seconds=result.seconds)
    sessions = {key: round(cols[c]) for key, c in b.x.items() if cols[c] > 0.5}
    # HiGHS's gap includes the tiny session costs; below this it is an optimum for any reader
    gap = result.gap if result.gap > 1e-4 else 0.0
    assignment = {(di, oi, p): float(cols[c]) for (di, oi, p), c in b.y.items() if cols[c] > _EPS}
    plan = assemble(instance, sessions, assignment, b.fixed, result.status, gap)
    binding = binding_limits(instance, b, result.rows, sessions)
    plan = Plan(
        plan.status,
        plan.objective,
        plan.gap,
        plan.items,
        plan.covered,
        binding,
        reached=plan.reached,
        seconds=result.seconds,
        assignment=plan.assignment,
    )
    return plan


def named_assignment(
    instance: Instance, assignment: Mapping[tuple[int, int, str], float]
) -> dict[tuple[str, str, str], float]:
    return {
        (instance.demands[di].key, instance.options[oi].key, p): v
        for (di, oi, p), v in assignment.items()
    }


def assemble(
    instance: Instance,
    sessions: Mapping[tuple[int, str, str], int],
    assignment: Mapping[tuple[int, int, str], float],
    fixed: Mapping[tuple[int, str, str], int],
    status: str,
    gap: float,
) -> Plan:
    """Items, coverage and objective from sessions and the assignment of demand to (option, place);
    each month of a pair gets the pair's participants in proportion to its sessions."""
    from .build import value_table

    values = value_table(instance)
    per_pair: dict[tuple[int, str], int] = defaultdict(int)
    for (oi, p, _), n in sessions.items():
        per_pair[(oi, p)] += n
    pair_people: dict[tuple[int, str], float] = defaultdict(float)
    pair_covered: dict[tuple[int, str], float] = defaultdict(float)
    pair_demands: dict[tuple[int, str], set[str]] = defaultdict(set)
    covered: dict[str, float] = defaultdict(float)
    reached: dict[str, float] = defaultdict(float)
    objective = 0.0
    for (di, oi, p), amount in assignment.items():
        d = instance.demands[di]
        v = values.get((di, oi, p), 0.0) * amount
        pair_people[(oi, p)] += amount
        pair_covered[(oi, p)] += v
        pair_demands[(oi, p)].add(d.key)
        covered[d.key] += v
        reached[d.key] += amount
        objective += v * d.weight
    items = []
    for (oi, p, m), n in sorted(sessions.items(), key=lambda kv: (kv[0][2], kv[0][1], kv[0][0])):
        share = n / per_pair[(oi, p)]
        items.append(
            PlanItem(
                option=instance.options[oi].key,
                place=p,
                month=m,
                sessions=n,
                participants=pair_people[(oi, p)] * share,
                covered=pair_covered[(oi, p)] * share,
                demands=tuple(sorted(pair_demands[(oi, p)])),
                fixed=(oi, p, m) in fixed,
            )
        )
    return Plan(
        status,
        objective,
        gap,
        tuple(items),
        dict(covered),
        (),
        reached=dict(reached),
        assignment=named_assignment(instance, assignment),
    )


def binding_limits(
    instance: Instance,
    b: Built,
    rows: np.ndarray,
    sessions: Mapping[tuple[int, str, str], int],
) -> tuple[Limit, ...]:
    found = []
    total = sum(sessions.values())
    share = instance.policy.min_share_per_land
    for (kind, key), r in b.limits.items():
        if kind == "min_participants":
            continue
        if kind == "land_share":
            used = float(rows[r]) + share * total  # the row is sessions in the Land - share x total
            used = float(round(used))
            # binding: one session fewer in the Land would break the share
            if used - 1 < share * (total - 1) + _EPS:
                found.append(Limit(kind, key, used, share * total))
            continue
        unit = BUDGET_UNIT if kind == "budget" else 1.0
        available = b.row_upper[r] * unit
        used = float(rows[r]) * unit
        if available > 0 and used >= BINDING_SHARE * available - _EPS:
            found.append(Limit(kind, key, round(used, 6), available))
    return tuple(sorted(found, key=lambda limit: (limit.kind, limit.key)))


def usage(instance: Instance, plan: Plan) -> tuple[Limit, ...]:
    """Every resource limit with what the plan uses of it, binding or not (trainer load, cost and
    slots for comparing scenarios); computed from the items, no solve."""
    res = instance.resources
    options = {o.key: o for o in instance.options}
    online = next((p.key for p in instance.places if p.online), "online")
    days: dict[tuple[str, str], float] = defaultdict(float)
    slots: dict[tuple[str, str], int] = defaultdict(int)
    cost = 0.0
    for item in plan.items:
        o = options[item.option]
        days[(item.month, o.competence)] += o.trainer_days * item.sessions
        slots[(item.place, item.month)] += item.sessions
        cost += o.cost * item.sessions
    found = [
        Limit("trainer_days", f"{m}|{c}", days.get((m, c), 0.0), available)
        for (m, c), available in sorted(res.trainer_days.items())
    ]
    found.append(Limit("budget", "", cost, res.budget))
    for p in instance.places:
        if not p.online:
            found.extend(
                Limit(
                    "place_month",
                    f"{p.key}|{m}",
                    slots.get((p.key, m), 0),
                    res.sessions_per_place_month,
                )
                for m in res.months
            )
    found.extend(
        Limit("online_month", m, slots.get((online, m), 0), res.online_sessions_per_month)
        for m in res.months
    )
    return tuple(found)

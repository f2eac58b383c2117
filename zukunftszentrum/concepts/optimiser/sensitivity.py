"""value_of_more(): what one more unit of a binding limit would add. Pure: no Django."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .build import build
from .highs import run
from .model import Instance, Limit, Plan
from .solve import solve_built

# One more trainer day, 1,000 EUR, one more session slot at a place in a month or online.
STEPS: Mapping[str, float] = {
    "trainer_days": 1.0,
    "budget": 1000.0,
    "place_month": 1.0,
    "online_month": 1.0,
}


@dataclass(frozen=True)
class Relaxation:
    limit: Limit
    step: float  # the unit added (see STEPS)
    gain: float  # weighted covered need the step adds (>= 0)


def value_of_more(
    instance: Instance,
    plan: Plan,
    *,
    limits: Sequence[Limit] | None = None,
    time_limit: float = 10.0,
    mip_gap: float = 1e-4,
    max_solves: int = 12,
) -> tuple[Relaxation, ...]:
    """Re-solve with one more unit of each limit (default: the plan's binding ones).

    The plan is first re-solved at the same tight gap as the relaxations, so a gain measures the
    added unit and not the plan's own distance from the optimum; every relaxed solve starts from
    that plan, which still fits (HiGHS takes it as its first incumbent), so no gain is negative.
    Limits that are not resources (land share, fixed items) are skipped. A region may have
    dozens of binding slots: beyond max_solves limits, only the max_solves with the highest
    shadow price in the LP relaxation are re-solved and returned (most valuable first)."""
    chosen = [x for x in (plan.binding if limits is None else limits) if x.kind in STEPS]
    if not chosen or plan.status == "infeasible":
        return ()
    if len(chosen) > max_solves:
        chosen = _most_valuable(instance, chosen, max_solves, time_limit)
    base = solve_built(
        instance, build(instance), time_limit=time_limit, mip_gap=mip_gap, start=plan
    )
    if base.objective < plan.objective:
        base = plan
    result = []
    for limit in chosen:
        step = STEPS[limit.kind]
        b = build(instance, extra={(limit.kind, limit.key): step})
        more = solve_built(instance, b, time_limit=time_limit, mip_gap=mip_gap, start=base)
        gain = max(0.0, more.objective - base.objective) if more.status != "infeasible" else 0.0
        result.append(Relaxation(limit, step, gain))
    return tuple(result)


def _most_valuable(
    instance: Instance, limits: Sequence[Limit], n: int, time_limit: float
) -> list[Limit]:
    """The n limits whose one more unit the LP relaxation values most (every step is one unit
    of its row: a day, a slot, 1,000 EUR)."""
    b = build(instance)
    lp = run(b, time_limit=time_limit, mip_gap=1.0, relax=True)
    duals = lp.duals
    if duals is None or len(duals) == 0:
        return list(limits[:n])

    def price(limit: Limit) -> float:
        row = b.limits.get((limit.kind, limit.key))
        return 0.0 if row is None else abs(float(duals[row]))

    return sorted(limits, key=lambda x: (-price(x), x.kind, x.key))[:n]

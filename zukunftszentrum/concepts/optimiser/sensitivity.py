"""value_of_more(): what one more unit of a binding limit would add. Pure: no Django."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .build import build
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
) -> tuple[Relaxation, ...]:
    """Re-solve with one more unit of each limit (default: the plan's binding ones).

    The plan is first re-solved at the same tight gap as the relaxations, so a gain measures the
    added unit and not the plan's own distance from the optimum; every relaxed solve starts from
    that plan, which still fits (HiGHS takes it as its first incumbent), so no gain is negative.
    Limits that are not resources (land share, fixed items) are skipped."""
    chosen = [x for x in (plan.binding if limits is None else limits) if x.kind in STEPS]
    if not chosen or plan.status == "infeasible":
        return ()
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

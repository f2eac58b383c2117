"""robustness(): which items survive the ends of the needs intervals. Pure: no Django."""

from __future__ import annotations

from collections.abc import Mapping

from .build import build
from .model import Instance, Plan
from .solve import solve_built

Key = tuple[str, str, str]  # (option, place, month)


def robustness(
    instance: Instance, plan: Plan, *, time_limit: float = 30.0, mip_gap: float = 0.005
) -> Mapping[Key, str]:
    """Re-solve with every demand at its low and at its high end, then label every item of the
    three plans: "robust" (in the plan at both ends), "at_low" / "at_high" (only at that end),
    "noise" (only in the point plan: chosen for numbers the interval does not support)."""
    ends = []
    for amounts in (
        [d.low for d in instance.demands],
        [d.high for d in instance.demands],
    ):
        b = build(instance, companies=amounts)
        # the point plan still fits when demand grows; at the low end it may not
        ends.append(solve_built(instance, b, time_limit=time_limit, mip_gap=mip_gap, start=plan))
    low = {(i.option, i.place, i.month) for i in ends[0].items}
    high = {(i.option, i.place, i.month) for i in ends[1].items}
    point = {(i.option, i.place, i.month) for i in plan.items}
    labels: dict[Key, str] = {}
    for key in sorted(point | low | high):
        if key in low and key in high:
            labels[key] = "robust"
        elif key in low:
            labels[key] = "at_low"
        elif key in high:
            labels[key] = "at_high"
        else:
            labels[key] = "noise"
    return labels

"""Why no plan exists: the limits the locked sessions clash with. Pure: no Django.

Without locked sessions the empty plan always fits, so an infeasible instance is always a clash
between the fixed items and some family of limits. Each family in turn (then each pair) is made
elastic: its rows may break at a price of one per unit, and the model looks only for the least
breach. A family that can absorb the clash is named with the rows the least breach breaks and what
they would need. The fixed items named are those whose release alone makes a plan possible (all
of them when no single one does).
"""

from __future__ import annotations

import itertools
from dataclasses import replace

from .build import BUDGET_UNIT, FAMILIES, build
from .highs import run
from .model import Instance, Limit

_TIME = 10.0  # seconds per solve
_EPS = 1e-6


def _clash(instance: Instance, families: frozenset[str]) -> list[Limit] | None:
    """The rows of these families the least breach breaks; None when even that is impossible."""
    b = build(instance, elastic=families)
    result = run(b, time_limit=_TIME, mip_gap=1e-6)
    if result.status == "infeasible" or len(result.columns) == 0:
        return None
    cols, rows = result.columns, result.rows
    total = sum(cols[c] for c in b.x.values())
    share = instance.policy.min_share_per_land
    found = []
    for (kind, key), r in b.limits.items():
        s = b.slack.get(r)
        if s is None or cols[s] <= _EPS:
            continue
        if kind == "land_share":
            # the row is (sessions in the Land - share x total) + slack >= 0
            in_land = rows[r] - cols[s] + share * total
            found.append(Limit(kind, key, round(float(in_land), 6), round(share * total, 6)))
        elif kind == "min_participants":
            # (people - minimum x sessions) + slack >= 0: people against the people needed
            people = sum(
                cols[c] for (_, oi, p), c in b.y.items() if f"{instance.options[oi].key}|{p}" == key
            )
            needed = people - (rows[r] - cols[s])
            found.append(Limit(kind, key, round(float(people), 6), round(float(needed), 6)))
        else:
            used = rows[r] + cols[s]  # the row is activity - slack <= available
            unit = BUDGET_UNIT if kind == "budget" else 1.0
            found.append(Limit(kind, key, round(float(used) * unit, 6), b.row_upper[r] * unit))
    return found


def _fixed_limits(instance: Instance) -> list[Limit]:
    return [
        Limit("fixed", f"{f.option}|{f.place}|{f.month}", float(f.sessions), float(f.sessions))
        for f in instance.fixed
    ]


def _feasible(instance: Instance) -> bool:
    return run(build(instance), time_limit=_TIME, mip_gap=1.0).status != "infeasible"


def explain(instance: Instance) -> tuple[Limit, ...]:
    others = [f for f in FAMILIES if f != "fixed"]
    clashing: dict[tuple[str, str], Limit] = {}
    for size in (1, 2):
        for combo in itertools.combinations(others, size):
            found = _clash(instance, frozenset(combo))
            for limit in found or ():
                clashing.setdefault((limit.kind, limit.key), limit)
        if clashing:
            break
    fixed = []
    if len(instance.fixed) > 1:
        for i in range(len(instance.fixed)):
            rest = instance.fixed[:i] + instance.fixed[i + 1 :]
            if _feasible(replace(instance, fixed=rest)):
                fixed.extend(_fixed_limits(replace(instance, fixed=(instance.fixed[i],))))
    named = sorted(clashing.values(), key=lambda x: (x.kind, x.key))
    return tuple(named) + tuple(fixed or _fixed_limits(instance))

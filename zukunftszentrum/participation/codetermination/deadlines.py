"""A step's deadline as a date in one project, from its kind and the project's phase dates.
Pure: no Django imports.

The law gives none of these steps a period in days (docs/methods/codetermination.md), so a
date can only come from the project's own plan: consent and information "before the
introduction" must be in place before the trial with real data begins (the phase "Erproben"),
the council's views must come while the plan can still change (before "Gestalten" begins),
and "as soon as it is known" means now. "By agreement" has no date. A phase without a start
date gives no date either; the page then says the rule in words only.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from .catalogue import DeadlineKind

# Which phase must not begin before the step is done, per kind of deadline.
BEFORE_PHASE: dict[DeadlineKind, str | None] = {
    DeadlineKind.BEFORE_INTRODUCTION: "erproben",
    DeadlineKind.BEFORE_USE: "erproben",
    DeadlineKind.TIMELY: "erproben",
    DeadlineKind.EARLY_ENOUGH_TO_SHAPE: "gestalten",
    DeadlineKind.AS_SOON_AS_KNOWN: None,
    DeadlineKind.BY_AGREEMENT: None,
}


@dataclass(frozen=True)
class DueDate:
    """`on`: the last day (the day before the phase begins), or None; `phase`: the phase that
    sets it; `now`: due at once (as soon as known); `overdue`: `on` lies before today."""

    on: dt.date | None
    phase: str | None
    now: bool = False
    overdue: bool = False


def due_date(
    kind: DeadlineKind,
    phase_starts: Mapping[str, dt.date | None],
    today: dt.date,
    *,
    done: bool = False,
) -> DueDate:
    """When the step is due in this project. A done step is never overdue."""
    if kind is DeadlineKind.AS_SOON_AS_KNOWN:
        return DueDate(None, None, now=not done)
    phase = BEFORE_PHASE[kind]
    starts = phase_starts.get(phase) if phase else None
    if starts is None:
        return DueDate(None, phase)
    on = starts - dt.timedelta(days=1)
    return DueDate(on, phase, overdue=not done and on < today)

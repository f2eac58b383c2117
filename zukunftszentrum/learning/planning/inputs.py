"""What the planner is given: modules, dated offers, a learner, and the weights of the objective.

All inputs are frozen dataclasses; the caller (the Django side) builds them from its models and
decides which level counts as "current" (measured evidence before self-rating).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date

FORMATS = ("self_learning", "webinar", "workshop", "inhouse_lab", "blended")


@dataclass(frozen=True)
class Module:
    """A catalogue module.

    `reaches` maps competence id -> the level (1-4) a participant reaches. Prerequisites are other
    modules (`requires_modules`, all of them) and/or competence levels (`requires_levels`, each met
    by the current level or by an earlier module in the plan that reaches it). A module without any
    offer in the catalogue is self-paced; a module with offers can only be taken on one of them.
    """

    id: str
    reaches: Mapping[str, int]
    hours: float
    cost: float = 0.0
    format: str = "self_learning"
    requires_modules: tuple[str, ...] = ()
    requires_levels: Mapping[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Offer:
    """A dated run of a module. Online offers are in reach of everyone who accepts online learning;
    in-person offers are placed by Land (and optionally Kreis)."""

    id: str
    module: str
    first_date: date
    last_date: date
    free_seats: int
    online: bool = False
    land: str = ""
    kreis: str = ""


@dataclass(frozen=True)
class Learner:
    """One person's starting point, goals and limits.

    `current` and `targets` map competence id -> level (0 = not yet). The plan must lie inside
    `start`..`end` (offers entirely, self-paced modules by month). `monthly_hours` caps the learning
    hours in every calendar month. Reach: online offers if `accepts_online`; in-person offers in the
    home Land (and in `extra_lands`) if `travels`, otherwise only in the home Kreis. `locked` modules
    must be in the plan; `excluded` modules never are. `completed` modules (attended, passed) are
    done: they meet the module prerequisites of others and are not planned again.
    """

    id: str
    current: Mapping[str, int]
    targets: Mapping[str, int]
    start: date
    end: date
    monthly_hours: float
    land: str = ""
    kreis: str = ""
    accepts_online: bool = True
    travels: bool = True
    extra_lands: frozenset[str] = frozenset()
    locked: frozenset[str] = frozenset()
    excluded: frozenset[str] = frozenset()
    completed: frozenset[str] = frozenset()

    def gaps(self) -> dict[str, tuple[int, int]]:
        """Competence -> (current, target) for every target above the current level."""
        out = {}
        for competence, target in sorted(self.targets.items()):
            current = self.current.get(competence, 0)
            if target > current:
                out[competence] = (current, target)
        return out

    def reaches(self, offer: Offer) -> bool:
        if offer.online:
            return self.accepts_online
        if self.travels:
            return bool(offer.land) and (offer.land == self.land or offer.land in self.extra_lands)
        return bool(self.kreis) and offer.land == self.land and offer.kreis == self.kreis


@dataclass(frozen=True)
class Weights:
    """The objective: per_hour * hours + per_euro * cost + per_month_late * (completion month index,
    counted from the window's first month, summed over the steps).

    The defaults put hours first: 10,000 EUR weigh as much as one hour, so cost decides between
    plans of (nearly) equal hours; completion time only breaks the remaining ties (earlier first).
    Setting per_euro to e.g. 1/50 says "one hour of a person's time is worth 50 EUR".
    Closing gaps comes before all of this: every open gap costs more than the whole catalogue
    the learner could take (lexicographic, see `open_gap_penalty`).
    """

    per_hour: float = 1.0
    per_euro: float = 1e-4
    per_month_late: float = 1e-6

    def step(self, hours: float, cost: float, month_index: int) -> float:
        return self.per_hour * hours + self.per_euro * cost + self.per_month_late * month_index


def month_number(day: date) -> int:
    """Months since year 0, so month differences are plain subtraction."""
    return day.year * 12 + day.month - 1


def month_start(number: int) -> date:
    return date(number // 12, number % 12 + 1, 1)

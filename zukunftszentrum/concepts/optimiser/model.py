"""The optimiser's inputs and results: frozen dataclasses, tuples and mappings only. Pure.

The app turns needs estimates, the catalogue and a centre's resources into an `Instance`; the
optimiser answers with a `Plan` of keys and numbers, never prose (the app words everything).
See docs/methods/concept-optimiser.md for the model these describe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType

ONLINE = "online"  # key of the virtual place every online option is held at

_EMPTY: Mapping[str, float] = MappingProxyType({})


@dataclass(frozen=True)
class Demand:
    """One cell of the needs estimate: companies of a Land, industry and size class needing a topic."""

    key: str
    land: str
    topic: str
    industry: str
    size_class: str
    companies: float  # estimated companies in this cell needing the topic (point estimate)
    low: float  # the interval ends of `companies`
    high: float
    lat: float  # where the cell sits (Kreis or Land centroid)
    lon: float
    formats: Mapping[str, float] = field(default=_EMPTY)  # preference share per module format
    weight: float = 1.0  # policy weight already applied by the app (micro, thin region …)


@dataclass(frozen=True)
class Option:
    """One module in one format."""

    key: str
    module_id: str
    format: str
    topics: Mapping[str, float]  # topic -> how fully one participant's need is covered (0..1)
    trainer_days: float  # per session
    cost: float  # per session, EUR
    competence: str  # trainer competence needed
    min_participants: int
    max_participants: int
    online: bool


@dataclass(frozen=True)
class Place:
    key: str
    land: str
    lat: float
    lon: float
    online: bool = False


@dataclass(frozen=True)
class Resources:
    months: tuple[str, ...]  # "2027-01" …
    # (month, competence) -> trainer days available; a pair that is missing has none
    trainer_days: Mapping[tuple[str, str], float]
    budget: float
    sessions_per_place_month: int
    online_sessions_per_month: int


@dataclass(frozen=True)
class Policy:
    min_share_per_land: float = 0.0  # each Land with a place gets at least this share of sessions
    travel_half_km: float = 60.0  # distance at which an in-person offer reaches half its demand
    # Added after the first version (defaults keep old callers unchanged):
    format_floor: float = 0.1  # fit of a format nobody in the cell prefers: still counts a little
    reach_km: float = 0.0  # farthest place a cell travels to; 0 = 4 x travel_half_km (fit 0.2)
    nearest_places: int = 0  # at most this many places per cell (nearest first); 0 = no limit
    # at most this many options per cell, those covering most of its need per trainer day (format
    # fit included); 0 = every option covering its topic. A thinning for national instances.
    options_per_cell: int = 0


@dataclass(frozen=True)
class Fixed:
    """Sessions locked by the centre: exactly this many of option at place in month."""

    option: str
    place: str
    month: str
    sessions: int


@dataclass(frozen=True)
class Excluded:
    """Removed by the centre; None matches every place or month."""

    option: str
    place: str | None = None
    month: str | None = None


@dataclass(frozen=True)
class Instance:
    demands: tuple[Demand, ...]
    options: tuple[Option, ...]
    places: tuple[Place, ...]
    resources: Resources
    policy: Policy = Policy()
    fixed: tuple[Fixed, ...] = ()
    excluded: tuple[Excluded, ...] = ()


@dataclass(frozen=True)
class Limit:
    """A constraint family member and how much of it the plan uses.

    kind: "trainer_days" (key "month|competence"), "budget" (key ""), "place_month"
    ("place|month"), "online_month" ("month"), "land_share" ("land"; `available` is the minimum
    number of sessions the Land must get, `used` what it got), "fixed" ("option|place|month";
    used = available = locked sessions) and "min_participants" ("option|place": participants
    reachable against the minimum the locked sessions need; only in explanations of infeasibility).
    """

    kind: str
    key: str
    used: float
    available: float


@dataclass(frozen=True)
class PlanItem:
    option: str
    place: str
    month: str
    sessions: int
    participants: float  # companies taking part (expected)
    covered: float  # their covered need (companies x coverage x format fit x distance), unweighted
    demands: tuple[str, ...]  # keys of the demand cells served
    fixed: bool


@dataclass(frozen=True)
class Plan:
    status: str  # "optimal" | "time_limit" | "infeasible"
    objective: float  # weighted covered need (sum over items of covered x the demand's weight)
    gap: float  # proven relative gap (0.0 at optimum)
    items: tuple[PlanItem, ...]
    covered: Mapping[str, float]  # demand key -> covered need (unweighted)
    binding: tuple[Limit, ...]  # limits used to >= 99 %
    infeasible: tuple[Limit, ...] = ()  # when status == "infeasible": the limits that clash
    # Added after the first version:
    reached: Mapping[str, float] = field(default=_EMPTY)  # demand key -> companies taking part
    seconds: float = 0.0  # solver time
    # (demand, option, place) -> companies of the cell taking part in the option at the place
    assignment: Mapping[tuple[str, str, str], float] = field(default=MappingProxyType({}))

"""The mixed-integer programme as arrays for HiGHS. Pure: no Django.

Columns: x[o, p, m] = sessions of option o at place p in month m (integer; online options at the
one virtual online place); y[d, o, p] = companies of demand cell d taking part in o at p
(continuous, summed over the months: a split over months in proportion to the sessions always
exists, see the methods doc). Only pairs that can matter get a column: o must cover d's topic,
p must lie within reach of d (in-person).

Rows (maximise the sum of y x coverage x format fit x distance discount x weight):
  demand       sum_{o,p} y[d,o,p] <= companies(d)
  capacity     sum_d y[d,o,p] <= max_participants(o) * sum_m x[o,p,m]
  min_part.    sum_d y[d,o,p] >= min_participants(o) * sum_m x[o,p,m]
  trainer      sum_{o of competence c, p} trainer_days(o) x[o,p,m] <= days(m, c)
  budget       sum cost(o) x <= budget
  place_month  sum_o x[o,p,m] <= sessions_per_place_month   (each in-person place)
  online_month sum_o x[o,online,m] <= online_sessions_per_month
  total        n = sum x                                   (one column, when a share is set)
  land_share   sum_{p in Land} x - share * n >= 0          (each Land with demand and a place)
  fixed        x[o,p,m] == sessions (as column bounds)
Every row but demand and capacity belongs to a family that the infeasibility explanation can drop.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

from .model import ONLINE, Demand, Instance, Option, Place

FAMILIES = (
    "fixed",
    "trainer_days",
    "budget",
    "place_month",
    "online_month",
    "land_share",
    "min_participants",
)
# A tiny cost per session: among plans covering the same need, prefer fewer and earlier
# sessions, so equal plans come out the same each time (robustness compares plans item by item).
SESSION_COST = 1e-4
EARTH_RADIUS_KM = 6371.0
BUDGET_UNIT = 1000.0  # the budget row counts thousands of EUR


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))


def online_key(instance: Instance) -> str:
    """The key the app gave its online place, or the virtual one."""
    return next((p.key for p in instance.places if p.online), ONLINE)


def reach(instance: Instance) -> list[list[tuple[Place, float]]]:
    """Per demand (in order): the in-person places it travels to, with the distance discount."""
    policy = instance.policy
    half = max(policy.travel_half_km, 1e-9)
    limit = policy.reach_km or 4 * half
    places = [p for p in instance.places if not p.online]
    result = []
    for d in instance.demands:
        near = []
        for p in places:
            km = distance_km(d.lat, d.lon, p.lat, p.lon)
            if km <= limit:
                near.append((km, p.key, p))
        near.sort(key=lambda t: (t[0], t[1]))
        if policy.nearest_places:
            near = near[: policy.nearest_places]
        result.append([(p, 1.0 / (1.0 + km / half)) for km, _, p in near])
    return result


def fit(demand: Demand, fmt: str, floor: float) -> float:
    """The cell's preference for a format; a floor so an unpreferred format still counts."""
    if not demand.formats:
        return 1.0
    return max(floor, demand.formats.get(fmt, 0.0))


def value_table(instance: Instance) -> dict[tuple[int, int, str], float]:
    """(demand index, option index, place key) -> covered need per company (unweighted), for every
    pair that may get a y column."""
    floor = instance.policy.format_floor
    by_topic: dict[str, list[tuple[int, Option, float]]] = defaultdict(list)
    for oi, o in enumerate(instance.options):
        for topic, cov in o.topics.items():
            if cov > 0:
                by_topic[topic].append((oi, o, cov))
    online = online_key(instance)
    locked = {f.option for f in instance.fixed}
    table: dict[tuple[int, int, str], float] = {}
    for di, (d, near) in enumerate(zip(instance.demands, reach(instance), strict=True)):
        if d.companies <= 0 and d.high <= 0:
            continue
        candidates = [
            (cov * fit(d, o.format, floor), oi, o) for oi, o, cov in by_topic.get(d.topic, ())
        ]
        if instance.policy.options_per_cell:
            candidates.sort(key=lambda c: (-c[0] / max(c[2].trainer_days, 0.1), c[1]))
            # a locked option keeps every cell it could serve
            candidates = candidates[: instance.policy.options_per_cell] + [
                c for c in candidates[instance.policy.options_per_cell :] if c[2].key in locked
            ]
        for base, oi, o in candidates:
            if o.online:
                table[(di, oi, online)] = base
            else:
                for p, discount in near:
                    table[(di, oi, p.key)] = base * discount
    return table


@dataclass
class Built:
    """The model's arrays and what each column and limit row stands for."""

    cost: list[float] = field(default_factory=list)
    lower: list[float] = field(default_factory=list)
    upper: list[float] = field(default_factory=list)
    integer: list[int] = field(default_factory=list)
    row_lower: list[float] = field(default_factory=list)
    row_upper: list[float] = field(default_factory=list)
    starts: list[int] = field(default_factory=list)
    index: list[int] = field(default_factory=list)
    value: list[float] = field(default_factory=list)
    x: dict[tuple[int, str, str], int] = field(default_factory=dict)  # (option, place, month)
    y: dict[tuple[int, int, str], int] = field(default_factory=dict)  # (demand, option, place)
    y_value: dict[int, float] = field(default_factory=dict)  # y column -> unweighted value
    limits: dict[tuple[str, str], int] = field(default_factory=dict)  # (kind, key) -> row
    elastic: frozenset[str] = frozenset()  # families whose rows may be broken at a price
    slack: dict[int, int] = field(default_factory=dict)  # row -> its slack column
    total: int = -1  # the column counting all sessions (with a land share), else -1
    fixed: dict[tuple[int, str, str], int] = field(default_factory=dict)  # x key -> sessions

    def col(self, cost: float, lower: float, upper: float, integer: bool) -> int:
        self.cost.append(cost)
        self.lower.append(lower)
        self.upper.append(upper)
        if integer:
            self.integer.append(len(self.cost) - 1)
        return len(self.cost) - 1

    def row(
        self, coeffs: Mapping[int, float], lower: float, upper: float, tag: tuple[str, str] | None
    ) -> None:
        if tag is not None:
            self.limits[tag] = len(self.row_lower)
            if tag[0] in self.elastic:
                # a column that absorbs a breach, at a price of one per unit
                s = self.col(-1.0, 0.0, math.inf, False)
                self.slack[len(self.row_lower)] = s
                coeffs = {**coeffs, s: -1.0 if upper < math.inf else 1.0}
        self.starts.append(len(self.index))
        self.index.extend(coeffs)
        self.value.extend(coeffs.values())
        self.row_lower.append(lower)
        self.row_upper.append(upper)


def fixed_index(instance: Instance, online: str) -> dict[tuple[int, str, str], int]:
    options = {o.key: i for i, o in enumerate(instance.options)}
    places = {p.key for p in instance.places if not p.online} | {online}
    fixed: dict[tuple[int, str, str], int] = {}
    for f in instance.fixed:
        if (
            f.option not in options
            or f.place not in places
            or f.month not in instance.resources.months
        ):
            raise ValueError(f"fixed item refers to an unknown key: {f}")
        if instance.options[options[f.option]].online != (f.place == online):
            raise ValueError(f"fixed item puts an option at the wrong kind of place: {f}")
        fixed[(options[f.option], f.place, f.month)] = fixed.get(
            (options[f.option], f.place, f.month), 0
        ) + int(f.sessions)
    return fixed


def build(
    instance: Instance,
    *,
    companies: Sequence[float] | None = None,
    drop: frozenset[str] = frozenset(),
    extra: Mapping[tuple[str, str], float] | None = None,
    elastic: frozenset[str] = frozenset(),
) -> Built:
    """The model; `companies` replaces each demand's point estimate (robustness), `drop` leaves
    out families of rows, `extra` adds to a limit's right-hand side (the value of one more unit),
    `elastic` lets the rows of these families break at a price and asks only for the least
    breach (explaining infeasibility)."""
    extra = extra or {}
    drop = drop | elastic  # for the columns' bounds an elastic family is not there
    res = instance.resources
    online = online_key(instance)
    amounts = [d.companies for d in instance.demands] if companies is None else list(companies)
    values = value_table(instance)
    fixed = fixed_index(instance, online) if "fixed" not in drop else {}
    excluded = defaultdict(list)
    for e in instance.excluded:
        excluded[e.option].append(e)

    def is_excluded(o: Option, place: str, month: str) -> bool:
        return any(
            (e.place is None or e.place == place) and (e.month is None or e.month == month)
            for e in excluded.get(o.key, ())
        )

    def days(month: str, comp: str) -> float:
        return res.trainer_days.get((month, comp), 0.0) + extra.get(
            ("trainer_days", f"{month}|{comp}"), 0.0
        )

    budget = res.budget + extra.get(("budget", ""), 0.0)

    pairs = {(oi, p) for (di, oi, p) in values if amounts[di] > 0}
    pairs |= {(oi, p) for (oi, p, _) in fixed}
    b = Built(elastic=elastic)
    b.fixed = dict(fixed)
    n_months = len(res.months)
    for oi, p in sorted(pairs):
        o = instance.options[oi]
        for mi, m in enumerate(res.months):
            key = (oi, p, m)
            if key in fixed:
                n = float(fixed[key])
                b.x[key] = b.col(0.0, n, n, True)
                continue
            if is_excluded(o, p, m):
                continue
            # bounds from the limits that are in the model: keep the branch-and-bound small
            if o.online:
                up = float(res.online_sessions_per_month) + extra.get(("online_month", m), 0.0)
                up = up if "online_month" not in drop else math.inf
            else:
                up = float(res.sessions_per_place_month) + extra.get(
                    ("place_month", f"{p}|{m}"), 0.0
                )
                up = up if "place_month" not in drop else math.inf
            if "trainer_days" not in drop and o.trainer_days > 0:
                up = min(up, math.floor(days(m, o.competence) / o.trainer_days + 1e-9))
            if "budget" not in drop and o.cost > 0:
                up = min(up, math.floor(budget / o.cost + 1e-9))
            if up < 1:
                continue
            # earlier months a hair cheaper: a deterministic choice among equal months
            tie = SESSION_COST * (1.0 + mi / (10.0 * n_months))
            b.x[key] = b.col(-tie, 0.0, up, True)

    x_by_pair: dict[tuple[int, str], list[int]] = defaultdict(list)
    for (oi, p, _), c in b.x.items():
        x_by_pair[(oi, p)].append(c)
    by_demand: dict[int, dict[int, float]] = defaultdict(dict)
    by_pair: dict[tuple[int, str], dict[int, float]] = defaultdict(dict)
    for (di, oi, p), v in sorted(values.items()):
        if amounts[di] <= 0 or (oi, p) not in x_by_pair:
            continue
        d = instance.demands[di]
        c = b.col(v * d.weight, 0.0, float(amounts[di]), False)
        b.y[(di, oi, p)] = c
        b.y_value[c] = v
        by_demand[di][c] = 1.0
        by_pair[(oi, p)][c] = 1.0

    inf = math.inf
    for di, row in by_demand.items():
        b.row(row, -inf, float(amounts[di]), None)
    for (oi, p), xs in x_by_pair.items():
        o = instance.options[oi]
        ys = by_pair.get((oi, p), {})
        cap = dict(ys)
        cap.update({c: -float(o.max_participants) for c in xs})
        b.row(cap, -inf, 0.0, None)
        if o.min_participants > 0 and (
            "min_participants" not in drop or "min_participants" in elastic
        ):
            low = dict(ys)
            low.update({c: -float(o.min_participants) for c in xs})
            b.row(low, 0.0, inf, ("min_participants", f"{o.key}|{p}"))

    _resource_rows(b, instance, online, drop - elastic, extra, days, budget)
    if elastic:
        slacks = set(b.slack.values())
        b.cost = [c if i in slacks else 0.0 for i, c in enumerate(b.cost)]
    return b


def _resource_rows(
    b: Built,
    instance: Instance,
    online: str,
    drop: frozenset[str],
    extra: Mapping[tuple[str, str], float],
    days: Callable[[str, str], float],
    budget: float,
) -> None:
    """Trainer days, budget, place and month, online and month, land share."""
    inf = math.inf
    res = instance.resources
    trainer: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    place_month: dict[tuple[str, str], dict[int, float]] = defaultdict(dict)
    online_month: dict[str, dict[int, float]] = defaultdict(dict)
    cost: dict[int, float] = {}
    lands = {p.key: p.land for p in instance.places if not p.online}
    in_land: dict[str, dict[int, float]] = defaultdict(dict)
    for (oi, p, m), c in b.x.items():
        o = instance.options[oi]
        if o.trainer_days:
            trainer[(m, o.competence)][c] = o.trainer_days
        if o.cost:
            cost[c] = o.cost
        if p == online:
            online_month[m][c] = 1.0
        else:
            place_month[(p, m)][c] = 1.0
            in_land[lands[p]][c] = 1.0
    if "trainer_days" not in drop:
        for (m, comp), row in sorted(trainer.items()):
            b.row(row, -inf, days(m, comp), ("trainer_days", f"{m}|{comp}"))
    if "budget" not in drop and cost:
        # in thousands of EUR: costs of 1e3 next to coefficients of 1 slow HiGHS's LP
        b.row(
            {c: v / BUDGET_UNIT for c, v in cost.items()},
            -inf,
            budget / BUDGET_UNIT,
            ("budget", ""),
        )
    if "place_month" not in drop:
        for (p, m), row in sorted(place_month.items()):
            cap = res.sessions_per_place_month + extra.get(("place_month", f"{p}|{m}"), 0.0)
            b.row(row, -inf, float(cap), ("place_month", f"{p}|{m}"))
    if "online_month" not in drop:
        for m, row in sorted(online_month.items()):
            cap = res.online_sessions_per_month + extra.get(("online_month", m), 0.0)
            b.row(row, -inf, float(cap), ("online_month", m))
    share = instance.policy.min_share_per_land
    if share > 0 and "land_share" not in drop:
        # the Lands of the region: those with demand and a place to hold sessions at
        region = sorted(set(lands.values()) & {d.land for d in instance.demands})
        if region:
            # one column for all sessions keeps each Land's row short (else every row holds
            # every session)
            total = b.total = b.col(0.0, 0.0, inf, False)
            b.row({**dict.fromkeys(b.x.values(), 1.0), total: -1.0}, 0.0, 0.0, None)
        for land in region:
            row = {**in_land.get(land, {}), total: -share}
            b.row(row, 0.0, inf, ("land_share", land))

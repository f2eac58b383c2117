"""greedy(): the baseline the optimiser is measured against. Pure: no Django.

Session by session: take the (option, place) whose next session covers the most weighted need
per trainer day (filled with the best-served remaining demand up to the maximum size, at least
the minimum), in the first month where trainer days, budget and the place's (or online) slots
allow; repeat until nothing fits. A Land below its share then gets sessions added, or others
removed, until every share holds. Every greedy plan is feasible for the MIP, so `solve()` started
from it is never worse.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from dataclasses import dataclass, field

from .build import fixed_index, online_key, value_table
from .model import Instance, Plan
from .solve import assemble

_EPS = 1e-9


@dataclass
class _Session:
    option: int
    place: str
    month: str
    fills: dict[int, float] = field(default_factory=dict)
    gain: float = 0.0
    fixed: bool = False


class _State:
    def __init__(self, instance: Instance) -> None:
        self.instance = instance
        res = instance.resources
        self.online = online_key(instance)
        self.left = [d.companies for d in instance.demands]
        self.days = dict(res.trainer_days)
        self.budget = res.budget
        self.slots: dict[tuple[str, str], int] = defaultdict(int)  # (place, month) -> used
        self.sessions: list[_Session] = []
        self.land = {p.key: p.land for p in instance.places if not p.online}
        # (option, place) -> [(weighted value, demand, value)], best first
        self.served: dict[tuple[int, str], list[tuple[float, int, float]]] = defaultdict(list)
        for (di, oi, p), v in value_table(instance).items():
            w = v * instance.demands[di].weight
            self.served[(oi, p)].append((w, di, v))
        for entries in self.served.values():
            entries.sort(key=lambda e: (-e[0], e[1]))
        options = {o.key: i for i, o in enumerate(instance.options)}
        # a locked (option, place, month) holds exactly its locked sessions
        self.locked = {(options.get(f.option, -1), f.place, f.month) for f in instance.fixed}
        self.excluded = defaultdict(list)
        for e in instance.excluded:
            self.excluded[e.option].append(e)

    def fill(self, oi: int, p: str) -> tuple[float, dict[int, float]]:
        """Weighted gain and fills of one more session of option oi at p."""
        room = float(self.instance.options[oi].max_participants)
        fills: dict[int, float] = {}
        gain = 0.0
        for w, di, _ in self.served.get((oi, p), ()):
            if room <= _EPS:
                break
            take = min(room, self.left[di])
            if take > _EPS:
                fills[di] = take
                gain += w * take
                room -= take
        return gain, fills

    def month_for(self, oi: int, p: str) -> str | None:
        o = self.instance.options[oi]
        res = self.instance.resources
        if o.cost > self.budget + _EPS:
            return None
        cap = res.online_sessions_per_month if p == self.online else res.sessions_per_place_month
        for m in res.months:
            if any(
                (e.place is None or e.place == p) and (e.month is None or e.month == m)
                for e in self.excluded.get(o.key, ())
            ):
                continue
            if self.slots[(p, m)] >= cap or (oi, p, m) in self.locked:
                continue
            if o.trainer_days > 0 and self.days.get((m, o.competence), 0.0) < o.trainer_days - _EPS:
                continue
            return m
        return None

    def add(self, s: _Session) -> None:
        o = self.instance.options[s.option]
        self.days[(s.month, o.competence)] = (
            self.days.get((s.month, o.competence), 0.0) - o.trainer_days
        )
        self.budget -= o.cost
        self.slots[(s.place, s.month)] += 1
        for di, amount in s.fills.items():
            self.left[di] -= amount
        self.sessions.append(s)

    def remove(self, s: _Session) -> None:
        o = self.instance.options[s.option]
        self.days[(s.month, o.competence)] += o.trainer_days
        self.budget += o.cost
        self.slots[(s.place, s.month)] -= 1
        for di, amount in s.fills.items():
            self.left[di] += amount
        self.sessions.remove(s)

    def score(self, oi: int, p: str) -> tuple[float, dict[int, float]]:
        """Gain per trainer day, and the fills; 0 when the minimum size is not reached."""
        o = self.instance.options[oi]
        gain, fills = self.fill(oi, p)
        if gain <= _EPS or sum(fills.values()) < o.min_participants - _EPS:
            return 0.0, fills
        return gain / max(o.trainer_days, 1e-3), fills


def greedy(instance: Instance) -> Plan:
    fixed_index(instance, online_key(instance))  # unknown keys are an error, as in solve()
    st = _State(instance)
    options = {o.key: i for i, o in enumerate(instance.options)}
    for f in instance.fixed:
        oi = options[f.option]
        for _ in range(f.sessions):
            gain, fills = st.fill(oi, f.place)
            st.add(_Session(oi, f.place, f.month, fills, gain, fixed=True))
    ok = _within_limits(st)

    heap = [(-st.score(oi, p)[0], oi, p) for (oi, p) in st.served]
    heap = [e for e in heap if e[0] < 0]
    heapq.heapify(heap)
    while heap:
        _, oi, p = heapq.heappop(heap)
        score, fills = st.score(oi, p)
        if score <= _EPS:
            continue
        if heap and score < -heap[0][0] - _EPS:
            heapq.heappush(heap, (-score, oi, p))  # stale: another pair is better now
            continue
        m = st.month_for(oi, p)
        if m is None:
            continue  # resources only shrink: this pair never fits again
        st.add(_Session(oi, p, m, fills, score))
        heapq.heappush(heap, (-score, oi, p))
    _repair_shares(st)
    return _plan(st, ok and _within_limits(st))


def _land_counts(st: _State) -> tuple[dict[str, int], int]:
    counts: dict[str, int] = defaultdict(int)
    for s in st.sessions:
        if s.place in st.land:
            counts[st.land[s.place]] += 1
    return counts, len(st.sessions)


def _deficient(st: _State) -> str | None:
    share = st.instance.policy.min_share_per_land
    if share <= 0:
        return None
    lands = set(st.land.values()) & {d.land for d in st.instance.demands}
    counts, total = _land_counts(st)
    for land in sorted(lands):
        if counts[land] < share * total - _EPS:
            return land
    return None


def _repair_shares(st: _State) -> None:
    """Add the best session a short Land can take; failing that, drop the weakest elsewhere."""
    for _ in range(10 * len(st.sessions) + 10):
        land = _deficient(st)
        if land is None:
            return
        best = None
        for oi, p in st.served:
            if st.land.get(p) != land:
                continue
            score, fills = st.score(oi, p)
            if score > 0 and (best is None or score > best[0]) and st.month_for(oi, p):
                best = (score, oi, p, fills)
        if best is not None:
            score, oi, p, fills = best
            st.add(_Session(oi, p, st.month_for(oi, p) or "", fills, score))
            continue
        others = [s for s in st.sessions if not s.fixed and st.land.get(s.place) != land]
        if not others:
            break
        st.remove(min(others, key=lambda s: s.gain))
    if _deficient(st) is not None:  # give up: only the locked sessions remain
        for s in [s for s in st.sessions if not s.fixed]:
            st.remove(s)


def _within_limits(st: _State) -> bool:
    """False when the locked sessions alone break a limit (the MIP then explains which)."""
    res = st.instance.resources
    if st.budget < -_EPS or any(v < -_EPS for v in st.days.values()):
        return False
    for (p, _), used in st.slots.items():
        cap = res.online_sessions_per_month if p == st.online else res.sessions_per_place_month
        if used > cap:
            return False
    pairs: dict[tuple[int, str], float] = defaultdict(float)
    counts: dict[tuple[int, str], int] = defaultdict(int)
    for s in st.sessions:
        pairs[(s.option, s.place)] += sum(s.fills.values())
        counts[(s.option, s.place)] += 1
    for (oi, p), people in pairs.items():
        if people < st.instance.options[oi].min_participants * counts[(oi, p)] - _EPS:
            return False
    return _deficient(st) is None


def _plan(st: _State, feasible: bool) -> Plan:
    sessions: dict[tuple[int, str, str], int] = defaultdict(int)
    assignment: dict[tuple[int, int, str], float] = defaultdict(float)
    fixed: dict[tuple[int, str, str], int] = defaultdict(int)
    for s in st.sessions:
        sessions[(s.option, s.place, s.month)] += 1
        if s.fixed:
            fixed[(s.option, s.place, s.month)] += 1
        for di, amount in s.fills.items():
            assignment[(di, s.option, s.place)] += amount
    if not feasible:
        return Plan("infeasible", 0.0, float("inf"), (), {}, ())
    # "heuristic": a feasible plan without any proof of how far from the best it is
    return assemble(st.instance, sessions, assignment, fixed, "heuristic", float("inf"))

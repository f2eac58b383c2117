"""The greedy set-cover baseline: repeatedly take the bundle (a module that closes open gaps,
with the prerequisites it still needs) with the most gaps closed per weighted cost, and schedule
it at the earliest options that fit the budget and the free seats. Never better than the MIP (the
tests and the benchmark check that); kept as the comparison the benchmark reports.
"""

from __future__ import annotations

from collections import defaultdict

from .catalogue import Option, Problem
from .inputs import Weights


class _State:
    def __init__(self, problem: Problem, seats: dict[str, int] | None) -> None:
        self.p = problem
        self.chosen: dict[str, Option] = {}
        self.used: dict[int, float] = defaultdict(float)
        self.seats = seats  # shared and decremented in team use

    def ready(self, j: str) -> int | None:
        """First month j may start, or None when a prerequisite is not in the plan."""
        ready = 0
        for k in self.p.needs_modules(j):
            if k not in self.chosen:
                return None
            ready = max(ready, self.chosen[k].end + 1)
        for c, lvl in self.p.level_prereqs.get(j, ()):
            ends = [
                o.end for k, o in self.chosen.items() if self.p.modules[k].reaches.get(c, 0) >= lvl
            ]
            if not ends:
                return None
            ready = max(ready, min(ends) + 1)
        return ready

    def fits(self, o: Option) -> bool:
        budget = self.p.learner.monthly_hours + 1e-9
        if any(self.used[m] + h > budget for m, h in o.hours):
            return False
        return o.offer is None or self.seats is None or self.seats.get(o.offer, 1) > 0

    def take(self, o: Option) -> None:
        self.chosen[o.module] = o
        for m, h in o.hours:
            self.used[m] += h
        if o.offer is not None and self.seats is not None and o.offer in self.seats:
            self.seats[o.offer] -= 1

    def drop(self, o: Option) -> None:
        del self.chosen[o.module]
        for m, h in o.hours:
            self.used[m] -= h
        if o.offer is not None and self.seats is not None and o.offer in self.seats:
            self.seats[o.offer] += 1

    def schedule(self, order: list[str]) -> bool:
        taken: list[Option] = []
        for j in order:
            ready = self.ready(j)
            option = None
            if ready is not None:
                option = min(
                    (o for o in self.p.options[j] if o.start >= ready and self.fits(o)),
                    key=lambda o: (o.end, o.start, o.offer or ""),
                    default=None,
                )
            if option is None:
                for o in reversed(taken):
                    self.drop(o)
                return False
            self.take(option)
            taken.append(option)
        return True


Bundle = tuple[list[str], float] | None


def _bundle(
    state: _State, j: str, weights: Weights, visiting: frozenset[str], memo: dict[str, Bundle]
) -> Bundle:
    """j with the prerequisites not yet planned, prerequisites first, and its weighted cost.
    Memoised per round (a heuristic: a bundle cut short by a cycle stays cut short)."""
    if j not in memo:
        memo[j] = _bundle_uncached(state, j, weights, visiting, memo)
    return memo[j]


def _bundle_uncached(
    state: _State, j: str, weights: Weights, visiting: frozenset[str], memo: dict[str, Bundle]
) -> Bundle:
    p = state.p
    if j in state.chosen:
        return [], 0.0
    if j in visiting or j not in p.options:
        return None
    visiting = visiting | {j}
    order: list[str] = []
    cost = 0.0
    module = p.modules[j]
    for k in p.needs_modules(j):
        sub = _bundle(state, k, weights, visiting, memo)
        if sub is None:
            return None
        order += [m for m in sub[0] if m not in order]
        cost += sub[1]
    for c, lvl in p.level_prereqs.get(j, ()):
        if any(p.modules[k].reaches.get(c, 0) >= lvl for k in list(state.chosen) + order):
            continue
        best = None
        for k in p.options:
            if k != j and p.modules[k].reaches.get(c, 0) >= lvl:
                sub = _bundle(state, k, weights, visiting, memo)
                if sub is not None and (best is None or sub[1] < best[1]):
                    best = sub
        if best is None:
            return None
        order += [m for m in best[0] if m not in order]
        cost += best[1]
    order.append(j)
    return order, cost + weights.step(module.hours, module.cost, 0)


def greedy(
    problem: Problem, weights: Weights, seats: dict[str, int] | None = None
) -> list[Option] | None:
    """The greedy plan's options, or None when the locked modules cannot be scheduled."""
    state = _State(problem, seats)
    for j in sorted(problem.learner.locked):
        bundle = _bundle(state, j, weights, frozenset(), {})
        if bundle is None or not state.schedule(bundle[0]):
            for o in list(state.chosen.values()):
                state.drop(o)
            return None
    failed: set[tuple[str, ...]] = set()  # bundles that did not fit never will (plans only grow)
    while True:
        targets = {c: t for c, (_, t) in problem.gaps.items()}
        open_gaps = {
            c
            for c, t in targets.items()
            if not any(problem.modules[k].reaches.get(c, 0) >= t for k in state.chosen)
        }
        candidates = []
        memo: dict[str, Bundle] = {}
        for c in sorted(open_gaps):
            for j in problem.providers.get(c, ()):
                bundle = _bundle(state, j, weights, frozenset(), memo)
                if bundle is None or tuple(bundle[0]) in failed:
                    continue
                order, cost = bundle
                gain = sum(
                    1
                    for g in open_gaps
                    if any(problem.modules[k].reaches.get(g, 0) >= targets[g] for k in order)
                )
                candidates.append((-gain / max(cost, 1e-9), cost, tuple(order)))
        if not candidates:
            return list(state.chosen.values())
        for _, _, ordered in sorted(set(candidates)):
            if state.schedule(list(ordered)):
                break
            failed.add(ordered)
        else:
            return list(state.chosen.values())

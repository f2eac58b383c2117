"""The catalogue index and, per learner, the candidate modules with their feasible options.

An option is one way to take a module: a concrete offer (months from its first to its last
session, hours spread evenly over them) or, for a self-paced module, one month of the window.
Options that can never be part of a plan are dropped here, with the reason kept for the
explanation of open gaps: outside the dates, out of reach, no free seat, more hours than one month's
budget, prerequisites that cannot be completed before the option starts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field

from .inputs import Learner, Module, Offer, month_number

INF = 10**9

# How far a module got towards the plan; the furthest stage of any module names an open gap's cause.
STAGE_NO_DATE = 1
STAGE_NOT_IN_REACH = 2
STAGE_NO_SEAT = 3
STAGE_BUDGET = 4
STAGE_PREREQUISITE = 5


class CatalogueError(ValueError):
    pass


class Catalogue:
    """Modules and offers, indexed once; build it once and plan many learners against it."""

    def __init__(self, modules: Iterable[Module], offers: Iterable[Offer] = ()) -> None:
        self.modules: dict[str, Module] = {}
        for module in modules:
            if module.id in self.modules:
                raise CatalogueError(f"Modul {module.id!r} ist doppelt.")
            self.modules[module.id] = module
        self.offers: dict[str, Offer] = {}
        self.offers_of: dict[str, list[Offer]] = defaultdict(list)
        for offer in offers:
            if offer.module not in self.modules:
                raise CatalogueError(f"Termin {offer.id!r}: unbekanntes Modul {offer.module!r}.")
            self.offers[offer.id] = offer
            self.offers_of[offer.module].append(offer)
        # competence -> [(level, module id)], highest level first
        self.by_competence: dict[str, list[tuple[int, str]]] = defaultdict(list)
        for module in self.modules.values():
            for competence, level in module.reaches.items():
                self.by_competence[competence].append((level, module.id))
        for entries in self.by_competence.values():
            entries.sort(key=lambda e: (-e[0], e[1]))

    def reaching(self, competence: str, level: int) -> list[str]:
        return [m for lvl, m in self.by_competence.get(competence, ()) if lvl >= level]


def prerequisite_cycle(modules: Iterable[Module]) -> list[str] | None:
    """A cycle of module prerequisites as [a, b, ..., a], or None. The catalogue refuses cycles."""
    graph = {m.id: m.requires_modules for m in modules}
    colour: dict[str, int] = {}
    for root in sorted(graph):
        if colour.get(root):
            continue
        path: list[str] = []
        stack = [(root, iter(graph[root]))]
        colour[root], path = 1, [root]
        while stack:
            node, children = stack[-1]
            child = next(children, None)
            if child is None:
                colour[node] = 2
                stack.pop()
                path.pop()
            elif child in graph and colour.get(child) == 1:
                return [*path[path.index(child) :], child]
            elif child in graph and not colour.get(child):
                colour[child] = 1
                path.append(child)
                stack.append((child, iter(graph[child])))
    return None


@dataclass(frozen=True)
class Option:
    module: str
    offer: str | None
    start: int  # month index in the learner's window
    end: int  # completion month index
    hours: tuple[tuple[int, float], ...]  # (month index, hours in that month)


@dataclass
class Problem:
    """One learner's planning problem after pruning."""

    learner: Learner
    base: int  # month number of the window's first month
    n_months: int
    gaps: dict[str, tuple[int, int]]
    options: dict[str, list[Option]]  # candidate module -> feasible options
    providers: dict[str, list[str]]  # gap competence -> candidates reaching the target
    level_prereqs: dict[str, list[tuple[str, int]]]  # module -> unmet level prerequisites
    stage: dict[str, int] = field(default_factory=dict)  # dropped module -> furthest stage
    missing_locked: list[str] = field(default_factory=list)
    modules: dict[str, Module] = field(default_factory=dict)

    def needs_modules(self, j: str) -> list[str]:
        """j's module prerequisites the learner has not completed yet."""
        done = self.learner.completed
        return [k for k in self.modules[j].requires_modules if k not in done]


def _unmet_levels(module: Module, learner: Learner) -> list[tuple[str, int]]:
    return [
        (c, lvl)
        for c, lvl in sorted(module.requires_levels.items())
        if learner.current.get(c, 0) < lvl
    ]


def prepare(learner: Learner, cat: Catalogue) -> Problem:
    base = month_number(learner.start)
    n_months = max(0, month_number(learner.end) - base + 1)
    gaps = learner.gaps()
    # completed modules are done: not planned again (unless the person fixed one in the plan)
    excluded = learner.excluded | (learner.completed - learner.locked)
    done = learner.completed

    # 1. Relevant modules: those closing a gap, the locked ones, and their prerequisites.
    relevant: set[str] = set()
    queue = [m for c, (_, t) in gaps.items() for m in cat.reaching(c, t) if m not in excluded]
    missing_locked = sorted(m for m in learner.locked if m not in cat.modules)
    queue += [m for m in learner.locked if m in cat.modules and m not in excluded]
    while queue:
        j = queue.pop()
        if j in relevant:
            continue
        relevant.add(j)
        module = cat.modules[j]
        queue += [
            k
            for k in module.requires_modules
            if k in cat.modules and k not in excluded and k not in done
        ]
        for c, lvl in _unmet_levels(module, learner):
            # a module that itself needs level >= lvl of c can never be the first to reach it
            queue += [
                k
                for k in cat.reaching(c, lvl)
                if k not in relevant
                and k not in excluded
                and cat.modules[k].requires_levels.get(c, 0) < lvl
            ]

    # 2. Options per relevant module, and how far the others got.
    stage: dict[str, int] = {}
    options: dict[str, list[Option]] = {}
    budget = learner.monthly_hours
    for j in sorted(relevant):
        module = cat.modules[j]
        offers = cat.offers_of.get(j)
        found: list[Option] = []
        if not offers:
            if module.hours <= budget + 1e-9:
                found = [Option(j, None, m, m, ((m, module.hours),)) for m in range(n_months)]
            best = STAGE_BUDGET if n_months else STAGE_NO_DATE
        else:
            best = 0  # the furthest check any offer failed; passing them all makes an option
            for offer in offers:
                if offer.first_date < learner.start or offer.last_date > learner.end:
                    best = max(best, STAGE_NO_DATE)
                elif not learner.reaches(offer):
                    best = max(best, STAGE_NOT_IN_REACH)
                elif offer.free_seats < 1:
                    best = max(best, STAGE_NO_SEAT)
                else:
                    s = month_number(offer.first_date) - base
                    e = month_number(offer.last_date) - base
                    per_month = module.hours / (e - s + 1)
                    if per_month > budget + 1e-9:
                        best = max(best, STAGE_BUDGET)
                    else:
                        hours = tuple((m, per_month) for m in range(s, e + 1))
                        found.append(Option(j, offer.id, s, e, hours))
        if found:
            options[j] = found
        else:
            stage[j] = best

    # 3. Earliest completion with prerequisites (a fixpoint); drop options that start too early.
    unmet = {j: _unmet_levels(cat.modules[j], learner) for j in options}
    reach_of = {j: cat.modules[j].reaches for j in options}

    level_providers = {
        (c, lvl): [k for k in options if reach_of[k].get(c, 0) >= lvl]
        for j in options
        for c, lvl in unmet[j]
    }

    def ready_month(j: str, earliest: dict[str, int]) -> int:
        """First month in which j may start, given earliest completions so far."""
        ready = 0
        for k in cat.modules[j].requires_modules:
            if k not in done:
                ready = max(ready, earliest.get(k, INF) + 1)
        for c, lvl in unmet[j]:
            best = min(
                (earliest.get(k, INF) for k in level_providers[(c, lvl)] if k != j), default=INF
            )
            ready = max(ready, best + 1)
        return ready

    earliest: dict[str, int] = {}
    changed = True
    while changed:
        changed = False
        for j in options:
            ready = ready_month(j, earliest)
            end = min((o.end for o in options[j] if o.start >= ready), default=INF)
            if end < earliest.get(j, INF):
                earliest[j] = end
                changed = True
    for j in list(options):
        ready = ready_month(j, earliest)
        kept = [o for o in options[j] if o.start >= ready]
        if kept:
            options[j] = kept
        else:
            del options[j]
            stage[j] = STAGE_PREREQUISITE

    # 4. Keep only what can help: gap closers, locked modules, and their prerequisites.
    providers = {c: [m for m in cat.reaching(c, t) if m in options] for c, (_, t) in gaps.items()}
    useful: set[str] = set()
    queue = [m for ms in providers.values() for m in ms] + [
        m for m in learner.locked if m in options
    ]
    while queue:
        j = queue.pop()
        if j in useful:
            continue
        useful.add(j)
        queue += [k for k in cat.modules[j].requires_modules if k in options and k not in done]
        for c, lvl in unmet[j]:
            queue += [k for k in level_providers[(c, lvl)] if k in options and k not in useful]
    options = {j: options[j] for j in sorted(useful)}
    return Problem(
        learner=learner,
        base=base,
        n_months=n_months,
        gaps=gaps,
        options=options,
        providers=providers,
        level_prereqs={j: unmet[j] for j in options},
        stage=stage,
        missing_locked=missing_locked,
        modules=cat.modules,
    )

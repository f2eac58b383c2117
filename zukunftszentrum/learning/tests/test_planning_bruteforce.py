"""Optimality against brute force: on small random instances (fixed seeds) every combination of
modules and options is enumerated with an independent reading of the rules, and the MIP must find
the best one; the greedy baseline must be feasible and never better."""

import itertools
import random
from datetime import date

import pytest

from zukunftszentrum.learning.planning import (
    INFEASIBLE,
    Catalogue,
    Learner,
    Module,
    Offer,
    Weights,
    greedy_person,
    greedy_team,
    plan_person,
    plan_team,
)

COMPETENCES = ("c0", "c1", "c2")
LANDS = ("HH", "BY")
EPS = 1e-7


def month_index(day: date) -> int:
    return day.month - 1  # all instances live in 2027, window from January


def random_instance(rng: random.Random, n_modules: int):
    modules, offers = [], []
    for i in range(n_modules):
        reaches = {c: rng.randint(2, 4) for c in rng.sample(COMPETENCES, rng.choice((1, 1, 2)))}
        requires_modules = ()
        requires_levels = {}
        if i and rng.random() < 0.3:
            requires_modules = (f"m{rng.randrange(n_modules)}",)
        if rng.random() < 0.4:
            c = rng.choice(COMPETENCES)
            requires_levels = {c: max(1, reaches.get(c, 2) - 1)}
        modules.append(
            Module(
                f"m{i}",
                reaches,
                hours=rng.choice((1, 2, 2.5, 3, 4, 6, 8)),
                cost=rng.choice((0, 0, 40, 90, 200)),
                requires_modules=requires_modules,
                requires_levels=requires_levels,
            )
        )
        if rng.random() < 0.6:
            for k in range(rng.randint(1, 3)):
                first = rng.randint(1, 4)
                last = min(4, first + rng.choice((0, 0, 1)))
                online = rng.random() < 0.3
                offers.append(
                    Offer(
                        f"o{i}.{k}",
                        f"m{i}",
                        date(2027, first, rng.randint(1, 28)),
                        date(2027, last, 28),
                        free_seats=rng.choice((0, 1, 1, 2, 3)),
                        online=online,
                        land="" if online else rng.choice(LANDS),
                    )
                )
    return modules, offers


def random_learner(rng: random.Random, name: str, modules, targets=None) -> Learner:
    current = {c: rng.randint(0, 2) for c in COMPETENCES}
    targets = targets or {c: rng.randint(1, 4) for c in COMPETENCES}
    ids = [m.id for m in modules]
    locked = frozenset(rng.sample(ids, 1)) if rng.random() < 0.15 else frozenset()
    excluded = frozenset(rng.sample(ids, 1)) if rng.random() < 0.15 else frozenset()
    return Learner(
        name,
        current,
        targets,
        start=date(2027, 1, 1),
        end=date(2027, rng.choice((2, 3, 4)), 28),
        monthly_hours=rng.choice((5, 8, 10, 12)),
        land="HH",
        accepts_online=rng.random() < 0.8,
        travels=rng.random() < 0.8,
        locked=locked,
        excluded=excluded - locked,
    )


def person_options(learner: Learner, module: Module, offers: list[Offer]):
    """Every way to take the module: (offer id or None, start month, end month, hours by month)."""
    last_month = month_index(learner.end)
    mine = [o for o in offers if o.module == module.id]
    if not mine:
        return [(None, m, m, {m: module.hours}) for m in range(last_month + 1)]
    out = []
    for o in mine:
        in_dates = learner.start <= o.first_date and o.last_date <= learner.end
        in_reach = (o.online and learner.accepts_online) or (
            not o.online and learner.travels and o.land == learner.land
        )
        if in_dates and in_reach and o.free_seats > 0:
            s, e = month_index(o.first_date), month_index(o.last_date)
            out.append((o.id, s, e, {m: module.hours / (e - s + 1) for m in range(s, e + 1)}))
    return out


def evaluate(learner: Learner, modules: list[Module], choice, weights: Weights):
    """(open gaps, weighted total) of a choice {module id: option}, or None when it breaks a rule."""
    by_id = {m.id: m for m in modules}
    if any(j in learner.excluded for j in choice) or not learner.locked <= set(choice):
        return None
    used: dict[int, float] = {}
    for _, _, _, hours in choice.values():
        for m, h in hours.items():
            used[m] = used.get(m, 0) + h
    if any(h > learner.monthly_hours + 1e-9 for h in used.values()):
        return None
    for j, (_, start, _, _) in choice.items():
        module = by_id[j]
        for k in module.requires_modules:
            if k not in choice or choice[k][2] >= start:
                return None
        for c, lvl in module.requires_levels.items():
            if learner.current.get(c, 0) >= lvl:
                continue
            if not any(
                k != j and by_id[k].reaches.get(c, 0) >= lvl and opt[2] < start
                for k, opt in choice.items()
            ):
                return None
    open_gaps = 0
    for c, target in learner.targets.items():
        if target > learner.current.get(c, 0) and not any(
            by_id[k].reaches.get(c, 0) >= target for k in choice
        ):
            open_gaps += 1
    total = sum(weights.step(by_id[j].hours, by_id[j].cost, o[2]) for j, o in choice.items())
    return open_gaps, total


def all_choices(learner, modules, offers):
    per_module = [[None, *person_options(learner, m, offers)] for m in modules]
    for combo in itertools.product(*per_module):
        yield {m.id: o for m, o in zip(modules, combo, strict=True) if o is not None}


def brute_force_person(learner, modules, offers, weights):
    best = None
    for choice in all_choices(learner, modules, offers):
        value = evaluate(learner, modules, choice, weights)
        if value is not None and (
            best is None or value[0] < best[0] or (value[0] == best[0] and value[1] < best[1] - EPS)
        ):
            best = value
    return best


def plan_as_choice(plan, learner, modules, offers):
    """The plan in the brute force's terms, so the same rules judge it."""
    by_id = {m.id: m for m in modules}
    choice = {}
    for step in plan.steps:
        matches = [
            o
            for o in person_options(learner, by_id[step.module], offers)
            if o[0] == step.offer and o[2] == month_index(step.month)
        ]
        assert matches, f"step {step} is not a valid option"
        choice[step.module] = matches[0]
    return choice


@pytest.mark.parametrize("seed", range(200))
def test_person_plan_is_optimal_and_never_worse_than_greedy(seed):
    rng = random.Random(seed)
    modules, offers = random_instance(rng, rng.randint(4, 5))
    learner = random_learner(rng, "p", modules)
    weights = Weights() if seed % 2 else Weights(per_euro=1 / 50)
    cat = Catalogue(modules, offers)
    best = brute_force_person(learner, modules, offers, weights)
    plan = plan_person(learner, cat, weights=weights)
    greedy = greedy_person(learner, cat, weights=weights)
    if best is None:
        assert plan.status == INFEASIBLE
        assert greedy.status == INFEASIBLE
        return
    own = evaluate(learner, modules, plan_as_choice(plan, learner, modules, offers), weights)
    assert own is not None
    assert own[0] == best[0] == len(plan.open_gaps)
    assert own[1] == pytest.approx(best[1], abs=1e-6)
    assert plan.objective == pytest.approx(best[1], abs=1e-6)
    if greedy.status != INFEASIBLE:
        g = evaluate(learner, modules, plan_as_choice(greedy, learner, modules, offers), weights)
        assert g is not None
        assert (g[0], g[1] + EPS) >= own


def brute_force_team(learners, modules, offers, weights):
    """Per person every feasible choice, then every combination within the seats."""
    seats = {o.id: o.free_seats for o in offers}
    feasible = []
    for learner in learners:
        mine = []
        for choice in all_choices(learner, modules, offers):
            value = evaluate(learner, modules, choice, weights)
            if value is not None:
                used = tuple(sorted(o[0] for o in choice.values() if o[0] is not None))
                mine.append((value, used))
        # only the best choice per set of offers used can be part of an optimum
        best_by_use: dict = {}
        for value, used in mine:
            if used not in best_by_use or value < best_by_use[used]:
                best_by_use[used] = value
        feasible.append(list(best_by_use.items()))
    best = None
    for combo in itertools.product(*feasible):
        count: dict[str, int] = {}
        for used, _ in combo:
            for o in used:
                count[o] = count.get(o, 0) + 1
        if any(n > seats[o] for o, n in count.items()):
            continue
        value = (sum(v[0] for _, v in combo), sum(v[1] for _, v in combo))
        if best is None or value[0] < best[0] or (value[0] == best[0] and value[1] < best[1] - EPS):
            best = value
    return best


@pytest.mark.parametrize("seed", range(200))
def test_team_plan_is_optimal_within_shared_seats(seed):
    rng = random.Random(10_000 + seed)
    modules, offers = random_instance(rng, rng.randint(2, 4))
    offers = [o for o in offers if o.free_seats <= 2]  # scarce seats, so people compete
    team_targets = {c: rng.randint(2, 3) for c in COMPETENCES}  # a team shares its targets
    learners = [
        random_learner(rng, f"p{i}", modules, team_targets) for i in range(rng.choice((2, 2, 3)))
    ]
    learners = [
        Learner(**{**x.__dict__, "locked": frozenset(), "excluded": frozenset()}) for x in learners
    ]
    cat = Catalogue(modules, offers)
    weights = Weights()
    best = brute_force_team(learners, modules, offers, weights)
    team = plan_team(learners, cat, weights=weights)
    assert best is not None
    values = [
        evaluate(x, modules, plan_as_choice(team.plans[x.id], x, modules, offers), weights)
        for x in learners
    ]
    assert all(v is not None for v in values)
    total = (sum(v[0] for v in values), sum(v[1] for v in values))
    assert total[0] == best[0]
    assert total[1] == pytest.approx(best[1], abs=1e-6)
    seats = {o.id: o.free_seats for o in offers}
    assert all(len(ids) <= seats[o] for o, ids in team.schedule.items())
    greedy = greedy_team(learners, cat, weights=weights)
    assert all(len(ids) <= seats[o] for o, ids in greedy.schedule.items())
    g_values = [
        evaluate(x, modules, plan_as_choice(greedy.plans[x.id], x, modules, offers), weights)
        for x in learners
    ]
    g_total = (sum(v[0] for v in g_values), sum(v[1] for v in g_values))
    assert (g_total[0], g_total[1] + EPS) >= total


def random_chain_instance(rng: random.Random, n_modules: int):
    """Level chains in one or two competences: modules that need a level of the competence they
    raise (a module needing level 2 and reaching 3, two modules each able to meet the other's
    need), the cases the model's tightened prerequisite and gap rows are about."""
    comps = COMPETENCES[:2]
    modules, offers = [], []
    for i in range(n_modules):
        c = rng.choice(comps)
        level = rng.randint(2, 4)
        reaches = {c: level}
        if rng.random() < 0.3:
            reaches[rng.choice(comps)] = rng.randint(1, level)
        requires = {c: level - rng.randint(1, 2)} if rng.random() < 0.7 else {}
        modules.append(
            Module(
                f"m{i}",
                reaches,
                hours=rng.choice((1, 2, 3, 4, 6)),
                requires_levels={k: v for k, v in requires.items() if v >= 1},
            )
        )
        if rng.random() < 0.4:
            month = rng.randint(1, 3)
            offers.append(
                Offer(f"o{i}", f"m{i}", date(2027, month, 5), date(2027, month, 25), 1, land="HH")
            )
    return modules, offers


@pytest.mark.parametrize("seed", range(150))
def test_plans_through_level_chains_are_optimal(seed):
    rng = random.Random(20_000 + seed)
    modules, offers = random_chain_instance(rng, rng.randint(3, 5))
    learner = Learner(
        "p",
        {c: rng.randint(0, 1) for c in COMPETENCES},
        {c: rng.randint(2, 4) for c in COMPETENCES[:2]},
        start=date(2027, 1, 1),
        end=date(2027, rng.choice((2, 3, 4)), 28),
        monthly_hours=rng.choice((3, 5, 8)),
        land="HH",
    )
    weights = Weights()
    best = brute_force_person(learner, modules, offers, weights)
    plan = plan_person(learner, Catalogue(modules, offers), weights=weights)
    assert best is not None
    own = evaluate(learner, modules, plan_as_choice(plan, learner, modules, offers), weights)
    assert own is not None and own[0] == best[0]
    assert own[1] == pytest.approx(best[1], abs=1e-6)

"""The re-used person model of team plans: a plan with offers forbidden by column bounds and a
warm-started LP must be the plan a model built from scratch gives; people with the same inputs
share one model; a bound is never above the optimum; out of time a team plan stays
seat-feasible and never worse than greedy."""

import itertools
import random
from dataclasses import replace
from datetime import date

import numpy as np
import pytest

from zukunftszentrum.learning.planning import (
    Catalogue,
    Learner,
    Module,
    Offer,
    Weights,
    greedy_team,
    plan_team,
)
from zukunftszentrum.learning.planning.catalogue import prepare
from zukunftszentrum.learning.planning.mip import open_gap_penalty, solve
from zukunftszentrum.learning.planning.person_model import PersonModel, cover_rows, plan_value
from zukunftszentrum.learning.planning.team import person_models

from .test_planning_bruteforce import random_instance, random_learner

W = Weights()


def cold(problem, forbidden):
    """The optimum of a model built from scratch without the forbidden offers' options."""
    options = {
        j: kept
        for j, opts in problem.options.items()
        if (kept := [o for o in opts if o.offer not in forbidden])
    }
    if any(j not in options for j in problem.learner.locked):
        return None
    solution = solve([replace(problem, options=options)], W)
    if solution.status == "infeasible":
        return None
    gaps, total = plan_value(problem, solution.chosen[0], W)
    return open_gap_penalty(problem, W) * gaps + total


@pytest.mark.parametrize("seed", range(60))
def test_forbidding_offers_by_bounds_gives_the_cold_optimum_in_any_order(seed):
    rng = random.Random(50_000 + seed)
    modules, offers = random_instance(rng, rng.randint(4, 6))
    problem = prepare(random_learner(rng, "p", modules), Catalogue(modules, offers))
    model = PersonModel(problem, W)
    used = sorted({o.offer for opts in problem.options.values() for o in opts if o.offer})
    # the empty set, every single offer, some pairs, and the empty set again (the warm basis
    # then comes from another question)
    sets = [(), *[(o,) for o in used], *itertools.islice(itertools.combinations(used, 2), 6), ()]
    rng.shuffle(sets)
    for forbidden in sets:
        expected = cold(problem, set(forbidden))
        status, plan = model.solve(forbidden, 10.0)
        if expected is None:
            assert status == "infeasible" and plan is None
            continue
        assert status == "optimal"
        assert model.value(plan) == pytest.approx(expected, abs=1e-6)
        assert not any(o.offer in forbidden for o in plan)
        assert model.bound(forbidden) == pytest.approx(expected, abs=1e-6)


@pytest.mark.parametrize("seed", range(30))
def test_the_lp_bound_of_an_unsolved_plan_is_never_above_its_optimum(seed):
    rng = random.Random(60_000 + seed)
    modules, offers = random_instance(rng, rng.randint(4, 6))
    problem = prepare(random_learner(rng, "p", modules), Catalogue(modules, offers))
    used = sorted({o.offer for opts in problem.options.values() for o in opts if o.offer})
    for forbidden in [(), *[(o,) for o in used]]:
        model = PersonModel(problem, W)  # fresh: the bound comes from the relaxation
        bound = model.bound(forbidden)
        expected = cold(problem, set(forbidden))
        if expected is None:
            continue  # infeasible: any bound holds
        assert bound <= expected + 1e-9


def _person(name, **kw) -> Learner:
    base = dict(
        id=name,
        current={"prompting": 1},
        targets={"prompting": 3},
        start=date(2027, 1, 1),
        end=date(2027, 6, 30),
        monthly_hours=10,
        land="HH",
    )
    base.update(kw)
    return Learner(**base)


def test_people_with_the_same_inputs_share_one_model_and_its_answers():
    cat = Catalogue(
        [Module("ws", {"prompting": 3}, 6)],
        [Offer("jan", "ws", date(2027, 1, 10), date(2027, 1, 10), 1, land="HH")],
    )
    same = [_person("anna"), _person("ben")]
    other = _person("cem", monthly_hours=4)  # the workshop does not fit: other inputs
    models = person_models([prepare(x, cat) for x in [*same, other]], W)
    assert models[0] is models[1] and models[2] is not models[0]
    status, plan = models[0].solve((), 10.0)
    assert status == "optimal" and [o.offer for o in plan] == ["jan"]
    assert models[1].solve((), 10.0) == (status, plan)
    assert models[1].counts["remembered"] == 1


def test_an_integral_lp_optimum_needs_no_mip():
    # one module, one date: the relaxation's optimum is the plan
    cat = Catalogue(
        [Module("ws", {"prompting": 3}, 6)],
        [Offer("jan", "ws", date(2027, 1, 10), date(2027, 1, 10), 3, land="HH")],
    )
    model = PersonModel(prepare(_person("anna"), cat), W)
    assert model.solve((), 10.0)[0] == "optimal"
    assert model.solve(("jan",), 10.0) == ("optimal", ())  # forbidden: the gap stays open
    assert model.counts["mip"] == 0 and model.counts["lp"] == 2


def _crowd(n: int):
    module = Module("ws", {"prompting": 3}, 6)
    other = Module("selbst", {"prompting": 3}, 6.5)
    offers = [
        Offer(f"o{m}", "ws", date(2027, m, 10), date(2027, m, 10), 1, land="HH")
        for m in range(1, 5)
    ]
    return Catalogue([module, other], offers), [_person(f"p{i}") for i in range(n)]


def _team_value(team, learners, cat):
    problems = {x.id: prepare(x, cat) for x in learners}
    penalty = 1.0 + sum(open_gap_penalty(p, W) - 1.0 for p in problems.values())
    by_offer = {(o.module, o.id) for o in cat.offers.values()}
    total = 0.0
    for x in learners:
        plan = team.plans[x.id]
        total += penalty * len(plan.open_gaps) + plan.objective
        assert all((s.module, s.offer) in by_offer for s in plan.steps if s.offer)
    return total


@pytest.mark.parametrize("limit", [0.0, 60.0])
def test_out_of_time_or_not_the_team_plan_is_seat_feasible_and_never_worse_than_greedy(limit):
    cat, learners = _crowd(7)
    team = plan_team(learners, cat, time_limit=limit)
    assert all(len(ids) <= cat.offers[o].free_seats for o, ids in team.schedule.items())
    greedy = greedy_team(learners, cat)
    assert _team_value(team, learners, cat) <= _team_value(greedy, learners, cat) + 1e-6
    if team.status == "optimal":
        assert team.stats["mip_gap"] == 0.0
    else:
        assert team.status == "time_limit"
        assert team.stats["mip_gap"] >= 0.0  # a stated gap (inf when no bound is known)
    if limit:
        assert team.status == "optimal"


def test_a_level_chain_cannot_close_a_gap_with_two_halves():
    # "kurs" closes 1 -> 3 alone (2 h); "aufbau" closes it in 1 h but needs level 2 first,
    # from "grundlagen" (1.5 h, reaches only 2) or from "kurs" itself. Half of "kurs" plus half
    # of "aufbau" (1.5 h) is no plan: the earliest module reaching 3 needs nothing, or had its
    # need met by one reaching less than 3. With that row the relaxation's optimum is the plan.
    cat = Catalogue(
        [
            Module("kurs", {"prompting": 3}, 2),
            Module("aufbau", {"prompting": 3}, 1, requires_levels={"prompting": 2}),
            Module("grundlagen", {"prompting": 2}, 1.5),
        ],
        [],
    )
    model = PersonModel(prepare(_person("anna", current={"prompting": 0}), cat), W)
    assert model.bound(()) == pytest.approx(2.0, abs=1e-4)
    status, plan = model.solve((), 10.0)
    assert status == "optimal" and [o.module for o in plan] == ["kurs"]
    assert model.counts["mip"] == 0


@pytest.mark.parametrize(
    ("hours", "budget", "x", "expected"),
    [
        # two options of 3 h in a 4 h month: at most one of them
        ([3.0, 3.0], 4.0, [0.5, 1.0], [([0, 1], 1)]),
        # satisfied already: nothing to add
        ([3.0, 3.0], 4.0, [0.5, 0.5], []),
        # everything fits: no cover at all
        ([1.0, 2.0], 4.0, [1.0, 1.0], []),
        # cover {0, 1} (2.5 + 2 > 4) extended by option 2 (3 h >= 2.5 h), not by option 3 (1 h)
        ([2.5, 2.0, 3.0, 1.0], 4.0, [1.0, 0.75, 0.0, 0.0], [([0, 1, 2], 1)]),
        # three options of 1.5 h in a 4 h month: at most two
        ([1.5, 1.5, 1.5], 4.0, [1.0, 1.0, 0.5], [([0, 1, 2], 2)]),
    ],
)
def test_cover_rows_of_a_monthly_budget(hours, budget, x, expected):
    columns = list(range(len(hours)))
    assert cover_rows([(columns, hours, budget)], np.asarray(x)) == expected


def test_cover_rows_leave_the_lp_to_an_integral_plan_without_a_mip():
    # a 3 h workshop in January or February and a 2 h self-paced module, 4 h a month: both
    # fit only in different months. The LP would take the workshop in January and half of the
    # module in each month (finishing earlier on average); the cover row "January workshop +
    # January module: at most one" leaves it an integral optimum, so no MIP runs
    cat = Catalogue(
        [Module("ws", {"prompting": 3}, 3), Module("selbst", {"ethik": 2}, 2)],
        [
            Offer("jan", "ws", date(2027, 1, 10), date(2027, 1, 10), 3, land="HH"),
            Offer("feb", "ws", date(2027, 2, 10), date(2027, 2, 10), 3, land="HH"),
        ],
    )
    learner = _person(
        "anna",
        current={"prompting": 0, "ethik": 0},
        targets={"prompting": 3, "ethik": 2},
        end=date(2027, 2, 28),
        monthly_hours=4,
    )
    model = PersonModel(prepare(learner, cat), W)
    status, plan = model.solve((), 10.0)
    assert status == "optimal"
    assert sorted(o.end for o in plan) == [0, 1]  # one in each month
    assert model.counts["mip"] == 0 and model.counts["cover_rows"] >= 1

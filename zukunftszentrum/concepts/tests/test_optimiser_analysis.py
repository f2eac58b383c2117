"""What one more unit buys, which items survive the needs intervals, and the greedy baseline."""

from __future__ import annotations

import random
import subprocess
import sys
from dataclasses import replace

import pytest

from zukunftszentrum.concepts.optimiser import (
    Demand,
    Excluded,
    Instance,
    Limit,
    Option,
    Place,
    Policy,
    Resources,
    greedy,
    robustness,
    solve,
    value_of_more,
)

from .test_optimiser_solve import BASE, HH, M1, M2, demand, option

# The base instance (see test_optimiser_solve): w1 + w2 = 10.8 with one trainer day per month.
# One more session anywhere is a second w1 for the 4 companies of cell a left: +4.
RELAXATIONS = {
    "trainer day per month": (
        BASE,
        {("trainer_days", f"{M1}|k"): 4.0, ("trainer_days", f"{M2}|k"): 4.0},
    ),
    "one slot per place and month": (
        replace(
            BASE,
            resources=replace(
                BASE.resources,
                trainer_days={(M1, "k"): 5.0, (M2, "k"): 5.0},
                sessions_per_place_month=1,
            ),
        ),
        {("place_month", f"hh|{M1}"): 4.0, ("place_month", f"hh|{M2}"): 4.0},
    ),
    "budget for two sessions": (
        replace(
            BASE,
            resources=replace(
                BASE.resources, trainer_days={(M1, "k"): 5.0, (M2, "k"): 5.0}, budget=200.0
            ),
        ),
        {("budget", ""): 4.0},  # 1,000 EUR more: ten sessions, but only 4 companies are left
    ),
}


@pytest.mark.parametrize("name", RELAXATIONS)
def test_value_of_one_more_unit(name):
    instance, gains = RELAXATIONS[name]
    plan = solve(instance, mip_gap=0.0)
    assert plan.objective == pytest.approx(10.8)
    found = {(r.limit.kind, r.limit.key): r.gain for r in value_of_more(instance, plan)}
    assert found == pytest.approx(gains, abs=1e-6)


def test_value_of_more_for_a_named_slack_limit():
    """Asked explicitly about a limit that does not bind: nothing gained."""
    plan = solve(BASE, mip_gap=0.0)
    (r,) = value_of_more(BASE, plan, limits=[Limit("budget", "", 200.0, 10_000.0)])
    assert r.step == 1000.0
    assert r.gain == pytest.approx(0.0, abs=1e-6)


def test_value_of_more_skips_non_resources():
    plan = solve(BASE, mip_gap=0.0)
    assert value_of_more(BASE, plan, limits=[Limit("land_share", "HH", 2.0, 1.0)]) == ()


# Robustness: cell a has 10 companies (4 to 16), cell b exactly 6; two trainer days in one month.
# wS holds 2-4, wM 9-10, wL 12-16 participants of a; w2 covers b's topic at 0.9.
#   point (a = 10): wM + w2 = 15.4   low (a = 4): wS + w2 = 9.4   high (a = 16): wL + w2 = 21.4
ROBUST = Instance(
    demands=(
        Demand("a", "HH", "t1", "C", "micro", 10.0, 4.0, 16.0, *HH),
        Demand("b", "HH", "t2", "C", "micro", 6.0, 6.0, 6.0, *HH),
    ),
    options=(
        option("wS", {"t1": 1.0}, low=2, high=4),
        option("wM", {"t1": 1.0}, low=9, high=10),
        option("wL", {"t1": 1.0}, low=12, high=16),
        option("w2", {"t2": 0.9}, low=2, high=6),
    ),
    places=(Place("hh", "HH", *HH),),
    resources=Resources((M1,), {(M1, "k"): 2.0}, 10_000.0, 5, 0),
)


def test_robustness_labels():
    plan = solve(ROBUST, mip_gap=0.0)
    assert plan.objective == pytest.approx(15.4)
    assert robustness(ROBUST, plan, mip_gap=0.0) == {
        ("w2", "hh", M1): "robust",
        ("wM", "hh", M1): "noise",
        ("wS", "hh", M1): "at_low",
        ("wL", "hh", M1): "at_high",
    }


def test_greedy_is_worse_where_it_takes_the_cheap_session_first():
    """Greedy takes the online session (16 per trainer day: 10 x 0.5 + 6 x 0.5 over half a
    day) and then has no day left; the optimum runs the workshop for a and the webinar for b."""
    instance = Instance(
        demands=(demand("a", "t1", 10), demand("b", "t2", 6)),
        options=(
            Option("o1", "m1", "workshop", {"t1": 1.0}, 1.0, 100.0, "k", 3, 12, False),
            Option("o2", "m2", "webinar", {"t1": 0.5, "t2": 0.5}, 0.5, 50.0, "k", 1, 20, True),
        ),
        places=(Place("hh", "HH", *HH),),
        resources=Resources((M1, M2), {(M1, "k"): 1.0, (M2, "k"): 0.5}, 1000.0, 2, 2),
    )
    assert greedy(instance).objective == pytest.approx(8.0)
    assert solve(instance, mip_gap=0.0).objective == pytest.approx(13.0)


def _random_instance(rng: random.Random) -> Instance:
    months = ("2027-01", "2027-02", "2027-03")
    places = tuple(
        Place(f"p{i}", rng.choice(("HH", "SH")), 53.5 + rng.random(), 9.5 + rng.random())
        for i in range(3)
    )
    demands = tuple(
        Demand(
            f"d{i}",
            rng.choice(("HH", "SH")),
            rng.choice(("t1", "t2", "t3")),
            "C",
            "micro",
            (c := rng.uniform(1, 20)),
            c / 2,
            c * 2,
            53.5 + rng.random(),
            9.5 + rng.random(),
            {"workshop": 0.7, "webinar": 0.3},
        )
        for i in range(8)
    )
    options = tuple(
        Option(
            f"o{i}",
            f"m{i}",
            (fmt := rng.choice(("workshop", "webinar"))),
            {t: rng.uniform(0.2, 1.0) for t in rng.sample(("t1", "t2", "t3"), 2)},
            rng.choice((0.5, 1.0, 2.0)),
            rng.choice((100.0, 400.0)),
            rng.choice(("k", "l")),
            rng.randint(1, 5),
            rng.randint(6, 15),
            fmt == "webinar",
        )
        for i in range(6)
    )
    days = {(m, c): float(rng.randint(0, 4)) for m in months for c in ("k", "l")}
    return Instance(
        demands,
        options,
        places,
        Resources(months, days, rng.choice((800.0, 3000.0)), rng.randint(1, 3), rng.randint(0, 2)),
        Policy(min_share_per_land=rng.choice((0.0, 0.2)), travel_half_km=40.0),
    )


@pytest.mark.parametrize("seed", range(25))
def test_greedy_never_beats_the_optimum_and_keeps_every_limit(seed):
    instance = _random_instance(random.Random(seed))
    base = greedy(instance)
    assert base.status == "heuristic"  # nothing is locked: greedy always finds a plan
    plan = solve(instance, mip_gap=0.0, greedy_start=False)
    assert plan.status == "optimal"
    assert base.objective <= plan.objective + 1e-6
    # the greedy plan is a feasible start: the solver started from it lands on the same optimum
    started = solve(instance, mip_gap=0.0, start=base)
    assert started.objective == pytest.approx(plan.objective, abs=1e-6)
    _assert_within_limits(instance, base)


def _assert_within_limits(instance: Instance, plan) -> None:
    res = instance.resources
    options = {o.key: o for o in instance.options}
    used: dict = {}
    for item in plan.items:
        o = options[item.option]
        key = (item.month, o.competence)
        used[key] = used.get(key, 0.0) + o.trainer_days * item.sessions
        assert item.participants <= o.max_participants * item.sessions + 1e-6
        assert item.participants >= o.min_participants * item.sessions - 1e-6
    for key, days in used.items():
        assert days <= res.trainer_days.get(key, 0.0) + 1e-6
    assert sum(options[i.option].cost * i.sessions for i in plan.items) <= res.budget + 1e-6
    for d in instance.demands:
        assert plan.reached.get(d.key, 0.0) <= d.companies + 1e-6


def test_highs_prints_nothing():
    """HiGHS writes a banner when its first solver object is made; none reaches stdout."""
    code = (
        "from zukunftszentrum.concepts.tests.test_optimiser_solve import BASE\n"
        "from zukunftszentrum.concepts.optimiser import solve\n"
        "print(round(solve(BASE).objective, 3))\n"
    )
    # our own interpreter and code, no shell
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)  # noqa: S603
    assert out.stdout == "10.8\n"


def test_value_of_more_keeps_the_most_valuable_limits():
    """Trainer days bind in both months but only a day in the month where w1's second session
    fits is worth something: with one solve allowed, the LP's shadow prices pick a limit that
    gains, not one that gains nothing."""
    instance = replace(
        BASE,
        resources=replace(BASE.resources, trainer_days={(M1, "k"): 1.0, (M2, "k"): 1.0}),
        excluded=(Excluded("w1", month=M2),),
    )
    plan = solve(instance, mip_gap=0.0)
    assert {x.key for x in plan.binding if x.kind == "trainer_days"} == {f"{M1}|k", f"{M2}|k"}
    everything = {r.limit.key: r.gain for r in value_of_more(instance, plan)}
    assert everything == pytest.approx({f"{M1}|k": 4.0, f"{M2}|k": 0.0}, abs=1e-6)
    (best,) = value_of_more(instance, plan, max_solves=1)
    assert best.limit.key == f"{M1}|k"
    assert best.gain == pytest.approx(4.0)

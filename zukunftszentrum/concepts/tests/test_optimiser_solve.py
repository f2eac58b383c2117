"""The concept optimiser on instances small enough to solve by hand.

The base instance: one place in Hamburg, two months with one trainer day each (competence "k").
Cell a: 10 companies needing t1; cell b: 8 companies needing t2; both at the place (no discount,
no format preference). Option w1 covers t1 fully (2-6 participants), w2 covers t2 at 0.6 (2-8
participants); each session takes one trainer day and 100 EUR. Two sessions fit:
  w1 + w1 = 6 + 4 = 10;  w1 + w2 = 6 + 8 x 0.6 = 10.8 (the optimum);  w2 alone = 4.8.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from zukunftszentrum.concepts.optimiser import (
    Demand,
    Excluded,
    Fixed,
    Instance,
    Limit,
    Option,
    Place,
    Policy,
    Resources,
    greedy,
    solve,
    usage,
)

HH = (53.55, 10.0)
SH = (54.78, 9.43)  # Flensburg, about 75 km from Hamburg: beyond a 50 km reach
M1, M2 = "2027-01", "2027-02"


def demand(key, topic, companies, land="HH", at=HH, **kw):
    return Demand(
        key, land, topic, "C", "micro", companies, companies / 2, companies * 1.5, *at, **kw
    )


def option(key, topics, low=2, high=6, online=False, fmt="workshop", days=1.0, cost=100.0):
    return Option(key, key, fmt, topics, days, cost, "k", low, high, online)


BASE = Instance(
    demands=(demand("a", "t1", 10), demand("b", "t2", 8)),
    options=(option("w1", {"t1": 1.0}), option("w2", {"t2": 0.6}, high=8)),
    places=(Place("hh", "HH", *HH),),
    resources=Resources((M1, M2), {(M1, "k"): 1.0, (M2, "k"): 1.0}, 10_000.0, 5, 0),
    policy=Policy(reach_km=50.0),
)


def sessions(plan):
    return sorted((i.option, i.place, i.month, i.sessions) for i in plan.items)


def with_sh(instance):
    """Add a thin Land: 2 companies needing t1 around a place in Flensburg."""
    return replace(
        instance,
        demands=(*instance.demands, demand("c", "t1", 2, land="SH", at=SH)),
        places=(*instance.places, Place("fl", "SH", *SH)),
    )


CASES = {
    "optimum: one of each": (BASE, 10.8, [("w1", "hh"), ("w2", "hh")]),
    "min participants above the cell: w2 never runs": (
        replace(BASE, options=(BASE.options[0], option("w2", {"t2": 0.6}, low=9, high=12))),
        10.0,
        [("w1", "hh"), ("w1", "hh")],
    ),
    "w1 excluded everywhere: w2 once, the second has nobody left": (
        replace(BASE, excluded=(Excluded("w1"),)),
        4.8,
        [("w2", "hh")],
    ),
    "budget for one session": (
        replace(BASE, resources=replace(BASE.resources, budget=150.0)),
        6.0,
        [("w1", "hh")],
    ),
    "format fit: b prefers webinars, w2 is a workshop (floor 0.1)": (
        replace(BASE, demands=(BASE.demands[0], demand("b", "t2", 8, formats={"webinar": 1.0}))),
        10.0,  # w1 + w1 = 10 beats w1 + w2 = 6 + 8 x 0.6 x 0.1
        [("w1", "hh"), ("w1", "hh")],
    ),
    "land share: a session goes to the thin Land": (
        replace(with_sh(BASE), policy=Policy(reach_km=50.0, min_share_per_land=0.3)),
        8.0,  # w1 in Flensburg (2) + w1 in Hamburg (6); without the share 10.8
        [("w1", "fl"), ("w1", "hh")],
    ),
    "no share: the thin Land gets nothing": (with_sh(BASE), 10.8, [("w1", "hh"), ("w2", "hh")]),
}


@pytest.mark.parametrize("name", CASES)
def test_optimum_by_hand(name):
    instance, objective, pairs = CASES[name]
    plan = solve(instance, mip_gap=0.0)
    assert plan.status == "optimal"
    assert plan.objective == pytest.approx(objective, abs=1e-6)
    assert sorted((i.option, i.place) for i in plan.items for _ in range(i.sessions)) == sorted(
        pairs
    )
    assert sum(plan.covered.values()) == pytest.approx(objective, abs=1e-6)
    # never worse than the baseline
    assert greedy(instance).objective <= plan.objective + 1e-9


def test_distance_discount_and_online():
    """A cell 60 km from the only place (half distance 60 km) counts half in person; online
    counts fully, so the online option wins even at lower coverage."""
    far = (HH[0] + 60.0 / 111.2, HH[1])  # 60 km due north
    instance = Instance(
        demands=(demand("a", "t1", 6, at=far),),
        options=(option("w1", {"t1": 1.0}), option("o1", {"t1": 0.7}, online=True, fmt="webinar")),
        places=(Place("hh", "HH", *HH),),
        resources=Resources((M1,), {(M1, "k"): 1.0}, 10_000.0, 5, 5),
        policy=Policy(travel_half_km=60.0),
    )
    plan = solve(instance, mip_gap=0.0)
    assert sessions(plan) == [("o1", "online", M1, 1)]
    assert plan.objective == pytest.approx(6 * 0.7, abs=1e-6)
    no_online = replace(instance, options=instance.options[:1])
    assert solve(no_online, mip_gap=0.0).objective == pytest.approx(6 * 0.5, rel=1e-3)


def test_items_carry_participants_and_demands():
    plan = solve(BASE, mip_gap=0.0)
    by_option = {i.option: i for i in plan.items}
    assert by_option["w1"].participants == pytest.approx(6.0)
    assert by_option["w1"].demands == ("a",)
    assert by_option["w2"].covered == pytest.approx(4.8)
    assert plan.reached == pytest.approx({"a": 6.0, "b": 8.0})


def test_binding_trainer_days():
    plan = solve(BASE, mip_gap=0.0)
    assert plan.binding == (
        Limit("trainer_days", f"{M1}|k", 1.0, 1.0),
        Limit("trainer_days", f"{M2}|k", 1.0, 1.0),
    )


def test_excluded_month_moves_the_item():
    instance = replace(BASE, excluded=(Excluded("w1", month=M1),))
    plan = solve(instance, mip_gap=0.0)
    assert ("w1", "hh", M2, 1) in sessions(plan)
    assert plan.objective == pytest.approx(10.8)


def test_fixed_item_is_kept_and_marked():
    instance = replace(BASE, fixed=(Fixed("w1", "hh", M1, 1), Fixed("w1", "hh", M2, 1)))
    plan = solve(instance, mip_gap=0.0)
    assert plan.objective == pytest.approx(10.0)
    assert all(i.fixed for i in plan.items)


def test_fixed_beyond_trainer_days_is_explained():
    instance = replace(BASE, fixed=(Fixed("w2", "hh", M1, 2),))
    plan = solve(instance)
    assert plan.status == "infeasible"
    assert plan.items == ()
    assert plan.infeasible == (
        Limit("trainer_days", f"{M1}|k", 2.0, 1.0),
        Limit("fixed", f"w2|hh|{M1}", 2.0, 2.0),
    )


def test_fixed_against_land_share_names_both():
    """Both Hamburg sessions locked: Flensburg cannot get its 30 %; dropping the share or adding
    trainer days would each allow a plan."""
    instance = replace(
        with_sh(BASE),
        policy=Policy(reach_km=50.0, min_share_per_land=0.3),
        fixed=(Fixed("w1", "hh", M1, 1), Fixed("w2", "hh", M2, 1)),
    )
    plan = solve(instance)
    assert plan.status == "infeasible"
    kinds = {(limit.kind, limit.key) for limit in plan.infeasible}
    assert ("land_share", "SH") in kinds
    assert any(kind == "trainer_days" for kind, _ in kinds)
    assert {("fixed", f"w1|hh|{M1}"), ("fixed", f"w2|hh|{M2}")} <= kinds


def test_fixed_below_min_participants_is_explained():
    instance = replace(BASE, fixed=(Fixed("w1", "hh", M1, 1),), demands=(demand("a", "t1", 1),))
    plan = solve(instance)
    assert plan.status == "infeasible"
    assert Limit("min_participants", "w1|hh", 1.0, 2.0) in plan.infeasible


def test_unknown_fixed_key_is_an_error():
    with pytest.raises(ValueError):
        solve(replace(BASE, fixed=(Fixed("nope", "hh", M1, 1),)))


def test_empty_instance():
    plan = solve(replace(BASE, demands=()))
    assert plan.status == "optimal"
    assert plan.items == ()
    assert plan.objective == 0.0


def test_budget_limit_in_euros():
    instance = replace(
        BASE,
        resources=replace(
            BASE.resources, trainer_days={(M1, "k"): 5.0, (M2, "k"): 5.0}, budget=200.0
        ),
    )
    plan = solve(instance, mip_gap=0.0)
    assert Limit("budget", "", 200.0, 200.0) in plan.binding


def test_fixed_beyond_budget_is_explained_in_euros():
    instance = replace(
        BASE, fixed=(Fixed("w1", "hh", M1, 1),), resources=replace(BASE.resources, budget=50.0)
    )
    plan = solve(instance)
    assert Limit("budget", "", 100.0, 50.0) in plan.infeasible


def test_usage_lists_every_resource_limit():
    plan = solve(BASE, mip_gap=0.0)
    assert usage(BASE, plan) == (
        Limit("trainer_days", f"{M1}|k", 1.0, 1.0),
        Limit("trainer_days", f"{M2}|k", 1.0, 1.0),
        Limit("budget", "", 200.0, 10_000.0),
        Limit("place_month", f"hh|{M1}", 1, 5),
        Limit("place_month", f"hh|{M2}", 1, 5),
        Limit("online_month", M1, 0, 0),
        Limit("online_month", M2, 0, 0),
    )

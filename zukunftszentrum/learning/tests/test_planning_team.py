"""Team plans: shared seats, nobody sent to the last seat twice, nobody waiting needlessly."""

from datetime import date

from zukunftszentrum.learning.planning import (
    INFEASIBLE,
    OPTIMAL,
    Catalogue,
    Learner,
    Module,
    Offer,
    greedy_team,
    plan_team,
)

P3 = {"prompting": 3}


def person(id, **kw) -> Learner:
    base = dict(
        id=id,
        current={"prompting": 1},
        targets=P3,
        start=date(2027, 1, 1),
        end=date(2027, 6, 30),
        monthly_hours=10,
        land="HH",
    )
    base.update(kw)
    return Learner(**base)


def ws(id, month, seats) -> Offer:
    return Offer(id, "ws", date(2027, month, 10), date(2027, month, 10), seats, land="HH")


def test_the_last_seat_goes_to_one_colleague_and_the_other_takes_another_date():
    cat = Catalogue([Module("ws", P3, 6)], [ws("jan", 1, 1), ws("feb", 2, 1), ws("jun", 6, 5)])
    team = plan_team([person("anna"), person("ben")], cat)
    assert team.status == OPTIMAL
    # each alone would take January; together one takes February, not June (nobody waits)
    assert sorted(team.schedule.items()) == [("feb", ("anna",)), ("jan", ("ben",))] or sorted(
        team.schedule.items()
    ) == [("feb", ("ben",)), ("jan", ("anna",))]
    assert all(not plan.open_gaps for plan in team.plans.values())
    assert team.stats["rounds"] == 1


def test_without_another_date_one_gap_stays_open_and_says_why():
    cat = Catalogue([Module("ws", P3, 6)], [ws("jan", 1, 1)])
    team = plan_team([person("anna"), person("ben")], cat)
    assert team.schedule == {"jan": ("anna",)} or team.schedule == {"jan": ("ben",)}
    waiting = [p for p in team.plans.values() if p.open_gaps]
    assert len(waiting) == 1
    assert waiting[0].open_gaps[0].reason == "seats_or_budget"


def test_seats_go_where_they_close_the_most_gaps():
    # anna can close her gap only on the workshop; ben has a self-paced alternative (more hours)
    cat = Catalogue(
        [Module("ws", P3, 6), Module("selbst", P3, 9, requires_levels={"prompting": 1})],
        [ws("jan", 1, 1)],
    )
    anna = person("anna", current={"prompting": 0}, targets=P3)
    team = plan_team([person("ben"), anna], cat)
    assert team.schedule == {"jan": ("anna",)}
    assert [s.module for s in team.plans["ben"].steps] == ["selbst"]
    assert not any(p.open_gaps for p in team.plans.values())


def test_a_repair_as_good_as_everyone_alone_is_optimal_without_a_joint_model():
    # anna and ben both want the one January seat; ben has an equally good self-paced module
    # in January, so moving him costs nothing and the team reaches its lower bound
    cat = Catalogue(
        [Module("ws", P3, 6), Module("selbst", P3, 6, cost=0.0)],
        [ws("jan", 1, 1)],
    )
    team = plan_team([person("anna"), person("ben")], cat)
    assert team.status == OPTIMAL
    # alone, both may take the workshop (then the repair moves one, at no cost) or both the
    # equally good self-paced module (then nothing is over-booked): no joint step either way
    assert team.stats["rounds"] == 0
    assert len(team.schedule.get("jan", ())) <= 1
    if team.schedule:
        assert team.stats["certified_by_bound"] is True


def test_people_who_do_not_compete_keep_their_own_optimum():
    cat = Catalogue([Module("ws", P3, 6)], [ws("jan", 1, 3)])
    team = plan_team([person("anna"), person("ben")], cat)
    assert team.schedule == {"jan": ("anna", "ben")}
    assert team.stats["rounds"] == 0


def test_greedy_team_respects_seats_but_may_do_worse():
    # greedy plans anna first: she takes the only workshop seat, ben (workshop only) is left out
    cat = Catalogue(
        [Module("ws", P3, 6), Module("selbst", P3, 9, requires_levels={"prompting": 1})],
        [ws("jan", 1, 1)],
    )
    anna, ben = person("anna"), person("ben", current={"prompting": 0})
    greedy = greedy_team([anna, ben], cat)
    assert greedy.schedule == {"jan": ("anna",)}
    assert greedy.plans["ben"].open_gaps
    exact = plan_team([anna, ben], cat)
    assert exact.schedule == {"jan": ("ben",)}
    assert not any(p.open_gaps for p in exact.plans.values())


def test_a_locked_module_nobody_can_take_makes_the_team_plan_infeasible_and_names_whom():
    cat = Catalogue([Module("ws", P3, 6)], [ws("jan", 1, 0)])
    team = plan_team([person("anna", locked=frozenset({"ws"})), person("ben")], cat)
    assert team.status == INFEASIBLE
    assert "anna" in team.explanation
    assert "ws: kein freier Platz" in team.plans["anna"].explanation


def _crowd(n: int):
    # everyone wants the one January seat; February has one seat, June many: a chain of
    # forbidden offers (January, then February) for most people
    cat = Catalogue(
        [Module("ws", P3, 6), Module("selbst", P3, 6.5)],
        [ws("jan", 1, 1), ws("feb", 2, 1), ws("jun", 6, 1)],
    )
    return cat, [person(f"p{i}") for i in range(n)]


def test_the_master_reaches_deeper_alternatives_and_stays_within_the_seats():
    cat, team = _crowd(4)
    plan = plan_team(team, cat)
    assert plan.status == OPTIMAL
    assert sorted(plan.schedule) == ["feb", "jan", "jun"]
    assert all(len(people) == 1 for people in plan.schedule.values())
    # the fourth takes the self-paced module (more hours) rather than nothing
    assert not any(p.open_gaps for p in plan.plans.values())
    # four people with the same inputs share one model; its plans reach January forbidden,
    # then January and February (the alone plan, and the deeper nodes the master asked for)
    assert plan.stats["shared_models"] == 3
    assert plan.stats["person_solves"] >= 3


def test_out_of_time_the_team_plan_is_seat_feasible_and_says_so():
    cat, team = _crowd(4)
    plan = plan_team(team, cat, time_limit=0.0)
    assert all(len(people) <= 1 for people in plan.schedule.values())
    assert plan.status in (OPTIMAL, "time_limit")
    if plan.status == "time_limit":
        # the gap is stated against the bound known when the clock stopped (1.0: none yet)
        assert 0.0 < plan.stats["mip_gap"] <= 1.0

"""Hand-checked learning paths: each case names the optimum and why it is one."""

from dataclasses import replace
from datetime import date

import pytest

from zukunftszentrum.learning.planning import (
    INFEASIBLE,
    OPTIMAL,
    PARTIAL,
    Catalogue,
    CatalogueError,
    Learner,
    Module,
    Offer,
    Weights,
    greedy_person,
    plan_person,
    prerequisite_cycle,
)

JAN, FEB, MAR, APR = (date(2027, m, 1) for m in (1, 2, 3, 4))


def learner(**kw) -> Learner:
    base = dict(
        id="p",
        current={"prompting": 1},
        targets={"prompting": 3},
        start=JAN,
        end=date(2027, 3, 31),
        monthly_hours=10,
        land="HH",
        kreis="Hamburg",
    )
    base.update(kw)
    return Learner(**base)


def on(day: int, month: int = 1) -> date:
    return date(2027, month, day)


def offer(id, module, month=1, last_month=None, seats=5, **kw) -> Offer:
    last = last_month or month
    return Offer(id, module, on(10, month), on(20, last), seats, **{"land": "HH", **kw})


P3 = {"prompting": 3}
P2 = {"prompting": 2}

# (name, modules, offers, learner overrides, weights, expected steps [(module, offer, month)],
#  expected open gaps [(competence, reason)])
CASES = [
    (
        "one module closes the gap",
        [Module("a", P3, 4)],
        [],
        {},
        None,
        [("a", None, 1)],
        [],
    ),
    (
        "fewer hours win over lower cost",
        [Module("a", P3, 4, cost=500), Module("b", P3, 5, cost=0)],
        [],
        {},
        None,
        [("a", None, 1)],
        [],
    ),
    (
        "equal hours: the cheaper module",
        [Module("a", P3, 4, cost=100), Module("b", P3, 4, cost=50)],
        [],
        {},
        None,
        [("b", None, 1)],
        [],
    ),
    (
        "an hour worth 50 EUR: 4 h + 500 EUR (14) loses to 5 h (5)",
        [Module("a", P3, 4, cost=500), Module("b", P3, 5, cost=0)],
        [],
        {},
        Weights(per_euro=1 / 50),
        [("b", None, 1)],
        [],
    ),
    (
        "level chain: 2 h to level 2, then 3 h to level 3, beats one 10 h module",
        [
            Module("basis", P2, 2),
            Module("aufbau", P3, 3, requires_levels=P2),
            Module("kompakt", P3, 10),
        ],
        [],
        {},
        None,
        [("basis", None, 1), ("aufbau", None, 2)],
        [],
    ),
    (
        "level chain needs two months; one month is too short",
        [Module("basis", P2, 2), Module("aufbau", P3, 3, requires_levels=P2)],
        [],
        {"end": date(2027, 1, 31)},
        None,
        [],
        [("prompting", "prerequisite")],
    ),
    (
        "a level already held is no prerequisite",
        [Module("basis", P2, 2), Module("aufbau", P3, 3, requires_levels=P2)],
        [],
        {"current": {"prompting": 2}},
        None,
        [("aufbau", None, 1)],
        [],
    ),
    (
        "a module prerequisite must come before, on an offer after it",
        [Module("intro", {"ai_basics": 1}, 1), Module("ws", P3, 6, requires_modules=("intro",))],
        [offer("ws-jan", "ws", 1), offer("ws-feb", "ws", 2)],
        {},
        None,
        [("intro", None, 1), ("ws", "ws-feb", 2)],
        [],
    ),
    (
        "no module reaches level 4",
        [Module("a", P3, 4)],
        [],
        {"targets": {"prompting": 4}},
        None,
        [],
        [("prompting", "no_module")],
    ),
    (
        "the only offer is after the window",
        [Module("ws", P3, 4)],
        [offer("ws-apr", "ws", 4)],
        {},
        None,
        [],
        [("prompting", "no_date")],
    ),
    (
        "an offer in another Land is out of reach",
        [Module("ws", P3, 4)],
        [offer("ws-by", "ws", 1, land="BY")],
        {},
        None,
        [],
        [("prompting", "not_in_reach")],
    ),
    (
        "a neighbouring Land the person accepts is in reach",
        [Module("ws", P3, 4)],
        [offer("ws-sh", "ws", 1, land="SH")],
        {"extra_lands": frozenset({"SH"})},
        None,
        [("ws", "ws-sh", 1)],
        [],
    ),
    (
        "without travel only the home Kreis; online when accepted",
        [Module("ws", P3, 4)],
        [offer("ws-x", "ws", 1, kreis="Altona"), offer("ws-on", "ws", 2, online=True, land="")],
        {"travels": False},
        None,
        [("ws", "ws-on", 2)],
        [],
    ),
    (
        "no online and no travel: nothing in reach",
        [Module("ws", P3, 4)],
        [offer("ws-x", "ws", 1, kreis="Altona"), offer("ws-on", "ws", 2, online=True, land="")],
        {"travels": False, "accepts_online": False},
        None,
        [],
        [("prompting", "not_in_reach")],
    ),
    (
        "a full offer is no option",
        [Module("ws", P3, 4)],
        [offer("ws-full", "ws", 1, seats=0)],
        {},
        None,
        [],
        [("prompting", "no_seat")],
    ),
    (
        "more hours than one month's budget",
        [Module("a", P3, 12)],
        [],
        {},
        None,
        [],
        [("prompting", "budget")],
    ),
    (
        "an offer over two months spreads its hours (12 h = 6 + 6 within 8 a month)",
        [Module("ws", P3, 12)],
        [offer("ws", "ws", 1, last_month=2)],
        {"monthly_hours": 8},
        None,
        [("ws", "ws", 2)],
        [],
    ),
    (
        "the earlier of two equal offers",
        [Module("ws", P3, 4)],
        [offer("ws-mar", "ws", 3), offer("ws-jan", "ws", 1)],
        {},
        None,
        [("ws", "ws-jan", 1)],
        [],
    ),
    (
        "one month, 10 h: 5 h and 6 h gaps cannot both close; the cheaper one does",
        [Module("a", P3, 5), Module("b", {"ai_basics": 2}, 6)],
        [],
        {"targets": {"prompting": 3, "ai_basics": 2}, "end": date(2027, 1, 31)},
        None,
        [("a", None, 1)],
        [("ai_basics", "budget")],
    ),
    (
        "closing both gaps beats a cheaper plan that closes one (b only runs in February)",
        [Module("a", P3, 6), Module("b", {"ai_basics": 2}, 6)],
        [offer("b-feb", "b", 2)],
        {"targets": {"prompting": 3, "ai_basics": 2}},
        None,
        [("a", None, 1), ("b", "b-feb", 2)],
        [],
    ),
    (
        "one module closing two gaps beats two cheaper ones",
        [
            Module("a", P3, 3),
            Module("b", {"ai_basics": 2}, 3),
            Module("ab", {"prompting": 3, "ai_basics": 2}, 5),
        ],
        [],
        {"targets": {"prompting": 3, "ai_basics": 2}},
        None,
        [("ab", None, 1)],
        [],
    ),
    (
        "an excluded module is replaced",
        [Module("a", P3, 4), Module("b", P3, 6)],
        [],
        {"excluded": frozenset({"a"})},
        None,
        [("b", None, 1)],
        [],
    ),
    (
        "the only module excluded",
        [Module("a", P3, 4)],
        [],
        {"excluded": frozenset({"a"})},
        None,
        [],
        [("prompting", "excluded")],
    ),
    (
        "a locked module is planned even when not needed",
        [Module("a", P3, 4), Module("extra", {"ai_basics": 1}, 2)],
        [],
        {"locked": frozenset({"extra"})},
        None,
        [("a", None, 1), ("extra", None, 1)],
        [],
    ),
    (
        "locking the dearer module replaces the cheaper",
        [Module("a", P3, 4), Module("b", P3, 6)],
        [],
        {"locked": frozenset({"b"})},
        None,
        [("b", None, 1)],
        [],
    ),
    (
        "a prerequisite missing from the catalogue makes a module unusable",
        [Module("a", P3, 4, requires_modules=("gone",))],
        [],
        {},
        None,
        [],
        [("prompting", "prerequisite")],
    ),
    (
        "nothing to do",
        [Module("a", P3, 4)],
        [],
        {"current": {"prompting": 3}},
        None,
        [],
        [],
    ),
]


@pytest.mark.parametrize(
    "modules, offers, overrides, weights, steps, gaps",
    [case[1:] for case in CASES],
    ids=[case[0] for case in CASES],
)
def test_hand_checked_optimum(modules, offers, overrides, weights, steps, gaps):
    cat = Catalogue(modules, offers)
    plan = plan_person(learner(**overrides), cat, weights=weights)
    got = sorted((s.module, s.offer, s.month.month) for s in plan.steps)
    assert got == sorted(steps)
    assert [(g.competence, g.reason) for g in plan.open_gaps] == gaps
    assert plan.status == (PARTIAL if gaps else OPTIMAL)
    greedy = greedy_person(learner(**overrides), cat, weights=weights)
    assert (len(greedy.open_gaps), round(greedy.objective, 9)) >= (
        len(plan.open_gaps),
        round(plan.objective, 9),
    )


def test_steps_explain_what_they_close_with_names():
    cat = Catalogue([Module("basis", P2, 2), Module("aufbau", P3, 3, requires_levels=P2)])
    names = {"prompting": "Prompting", "aufbau": "Prompting im Alltag"}
    plan = plan_person(learner(), cat, names=names)
    assert [s.why for s in plan.steps] == [
        "Voraussetzung für Prompting im Alltag",
        "schließt: Prompting von Stufe 2 auf 3",
    ]
    assert plan.steps[0].changes[0].from_level == 1
    assert plan.steps[0].changes[0].to_level == 2
    assert not plan.steps[0].changes[0].closes_gap
    assert plan.total_hours == 5


def test_open_gap_texts():
    cat = Catalogue([Module("a", P3, 4)])
    plan = plan_person(learner(targets={"prompting": 4}), cat)
    assert plan.open_gaps[0].text == "kein Modul erreicht Stufe 4"
    cat = Catalogue([Module("ws", P3, 4)], [offer("ws-apr", "ws", 4)])
    assert plan_person(learner(), cat).open_gaps[0].text == "kein Termin im Zeitraum"
    cat = Catalogue([Module("a", P3, 12)])
    assert plan_person(learner(), cat).open_gaps[0].text == "Zeitbudget reicht nicht"


@pytest.mark.parametrize(
    "overrides, offers, needle",
    [
        ({"locked": frozenset({"ws"})}, [offer("ws-apr", "ws", 4)], "ws: kein Termin im Zeitraum"),
        ({"locked": frozenset({"ws"}), "excluded": frozenset({"ws"})}, [], "ausgeschlossen"),
        ({"locked": frozenset({"nope"})}, [], "nope: unbekanntes Modul"),
        (
            {"locked": frozenset({"ws", "big"}), "end": date(2027, 1, 31)},
            [offer("ws-jan", "ws", 1)],
            "Zeitbudget reicht nicht",
        ),
    ],
)
def test_locked_modules_that_cannot_be_planned_are_explained(overrides, offers, needle):
    cat = Catalogue([Module("ws", P3, 4), Module("big", {"ai_basics": 1}, 8)], offers)
    plan = plan_person(learner(**overrides), cat)
    assert plan.status == INFEASIBLE
    assert needle in plan.explanation
    assert plan.steps == ()
    assert greedy_person(learner(**overrides), cat).status == INFEASIBLE


def test_plan_again_after_excluding_a_step():
    cat = Catalogue([Module("a", P3, 4), Module("b", P3, 6)])
    first = plan_person(learner(), cat)
    again = plan_person(replace(learner(), excluded=frozenset({first.steps[0].module})), cat)
    assert [s.module for s in again.steps] == ["b"]


def test_catalogue_refuses_bad_input_and_names_cycles():
    with pytest.raises(CatalogueError, match="doppelt"):
        Catalogue([Module("a", P3, 1), Module("a", P3, 2)])
    with pytest.raises(CatalogueError, match="unbekanntes Modul 'x'"):
        Catalogue([Module("a", P3, 1)], [offer("o", "x")])
    cyclic = [
        Module("a", P3, 1, requires_modules=("b",)),
        Module("b", P3, 1, requires_modules=("c",)),
        Module("c", P3, 1, requires_modules=("a",)),
        Module("d", P3, 1, requires_modules=("a",)),
    ]
    assert prerequisite_cycle(cyclic) == ["a", "b", "c", "a"]
    assert prerequisite_cycle([*cyclic[3:], Module("a", P3, 1)]) is None


def test_a_prerequisite_cycle_makes_its_modules_unusable_not_the_solver_fail():
    cat = Catalogue(
        [Module("a", P3, 1, requires_modules=("b",)), Module("b", P3, 1, requires_modules=("a",))]
    )
    plan = plan_person(learner(), cat)
    assert plan.steps == ()
    assert plan.open_gaps[0].reason == "prerequisite"


@pytest.mark.parametrize("plan_with", [plan_person, greedy_person])
def test_a_completed_module_meets_prerequisites_and_is_not_planned_again(plan_with):
    # "b" needs "a"; the person attended "a" already (its gap is closed by that evidence)
    cat = Catalogue(
        [Module("a", P2, 3), Module("b", {"work_design": 2}, 2, requires_modules=("a",))]
    )
    person = learner(
        current={"prompting": 2}, targets={**P2, "work_design": 2}, completed=frozenset({"a"})
    )
    plan = plan_with(person, cat)
    assert [(s.module, s.month) for s in plan.steps] == [("b", JAN)]
    assert not plan.open_gaps
    # without the completion the plan takes "a" first, a month earlier
    again = plan_with(replace(person, completed=frozenset()), cat)
    assert [(s.module, s.month) for s in again.steps] == [("a", JAN), ("b", FEB)]

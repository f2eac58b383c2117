"""The differencing attacks of the method doc, replayed on random groups: what an attacker
derives about one person, or about a group below five, stays within the documented tolerance.

Every attack here would be exact without the noise (each test fails if the noise is removed).
The groups are random but seeded, so the figures are the same on every run."""

from __future__ import annotations

import math
import random
import statistics
from collections.abc import Callable

import pytest

from zukunftszentrum.core.disclosure import (
    Contribution,
    Published,
    publish_count,
    publish_mean,
    publish_share,
)

TRIALS = 2_000
LEVELS = (0.0, 25.0, 50.0, 75.0, 100.0)  # an agreement scale as scored 0-100

# The documented tolerance (docs/methods/disclosure-control.md, "What an attacker gets").
MIN_RMS_ONE_SCORE = 60.0  # points: the error of differencing one person's 0-100 score
MAX_LEVEL_HIT_RATE = 0.40  # right answer level (of 5) after differencing; blind guess: 0.20
MAX_YES_NO_HIT_RATE = 0.75  # right yes/no after differencing a share; blind guess: 0.50
MAX_EXACT_COUNT_RATE = 0.35  # differencing two counts gives the true difference exactly


def _value(figure: Published) -> float:
    assert figure.value is not None, figure.reason
    return float(figure.value)


def _trials(attack: Callable[[random.Random], tuple[float, float]]) -> list[tuple[float, float]]:
    rnd = random.Random(2026)
    return [attack(rnd) for _ in range(TRIALS)]


def _person(rnd: random.Random, value: float, *, own: bool = False) -> Contribution:
    return Contribution(key=rnd.randrange(2**32), value=value, own=own)


def _group(rnd: random.Random, n: int) -> list[Contribution]:
    return [_person(rnd, rnd.choice(LEVELS)) for _ in range(n)]


def _nearest_level(value: float) -> float:
    return min(LEVELS, key=lambda level: abs(level - value))


def one_more_person(rnd: random.Random) -> tuple[float, float]:
    """Reload before and after one more answer: n·mean(n) - (n-1)·mean(n-1)."""
    group, target = _group(rnd, rnd.randint(5, 30)), rnd.choice(LEVELS)
    n = len(group)
    before = _value(publish_mean(group, variable="dim:data"))
    after = _value(publish_mean([*group, _person(rnd, target)], variable="dim:data"))
    return (n + 1) * after - n * before, target


def parent_minus_parts(rnd: random.Random) -> tuple[float, float]:
    """A region's mean minus its shown parts gives the hidden part (here: one person)."""
    parts = [_group(rnd, rnd.randint(5, 15)) for _ in range(rnd.randint(1, 4))]
    target = rnd.choice(LEVELS)
    parent = [c for part in parts for c in part] + [_person(rnd, target)]
    derived = len(parent) * _value(publish_mean(parent, variable="dim:data"))
    for part in parts:
        derived -= len(part) * _value(publish_mean(part, variable="dim:data"))
    return derived, target


@pytest.mark.parametrize("attack", [one_more_person, parent_minus_parts])
def test_differencing_does_not_give_one_persons_score(
    attack: Callable[[random.Random], tuple[float, float]],
) -> None:
    results = _trials(attack)
    errors = [derived - true for derived, true in results]
    rms = math.sqrt(statistics.fmean(e * e for e in errors))
    hits = sum(_nearest_level(derived) == true for derived, true in results) / TRIALS
    assert rms >= MIN_RMS_ONE_SCORE
    assert hits <= MAX_LEVEL_HIT_RATE


def one_more_yes_or_no(rnd: random.Random) -> tuple[float, float]:
    group = [_person(rnd, float(rnd.random() < 0.5)) for _ in range(rnd.randint(5, 30))]
    target = float(rnd.random() < 0.5)
    n = len(group)
    before = _value(publish_share(group, variable="uses_ai")) / 100
    after = _value(publish_share([*group, _person(rnd, target)], variable="uses_ai")) / 100
    return (n + 1) * after - n * before, target


def test_differencing_a_share_does_not_give_one_persons_yes_or_no() -> None:
    results = _trials(one_more_yes_or_no)
    hits = sum((derived > 0.5) == (true > 0.5) for derived, true in results) / TRIALS
    assert 0.5 < hits <= MAX_YES_NO_HIT_RATE


def year_minus_quarters(rnd: random.Random) -> tuple[float, float]:
    """A year's count minus its three shown quarters gives the hidden quarter (1-4 people)."""
    quarters = [[_person(rnd, 1.0) for _ in range(rnd.randint(5, 40))] for _ in range(3)]
    hidden = [_person(rnd, 1.0) for _ in range(rnd.randint(1, 4))]
    year = [c for q in quarters for c in q] + hidden
    derived = _value(publish_count(year)) - sum(_value(publish_count(q)) for q in quarters)
    return derived, float(len(hidden))


def test_counts_of_linked_tables_do_not_give_a_small_group() -> None:
    results = _trials(year_minus_quarters)
    exact = sum(derived == true for derived, true in results) / TRIALS
    errors = [derived - true for derived, true in results]
    assert exact <= MAX_EXACT_COUNT_RATE
    assert math.sqrt(statistics.fmean(e * e for e in errors)) >= 1.5


def test_repeating_or_reordering_a_query_gains_nothing() -> None:
    rnd = random.Random(5)
    group = _group(rnd, 9)
    first = publish_mean(group, variable="dim:data")
    for _ in range(50):
        rnd.shuffle(group)
        assert publish_mean(group, variable="dim:data") == first


def test_own_answers_never_leave_fewer_than_five_others() -> None:
    """The lead sees a result only when five others answered; subtracting their own answers
    leaves the (perturbed) mean of at least five others, never of one to four."""
    rnd = random.Random(11)
    for others in range(0, 12):
        own = _person(rnd, 100.0, own=True)
        figure = publish_mean([own, *_group(rnd, others)], variable="dim:data")
        assert figure.shown is (others >= 5)


def test_subtracting_own_answers_leaves_noise_on_the_others() -> None:
    def attack(rnd: random.Random) -> tuple[float, float]:
        others, mine = _group(rnd, 5), rnd.choice(LEVELS)
        shown = _value(publish_mean([_person(rnd, mine, own=True), *others], variable="d"))
        return (6 * shown - mine) / 5, statistics.fmean(c.value for c in others)

    errors = [derived - true for derived, true in _trials(attack)]
    assert math.sqrt(statistics.fmean(e * e for e in errors)) >= 3.0  # points, on five others

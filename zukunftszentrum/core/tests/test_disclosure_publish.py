"""Publishing counts, means, shares and estimates: thresholds, consistency, precision."""

from __future__ import annotations

import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zukunftszentrum.core.disclosure import (
    Contribution,
    Parameters,
    Published,
    Reason,
    Unit,
    cell_key,
    magnitude_cell_key,
    max_weighted_influence,
    noise,
    others,
    publish_count,
    publish_estimate,
    publish_mean,
    publish_share,
    record_key_from_unit,
    widen_interval,
)
from zukunftszentrum.core.disclosure.rounding import round_count, round_half_up, round_interval

Z = 1.959963984540054
KEY = st.integers(0, 2**32 - 1)
scores = st.lists(
    st.builds(Contribution, key=KEY, value=st.floats(0, 100, allow_nan=False)),
    min_size=5,
    max_size=60,
)


def people(n: int, *, own: int = 0, value: float = 50.0, seed: int = 1) -> list[Contribution]:
    rnd = random.Random(seed)
    return [Contribution(key=rnd.randrange(2**32), value=value, own=i < own) for i in range(n)]


# -- thresholds count others ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("n", "own", "took_part", "expected"),
    [
        (5, 0, False, 5),
        (5, 1, False, 4),  # the lead's own answers do not count towards the five
        (6, 1, False, 5),
        (6, 2, False, 4),  # two own contributions (e.g. two roles) are both the viewer's
        (5, 0, True, 4),  # anonymous: the viewer answered, we do not know which one is theirs
        (5, 1, True, 4),  # ... marked already: not subtracted twice
        (0, 0, True, 0),
    ],
)
def test_others(n: int, own: int, took_part: bool, expected: int) -> None:
    assert others(people(n, own=own), viewer_took_part=took_part) == expected


@pytest.mark.parametrize("publish", [publish_count, publish_mean, publish_share])
@pytest.mark.parametrize(
    ("n", "own", "took_part", "shown"),
    [(4, 0, False, False), (5, 0, False, True), (5, 1, False, False), (6, 1, False, True),
     (5, 0, True, False), (6, 0, True, True)],
)  # fmt: skip
def test_nothing_is_shown_for_fewer_than_five_others(
    publish: object, n: int, own: int, took_part: bool, shown: bool
) -> None:
    kwargs = {} if publish is publish_count else {"variable": "v"}
    contributions = people(n, own=own, value=1.0)
    result = publish(contributions, viewer_took_part=took_part, **kwargs)  # type: ignore[operator]
    assert result.shown is shown
    if not shown:
        assert result.reason is Reason.TOO_FEW_OTHERS
        assert (result.value, result.count, result.low, result.high) == (None,) * 4


@pytest.mark.parametrize(
    "bad",
    [{"mean_noise": -0.1}, {"share_noise": -1.0}, {"small_count_base": 0},
     {"max_deviation": 2, "count_variance": 3.0}],
)  # fmt: skip
def test_impossible_parameters_are_refused(bad: dict) -> None:
    with pytest.raises(ValueError):
        Parameters(**bad)


def test_nan_is_refused() -> None:
    with pytest.raises(ValueError, match="outside"):
        publish_mean([*people(5), Contribution(key=1, value=float("nan"))], variable="v")


@given(st.lists(st.tuples(KEY, st.booleans()), max_size=12), st.booleans())
def test_shown_exactly_when_five_others_contributed(
    members: list[tuple[int, bool]], took_part: bool
) -> None:
    group = [Contribution(key=k, value=1.0, own=own) for k, own in members]
    not_own = sum(1 for _k, own in members if not own)
    marked = len(members) - not_own
    expected_others = not_own - (1 if took_part and not marked and not_own else 0)
    for figure in (
        publish_count(group, viewer_took_part=took_part),
        publish_mean(group, variable="v", viewer_took_part=took_part),
        publish_share(group, variable="v", viewer_took_part=took_part),
    ):
        assert figure.shown is (expected_others >= 5)


def test_the_minimum_is_configurable_upward_only() -> None:
    assert not publish_mean(people(7), variable="v", params=Parameters(min_size=8)).shown
    assert publish_mean(people(5), variable="v", params=Parameters(min_size=3)).shown
    assert not publish_mean(people(4), variable="v", params=Parameters(min_size=3)).shown


# -- consistency -------------------------------------------------------------------------------


@given(scores, st.randoms())
def test_the_same_contributors_in_any_order_give_the_same_figures(
    contributions: list[Contribution], rnd: random.Random
) -> None:
    shuffled = list(contributions)
    rnd.shuffle(shuffled)
    assert publish_mean(contributions, variable="v") == publish_mean(shuffled, variable="v")
    assert publish_count(contributions) == publish_count(shuffled)


@given(scores)
def test_a_mean_stays_in_range_and_near_the_true_mean(contributions: list[Contribution]) -> None:
    figure = publish_mean(contributions, variable="v")
    assert figure.value is not None and 0 <= figure.value <= 100
    true = sum(c.value for c in contributions) / len(contributions)
    largest_noise = Parameters().mean_noise * 100 * noise.EDGE / len(contributions)
    assert abs(figure.value - true) <= largest_noise + 0.5 + 1e-9


@given(scores)
def test_the_count_beside_a_mean_is_the_published_count(contributions: list[Contribution]) -> None:
    assert publish_mean(contributions, variable="v").count == publish_count(contributions).value


def test_each_figure_of_a_group_has_its_own_noise() -> None:
    group = people(12, value=50.0)
    values = [publish_mean(group, variable=f"dim:{i}").value for i in range(20)]
    assert len(set(values)) > 3
    assert 50 not in values  # noise of at least 0.5 x 50 points in a sum of 12: never exact


def test_values_outside_the_range_are_a_callers_bug() -> None:
    with pytest.raises(ValueError, match="outside"):
        publish_mean([*people(5), Contribution(key=1, value=101.0)], variable="v")
    with pytest.raises(ValueError, match="outside"):
        publish_share([*people(5, value=1.0), Contribution(key=1, value=2.0)], variable="v")


# -- shares and counts -------------------------------------------------------------------------


def test_a_share_is_in_whole_percent_near_the_true_share() -> None:
    group = [Contribution(key=k, value=float(k % 4 == 0)) for k in range(1_000, 1_200)]
    figure = publish_share(group, variable="yes")
    assert figure.unit is Unit.PERCENT and isinstance(figure.value, int)
    assert abs(figure.value - 25) <= 1  # noise of at most 1.43 persons in 200


def test_counts_are_perturbed_within_d_and_never_below_five() -> None:
    for seed in range(200):
        for n in (5, 6, 7, 25, 100):
            shown = publish_count(people(n, seed=seed)).value
            assert shown is not None and shown >= 5
            if n >= 20 + 2:
                assert abs(shown - n) <= 2


# -- displayed precision -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("count", "expected"),
    [(5, 5), (7, 5), (8, 10), (12, 10), (13, 15), (17, 15), (18, 20), (19, 20), (20, 20),
     (21, 21), (137, 137), (0, 0), (3, 5)],
)  # fmt: skip
def test_small_counts_are_rounded_to_fives(count: int, expected: int) -> None:
    assert round_count(count, limit=20, base=5) == expected


@pytest.mark.parametrize(
    ("value", "expected"), [(0.5, 1), (1.5, 2), (2.5, 3), (49.49, 49), (99.5, 100), (0.0, 0)]
)
def test_halves_round_up(value: float, expected: int) -> None:
    assert round_half_up(value) == expected


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(12.2, 17.8, (12, 18)), (12.0, 18.0, (12, 18)), (0.4, 0.6, (0, 1))],
)
def test_intervals_are_rounded_outwards(low: float, high: float, expected: tuple) -> None:
    assert round_interval(low, high) == expected


# -- estimates with intervals ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "low", "high", "sd", "expected"),
    [
        (50.0, 40.0, 60.0, 0.0, (40.0, 60.0)),  # no noise: unchanged
        (50.0, 47.0, 53.0, 4.0 / Z, (45.0, 55.0)),  # halves of 3 and 4 add to 5
        (50.0, 50.0, 50.0, 1.0, (50.0 - Z, 50.0 + Z)),  # no sampling error: the noise alone
        (2.0, 0.0, 8.0, 12.0 / Z, (2.0 - 148**0.5, 2.0 + 180**0.5)),  # halves 2 and 6, each widened
    ],
)
def test_widen_interval(value: float, low: float, high: float, sd: float, expected: tuple) -> None:
    assert widen_interval(value, low, high, sd) == pytest.approx(expected)


def test_widen_interval_refuses_a_value_outside() -> None:
    with pytest.raises(ValueError):
        widen_interval(30.0, 40.0, 60.0, 1.0)


def test_max_weighted_influence() -> None:
    assert max_weighted_influence([1.0, 1.0, 2.0], 100.0) == 50.0
    with pytest.raises(ValueError):
        max_weighted_influence([], 100.0)


@pytest.mark.parametrize(
    ("unit", "value", "low", "high", "influence"),
    [(Unit.POINTS, 62.3, 55.0, 69.6, 4.0), (Unit.PERCENT, 0.31, 0.24, 0.38, 0.05),
     (Unit.POINTS, 1.0, 0.0, 5.0, 10.0), (Unit.PERCENT, 0.99, 0.95, 1.0, 0.2)],
)  # fmt: skip
def test_an_estimate_keeps_an_honest_interval(
    unit: Unit, value: float, low: float, high: float, influence: float
) -> None:
    factor = 1 if unit is Unit.POINTS else 100
    for seed in range(50):
        keys = [k.key for k in people(30, seed=seed)]
        figure = publish_estimate(
            value=value, low=low, high=high, contributor_keys=keys,
            max_influence=influence, variable="topic:ki", unit=unit,
        )  # fmt: skip
        assert figure.value is not None and figure.low is not None and figure.high is not None
        assert 0 <= figure.low <= figure.value <= figure.high <= 100
        assert figure.high - figure.low >= int((high - low) * factor) - 1  # never narrower
        noise_sd = (0.5 if unit is Unit.POINTS else 1.0) * influence * factor
        assert abs(figure.value - value * factor) <= noise_sd * noise.EDGE + 0.5 + 1e-9


def test_an_estimate_from_too_few_is_withheld() -> None:
    figure = publish_estimate(
        value=50.0, low=40.0, high=60.0, contributor_keys=[1, 2, 3, 4],
        max_influence=10.0, variable="v", unit=Unit.POINTS,
    )  # fmt: skip
    assert figure == Published.withheld(Unit.POINTS, Reason.TOO_FEW_OTHERS)


def test_counts_are_not_estimates() -> None:
    with pytest.raises(ValueError):
        publish_estimate(
            value=50.0, low=40.0, high=60.0, contributor_keys=list(range(9)),
            max_influence=1.0, variable="v", unit=Unit.PEOPLE,
        )  # fmt: skip


def test_worked_example() -> None:
    """The worked example of docs/methods/disclosure-control.md, figure by figure."""
    fractions = [0.12, 0.57, 0.33, 0.91, 0.48, 0.05, 0.64]
    scores = [50.0, 75.0, 25.0, 100.0, 50.0, 75.0, 50.0]
    group = [
        Contribution(key=record_key_from_unit(f), value=v)
        for f, v in zip(fractions, scores, strict=True)
    ]
    variable = "readiness:2026.1:data"
    assert cell_key(c.key for c in group) == pytest.approx(0.10, abs=1e-8)
    assert noise.count_ptable(2, 1.0, 5).noise(7, cell_key(c.key for c in group)) == -1
    assert publish_count(group).value == 5
    z = noise.magnitude_factor(magnitude_cell_key([c.key for c in group], variable))
    assert round(50 * z, 1) == 40.4
    after = publish_mean(group, variable=variable)
    before = publish_mean(group[:6], variable=variable)
    assert (after.value, before.value) == (66, 54)
    assert 7 * 66 - 6 * 54 == 138  # the attacker's result, far from person 7's score of 50
    lead_views = [Contribution(group[0].key, group[0].value, own=True), *group[1:]]
    assert publish_mean(lead_views, variable=variable) == after
    lead_and_four = [Contribution(group[0].key, group[0].value, own=True), *group[1:5]]
    assert publish_mean(lead_and_four, variable=variable).reason is Reason.TOO_FEW_OTHERS

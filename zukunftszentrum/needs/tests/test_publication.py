"""needs.publication: the one step from an estimate to a figure that may be shown."""

from __future__ import annotations

import random

import numpy as np
import pytest

from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.needs.estimation.domains import DomainEstimate, OutcomeEstimate
from zukunftszentrum.needs.publication import (
    RAW,
    WEIGHTED,
    Contributors,
    publish_domain,
    published,
    published_figure,
    variable,
)

PARAMS = Parameters()
KINDS = {"topic_data": "mean", "formats:coaching": "proportion"}


def _domain(
    n: int, *, seed: int = 1, share: float = 0.4, mean: float = 60.0, suppressed: str | None = None
) -> tuple[DomainEstimate, Contributors]:
    rng = random.Random(seed)
    keys = np.array([rng.getrandbits(32) for _ in range(n)], dtype=np.int64)
    weights = np.array([rng.uniform(1, 5) for _ in range(n)])
    values = np.column_stack([np.full(n, mean), np.full(n, share)])
    outcomes = {
        "topic_data": OutcomeEstimate(mean, 4.0, mean - 8, mean + 8, n, n * 0.8),
        "formats:coaching": OutcomeEstimate(share, 0.1, share - 0.2, share + 0.2, n, n * 0.8),
    }
    estimate = DomainEstimate(
        "d", suppressed, n, float(weights.sum()), n * 0.8, 1.25, False, outcomes
    )
    return estimate, Contributors(keys, weights, values)


def _publish(estimate: DomainEstimate, who: Contributors, weighting: str = WEIGHTED) -> dict:
    members = np.ones(len(who.keys), bool)
    return publish_domain(estimate, members, who, KINDS, weighting=weighting, params=PARAMS)


@pytest.mark.parametrize(
    ("n", "suppressed", "shown"),
    [
        (4, "too_few_responses", False),
        (12, "protected", False),
        (12, None, True),
        (300, None, True),
    ],
)
def test_only_domains_with_estimates_are_published(n, suppressed, shown) -> None:
    estimate, who = _domain(n, suppressed=suppressed)
    out = _publish(estimate, who)
    assert bool(out) is shown
    if shown:
        assert set(out["figures"]) == set(KINDS) and out["n"] >= PARAMS.minimum


@pytest.mark.parametrize(("n", "largest_move"), [(6, 40), (30, 12), (400, 1.5)])
def test_figures_are_whole_within_the_scale_and_the_interval_holds_more_than_sampling(
    n, largest_move
) -> None:
    estimate, who = _domain(n)
    figures = _publish(estimate, who)["figures"]
    value, low, high, count = figures["topic_data"]
    assert all(isinstance(x, int) for x in (value, low, high, count))
    assert 0 <= low <= value <= high <= 100
    assert high - low >= 16  # the computed interval (52 to 68), widened by the noise
    assert abs(value - 60) <= largest_move  # noise shrinks with the group
    share, share_low, share_high, _n = figures["formats:coaching"]
    assert 0 <= share_low <= share <= share_high <= 100  # whole percent


def test_the_same_companies_get_the_same_figures_in_any_order() -> None:
    estimate, who = _domain(15, seed=3)
    order = np.random.default_rng(0).permutation(15)
    shuffled = Contributors(who.keys[order], who.weights[order], who.values[order])
    assert _publish(estimate, who) == _publish(estimate, shuffled)


def test_one_company_more_changes_the_noise() -> None:
    estimate, who = _domain(15, seed=4)
    fewer = Contributors(who.keys[1:], who.weights[1:], who.values[1:])
    values = {tuple(_publish(estimate, w)["figures"]["topic_data"][:3]) for w in (who, fewer)}
    assert len(values) == 2  # same computed mean, unrelated noise


def test_weighted_and_raw_figures_are_named_apart() -> None:
    assert variable("topic_data", WEIGHTED) != variable("topic_data", RAW)
    assert variable("topic_data", WEIGHTED) == "needs:weighted:topic_data"


def test_an_item_without_estimate_or_with_too_few_answers_is_not_published() -> None:
    estimate, who = _domain(12)
    outcomes = dict(estimate.outcomes or {})
    outcomes["topic_data"] = None
    values = who.values.copy()
    values[:8, 1] = np.nan  # only 4 answered the share
    out = _publish(
        DomainEstimate("d", None, 12, 10.0, 9.0, 1.3, True, outcomes),
        Contributors(who.keys, who.weights, values),
    )
    assert out["figures"] == {"topic_data": None, "formats:coaching": None}


@pytest.mark.parametrize(
    ("stored", "proportion", "expected"),
    [
        ([62, 55, 69, 20], False, (62.0, 55.0, 69.0, 20)),
        ([41, 30, 52, 15], True, (0.41, 0.30, 0.52, 15)),
        (None, False, None),
    ],
)
def test_stored_figures_are_read_in_the_estimates_scale(stored, proportion, expected) -> None:
    figure = published_figure(stored, proportion)
    if expected is None:
        assert figure is None
        return
    assert figure is not None
    assert (figure.value, figure.low, figure.high, figure.n) == pytest.approx(expected)


def test_a_weighting_without_publication_reads_as_empty() -> None:
    assert published({}, WEIGHTED) == {} and published(None, RAW) == {}
    assert published({"raw": {"n": 5}}, RAW) == {"n": 5}

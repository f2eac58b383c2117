"""Mean profiles and group comparison, suppressed below the minimum group size."""

from __future__ import annotations

import pytest

from zukunftszentrum.assessments.engine.aggregate import (
    MeanValue,
    compare_groups,
    mean_profile,
)
from zukunftszentrum.assessments.engine.scoring import DimensionResult, Result
from zukunftszentrum.core.suppression import Reason


def result(strategy: float | None, data: float | None = None, quiz: float | None = None) -> Result:
    overall = strategy if data is None else data if strategy is None else (strategy + data) / 2
    return Result(
        dimensions={
            "strategy": DimensionResult(strategy, None, 1 if strategy is not None else 0),
            "data": DimensionResult(data, None, 1 if data is not None else 0),
        },
        overall=overall,
        overall_level=None,
        knowledge={"skills": quiz},
    )


def test_mean_profile_counts_only_results_with_a_score():
    # The example of docs/methods/self-checks.md: seven results, six rate strategy,
    # four rate data; minimum size 5.
    results = [result(s) for s in (50, 60, 70, 80, 90, 100)] + [result(None)]
    for r, d in zip(results, (10, 20, 30, 40), strict=False):
        r.dimensions["data"] = DimensionResult(d, None, 1)
    profile = mean_profile(results, min_size=5)
    assert profile.n == 7 and profile.min_size == 5
    assert profile.dimensions["strategy"] == MeanValue(75.0, 6)  # 450 / 6
    assert profile.dimensions["data"] == MeanValue(None, None, Reason.TOO_FEW)
    assert profile.dimensions["data"].suppressed


@pytest.mark.parametrize(
    ("count", "min_size", "disclosed"),
    [(4, 5, False), (5, 5, True), (5, 3, True), (4, 3, False), (7, 8, False), (8, 8, True)],
)
def test_effective_minimum_never_below_the_floor(count, min_size, disclosed):
    profile = mean_profile([result(60) for _ in range(count)], min_size)
    assert (profile.dimensions["strategy"].mean == 60) is disclosed
    assert (profile.overall.mean == 60) is disclosed
    assert (profile.n == count) is disclosed
    assert profile.suppressed is not disclosed
    assert profile.min_size == max(5, min_size)


def test_knowledge_and_overall_are_aggregated_too():
    results = [result(40, 80, quiz=q) for q in (0, 50, 100, 100, 100)]
    profile = mean_profile(results, 5)
    assert profile.overall == MeanValue(60.0, 5)  # (40 + 80) / 2 each
    assert profile.knowledge == {"skills": MeanValue(70.0, 5)}  # 350 / 5
    assert profile.dimensions["data"] == MeanValue(80.0, 5)


def test_empty_profile_is_suppressed():
    profile = mean_profile([], 5)
    assert profile.suppressed and profile.dimensions == {}
    assert profile.overall == MeanValue(None, None, Reason.TOO_FEW)


def test_compare_groups_separately_when_every_group_is_large_enough():
    groups = {
        "company_lead": [result(80) for _ in range(5)],
        "employee": [result(40) for _ in range(6)],
        "works_council": [],  # nobody answered: left out, does not force combining
    }
    comparison = compare_groups(groups, 5)
    assert comparison.combined is False
    assert set(comparison.groups) == {"company_lead", "employee"}
    assert comparison.groups["company_lead"].dimensions["strategy"] == MeanValue(80.0, 5)
    assert comparison.groups["employee"].dimensions["strategy"] == MeanValue(40.0, 6)
    # total: (5*80 + 6*40) / 11
    assert comparison.total.dimensions["strategy"].mean == pytest.approx(640 / 11)


def test_compare_groups_combines_when_any_group_is_too_small():
    groups = {
        "company_lead": [result(80)],
        "employee": [result(40) for _ in range(6)],
    }
    comparison = compare_groups(groups, 5)
    assert comparison.combined is True
    assert comparison.groups == {}  # the lone lead's score is never shown on its own
    assert comparison.total.n == 7
    assert comparison.total.dimensions["strategy"].mean == pytest.approx((80 + 240) / 7)


def test_compare_groups_combined_total_can_itself_be_suppressed():
    comparison = compare_groups({"employee": [result(40)] * 2, "company_lead": [result(90)]}, 5)
    assert comparison.combined is True
    assert comparison.total.suppressed
    assert comparison.total.dimensions["strategy"].mean is None

"""Mean profiles and group comparison, published through core.disclosure: withheld below the
minimum of others, perturbed and rounded above it, the same for the same contributors."""

from __future__ import annotations

import pytest

from zukunftszentrum.assessments.engine.aggregate import (
    Keyed,
    MeanValue,
    Profile,
    combined_key,
    compare_groups,
    mean_profile,
)
from zukunftszentrum.assessments.engine.scoring import DimensionResult, Result
from zukunftszentrum.core.disclosure import Parameters, publish_mean
from zukunftszentrum.core.disclosure.publish import Contribution

PARAMS = Parameters(min_size=5)
VAR = "example:2026.1:all"


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


def keyed(results: list[Result], *, start: int = 1000, own: int | None = None) -> list[Keyed]:
    return [Keyed(key=start + 7919 * i, result=r, own=i == own) for i, r in enumerate(results)]


def test_every_mean_is_the_published_one_of_core_disclosure():
    entries = keyed([result(s) for s in (50, 60, 70, 80, 90, 100)] + [result(None)])
    profile = mean_profile(entries, variable=VAR, params=PARAMS)
    expected = publish_mean(
        [Contribution(e.key, e.result.dimensions["strategy"].score or 0) for e in entries[:6]],
        variable=f"{VAR}:strategy",
        params=PARAMS,
    )
    assert profile.dimensions["strategy"].mean == expected.value
    assert isinstance(profile.dimensions["strategy"].mean, int)  # whole points
    assert profile.dimensions["strategy"].contributors == 6
    assert profile.dimensions["data"].suppressed  # nobody rated data
    assert profile.contributors == 7 and profile.n is not None


@pytest.mark.parametrize(
    ("count", "min_size", "own", "disclosed"),
    [
        (4, 5, None, False),
        (5, 5, None, True),
        (5, 3, None, True),  # the minimum is never below 5
        (7, 8, None, False),
        (8, 8, None, True),
        (5, 5, 0, False),  # the viewer's own answer does not count towards the minimum
        (6, 5, 0, True),
    ],
)
def test_thresholds_count_others(count, min_size, own, disclosed):
    entries = keyed([result(60, 40, quiz=100) for _ in range(count)], own=own)
    profile = mean_profile(entries, variable=VAR, params=Parameters(min_size=min_size))
    assert (profile.dimensions["strategy"].mean is not None) is disclosed
    assert (profile.overall.mean is not None) is disclosed
    assert (profile.knowledge["skills"].mean is not None) is disclosed
    assert profile.suppressed is not disclosed
    assert profile.min_size == max(5, min_size)


def test_the_same_contributors_get_the_same_noise_in_any_order():
    entries = keyed([result(10 * i, quiz=100 * (i % 2)) for i in range(8)])
    first = mean_profile(entries, variable=VAR, params=PARAMS)
    again = mean_profile(list(reversed(entries)), variable=VAR, params=PARAMS)
    assert first == again


def test_knowledge_is_a_share_in_whole_percent():
    entries = keyed([result(40, 80, quiz=q) for q in (0, 100, 100, 100, 100, 0, 100, 100)])
    value = mean_profile(entries, variable=VAR, params=PARAMS).knowledge["skills"].mean
    assert value is not None and 0 <= value <= 100


def test_viewer_check_on_stored_figures():
    entries = keyed([result(60) for _ in range(5)])
    profile = mean_profile(entries, variable=VAR, params=PARAMS)
    assert not profile.suppressed
    stored = Profile.from_json(profile.to_json())
    assert stored == profile
    assert stored.visible_to(includes_viewer=False) == profile
    mine = stored.visible_to(includes_viewer=True)  # 4 others only
    assert mine.suppressed and mine.overall.mean is None
    assert mine.dimensions["strategy"] == MeanValue(None, None, "too_few_others", 5)


def test_compare_groups_separately_when_every_group_is_large_enough():
    groups = {
        "company_lead": keyed([result(80) for _ in range(5)]),
        "employee": keyed([result(40) for _ in range(6)], start=5),
        "works_council": [],  # nobody answered: left out, does not force combining
    }
    comparison = compare_groups(groups, variable="example:2026.1", params=PARAMS)
    assert comparison.combined is False
    assert set(comparison.groups) == {"company_lead", "employee"}
    assert comparison.total.contributors == 11


def test_compare_groups_combines_when_any_group_is_too_small():
    groups = {
        "company_lead": keyed([result(80)]),
        "employee": keyed([result(40) for _ in range(6)], start=5),
    }
    comparison = compare_groups(groups, variable="example:2026.1", params=PARAMS)
    assert comparison.combined is True
    assert comparison.groups == {}  # the lone lead's score is never shown on its own
    assert comparison.total.dimensions["strategy"].mean is not None


def test_compare_groups_combined_total_can_itself_be_suppressed():
    groups = {"employee": keyed([result(40)] * 2), "company_lead": keyed([result(90)], start=9)}
    comparison = compare_groups(groups, variable="example:2026.1", params=PARAMS)
    assert comparison.combined is True
    assert comparison.total.suppressed
    assert comparison.total.dimensions["strategy"].mean is None


def test_combined_key_is_the_sum_modulo_two_to_the_32():
    assert combined_key([2**32 - 1, 2]) == 1
    assert combined_key([]) == 0

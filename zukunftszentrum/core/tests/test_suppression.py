"""The minimum group size rule."""

import pytest

from zukunftszentrum.core.suppression import (
    Reason,
    disclosable_counts,
    effective_min_size,
    is_disclosable,
    is_small_remainder,
)


@pytest.mark.parametrize(("configured", "expected"), [(0, 5), (3, 5), (5, 5), (7, 7), (20, 20)])
def test_minimum_is_never_below_five(configured: int, expected: int) -> None:
    assert effective_min_size(configured) == expected


@pytest.mark.parametrize(
    ("count", "min_size", "expected"),
    [(0, 5, False), (4, 5, False), (5, 5, True), (6, 5, True), (6, 7, False), (4, 1, False)],
)
def test_is_disclosable(count: int, min_size: int, expected: bool) -> None:
    assert is_disclosable(count, min_size) is expected


def test_small_groups_are_hidden_not_dropped() -> None:
    assert disclosable_counts({"a": 12, "b": 3, "c": 5}, 5) == {"a": 12, "b": None, "c": 5}


@pytest.mark.parametrize(
    ("count", "min_size", "expected"),
    [(0, 5, False), (1, 5, True), (4, 5, True), (5, 5, False), (5, 7, True), (4.0, 1, True)],
)
def test_a_small_remainder_is_one_to_minimum_minus_one(
    count: float, min_size: int, expected: bool
) -> None:
    assert is_small_remainder(count, min_size) is expected


def test_reason_values_are_the_stored_and_served_codes() -> None:
    assert [r.value for r in Reason] == ["too_few_responses", "protected", "no_population"]
    assert Reason.TOO_FEW == "too_few_responses"  # compares equal to what the database holds

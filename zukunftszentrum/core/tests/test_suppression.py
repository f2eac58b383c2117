"""The minimum group size rule."""

import pytest

from zukunftszentrum.core.suppression import disclosable_counts, effective_min_size, is_disclosable


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

"""Question statistics: hidden below 20 people, difficulty through disclosure control,
discrimination as the point-biserial correlation (table of cases)."""

from __future__ import annotations

import pytest

from zukunftszentrum.core.disclosure import Parameters
from zukunftszentrum.self_learning.units.statistics import (
    MIN_ATTEMPTS,
    ItemRow,
    item_statistics,
    point_biserial,
)


def _rows(pairs: list[tuple[bool, float]]) -> list[ItemRow]:
    return [ItemRow(key=1_000_003 * (i + 1), right=r, rest=s) for i, (r, s) in enumerate(pairs)]


@pytest.mark.parametrize(
    ("pairs", "expected"),
    [
        ([(True, 1.0), (False, 0.0)] * 10, 1.0),  # the able get it right: discriminates
        ([(False, 1.0), (True, 0.0)] * 10, -1.0),  # the able get it wrong: a flawed question
        ([(True, 1.0), (True, 0.0)] * 10, None),  # everyone right: no variance
        ([(True, 0.5), (False, 0.5)] * 10, None),  # the rest does not vary
    ],
)
def test_point_biserial(pairs: list[tuple[bool, float]], expected: float | None) -> None:
    result = point_biserial(_rows(pairs))
    assert result == (None if expected is None else pytest.approx(expected))


def test_nothing_is_shown_below_twenty_people() -> None:
    rows = _rows([(True, 1.0), (False, 0.0)] * ((MIN_ATTEMPTS - 1) // 2))
    stats = item_statistics("q01", rows, Parameters(), unit_key="u")
    assert not stats.enough and stats.discrimination is None


def test_difficulty_is_a_published_share() -> None:
    rows = _rows([(True, 0.75), (True, 1.0), (False, 0.25), (True, 0.5)] * 10)
    stats = item_statistics("q01", rows, Parameters(), unit_key="u")
    assert stats.enough and stats.difficulty is not None and stats.difficulty.shown
    assert stats.difficulty.value is not None and 60 <= stats.difficulty.value <= 90  # 75 % + noise
    assert stats.people.count is not None and stats.people.count in range(35, 46)
    assert stats.discrimination is not None and stats.discrimination > 0.5

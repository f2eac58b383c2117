"""The published noise: the count p-table and the magnitude noise factor."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from zukunftszentrum.core.disclosure import noise

TABLES = [(2, 1.0, 5), (2, 0.5, 5), (3, 1.0, 5), (3, 2.0, 7), (2, 1.5, 10)]


@pytest.mark.parametrize(("d", "v", "minimum"), TABLES)
def test_every_row_is_a_distribution_with_mean_zero(d: int, v: float, minimum: int) -> None:
    table = noise.count_ptable(d, v, minimum)
    for row in table.rows:
        assert math.isclose(math.fsum(row.probabilities), 1.0, abs_tol=1e-12)
        assert all(p > 0 for p in row.probabilities)
        assert abs(row.mean) < 1e-9
        assert row.upper_bounds[-1] == 1.0


@pytest.mark.parametrize(("d", "v", "minimum"), TABLES)
def test_rows_meet_the_variance_except_at_the_minimum(d: int, v: float, minimum: int) -> None:
    table = noise.count_ptable(d, v, minimum)
    first, *rest = table.rows
    assert first.noise == (0,)  # a count at the minimum can only move up: unbiased means unmoved
    for row in rest:
        assert math.isclose(row.variance, v, rel_tol=1e-9)


@pytest.mark.parametrize(("d", "v", "minimum"), TABLES)
def test_noise_is_bounded_and_never_shows_a_small_count(d: int, v: float, minimum: int) -> None:
    table = noise.count_ptable(d, v, minimum)
    for count in range(minimum, minimum + 40):
        row = table.row(count)
        assert max(abs(n) for n in row.noise) <= d
        assert min(count + n for n in row.noise) >= minimum


def test_the_last_row_serves_all_larger_counts() -> None:
    table = noise.count_ptable(2, 1.0, 5)
    assert [r.count for r in table.rows] == [5, 6, 7]
    assert table.row(7) is table.row(10_000)
    assert table.row(7).noise == (-2, -1, 0, 1, 2)


def test_counts_below_the_minimum_have_no_row() -> None:
    with pytest.raises(ValueError, match="below the minimum"):
        noise.count_ptable(2, 1.0, 5).row(4)


@pytest.mark.parametrize(("d", "v"), [(0, 0.5), (2, 0.0), (2, 2.0), (1, 1.0)])
def test_impossible_parameters_are_refused(d: int, v: float) -> None:
    with pytest.raises(ValueError):
        noise.count_ptable(d, v, 5)


@pytest.mark.parametrize(
    ("key", "expected"),
    [(0.0, -2), (0.0637, -2), (0.0639, -1), (0.3084, -1), (0.3086, 0), (0.5, 0), (0.9999, 2)],
)
def test_lookup_walks_the_cumulative_intervals(key: float, expected: int) -> None:
    # row 7+ of the default table: 0.0638, 0.2447, 0.3830, 0.2447, 0.0638
    assert noise.count_ptable(2, 1.0, 5).noise(7, key) == expected


def test_the_default_table_is_the_published_one() -> None:
    """The figures printed in the method doc (4 decimals); a change here must change the doc."""
    rows = noise.count_ptable(2, 1.0, 5).rows
    printed = [[round(p, 4) for p in row.probabilities] for row in rows]
    assert printed == [
        [1.0],
        [0.3981, 0.3058, 0.1942, 0.1019],
        [0.0638, 0.2447, 0.383, 0.2447, 0.0638],
    ]


def test_the_method_doc_prints_the_default_table() -> None:
    doc = (Path(__file__).parents[3] / "docs/methods/disclosure-control.md").read_text()
    for row in noise.count_ptable(2, 1.0, 5).rows:
        cells = dict(zip(row.noise, row.probabilities, strict=True))
        printed = " | ".join(f"{cells[v]:.4f}" if v in cells else "–" for v in range(-2, 3))
        label = str(row.count) if row.count < 7 else "7 and more"
        assert f"| {label} | {printed} |" in doc


def test_the_magnitude_factor_has_mean_zero_variance_one_and_a_hole() -> None:
    grid = [(i + 0.5) / 100_000 for i in range(100_000)]  # the key is uniform on [0, 1)
    factors = [noise.magnitude_factor(k) for k in grid]
    assert abs(math.fsum(factors) / len(factors)) < 1e-9
    assert math.isclose(math.fsum(f * f for f in factors) / len(factors), 1.0, rel_tol=1e-6)
    assert min(abs(f) for f in factors) >= noise.HOLE
    assert max(abs(f) for f in factors) <= noise.EDGE
    assert factors == sorted(factors)  # the inverse of a distribution function


@pytest.mark.parametrize("key", [-0.1, 1.0, 1.5])
def test_magnitude_keys_outside_the_unit_interval_are_refused(key: float) -> None:
    with pytest.raises(ValueError):
        noise.magnitude_factor(key)

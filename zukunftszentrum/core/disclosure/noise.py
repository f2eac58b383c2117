"""The published noise of the cell key method: the count p-table and the magnitude noise.
Pure: no Django imports. Method and the printed table: docs/methods/disclosure-control.md.

Counts: for each original count i, probabilities for noise -D..D with mean 0 and variance V,
chosen with maximum entropy (as the p-tables of Destatis and the ABS), with no perturbed count
below the minimum group size. Each row is laid out as consecutive intervals of [0, 1); the cell
key picks the interval, so the same cell always gets the same noise.

Magnitudes (sums, hence means and shares): a noise factor z between `HOLE` and `EDGE` in size,
up or down with equal chance, uniform in between; mean 0, variance 1. The hole keeps every
published sum at least half a noise scale away from the true one (Giessing and Tent, 2019).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import lru_cache

HOLE = 0.5
# The outer edge that gives variance 1: E[z^2] = (EDGE^3 - HOLE^3) / (3 (EDGE - HOLE)) = 1.
EDGE = (-HOLE + math.sqrt(12.0 - 3.0 * HOLE * HOLE)) / 2.0


@dataclass(frozen=True)
class PRow:
    """One row of the count p-table: noise values, their probabilities, cumulative bounds."""

    count: int
    noise: tuple[int, ...]
    probabilities: tuple[float, ...]

    @property
    def upper_bounds(self) -> tuple[float, ...]:
        """The right end of each noise value's key interval; the last is 1."""
        bounds, total = [], 0.0
        for p in self.probabilities:
            total += p
            bounds.append(total)
        bounds[-1] = 1.0
        return tuple(bounds)

    def lookup(self, key: float) -> int:
        """The noise for a cell key in [0, 1)."""
        for value, bound in zip(self.noise, self.upper_bounds, strict=True):
            if key < bound:
                return value
        return self.noise[-1]

    @property
    def mean(self) -> float:
        return sum(v * p for v, p in zip(self.noise, self.probabilities, strict=True))

    @property
    def variance(self) -> float:
        m = self.mean
        return sum((v - m) ** 2 * p for v, p in zip(self.noise, self.probabilities, strict=True))


@dataclass(frozen=True)
class PTable:
    """The count p-table: rows from the minimum group size up; the last row serves all larger
    counts (from there on the noise no longer meets the lower limit)."""

    max_deviation: int
    variance: float
    min_size: int
    rows: tuple[PRow, ...]

    def row(self, count: int) -> PRow:
        if count < self.min_size:
            raise ValueError(f"count {count} is below the minimum {self.min_size}: not published")
        return self.rows[min(count - self.min_size, len(self.rows) - 1)]

    def noise(self, count: int, key: float) -> int:
        return self.row(count).lookup(key)


@lru_cache(maxsize=16)
def count_ptable(max_deviation: int, variance: float, min_size: int) -> PTable:
    """The p-table for counts of at least `min_size` (deterministic; cached)."""
    if max_deviation < 1 or not 0.0 < variance < max_deviation:
        raise ValueError("need D >= 1 and 0 < V < D (so every row can meet mean 0, variance V)")
    rows = []
    for count in range(min_size, min_size + max_deviation + 1):
        lowest = max(-max_deviation, min_size - count)  # never below the minimum group size
        support = tuple(range(lowest, max_deviation + 1))
        if lowest == 0:  # only upward noise possible: an unbiased row must be "no noise"
            rows.append(PRow(count, (0,), (1.0,)))
        else:
            rows.append(PRow(count, support, _max_entropy(support, variance)))
    return PTable(max_deviation, variance, min_size, tuple(rows))


def _max_entropy(support: tuple[int, ...], variance: float) -> tuple[float, ...]:
    """p(v) proportional to exp(a v + b v^2) with mean 0 and the given variance (Newton's
    method on the convex dual; a few steps suffice for these small supports)."""
    a, b = 0.0, 0.0
    for _ in range(200):
        p = _gibbs(support, a, b)
        m1 = sum(v * q for v, q in zip(support, p, strict=True))
        m2 = sum(v * v * q for v, q in zip(support, p, strict=True))
        m3 = sum(v**3 * q for v, q in zip(support, p, strict=True))
        m4 = sum(v**4 * q for v, q in zip(support, p, strict=True))
        g1, g2 = m1, m2 - variance
        if abs(g1) < 1e-13 and abs(g2) < 1e-13:
            return p
        h11, h12, h22 = m2 - m1 * m1, m3 - m1 * m2, m4 - m2 * m2
        det = h11 * h22 - h12 * h12
        step_a = (h22 * g1 - h12 * g2) / det
        step_b = (h11 * g2 - h12 * g1) / det
        a, b = a - step_a, b - step_b
    raise ArithmeticError("p-table row did not converge")  # pragma: no cover


def _gibbs(support: tuple[int, ...], a: float, b: float) -> tuple[float, ...]:
    exponents = [a * v + b * v * v for v in support]
    top = max(exponents)
    weights = [math.exp(e - top) for e in exponents]
    total = sum(weights)
    return tuple(w / total for w in weights)


def magnitude_factor(key: float) -> float:
    """The noise factor z for a magnitude cell key in [0, 1): the inverse of z's distribution."""
    if not 0.0 <= key < 1.0:
        raise ValueError(f"cell key out of range: {key!r}")
    if key < 0.5:
        return -EDGE + (EDGE - HOLE) * 2.0 * key
    return HOLE + (EDGE - HOLE) * (2.0 * key - 1.0)

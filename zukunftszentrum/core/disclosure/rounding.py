"""Displayed precision: what a published figure is rounded to. Pure: no Django imports.

Means to whole points, shares to whole percent, counts of people below a limit to a multiple of
a base (default: below 20, to the nearest multiple of 5). Intervals are rounded outwards, so a
rounded interval never claims more certainty than the computed one.
"""

from __future__ import annotations

import math


def round_half_up(value: float) -> int:
    """The nearest whole number, halves upwards (Python's round() rounds halves to even)."""
    return math.floor(value + 0.5)


def round_count(count: int, *, limit: int, base: int) -> int:
    """A count of people as displayed: below `limit`, the nearest multiple of `base`, never 0
    for a count of at least `base` (rounding must not make a shown group look empty)."""
    if count >= limit or base <= 1:
        return count
    return max(base * round_half_up(count / base), base if count >= base else 0)


def round_interval(low: float, high: float) -> tuple[int, int]:
    """An interval in whole units, widened to contain the unrounded one."""
    return math.floor(low), math.ceil(high)


def clip(value: float, lower: float, upper: float) -> float:
    return min(max(value, lower), upper)

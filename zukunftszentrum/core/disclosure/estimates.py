"""Publishing survey estimates with intervals (the needs analysis). Pure: no Django imports.

A weighted estimate gets noise sized by the most one contributor can move it (Giessing and
Tent, 2019), from the magnitude cell key of its contributors, as plain means do; its interval
is widened by that noise, so the published interval is honest about both the sampling error
and the protection.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

from . import keys, noise
from .publish import DEFAULT, Z_95, Parameters, Published, Reason, Unit
from .rounding import clip, round_half_up, round_interval


def widen_interval(
    value: float, low: float, high: float, noise_sd: float, *, z: float = Z_95
) -> tuple[float, float]:
    """The interval around `value` with each half widened by independent noise of `noise_sd`:
    half' = sqrt(half^2 + (z * noise_sd)^2). Halves may differ (an interval cut at a bound)."""
    if low > value or high < value or noise_sd < 0:
        raise ValueError("need low <= value <= high and noise_sd >= 0")
    extra = (z * noise_sd) ** 2
    return value - math.hypot(value - low, math.sqrt(extra)), value + math.hypot(
        high - value, math.sqrt(extra)
    )


def max_weighted_influence(weights: Iterable[float], value_range: float) -> float:
    """How far one contributor can move a weighted mean of values spanning `value_range`:
    its weight's share of the total times the range (the largest weight decides)."""
    ws = list(weights)
    total = math.fsum(ws)
    if not ws or total <= 0:
        raise ValueError("need positive weights")
    return max(ws) / total * value_range


def publish_estimate(
    *,
    value: float,
    low: float,
    high: float,
    contributor_keys: Sequence[int],
    max_influence: float,
    variable: str,
    unit: Unit,
    params: Parameters = DEFAULT,
) -> Published:
    """A weighted mean (unit POINTS, 0-100) or share (unit PERCENT, given as 0-1) with its
    interval: noise added, interval widened by it, both rounded to whole points or percent.

    `max_influence` is in the estimate's own unit (see `max_weighted_influence`). The noise is
    `mean_noise` x max_influence for points and `share_noise` x max_influence for shares, as for
    unweighted means and shares (one contributor's largest effect stands in for the scale)."""
    if unit is Unit.PEOPLE:
        raise ValueError("counts are published with publish_count")
    if len(contributor_keys) < params.minimum:
        return Published.withheld(unit, Reason.TOO_FEW_OTHERS)
    upper, factor = (100.0, 1.0) if unit is Unit.POINTS else (1.0, 100.0)
    multiplier = params.mean_noise if unit is Unit.POINTS else params.share_noise
    noise_sd = multiplier * max_influence  # the magnitude factor z has variance 1
    key = keys.magnitude_cell_key(contributor_keys, variable)
    perturbed = clip(value + noise_sd * noise.magnitude_factor(key), 0.0, upper)
    shifted_low, shifted_high = low - value + perturbed, high - value + perturbed
    wide_low, wide_high = widen_interval(perturbed, shifted_low, shifted_high, noise_sd)
    shown_low, shown_high = round_interval(
        clip(wide_low, 0.0, upper) * factor, clip(wide_high, 0.0, upper) * factor
    )
    shown = round_half_up(perturbed * factor)
    return Published(
        unit,
        value=shown,
        low=min(shown_low, shown),
        high=max(shown_high, shown),
    )

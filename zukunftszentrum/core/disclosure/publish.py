"""Publishing figures about people and organisations: counts, means, shares and estimates.
Pure: no Django imports.

Callers hand in one `Contribution` per contributor (a person's response, or an organisation
whose own responses were averaged first) and get back a `Published` figure: the perturbed and
rounded value to display, or no value and the `Reason`. Nothing else may compute a figure that
is shown, exported or served. Method and parameters: docs/methods/disclosure-control.md.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from zukunftszentrum.core.suppression import effective_min_size

from . import keys, noise
from .rounding import clip, round_count, round_half_up

Z_95 = 1.959963984540054


class Reason(StrEnum):
    """Why a figure is not shown."""

    TOO_FEW_OTHERS = "too_few_others"  # fewer contributors than the minimum besides the viewer
    NOT_RELEASED = "not_released"  # a live survey's first batch is not complete yet


class Unit(StrEnum):
    PEOPLE = "people"  # a count of contributors
    POINTS = "points"  # a mean on a 0-100 scale, whole points
    PERCENT = "percent"  # a share, whole percent


@dataclass(frozen=True)
class Contribution:
    """One contributor to a figure: its record key, its value (ignored by counts), and whether
    it is the viewer's own (then it does not count towards the minimum)."""

    key: int
    value: float = 1.0
    own: bool = False


@dataclass(frozen=True)
class Parameters:
    """The method's parameters; the defaults are the documented ones."""

    min_size: int = 5  # raised to the absolute floor by core.suppression, never lowered
    max_deviation: int = 2  # D: count noise lies in -D..D
    count_variance: float = 1.0  # V: variance of the count noise
    mean_noise: float = 0.5  # noise of a sum of scores, as a fraction of one score's range
    share_noise: float = 1.0  # noise of a count of "yes", in persons
    small_count_limit: int = 20  # counts below this are shown rounded ...
    small_count_base: int = 5  # ... to a multiple of this

    def __post_init__(self) -> None:
        if self.mean_noise < 0 or self.share_noise < 0 or self.small_count_base < 1:
            raise ValueError("noise must not be negative, the rounding base at least 1")
        self.ptable  # noqa: B018 -- refuses an impossible D and V now, not at the first figure

    @property
    def minimum(self) -> int:
        return effective_min_size(self.min_size)

    @property
    def ptable(self) -> noise.PTable:
        return noise.count_ptable(self.max_deviation, self.count_variance, self.minimum)


DEFAULT = Parameters()


@dataclass(frozen=True)
class Published:
    """A figure as it may be displayed, or the reason there is none (then every number is None).

    `count` is the published number of contributors, perturbed and rounded like any count;
    `low`/`high` an interval (needs estimates only), widened by the added noise."""

    unit: Unit
    value: int | None = None
    count: int | None = None
    low: int | None = None
    high: int | None = None
    reason: Reason | None = None

    @property
    def shown(self) -> bool:
        return self.reason is None

    @classmethod
    def withheld(cls, unit: Unit, reason: Reason) -> Published:
        return cls(unit=unit, reason=reason)


def others(contributions: Sequence[Contribution], *, viewer_took_part: bool = False) -> int:
    """Contributors other than the viewer. `viewer_took_part`: the viewer is in the set but not
    marked (an anonymous survey the viewer answered), so one unmarked contributor is theirs."""
    unmarked = sum(1 for c in contributions if not c.own)
    marked = len(contributions) - unmarked
    return unmarked - (1 if viewer_took_part and marked == 0 and unmarked else 0)


def publish_count(
    contributions: Sequence[Contribution],
    *,
    viewer_took_part: bool = False,
    params: Parameters = DEFAULT,
) -> Published:
    """The number of contributors, perturbed by the p-table and rounded where small."""
    if others(contributions, viewer_took_part=viewer_took_part) < params.minimum:
        return Published.withheld(Unit.PEOPLE, Reason.TOO_FEW_OTHERS)
    count = _published_count(contributions, params)
    return Published(Unit.PEOPLE, value=count, count=count)


def _published_count(contributions: Sequence[Contribution], params: Parameters) -> int:
    n = len(contributions)
    perturbed = n + params.ptable.noise(n, keys.cell_key(c.key for c in contributions))
    return round_count(perturbed, limit=params.small_count_limit, base=params.small_count_base)


def publish_mean(
    contributions: Sequence[Contribution],
    *,
    variable: str,
    lower: float = 0.0,
    upper: float = 100.0,
    viewer_took_part: bool = False,
    params: Parameters = DEFAULT,
) -> Published:
    """The mean of values in [lower, upper] (e.g. 0-100 scores), in whole points.

    The sum gets noise of `mean_noise` x (upper - lower) x z, z from the magnitude cell key of
    the set and `variable` (name the figure: "readiness:2026.1:dim:data"), so each figure of a
    group has its own, fixed noise."""
    if others(contributions, viewer_took_part=viewer_took_part) < params.minimum:
        return Published.withheld(Unit.POINTS, Reason.TOO_FEW_OTHERS)
    scale = upper - lower
    mean = _noisy_mean(contributions, variable, lower, upper, params.mean_noise * scale)
    return Published(
        Unit.POINTS,
        value=round_half_up(mean),
        count=_published_count(contributions, params),
    )


def publish_share(
    contributions: Sequence[Contribution],
    *,
    variable: str,
    viewer_took_part: bool = False,
    params: Parameters = DEFAULT,
) -> Published:
    """The share of contributors with value 1 (values in [0, 1]), in whole percent.

    The count of "yes" gets noise of `share_noise` persons x z: one person's answer is hidden in
    noise of about one person's size, as counts are."""
    if others(contributions, viewer_took_part=viewer_took_part) < params.minimum:
        return Published.withheld(Unit.PERCENT, Reason.TOO_FEW_OTHERS)
    share = _noisy_mean(contributions, variable, 0.0, 1.0, params.share_noise)
    return Published(
        Unit.PERCENT,
        value=round_half_up(100.0 * share),
        count=_published_count(contributions, params),
    )


def _noisy_mean(
    contributions: Sequence[Contribution],
    variable: str,
    lower: float,
    upper: float,
    noise_scale: float,
) -> float:
    """(sum + noise) / n, kept within [lower, upper]. The true n divides: attackers are assumed
    to know it, and it keeps the published mean unbiased away from the edges."""
    for c in contributions:
        if not lower <= c.value <= upper:  # NaN fails this too
            raise ValueError(f"value {c.value!r} outside [{lower}, {upper}]")
    key = keys.magnitude_cell_key((c.key for c in contributions), variable)
    total = math.fsum(c.value for c in contributions)  # exact: independent of the order
    perturbed = total + noise_scale * noise.magnitude_factor(key)
    return clip(perturbed / len(contributions), lower, upper)

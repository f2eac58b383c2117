"""The minimum group size rule and why a figure is not shown, in one place. Pure: no Django imports.

Every aggregate over people that is shown, exported or served by the API passes through here:
`is_disclosable` is the one threshold check, `Reason` the one vocabulary of missing figures.
Their words for the reader live in `core.suppression_labels` (translated, so not pure).
"""

from __future__ import annotations

from collections.abc import Mapping
from enum import StrEnum

ABSOLUTE_MIN_GROUP_SIZE = 5  # configurable upward only


class Reason(StrEnum):
    """Why a figure is not shown. The values are stored (needs results) and served by the API."""

    TOO_FEW = "too_few_responses"  # fewer contributors than the minimum group size
    PROTECTED = "protected"  # enough, but hidden so that a small neighbour cannot be derived
    NO_POPULATION = "no_population"  # the population table has no establishments to weight by


def effective_min_size(configured: int) -> int:
    """The configured minimum, never below the absolute floor."""
    return max(ABSOLUTE_MIN_GROUP_SIZE, configured)


def is_disclosable(count: int | float, min_size: int) -> bool:
    """True when a group of `count` people is large enough to show an aggregate of."""
    return count >= effective_min_size(min_size)


def is_small_remainder(count: int | float, min_size: int) -> bool:
    """True for 1 to minimum - 1 contributors: a group that must not be derivable by subtraction."""
    return count > 0 and not is_disclosable(count, min_size)


def disclosable_counts[K](counts: Mapping[K, int], min_size: int) -> dict[K, int | None]:
    """Counts per group, with groups below the minimum replaced by None (shown as "zu wenige")."""
    return {k: (v if is_disclosable(v, min_size) else None) for k, v in counts.items()}

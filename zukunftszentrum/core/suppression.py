"""The minimum group size rule, in one place. Pure: no Django imports.

Every aggregate over people that is shown, exported or served by the API passes through here.
"""

from __future__ import annotations

from collections.abc import Mapping

ABSOLUTE_MIN_GROUP_SIZE = 5  # configurable upward only


def effective_min_size(configured: int) -> int:
    """The configured minimum, never below the absolute floor."""
    return max(ABSOLUTE_MIN_GROUP_SIZE, configured)


def is_disclosable(count: int, min_size: int) -> bool:
    """True when a group of `count` people is large enough to show an aggregate of."""
    return count >= effective_min_size(min_size)


def disclosable_counts[K](counts: Mapping[K, int], min_size: int) -> dict[K, int | None]:
    """Counts per group, with groups below the minimum replaced by None (shown as "zu wenige")."""
    return {k: (v if is_disclosable(v, min_size) else None) for k, v in counts.items()}

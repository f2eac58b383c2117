"""Question statistics for authors: difficulty and discrimination. Pure: no Django.

One row per person (their first submitted attempt that drew the question: retries come after
the review and would flatter the question). Difficulty is the share who answered it right,
published through core.disclosure like every share of people. Discrimination is the corrected
point-biserial correlation between the question (0/1) and the rest of the attempt's score:
near 0 or negative means people who did well overall did not do better on this question, so it
measures something else, or is ambiguous. Both are shown only from MIN_ATTEMPTS people on.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from zukunftszentrum.core.disclosure import (
    Contribution,
    Parameters,
    Published,
    publish_count,
    publish_share,
)

MIN_ATTEMPTS = 20


@dataclass(frozen=True)
class ItemRow:
    key: int  # the attempt's record key (core.disclosure)
    right: bool
    rest: float  # the share right of the attempt's other questions


@dataclass(frozen=True)
class ItemStatistics:
    question_id: str
    people: Published  # how many answered it (a published count)
    difficulty: Published | None  # share right, whole percent; None below MIN_ATTEMPTS
    discrimination: float | None  # -1..1, two decimals; None below MIN_ATTEMPTS or undefined

    @property
    def enough(self) -> bool:
        return self.difficulty is not None


def point_biserial(rows: Sequence[ItemRow]) -> float | None:
    """Pearson's r of right (0/1) with the rest score; None when either side does not vary."""
    n = len(rows)
    if n < 2:
        return None
    xs = [1.0 if r.right else 0.0 for r in rows]
    ys = [r.rest for r in rows]
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    if sxx == 0 or syy == 0:
        return None
    return sxy / math.sqrt(sxx * syy)


def item_statistics(
    question_id: str, rows: Sequence[ItemRow], params: Parameters, *, unit_key: str
) -> ItemStatistics:
    contributions = [Contribution(key=r.key, value=1.0 if r.right else 0.0) for r in rows]
    people = publish_count(contributions, params=params)
    if len(rows) < MIN_ATTEMPTS:
        return ItemStatistics(question_id, people, None, None)
    share = publish_share(contributions, variable=f"{unit_key}:{question_id}", params=params)
    r = point_biserial(rows) if share.shown else None
    return ItemStatistics(question_id, people, share, None if r is None else round(r, 2))

"""The work-impact assessment's dimensions and scale, and its side-by-side view.
Pure: no Django imports.

Each perspective rates how the introduction changes one dimension of an affected task or job
profile, from -2 (much worse) to +2 (much better). Management and works council speak as bodies
(one rating each, shown as it is); employees rate one by one and are shown only as a published
mean through `core.disclosure`, with the viewer's own rating marked so that it never counts
towards the minimum (else a viewer among exactly the minimum could subtract it out).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from zukunftszentrum.core.disclosure import Contribution, Parameters, Published, publish_mean

DIMENSIONS = ("tasks", "workload", "autonomy", "skills", "health", "monitoring", "data")
SCALE = (-2, -1, 0, 1, 2)
PERSPECTIVES = ("management", "employees", "works_council")


def to_points(rating: int) -> float:
    """-2..+2 as 0..100 (50: no change): published means come in whole points."""
    return (rating + 2) * 25.0


def from_points(points: int) -> float:
    """A published mean back on the -2..+2 scale, to one decimal."""
    return round(points / 25.0 - 2.0, 1)


@dataclass(frozen=True)
class EmployeeRating:
    key: int  # the rating's record key (core.disclosure)
    dimension: str
    rating: int
    own: bool  # the viewer's own rating


def employees_mean(
    assessment_key: str, dimension: str, ratings: Sequence[EmployeeRating], params: Parameters
) -> Published:
    return publish_mean(
        [
            Contribution(key=r.key, value=to_points(r.rating), own=r.own)
            for r in ratings
            if r.dimension == dimension
        ],
        variable=f"impact:{assessment_key}:{dimension}",
        params=params,
    )


@dataclass(frozen=True)
class Row:
    dimension: str
    management: int | None
    employees: float | None  # the published mean on -2..+2, or None when withheld
    employees_withheld: bool
    works_council: int | None


def side_by_side(
    assessment_key: str,
    management: Mapping[str, int],
    council: Mapping[str, int],
    ratings: Sequence[EmployeeRating],
    params: Parameters,
) -> list[Row]:
    rows = []
    for d in DIMENSIONS:
        mean = employees_mean(assessment_key, d, ratings, params)
        rows.append(
            Row(
                d,
                management.get(d),
                from_points(mean.value) if mean.value is not None else None,
                not mean.shown,
                council.get(d),
            )
        )
    return rows

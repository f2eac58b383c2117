"""Mean profiles over several results, suppressed below the minimum group size. Pure.

Every mean goes through `core.suppression`: a dimension answered by fewer people than the
effective minimum is shown as "zu wenige Antworten" (mean and count None), never as a number.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from zukunftszentrum.core.suppression import Reason, effective_min_size, is_disclosable

from .scoring import Result


@dataclass(frozen=True)
class MeanValue:
    """A mean over people; `mean` and `n` are None when suppressed (then `reason` is set)."""

    mean: float | None
    n: int | None
    reason: str | None = None

    @property
    def suppressed(self) -> bool:
        return self.reason is not None


@dataclass(frozen=True)
class Profile:
    n: int | None  # results in the group (None when the group itself is below the minimum)
    min_size: int  # the effective minimum that was applied
    dimensions: dict[str, MeanValue]
    overall: MeanValue
    knowledge: dict[str, MeanValue] = field(default_factory=dict)

    @property
    def suppressed(self) -> bool:
        return self.n is None


@dataclass(frozen=True)
class GroupComparison:
    """Per-group profiles, or only the combined one when any group is too small."""

    combined: bool  # True: groups were merged because one was below the minimum
    groups: dict[str, Profile]  # empty when combined
    total: Profile  # everybody together, always


def _mean(values: Sequence[float], min_size: int) -> MeanValue:
    if not is_disclosable(len(values), min_size):
        return MeanValue(None, None, Reason.TOO_FEW)
    return MeanValue(sum(values) / len(values), len(values))


def _collect(values: Iterable[Mapping[str, float | None]]) -> dict[str, list[float]]:
    """Per key the non-None values, keys in first-seen order."""
    collected: dict[str, list[float]] = {}
    for mapping in values:
        for key, value in mapping.items():
            bucket = collected.setdefault(key, [])
            if value is not None:
                bucket.append(value)
    return collected


def mean_profile(results: Iterable[Result], min_size: int) -> Profile:
    """Per dimension the mean over results where it is not None, with n; suppressed below the
    effective minimum group size (so are knowledge means and the overall score)."""
    results = list(results)
    dims = _collect({k: d.score for k, d in r.dimensions.items()} for r in results)
    knowledge = _collect(r.knowledge for r in results)
    overall = [r.overall for r in results if r.overall is not None]
    disclosable = is_disclosable(len(results), min_size)
    return Profile(
        n=len(results) if disclosable else None,
        min_size=effective_min_size(min_size),
        dimensions={k: _mean(v, min_size) for k, v in dims.items()},
        overall=_mean(overall, min_size),
        knowledge={k: _mean(v, min_size) for k, v in knowledge.items()},
    )


def compare_groups(groups: Mapping[str, list[Result]], min_size: int) -> GroupComparison:
    """Profiles per group (e.g. per perspective) only when EVERY group that has results
    reaches the minimum; otherwise only the combined profile. Empty groups are left out."""
    present = {name: results for name, results in groups.items() if results}
    everybody = [r for results in present.values() for r in results]
    total = mean_profile(everybody, min_size)
    if not present or not all(is_disclosable(len(r), min_size) for r in present.values()):
        return GroupComparison(combined=True, groups={}, total=total)
    profiles = {name: mean_profile(results, min_size) for name, results in present.items()}
    return GroupComparison(combined=False, groups=profiles, total=total)

"""Mean profiles over several results, published through `core.disclosure`. Pure.

Every figure of a profile (mean per dimension, overall mean, knowledge share, count of
contributors) is published by `core.disclosure`: perturbed by the cell key method from the
contributors' record keys, rounded to whole points (percent for knowledge, counts of people
rounded where small), or withheld when fewer than the minimum contributors other than the
viewer stand behind it. This module adds no threshold of its own and never returns an
unperturbed mean.

Figures are named "<instrument>:<version>:<group>:<dimension>" (the group a perspective or
"all"), so each figure of a set of contributors has its own, fixed noise, and the same set
gets the same noise wherever it is published (page, PDF, export).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zukunftszentrum.core.disclosure import (
    Contribution,
    Parameters,
    Published,
    others,
    publish_count,
    publish_mean,
    publish_share,
)

from .scoring import Result

ALL = "all"  # the group name of everybody together
OVERALL = "overall"
KEY_MASK = (1 << 32) - 1


@dataclass(frozen=True)
class Keyed:
    """One contributor's result with its record key; `own` marks the viewer's own."""

    key: int
    result: Result
    own: bool = False


@dataclass(frozen=True)
class MeanValue:
    """A published figure: `mean` in whole points (knowledge: whole percent) and `n` the
    published count, or both None and `reason` set. `contributors` is the true number behind
    the figure: kept to check a later viewer's own share (`visible_to`), never displayed."""

    mean: int | None
    n: int | None
    reason: str | None = None
    contributors: int = 0

    @property
    def suppressed(self) -> bool:
        return self.reason is not None

    @classmethod
    def from_published(cls, figure: Published, contributors: int) -> MeanValue:
        reason = str(figure.reason) if figure.reason is not None else None
        return cls(figure.value, figure.count, reason, contributors)

    def visible_to(self, *, includes_viewer: bool, minimum: int) -> MeanValue:
        """The figure as a viewer whose own answers may be in it may see it: withheld when,
        without them, fewer than the minimum remain (they could subtract their own share)."""
        if self.suppressed or not includes_viewer or self.contributors - 1 >= minimum:
            return self
        return MeanValue(None, None, TOO_FEW_OTHERS, self.contributors)


TOO_FEW_OTHERS = "too_few_others"


@dataclass(frozen=True)
class Profile:
    n: int | None  # published count of the group (None when it is below the minimum)
    min_size: int  # the effective minimum that was applied
    dimensions: dict[str, MeanValue]
    overall: MeanValue
    knowledge: dict[str, MeanValue] = field(default_factory=dict)
    contributors: int = 0  # the true size of the group; never displayed

    @property
    def suppressed(self) -> bool:
        return self.n is None

    def visible_to(self, *, includes_viewer: bool) -> Profile:
        """The profile with every figure checked against the viewer's own share."""
        if not includes_viewer:
            return self
        minimum = self.min_size

        def check(value: MeanValue) -> MeanValue:
            return value.visible_to(includes_viewer=True, minimum=minimum)

        hidden = self.contributors - 1 < minimum
        return Profile(
            n=None if hidden else self.n,
            min_size=minimum,
            dimensions={k: check(v) for k, v in self.dimensions.items()},
            overall=check(self.overall),
            knowledge={k: check(v) for k, v in self.knowledge.items()},
            contributors=self.contributors,
        )

    def means(self) -> dict[str, int | None]:
        return {key: value.mean for key, value in self.dimensions.items()}

    def to_json(self) -> dict[str, Any]:
        def dump(value: MeanValue) -> list[Any]:
            return [value.mean, value.n, value.reason, value.contributors]

        return {
            "n": self.n,
            "min_size": self.min_size,
            "contributors": self.contributors,
            "dimensions": {k: dump(v) for k, v in self.dimensions.items()},
            "overall": dump(self.overall),
            "knowledge": {k: dump(v) for k, v in self.knowledge.items()},
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> Profile:
        def load(raw: Sequence[Any]) -> MeanValue:
            return MeanValue(raw[0], raw[1], raw[2], int(raw[3]))

        return cls(
            n=data["n"],
            min_size=int(data["min_size"]),
            dimensions={k: load(v) for k, v in data["dimensions"].items()},
            overall=load(data["overall"]),
            knowledge={k: load(v) for k, v in data.get("knowledge", {}).items()},
            contributors=int(data.get("contributors", 0)),
        )


@dataclass(frozen=True)
class GroupComparison:
    """Per-group profiles, or only the combined one when any group is too small."""

    combined: bool  # True: groups were merged because one was below the minimum
    groups: dict[str, Profile]  # empty when combined
    total: Profile  # everybody together, always


def _collect(entries: Sequence[Keyed], values: Any) -> dict[str, list[Contribution]]:
    """Per key the contributions of entries where the value is not None, first-seen order."""
    collected: dict[str, list[Contribution]] = {}
    for entry in entries:
        for name, value in values(entry.result).items():
            bucket = collected.setdefault(name, [])
            if value is not None:
                bucket.append(Contribution(key=entry.key, value=float(value), own=entry.own))
    return collected


def mean_profile(
    entries: Iterable[Keyed],
    *,
    variable: str,
    params: Parameters,
    viewer_took_part: bool = False,
) -> Profile:
    """Per dimension the published mean over the entries where it has a score, the overall
    mean and the knowledge shares, each named "<variable>:<dimension>"; `variable` names the
    group ("readiness:2026.1:employee"). Withheld below the minimum of others."""
    entries = list(entries)
    everyone = [Contribution(key=e.key, own=e.own) for e in entries]
    count = publish_count(everyone, viewer_took_part=viewer_took_part, params=params)
    dims = _collect(entries, lambda r: {k: d.score for k, d in r.dimensions.items()})
    knowledge = _collect(entries, lambda r: r.knowledge)
    overall = _collect(entries, lambda r: {OVERALL: r.overall}).get(OVERALL, [])

    def mean(name: str, values: list[Contribution]) -> MeanValue:
        figure = publish_mean(
            values,
            variable=f"{variable}:{name}",
            viewer_took_part=viewer_took_part,
            params=params,
        )
        return MeanValue.from_published(figure, len(values))

    def share(name: str, values: list[Contribution]) -> MeanValue:
        as_share = [Contribution(c.key, c.value / 100.0, c.own) for c in values]
        figure = publish_share(
            as_share,
            variable=f"{variable}:knowledge:{name}",
            viewer_took_part=viewer_took_part,
            params=params,
        )
        return MeanValue.from_published(figure, len(values))

    return Profile(
        n=count.value,
        min_size=params.minimum,
        dimensions={k: mean(k, v) for k, v in dims.items()},
        overall=mean(OVERALL, overall),
        knowledge={k: share(k, v) for k, v in knowledge.items()},
        contributors=len(entries),
    )


def compare_groups(
    groups: Mapping[str, list[Keyed]],
    *,
    variable: str,
    params: Parameters,
    viewer_took_part: bool = False,
) -> GroupComparison:
    """Profiles per group (e.g. per perspective) only when EVERY group that has results
    reaches the minimum of others; otherwise only the combined profile. Empty groups are left
    out. `variable` names the instrument version ("readiness:2026.1"); groups are named after
    their key, everybody together "all"."""
    present = {name: entries for name, entries in groups.items() if entries}
    everybody = [e for entries in present.values() for e in entries]
    total = mean_profile(
        everybody, variable=f"{variable}:{ALL}", params=params, viewer_took_part=viewer_took_part
    )

    def large(entries: list[Keyed]) -> bool:
        contributions = [Contribution(key=e.key, own=e.own) for e in entries]
        return others(contributions, viewer_took_part=viewer_took_part) >= params.minimum

    if not present or not all(large(entries) for entries in present.values()):
        return GroupComparison(combined=True, groups={}, total=total)
    profiles = {
        name: mean_profile(
            entries,
            variable=f"{variable}:{name}",
            params=params,
            viewer_took_part=viewer_took_part,
        )
        for name, entries in present.items()
    }
    return GroupComparison(combined=False, groups=profiles, total=total)


def combined_key(keys: Iterable[int]) -> int:
    """One record key for a contributor made of several (an organisation counted once in a
    peer group, its responses averaged): the sum of their keys modulo 2**32, which is again
    uniform and fixed for the same responses."""
    total = 0
    for key in keys:
        total = (total + key) & KEY_MASK
    return total

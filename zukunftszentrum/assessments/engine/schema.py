"""The instrument model: frozen dataclasses built by the loader. Pure: no Django imports."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Literal

from zukunftszentrum.core.content_yaml import (
    Text as Text,  # texts are core's, as in every content file
)

ItemType = Literal["likert", "single", "multiple", "number", "text", "knowledge"]
ITEM_TYPES: tuple[str, ...] = ("likert", "single", "multiple", "number", "text", "knowledge")
KINDS: tuple[str, ...] = ("company", "individual", "employee_voice", "needs")
PERSPECTIVES: tuple[str, ...] = ("company_lead", "employee", "works_council", "advisor")
OPERATORS: tuple[str, ...] = ("equals", "in", "min", "max")
LIKERT_POINTS = 5
NO_ANSWER = "na"  # "keine Angabe" on a likert item
DEFAULT_TEXT_MAX_LENGTH = 1000

Answer = int | float | str | list[str]


@dataclass(frozen=True)
class Option:
    value: str
    text: Text
    score: float | None = None


@dataclass(frozen=True)
class Condition:
    """`show_if`: the item is shown when the earlier item's answer passes the test."""

    item: str
    op: str  # one of OPERATORS
    value: str | int | float | tuple[str | int, ...]

    def matches(self, answer: Answer | None) -> bool:
        if answer is None or answer == NO_ANSWER or answer == [] or answer == "":
            return False
        chosen = answer if isinstance(answer, list) else [answer]
        if self.op == "equals":
            return self.value in chosen
        if self.op == "in":
            assert isinstance(self.value, tuple)
            return any(v in self.value for v in chosen)
        if isinstance(answer, bool) or not isinstance(answer, int | float):
            return False
        assert isinstance(self.value, int | float)
        return answer >= self.value if self.op == "min" else answer <= self.value


@dataclass(frozen=True)
class Item:
    id: str
    type: str  # one of ITEM_TYPES
    text: Text
    help: Text | None = None
    dimension: str | None = None
    weight: float = 1
    reversed: bool = False
    required: bool = False
    show_if: Condition | None = None
    options: tuple[Option, ...] = ()
    max_choices: int | None = None
    min: float | None = None
    max: float | None = None
    unit: Text | None = None
    score_range: tuple[float, float] | None = None
    max_length: int = DEFAULT_TEXT_MAX_LENGTH
    correct: str | None = None
    # `implied_for`: perspectives for which the answer is known without asking (the works
    # council is not asked whether there is a works council): (perspective, answer) pairs.
    implied_for: tuple[tuple[str, str], ...] = ()

    def implied(self, perspective: str | None) -> str | None:
        """The answer this perspective gives without being asked, or None (it is asked)."""
        return next((v for p, v in self.implied_for if p == perspective), None)

    def option(self, value: str) -> Option | None:
        return next((o for o in self.options if o.value == value), None)

    @property
    def option_values(self) -> tuple[str, ...]:
        return tuple(o.value for o in self.options)

    @property
    def is_scored(self) -> bool:
        """True when an answer to this item can produce a self-assessment or knowledge score."""
        if self.type in ("likert", "knowledge"):
            return True
        if self.type in ("single", "multiple"):
            return any(o.score is not None for o in self.options)
        return self.type == "number" and self.score_range is not None


@dataclass(frozen=True)
class Page:
    id: str
    title: Text
    items: tuple[Item, ...]
    intro: Text | None = None


@dataclass(frozen=True)
class Dimension:
    id: str
    title: Text
    description: Text | None = None
    weight: float = 1


@dataclass(frozen=True)
class Level:
    level: int
    min: float
    label: Text


@dataclass(frozen=True)
class Recommendation:
    id: str
    dimension: str
    levels: tuple[int, ...]
    priority: int
    text: Text
    tags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Framework:
    """A shared set of dimensions, e.g. the AI competence framework (content/frameworks/)."""

    key: str
    version: str
    title: Text
    dimensions: tuple[Dimension, ...]
    description: Text | None = None


@dataclass(frozen=True)
class Instrument:
    key: str
    version: str
    kind: str  # one of KINDS
    title: Text
    description: Text
    duration_minutes: int
    anonymous: bool
    perspectives: tuple[str, ...]
    dimensions: tuple[Dimension, ...]
    levels: tuple[Level, ...]
    recommendations: tuple[Recommendation, ...]
    pages: tuple[Page, ...]
    dimensions_from: str | None = None
    _items: dict[str, Item] = field(default_factory=dict, init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        self._items.update({i.id: i for p in self.pages for i in p.items})

    @property
    def items(self) -> tuple[Item, ...]:
        """Every item, in the order of the pages."""
        return tuple(i for p in self.pages for i in p.items)

    def item(self, item_id: str) -> Item | None:
        return self._items.get(item_id)

    def page(self, page_id: str) -> Page | None:
        return next((p for p in self.pages if p.id == page_id), None)

    def dimension(self, dimension_id: str) -> Dimension | None:
        return next((d for d in self.dimensions if d.id == dimension_id), None)

    def level_for(self, score: float | None) -> Level | None:
        """The highest level whose `min` is at most the score (None for no score)."""
        if score is None:
            return None
        reached = [lv for lv in self.levels if lv.min <= score]
        return reached[-1] if reached else self.levels[0]

    def level(self, number: int | None) -> Level | None:
        return next((lv for lv in self.levels if lv.level == number), None)


def version_key(version: str) -> tuple[tuple[int, int | str], ...]:
    """Natural order of versions: "2026.10" sorts after "2026.9"."""
    parts = re.findall(r"\d+|[^\d.]+", version)
    return tuple((0, int(p)) if p.isdigit() else (1, p) for p in parts)


class Catalog:
    """All versions of all instruments, and the frameworks they share."""

    def __init__(
        self, instruments: list[Instrument] | None = None, frameworks: list[Framework] | None = None
    ) -> None:
        self._by_key: dict[str, dict[str, Instrument]] = {}
        for inst in instruments or []:
            self._by_key.setdefault(inst.key, {})[inst.version] = inst
        self._frameworks = {f.key: f for f in frameworks or []}

    def keys(self) -> list[str]:
        return sorted(self._by_key)

    def versions(self, key: str) -> list[str]:
        """The versions of an instrument, oldest first."""
        return sorted(self._known(key), key=version_key)

    def get(self, key: str, version: str | None = None) -> Instrument:
        """One version of an instrument; None means the newest."""
        by_version = self._known(key)
        if version is None:
            return by_version[self.versions(key)[-1]]
        if version not in by_version:
            known = ", ".join(self.versions(key))
            raise KeyError(f"Instrument {key!r} has no version {version!r} (known: {known})")
        return by_version[version]

    def all_latest(self) -> list[Instrument]:
        """The newest version of every instrument, ordered by key."""
        return [self.get(k) for k in self.keys()]

    def framework(self, key: str) -> Framework:
        if key not in self._frameworks:
            raise KeyError(
                f"Unknown framework {key!r} (known: {', '.join(sorted(self._frameworks))})"
            )
        return self._frameworks[key]

    @property
    def frameworks(self) -> list[Framework]:
        return [self._frameworks[k] for k in sorted(self._frameworks)]

    def __iter__(self) -> Iterator[Instrument]:
        for key in self.keys():
            for version in self.versions(key):
                yield self._by_key[key][version]

    def __len__(self) -> int:
        return sum(len(v) for v in self._by_key.values())

    def _known(self, key: str) -> dict[str, Instrument]:
        if key not in self._by_key:
            raise KeyError(f"Unknown instrument {key!r} (known: {', '.join(self.keys())})")
        return self._by_key[key]

"""Score a set of answers: dimensions 0-100, levels, knowledge, recommendations. Pure.

See docs/methods/self-checks.md for the rules and a worked example.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .logic import clean_answers
from .schema import LIKERT_POINTS, NO_ANSWER, Instrument, Item, Recommendation


@dataclass(frozen=True)
class DimensionResult:
    score: float | None
    level: int | None
    n_items: int  # scored items that counted


@dataclass(frozen=True)
class Result:
    dimensions: dict[str, DimensionResult]
    overall: float | None
    overall_level: int | None
    knowledge: dict[str, float | None]
    recommendations: list[Recommendation] = field(default_factory=list)

    def as_dict(self) -> dict[str, Any]:
        """A JSON-ready snapshot (recommendations by id)."""
        return {
            "dimensions": {
                k: {"score": d.score, "level": d.level, "n_items": d.n_items}
                for k, d in self.dimensions.items()
            },
            "overall": self.overall,
            "overall_level": self.overall_level,
            "knowledge": dict(self.knowledge),
            "recommendations": [r.id for r in self.recommendations],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any], instrument: Instrument) -> Result:
        """Rebuild a snapshot; recommendation ids the instrument no longer has are dropped."""
        recs = {r.id: r for r in instrument.recommendations}
        return cls(
            dimensions={k: DimensionResult(**v) for k, v in data["dimensions"].items()},
            overall=data["overall"],
            overall_level=data["overall_level"],
            knowledge=dict(data["knowledge"]),
            recommendations=[recs[r] for r in data["recommendations"] if r in recs],
        )


def item_score(item: Item, value: Any) -> float | None:
    """The 0-100 score of one answer; None when the item or answer is not scored."""
    if value is None or value == NO_ANSWER:
        return None
    if item.type == "likert":
        raw = (value - 1) / (LIKERT_POINTS - 1) * 100
        return 100 - raw if item.reversed else raw
    if item.type == "knowledge":
        return 100.0 if value == item.correct else 0.0
    if item.type == "single":
        option = item.option(value)
        return None if option is None else option.score
    if item.type == "multiple":
        scores = [o.score for o in item.options if o.value in value]
        if not item.is_scored:
            return None
        return min(100.0, sum(s for s in scores if s is not None))
    if item.type == "number" and item.score_range is not None:
        lo, hi = item.score_range
        return max(0.0, min(100.0, (value - lo) / (hi - lo) * 100))
    return None


def weighted_mean(pairs: Iterable[tuple[float, float]]) -> float | None:
    """Mean of (value, weight) pairs; None when there are none."""
    pairs = list(pairs)
    total = sum(w for _, w in pairs)
    if not pairs or total == 0:
        return None
    return sum(v * w for v, w in pairs) / total


def score(instrument: Instrument, answers: Mapping[str, Any]) -> Result:
    """Score answers against this version of the instrument (hidden and unknown items ignored)."""
    clean = clean_answers(instrument, answers)
    self_scores: dict[str, list[tuple[float, float]]] = {d.id: [] for d in instrument.dimensions}
    knowledge: dict[str, list[tuple[float, float]]] = {}
    for item in instrument.items:
        if item.type == "knowledge" and item.dimension:
            knowledge.setdefault(item.dimension, [])
    for item in instrument.items:
        value = item_score(item, clean.get(item.id)) if item.id in clean else None
        if value is None or item.dimension is None:
            continue
        bucket = knowledge if item.type == "knowledge" else self_scores
        bucket[item.dimension].append((value, item.weight))
    dimensions = {
        dim_id: _dimension_result(instrument, pairs) for dim_id, pairs in self_scores.items()
    }
    weights = {d.id: d.weight for d in instrument.dimensions}
    overall = weighted_mean(
        (d.score, weights[k]) for k, d in dimensions.items() if d.score is not None
    )
    return Result(
        dimensions=dimensions,
        overall=overall,
        overall_level=_level(instrument, overall),
        knowledge={k: weighted_mean(v) for k, v in knowledge.items()},
        recommendations=recommendations(instrument, dimensions),
    )


def _dimension_result(instrument: Instrument, pairs: list[tuple[float, float]]) -> DimensionResult:
    value = weighted_mean(pairs)
    return DimensionResult(value, _level(instrument, value), len(pairs))


def _level(instrument: Instrument, value: float | None) -> int | None:
    level = instrument.level_for(value)
    return level.level if level else None


def recommendations(
    instrument: Instrument, dimensions: Mapping[str, DimensionResult]
) -> list[Recommendation]:
    """Recommendations matching each dimension's level, by priority, then lowest score."""
    matching = [
        (rec.priority, dim.score, index, rec)
        for index, rec in enumerate(instrument.recommendations)
        if (dim := dimensions.get(rec.dimension)) is not None
        and dim.score is not None
        and dim.level in rec.levels
    ]
    return [rec for *_, rec in sorted(matching, key=lambda m: m[:3])]

"""PURE: a classification as plain data, to store with the record, and what changes between two.

A stored result is a snapshot: the path of answers with their sources and, per law version, the
class and the obligations with their dates, as the engine gave them on the day. The page reads
the snapshot, never the engine, so a new tree or a new law version cannot change what a stored
result says; `compare` shows what a re-check would change, and the person decides.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from .law import Assessment, Source, Text, Walk


def _text(text: Text) -> dict[str, str]:
    return {"de": text.de, "en": text.en}


def source_label(source: Source) -> str:
    """ "Art. 26(7)", "Art. 26(1–6, 9)", "Annex III 4": how the issue and the page name them."""
    if source.paragraph and source.article.startswith("Art."):
        return f"{source.article}({source.paragraph})"
    return source.label()


def _sources(sources: Sequence[Source]) -> list[dict[str, str]]:
    return [{"label": source_label(s), "law": s.law, "url": s.url} for s in sources]


def path_snapshot(walk: Walk) -> list[dict[str, Any]]:
    """Each answered question, the answer given, and where the question stands in the law."""
    return [
        {
            "question": step.question.id,
            "text": _text(step.question.text),
            "answer": step.answer.value,
            "label": _text(step.answer.label),
            "sources": _sources(step.sources),
        }
        for step in walk.path
    ]


def assessment_snapshot(assessment: Assessment) -> dict[str, Any]:
    """The class, the obligations with dates, and the reasons, under one law version."""
    return {
        "risk": assessment.risk,
        "obligations": [
            {
                "id": o.id,
                "applies_from": o.applies_from.isoformat(),
                "role": o.role,
                "title": _text(o.title),
                "explanation": _text(o.explanation),
                "evidence": _text(o.evidence),
                "sources": _sources(o.sources),
            }
            for o in assessment.obligations
        ],
        "reasons": [
            {"key": r.key, "text": _text(r.text), "sources": _sources(r.sources)}
            for r in assessment.reasons
        ],
    }


def result_snapshot(
    path: list[dict[str, Any]], assessments: Mapping[str, Assessment]
) -> dict[str, Any]:
    return {
        "path": path,
        "laws": {key: assessment_snapshot(a) for key, a in assessments.items()},
    }


@dataclass(frozen=True)
class Moved:
    id: str
    before: str
    after: str


@dataclass(frozen=True)
class Change:
    """What re-evaluating would change under one law version."""

    law: str
    risk_before: str | None
    risk_after: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    moved: tuple[Moved, ...]

    @property
    def changed(self) -> bool:
        return bool(self.risk_before != self.risk_after or self.added or self.removed or self.moved)


def _dates(law: Mapping[str, Any] | None) -> dict[str, str]:
    return {o["id"]: o["applies_from"] for o in (law or {}).get("obligations", [])}


def compare(before: Mapping[str, Any], after: Mapping[str, Any]) -> list[Change]:
    """Per law version of `after`: class, duties added and removed, dates moved."""
    changes = []
    for key, new in after.get("laws", {}).items():
        old = before.get("laws", {}).get(key)
        old_dates, new_dates = _dates(old), _dates(new)
        changes.append(
            Change(
                law=key,
                risk_before=old["risk"] if old else None,
                risk_after=new["risk"],
                added=tuple(i for i in new_dates if i not in old_dates),
                removed=tuple(i for i in old_dates if i not in new_dates),
                moved=tuple(
                    Moved(i, old_dates[i], d)
                    for i, d in new_dates.items()
                    if i in old_dates and old_dates[i] != d
                ),
            )
        )
    return changes

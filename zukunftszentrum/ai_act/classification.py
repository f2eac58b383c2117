"""Classifying a system with the engine: the tree walk over the stored draft, the catalogue's
presets, the result under both law versions, and the re-check against a stored result.

Reads only; the writes are in `actions.py`. A stored `Classification` is shown from its own
snapshot; the engine runs for a draft, for a new result, and to show what a re-check changes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import content, products
from .catalogue import preset_answers
from .law import Facts, LawVersion, Tree, Walk, assess, parse_facts
from .models import AISystem, Classification
from .queries import draft_of, latest_classification
from .snapshot import Change, compare, path_snapshot, result_snapshot


def tree() -> Tree:
    return content.current_tree()


def laws() -> dict[str, LawVersion]:
    return content.laws()


def applied_law(versions: Mapping[str, LawVersion] | None = None) -> str:
    """The version a result applies: the amended text once it is published, else as adopted.
    `versions`: the law versions already read (`laws()` asks the database each time)."""
    omnibus = (laws() if versions is None else versions).get("omnibus")
    return "omnibus" if omnibus is not None and omnibus.status == "published" else "adopted"


def draft_answers(system: AISystem) -> dict[str, str]:
    draft = draft_of(system)
    return dict(draft.answers) if draft else {}


def walk(answers: Mapping[str, str]) -> Walk:
    return tree().walk(answers)


def presets(system: AISystem) -> dict[str, str]:
    """Answers the catalogue suggests for this system's type (the person confirms each)."""
    found = products.system_type(system.system_type)
    if found is None or not found.presets:
        return {}
    return preset_answers(found.presets, tree().questions)


def evaluate(
    facts: Facts, path: list[dict[str, Any]], versions: Mapping[str, LawVersion] | None = None
) -> dict[str, Any]:
    """The result under every law version, as stored with a classification."""
    versions = dict(laws() if versions is None else versions)
    assessments = {
        key: assess(facts, key, obligations=content.obligations(), laws=versions)
        for key in versions
    }
    return result_snapshot(path, assessments)


def result_of(answers: Mapping[str, str]) -> tuple[Walk, dict[str, Any]] | None:
    """The finished walk and its result, or None while a question is open."""
    done = walk(answers)
    if not done.done:
        return None
    return done, evaluate(done.facts, path_snapshot(done))


@dataclass(frozen=True)
class Recheck:
    """A stored result measured against today's tree and law versions."""

    stored: Classification
    tree_before: str
    tree_after: str
    law_before: str
    law_after: str
    result: dict[str, Any]
    changes: list[Change]

    @property
    def versions_differ(self) -> bool:
        return self.tree_before != self.tree_after or self.law_before != self.law_after

    @property
    def anything_changes(self) -> bool:
        return any(c.changed for c in self.changes)


def recheck(
    system: AISystem,
    *,
    stored: Classification | None = None,
    versions: Mapping[str, LawVersion] | None = None,
) -> Recheck | None:
    """What re-evaluating the stored facts would give now; None when the stored result is
    current (same tree and law version, and the same class, duties and dates).

    A list of systems passes each one's `stored` result (its newest, read for all at once) and
    the law `versions` read once."""
    stored = stored if stored is not None else latest_classification(system)
    if stored is None:
        return None
    versions = laws() if versions is None else versions
    facts = parse_facts(stored.facts)
    result = evaluate(facts, stored.result.get("path", []), versions)
    check = Recheck(
        stored=stored,
        tree_before=stored.tree_version,
        tree_after=tree().version,
        law_before=stored.law_version,
        law_after=applied_law(versions),
        result=result,
        changes=compare(stored.result, result),
    )
    return check if check.versions_differ or check.anything_changes else None

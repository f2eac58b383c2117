"""Both law versions side by side, and what changed between two results (the re-check). Pure.

A stored result never changes silently: when the tree, the obligations or the law version
change, the platform assesses again and shows `diff(old, new)` for each system.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .evaluate import Assessment, assess
from .facts import Facts
from .obligations import Obligation
from .versions import LawVersion


def side_by_side(
    facts: Facts, *, obligations: Sequence[Obligation], laws: Mapping[str, LawVersion]
) -> dict[str, Assessment]:
    """One assessment per law version, in the order of laws.yaml."""
    return {key: assess(facts, key, obligations=obligations, laws=laws) for key in laws}


@dataclass(frozen=True)
class Change:
    """What differs from an earlier result; empty when nothing does."""

    risk: tuple[str, str] | None  # (before, after) when the class changed
    added: tuple[str, ...]  # obligation ids that now bind
    removed: tuple[str, ...]  # obligation ids that no longer bind
    moved: tuple[tuple[str, datetime.date, datetime.date], ...]  # (id, before, after)

    def __bool__(self) -> bool:
        return bool(self.risk or self.added or self.removed or self.moved)


def diff(before: Assessment, after: Assessment) -> Change:
    old = {o.id: o.applies_from for o in before.obligations}
    new = {o.id: o.applies_from for o in after.obligations}
    return Change(
        risk=(before.risk, after.risk) if before.risk != after.risk else None,
        added=tuple(i for i in new if i not in old),
        removed=tuple(i for i in old if i not in new),
        moved=tuple((i, old[i], new[i]) for i in new if i in old and old[i] != new[i]),
    )

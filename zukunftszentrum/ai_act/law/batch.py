"""Batch checks: a list of systems described by facts in, one result per system out. Pure.

The format of `ai-act assess FILE.yaml` and of the API: a list of mappings, each with an `id` and
any of the facts (`facts.FACT_SCHEMA`); missing facts keep their defaults. The result per system
is `{"id", "risk", "obligations", "applies_from"}` (issue 14, item 7).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from .evaluate import assess
from .facts import FactError, Facts, parse_facts
from .obligations import Obligation
from .versions import LawVersion


class BatchError(ValueError):
    """A refused entry: its position (from 1), its id if it has one, and what is wrong."""

    def __init__(
        self,
        position: int,
        system_id: str | None,
        problem: str,  # not_a_list | not_a_mapping | missing_id | duplicate_id | fact
        fact_error: FactError | None = None,
    ) -> None:
        self.position, self.system_id, self.problem = position, system_id, problem
        self.fact_error = fact_error
        super().__init__(str(self))

    def __str__(self) -> str:
        where = f"entry {self.position}" + (f" ({self.system_id})" if self.system_id else "")
        detail = str(self.fact_error) if self.fact_error else self.problem.replace("_", " ")
        return f"{where}: {detail}"


def parse_batch(data: Any) -> list[tuple[str, Facts]]:
    """The systems of a batch, in order; BatchError for the first bad entry."""
    if not isinstance(data, list):
        raise BatchError(0, None, "not_a_list")
    systems: list[tuple[str, Facts]] = []
    seen: set[str] = set()
    for position, entry in enumerate(data, start=1):
        if not isinstance(entry, Mapping):
            raise BatchError(position, None, "not_a_mapping")
        system_id = entry.get("id")
        if system_id is None or isinstance(system_id, bool) or not str(system_id).strip():
            raise BatchError(position, None, "missing_id")
        system_id = str(system_id)
        if system_id in seen:
            raise BatchError(position, system_id, "duplicate_id")
        seen.add(system_id)
        try:
            facts = parse_facts({k: v for k, v in entry.items() if k != "id"})
        except FactError as exc:
            raise BatchError(position, system_id, "fact", exc) from exc
        systems.append((system_id, facts))
    return systems


def run_batch(
    systems: Sequence[tuple[str, Facts]],
    law_key: str,
    *,
    obligations: Sequence[Obligation],
    laws: Mapping[str, LawVersion],
) -> list[dict[str, Any]]:
    results = []
    for system_id, facts in systems:
        result = assess(facts, law_key, obligations=obligations, laws=laws)
        results.append(
            {
                "id": system_id,
                "risk": result.risk,
                "obligations": [o.id for o in result.obligations],
                "applies_from": result.applies_from,
            }
        )
    return results

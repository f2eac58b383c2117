"""The phases of a participation project as data (content/participation/phases.yaml).
Pure: no Django imports. The file says, per phase, which actions are open to which project
role; the dates are set per project (models.workspace.ProjectPhase). The predicates in
`predicates.py` read the definitions loaded here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Any

import yaml

PHASES_FILE = Path(__file__).resolve().parents[2] / "content" / "participation" / "phases.yaml"


class ProjectRole(StrEnum):
    """What a person is in one project (not their role in the organisation)."""

    LEAD = "lead"
    EMPLOYEE = "employee"
    WORKS_COUNCIL = "works_council"
    ADVISOR = "advisor"


# Not a role but a flag a member carries; its actions add to the member's role.
FACILITATOR = "facilitator"


class Action(StrEnum):
    POST = "post"  # an idea or a concern
    COMMENT = "comment"
    VOTE = "vote"
    ANSWER = "answer"  # the management's answer to an item
    MODERATE = "moderate"  # hide with a reason, merge duplicates


@dataclass(frozen=True)
class Text:
    de: str
    en: str


@dataclass(frozen=True)
class PhaseDefinition:
    key: str
    title: Text
    summary: Text
    open: dict[str, frozenset[Action]]  # project role or FACILITATOR -> actions

    def opens(self, role: str, action: Action) -> bool:
        return action in self.open.get(role, frozenset())


class PhaseFileError(ValueError):
    """The phases file does not say what the code needs; the message names the place."""


_KNOWN = {r.value for r in ProjectRole} | {FACILITATOR}


def _text(raw: Any, where: str) -> Text:
    if not isinstance(raw, dict) or not raw.get("de") or not raw.get("en"):
        raise PhaseFileError(f"{where}: needs a German and an English text")
    return Text(str(raw["de"]), str(raw["en"]))


def parse_phases(data: Any) -> tuple[PhaseDefinition, ...]:
    """The phases of a loaded YAML document, checked: known roles and actions, unique keys."""
    if not isinstance(data, dict) or not isinstance(data.get("phases"), list):
        raise PhaseFileError("the file needs a list `phases`")
    phases: list[PhaseDefinition] = []
    for i, raw in enumerate(data["phases"]):
        key = str(raw.get("key", ""))
        if not key or any(p.key == key for p in phases):
            raise PhaseFileError(f"phase {i}: missing or repeated key {key!r}")
        opened: dict[str, frozenset[Action]] = {}
        for role, actions in (raw.get("open") or {}).items():
            if role not in _KNOWN:
                raise PhaseFileError(f"{key}: unknown role {role!r}")
            try:
                opened[role] = frozenset(Action(a) for a in actions or ())
            except ValueError as error:
                raise PhaseFileError(f"{key}.{role}: {error}") from None
        phases.append(
            PhaseDefinition(
                key, _text(raw.get("title"), key), _text(raw.get("summary"), key), opened
            )
        )
    if not phases:
        raise PhaseFileError("no phases")
    return tuple(phases)


@cache
def phase_definitions(path: Path = PHASES_FILE) -> tuple[PhaseDefinition, ...]:
    """The phases in order, read once."""
    with path.open(encoding="utf-8") as f:
        return parse_phases(yaml.safe_load(f))


def phase_keys() -> tuple[str, ...]:
    return tuple(p.key for p in phase_definitions())


def definition(key: str) -> PhaseDefinition:
    for phase in phase_definitions():
        if phase.key == key:
            return phase
    raise KeyError(key)

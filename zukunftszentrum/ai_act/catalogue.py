"""PURE: the catalogue of common AI system types (content/ai_act/products.yaml).

Each type prefills a new inventory entry (purpose, job profiles, data processed) and carries
`presets`: typical facts that pre-answer questions of the classification tree. Loading validates
every field and names file, entry and field on an error, so broken content stops the start.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

# Job profile ids of the learning framework (content/learning/job_profiles.yaml).
JOB_PROFILES = (
    "management",
    "office_admin",
    "production_crafts",
    "sales_service",
    "it_data",
    "team_lead",
    "works_council",
    "solo",
)
# Technique families of the fact sheets (content/ai_act/factsheets/).
FAMILIES = (
    "language_text",
    "image_recognition",
    "speech",
    "forecasting",
    "recommendation",
    "robotics_autonomous",
    "data_analysis",
)


class CatalogueError(ValueError):
    """Broken catalogue content; the message names file, entry and field."""


@dataclass(frozen=True)
class SystemType:
    key: str
    family: str
    label: Mapping[str, str]
    purpose: Mapping[str, str]
    examples: Mapping[str, str]
    user_profiles: tuple[str, ...]
    overseer_profiles: tuple[str, ...]
    personal_data: bool
    employee_data: bool
    presets: Mapping[str, Any] = field(default_factory=dict)

    def text(self, attr: str, lang: str) -> str:
        """A translated field in `lang`, falling back to German."""
        values: Mapping[str, str] = getattr(self, attr)
        return values.get(lang) or values.get("de", "")


@dataclass(frozen=True)
class Catalogue:
    version: str
    types: tuple[SystemType, ...]

    def get(self, key: str) -> SystemType | None:
        return next((t for t in self.types if t.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(t.key for t in self.types)


def _bilingual(where: str, value: Any) -> dict[str, str]:
    if not isinstance(value, dict) or not {"de", "en"} <= set(value):
        raise CatalogueError(f"{where}: needs German and English text (de, en)")
    return {k: str(v) for k, v in value.items()}


def _profiles(where: str, value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise CatalogueError(f"{where}: must be a list of job profile ids")
    unknown = [v for v in value if v not in JOB_PROFILES]
    if unknown:
        raise CatalogueError(f"{where}: unknown job profile {unknown[0]!r}")
    return tuple(value)


def _presets(where: str, value: Any, schema: Mapping[str, Any] | None) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise CatalogueError(f"{where}: must be a mapping of fact -> value")
    if schema is None:
        return dict(value)
    for name, v in value.items():
        if name not in schema:
            raise CatalogueError(f"{where}: unknown fact {name!r}")
        allowed = schema[name]
        ok = isinstance(v, bool) if allowed is bool else v in allowed
        if not ok:
            raise CatalogueError(f"{where}.{name}: value {v!r} is not allowed")
    return dict(value)


def _system_type(where: str, raw: Any, schema: Mapping[str, Any] | None) -> SystemType:
    if not isinstance(raw, dict) or not isinstance(raw.get("key"), str):
        raise CatalogueError(f"{where}: needs a key")
    where = f"{where} ({raw['key']})"
    if raw.get("family") not in FAMILIES:
        raise CatalogueError(f"{where}, field family: unknown family {raw.get('family')!r}")
    for flag in ("personal_data", "employee_data"):
        if not isinstance(raw.get(flag), bool):
            raise CatalogueError(f"{where}, field {flag}: must be true or false")
    return SystemType(
        key=raw["key"],
        family=raw["family"],
        label=_bilingual(f"{where}, field label", raw.get("label")),
        purpose=_bilingual(f"{where}, field purpose", raw.get("purpose")),
        examples=_bilingual(f"{where}, field examples", raw.get("examples")),
        user_profiles=_profiles(f"{where}, field user_profiles", raw.get("user_profiles")),
        overseer_profiles=_profiles(
            f"{where}, field overseer_profiles", raw.get("overseer_profiles")
        ),
        personal_data=raw["personal_data"],
        employee_data=raw["employee_data"],
        presets=_presets(f"{where}, field presets", raw.get("presets", {}), schema),
    )


def parse(text: str, *, source: str, fact_schema: Mapping[str, Any] | None = None) -> Catalogue:
    """The catalogue in `text`; `fact_schema` (fact -> allowed values or bool) checks presets."""
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        raise CatalogueError(f"{source}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict) or not isinstance(data.get("types"), list):
        raise CatalogueError(f"{source}: needs a version and a list of types")
    types = tuple(
        _system_type(f"{source}, types[{n}]", raw, fact_schema)
        for n, raw in enumerate(data["types"])
    )
    keys = [t.key for t in types]
    doubled = sorted({k for k in keys if keys.count(k) > 1})
    if doubled:
        raise CatalogueError(f"{source}: type {doubled[0]!r} appears twice")
    return Catalogue(version=str(data.get("version", "")), types=types)


def load(path: Path, *, fact_schema: Mapping[str, Any] | None = None) -> Catalogue:
    """The catalogue file at `path`."""
    return parse(path.read_text(encoding="utf-8"), source=str(path), fact_schema=fact_schema)


def preset_answers(presets: Mapping[str, Any], questions: Any) -> dict[str, str]:
    """Answers of the tree that the presets decide: for each question, the one answer whose
    facts all agree with the presets. An answer that sets no fact but leads to a question the
    presets decide (Annex III "employment" -> which employment use) fits when that one does,
    unless an answer fits by its own facts. A question where no answer, or more than one, fits
    stays for the person to answer."""
    by_id = {q.id: q for q in questions}

    def fits(answer: Any, depth: int = 0) -> bool:
        if answer.sets:
            return all(k in presets and presets[k] == v for k, v in answer.sets.items())
        follow = by_id.get(answer.next) if answer.next and depth == 0 else None
        return follow is not None and any(fits(a, depth + 1) for a in follow.answers)

    chosen: dict[str, str] = {}
    for question in questions:
        # An answer whose own facts agree wins over one that fits only through the next
        # question: Annex III "none" over "employment" -> "neither", which also sets none.
        fitting = [a.value for a in question.answers if a.sets and fits(a)] or [
            a.value for a in question.answers if not a.sets and fits(a)
        ]
        if len(fitting) == 1:
            chosen[question.id] = fitting[0]
    return chosen

"""The typed facts that describe one AI system for the AI Act. Pure: no Django.

The decision tree's answers set exactly these facts; the rules (`evaluate.py`) and the obligation
conditions (`content/ai_act/obligations.yaml`) read only them. A batch file (`ai-act assess`) and
the API describe systems by the same names. The meaning of each fact and the question that sets it
are documented in docs/methods/ai-act.md.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

#: fact name -> its allowed values (a tuple of strings), or `bool` for a yes/no fact.
FACT_SCHEMA: dict[str, tuple[str, ...] | type[bool]] = {
    "is_ai_system": bool,
    "excluded": (
        "none",
        "military_defence",
        "research_only",
        "personal_non_professional",
        "open_source_not_high_risk",
    ),
    "role": ("deployer", "provider", "provider_and_deployer"),
    "prohibited": (
        "none",
        "subliminal_manipulation",
        "exploiting_vulnerabilities",
        "social_scoring",
        "crime_prediction_profiling",
        "facial_image_scraping",
        "emotion_recognition_work_education",
        "biometric_categorisation_sensitive",
        "realtime_remote_biometric_identification",
        "intimate_content_non_consensual",
    ),
    "medical_or_safety_reason": bool,
    "annex_i_safety_component": bool,
    "annex_iii": (
        "none",
        "biometrics",
        "critical_infrastructure",
        "education",
        "employment_recruitment",
        "employment_work_relationship",
        "essential_public_services",
        "credit_scoring",
        "life_health_insurance",
        "law_enforcement",
        "migration",
        "justice_democracy",
    ),
    "art_6_3_exception": (
        "none",
        "narrow_procedural_task",
        "improves_completed_human_activity",
        "detects_patterns_without_replacing",
        "preparatory_task",
    ),
    "profiles_natural_persons": bool,
    "interacts_with_natural_persons": bool,
    "generates_synthetic_content": bool,
    "emotion_recognition_or_biometric_categorisation": bool,
    "deep_fake": bool,
    "public_interest_text": bool,
    "used_at_workplace": bool,
    "public_body_or_public_service": bool,
}


class FactError(ValueError):
    """An unknown fact, or a value a fact does not allow; the message names it.

    `fact` and `value` let a caller word the refusal in the user's language; `value` is None
    when the fact itself is unknown."""

    def __init__(self, message: str, fact: str, value: Any = None) -> None:
        super().__init__(message)
        self.fact, self.value = fact, value

    @property
    def unknown_fact(self) -> bool:
        return self.fact not in FACT_SCHEMA

    @property
    def allowed(self) -> tuple[str, ...]:
        """The values the fact allows ("true", "false" for yes/no facts); empty if unknown."""
        allowed = FACT_SCHEMA.get(self.fact)
        if allowed is None:
            return ()
        return ("true", "false") if allowed is bool else allowed  # type: ignore[return-value]


@dataclass(frozen=True)
class Facts:
    """One system's facts. The defaults describe an AI system the organisation only uses, with
    nothing that the Act singles out (so an empty description is `minimal`)."""

    is_ai_system: bool = True
    excluded: str = "none"
    role: str = "deployer"
    prohibited: str = "none"
    medical_or_safety_reason: bool = False
    annex_i_safety_component: bool = False
    annex_iii: str = "none"
    art_6_3_exception: str = "none"
    profiles_natural_persons: bool = False
    interacts_with_natural_persons: bool = False
    generates_synthetic_content: bool = False
    emotion_recognition_or_biometric_categorisation: bool = False
    deep_fake: bool = False
    public_interest_text: bool = False
    used_at_workplace: bool = False
    public_body_or_public_service: bool = False

    @property
    def is_provider(self) -> bool:
        return self.role in ("provider", "provider_and_deployer")

    @property
    def is_deployer(self) -> bool:
        return self.role in ("deployer", "provider_and_deployer")

    def as_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, **changes: Any) -> Facts:
        """A copy with some facts changed (checked like `parse_facts`)."""
        return parse_facts({**self.as_dict(), **changes})


DEFAULTS = Facts()
assert set(FACT_SCHEMA) == {f.name for f in dataclasses.fields(Facts)}


def check_value(name: str, value: Any) -> Any:
    """`value` if fact `name` allows it; FactError naming the fact or the value otherwise."""
    if name not in FACT_SCHEMA:
        raise FactError(f"unknown fact {name!r} (known: {', '.join(FACT_SCHEMA)})", name)
    allowed = FACT_SCHEMA[name]
    if allowed is bool:
        if not isinstance(value, bool):
            raise FactError(f"fact {name!r}: value {value!r} is not true or false", name, value)
        return value
    assert isinstance(allowed, tuple)
    if not isinstance(value, str) or value not in allowed:
        raise FactError(
            f"fact {name!r}: unknown value {value!r} (allowed: {', '.join(allowed)})", name, value
        )
    return value


def parse_facts(mapping: Mapping[str, Any]) -> Facts:
    """Facts from a mapping of names to values; missing facts keep their defaults."""
    return Facts(**{name: check_value(name, value) for name, value in mapping.items()})

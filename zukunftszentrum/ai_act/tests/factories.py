"""Test data of the inventory."""

from __future__ import annotations

from typing import Any

from zukunftszentrum.organisations.models import Organisation

from ..models import AISystem


def make_system(organisation: Organisation, **extra: Any) -> AISystem:
    values: dict[str, Any] = {
        "name": "Chat-Assistent",
        "system_type": "chat_assistant",
        "status": AISystem.Status.IN_USE,
        "user_profiles": ["office_admin"],
    }
    values.update(extra)
    return AISystem.objects.create(organisation=organisation, **values)


def make_classified(organisation: Organisation, **extra: Any) -> AISystem:
    """A system with a stored result that binds Art. 26(7) (a shift planner ranking staff)."""
    from ..classification import evaluate, tree
    from ..law import parse_facts
    from ..models import Classification
    from ..snapshot import path_snapshot

    system = make_system(organisation, name="Schichtplaner", system_type="shift_planning", **extra)
    answers = {
        "ai_system": "yes", "exclusion": "none", "role": "deployer", "becomes_provider": "no",
        "prohibited": "none", "annex_i": "no", "annex_iii": "employment",
        "employment": "work_relationship", "profiling": "yes", "interacts": "no",
        "synthetic": "no", "emotion_use": "no", "deep_fake": "no", "public_text": "no",
        "workplace": "yes", "public_body": "no",
    }  # fmt: skip
    walk = tree().walk(answers)
    assert walk.done, walk.next
    result = evaluate(parse_facts(walk.facts.as_dict()), path_snapshot(walk))
    Classification.objects.create(
        system=system,
        tree_version=tree().version,
        law_version="adopted",
        answers=answers,
        facts=walk.facts.as_dict(),
        risk=result["laws"]["adopted"]["risk"],
        result=result,
    )
    return system

"""The AI systems as a source of learning targets: plugged into learning's target seam.

A person's profiles are the one the company assigned (learning) and the one their role implies
(a lead manages, a works council member oversees as a body); each system in use names the
profiles of its users and overseers, and `learning_targets` turns that into targets.
"""

from __future__ import annotations

from typing import Any

from zukunftszentrum.learning.targets import (
    TargetRequirement,
    job_profile_of,
    register_target_source,
)

from . import learning_targets


def profiles_of(user: Any, organisation: Any) -> set[str]:
    assigned = job_profile_of(user, organisation)
    return learning_targets.profiles_from_role(user, organisation) | (
        {assigned} if assigned else set()
    )


def system_targets(user: Any, organisation: Any) -> list[TargetRequirement]:
    if organisation is None:
        return []
    return [
        TargetRequirement(competence, level, reason, f"ai_system:{url}", url)
        for competence, level, reason, url in learning_targets.targets_for(
            user, organisation, job_profiles_of=profiles_of
        )
    ]


def register() -> None:
    register_target_source("ai_act", system_targets)

"""Credentials for tests: an achievement spec, an issued credential, a claimable one."""

from __future__ import annotations

from typing import Any

from zukunftszentrum.credentials import issuing
from zukunftszentrum.credentials.models import ClaimableAchievement, IssuedCredential
from zukunftszentrum.credentials.ob3.credential import AchievementSpec, Evidence


def spec(source: str = "m1", **extra: Any) -> AchievementSpec:
    values: dict[str, Any] = {
        "kind": "module",
        "source": source,
        "name": "Prompting für den Arbeitsalltag",
        "description": "Ein Workshop über gute Aufträge an Sprachmodelle.",
        "criteria": "Teilnahme am ganzen Workshop.",
        "competences": (),
    }
    values.update(extra)
    return AchievementSpec(**values)


def make_credential(user: Any, *, centre: Any = None, source: str = "m1") -> IssuedCredential:
    return issuing.issue(
        user, spec(source), (Evidence(name="Teilnahme", narrative="bestätigt"),), centre=centre
    )


def make_claimable(user: Any, *, centre: Any = None, source: str = "m2") -> ClaimableAchievement:
    return ClaimableAchievement.objects.create(
        holder=user,
        kind="module",
        source=source,
        name="KI im Handwerk",
        competences=[{"id": "prompting", "level": 2}],
        evidence=[{"name": "Bestätigte Teilnahme", "narrative": "am 1.3.2027"}],
        centre=centre,
    )

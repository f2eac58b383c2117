"""Target levels of a person, from every place that sets one. The seam for other modules.

A source is a function `fn(user, organisation) -> list[TargetRequirement]`, registered once by
name with `register_target_source(name, fn)` (an app's ready()). Two sources are built in: the
job profile the company assigned (with the company's adjustments) and the person's own goals; the
AI-Act module adds the targets of an AI system's users and overseers.

`targets_for(user, organisation)` asks every source and merges their requirements per competence:
the highest level wins, and every requirement is kept, so the page can say why a target exists
("Berufsprofil Büro und Verwaltung", "eigenes Ziel", "KI-System X"). A requirement of level 0
(a company lowered a profile's target to "no target") sets nothing.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from . import competence_content as content
from .models import JobProfileAssignment, OwnGoal, TargetAdjustment


@dataclass(frozen=True)
class TargetRequirement:
    competence: str
    level: int
    reason: str  # translated text naming where the requirement comes from
    source_key: str  # stable key of the source entry, e.g. "job_profile:office_admin"
    url: str | None = None  # where the person reads more about the reason


@dataclass(frozen=True)
class Target:
    """The merged target of one competence: the highest level, with every requirement."""

    competence: str
    level: int
    requirements: tuple[TargetRequirement, ...]

    @property
    def reasons(self) -> list[str]:
        return [r.reason for r in self.requirements]


TargetSource = Callable[[Any, Any], list[TargetRequirement]]
_sources: dict[str, TargetSource] = {}


def register_target_source(name: str, fn: TargetSource) -> None:
    """Register a source once; the same name with another function is a programming error."""
    if name in _sources and _sources[name] is not fn:
        raise ValueError(f"target source {name!r} is registered twice")
    _sources[name] = fn


def target_sources() -> dict[str, TargetSource]:
    return dict(_sources)


def merge(requirements: Iterable[TargetRequirement]) -> dict[str, Target]:
    """Per competence the highest level (ties keep every reason); level-0 requirements drop out."""
    grouped: dict[str, list[TargetRequirement]] = {}
    for requirement in requirements:
        if requirement.level > 0:
            grouped.setdefault(requirement.competence, []).append(requirement)
    merged = {}
    for competence, reqs in grouped.items():
        reqs.sort(key=lambda r: (-r.level, r.source_key))
        merged[competence] = Target(competence, reqs[0].level, tuple(reqs))
    return merged


def targets_for(user: Any, organisation: Any) -> dict[str, Target]:
    """The person's targets in the organisation (None: outside any company, own goals and
    registered sources only), keyed by competence id."""
    requirements: list[TargetRequirement] = []
    for name in sorted(_sources):
        requirements += _sources[name](user, organisation)
    return merge(requirements)


def profile_targets(profile_id: str, organisation: Any) -> dict[str, tuple[int, int | None]]:
    """A profile's targets in a company: competence -> (level that applies, content level or
    None when the company added it). Company adjustments replace the content's level."""
    profile = content.job_profile(profile_id)
    base = dict(profile.targets) if profile else {}
    result: dict[str, tuple[int, int | None]] = {c: (lvl, lvl) for c, lvl in base.items()}
    if organisation is not None:
        for adj in TargetAdjustment.objects.filter(organisation=organisation, profile=profile_id):
            result[adj.competence] = (adj.level, base.get(adj.competence))
    return result


def _job_profile_source(user: Any, organisation: Any) -> list[TargetRequirement]:
    if organisation is None:
        return []
    assignment = JobProfileAssignment.objects.filter(organisation=organisation, user=user).first()
    profile = content.job_profile(assignment.profile) if assignment else None
    if assignment is None or profile is None:
        return []
    title = profile.title.get(_lang())
    requirements = []
    for competence, (level, base) in profile_targets(profile.id, organisation).items():
        reason = _("Berufsprofil %s") % title
        if level != base:
            reason = _("Berufsprofil %s (im Unternehmen angepasst)") % title
        requirements.append(
            TargetRequirement(competence, level, reason, f"job_profile:{profile.id}")
        )
    return requirements


def _own_goal_source(user: Any, organisation: Any) -> list[TargetRequirement]:
    return [
        TargetRequirement(goal.competence, goal.level, _("eigenes Ziel"), f"own_goal:{goal.pk}")
        for goal in OwnGoal.objects.filter(user=user)
    ]


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "de")[:2]


def register_builtin_sources() -> None:
    register_target_source("job_profile", _job_profile_source)
    register_target_source("own_goal", _own_goal_source)

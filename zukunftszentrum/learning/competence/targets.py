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

from ..models import JobProfileAssignment, OwnGoal, TargetAdjustment
from . import content


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
# the same for many people of one organisation at once: user pk -> requirements
ManySource = Callable[[list[Any], Any], dict[int, list[TargetRequirement]]]
_sources: dict[str, TargetSource] = {}
_many: dict[str, ManySource] = {}


def register_target_source(name: str, fn: TargetSource, many: ManySource | None = None) -> None:
    """Register a source once; the same name with another function is a programming error.
    `many` (optional) answers for a group of one organisation with a fixed number of queries,
    so a team plan of hundreds of people does not ask once per person."""
    if name in _sources and _sources[name] is not fn:
        raise ValueError(f"target source {name!r} is registered twice")
    _sources[name] = fn
    if many is not None:
        _many[name] = many


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


def targets_for_many(users: list[Any], organisation: Any) -> dict[int, dict[str, Target]]:
    """`targets_for` for many people of one organisation (user pk -> targets), each source asked
    once for all of them where it can be."""
    requirements: dict[int, list[TargetRequirement]] = {u.pk: [] for u in users}
    for name in sorted(_sources):
        if name in _many:
            for pk, found in _many[name](users, organisation).items():
                requirements[pk] += found
        else:
            for user in users:
                requirements[user.pk] += _sources[name](user, organisation)
    return {pk: merge(reqs) for pk, reqs in requirements.items()}


def profile_targets(
    profile_id: str, organisation: Any, adjustments: Iterable[TargetAdjustment] | None = None
) -> dict[str, tuple[int, int | None]]:
    """A profile's targets in a company: competence -> (level that applies, content level or
    None when the company added it). Company adjustments replace the content's level;
    `adjustments`: the company's adjustments of this profile, if read already."""
    profile = content.job_profile(profile_id)
    base = dict(profile.targets) if profile else {}
    result: dict[str, tuple[int, int | None]] = {c: (lvl, lvl) for c, lvl in base.items()}
    if organisation is not None:
        if adjustments is None:
            adjustments = TargetAdjustment.objects.filter(
                organisation=organisation, profile=profile_id
            )
        for adj in adjustments:
            result[adj.competence] = (adj.level, base.get(adj.competence))
    return result


def job_profile_of(user: Any, organisation: Any) -> str | None:
    """The job profile the company assigned to the person, or None (for other sources, such as
    the AI systems whose users and overseers are named by job profile)."""
    if organisation is None:
        return None
    assignment = JobProfileAssignment.objects.filter(organisation=organisation, user=user).first()
    return assignment.profile if assignment else None


def job_profiles_of(organisation: Any) -> dict[int, str]:
    """`job_profile_of` for everybody in the company at once: user id -> profile (one query)."""
    if organisation is None:
        return {}
    return dict(
        JobProfileAssignment.objects.filter(organisation=organisation).values_list(
            "user_id", "profile"
        )
    )


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


def _profile_requirements(
    profile_id: str, organisation: Any, targets: dict[str, tuple[int, int | None]]
) -> list[TargetRequirement]:
    profile = content.job_profile(profile_id)
    if profile is None:
        return []
    title = profile.title.get(_lang())
    requirements = []
    for competence, (level, base) in targets.items():
        reason = _("Berufsprofil %s") % title
        if level != base:
            reason = _("Berufsprofil %s (im Unternehmen angepasst)") % title
        requirements.append(
            TargetRequirement(competence, level, reason, f"job_profile:{profile.id}")
        )
    return requirements


def job_profiles_of_many(user_ids: list[int], organisation: Any) -> dict[int, str]:
    """User pk -> the job profile the company assigned (one query for the group)."""
    if organisation is None:
        return {}
    return dict(
        JobProfileAssignment.objects.filter(
            organisation=organisation, user__in=user_ids
        ).values_list("user_id", "profile")
    )


def _job_profile_many(users: list[Any], organisation: Any) -> dict[int, list[TargetRequirement]]:
    assigned = job_profiles_of_many([u.pk for u in users], organisation)
    adjustments: dict[str, dict[str, int]] = {}
    if assigned:
        for adj in TargetAdjustment.objects.filter(
            organisation=organisation, profile__in=set(assigned.values())
        ):
            adjustments.setdefault(adj.profile, {})[adj.competence] = adj.level
    by_profile: dict[str, list[TargetRequirement]] = {}
    for profile_id in set(assigned.values()):
        profile = content.job_profile(profile_id)
        base = dict(profile.targets) if profile else {}
        targets: dict[str, tuple[int, int | None]] = {c: (lvl, lvl) for c, lvl in base.items()}
        for competence, level in adjustments.get(profile_id, {}).items():
            targets[competence] = (level, base.get(competence))
        by_profile[profile_id] = _profile_requirements(profile_id, organisation, targets)
    return {pk: list(by_profile[profile_id]) for pk, profile_id in assigned.items()}


def _own_goal_source(user: Any, organisation: Any) -> list[TargetRequirement]:
    return [
        TargetRequirement(goal.competence, goal.level, _("eigenes Ziel"), f"own_goal:{goal.pk}")
        for goal in OwnGoal.objects.filter(user=user)
    ]


def _own_goal_many(users: list[Any], organisation: Any) -> dict[int, list[TargetRequirement]]:
    found: dict[int, list[TargetRequirement]] = {}
    for goal in OwnGoal.objects.filter(user__in=[u.pk for u in users]):
        found.setdefault(goal.user_id, []).append(
            TargetRequirement(goal.competence, goal.level, _("eigenes Ziel"), f"own_goal:{goal.pk}")
        )
    return found


def _lang() -> str:
    from django.utils.translation import get_language

    return (get_language() or "de")[:2]


def register_builtin_sources() -> None:
    register_target_source("job_profile", _job_profile_source, _job_profile_many)
    register_target_source("own_goal", _own_goal_source, _own_goal_many)

"""The AI systems in learning: a source of learning targets and a team-plan group.

Targets: a person's profiles are the one the company assigned (learning) and the one their role
implies (a lead manages, a works council member oversees as a body); each system in use names the
profiles of its users and overseers, and `learning_targets` turns that into targets.

Group: "all users of one AI system" for the team plan — everyone in the company whose profiles
include one of the system's user profiles, so a lead can plan the training of a system's users
in one optimisation.
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from zukunftszentrum.learning.competence.targets import (
    TargetRequirement,
    job_profile_of,
    job_profiles_of_many,
    register_target_source,
)
from zukunftszentrum.learning.paths.team import learners_of, register_group_source
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.roles import Role

from . import learning_targets
from .models import AISystem

GROUP_KIND = "ai_system"


def profiles_of(user: Any, organisation: Any) -> set[str]:
    assigned = job_profile_of(user, organisation)
    return learning_targets.profiles_from_role(user, organisation) | (
        {assigned} if assigned else set()
    )


def profiles_of_many(user_ids: list[int], organisation: Organisation) -> dict[int, set[str]]:
    """User pk -> profiles (assigned and from the role), two queries for the whole group."""
    found: dict[int, set[str]] = {pk: set() for pk in user_ids}
    roles = Membership.objects.filter(
        user__in=user_ids, organisation=organisation, ended_at__isnull=True
    ).values_list("user_id", "role")
    for pk, role in roles:
        found[pk] |= learning_targets.ROLE_PROFILES.get(Role(role), set())
    for pk, profile in job_profiles_of_many(user_ids, organisation).items():
        found[pk].add(profile)
    return found


def _systems(organisation: Organisation) -> list[AISystem]:
    return list(
        AISystem.objects.filter(organisation=organisation)
        .exclude(status=AISystem.Status.RETIRED)
        .order_by("name", "pk")
    )


def _requirements(targets: list[learning_targets.Target]) -> list[TargetRequirement]:
    return [
        TargetRequirement(competence, level, reason, f"ai_system:{url}", url)
        for competence, level, reason, url in targets
    ]


def system_targets(user: Any, organisation: Any) -> list[TargetRequirement]:
    if organisation is None:
        return []
    return _requirements(
        learning_targets.targets_for(user, organisation, job_profiles_of=profiles_of)
    )


def system_targets_many(users: list[Any], organisation: Any) -> dict[int, list[TargetRequirement]]:
    """The same for a group: the systems and their facts are read once, not once per person."""
    if organisation is None:
        return {}
    profiles = profiles_of_many([u.pk for u in users], organisation)
    if not any(profiles.values()):
        return {}
    facts = learning_targets.systems_facts(_systems(organisation))
    return {
        pk: _requirements(learning_targets.targets_from(facts, found))
        for pk, found in profiles.items()
        if found
    }


def system_users(organisation: Organisation, key: str) -> list[int]:
    """The learners of the company whose profiles include one of the system's user profiles."""
    if not key.isdigit():
        return []
    system = AISystem.objects.filter(organisation=organisation, pk=int(key)).first()
    if system is None or not system.user_profiles:
        return []
    wanted = set(system.user_profiles)
    people = list(learners_of(organisation))
    return sorted(
        pk for pk, found in profiles_of_many(people, organisation).items() if found & wanted
    )


def people_with_targets(system: AISystem) -> list[Membership]:
    """The company's learners whose profiles name them as the system's users or overseers: the
    people the system gives learning targets (for its lead, who assigned the profiles)."""
    wanted = set(system.user_profiles) | set(system.overseer_profiles)
    if not wanted or system.status == AISystem.Status.RETIRED:
        return []
    learners = learners_of(system.organisation)
    found = profiles_of_many(list(learners), system.organisation)
    chosen = [learners[pk] for pk, profiles in found.items() if profiles & wanted]
    return sorted(chosen, key=lambda m: (m.user.full_name or m.user.email).casefold())


def system_groups(organisation: Organisation) -> list[tuple[str, str]]:
    """The choices of the team form: one group per system in use that names its users."""
    return [
        (str(s.pk), _("Alle Nutzenden von „%(name)s“") % {"name": s.name})
        for s in _systems(organisation)
        if s.user_profiles
    ]


def register() -> None:
    register_target_source("ai_act", system_targets, system_targets_many)
    register_group_source(GROUP_KIND, system_users, choices=system_groups)

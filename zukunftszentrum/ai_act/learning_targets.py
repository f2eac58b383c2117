"""The learning targets a company's AI systems give the people who use and oversee them.

The learning app merges every registered source into a person's targets (contracts:
`learning.competence.targets.register_target_source(name, fn)` with `fn(user, organisation)`);
this module offers that `fn` as `targets_for(user, organisation)`, returning plain tuples
(competence id, level, reason, system url) so it needs nothing from the learning app.

Which systems concern a person is decided by job profile: a system lists the profiles of its
users and of its overseers. Until the learning app's job profile of a person is wired in
(`job_profiles_of`), a person's profiles are read from their role in the organisation.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.organisations.models import Membership, Organisation, User
from zukunftszentrum.organisations.roles import Role

from . import products
from .models import AISystem, Classification
from .queries import latest_classification, latest_classifications

Target = tuple[str, int, str, str | None]  # competence, level, reason, url

# (who, condition on the system) -> the competences at a level. Levels 1-4 of the framework.
RULES: tuple[tuple[str, str, tuple[tuple[str, int], ...]], ...] = (
    ("user", "any", (("ai_basics", 1),)),
    ("user", "generative", (("prompting", 2), ("checking_outputs", 2), ("confidential_data", 2))),
    ("user", "personal_data", (("personal_data", 2),)),
    ("user", "high_risk", (("human_oversight", 2),)),
    ("overseer", "any", (("checking_outputs", 2),)),
    ("overseer", "high_risk", (("human_oversight", 3), ("ai_act_obligations", 2))),
)

ROLE_PROFILES = {
    Role.COMPANY_LEAD: {"management"},
    Role.WORKS_COUNCIL: {"works_council"},
    Role.SOLO: {"solo"},
}


@dataclass(frozen=True)
class SystemFacts:
    """What the rules read about one system."""

    name: str
    url: str
    generative: bool
    personal_data: bool
    high_risk: bool
    user_profiles: frozenset[str]
    overseer_profiles: frozenset[str]

    def holds(self, condition: str) -> bool:
        return condition == "any" or bool(getattr(self, condition))


def targets_from(systems: Iterable[SystemFacts], profiles: set[str]) -> list[Target]:
    """Every target the systems give a person with these job profiles, one per rule and system."""
    out: list[Target] = []
    for system in systems:
        for who, condition, competences in RULES:
            concerned = system.user_profiles if who == "user" else system.overseer_profiles
            if not (profiles & concerned) or not system.holds(condition):
                continue
            reason = (
                _("Sie nutzen das KI-System „%(name)s“.")
                if who == "user"
                else _("Sie beaufsichtigen das KI-System „%(name)s“.")
            ) % {"name": system.name}
            out.extend((c, level, reason, system.url) for c, level in competences)
    return out


def systems_facts(systems: Iterable[AISystem]) -> list[SystemFacts]:
    """`system_facts` of several systems, their newest classifications read in one query."""
    systems = list(systems)
    latest = latest_classifications(systems)
    return [system_facts(s, stored=latest.get(s.pk), read=True) for s in systems]


def system_facts(
    system: AISystem, *, stored: Classification | None = None, read: bool = False
) -> SystemFacts:
    """What the rules ask of a system; `read`: its newest classification `stored` was read
    already (None: never classified)."""
    if not read:
        stored = latest_classification(system)
    # Before the first classification, the catalogue's typical facts for the type stand in.
    found = products.system_type(system.system_type)
    facts = stored.facts if stored else dict(found.presets if found else {})
    return SystemFacts(
        name=system.name,
        url=reverse("ai_act:system_detail", args=[system.pk]),
        generative=bool(facts.get("generates_synthetic_content")),
        personal_data=system.personal_data,
        high_risk=bool(stored and stored.risk == "high_risk"),
        user_profiles=frozenset(system.user_profiles),
        overseer_profiles=frozenset(system.overseer_profiles),
    )


def profiles_from_role(user: User, organisation: Organisation) -> set[str]:
    roles = Membership.objects.filter(
        user=user, organisation=organisation, ended_at__isnull=True
    ).values_list("role", flat=True)
    return set().union(*(ROLE_PROFILES.get(Role(r), set()) for r in roles))


def targets_for(
    user: User,
    organisation: Organisation,
    *,
    job_profiles_of: Callable[[User, Organisation], set[str]] = profiles_from_role,
) -> list[Target]:
    """The targets the organisation's systems in use (or in pilot or planned) give this person."""
    profiles = job_profiles_of(user, organisation)
    if not profiles:
        return []
    systems = AISystem.objects.filter(organisation=organisation).exclude(
        status=AISystem.Status.RETIRED
    )
    return targets_from(systems_facts(systems), profiles)


COMPETENCE_LABELS = {
    "ai_basics": gettext_lazy("KI-Grundlagen"),
    "prompting": gettext_lazy("Anweisungen formulieren (Prompting)"),
    "checking_outputs": gettext_lazy("Ergebnisse prüfen"),
    "confidential_data": gettext_lazy("Vertrauliche Daten schützen"),
    "personal_data": gettext_lazy("Personenbezogene Daten"),
    "human_oversight": gettext_lazy("Menschliche Aufsicht"),
    "ai_act_obligations": gettext_lazy("Pflichten aus der KI-Verordnung"),
}


def system_learning(system: AISystem) -> list[dict[str, Any]]:
    """For a system's page: which job profiles get which targets from it (users, overseers)."""
    facts = system_facts(system)
    groups: list[dict[str, Any]] = []
    for who, profiles, label in (
        ("user", facts.user_profiles, _("Nutzende")),
        ("overseer", facts.overseer_profiles, _("Aufsicht")),
    ):
        if not profiles:
            continue
        targets = {
            (c, level)
            for rule_who, condition, competences in RULES
            if rule_who == who and facts.holds(condition)
            for c, level in competences
        }
        groups.append(
            {
                "label": label,
                "profiles": sorted(profiles),
                "targets": [
                    (str(COMPETENCE_LABELS.get(c, c)), level) for c, level in sorted(targets)
                ],
            }
        )
    return groups

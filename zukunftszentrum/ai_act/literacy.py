"""The company's Art. 4 record: the measures it took for its people's AI literacy and the
people they reached, per job profile and per AI system of the inventory.

Measures are the offers attended and units passed that people shared with the company
(`learning.sharing.completions.shared_completions`: nobody appears who did not share) and the
internal guidance the company records itself. Every number of people goes through `core.disclosure`:
each count with `publish_count`, and the counts that could be subtracted from one another (all,
per profile, per system) only as far as `literacy_release.releasable` lets them stand together.
The record names no person.

Who reads it: the company's lead (or the solo self-employed for their business) and the staff of
a centre that accompanies the company with its consent; nobody else (`record_organisations`).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.core.access import ALLOWED, Answer, refused
from zukunftszentrum.core.disclosure import Contribution, Parameters, publish_count
from zukunftszentrum.learning.competence.targets import job_profiles_of
from zukunftszentrum.learning.sharing.completions import KIND_LABELS, shared_completions
from zukunftszentrum.organisations.models import Accompaniment, Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import classification, products
from .literacy_models import LiteracyGuidance
from .literacy_release import Group, releasable
from .models import AISystem, LawVersionStatus

NO_PROFILE = "-"

# Art. 4 in our words, per law version (the sources are in content/ai_act/obligations.yaml):
# what the article asks and no more (measures, to the best extent, a sufficient level).
ART_4 = {
    "adopted": gettext_lazy(
        "Wer KI-Systeme anbietet oder betreibt, ergreift Maßnahmen, um nach besten Kräften "
        "sicherzustellen, dass die eigenen Beschäftigten und alle, die in seinem Auftrag mit "
        "KI-Systemen arbeiten, über ein ausreichendes Maß an KI-Kompetenz verfügen – unter "
        "Berücksichtigung ihrer Kenntnisse, Erfahrung, Ausbildung, des Einsatzkontexts und der "
        "Menschen, die der Einsatz betrifft (Art. 4 Verordnung (EU) 2024/1689, gilt seit dem "
        "2. Februar 2025). Ein Zertifikat oder einen Test schreibt die Verordnung nicht vor."
    ),
    "omnibus": gettext_lazy(
        "Nach dem Digital-Omnibus ergreift, wer KI-Systeme anbietet oder betreibt, Maßnahmen, "
        "die die Entwicklung der KI-Kompetenz der eigenen Beschäftigten und aller, die in seinem "
        "Auftrag mit KI-Systemen arbeiten, unterstützen (Art. 4 in der Fassung des Rates). "
        "Manche Quellen beschreiben stattdessen eine Verlagerung der Pflicht auf Kommission und "
        "Mitgliedstaaten; wir folgen dem Text des Rates."
    ),
}


# --- who reads the record ---------------------------------------------------------------


def record_organisations(member: Membership | None) -> QuerySet[Organisation]:
    """The lead's own organisation, or those the member's centre accompanies (ACTIVE)."""
    qs = Organisation.objects.all()
    if member is None:
        return qs.none()
    if member.organisation_id and has_capability(member.role, Capability.MANAGE_AI_SYSTEMS):
        return qs.filter(pk=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        accompanied = Accompaniment.objects.filter(
            centre_id=member.centre_id, status=Accompaniment.Status.ACTIVE
        ).values("organisation_id")
        return qs.filter(pk__in=accompanied)
    return qs.none()


def access_record(member: Membership | None, pk: object) -> Organisation:
    """An organisation whose record the active role may read; 404 for missing and not yours."""
    return get_object_or_404(record_organisations(member), pk=pk)


def may_manage_guidance(member: Membership | None, organisation: Organisation) -> Answer:
    """Record or remove internal guidance: the lead of this organisation."""
    if (
        member is None
        or member.organisation_id != organisation.pk
        or not has_capability(member.role, Capability.MANAGE_AI_SYSTEMS)
    ):
        return refused(_("Nur die Geschäftsführung kann interne Maßnahmen erfassen."))
    return ALLOWED


def access_guidance(organisation: Organisation, pk: object) -> LiteracyGuidance:
    """One guidance entry of an organisation the caller has already accessed."""
    return get_object_or_404(LiteracyGuidance, organisation=organisation, pk=pk)


# --- what the record shows --------------------------------------------------------------


@dataclass(frozen=True)
class Figure:
    """One count of people reached: the number to show, or None (withheld)."""

    label: str
    value: int | None
    note: str = ""  # e.g. the profiles a system's figure covers


@dataclass(frozen=True)
class Measure:
    kind: str
    title: str
    first: dt.date
    last: dt.date
    people: int | None  # published, or None


def _params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def law_rows() -> list[dict[str, Any]]:
    """Both law versions: title, status, Art. 4 in our words, whether the record applies it."""
    applied = classification.applied_law()
    lang = products.lang()
    rows = []
    for key, law in classification.laws().items():
        rows.append(
            {
                "key": key,
                "title": law.title.get(lang),
                "status": LawVersionStatus.Status(law.status).label,
                "pending": not law.is_final,
                "wording": ART_4.get(key, ""),
                "applied": key == applied,
            }
        )
    return rows


def _profile_label(atom: str) -> str:
    if atom == NO_PROFILE:
        return _("ohne Berufsprofil")
    return str(products.JOB_PROFILE_LABELS.get(atom, atom))


def reach(
    organisation: Organisation, viewer: Any, shared: list[Any]
) -> tuple[Figure, list[Figure], list[Figure]]:
    """People reached (who shared at least one completion): all, per profile, per system."""
    keys = {s.person.pk: s.record_key for s in shared}
    assigned = job_profiles_of(organisation)
    profile_of = {
        m.user_id: assigned.get(m.user_id) or NO_PROFILE
        for m in members_of_organisation(organisation)
    }
    viewer_id = getattr(viewer, "pk", None)
    counts = {atom: 0 for atom in set(profile_of.values())}
    for user_id in keys:
        if user_id != viewer_id and user_id in profile_of:
            counts[profile_of[user_id]] += 1
    present = set(counts)
    profiles = sorted(present, key=lambda a: (-counts[a], _profile_label(a)))
    systems = list(
        AISystem.objects.filter(organisation=organisation).exclude(status=AISystem.Status.RETIRED)
    )
    groups = [Group("all", frozenset(present))]
    groups += [Group(f"profile:{a}", frozenset({a})) for a in profiles]
    groups += [
        Group(f"system:{s.pk}", frozenset(s.user_profiles) | frozenset(s.overseer_profiles))
        for s in systems
    ]
    released = set(releasable(groups, counts, _params().minimum))

    def figure(group: Group, label: str, note: str = "") -> Figure:
        if group.key not in released:
            return Figure(label, None, note)
        people = [u for u in keys if profile_of.get(u) in group.atoms]
        published = publish_count(
            [Contribution(key=keys[u], own=u == viewer_id) for u in people], params=_params()
        )
        return Figure(label, published.value, note)

    everybody = figure(groups[0], _("Alle Beschäftigten"))
    by_profile = [
        figure(g, _profile_label(a))
        for g, a in zip(groups[1 : len(profiles) + 1], profiles, strict=True)
    ]
    by_system = [
        figure(g, s.name, products.profile_labels(sorted(g.atoms)) or _("keine Profile genannt"))
        for g, s in zip(groups[len(profiles) + 1 :], systems, strict=True)
    ]
    return everybody, by_profile, by_system


def measures(shared: list[Any], viewer: Any, everybody: Figure) -> list[Measure]:
    """The shared offers and units, each with the people who shared it: published when it
    reaches the minimum and the rest of the people reached is none or not small either (the
    whole minus one measure must not be a small group)."""
    minimum = _params().minimum
    viewer_id = getattr(viewer, "pk", None)
    grouped: dict[tuple[str, str], list[Any]] = {}
    for s in shared:
        grouped.setdefault((s.kind, s.ref), []).append(s)
    reached = {s.person.pk for s in shared if s.person.pk != viewer_id}
    out = []
    for (kind, _ref), rows in grouped.items():
        people = {r.person.pk: r.record_key for r in rows}
        others = {u for u in people if u != viewer_id}
        rest = len(reached - others)
        value = None
        if everybody.value is None or rest == 0 or rest >= minimum:
            published = publish_count(
                [Contribution(key=k, own=u == viewer_id) for u, k in people.items()],
                params=_params(),
            )
            value = published.value
        dates = sorted(r.date for r in rows)
        out.append(Measure(kind, rows[0].title, dates[0], dates[-1], value))
    return sorted(out, key=lambda m: (m.first, m.title))


def guidance_of(organisation: Organisation) -> list[LiteracyGuidance]:
    return list(LiteracyGuidance.objects.filter(organisation=organisation))


def record_context(member: Membership | None, organisation: Organisation) -> dict[str, Any]:
    """Everything the page and the PDF show."""
    viewer = member.user if member is not None else None
    shared = shared_completions(organisation)
    everybody, by_profile, by_system = reach(organisation, viewer, shared)
    laws = law_rows()
    return {
        "organisation": organisation,
        "laws": laws,
        "applied": next(row for row in laws if row["applied"]),
        "measures": measures(shared, viewer, everybody),
        "kind_labels": {k: str(v) for k, v in KIND_LABELS.items()},
        "guidance": guidance_of(organisation),
        "everybody": everybody,
        "by_profile": by_profile,
        "by_system": by_system,
        "minimum": _params().minimum,
        "today": timezone.localdate(),
        "lang": products.lang(),
        "can_manage": bool(may_manage_guidance(member, organisation)),
    }


def summary(organisation: Organisation, viewer: Any) -> dict[str, Any]:
    """The overview card: how many measures are recorded, and the people reached (published)."""
    shared = shared_completions(organisation)
    everybody, _profiles, _systems = reach(organisation, viewer, shared)
    offers_and_units = {s.ref for s in shared}
    return {
        "literacy_measures": len(offers_and_units) + len(guidance_of(organisation)),
        "literacy_reached": everybody.value,
    }

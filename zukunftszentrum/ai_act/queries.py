"""Reads of the inventory. Every function takes the viewer first, so a forgotten filter cannot
show another organisation's systems; views fetch one system through `access_system` or
`access_managed_system` (404 for "missing" and "not yours" alike)."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import OuterRef, QuerySet, Subquery
from django.shortcuts import get_object_or_404

from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from .models import AISystem, Classification, ClassificationDraft, InformationLetter


def systems_visible_to(member: Membership | None) -> QuerySet[AISystem]:
    """The systems of the member's organisation (VIEW_AI_SYSTEMS), or of the organisations the
    member's centre accompanies with their consent (ACTIVE accompaniment)."""
    qs = AISystem.objects.select_related("organisation")
    if member is None:
        return qs.none()
    if member.organisation_id and has_capability(member.role, Capability.VIEW_AI_SYSTEMS):
        return qs.filter(organisation_id=member.organisation_id)
    if member.centre_id and has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        return qs.filter(organisation_id__in=_accompanied(member).values("organisation_id"))
    return qs.none()


def visible_organisation_ids(member: Membership | None) -> set[int]:
    """The organisations whose systems the member sees (the same rule as `systems_visible_to`),
    e.g. to ask again, when a prepared file is fetched, whether the member still sees them."""
    if member is None:
        return set()
    if member.organisation_id and has_capability(member.role, Capability.VIEW_AI_SYSTEMS):
        return {member.organisation_id}
    if member.centre_id and has_capability(member.role, Capability.VIEW_ACCOMPANIED_RESULTS):
        return set(_accompanied(member).values_list("organisation_id", flat=True))
    return set()


def _accompanied(member: Membership) -> QuerySet[Accompaniment]:
    return Accompaniment.objects.filter(centre=member.centre, status=Accompaniment.Status.ACTIVE)


def managed_systems(member: Membership | None) -> QuerySet[AISystem]:
    """The systems the member may change: those of the organisation it leads."""
    if (
        member is None
        or not member.organisation_id
        or not has_capability(member.role, Capability.MANAGE_AI_SYSTEMS)
    ):
        return AISystem.objects.none()
    return AISystem.objects.filter(organisation_id=member.organisation_id).select_related(
        "organisation"
    )


def latest_classification(system: AISystem) -> Classification | None:
    """The system's stored result (the newest record), or None when never classified."""
    return system.classifications.order_by("-created_at", "-pk").first()


def latest_classifications(systems: Iterable[AISystem]) -> dict[int, Classification]:
    """`latest_classification` of each system (by system id) in one query; a system never
    classified is missing."""
    ids = [system.pk for system in systems]
    if not ids:
        return {}
    newest = Classification.objects.filter(system_id=OuterRef("system_id")).order_by(
        "-created_at", "-pk"
    )
    return {
        c.system_id: c
        for c in Classification.objects.filter(system_id__in=ids).filter(
            pk=Subquery(newest.values("pk")[:1])
        )
    }


def draft_of(system: AISystem) -> ClassificationDraft | None:
    return ClassificationDraft.objects.filter(system=system).first()


def latest_letter(system: AISystem) -> InformationLetter | None:
    return system.letters.order_by("-drafted_at", "-pk").first()


def access_system(member: Membership | None, pk: object) -> AISystem:
    """A system the active role may read (see `systems_visible_to`)."""
    return get_object_or_404(systems_visible_to(member), pk=pk)


def access_managed_system(member: Membership | None, pk: object) -> AISystem:
    """A system the active role may change (see `managed_systems`)."""
    return get_object_or_404(managed_systems(member), pk=pk)

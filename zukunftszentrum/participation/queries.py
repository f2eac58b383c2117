"""Reads of the participation projects; each takes the viewer first.

A project is visible to its participants only (see `rules.participant`): the company's lead,
its employees and works council when the project includes them all or lists them, and a listed
advisor while the centre accompanies the company. Everybody else gets the same 404 as for a
project that does not exist.
"""

from __future__ import annotations

import hashlib
import hmac
from typing import Any

from django.conf import settings
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.shortcuts import get_object_or_404

from zukunftszentrum.organisations.models import Accompaniment, Membership
from zukunftszentrum.organisations.roles import Role

from .models import Comment, Item, Project, ProjectDocument, ProjectMember, Vote


def projects_visible_to(member: Membership | None) -> QuerySet[Project]:
    qs = Project.objects.select_related("organisation")
    if member is None or not member.is_active:
        return qs.none()
    listed = Exists(ProjectMember.objects.filter(project=OuterRef("pk"), membership=member))
    if member.organisation_id:
        mine = Q(organisation_id=member.organisation_id)
        if member.role == Role.COMPANY_LEAD:
            return qs.filter(mine)
        if member.role in (Role.EMPLOYEE, Role.WORKS_COUNCIL):
            return qs.filter(mine & (Q(all_employees=True) | listed))
        return qs.none()
    if member.centre_id:
        accompanied = Exists(
            Accompaniment.objects.filter(
                centre_id=member.centre_id,
                organisation_id=OuterRef("organisation_id"),
                status=Accompaniment.Status.ACTIVE,
            )
        )
        return qs.filter(listed & accompanied)
    return qs.none()


def items_of(project: Project, *, category: str = "", status: str = "") -> QuerySet[Item]:
    """The project's ideas and concerns, newest day first and within a day by random key:
    the order says nothing about who posted first (see models.ideas)."""
    qs = project.items.filter(merged_into__isnull=True)
    if category:
        qs = qs.filter(category=category)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-posted_on", "id")


def comments_of(item: Item) -> QuerySet[Comment]:
    return item.comments.select_related("author__user").order_by("posted_on", "id")


def voter_key(user: Any, item: Item) -> str:
    """The hash that stands for one person's vote on one item: keyed by the server's secret and
    the project's, so neither the database nor anyone who knows the person can recompute it
    without both."""
    key = f"{settings.SECRET_KEY}:participation-vote:{item.project.vote_secret}".encode()
    message = f"{user.pk}:{item.pk}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()


def own_vote(user: Any, item: Item) -> Vote | None:
    return item.votes.filter(voter=voter_key(user, item)).first()


def candidates_to_add(project: Project) -> QuerySet[Membership]:
    """Who can be listed: the company's current people, and the staff of accompanying centres."""
    accompanying = Accompaniment.objects.filter(
        organisation_id=project.organisation_id, status=Accompaniment.Status.ACTIVE
    ).values("centre_id")
    return (
        Membership.objects.filter(ended_at__isnull=True)
        .filter(
            Q(organisation_id=project.organisation_id)
            | Q(centre_id__in=accompanying, role__in=(Role.ADVISOR, Role.CENTRE_ADMIN))
        )
        .exclude(participation_roles__project=project)
        .select_related("user", "organisation", "centre")
    )


# --- one object, or 404 -------------------------------------------------------------------------


def access_project(member: Membership | None, pk: object) -> Project:
    return get_object_or_404(projects_visible_to(member), pk=pk)


def access_item(project: Project, pk: object) -> Item:
    return get_object_or_404(Item.objects.select_related("project"), project=project, pk=pk)


def access_comment(item: Item, pk: object) -> Comment:
    return get_object_or_404(Comment, item=item, pk=pk)


def access_document(project: Project, pk: object) -> ProjectDocument:
    return get_object_or_404(ProjectDocument, project=project, pk=pk)


def access_project_member(project: Project, pk: object) -> ProjectMember:
    return get_object_or_404(ProjectMember, project=project, pk=pk)

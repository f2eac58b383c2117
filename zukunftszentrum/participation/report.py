"""The process report of a project (PDF): phases, participation figures, ideas and concerns
with the management's answers, decisions, and the co-determination steps.

Every figure about people or contributions goes through core.disclosure: counts of items,
comments and votes are published counts (below the minimum "weniger als N"), the people on
the opinion map are those of its latest release. Items and comments have no stored record key;
their random UUID keys serve as one (a UUID4 is uniform, so its low 32 bits are a fair record
key and fixed per contribution).
"""

from __future__ import annotations

import uuid
from typing import Any

from django.utils import timezone

from zukunftszentrum.core.disclosure import Contribution, Published, Reason, Unit, publish_count
from zukunftszentrum.core.disclosure.keys import KEY_SPACE

from . import opinion, pages, queries, steps
from .models import Comment, Item, Project, Vote


def decisions_for_report(project: Project) -> list[Any]:
    """The published entries of the project's decision log, in the order they were taken."""
    from .decision_log import decisions_for_report as published

    return published(project)


def _key_of(pk: uuid.UUID) -> int:
    return pk.int % KEY_SPACE


def _count(keys: list[int]) -> Published:
    return publish_count([Contribution(key=k) for k in keys], params=pages.params())


def figures(project: Project) -> list[tuple[str, Published]]:
    """(label key, published count) in the report's order."""
    from django.utils.translation import gettext as _

    items = list(Item.objects.filter(project=project).values_list("id", "kind", "is_anonymous"))
    comments = list(Comment.objects.filter(item__project=project).values_list("id", flat=True))
    votes = list(Vote.objects.filter(item__project=project).values_list("record_key", flat=True))
    return [
        (_("Ideen"), _count([_key_of(i) for i, k, _a in items if k == Item.Kind.IDEA])),
        (_("Bedenken"), _count([_key_of(i) for i, k, _a in items if k == Item.Kind.CONCERN])),
        (_("davon anonym"), _count([_key_of(i) for i, _k, a in items if a])),
        (_("Kommentare"), _count([_key_of(c) for c in comments])),
        (_("Stimmen zu Beiträgen"), _count(votes)),
        (_("Personen auf der Meinungslandkarte"), _placed_on_map(project)),
    ]


def _placed_on_map(project: Project) -> Published:
    """As the latest release of the map says: a live count would change with every vote."""
    stored = opinion.released_map(opinion.latest_release(project))
    if stored is None:
        return Published.withheld(Unit.PEOPLE, Reason.NOT_RELEASED)
    return stored[0].participants


def context(project: Project, user: Any) -> dict[str, Any]:
    items = list(
        queries.items_of(project).prefetch_related("answers").select_related("author__user")
    )
    return {
        "project": project,
        "today": timezone.localdate(),
        "phases": pages.phase_bar(project),
        "figures": figures(project),
        "min_size": pages.params().minimum,
        "items": [
            (item, pages.author_label(item), item.answers.first())
            for item in items
            if not item.is_hidden
        ],
        "decisions": decisions_for_report(project),
        "outcome": steps.outcome(project),
        "steps": steps.step_rows(project),
        "statements": len(opinion.accepted(project)),
    }

"""What the participation pages show, assembled from queries and rules (views stay thin)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.core.access import Answer
from zukunftszentrum.core.disclosure import Contribution, Parameters, Published, publish_count
from zukunftszentrum.organisations.models import Membership

from . import phases, rules
from .models import Item, Project
from .queries import voter_key

ACTION_LABELS = {
    "post": gettext_lazy("Ideen und Bedenken einreichen"),
    "comment": gettext_lazy("Kommentieren"),
    "vote": gettext_lazy("Zustimmen oder ablehnen"),
    "answer": gettext_lazy("Beiträge beantworten"),
    "moderate": gettext_lazy("Moderieren"),
    "manage": gettext_lazy("Projekt und Phasen verwalten"),
}


@dataclass(frozen=True)
class PhaseStep:
    key: str
    title: str
    summary: str
    starts_on: Any
    ends_on: Any
    current: bool
    done: bool


def phase_bar(project: Project) -> list[PhaseStep]:
    dates = {p.key: p for p in project.phases.all()}
    keys = phases.phase_keys()
    current = keys.index(project.current_phase) if project.current_phase in keys else -1
    steps = []
    for i, d in enumerate(phases.phase_definitions()):
        row = dates.get(d.key)
        steps.append(
            PhaseStep(
                d.key,
                rules.local(d.title),
                rules.local(d.summary),
                row.starts_on if row else None,
                row.ends_on if row else None,
                i == current,
                i < current,
            )
        )
    return steps


def phase_title(project: Project) -> str:
    try:
        return rules.local(phases.definition(project.current_phase).title)
    except KeyError:
        return project.current_phase


def what_you_may(member: Membership | None, project: Project) -> list[tuple[Any, Answer]]:
    """Each action with the answer for this person today: allowed, or why not."""
    s = rules.situation(member, project)
    return [
        (label, rules.may(action, member, project, s)) for action, label in ACTION_LABELS.items()
    ]


def params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


@dataclass(frozen=True)
class Tally:
    agree: Published
    disagree: Published


def tally(item: Item, user: Any) -> Tally:
    """Agree and disagree as published counts (core.disclosure): below the minimum group size
    of others, the page says "weniger als N" instead of a number. The viewer's own vote is
    marked, so it never helps them tell the others apart."""
    own = voter_key(user, item)
    votes = list(item.votes.values_list("agree", "voter", "record_key"))

    def count(agree: bool) -> Published:
        return publish_count(
            [Contribution(key=k, own=v == own) for a, v, k in votes if a is agree],
            params=params(),
        )

    return Tally(count(True), count(False))


def author_label(obj: Any) -> str:
    """Who wrote an item or a comment, as everybody sees it; the author sees an anonymous one
    the same way (the app does not know it is theirs)."""
    if obj.is_anonymous:
        return _("eine anonyme Meldung")
    if obj.author is None:
        return _("gelöschtes Konto")
    return obj.author.user.get_full_name() or _("ohne Namen")


def today() -> Any:
    return timezone.localdate()

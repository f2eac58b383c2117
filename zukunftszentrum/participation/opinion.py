"""The opinion map of a project: statements, agree / disagree / pass votes, and the groups.

Votes belong to a pseudonym per person and project (HMAC keyed with the server's and the
project's secret), so one person has one vote per statement, may change it, and the map can
put a person's votes in one row, while nobody can tell whose row it is. The map itself comes
only from `opinion_map.build_map` (sizes and shares through core.disclosure), computed when the
facilitator releases it (or a phase ends) and stored; pages show the latest release and never
recompute it. A release needs enough people with new or changed votes (opinion_release).
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import codet_rules, opinion_map, opinion_release, pages
from .actions import NotAllowed, ParticipationError, set_vote
from .audit_actions import ParticipationAction as Act
from .models import OpinionMapRelease, OpinionVoter, Project, Statement, StatementVote

MAX_STATEMENT = 300


def pseudonym(user: Any, project: Project) -> str:
    key = f"{settings.SECRET_KEY}:participation-opinion:{project.vote_secret}".encode()
    return hmac.new(key, f"{user.pk}".encode(), hashlib.sha256).hexdigest()


def accepted(project: Project) -> list[Statement]:
    return list(
        project.statements.filter(state=Statement.State.ACCEPTED).order_by("added_on", "id")
    )


def proposals(project: Project) -> list[Statement]:
    return list(
        project.statements.filter(state=Statement.State.PROPOSED).order_by("added_on", "id")
    )


def access_statement(project: Project, pk: object) -> Statement:
    return get_object_or_404(Statement, project=project, pk=pk)


def own_votes(user: Any, project: Project) -> dict[Any, int]:
    voter = OpinionVoter.objects.filter(project=project, pseudonym=pseudonym(user, project)).first()
    if voter is None:
        return {}
    return dict(voter.votes.values_list("statement_id", "value"))


def _clean(text: str) -> str:
    text = " ".join(text.split())
    if not text:
        raise ParticipationError(_("Bitte schreiben Sie eine Aussage."))
    if len(text) > MAX_STATEMENT:
        raise ParticipationError(
            _("Eine Aussage hat höchstens %(n)d Zeichen.") % {"n": MAX_STATEMENT}
        )
    return text


@transaction.atomic
def add_statement(*, member: Membership, project: Project, text: str) -> Statement:
    codet_rules.may("curate_statements", member, project).enforce(NotAllowed)
    statement = Statement.objects.create(
        project=project,
        text=_clean(text),
        state=Statement.State.ACCEPTED,
        added_on=timezone.localdate(),
    )
    record_event(
        Act.STATEMENT_ADDED,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=statement.text[:200],
        project=project.pk,
    )
    return statement


@transaction.atomic
def propose_statement(*, member: Membership, project: Project, text: str) -> Statement:
    """A participant's proposal: stored without the person and without an audit event."""
    codet_rules.may("propose_statement", member, project).enforce(NotAllowed)
    return Statement.objects.create(
        project=project, text=_clean(text), added_on=timezone.localdate()
    )


@transaction.atomic
def decide_proposal(*, member: Membership, statement: Statement, accept: bool) -> None:
    codet_rules.may("curate_statements", member, statement.project).enforce(NotAllowed)
    if statement.state != Statement.State.PROPOSED:
        return  # a second tab: decided already
    statement.state = Statement.State.ACCEPTED if accept else Statement.State.REJECTED
    statement.save(update_fields=["state"])
    record_event(
        Act.STATEMENT_DECIDED,
        actor=member.user,
        organisation_id=statement.project.organisation_id,
        summary=f"{statement.state}: {statement.text}"[:300],
        project=statement.project_id,
    )


def vote(*, member: Membership, statement: Statement, value: int) -> bool:
    """Record or change the person's vote; False when it was already this vote."""
    project = statement.project
    codet_rules.may("vote_statement", member, project).enforce(NotAllowed)
    if statement.state != Statement.State.ACCEPTED:
        raise ParticipationError(_("Über diese Aussage wird nicht abgestimmt."))
    if value not in (-1, 0, 1):
        raise ParticipationError(_("Bitte wählen Sie: Zustimmung, Ablehnung oder keine Meinung."))
    name = pseudonym(member.user, project)
    with transaction.atomic():
        voter, _created = OpinionVoter.objects.get_or_create(project=project, pseudonym=name)
        return set_vote(StatementVote, "value", value, statement=statement, voter=voter)


def _votes(project: Project) -> list[opinion_map.Vote]:
    rows = (
        StatementVote.objects.filter(
            statement__project=project, statement__state=Statement.State.ACCEPTED
        )
        .order_by("voter_id", "statement_id")
        .values_list("voter_id", "statement_id", "value")
    )
    return [opinion_map.Vote(v, s, value) for v, s, value in rows]


# --- releases: what everybody sees is the latest stored release ----------------------------


class TooFewChanges(ParticipationError):
    """A release refused: too few people voted or changed their votes since the last one."""


def _digest_key(project: Project) -> bytes:
    return f"{settings.SECRET_KEY}:participation-opinion-release:{project.vote_secret}".encode()


def latest_release(project: Project) -> OpinionMapRelease | None:
    return project.opinion_releases.first()  # the highest number


def released_map(
    release: OpinionMapRelease | None,
) -> tuple[opinion_map.OpinionMap, dict[str, str]] | None:
    """The stored map of a release and the texts of its statements, as released."""
    return None if release is None else opinion_release.from_data(release.figures)


def _now(project: Project) -> tuple[list[Statement], list[opinion_map.Vote], dict[str, str]]:
    statements = accepted(project)
    votes = _votes(project)
    placed = opinion_map.placed_participants(votes, [s.pk for s in statements])
    return statements, votes, opinion_release.digests(_digest_key(project), votes, placed)


def release_check(project: Project) -> opinion_release.ReleaseCheck:
    """Whether a release may be made now (for the facilitator's page; the count stays inside)."""
    last = latest_release(project)
    _s, _v, now = _now(project)
    return opinion_release.check(now, last.digests if last else None, pages.params().minimum)


def too_few_message(first: bool) -> str:
    n = {"n": pages.params().minimum}
    if first:
        return (
            _(
                "Die Meinungslandkarte kann noch nicht freigegeben werden: Es braucht mindestens "
                "%(n)d Personen, die genug Aussagen bewertet haben."
            )
            % n
        )
    return (
        _(
            "Die Meinungslandkarte kann noch nicht neu freigegeben werden: Seit der letzten "
            "Freigabe müssen mindestens %(n)d Personen erstmals oder anders abgestimmt haben. Sonst "
            "ließe der Vergleich zweier Freigaben auf die Stimmen Einzelner schließen."
        )
        % n
    )


@transaction.atomic
def release(*, project: Project, member: Membership | None) -> OpinionMapRelease:
    """Compute the map once, as everybody will see it, and store it as the next release.
    `member` None: released by the platform as a phase ended."""
    if member is not None:
        codet_rules.may("release_opinion_map", member, project).enforce(NotAllowed)
    # One release at a time per project: the second tab waits and then finds nothing new.
    Project.objects.select_for_update().filter(pk=project.pk).first()
    last = latest_release(project)
    statements, votes, now = _now(project)
    params = pages.params()
    if not opinion_release.check(now, last.digests if last else None, params.minimum).due:
        raise TooFewChanges(too_few_message(first=last is None))
    number = (last.number + 1) if last else 1
    keys: dict[Hashable, int] = dict(
        OpinionVoter.objects.filter(project=project).values_list("pk", "record_key")
    )
    result = opinion_map.build_map(
        votes,
        [s.pk for s in statements],
        keys,
        # A new name per release: the same people's share in two releases gets independent
        # noise, so subtracting them does not show one person's changed vote exactly.
        variable=f"opinion:{project.pk}:{number}",
        for_everyone=True,
        params=params,
    )
    row = OpinionMapRelease.objects.create(
        project=project,
        number=number,
        released_on=timezone.localdate(),
        released_by=member,
        figures=opinion_release.to_data(result, {s.pk: s.text for s in statements}),
        digests=now,
    )
    if member is not None:
        record_event(
            Act.OPINION_RELEASED,
            actor=member.user,
            organisation_id=project.organisation_id,
            summary=f"{project.title} #{number}"[:200],
            project=project.pk,
        )
    return row


def release_if_due(project: Project) -> OpinionMapRelease | None:
    """The release a phase's end makes, when enough has changed; otherwise nothing."""
    try:
        return release(project=project, member=None)
    except TooFewChanges:
        return None

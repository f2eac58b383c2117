"""The opinion map of a project: statements, agree / disagree / pass votes, and the groups.

Votes belong to a pseudonym per person and project (HMAC keyed with the server's and the
project's secret), so one person has one vote per statement, may change it, and the map can
put a person's votes in one row, while nobody can tell whose row it is. The map itself comes
only from `opinion_map.build_map` (sizes and shares through core.disclosure), computed on
demand and cached by a hash of the votes, the statements and the viewer.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Hashable
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership

from . import codet_rules, opinion_map, pages
from .actions import NotAllowed, ParticipationError, set_vote
from .audit_actions import ParticipationAction as Act
from .models import OpinionVoter, Project, Statement, StatementVote

MAX_STATEMENT = 300
CACHE_SECONDS = 60 * 60


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


def _votes(project: Project) -> list[tuple[int, Any, int]]:
    return list(
        StatementVote.objects.filter(
            statement__project=project, statement__state=Statement.State.ACCEPTED
        )
        .order_by("voter_id", "statement_id")
        .values_list("voter_id", "statement_id", "value")
    )


def map_for(project: Project, user: Any) -> opinion_map.OpinionMap:
    """The published map for this viewer, cached by the hash of everything it depends on."""
    statements = [s.pk for s in accepted(project)]
    votes = _votes(project)
    viewer = (
        OpinionVoter.objects.filter(project=project, pseudonym=pseudonym(user, project))
        .values_list("pk", flat=True)
        .first()
    )
    params = pages.params()
    digest = hashlib.sha256(repr((statements, votes, viewer, params)).encode()).hexdigest()
    key = f"participation:opinion-map:{project.pk}:{digest}"
    found = cache.get(key)
    if found is not None:
        return found  # type: ignore[no-any-return]
    keys: dict[Hashable, int] = dict(
        OpinionVoter.objects.filter(project=project).values_list("pk", "record_key")
    )
    result = opinion_map.build_map(
        [opinion_map.Vote(v, s, value) for v, s, value in votes],
        statements,
        keys,
        variable=f"opinion:{project.pk}",
        viewer=viewer,
        params=params,
    )
    cache.set(key, result, CACHE_SECONDS)
    return result

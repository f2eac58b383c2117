"""The anonymous pulse in the database: opening a round with one-time tokens, answering it,
and releasing its figures once, when it closes (see models.pulse and pulse_content).

A person's token is derived, not stored: HMAC(SECRET_KEY + the round's secret, membership),
and the table keeps only its SHA-256. Every tab and every reload therefore shows the same
token; the first answer sent with it counts, any later one (a double click, a second tab) is
told "already answered" and counts nothing. Marking the token used and storing the answers
happen in one transaction, and the token row is claimed with a conditional update, so two
requests at the same moment cannot both pass.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Max
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.disclosure import Parameters, Submission, next_release
from zukunftszentrum.core.tokens import hash_token
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Role

from . import activity_rules, pulse_content, rules
from .actions import NotAllowed, ParticipationError
from .audit_actions import ParticipationAction as Act
from .models import Project, PulseResponse, PulseRound, PulseToken
from .phases import ProjectRole

ASKED = (ProjectRole.LEAD, ProjectRole.EMPLOYEE, ProjectRole.WORKS_COUNCIL)


class TokenRefused(ParticipationError):
    """A token that does not count (used, expired, unknown): the message says which."""


def params() -> Parameters:
    return Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)


def token_for(round_: PulseRound, membership: Membership) -> str:
    key = f"{settings.SECRET_KEY}:participation-pulse:{round_.secret}".encode()
    # By person, not membership: someone both employee and works council answers once.
    return hmac.new(key, str(membership.user_id).encode(), hashlib.sha256).hexdigest()


def asked(project: Project) -> list[Membership]:
    """Who a new round asks: the project's people on the company's side (not the advisor)."""
    people = Membership.objects.filter(
        organisation_id=project.organisation_id,
        ended_at__isnull=True,
        role__in=(Role.COMPANY_LEAD, Role.EMPLOYEE, Role.WORKS_COUNCIL),
    ).select_related("user", "organisation")
    chosen: dict[int, Membership] = {}
    for m in people.order_by("pk"):
        if m.user_id not in chosen and rules.participant(m, project).role in ASKED:
            chosen[m.user_id] = m  # one token per person, whatever roles they hold
    return list(chosen.values())


def _announce(round_: PulseRound) -> None:
    """Tells the project's people who asked for it that a round is open."""
    from .notifications import notify_new_pulse

    notify_new_pulse(round_.project)


@transaction.atomic
def open_round(
    *, member: Membership, project: Project, title: str, opens_on: dt.date, closes_on: dt.date
) -> PulseRound:
    activity_rules.may("run_pulse", member, project).enforce(NotAllowed)
    if closes_on < opens_on:
        raise ParticipationError(_("Das Ende liegt vor dem Beginn."))
    if project.pulse_rounds.filter(status=PulseRound.Status.OPEN).exists():
        raise ParticipationError(
            _("Es läuft schon eine Pulsbefragung. Schließen Sie sie, bevor Sie eine neue starten.")
        )
    number = (project.pulse_rounds.aggregate(n=Max("number"))["n"] or 0) + 1
    round_ = PulseRound.objects.create(
        project=project,
        number=number,
        title=title,
        version=pulse_content.questionnaire().version,
        opens_on=opens_on,
        closes_on=closes_on,
    )
    PulseToken.objects.bulk_create(
        PulseToken(round=round_, membership=m, token_hash=hash_token(token_for(round_, m)))
        for m in asked(project)
    )
    record_event(
        Act.PULSE_OPENED,
        actor=member.user,
        organisation_id=project.organisation_id,
        summary=title,
        project=project.pk,
        round=round_.pk,
    )
    transaction.on_commit(lambda: _announce(round_))
    return round_


def is_running(round_: PulseRound, today: dt.date | None = None) -> bool:
    today = today or timezone.localdate()
    return round_.status == PulseRound.Status.OPEN and round_.opens_on <= today <= round_.closes_on


@dataclass(frozen=True)
class Standing:
    """Where a member stands with a round: invited, answered, and the token for the form."""

    invited: bool
    answered: bool
    token: str


def standing(round_: PulseRound, member: Membership | None) -> Standing:
    if member is None:
        return Standing(False, False, "")
    row = round_.tokens.filter(membership__user_id=member.user_id).first()
    if row is None:
        return Standing(False, False, "")
    return Standing(True, row.used, "" if row.used else token_for(round_, member))


def submit(
    *, member: Membership, round_: PulseRound, token: str, answers: Mapping[str, Any]
) -> None:
    """Count one answer for a valid, unused token of this member; refuse everything else."""
    activity_rules.may("answer_pulse", member, round_.project).enforce(NotAllowed)
    checked = pulse_content.check_answers(pulse_content.questionnaire(), answers)
    today = timezone.localdate()
    with transaction.atomic():
        row = PulseToken.objects.filter(
            round=round_, membership__user_id=member.user_id, token_hash=hash_token(token or "")
        ).first()
        if row is None:
            raise TokenRefused(
                _("Dieser Zugang gilt nicht für Sie oder nicht für diese Befragung.")
            )
        round_.refresh_from_db(fields=["status"])
        if not is_running(round_, today):
            raise TokenRefused(
                _(
                    "Die Befragung ist am %(date)s zu Ende gegangen; Antworten werden nicht mehr "
                    "gezählt."
                )
                % {"date": round_.closes_on.strftime("%d.%m.%Y")}
                if today > round_.closes_on or round_.status != PulseRound.Status.OPEN
                else _("Die Befragung beginnt erst am %(date)s.")
                % {"date": round_.opens_on.strftime("%d.%m.%Y")}
            )
        # Claim the token: only one request can turn used from False to True.
        if PulseToken.objects.filter(pk=row.pk, used=False).update(used=True) != 1:
            raise TokenRefused(
                _("Sie haben an dieser Befragung schon teilgenommen; Ihre Antwort zählt einmal.")
            )
        PulseResponse.objects.create(round=round_, answered_on=today, answers=checked)


def round_key(round_: PulseRound) -> str:
    return f"{round_.project_id}:{round_.number}"


@transaction.atomic
def release(round_: PulseRound, *, member: Membership | None = None) -> PulseRound:
    """Close a round and store its published figures, once. A member closes it early (the
    facilitator); without one, a round past its end is released when next looked at."""
    round_ = PulseRound.objects.select_for_update().get(pk=round_.pk)
    if round_.status == PulseRound.Status.RELEASED:
        return round_
    if member is not None:
        activity_rules.may("run_pulse", member, round_.project).enforce(NotAllowed)
    today = timezone.localdate()
    responses = {str(r.pk): r for r in round_.responses.all()}
    # The round is one batch of core.disclosure's release rule, released as the survey closes
    # (the day stands for the time: no response keeps a finer one).
    batch = next_release(
        [
            Submission(pk, dt.datetime.combine(r.answered_on, dt.time(), tzinfo=dt.UTC))
            for pk, r in responses.items()
        ],
        None,
        closed=True,
        today=today,
    )
    included = [responses[pk] for pk in sorted(batch.ids)] if batch else []
    round_.released = pulse_content.release_figures(
        round_key(round_),
        pulse_content.questionnaire(),
        [(r.record_key, r.answers) for r in included],
        [(t.record_key, t.used) for t in round_.tokens.all()],
        params(),
    )
    round_.status = PulseRound.Status.RELEASED
    round_.released_on = today
    round_.save(update_fields=["released", "status", "released_on"])
    if member is not None:
        record_event(
            Act.PULSE_RELEASED,
            actor=member.user,
            organisation_id=round_.project.organisation_id,
            summary=round_.title,
            project=round_.project_id,
            round=round_.pk,
        )
    return round_


def release_due(project: Project, today: dt.date | None = None) -> None:
    """Release every open round whose last day has passed (looked at, not on a timer: the
    figures are the same whenever this runs, as no answer counts after the end)."""
    today = today or timezone.localdate()
    for round_ in project.pulse_rounds.filter(status=PulseRound.Status.OPEN, closes_on__lt=today):
        release(round_)


def access_round(project: Project, pk: object) -> PulseRound:
    return get_object_or_404(PulseRound, project=project, pk=pk)


def released_rounds(project: Project) -> list[PulseRound]:
    return list(project.pulse_rounds.filter(status=PulseRound.Status.RELEASED).order_by("number"))

"""The anonymous pulse: the rounds of a project, answering with a one-time token, closing a
round (which releases its figures once) and comparing two released rounds.

Answering is not logged and the view keeps nothing of the request: the token row is marked
used and the answers are stored without a link to it (pulse_service)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import activity_rules, pulse_content, pulse_service, queries
from ..actions import NotAllowed, ParticipationError
from ..activity_forms import PulseAnswerForm, PulseOpenForm
from ..models import Project, PulseRound
from .common import PARTICIPANTS, handle_form, refusals, require


def _rows(round_: PulseRound, lang: str) -> list[dict[str, Any]]:
    q = pulse_content.questionnaire()
    stored = round_.released.get("questions", {})
    return [
        {
            "question": question.text.get(lang),
            "topic": question.topic,
            **stored.get(question.key, {}),
        }
        for question in q.questions
    ]


def _list_page(
    request: MemberRequest, project: Project, status: int = 200, **forms: Any
) -> HttpResponse:
    run = activity_rules.may("run_pulse", request.member, project)
    released = pulse_service.released_rounds(project)
    comparison = None
    before, after = request.GET.get("vorher"), request.GET.get("nachher")
    by_pk = {str(r.pk): r for r in released}
    if before in by_pk and after in by_pk and before != after:
        comparison = {
            "before": by_pk[before],
            "after": by_pk[after],
            "rows": pulse_content.compare(
                pulse_content.questionnaire(), by_pk[before].released, by_pk[after].released
            ),
        }
    today = timezone.localdate()
    return render(
        request,
        "participation/pulse_list.html",
        {
            "project": project,
            "rounds": project.pulse_rounds.all(),
            "released": released,
            "comparison": comparison,
            "run": run,
            "open_form": forms.get("open_form")
            or PulseOpenForm(
                initial={"opens_on": today, "closes_on": today + dt.timedelta(days=7)}
            ),
        },
        status=status,
    )


@requires(*PARTICIPANTS)
def pulse_list(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    pulse_service.release_due(project)
    return _list_page(request, project)


@requires(*PARTICIPANTS)
@require_POST
def pulse_open(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    require(activity_rules.may("run_pulse", request.member, project))
    return handle_form(
        request,
        PulseOpenForm(request.POST),
        act=lambda d: pulse_service.open_round(member=request.member, project=project, **d),
        done=_("Die Pulsbefragung ist gestartet."),
        then=lambda round_: redirect(
            "participation:pulse_round", pk=project.pk, round_pk=round_.pk
        ),
        invalid=lambda form: _list_page(request, project, 400, open_form=form),
        refused=lambda form: _list_page(request, project, 400, open_form=form),
    )


def _round_page(
    request: MemberRequest, project: Project, round_: PulseRound, form: Any = None,
    status: int = 200, problem: str = "",
) -> HttpResponse:  # fmt: skip
    standing = pulse_service.standing(round_, request.member)
    running = pulse_service.is_running(round_)
    lang = get_language() or "de"
    return render(
        request,
        "participation/pulse_round.html",
        {
            "project": project,
            "round": round_,
            "standing": standing,
            "running": running,
            "form": form or PulseAnswerForm(initial={"token": standing.token}),
            "may_answer": activity_rules.may("answer_pulse", request.member, project),
            "run": activity_rules.may("run_pulse", request.member, project),
            "rows": _rows(round_, lang) if round_.status == PulseRound.Status.RELEASED else [],
            "figures": round_.released,
            "min_size": pulse_service.params().minimum,
            "problem": problem,
            "questionnaire": pulse_content.questionnaire(),
        },
        status=status,
    )


@requires(*PARTICIPANTS)
def pulse_round(request: MemberRequest, pk: int, round_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    round_ = pulse_service.access_round(project, round_pk)
    if round_.status == PulseRound.Status.OPEN and round_.closes_on < timezone.localdate():
        round_ = pulse_service.release(round_)
    if request.method != "POST":
        return _round_page(request, project, round_)
    require(activity_rules.may("answer_pulse", request.member, project))
    form = PulseAnswerForm(request.POST)
    if not form.is_valid():
        return _round_page(request, project, round_, form, 400)
    try:
        pulse_service.submit(
            member=request.member,
            round_=round_,
            token=form.cleaned_data["token"],
            answers=form.answers(),
        )
    except NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from None
    except ParticipationError as error:
        # A used or expired token: the page says so and keeps the answers as they were chosen.
        return _round_page(request, project, round_, form, 409, str(error))
    messages.success(
        request,
        _(
            "Danke! Ihre Antwort ist anonym gezählt. Die Ergebnisse erscheinen, wenn die "
            "Befragung abgeschlossen ist."
        ),
    )
    return redirect("participation:pulse_round", pk=project.pk, round_pk=round_.pk)


@requires(*PARTICIPANTS)
@require_POST
def pulse_release(request: MemberRequest, pk: int, round_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    round_ = pulse_service.access_round(project, round_pk)
    require(activity_rules.may("run_pulse", request.member, project))
    with refusals(request):
        was_open = round_.status == PulseRound.Status.OPEN
        pulse_service.release(round_, member=request.member)
        if was_open:
            messages.success(
                request, _("Die Befragung ist abgeschlossen; die Ergebnisse sind freigegeben.")
            )
        else:
            messages.info(request, _("Diese Befragung war schon abgeschlossen."))
    return redirect("participation:pulse_round", pk=project.pk, round_pk=round_.pk)

"""The "Selbstchecks" overview, opening and closing a company check, and starting a check."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import login_required, public, requires
from zukunftszentrum.organisations.middleware import AnyMemberRequest, MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions
from ..exceptions import AssessmentError
from ..models import Response
from ..navigation import Flow
from ..pages import overview_context
from ..queries import (
    access_assessment,
    access_managed_assessment,
    available_instruments,
    has_participated,
    instrument_of,
    lang,
    perspective_for,
    responses_of,
)


@login_required
def overview(request: AnyMemberRequest) -> HttpResponse:
    context = overview_context(request.member, request.user)
    return render(request, "assessments/overview.html", context)


@requires(Capability.MANAGE_ASSESSMENTS)
@require_POST
def open_check(request: MemberRequest) -> HttpResponse:
    try:
        assessment = actions.open_assessment(
            member=request.member,
            instrument_key=request.POST.get("instrument", ""),
        )
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        title = instrument_of(assessment).title.get(lang())
        messages.success(request, _("Der Check ist eröffnet: „%s“.") % title)
    return redirect("assessments:overview")


@requires(Capability.MANAGE_ASSESSMENTS)
def close_check(request: MemberRequest, pk: int) -> HttpResponse:
    assessment = access_managed_assessment(request.member, pk)
    if request.method != "POST":
        return HttpResponse(status=405, headers={"Allow": "POST"})
    try:
        actions.close_assessment(member=request.member, assessment=assessment)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Der Check ist abgeschlossen. Die Antworten bleiben erhalten."))
    return redirect("assessments:overview")


@requires(Capability.TAKE_ASSESSMENT, Capability.VIEW_ACCOMPANIED_RESULTS)
def assessment_start(request: MemberRequest, pk: int) -> HttpResponse:
    member = request.member
    assessment = access_assessment(member, pk)
    inst = instrument_of(assessment)
    if request.method == "POST":
        try:
            response, token = actions.start_assessment_response(
                member=member, assessment=assessment
            )
        except AssessmentError as exc:
            messages.error(request, str(exc))
        else:
            return _continue(response, token)
    own = (
        None if inst.anonymous else responses_of(request.user).filter(assessment=assessment).first()
    )
    context = {
        "assessment": assessment,
        "instrument": inst,
        "perspective": perspective_for(member, inst),
        "own": own,
        "participated": inst.anonymous and has_participated(request.user, assessment),
    }
    return render(request, "assessments/start.html", context)


@public
def individual_start(request: AnyMemberRequest) -> HttpResponse:
    individual = available_instruments(None)["individual"]
    if not individual:
        return render(request, "assessments/start.html", {"instrument": None}, status=404)
    inst = individual[0]
    if request.method == "POST":
        member = request.member
        response, token = actions.start_individual_response(
            user=request.user,  # type: ignore[arg-type]
            instrument_key=inst.key,
            organisation=member.organisation if member else None,
        )
        return _continue(response, token)
    return render(request, "assessments/start.html", {"instrument": inst, "individual": True})


def _continue(response: Response, token: str | None) -> HttpResponse:
    """A new anonymous response first shows its private link; others go to their page."""
    flow = Flow(response, token)
    if token:
        return redirect(flow.url("resume"))
    return redirect(flow.url("continue"))

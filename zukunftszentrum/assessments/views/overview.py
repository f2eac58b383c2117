"""The "Selbstchecks" overview, opening and closing a company check, and starting a check."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import login_required, public, requires
from zukunftszentrum.organisations.middleware import AnyMemberRequest, MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions
from ..confirmations import CONFIRM_TEMPLATE, close_confirmation, reopen_confirmation
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
    is_solo,
    lang,
    perspective_for,
    responses_of,
)
from ..rules import REOPEN_DAYS


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
    """GET asks, naming the consequences; POST closes. A second POST changes nothing and says so."""
    assessment = access_managed_assessment(request.member, pk)
    back = reverse("assessments:overview")
    if request.method != "POST":
        context = close_confirmation(assessment, cancel_url=back)
        return render(request, CONFIRM_TEMPLATE, context)
    if not assessment.is_open:
        messages.info(
            request, _("Der Check war bereits abgeschlossen; es hat sich nichts geändert.")
        )
        return redirect(back)
    try:
        actions.close_assessment(member=request.member, assessment=assessment)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request,
            _(
                "Der Check ist abgeschlossen. Die Antworten bleiben erhalten. Falls das ein "
                "Versehen war: Sie können ihn %(days)d Tage lang wieder öffnen."
            )
            % {"days": REOPEN_DAYS},
        )
    return redirect(back)


@requires(Capability.MANAGE_ASSESSMENTS)
def reopen_check(request: MemberRequest, pk: int) -> HttpResponse:
    """GET asks; POST opens a check closed by mistake again (within REOPEN_DAYS)."""
    assessment = access_managed_assessment(request.member, pk)
    back = reverse("assessments:overview")
    if request.method != "POST":
        context = reopen_confirmation(assessment, request.member, cancel_url=back)
        return render(request, CONFIRM_TEMPLATE, context)
    if assessment.is_open:
        messages.info(
            request, _("Der Check war bereits wieder offen; es hat sich nichts geändert.")
        )
        return redirect(back)
    try:
        actions.reopen_assessment(member=request.member, assessment=assessment)
    except AssessmentError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(
            request, _("Der Check ist wieder offen. Die Beteiligten können antworten.")
        )
    return redirect(back)


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
    context = {"instrument": inst, "individual": True, "is_solo": is_solo(request.member)}
    return render(request, "assessments/start.html", context)


def _continue(response: Response, token: str | None) -> HttpResponse:
    """A new anonymous response first shows its private link; others go to their page."""
    flow = Flow(response, token)
    if token:
        return redirect(flow.url("resume"))
    return redirect(flow.url("continue"))

"""The process report (PDF, prepared in the background), the notification preferences, and the hand-over from the AI
inventory (`project_for_system`, linked by name from the system's page in ai_act)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import ai_systems, codet_rules, downloads, handover, notifications, queries, rules
from ..audit_actions import ParticipationAction as Act
from ..codet_forms import NotificationForm
from .agreement import refused_download
from .common import PARTICIPANTS, refusals, require


@requires(*PARTICIPANTS)
def report_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    allowed = codet_rules.may("download_report", request.member, project)
    if not allowed:
        return refused_download(request, project, allowed)
    record_event(
        Act.REPORT_DOWNLOADED,
        actor=request.user,
        organisation_id=project.organisation_id,
        summary=project.title[:200],
        project=project.pk,
    )
    return downloads.prepare(request, project, downloads.REPORT_KIND, _("Prozessbericht"))


@requires(*PARTICIPANTS)
def notification_settings(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    pref = notifications.preference(request.member, project)
    initial = (
        {"new_phase": pref.new_phase, "answers": pref.answers, "new_pulse": pref.new_pulse}
        if pref
        else {}
    )
    # An empty POST is a choice too (everything off), so bind on the method, not the data.
    form = NotificationForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        with refusals(request):
            notifications.set_preference(
                member=request.member, project=project, **form.cleaned_data
            )
            messages.success(request, _("Ihre Benachrichtigungen sind gespeichert."))
            return redirect("participation:notifications", pk=project.pk)
    return render(
        request,
        "participation/notifications.html",
        {"project": project, "form": form, "email": request.user.email},
    )


@requires(*PARTICIPANTS)
def project_for_system(request: MemberRequest, system_pk: int) -> HttpResponse:
    """GET: the project tied to the system, or a page that offers to start it; POST: start it."""
    member = request.member
    existing = handover.existing_project(member, system_pk)
    if existing is not None:
        return redirect("participation:workspace", pk=existing.pk)
    system = ai_systems.company_system(member.organisation_id or 0, system_pk)
    if system is None:
        raise Http404
    allowed = rules.may_create_project(member)
    if request.method == "POST":
        require(allowed)
        with refusals(request):
            project, _created = handover.start_project_for_system(
                member=member, system_pk=system.pk
            )
            messages.success(
                request,
                _(
                    "Das Beteiligungsprojekt ist angelegt. Bitte prüfen Sie die vorausgefüllten Angaben zur Mitbestimmung."
                ),
            )
            return redirect("participation:codetermination", pk=project.pk)
    return render(
        request,
        "participation/project_for_system.html",
        {"system": system, "allowed": allowed},
    )

"""Thin views of "Meine Kompetenzen" (the person's own levels, targets, evidence and goals) and
"Berufsprofile" (the company's profiles, targets and assignments)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core import uploads
from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..competence import profiles
from ..competence.evidence import CompetenceError, access_own_certificate, add_certificate
from ..competence.forms import AdjustForm, AssignForm, CertificateForm, GoalForm
from ..competence.pages import job_profiles_context, my_competences_context

MY_TEMPLATE = "learning/competence/mine.html"
PROFILES_TEMPLATE = "learning/competence/job_profiles.html"


@requires(Capability.LEARN)
def my_competences(request: MemberRequest) -> HttpResponse:
    return render(request, MY_TEMPLATE, my_competences_context(request.member))


@requires(Capability.LEARN)
@require_POST
def add_goal(request: MemberRequest) -> HttpResponse:
    form = GoalForm(request.POST)
    if not form.is_valid():
        context = my_competences_context(request.member, goal_form=form)
        return render(request, MY_TEMPLATE, context, status=400)
    try:
        profiles.set_own_goal(user=request.user, **form.cleaned_data)
    except CompetenceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Ihr Ziel ist gespeichert."))
    return redirect("learning:competences")


@requires(Capability.LEARN)
@require_POST
def remove_goal(request: MemberRequest, pk: int) -> HttpResponse:
    profiles.remove_own_goal(goal=profiles.access_own_goal(request.user, pk))
    messages.success(request, _("Das Ziel ist entfernt."))
    return redirect("learning:competences")


@requires(Capability.LEARN)
@require_POST
def upload_certificate(request: MemberRequest) -> HttpResponse:
    """A wrong file is refused with its reason; the other fields stay filled in."""
    form = CertificateForm(request.POST, request.FILES)
    if not form.is_valid():
        context = my_competences_context(request.member, certificate_form=form)
        return render(request, MY_TEMPLATE, context, status=400)
    data = form.cleaned_data
    try:
        add_certificate(
            user=request.user,
            competence=data["competence"],
            level=data["level"],
            note=data["note"],
            upload=data["file"],
            key=str(data["key"] or ""),
        )
    except OSError as exc:
        if not uploads.storage_full(exc):
            raise
        uploads.log_full(exc, "learning certificate")
        form.add_error("file", uploads.STORAGE_FULL)
        context = my_competences_context(request.member, certificate_form=form)
        return render(request, MY_TEMPLATE, context, status=uploads.STATUS)
    messages.success(request, _("Das Zertifikat ist als Nachweis gespeichert."))
    return redirect("learning:competences")


@requires(Capability.LEARN)
def certificate(request: MemberRequest, pk: int) -> HttpResponse:
    """The person's own uploaded certificate (nobody else's: 404)."""
    entry = access_own_certificate(request.user, pk)
    with entry.certificate.open("rb") as stored:  # at most 5 MB (checked on upload)
        response = HttpResponse(stored.read(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="zertifikat.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response


@requires(Capability.PLAN_TEAM_LEARNING)
def job_profiles(request: MemberRequest) -> HttpResponse:
    """The lead's own company."""
    if not request.member.organisation_id:
        raise Http404
    return job_profiles_for(request, request.member.organisation_id)


@requires(Capability.PLAN_TEAM_LEARNING, Capability.ACCOMPANY_COMPANIES)
def job_profiles_for(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, pk)
    return render(request, PROFILES_TEMPLATE, job_profiles_context(request.member, organisation))


@requires(Capability.PLAN_TEAM_LEARNING)
@require_POST
def assign_profile(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, pk)
    form = AssignForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie ein Berufsprofil aus der Liste."))
        return redirect("learning:job_profiles_for", pk=organisation.pk)
    try:
        profiles.assign_profile(
            member=request.member,
            organisation=organisation,
            person_id=form.cleaned_data["person"],
            profile_id=form.cleaned_data["profile"],
        )
    except CompetenceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Die Zuordnung ist gespeichert."))
    return redirect("learning:job_profiles_for", pk=organisation.pk)


@requires(Capability.PLAN_TEAM_LEARNING, Capability.ACCOMPANY_COMPANIES)
@require_POST
def adjust_target(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, pk)
    form = AdjustForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte wählen Sie eine Kompetenz und eine Stufe aus der Liste."))
        return redirect("learning:job_profiles_for", pk=organisation.pk)
    data = form.cleaned_data
    try:
        profiles.adjust_target(
            member=request.member,
            organisation=organisation,
            profile_id=data["profile"],
            competence=data["competence"],
            level=None if data["reset"] else data["level"],
        )
    except CompetenceError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Das Ziel ist für Ihr Unternehmen angepasst."))
    return redirect("learning:job_profiles_for", pk=organisation.pk)

"""The work-impact assessment: the list of affected tasks and job profiles, and per one the
three perspectives side by side, with the form for the viewer's own perspective."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import activity_rules, queries
from .. import impact_service as service
from ..activity_forms import ImpactForm, RatingForm
from ..models import BodyRating, ImpactAssessment, Project
from ..models.impact import DIMENSION_CHOICES
from .common import PARTICIPANTS, refusals, require

LABELS = [label for _key, label in DIMENSION_CHOICES]


def _perspective(request: MemberRequest, project: Project) -> str | None:
    """Which perspective the viewer rates in: management, works_council, employees, or none."""
    for action, perspective in (
        ("rate_management", "management"),
        ("rate_council", "works_council"),
        ("rate_employee", "employees"),
    ):
        if activity_rules.may(action, request.member, project):
            return perspective
    return None


@requires(*PARTICIPANTS)
def impact_list(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    run = activity_rules.may("run_workshop", request.member, project)
    form = ImpactForm(request.POST or None)
    if request.method == "POST":
        require(run)
        if form.is_valid():
            with refusals(request):
                a = service.create(member=request.member, project=project, **form.cleaned_data)
                messages.success(request, _("Die Folgenabschätzung ist angelegt."))
                return redirect("participation:impact", pk=project.pk, assessment_pk=a.pk)
    return render(
        request,
        "participation/impact_list.html",
        {
            "project": project,
            "assessments": project.impact_assessments.all(),
            "run": run,
            "form": form,
        },
        status=400 if request.method == "POST" else 200,
    )


def _initial(
    assessment: ImpactAssessment, perspective: str | None, request: MemberRequest
) -> dict[str, Any]:
    if perspective == "employees":
        return dict(service.own_ratings(assessment, request.user))
    if perspective is None:
        return {}
    initial: dict[str, Any] = {}
    for r in assessment.body_ratings.filter(body=perspective):
        initial[r.dimension], initial[f"note_{r.dimension}"] = r.rating, r.note
    return initial


def _page(
    request: MemberRequest, project: Project, assessment: ImpactAssessment, status: int = 200,
    form: RatingForm | None = None,
) -> HttpResponse:  # fmt: skip
    perspective = _perspective(request, project)
    form = form or RatingForm(
        initial=_initial(assessment, perspective, request),
        with_notes=perspective not in (None, "employees"),
    )
    return render(
        request,
        "participation/impact_detail.html",
        {
            "project": project,
            "assessment": assessment,
            "rows": list(zip(LABELS, service.side_by_side(assessment, request.user), strict=True)),
            "perspective": perspective,
            "form": form,
            "own_count": len(service.own_ratings(assessment, request.user)),
            "run": activity_rules.may("run_workshop", request.member, project),
            "min_size": service.params().minimum,
            "has_council": project.organisation.memberships.filter(
                role="works_council", ended_at__isnull=True
            ).exists(),
        },
        status=status,
    )


@requires(*PARTICIPANTS)
def impact_detail(request: MemberRequest, pk: int, assessment_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    return _page(request, project, service.access_assessment(project, assessment_pk))


@requires(*PARTICIPANTS)
@require_POST
def impact_rate(request: MemberRequest, pk: int, assessment_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    assessment = service.access_assessment(project, assessment_pk)
    perspective = _perspective(request, project)
    if perspective is None:
        require(activity_rules.may("rate_employee", request.member, project))
    assert perspective is not None  # require refused a person without a perspective
    form = RatingForm(request.POST, with_notes=perspective != "employees")
    if not form.is_valid():
        return _page(request, project, assessment, 400, form)
    with refusals(request):
        if perspective == "employees":
            service.rate_as_employee(
                member=request.member, assessment=assessment, ratings=form.ratings()
            )
            messages.success(
                request,
                _(
                    "Ihre Bewertung ist gespeichert. Sie zählt nur im Durchschnitt aller Beschäftigten."
                ),
            )
        else:
            service.rate_as_body(
                member=request.member,
                assessment=assessment,
                body=BodyRating.Body(perspective),
                ratings=form.ratings(),
                notes=form.notes(),
            )
            messages.success(request, _("Die Bewertung ist gespeichert."))
        return redirect("participation:impact", pk=project.pk, assessment_pk=assessment.pk)
    return _page(request, project, assessment, 409, form)


@requires(*PARTICIPANTS)
@require_POST
def impact_close(request: MemberRequest, pk: int, assessment_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    assessment = service.access_assessment(project, assessment_pk)
    require(activity_rules.may("run_workshop", request.member, project))
    with refusals(request):
        service.close_employees(member=request.member, assessment=assessment)
        messages.success(request, _("Die Bewertung der Beschäftigten ist abgeschlossen."))
    return redirect("participation:impact", pk=project.pk, assessment_pk=assessment.pk)

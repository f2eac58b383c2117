"""Co-determination: the project's facts, the steps that follow with sources and due dates,
and where each stands (the council records its own decision)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import ai_systems, codet_rules, queries, steps
from ..codet_forms import FactsForm, StepForm
from ..models import Project, StepStatus
from .common import PARTICIPANTS, refusals, require

_EMPLOYER_SIDE = [StepStatus.OPEN, StepStatus.REQUESTED, StepStatus.DONE]
_COUNCIL_SIDE = [StepStatus.CONSENT_GIVEN, StepStatus.CONSENT_REFUSED]


def _statuses(track: bool, council: bool, row: steps.StepRow) -> list[str]:
    offered: list[str] = list(_EMPLOYER_SIDE) if track else []
    if council and row.council_may_decide:
        offered += _COUNCIL_SIDE
    return offered


def _page(
    request: MemberRequest,
    project: Project,
    status: int = 200,
    facts_form: FactsForm | None = None,
    failed: tuple[str, StepForm] | None = None,
) -> HttpResponse:
    member = request.member
    may = {
        a: codet_rules.may(a, member, project)
        for a in ("record_facts", "track_steps", "decide_as_council", "read_agreement")
    }
    initial, prefilled = steps.initial_facts(project)
    documents = project.documents.all()
    rows: list[tuple[steps.StepRow, Any]] = []
    step_rows = steps.step_rows(project)
    for row in step_rows:
        offered = _statuses(bool(may["track_steps"]), bool(may["decide_as_council"]), row)
        form = None
        if failed and failed[0] == row.id:
            form = failed[1]
        elif offered:
            form = StepForm(
                statuses=offered,
                documents=documents,
                initial={
                    "status": row.status if row.status in offered else offered[0],
                    "decision": row.decision,
                    "decided_on": row.decided_on,
                    "documents": [d.pk for d in row.documents],
                },
                prefix=row.id,
            )
        rows.append((row, form))
    outcome = steps.outcome(project)
    context = {
        "project": project,
        "may": may,
        "facts_recorded": steps.recorded_facts(project) is not None,
        "prefilled": prefilled,
        "system": ai_systems.system_of(project),
        "facts_form": facts_form or FactsForm(initial=initial),
        "rows": rows,
        "laws": steps.laws_cited(step_rows),
        "note": outcome.note.get(request.LANGUAGE_CODE) if outcome.note else "",
        "disclaimer": outcome.disclaimer.get(request.LANGUAGE_CODE),
        "has_works_council": outcome.has_works_council,
    }
    return render(request, "participation/codetermination.html", context, status=status)


@requires(*PARTICIPANTS)
def codetermination(request: MemberRequest, pk: int) -> HttpResponse:
    return _page(request, queries.access_project(request.member, pk))


@requires(*PARTICIPANTS)
@require_POST
def facts_save(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    require(codet_rules.may("record_facts", request.member, project))
    form = FactsForm(request.POST)
    if not form.is_valid():
        return _page(request, project, 400, facts_form=form)
    with refusals(request):
        steps.record_facts(member=request.member, project=project, facts=form.cleaned_data)
        messages.success(
            request, _("Die Angaben sind gespeichert; die Schritte sind neu bestimmt.")
        )
    return redirect("participation:codetermination", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def step_record(request: MemberRequest, pk: int, step_id: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    member = request.member
    track = codet_rules.may("track_steps", member, project)
    council = codet_rules.may("decide_as_council", member, project)
    if not track and not council:
        require(track)
    row = next((r for r in steps.step_rows(project) if r.id == step_id), None)
    if row is None:
        raise Http404
    offered = _statuses(bool(track), bool(council), row)
    if not offered:  # the council, on a step where it does not decide
        raise PermissionDenied(_("Bei diesem Schritt entscheidet der Betriebsrat nicht."))
    form = StepForm(
        request.POST, statuses=offered, documents=project.documents.all(), prefix=step_id
    )
    if not form.is_valid():
        return _page(request, project, 400, failed=(step_id, form))
    with refusals(request):
        steps.record_step(
            member=member,
            project=project,
            step_id=step_id,
            status=form.cleaned_data["status"],
            decision=form.cleaned_data["decision"],
            decided_on=form.cleaned_data["decided_on"],
            documents=list(form.cleaned_data["documents"]),
        )
        messages.success(request, _("Der Stand des Schritts ist gespeichert."))
    return redirect("participation:codetermination", pk=project.pk)

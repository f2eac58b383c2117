"""The decision log: published entries for every member, drafts for the lead and the
facilitator; publishing makes an entry final, corrections are new entries pointing to it."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import activity_rules, decision_log, queries, workshop_service
from ..activity_forms import DecisionForm
from ..models import Decision, Project
from .common import PARTICIPANTS, handle_form, refusals, require


def _form(project: Project, data: Any = None, **kwargs: Any) -> DecisionForm:
    return DecisionForm(data, items=queries.items_of(project), **kwargs)


def _answers(project: Project, form: DecisionForm) -> Any:
    return queries.items_of(project).filter(pk__in=form.cleaned_data["answers"])


def _back(decision: Decision) -> HttpResponse:
    return redirect("participation:decision", pk=decision.project_id, decision_pk=decision.pk)


@requires(*PARTICIPANTS)
def decision_list(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    record = activity_rules.may("record_decision", request.member, project)
    return render(
        request,
        "participation/decision_list.html",
        {
            "project": project,
            "decisions": decision_log.visible_to(project, drafts=bool(record)),
            "record": record,
        },
    )


def _context_objects(request: MemberRequest, project: Project) -> tuple[Decision | None, Any]:
    """The entry a new one corrects (?korrigiert=) and the workshop it comes from (?workshop=)."""
    corrects = workshop = None
    if request.GET.get("korrigiert", "").isdigit():
        corrects = decision_log.access_decision(project, request.GET["korrigiert"])
    if request.GET.get("workshop", "").isdigit():
        workshop = workshop_service.access_workshop(project, request.GET["workshop"])
    return corrects, workshop


@requires(*PARTICIPANTS)
def decision_new(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    allowed = activity_rules.may("record_decision", request.member, project)
    corrects, workshop = _context_objects(request, project)
    initial: dict[str, Any] = {"decided_on": timezone.localdate()}
    if corrects is not None:
        initial |= {f: getattr(corrects, f) for f in decision_log.FIELDS if f != "decided_on"}
        initial["answers"] = [str(i.pk) for i in corrects.answers.all()]
    form = _form(project, request.POST or None, initial=initial)
    if request.method == "POST":
        require(allowed)
        if form.is_valid():
            with refusals(request):
                decision = decision_log.save_draft(
                    member=request.member,
                    project=project,
                    values=form.values(),
                    answers=_answers(project, form),
                    corrects=corrects,
                    workshop=workshop,
                )
                messages.success(
                    request,
                    _("Der Entwurf ist gespeichert. Veröffentlichen Sie ihn, wenn er stimmt."),
                )
                return _back(decision)
    return render(
        request,
        "participation/decision_new.html",
        {
            "project": project,
            "form": form,
            "allowed": allowed,
            "corrects": corrects,
            "workshop": workshop,
        },
        status=400 if request.method == "POST" else 200,
    )


def _page(
    request: MemberRequest, project: Project, decision: Decision, status: int = 200,
    form: DecisionForm | None = None,
) -> HttpResponse:  # fmt: skip
    record = activity_rules.may("record_decision", request.member, project)
    initial = {f: getattr(decision, f) for f in decision_log.FIELDS}
    initial["answers"] = [str(i.pk) for i in decision.answers.all()]
    return render(
        request,
        "participation/decision_detail.html",
        {
            "project": project,
            "decision": decision,
            "answers": decision.answers.all(),
            "corrections": decision.corrections.filter(published_on__isnull=False),
            "record": record,
            "form": form or _form(project, initial=initial),
        },
        status=status,
    )


@requires(*PARTICIPANTS)
def decision_detail(request: MemberRequest, pk: int, decision_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    decision = decision_log.access_decision(project, decision_pk)
    if not decision.is_published:
        # A draft is for those who record decisions; for everybody else it does not exist yet.
        require(activity_rules.may("record_decision", request.member, project))
    return _page(request, project, decision)


@requires(*PARTICIPANTS)
@require_POST
def decision_edit(request: MemberRequest, pk: int, decision_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    decision = decision_log.access_decision(project, decision_pk)
    require(activity_rules.may("record_decision", request.member, project))
    form = _form(project, request.POST)
    return handle_form(
        request,
        form,
        act=lambda _d: decision_log.save_draft(
            member=request.member,
            project=project,
            draft=decision,
            values=form.values(),
            answers=_answers(project, form),
        ),
        done=_("Der Entwurf ist gespeichert."),
        then=lambda _saved: _back(decision),
        invalid=lambda form: _page(request, project, decision, 400, form),
        # A published entry: refused with the reason, and the changes shown again to copy
        # into a correction.
        refused=lambda form: _page(request, project, decision, 409, form),
    )


@requires(*PARTICIPANTS)
@require_POST
def decision_publish(request: MemberRequest, pk: int, decision_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    decision = decision_log.access_decision(project, decision_pk)
    require(activity_rules.may("record_decision", request.member, project))
    with refusals(request):
        decision_log.publish(member=request.member, decision=decision)
        messages.success(
            request, _("Die Entscheidung ist veröffentlicht; sie kann nicht mehr geändert werden.")
        )
    return _back(decision)

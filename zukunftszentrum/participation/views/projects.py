"""The project list, starting a project, and the workspace (phases, members, documents)."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core import uploads
from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import actions, codet_rules, pages, queries, rules
from ..forms import DocumentForm, MemberForm, ProjectForm
from ..models import Project
from ..phases import ProjectRole
from .common import PARTICIPANTS, refusals, require


@requires(*PARTICIPANTS)
def project_list(request: MemberRequest) -> HttpResponse:
    member = request.member
    return render(
        request,
        "participation/project_list.html",
        {
            "rows": [(p, pages.phase_title(p)) for p in queries.projects_visible_to(member)],
            "may_create": rules.may_create_project(member),
        },
    )


@requires(*PARTICIPANTS)
def project_new(request: MemberRequest) -> HttpResponse:
    member = request.member
    allowed = rules.may_create_project(member)
    form = ProjectForm(request.POST or None)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(allowed.reason)
        if form.is_valid():
            with refusals(request):
                project = actions.create_project(
                    member=member,
                    title=form.cleaned_data["title"],
                    plan=form.cleaned_data["plan"],
                    ai_system_id=form.cleaned_data["ai_system_id"],
                    all_employees=form.cleaned_data["all_employees"],
                    dates=form.dates(),
                )
                messages.success(request, _("Das Projekt ist angelegt."))
                return redirect("participation:workspace", pk=project.pk)
    return render(request, "participation/project_new.html", {"form": form, "allowed": allowed})


def _workspace(request: MemberRequest, project: Project, **forms: Any) -> HttpResponse:
    member = request.member
    manage = rules.may("manage", member, project)
    context: dict[str, Any] = {
        "project": project,
        "phases": pages.phase_bar(project),
        "may_now": pages.what_you_may(member, project),
        "manage": manage,
        "members": project.members.select_related("membership__user").order_by("role"),
        "documents": project.documents.all(),
        # co-determination, agreement, report: which links the workspace shows
        "codet_may": codet_rules.workspace_links(member, project),
    }
    if manage:
        context["project_form"] = forms.get("project_form") or ProjectForm(
            initial=ProjectForm.initial_for(project)
        )
        context["member_form"] = forms.get("member_form") or MemberForm(
            candidates=queries.candidates_to_add(project)
        )
        context["document_form"] = forms.get("document_form") or DocumentForm()
    status = 400 if forms else 200
    return render(request, "participation/workspace.html", context, status=status)


@requires(*PARTICIPANTS)
def workspace(request: MemberRequest, pk: int) -> HttpResponse:
    return _workspace(request, queries.access_project(request.member, pk))


@requires(*PARTICIPANTS)
@require_POST
def project_edit(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    form = ProjectForm(request.POST)
    with refusals(request):
        require(rules.may("manage", request.member, project))
        if not form.is_valid():
            return _workspace(request, project, project_form=form)
        actions.update_project(
            member=request.member,
            project=project,
            title=form.cleaned_data["title"],
            plan=form.cleaned_data["plan"],
            ai_system_id=form.cleaned_data["ai_system_id"],
            all_employees=form.cleaned_data["all_employees"],
            dates=form.dates(),
        )
        messages.success(request, _("Die Angaben zum Projekt sind gespeichert."))
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def phase_move(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    with refusals(request):
        actions.move_phase(
            member=request.member, project=project, key=request.POST.get("phase", "")
        )
        messages.success(request, _("Die Phase ist gewechselt."))
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def member_add(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    candidates = queries.candidates_to_add(project)
    form = MemberForm(request.POST, candidates=candidates)
    with refusals(request):
        require(rules.may("manage", request.member, project))
        if not form.is_valid():
            return _workspace(request, project, member_form=form)
        actions.add_member(
            member=request.member,
            project=project,
            membership=candidates.get(pk=form.cleaned_data["membership"]),
            role=ProjectRole(form.cleaned_data["role"]),
            facilitator=form.cleaned_data["facilitator"],
        )
        messages.success(request, _("Die Person nimmt jetzt am Projekt teil."))
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def member_remove(request: MemberRequest, pk: int, member_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    row = queries.access_project_member(project, member_pk)
    with refusals(request):
        actions.remove_member(member=request.member, project=project, row=row)
        messages.success(request, _("Die Person ist nicht mehr als Mitglied eingetragen."))
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def document_upload(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    form = DocumentForm(request.POST, request.FILES)
    with refusals(request):
        require(rules.may("manage", request.member, project))
        if not form.is_valid():
            return _workspace(request, project, document_form=form)
        try:
            _doc, stored = actions.add_document(
                member=request.member,
                project=project,
                title=form.cleaned_data["title"],
                file=form.cleaned_data["file"],
                key=form.cleaned_data["key"],
            )
        except OSError as exc:
            if not uploads.storage_full(exc):
                raise
            uploads.log_full(exc, "participation document")
            form.add_error("file", uploads.STORAGE_FULL)
            response = _workspace(request, project, document_form=form)
            response.status_code = uploads.STATUS
            return response
        if stored:
            messages.success(request, _("Das Dokument ist hochgeladen."))
        else:
            messages.info(
                request,
                _("Dieses Dokument war schon hochgeladen; es ist nur einmal gespeichert."),
            )
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
def document_download(request: MemberRequest, pk: int, document_pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    document = queries.access_document(project, document_pk)
    # Read whole (at most MAX_DOCUMENT_BYTES): served through this view, never from a public
    # media address, so only the project's members reach it.
    with document.file.open("rb") as f:
        content = f.read()
    response = HttpResponse(content, content_type="application/octet-stream")
    name = (document.file.name or "dokument").rsplit("/", 1)[-1]
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response

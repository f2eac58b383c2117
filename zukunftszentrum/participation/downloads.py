"""The process report and the works-agreement outline as PDF, prepared in the background.

Rendering a PDF takes seconds for a project with many contributions, so a task worker builds it
(core.prepared) while the person sees its progress. The view checks access as usual and stores
the membership and the project; the worker renders from them, and when the file is fetched
`still_allowed` asks the project's rule again: someone whose role in the project (or whose
membership) ended in between gets nothing. The DOCX of the outline is quick and comes at once.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.safestring import mark_safe

from zukunftszentrum.core import prepared
from zukunftszentrum.core.exports import file_slug
from zukunftszentrum.core.pdf import render_pdf
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.models import Membership

from . import agreement, agreement_store, codet_rules, report
from .models import Project

REPORT_KIND = "participation.report_pdf"
AGREEMENT_KIND = "participation.agreement_pdf"
PDF = "application/pdf"


def prepare(request: MemberRequest, project: Project, kind: str, label: str) -> HttpResponse:
    """Queue the file for this person and send them to its status page."""
    params = {"membership": request.member.pk, "project": project.pk}
    download = prepared.prepare(
        user=request.user, kind=kind, params=params, label=f"{label}: {project.title}"
    )
    return redirect("core:download", pk=download.pk)


def _project(params: Mapping[str, Any]) -> Project:
    return Project.objects.select_related("organisation").get(pk=params["project"])


def report_filename(project: Project) -> str:
    return f"prozessbericht-{file_slug(project.title) or project.pk}.pdf"


def agreement_filename(project: Project, ext: str) -> str:
    return f"betriebsvereinbarung-entwurf-{file_slug(project.title) or project.pk}.{ext}"


def build_report(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    project = _project(params)
    context = report.context(project, None)
    progress(40)
    data = render_pdf("participation/report_pdf.html", context)
    return prepared.Built(report_filename(project), PDF, data)


def build_agreement(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    project = _project(params)
    outline = agreement_store.outline_for(project)
    progress(40)
    context = {
        "project": project,
        "today": timezone.localdate(),
        "outline_html": mark_safe(agreement.to_html(outline)),  # noqa: S308 -- escaped there
    }
    data = render_pdf("participation/agreement_pdf.html", context)
    return prepared.Built(agreement_filename(project, "pdf"), PDF, data)


def _allowed(action: str) -> Callable[[Any, Mapping[str, Any]], bool]:
    def still_allowed(user: Any, params: Mapping[str, Any]) -> bool:
        """Only while the membership the file was asked under is the person's and active, and
        the project's rule still lets it do `action` (its project role may have ended)."""
        member = Membership.objects.filter(pk=params["membership"], user_id=user.pk).first()
        project = Project.objects.filter(pk=params["project"]).first()
        if member is None or project is None or not member.is_active:
            return False
        return bool(codet_rules.may(action, member, project))

    return still_allowed


def back_url(params: Mapping[str, Any]) -> str:
    return reverse("participation:workspace", kwargs={"pk": params["project"]})


def register() -> None:
    """The two kinds (called from extensions.register)."""
    for kind, build, action in (
        (REPORT_KIND, build_report, "download_report"),
        (AGREEMENT_KIND, build_agreement, "read_agreement"),
    ):
        prepared.register_kind(
            kind, build=build, still_allowed=_allowed(action), back_url=back_url, order=600
        )

"""The works-agreement outline: read, edit per section, regenerate, download as DOCX (at once)
and PDF (prepared in the background, see downloads.py)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import Answer, requires
from zukunftszentrum.core.exports import file_response
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import agreement, agreement_store, codet_rules, downloads, queries
from ..codet_forms import SectionForm
from ..models import Project
from .common import PARTICIPANTS, refusals, require

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _page(
    request: MemberRequest,
    project: Project,
    status: int = 200,
    failed: tuple[str, SectionForm] | None = None,
) -> HttpResponse:
    edit = codet_rules.may("edit_agreement", request.member, project)
    rows = []
    for row in agreement_store.section_rows(project):
        form = None
        if edit:
            form = (
                failed[1]
                if failed and failed[0] == row.number
                else SectionForm(initial={"text": row.text}, prefix=_prefix(row.number))
            )
        rows.append((row, form))
    outline = agreement_store.outline_for(project)
    return render(
        request,
        "participation/agreement.html",
        {
            "project": project,
            "edit": edit,
            "rows": rows,
            "outline_html": mark_safe(_demoted(agreement.to_html(outline))),  # noqa: S308
            "placeholders": len(outline.placeholders()),
            "refused": None,
        },
        status=status,
    )


def _prefix(number: str) -> str:
    """The form prefix of a section: "§ 3" -> "s-3", "Anlage 1" -> "s-anlage-1"."""
    return f"s-{slugify(number)}"


def _demoted(html: str) -> str:
    """The outline's headings one level down, under the page's own h1 and h2 (the text is
    escaped by `agreement.to_html`)."""
    for old, new in (("h2>", "h3>"), ("h1>", "h2>")):
        html = html.replace(f"<{old}", f"<{new}").replace(f"</{old}", f"</{new}")
    return html


def refused_download(request: MemberRequest, project: Project, answer: Answer) -> HttpResponse:
    """A download the person may not have: back to the workspace, with the reason (a link
    followed is no form sent; the pages answer 403 only to a refused POST)."""
    messages.error(request, answer.reason)
    return redirect("participation:workspace", pk=project.pk)


@requires(*PARTICIPANTS)
def agreement_page(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    readable = codet_rules.may("read_agreement", request.member, project)
    if not readable:
        return render(
            request, "participation/agreement.html", {"project": project, "refused": readable}
        )
    return _page(request, project)


@requires(*PARTICIPANTS)
@require_POST
def section_save(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    require(codet_rules.may("edit_agreement", request.member, project))
    number = request.POST.get("section", "")
    form = SectionForm(request.POST, prefix=_prefix(number))
    if not form.is_valid():
        return _page(request, project, 400, failed=(number, form))
    with refusals(request):
        changed = agreement_store.save_section(
            member=request.member, project=project, number=number, text=form.cleaned_data["text"]
        )
        if changed:
            messages.success(
                request, _("Der Abschnitt ist gespeichert; er bleibt beim Neu-Erzeugen erhalten.")
            )
        else:
            messages.info(request, _("Der Abschnitt war schon so gespeichert."))
    return redirect("participation:agreement", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def agreement_regenerate(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    require(codet_rules.may("edit_agreement", request.member, project))
    with refusals(request):
        dropped = agreement_store.regenerate(
            member=request.member, project=project, number=request.POST.get("section", "")
        )
        if dropped:
            messages.success(
                request, _("Der Entwurf ist aus den Angaben des Projekts neu erzeugt.")
            )
        else:
            messages.info(request, _("Es gab keine Bearbeitung, die zu verwerfen war."))
    return redirect("participation:agreement", pk=project.pk)


@requires(*PARTICIPANTS)
def agreement_docx(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    readable = codet_rules.may("read_agreement", request.member, project)
    if not readable:
        return refused_download(request, project, readable)
    data = agreement.to_docx(agreement_store.outline_for(project))
    return file_response(data, DOCX, downloads.agreement_filename(project, "docx"))


@requires(*PARTICIPANTS)
def agreement_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    readable = codet_rules.may("read_agreement", request.member, project)
    if not readable:
        return refused_download(request, project, readable)
    return downloads.prepare(
        request, project, downloads.AGREEMENT_KIND, _("Entwurf der Betriebsvereinbarung")
    )

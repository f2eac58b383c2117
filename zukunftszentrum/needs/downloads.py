"""Downloads of the needs analysis: the estimates as CSV or XLSX, and the PDF "Bedarfsanalyse".

Same selection rules as the dashboard (`selection.select`: another centre's region or Land is a
404); all read the window's current run and never compute. Each download goes to the audit log.
The CSV is quick and comes at once; the XLSX and the PDF take seconds for a whole nation, so a
task worker prepares them (core.prepared) while the person sees their progress. The worker
selects again with the stored membership and parameters, so the file holds what the page showed.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core import prepared
from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import Action, record_event
from zukunftszentrum.core.exports import CONTENT_TYPES, download_response, to_xlsx
from zukunftszentrum.core.pdf import render_pdf
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, has_capability

from . import exports, runs
from .dashboard import build
from .report import TEMPLATE, report_context
from .selection import Selection, select


@requires(Capability.VIEW_NEEDS_ANALYSIS)
def export(request: MemberRequest, fmt: str) -> HttpResponse:
    """Every domain of the selected region with its estimates, as CSV or XLSX; with a Land or
    industry chosen on the page, only the domains within it (the file follows the drill-down)."""
    if fmt not in CONTENT_TYPES:
        raise Http404("format")
    sel = select(request.member, request.GET)
    run = runs.current_run(sel.window)
    if run is None:
        return _no_run(request, sel)
    if fmt == "xlsx":
        _log(request, sel, fmt, run=run.pk)
        return _prepare(request, sel, XLSX_KIND, _("Schätzungen als Excel-Tabelle"))
    table = exports.export_table(run, sel)
    _log(request, sel, fmt, rows=len(table.rows), run=run.pk)
    return download_response(table, fmt, exports.file_stem(sel, focus=True))


@requires(Capability.VIEW_NEEDS_ANALYSIS)
def report(request: MemberRequest) -> HttpResponse:
    """The PDF "Bedarfsanalyse" of the selection, with the method note."""
    sel = select(request.member, request.GET)
    run = runs.current_run(sel.window)
    if run is None:
        return _no_run(request, sel)
    _log(request, sel, "pdf", run=run.pk)
    return _prepare(request, sel, REPORT_KIND, _("Bericht „Bedarfsanalyse“"))


# --- prepared in the background (registered in extensions.py) ---
XLSX_KIND = "needs.export_xlsx"
REPORT_KIND = "needs.report_pdf"


def _prepare(request: MemberRequest, sel: Selection, kind: str, what: str) -> HttpResponse:
    label = f"{what}: {exports.selection_name(sel)}, {sel.window.key}"
    params = {"membership": request.member.pk, "selection": sel.params()}
    download = prepared.prepare(user=request.user, kind=kind, params=params, label=label)
    return redirect("core:download", pk=download.pk)


def _selection(params: Mapping[str, Any]) -> Selection:
    member = Membership.objects.select_related("centre", "organisation").get(
        pk=params["membership"]
    )
    return select(member, params["selection"])


def build_xlsx(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    sel = _selection(params)
    run = runs.current_run(sel.window)
    if run is None:
        raise LookupError("the window has no run any more")
    progress(20)
    data = to_xlsx(exports.export_table(run, sel))
    return prepared.Built(f"{exports.file_stem(sel, focus=True)}.xlsx", CONTENT_TYPES["xlsx"], data)


def xlsx_content_key(params: Mapping[str, Any]) -> str:
    """What the workbook depends on (`build_xlsx`): the run (it is replaced, never changed, when
    figures change), the region and the drill-down, and the names of the regions the viewer may
    see (the nation's rows name them). Not the person: the figures are the run's published
    ones, the same for everybody allowed to see the region (`selection.select` checks that)."""
    sel = _selection(params)
    run = runs.current_run(sel.window)
    if run is None:
        raise LookupError("the window has no run any more")
    return json.dumps(
        {
            "run": [run.pk, run.finished_at.isoformat() if run.finished_at else None],
            "population": [run.population_id, run.population.name, run.population.source],
            "window": sel.window.key,
            "area": [sel.area.key, sel.area.slug, str(sel.area.name), sel.area.codes],
            "areas": [[a.slug, str(a.name)] for a in sel.areas],
            "land": sel.land.code if sel.land else None,
            "section": sel.section,
            "weighting": sel.weighting,
        },
        sort_keys=True,
    )


def build_report(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    sel = _selection(params)
    board = build(sel.window, sel.area, land=sel.land, section=sel.section, weighting=sel.weighting)
    if board.run is None:
        raise LookupError("the window has no run any more")
    progress(30)
    context = report_context(board, sel, today=timezone.localdate())
    data = render_pdf(TEMPLATE, context)
    return prepared.Built(f"{exports.file_stem(sel, focus=True)}.pdf", "application/pdf", data)


def still_allowed(user: Any, params: Mapping[str, Any]) -> bool:
    """Only while the membership the file was asked under is the person's, active, and still
    grants the needs analysis."""
    member = Membership.objects.filter(pk=params["membership"], user_id=user.pk).first()
    return (
        member is not None
        and member.is_active
        and has_capability(member.role, Capability.VIEW_NEEDS_ANALYSIS)
    )


def back_url(params: Mapping[str, Any]) -> str:
    return f"{reverse('needs:dashboard')}?{urlencode(params.get('selection', {}))}"


def _no_run(request: HttpRequest, sel: Selection) -> HttpResponse:
    messages.info(
        request,
        _(
            "Für diesen Zeitraum gibt es noch keine Berechnung. Bitte versuchen Sie es später erneut."
        ),
    )
    return redirect(f"{reverse('needs:dashboard')}?{sel.query()}")


def _log(request: MemberRequest, sel: Selection, fmt: str, **details: Any) -> None:
    member = request.member
    record_event(
        Action.DATA_EXPORTED,
        actor=request.user,
        summary=f"Bedarfsanalyse {sel.area.slug} {sel.window.key} ({fmt})",
        centre_id=member.centre_id,
        request=request,
        export="needs",
        format=fmt,
        params=sel.params(),
        **details,
    )

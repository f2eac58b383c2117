"""Downloads of the needs analysis: the estimates as CSV or XLSX, and the PDF "Bedarfsanalyse".

Same selection rules as the dashboard (`selection.select`: another centre's region or Land is a
404); both read the window's current run and never compute. Each download goes to the audit log.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import Action, record_event
from zukunftszentrum.core.exports import CONTENT_TYPES, download_response
from zukunftszentrum.core.pdf import pdf_response
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

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
    table = exports.export_table(run, sel)
    _log(request, sel, fmt, rows=len(table.rows), run=run.pk)
    return download_response(table, fmt, exports.file_stem(sel, focus=True))


@requires(Capability.VIEW_NEEDS_ANALYSIS)
def report(request: MemberRequest) -> HttpResponse:
    """The PDF "Bedarfsanalyse" of the selection, with the method note."""
    sel = select(request.member, request.GET)
    board = build(sel.window, sel.area, land=sel.land, section=sel.section, weighting=sel.weighting)
    if board.run is None:
        return _no_run(request, sel)
    context = report_context(board, sel, today=timezone.localdate())
    response = pdf_response(TEMPLATE, context, f"{exports.file_stem(sel, focus=True)}.pdf")
    _log(request, sel, "pdf", run=board.run.pk)
    return response


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

"""Pages of the needs analysis: the dashboard (centre staff, programme admins) and the
population tables (programme admins)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from . import actions, queries, runs
from .dashboard import build
from .dashboard import progress as progress_status
from .drawing import drawn_context
from .estimation.population import PopulationError
from .forms import PopulationUploadForm
from .models import PopulationTable
from .pages import shape
from .selection import select


@requires(Capability.MANAGE_NETWORK)
def population(request: MemberRequest) -> HttpResponse:
    """The population tables, and the upload of a new one."""
    form = PopulationUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            table = _upload(request, form)
        except PopulationError as error:
            messages.error(request, _("Die Tabelle wurde nicht übernommen: %s") % error)
        else:
            messages.success(request, _("Die Tabelle „%s“ wurde hochgeladen.") % table.name)
            return redirect("needs:population")
    tables = queries.population_tables()
    return render(request, "needs/population.html", {"form": form, "tables": tables})


def _upload(request: HttpRequest, form: PopulationUploadForm) -> PopulationTable:
    upload = form.cleaned_data["csv_file"]
    text = actions.decode_upload(upload.read(), upload.name)
    return actions.upload_population_table(
        user=request.user,
        text=text,
        name=form.cleaned_data["name"],
        source=form.cleaned_data["source"],
        year=form.cleaned_data["year"],
        request=request,
    )


@requires(Capability.MANAGE_NETWORK)
@require_POST
def population_activate(request: MemberRequest, pk: int) -> HttpResponse:
    table = queries.access_population_table(request.member, pk)
    actions.activate_population_table(user=request.user, table=table, request=request)
    messages.success(request, _("Die Tabelle „%s“ ist jetzt aktiv.") % table.name)
    return redirect("needs:population")


@requires(Capability.VIEW_NEEDS_ANALYSIS)
def dashboard(request: MemberRequest) -> HttpResponse:
    """Estimates for the viewer's region (or a chosen Land, industry, time window): data, then
    shape, then drawing, each once."""
    sel = select(request.member, request.GET)
    board = build(sel.window, sel.area, land=sel.land, section=sel.section, weighting=sel.weighting)
    return render(request, "needs/dashboard.html", drawn_context(shape(board, sel)))


@requires(Capability.VIEW_NEEDS_ANALYSIS)
def progress(request: MemberRequest) -> HttpResponse:
    """The progress of the pending computations (polled by the dashboard while it waits)."""
    sel = select(request.member, request.GET)
    pending = runs.pending_runs([sel.window, *sel.window.quarters()])
    status = progress_status(pending, sel.window.key, runs.current_run(sel.window))
    context = {"progress": status, "sel": sel, "polled": True}
    return render(request, "needs/_progress.html", context)


@requires(Capability.VIEW_NEEDS_ANALYSIS)
@require_POST
def recompute(request: MemberRequest) -> HttpResponse:
    """Compute the window and its quarters anew (in the background)."""
    sel = select(request.member, request.POST)
    for window in (sel.window, *sel.window.quarters()):
        runs.request_run(window, user=request.user)
    messages.info(request, _("Die Zahlen werden neu berechnet. Der Fortschritt steht unten."))
    return redirect(f"{reverse('needs:dashboard')}?{sel.query()}")

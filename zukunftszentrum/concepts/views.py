"""The concept designer's pages: scenarios, resources and places, one scenario with its
proposal, side-by-side comparison, publishing, and the downloads (the PDF concept, prepared in
the background; the XLSX plan, at once).

Reading needs the learning-demand capability (centre admins, advisors, trainers); planning
needs the catalogue capability and is checked again by the actions (rules.py). Another centre's
scenario is a 404 (queries.access_scenario).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.exports import download_response
from zukunftszentrum.learning.models import Module
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from . import actions, exports, pages, queries, report, rules
from .audit_actions import ConceptAction
from .downloads import prepare_concept
from .forms import AddItemForm, PlaceForm, ResourcesForm, ScenarioChangeForm, ScenarioForm
from .inputs import resources_of
from .models import Scenario

READ = Capability.VIEW_LEARNING_DEMAND
PLAN = Capability.MANAGE_CATALOGUE
CONFLICT = (
    "Dieses Szenario war inzwischen in einem anderen Fenster geändert worden. Ihre Änderung ist "
    "gespeichert und gilt als die neuere; bitte prüfen Sie das Ergebnis."
)


@contextmanager
def refusals(request: HttpRequest, on_error: Callable[[], Any] | None = None) -> Iterator[None]:
    """A rule's refusal answers 403; any other refused step becomes a message."""
    try:
        yield
    except actions.NotAllowed as refusal:
        raise PermissionDenied(str(refusal)) from None
    except actions.ConceptError as error:
        messages.error(request, str(error))
        if on_error is not None:
            on_error()


def _tell(request: HttpRequest, saved: actions.Saved, done: str) -> None:
    if saved.conflict:
        messages.warning(request, _(CONFLICT))
    else:
        messages.success(request, done)


def _version(request: HttpRequest) -> int | None:
    try:
        return int(request.POST.get("version", ""))
    except ValueError:
        return None


# --- overview, resources, places ----------------------------------------------------------
@requires(READ)
def index(request: MemberRequest) -> HttpResponse:
    member = request.member
    centre = queries.centre_of(member)
    may_plan = rules.may_plan(member)
    return render(
        request,
        "concepts/index.html",
        {
            "centre": centre,
            "scenarios": queries.scenarios_of(member),
            "places": queries.places_of(member),
            "resources": resources_of(centre) if may_plan else None,
            "may_plan": bool(may_plan),
            "form": ScenarioForm(centre=centre) if may_plan else None,
        },
    )


@requires(PLAN)
def resources(request: MemberRequest) -> HttpResponse:
    member = request.member
    centre = queries.centre_of(member)
    form = ResourcesForm(request.POST or None, instance=resources_of(centre))
    place_form = PlaceForm(centre=centre)
    if request.method == "POST" and form.is_valid():
        with refusals(request):
            actions.save_resources(member=member, values=form.values())
            messages.success(
                request, _("Die Ressourcen sind gespeichert. Sie gelten für neue Szenarien.")
            )
            return redirect("concepts:resources")
    return render(
        request,
        "concepts/resources.html",
        {"form": form, "place_form": place_form, "places": queries.places_of(member)},
    )


@requires(PLAN)
@require_POST
def place_add(request: MemberRequest) -> HttpResponse:
    member = request.member
    centre = queries.centre_of(member)
    form = PlaceForm(request.POST, centre=centre)
    if form.is_valid():
        with refusals(request):
            actions.add_place(member=member, place=form.save_values())
            messages.success(request, _("Der Ort ist gespeichert."))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("concepts:resources")


@requires(PLAN)
@require_POST
def place_remove(request: MemberRequest, pk: int) -> HttpResponse:
    place = queries.access_place(request.member, pk)
    with refusals(request):
        actions.remove_place(member=request.member, place=place)
        messages.success(request, _("Der Ort ist entfernt."))
    return redirect("concepts:resources")


# --- scenarios ----------------------------------------------------------------------------
@requires(PLAN)
@require_POST
def scenario_new(request: MemberRequest) -> HttpResponse:
    member = request.member
    form = ScenarioForm(request.POST, centre=queries.centre_of(member))
    if not form.is_valid():
        messages.error(request, _("Bitte prüfen Sie die Angaben zum neuen Szenario."))
        return redirect("concepts:index")
    data = form.cleaned_data
    with refusals(request, lambda: None):
        scenario = actions.create_scenario(
            member=member,
            name=data["name"],
            first_month=data["first_month"],
            months=data["months"],
            extra_trainer_days=float(data.get("extra_trainer_days") or 0),
            based_on=data.get("based_on"),
        )
        actions.solve(member=member, scenario=scenario)
        return redirect("concepts:scenario", pk=scenario.pk)
    return redirect("concepts:index")


@requires(READ)
def scenario(request: MemberRequest, pk: int) -> HttpResponse:
    member = request.member
    found = queries.access_scenario(member, pk)
    allowed = pages.permissions(member, found)
    modules = list(
        Module.objects.filter(centre_id=found.centre_id, published=True).values_list("pk", "title")
    )
    return render(
        request,
        "concepts/scenario.html",
        {
            "page": pages.scenario_page(found),
            **allowed,
            "change_form": ScenarioChangeForm(scenario=found) if allowed["may_edit"] else None,
            "add_form": AddItemForm(scenario=found, modules=modules)
            if allowed["may_edit"]
            else None,
            "others": queries.scenarios_of(member).exclude(pk=found.pk),
            "plan_map": report.plan_map(found) if found.result else "",
        },
    )


@requires(PLAN)
@require_POST
def scenario_change(request: MemberRequest, pk: int) -> HttpResponse:
    member = request.member
    found = queries.access_scenario(member, pk)
    form = ScenarioChangeForm(request.POST, scenario=found)
    if not form.is_valid():
        messages.error(request, _("Bitte prüfen Sie die Angaben."))
        return redirect("concepts:scenario", pk=pk)
    with refusals(request):
        saved = actions.change_scenario(
            member=member,
            scenario=found,
            version=form.cleaned_data["version"],
            values=form.values(),
        )
        _tell(
            request,
            saved,
            _("Gespeichert. Berechnen Sie das Szenario neu, um die Wirkung zu sehen."),
        )
    return redirect("concepts:scenario", pk=pk)


@requires(PLAN)
@require_POST
def scenario_solve(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_scenario(request.member, pk)
    with refusals(request):
        if actions.solve(member=request.member, scenario=found, version=_version(request)):
            messages.success(request, _("Das Szenario wird berechnet."))
        else:
            messages.info(
                request, _("Dieses Szenario wird schon berechnet oder ist schon neu berechnet.")
            )
    return redirect("concepts:scenario", pk=pk)


@requires(PLAN)
@require_POST
def scenario_delete(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_scenario(request.member, pk)
    with refusals(request):
        actions.delete_scenario(member=request.member, scenario=found)
        messages.success(request, _("Das Szenario ist gelöscht."))
        return redirect("concepts:index")
    return redirect("concepts:scenario", pk=pk)


@requires(PLAN)
@require_POST
def item_change(request: MemberRequest, pk: int, item_pk: int, change: str) -> HttpResponse:
    member = request.member
    found = queries.access_scenario(member, pk)
    item = queries.access_item(member, found, item_pk)
    if change not in actions.ITEM_CHANGES:
        raise Http404
    with refusals(request):
        saved = actions.change_item(
            member=member, item=item, change=change, version=_version(request)
        )
        _tell(
            request,
            saved,
            _("Geändert. Berechnen Sie neu, um um diese Festlegung herum zu planen."),
        )
    return redirect("concepts:scenario", pk=pk)


@requires(PLAN)
@require_POST
def item_add(request: MemberRequest, pk: int) -> HttpResponse:
    member = request.member
    found = queries.access_scenario(member, pk)
    modules = {m.pk: m for m in Module.objects.filter(centre_id=found.centre_id, published=True)}
    form = AddItemForm(
        request.POST, scenario=found, modules=[(k, m.title) for k, m in modules.items()]
    )
    if not form.is_valid():
        messages.error(request, _("Bitte prüfen Sie die Angaben zur neuen Position."))
        return redirect("concepts:scenario", pk=pk)
    data = form.cleaned_data
    with refusals(request):
        saved = actions.add_item(
            member=member,
            scenario=found,
            module=modules[data["module"]],
            place=data["place"],
            month=data["month"],
            sessions=data["sessions"],
            version=data["version"],
        )
        _tell(request, saved, _("Die Position ist ergänzt und festgelegt."))
    return redirect("concepts:scenario", pk=pk)


@requires(PLAN)
def publish(request: MemberRequest, pk: int) -> HttpResponse:
    """GET asks with the consequences; POST makes the draft offers (once)."""
    member = request.member
    found = queries.access_scenario(member, pk)
    allowed = rules.may_publish(member, found)
    if request.method == "POST":
        if not allowed:
            raise PermissionDenied(allowed.reason)
        with refusals(request):
            made = actions.publish(member=member, scenario=found)
            if made:
                messages.success(
                    request,
                    ngettext(
                        "%(n)s Angebotsentwurf ist im Katalog angelegt. Die Trainerinnen und Trainer bestätigen ihn dort.",
                        "%(n)s Angebotsentwürfe sind im Katalog angelegt. Die Trainerinnen und Trainer bestätigen sie dort.",
                        made,
                    )
                    % {"n": made},
                )
            else:
                messages.info(
                    request,
                    _(
                        "Alle Positionen waren schon veröffentlicht; es wurde nichts doppelt angelegt."
                    ),
                )
        return redirect("concepts:scenario", pk=pk)
    pending = found.items.filter(removed=False, offer_ids=[])
    return render(
        request,
        "concepts/publish.html",
        {
            "scenario": found,
            "allowed": allowed,
            "pending": pending,
            "sessions": sum(i.sessions for i in pending),
        },
    )


@requires(READ)
def compare(request: MemberRequest) -> HttpResponse:
    member = request.member
    ids = [v for v in request.GET.getlist("s") if v.isdigit()][:3]
    chosen: list[Scenario] = [queries.access_scenario(member, int(pk)) for pk in ids]
    return render(
        request,
        "concepts/compare.html",
        {
            "scenarios": chosen,
            "all": queries.scenarios_of(member),
            "blocks": pages.compare(chosen) if len(chosen) >= 2 else [],
        },
    )


# --- downloads ----------------------------------------------------------------------------
@requires(READ)
def concept_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_scenario(request.member, pk)
    if not found.result:
        messages.info(request, _("Das Szenario ist noch nicht berechnet."))
        return redirect("concepts:scenario", pk=pk)
    record_event(
        ConceptAction.SCENARIO_EXPORTED,
        actor=request.user,
        centre_id=found.centre_id,
        summary=found.name,
        format="pdf",
    )
    # WeasyPrint takes seconds for the map and tables: a worker renders it (downloads.py).
    download = prepare_concept(user=request.user, member=request.member, scenario=found)
    return redirect("core:download", pk=download.pk)


@requires(READ)
def plan_xlsx(request: MemberRequest, pk: int) -> HttpResponse:
    found = queries.access_scenario(request.member, pk)
    record_event(
        ConceptAction.SCENARIO_EXPORTED,
        actor=request.user,
        centre_id=found.centre_id,
        summary=found.name,
        format="xlsx",
    )
    return download_response(exports.plan_table(found), "xlsx", exports.filename_stem(found))

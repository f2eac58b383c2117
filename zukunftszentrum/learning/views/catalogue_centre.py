"""The centre's side of the catalogue: its modules and offers (MANAGE_CATALOGUE), the courses
with participants, waitlist and attendance (RUN_COURSES), and the demand (VIEW_LEARNING_DEMAND).
Another centre's module, offer or registration answers 404."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.exports import download_response
from zukunftszentrum.core.pdf import pdf_response
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..catalogue import actions, queries
from ..catalogue.course_assessment import course_assessments
from ..catalogue.exceptions import CatalogueError, PrerequisiteCycle
from ..catalogue.exports import attendance_table
from ..catalogue.forms import CapacityForm, ModuleForm, OfferForm
from ..catalogue.pages import demand_rows, offer_state, place_label
from ..models import Module, Offer
from ..paths.demand import gap_rows  # open gaps of the learning paths: unmet demand
from .catalogue import base_url


@requires(Capability.MANAGE_CATALOGUE)
def manage(request: MemberRequest) -> HttpResponse:
    context = {
        "modules": queries.centre_modules(request.member),
        "offers": [(o, place_label(o)) for o in queries.centre_offers(request.member)],
    }
    return render(request, "learning/catalogue/manage.html", context)


@requires(Capability.MANAGE_CATALOGUE)
def module_edit(request: MemberRequest, pk: int | None = None) -> HttpResponse:
    member = request.member
    centre_id = queries.centre_of(member)
    module = queries.access_centre_module(member, pk) if pk else Module(centre_id=centre_id)
    form = ModuleForm(request.POST or None, instance=module, centre_id=centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_module(
                member=member, module=form.apply(), prerequisites=form.cleaned_data["prerequisites"]
            )
        except PrerequisiteCycle as error:
            # next to the prerequisites, where it is fixed; the summary on top points to it
            form.add_error("prerequisites", str(error))
        except CatalogueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Das Modul ist gespeichert."))
            return redirect("learning:manage")
    heading = _("Modul bearbeiten") if pk else _("Neues Modul")
    context = {
        "form": form,
        "heading": heading,
        "subject": member.context_name,
        "cancel_url": reverse("learning:manage"),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/catalogue/module_edit.html", context, status=status)


@requires(Capability.MANAGE_CATALOGUE)
def offer_edit(request: MemberRequest, module_pk: int, pk: int | None = None) -> HttpResponse:
    member = request.member
    module = queries.access_centre_module(member, module_pk)
    offer = queries.access_centre_offer(member, pk) if pk else Offer(module=module)
    if offer.module_id != module.pk:
        raise Http404
    form = OfferForm(request.POST or None, instance=offer, centre_id=module.centre_id)
    if request.method == "POST" and form.is_valid():
        try:
            actions.save_offer(
                member=member,
                offer=form.apply(module),
                sessions=form.cleaned_data["sessions"],
                base_url=base_url(request),
            )
        except CatalogueError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Der Termin ist gespeichert."))
            return redirect("learning:manage")
    heading = _("Termin bearbeiten") if pk else _("Neuer Termin")
    return _edit_page(request, form, heading, subject=module.title)


def _edit_page(request: MemberRequest, form: Any, heading: str, *, subject: str) -> HttpResponse:
    context = {
        "form": form,
        "heading": heading,
        "subject": subject,
        "cancel_url": reverse("learning:manage"),
    }
    return render(request, "learning/catalogue/edit.html", context)


@requires(Capability.MANAGE_CATALOGUE)
@require_POST
def offer_capacity(request: MemberRequest, pk: int) -> HttpResponse:
    offer = queries.access_centre_offer(request.member, pk)
    form = CapacityForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Bitte geben Sie eine Zahl von Plätzen ab 1 an."))
        return redirect("learning:course", pk=offer.pk)
    try:
        actions.set_capacity(
            member=request.member,
            offer=offer,
            capacity=form.cleaned_data["capacity"],
            base_url=base_url(request),
        )
    except CatalogueError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("Die Zahl der Plätze ist geändert."))
    return redirect("learning:course", pk=offer.pk)


@requires(Capability.RUN_COURSES)
def courses(request: MemberRequest) -> HttpResponse:
    offers = [(o, place_label(o)) for o in queries.centre_offers(request.member)]
    return render(request, "learning/catalogue/courses.html", {"offers": offers})


@requires(Capability.RUN_COURSES)
def course(request: MemberRequest, pk: int) -> HttpResponse:
    offer = queries.access_centre_offer(request.member, pk)
    registrations = list(queries.course_registrations(offer))
    context = {
        "offer": offer,
        "place": place_label(offer),
        "sessions": offer.sessions.all(),
        "registrations": registrations,
        "assessments": course_assessments(offer, registrations),  # also sets r.assessment
        "state": offer_state(offer, None, learns=False),
        "capacity_form": CapacityForm(initial={"capacity": offer.capacity}),
        "manages": str(Capability.MANAGE_CATALOGUE) in request.capabilities,
    }
    return render(request, "learning/catalogue/course.html", context)


@requires(Capability.RUN_COURSES)
@require_POST
def attendance(request: MemberRequest, pk: int, verdict: str) -> HttpResponse:
    registration = queries.access_course_registration(request.member, pk)
    act = {"teilgenommen": actions.confirm_attendance, "nicht-erschienen": actions.record_no_show}
    if verdict not in act:
        raise Http404
    try:
        act[verdict](member=request.member, registration=registration)
    except CatalogueError as error:
        messages.error(request, str(error))
    return redirect("learning:course", pk=registration.offer_id)


@requires(Capability.RUN_COURSES)
def attendance_export(request: MemberRequest, pk: int, fmt: str) -> HttpResponse:
    offer = queries.access_centre_offer(request.member, pk)
    stem = f"anwesenheit-{offer.module.key}-{offer.pk}"
    if fmt == "xlsx":
        return download_response(attendance_table(offer), "xlsx", stem)
    if fmt == "pdf":
        context = {
            "offer": offer,
            "place": place_label(offer),
            "sessions": offer.sessions.all(),
            "registrations": queries.course_registrations(offer),
            "printed_at": timezone.now(),
        }
        return pdf_response("learning/catalogue/attendance_pdf.html", context, f"{stem}.pdf")
    raise Http404


@requires(Capability.VIEW_LEARNING_DEMAND)
def demand(request: MemberRequest) -> HttpResponse:
    context = {"rows": demand_rows(request.member), "gaps": gap_rows(request.member)}
    return render(request, "learning/catalogue/demand.html", context)

"""The public catalogue, module and offer pages, registering and cancelling, "Meine
Anmeldungen", the lead's view of their staff's courses, and a centre's public calendar feed."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import public, request_capabilities, requires
from zukunftszentrum.organisations.middleware import AnyMemberRequest, MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..catalogue import actions, queries
from ..catalogue.exceptions import CatalogueError
from ..catalogue.forms import CatalogueFilterForm
from ..catalogue.ical import calendar
from ..catalogue.pages import module_page, offer_events, offer_state, place_label
from ..models import RegistrationStatus

PAGE_SIZE = 20


def base_url(request: AnyMemberRequest) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@public
def catalogue(request: AnyMemberRequest) -> HttpResponse:
    form = CatalogueFilterForm(request.GET or None)
    modules = queries.with_next_start(queries.catalogue_modules(form.filter()))
    page = Paginator(modules, PAGE_SIZE).get_page(request.GET.get("seite"))
    query = request.GET.copy()
    query.pop("seite", None)
    return render(
        request,
        "learning/catalogue/catalogue.html",
        {"form": form, "page": page, "query": query.urlencode()},
    )


@public
def module_detail(request: AnyMemberRequest, pk: int) -> HttpResponse:
    module = queries.access_public_module(pk)
    return render(request, "learning/catalogue/module.html", module_page(module))


@public
def offer_detail(request: AnyMemberRequest, pk: int) -> HttpResponse:
    offer = queries.access_public_offer(pk)
    learns = str(Capability.LEARN) in request_capabilities(request)
    viewer = request.user if request.user.is_authenticated else None
    context = {
        "offer": offer,
        "module": offer.module,
        "sessions": offer.sessions.all(),
        "place": place_label(offer),
        "state": offer_state(offer, viewer, learns=learns),  # type: ignore[arg-type]
        "learns": learns,
    }
    return render(request, "learning/catalogue/offer.html", context)


@requires(Capability.LEARN)
@require_POST
def register(request: MemberRequest, pk: int) -> HttpResponse:
    offer = queries.access_public_offer(pk)
    try:
        outcome = actions.register(member=request.member, offer=offer, base_url=base_url(request))
    except CatalogueError as error:
        messages.error(request, str(error))
        return redirect("learning:offer", pk=offer.pk)
    registration = outcome.registration
    if not outcome.changed:
        messages.info(request, _("Sie sind für diesen Termin bereits vorgemerkt."))
    elif registration.status == RegistrationStatus.REGISTERED:
        messages.success(request, _("Sie sind angemeldet. Die Bestätigung kommt per E-Mail."))
    else:
        messages.success(
            request,
            _("Der Termin ist ausgebucht. Sie stehen auf Platz %(position)s der Warteliste.")
            % {"position": registration.position},
        )
    return redirect("learning:offer", pk=offer.pk)


@requires(Capability.LEARN)
@require_POST
def cancel(request: MemberRequest, pk: int) -> HttpResponse:
    registration = queries.access_own_registration(request.member, pk)
    try:
        outcome = actions.cancel(
            member=request.member, registration=registration, base_url=base_url(request)
        )
    except CatalogueError as error:
        messages.error(request, str(error))
    else:
        if outcome.changed:
            messages.success(request, _("Ihre Anmeldung ist zurückgezogen."))
    return redirect("learning:my_registrations")


@requires(Capability.LEARN)
def my_registrations(request: MemberRequest) -> HttpResponse:
    registrations = [
        (r, place_label(r.offer)) for r in queries.registrations_of(request.member.user)
    ]
    return render(
        request, "learning/catalogue/my_registrations.html", {"registrations": registrations}
    )


@requires(Capability.PLAN_TEAM_LEARNING)
def staff_courses(request: MemberRequest) -> HttpResponse:
    rows = [(r, place_label(r.offer)) for r in queries.staff_attendance(request.member)]
    return render(request, "learning/catalogue/staff_courses.html", {"rows": rows})


@public
def centre_calendar(request: AnyMemberRequest, slug: str) -> HttpResponse:
    """The centre's published offers as an iCalendar feed: dates and places, no people."""
    centre = queries.access_public_centre(slug)
    offers = queries.public_offers().filter(module__centre=centre).select_related("module", "land")
    events = [
        event
        for offer in offers.prefetch_related("sessions")
        for event in offer_events(
            offer, url=request.build_absolute_uri(reverse("learning:offer", args=[offer.pk]))
        )
    ]
    text = calendar(events, stamp=timezone.now(), name=centre.name)
    response = HttpResponse(text, content_type="text/calendar; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{centre.slug}.ics"'
    return response

"""Reads of the catalogue. Public reads show only published modules and their open or closed
offers; every other read takes the viewer first, and one `access_<thing>(member, id)` per
object answers 404 for missing and not-yours alike."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection
from django.db.models import Exists, Min, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from zukunftszentrum.organisations.models import Centre, Membership, User
from zukunftszentrum.organisations.roles import Scope, scope_of

from ..models import Module, Offer, OfferStatus, Registration, RegistrationStatus, Session
from ..models.catalogue import SEAT_STATUSES

PUBLIC_OFFER_STATUSES = (OfferStatus.OPEN, OfferStatus.CLOSED)


@dataclass(frozen=True)
class CatalogueFilter:
    text: str = ""
    land: str = ""  # a Land code; offers there or online
    format: str = ""
    month: date | None = None  # the first day of a month
    competence: str = ""


def public_offers() -> QuerySet[Offer]:
    """Offers anyone may see: of published modules, open or closed for registration."""
    return Offer.objects.filter(module__published=True, status__in=PUBLIC_OFFER_STATUSES)


def upcoming(offers: QuerySet[Offer]) -> QuerySet[Offer]:
    """Offers whose last session has not ended, soonest first."""
    return (
        offers.annotate(first=Min("sessions__starts_at"))
        .filter(sessions__ends_at__gte=timezone.now())
        .distinct()
        .order_by("first", "pk")
    )


def _offer_filter(offers: QuerySet[Offer], f: CatalogueFilter) -> QuerySet[Offer]:
    if f.land:
        offers = offers.filter(Q(land_id=f.land) | Q(online=True))
    if f.month:
        offers = offers.filter(
            sessions__starts_at__year=f.month.year, sessions__starts_at__month=f.month.month
        )
    return offers


def search(modules: QuerySet[Module], text: str) -> QuerySet[Module]:
    """German full-text search on PostgreSQL (stemming: "Datenschutzes" finds "Datenschutz");
    elsewhere every word must appear in title or summary."""
    if not text.strip():
        return modules
    if connection.vendor == "postgresql":
        vector = SearchVector("title", weight="A", config="german") + SearchVector(
            "summary", weight="B", config="german"
        )
        query = SearchQuery(text, config="german", search_type="websearch")
        return (
            modules.annotate(rank=SearchRank(vector, query))
            .filter(rank__gt=0)
            .order_by("-rank", "title")
        )
    for word in text.split():
        modules = modules.filter(Q(title__icontains=word) | Q(summary__icontains=word))
    return modules


def catalogue_modules(f: CatalogueFilter) -> QuerySet[Module]:
    """Published modules matching the filter; Land and month ask for a matching upcoming offer."""
    modules = Module.objects.filter(published=True).select_related("centre")
    if f.format:
        modules = modules.filter(format=f.format)
    if f.competence:
        modules = modules.filter(competences__has_key=f.competence)
    if f.land or f.month:
        offers = _offer_filter(upcoming(public_offers()), f)
        modules = modules.filter(Exists(offers.filter(module=OuterRef("pk"))))
    return search(modules, f.text)


def with_next_start(modules: QuerySet[Module]) -> QuerySet[Module]:
    """Modules annotated with `next_start`: the first session of their next public offer."""
    starts = (
        Session.objects.filter(
            offer__module=OuterRef("pk"),
            offer__module__published=True,
            offer__status__in=PUBLIC_OFFER_STATUSES,
            starts_at__gte=timezone.now(),
        )
        .order_by("starts_at")
        .values("starts_at")[:1]
    )
    return modules.annotate(next_start=Subquery(starts))


def catalogue_offers(f: CatalogueFilter) -> QuerySet[Offer]:
    """Upcoming public offers matching the filter (the API's list)."""
    modules = catalogue_modules(CatalogueFilter(text=f.text, format=f.format,
                                                competence=f.competence))  # fmt: skip
    offers = upcoming(public_offers()).filter(module__in=modules.values("pk"))
    return _offer_filter(offers, f).select_related("module__centre", "land")


def access_public_module(module_id: int) -> Module:
    module = Module.objects.filter(pk=module_id, published=True).select_related("centre").first()
    if module is None:
        raise Http404
    return module


def access_public_offer(offer_id: int) -> Offer:
    offer = public_offers().filter(pk=offer_id).select_related("module__centre", "land").first()
    if offer is None:
        raise Http404
    return offer


def access_public_centre(slug: str) -> Centre:
    centre = Centre.objects.filter(slug=slug).first()
    if centre is None:
        raise Http404
    return centre


def seats_taken(offer: Offer) -> int:
    return offer.registrations.filter(status__in=SEAT_STATUSES).count()


def active_registration(user: User, offer: Offer) -> Registration | None:
    return (
        offer.registrations.exclude(status=RegistrationStatus.CANCELLED).filter(user=user).first()
    )


def registrations_of(user: User) -> QuerySet[Registration]:
    """A person's own registrations, newest offers first."""
    return (
        Registration.objects.filter(user=user)
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("offer__module__centre", "offer__land")
        .annotate(first=Min("offer__sessions__starts_at"))
        .order_by("-first", "-pk")
    )


def next_registrations_of(user: User) -> QuerySet[Registration]:
    """A person's registrations and waitlist places for offers still to come, soonest first."""
    return (
        Registration.objects.filter(
            user=user, status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.WAITLISTED)
        )
        .select_related("offer__module")
        .annotate(first=Min("offer__sessions__starts_at"))
        .filter(first__gte=timezone.now())
        .order_by("first", "pk")
    )


def access_own_registration(member: Membership, registration_id: int) -> Registration:
    registration = (
        Registration.objects.filter(pk=registration_id, user=member.user)
        .select_related("offer__module")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


# --- the centre's side --------------------------------------------------------------------
def centre_of(member: Membership) -> int:
    """The member's centre; a role without one sees no centre's objects (404, not 403: the
    capability may be there, the object is simply not theirs)."""
    if member.centre_id is None:
        raise Http404
    return member.centre_id


def centre_modules(member: Membership) -> QuerySet[Module]:
    return Module.objects.filter(centre_id=centre_of(member)).prefetch_related("offers")


def demand_modules(member: Membership) -> QuerySet[Module]:
    """Whose demand the viewer reads: their centre's modules; the network's without a centre."""
    if member.centre_id is None and scope_of(member.role) is Scope.NETWORK:
        return Module.objects.all()
    return Module.objects.filter(centre_id=centre_of(member))


def centre_offers(member: Membership) -> QuerySet[Offer]:
    return (
        Offer.objects.filter(module__centre_id=centre_of(member))
        .select_related("module", "land", "trainer__user")
        .annotate(first=Min("sessions__starts_at"))
        .order_by("-first", "-pk")
    )


def courses_of_trainer(member: Membership) -> QuerySet[Offer]:
    """The trainer's offers that began at most a week ago or are still to come."""
    return (
        Offer.objects.filter(module__centre_id=centre_of(member), trainer=member)
        .select_related("module")
        .annotate(first=Min("sessions__starts_at"))
        .filter(first__gte=timezone.now() - timedelta(days=7))
        .order_by("first", "pk")
    )


def access_centre_module(member: Membership, module_id: int) -> Module:
    module = centre_modules(member).filter(pk=module_id).first()
    if module is None:
        raise Http404
    return module


def access_centre_offer(member: Membership, offer_id: int) -> Offer:
    offer = centre_offers(member).filter(pk=offer_id).first()
    if offer is None:
        raise Http404
    return offer


def access_course_registration(member: Membership, registration_id: int) -> Registration:
    registration = (
        Registration.objects.filter(pk=registration_id, offer__module__centre_id=centre_of(member))
        .select_related("offer__module", "user")
        .first()
    )
    if registration is None:
        raise Http404
    return registration


def course_registrations(offer: Offer) -> QuerySet[Registration]:
    return (
        offer.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user", "organisation")
        .order_by("status", "position", "user__full_name")
    )


def centre_trainers(centre_id: int) -> QuerySet[Membership]:
    """The centre's trainers (the choice of trainer for an offer)."""
    return Membership.objects.filter(
        centre_id=centre_id, role="trainer", ended_at__isnull=True
    ).select_related("user")


# --- the company's side -------------------------------------------------------------------
def staff_attendance(member: Membership) -> QuerySet[Registration]:
    """Which of the organisation's current staff hold a seat in which offer (work time)."""
    if member.organisation_id is None:
        return Registration.objects.none()
    staff = Membership.objects.filter(
        organisation_id=member.organisation_id, ended_at__isnull=True
    ).values("user_id")
    return (
        Registration.objects.filter(
            organisation_id=member.organisation_id,
            user_id__in=staff,
            status__in=(RegistrationStatus.REGISTERED, RegistrationStatus.ATTENDED),
        )
        .select_related("user", "offer__module", "offer__land")
        .annotate(first=Min("offer__sessions__starts_at"))
        .order_by("-first", "user__full_name")
    )

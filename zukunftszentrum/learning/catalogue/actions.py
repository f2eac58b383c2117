"""Writes of the catalogue: registering, cancelling, the waitlist, capacity, attendance, and
saving modules and offers. Keyword-only, atomic; each checks capability and tenant itself.

Seats are decided with the offer's row locked (select_for_update), so two people clicking for
the last seat at once get one seat and one waitlist place, and a double click or a second tab
finds the registration already there and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.models import Membership
from zukunftszentrum.organisations.roles import Capability, Role, has_capability

from ..audit_actions import CatalogueAction
from ..models import Module, Offer, OfferStatus, Registration, RegistrationStatus, Session
from ..models.catalogue import SEAT_STATUSES
from ..signals import attendance_confirmed
from . import emails, rules
from .exceptions import (
    CapacityTooLow,
    InvalidLevels,
    NotAllowed,
    PrerequisiteCycle,
    RegistrationClosed,
)

Status = RegistrationStatus


def _require(member: Membership, capability: Capability) -> None:
    if not has_capability(member.role, capability):
        raise NotAllowed(_("Dafür fehlt Ihrer Rolle die Berechtigung."))


def _require_centre(member: Membership, capability: Capability, centre_id: int) -> None:
    _require(member, capability)
    if member.centre_id != centre_id:
        raise NotAllowed(_("Das gehört zu einem anderen Zentrum."))


def _locked(offer: Offer) -> Offer:
    return Offer.objects.select_for_update().select_related("module").get(pk=offer.pk)


def _taken(offer: Offer) -> int:
    return offer.registrations.filter(status__in=SEAT_STATUSES).count()


# --- registration -------------------------------------------------------------------------
@dataclass(frozen=True)
class Outcome:
    registration: Registration
    changed: bool  # False: it was already so (a double click, a second tab)


@transaction.atomic
def register(*, member: Membership, offer: Offer, base_url: str = "") -> Outcome:
    """Register the member's person for the offer, or put them on its waitlist when it is full."""
    _require(member, Capability.LEARN)
    offer = _locked(offer)
    existing = offer.registrations.exclude(status=Status.CANCELLED).filter(user=member.user).first()
    if existing is not None:
        return Outcome(existing, changed=False)
    if offer.status != OfferStatus.OPEN or not offer.module.published:
        raise RegistrationClosed(_("Für diesen Termin ist keine Anmeldung möglich."))
    registration = Registration(offer=offer, user=member.user, organisation=member.organisation)
    if rules.free_seats(offer.capacity, _taken(offer)) > 0:
        registration.status = Status.REGISTERED
    else:
        registration.status = Status.WAITLISTED
        registration.position = _next_position(offer)
    registration.save()
    if registration.status == Status.REGISTERED:
        emails.send_confirmation(registration, base_url=base_url)
    else:
        emails.send_waitlisted(registration, base_url=base_url)
    return Outcome(registration, changed=True)


def _next_position(offer: Offer) -> int:
    waiting = offer.registrations.filter(status=Status.WAITLISTED)
    return rules.next_position(p for p in waiting.values_list("position", flat=True) if p)


@transaction.atomic
def cancel(*, member: Membership, registration: Registration, base_url: str = "") -> Outcome:
    """Cancel one's own registration or waitlist place; a freed seat goes to the waitlist."""
    if registration.user_id != member.user_id:
        raise NotAllowed(_("Sie können nur Ihre eigene Anmeldung zurückziehen."))
    offer = _locked(registration.offer)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Status.CANCELLED:
        return Outcome(registration, changed=False)
    if registration.status not in (Status.REGISTERED, Status.WAITLISTED):
        raise NotAllowed(_("Nach dem Kurs kann die Anmeldung nicht mehr zurückgezogen werden."))
    registration.status, registration.position = Status.CANCELLED, None
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "position", "cancelled_at", "updated_at"])
    emails.send_cancelled(registration, base_url=base_url)
    fill_from_waitlist(offer, base_url=base_url)
    return Outcome(registration, changed=True)


def fill_from_waitlist(offer: Offer, *, base_url: str = "") -> list[Registration]:
    """Move people up from the waitlist into free seats (call with the offer locked)."""
    if offer.status not in (OfferStatus.OPEN, OfferStatus.CLOSED):
        return []
    waiting = list(offer.registrations.filter(status=Status.WAITLISTED))
    entries = [rules.WaitlistEntry(r.pk, r.position or 0, r.created_at) for r in waiting]
    chosen = rules.move_up_order(entries, rules.free_seats(offer.capacity, _taken(offer)))
    by_id = {r.pk: r for r in waiting}
    moved = []
    for pk in chosen:
        registration = by_id[pk]
        registration.status, registration.position = Status.REGISTERED, None
        registration.save(update_fields=["status", "position", "updated_at"])
        emails.send_moved_up(registration, base_url=base_url)
        moved.append(registration)
    return moved


# --- the centre's side --------------------------------------------------------------------
@transaction.atomic
def set_capacity(*, member: Membership, offer: Offer, capacity: int, base_url: str = "") -> Offer:
    """Change an offer's seats; fewer than the people holding a seat is refused."""
    _require_centre(member, Capability.MANAGE_CATALOGUE, offer.module.centre_id)
    offer = _locked(offer)
    taken = _taken(offer)
    smallest = rules.capacity_refusal(capacity, taken)
    if smallest is not None:
        raise CapacityTooLow(
            _(
                "%(taken)s Personen haben einen Platz. Sie können die Plätze auf mindestens "
                "%(smallest)s senken; für weniger sagen Sie zuerst Anmeldungen ab."
            )
            % {"taken": taken, "smallest": smallest}
        )
    before, offer.capacity = offer.capacity, capacity
    offer.save(update_fields=["capacity"])
    record_event(
        CatalogueAction.OFFER_CAPACITY_CHANGED,
        actor=member.user,
        centre_id=offer.module.centre_id,
        summary=f"{offer.module.title}: {before} -> {capacity}",
        offer=offer.pk,
    )
    fill_from_waitlist(offer, base_url=base_url)
    return offer


def _course_of(member: Membership, registration: Registration) -> Registration:
    _require_centre(member, Capability.RUN_COURSES, registration.offer.module.centre_id)
    return (
        Registration.objects.select_for_update()
        .select_related("offer__module")
        .get(pk=registration.pk)
    )


@transaction.atomic
def confirm_attendance(*, member: Membership, registration: Registration) -> Outcome:
    """The trainer confirms that the person attended; the evidence log hears of it."""
    registration = _course_of(member, registration)
    if registration.status == Status.ATTENDED:
        return Outcome(registration, changed=False)
    if registration.status not in (Status.REGISTERED, Status.NO_SHOW):
        raise NotAllowed(_("Nur angemeldete Personen können teilgenommen haben."))
    registration.status = Status.ATTENDED
    registration.attendance_confirmed_at = timezone.now()
    registration.save(update_fields=["status", "attendance_confirmed_at", "updated_at"])
    offer = registration.offer
    record_event(
        CatalogueAction.ATTENDANCE_CONFIRMED,
        actor=member.user,
        centre_id=offer.module.centre_id,
        summary=offer.module.title,
        registration=registration.pk,
    )
    # After the commit: a listener that fails must not undo the confirmation.
    transaction.on_commit(
        lambda: attendance_confirmed.send(
            sender=Offer,
            user=registration.user,
            offer=offer,
            competences=dict(offer.module.competences),
            confirmed_by=member.user,
        )
    )
    return Outcome(registration, changed=True)


@transaction.atomic
def record_no_show(*, member: Membership, registration: Registration) -> Outcome:
    """The trainer notes that a registered person did not come."""
    registration = _course_of(member, registration)
    if registration.status == Status.NO_SHOW:
        return Outcome(registration, changed=False)
    if registration.status not in (Status.REGISTERED, Status.ATTENDED):
        raise NotAllowed(_("Nur angemeldete Personen können als nicht erschienen gelten."))
    registration.status, registration.attendance_confirmed_at = Status.NO_SHOW, None
    registration.save(update_fields=["status", "attendance_confirmed_at", "updated_at"])
    record_event(
        CatalogueAction.NO_SHOW_RECORDED,
        actor=member.user,
        centre_id=registration.offer.module.centre_id,
        summary=registration.offer.module.title,
        registration=registration.pk,
    )
    return Outcome(registration, changed=True)


def _calendar_state(offer: Offer) -> tuple[str, list[tuple[Any, Any]], str] | None:
    """What a participant's calendar holds of an offer: status, dates, place (None: new)."""
    if offer.pk is None:
        return None
    stored = Offer.objects.select_related("land").get(pk=offer.pk)
    dates = list(stored.sessions.values_list("starts_at", "ends_at"))
    return stored.status, dates, f"{stored.online}{stored.land_id}{stored.venue}{stored.kreis_ags}"


def _tell_participants(offer: Offer, before: Any, *, base_url: str) -> None:
    """An offer called off or moved: everyone registered or waiting gets the news and an
    updated calendar entry (same UID, higher SEQUENCE)."""
    after = _calendar_state(offer)
    if before is None or after == before or before[0] == OfferStatus.CANCELLED:
        return
    cancelled = offer.status == OfferStatus.CANCELLED
    waiting = offer.registrations.filter(status__in=(Status.REGISTERED, Status.WAITLISTED))
    for registration in waiting.select_related("user"):
        if cancelled:
            emails.send_offer_cancelled(registration, base_url=base_url)
        else:
            emails.send_offer_changed(registration, base_url=base_url)


# --- modules and offers -------------------------------------------------------------------
def _check_levels(levels: Mapping[str, Any]) -> None:
    errors = rules.level_errors(levels)
    if errors:
        raise InvalidLevels(
            _("Ungültige Kompetenzstufen: %(errors)s") % {"errors": "; ".join(errors)}
        )


def _check_cycle(module: Module, prerequisites: Iterable[Module]) -> None:
    graph: dict[str, set[str]] = {}
    for pk, required in Module.prerequisite_modules.through.objects.values_list(
        "from_module_id", "to_module_id"
    ):
        graph.setdefault(str(pk), set()).add(str(required))
    needs = [str(m.pk) for m in prerequisites]
    cycle = rules.find_cycle(rules.with_edges(graph, str(module.pk), needs))
    if cycle is not None:
        titles = dict(Module.objects.filter(pk__in=cycle).values_list("pk", "title"))
        path = " → ".join(titles[int(pk)] for pk in cycle)
        raise PrerequisiteCycle(
            _("Diese Voraussetzungen ergäben einen Kreis: %(path)s") % {"path": path}
        )


@transaction.atomic
def save_module(
    *,
    member: Membership,
    module: Module,
    prerequisites: Iterable[Module] = (),
) -> Module:
    """Create or update a module of the member's centre, refusing a prerequisite cycle."""
    if module.pk is None:
        module.centre_id = member.centre_id
    _require_centre(member, Capability.MANAGE_CATALOGUE, module.centre_id)
    _check_levels(module.competences)
    _check_levels(module.prerequisite_levels)
    prerequisites = list(prerequisites)
    module.save()
    _check_cycle(module, prerequisites)  # raising rolls the save back
    module.prerequisite_modules.set(prerequisites)
    record_event(
        CatalogueAction.MODULE_SAVED,
        actor=member.user,
        centre_id=module.centre_id,
        summary=module.title,
        module=module.pk,
    )
    return module


@transaction.atomic
def save_offer(
    *,
    member: Membership,
    offer: Offer,
    sessions: Iterable[tuple[Any, Any]] | None = None,
    base_url: str = "",
) -> Offer:
    """Create or update an offer of the member's centre; `sessions` replaces its dates."""
    _require_centre(member, Capability.MANAGE_CATALOGUE, offer.module.centre_id)
    if offer.trainer_id is not None:
        trainer = Membership.objects.filter(pk=offer.trainer_id).first()
        if (
            trainer is None
            or trainer.centre_id != offer.module.centre_id
            or trainer.role != Role.TRAINER
            or not trainer.is_active
        ):
            raise NotAllowed(_("Wählen Sie eine Trainerin oder einen Trainer Ihres Zentrums."))
    if offer.pk is not None:
        taken = _taken(_locked(offer))
        smallest = rules.capacity_refusal(offer.capacity, taken)
        if smallest is not None:
            raise CapacityTooLow(
                _("%(taken)s Personen haben einen Platz; es braucht mindestens %(smallest)s.")
                % {"taken": taken, "smallest": smallest}
            )
        offer.sequence += 1
    before = _calendar_state(offer)
    offer.save()
    if sessions is not None:
        offer.sessions.all().delete()
        Session.objects.bulk_create(
            Session(offer=offer, starts_at=start, ends_at=end) for start, end in sessions
        )
    _tell_participants(offer, before, base_url=base_url)
    record_event(
        CatalogueAction.OFFER_SAVED,
        actor=member.user,
        centre_id=offer.module.centre_id,
        summary=offer.module.title,
        offer=offer.pk,
    )
    fill_from_waitlist(_locked(offer), base_url=base_url)
    return offer

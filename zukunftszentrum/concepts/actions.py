"""Writes of the concept designer. Keyword-only, atomic; each checks the rule itself.

Every change to a scenario counts its `version` up. A form sends the version it was drawn from:
when it is older (the scenario was changed in another tab meanwhile), the change is still saved
(the later save wins) and the caller is told, so the page can say so.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.learning.catalogue.actions import save_offer
from zukunftszentrum.learning.models import Module, Offer, OfferStatus
from zukunftszentrum.organisations.models import Land, Membership

from . import rules, solving
from .audit_actions import ConceptAction
from .inputs import ONLINE, months_of, resources_of, snapshot
from .models import PENDING, Place, Resources, Scenario, ScenarioItem


class ConceptError(Exception):
    """A refused step the page shows as a message."""


class NotAllowed(ConceptError):
    """A rule refused: the view answers 403."""


@dataclass(frozen=True)
class Saved:
    scenario: Scenario
    conflict: bool  # the form was older than the stored scenario: this save replaced a later one


def _bump(member: Membership, scenario: Scenario, version: int | None) -> Saved:
    """Lock the scenario, check the rule, count the version up; `conflict` when the form's
    version is older than the stored one."""
    locked = Scenario.objects.select_for_update().select_related("centre").get(pk=scenario.pk)
    answer = rules.may_edit(member, locked)
    if not answer:
        # A solve under way is a moment to wait, not a refusal of the role: a message, no 403.
        waiting = locked.status in PENDING and member.centre_id == locked.centre_id
        raise (ConceptError if waiting and rules.may_plan(member) else NotAllowed)(answer.reason)
    conflict = version is not None and version != locked.version
    locked.version = F("version") + 1
    locked.save(update_fields=["version", "updated_at"])
    locked.refresh_from_db()
    return Saved(locked, conflict)


# --- resources and places -----------------------------------------------------------------
@transaction.atomic
def save_resources(*, member: Membership, values: dict[str, Any]) -> Resources:
    rules.may_plan(member).enforce(NotAllowed)
    resources = resources_of(member.centre)  # type: ignore[arg-type]
    for name, value in values.items():
        setattr(resources, name, value)
    resources.save()
    record_event(
        ConceptAction.RESOURCES_SAVED, actor=member.user, centre_id=member.centre_id, summary=""
    )
    return resources


@transaction.atomic
def add_place(*, member: Membership, place: Place) -> Place:
    rules.may_plan(member).enforce(NotAllowed)
    place.centre = member.centre  # type: ignore[assignment]
    if not member.centre.lands.filter(pk=place.land_id).exists():  # type: ignore[union-attr]
        raise ConceptError(_("Der Ort muss in einem Land Ihres Zentrums liegen."))
    try:
        with transaction.atomic():
            place.save()
    except IntegrityError:
        raise ConceptError(_("Einen Ort mit diesem Namen gibt es schon.")) from None
    record_event(
        ConceptAction.RESOURCES_SAVED,
        actor=member.user,
        centre_id=member.centre_id,
        summary=place.name,
    )
    return place


@transaction.atomic
def remove_place(*, member: Membership, place: Place) -> None:
    rules.may_plan(member).enforce(NotAllowed)
    if place.centre_id != member.centre_id:
        raise NotAllowed(_("Der Ort gehört zu einem anderen Zentrum."))
    place.delete()


# --- scenarios ----------------------------------------------------------------------------
@transaction.atomic
def create_scenario(
    *,
    member: Membership,
    name: str,
    first_month: str,
    months: int,
    extra_trainer_days: float = 0,
    based_on: Scenario | None = None,
) -> Scenario:
    """A new scenario with the centre's resources as they are now (or a copy of another
    scenario's, with its locked, removed and added items); `extra_trainer_days` adds that
    many days per month to every trainer area (the "one more trainer" question)."""
    rules.may_plan(member).enforce(NotAllowed)
    centre = member.centre
    assert centre is not None
    if Scenario.objects.filter(centre=centre, name=name).exists():
        raise ConceptError(_("Ein Szenario mit diesem Namen gibt es schon."))
    resources = dict(based_on.resources) if based_on is not None else snapshot(centre)
    if extra_trainer_days:
        resources["trainer_days"] = {
            area: float(days) + extra_trainer_days
            for area, days in (resources.get("trainer_days") or {}).items()
        }
    scenario = Scenario.objects.create(
        centre=centre,
        name=name,
        first_month=first_month,
        months=months,
        resources=resources,
        created_by=member.user,
    )
    if based_on is not None:
        for item in based_on.items.filter(offer_ids=[]).exclude(fixed=False, removed=False):
            item.pk = None
            item.scenario = scenario
            item.save()
    record_event(
        ConceptAction.SCENARIO_CREATED, actor=member.user, centre_id=centre.pk, summary=name
    )
    return scenario


@transaction.atomic
def change_scenario(
    *, member: Membership, scenario: Scenario, version: int | None, values: dict[str, Any]
) -> Saved:
    """Rename, change the period or the scenario's own resources (trainer days, budget)."""
    saved = _bump(member, scenario, version)
    target = saved.scenario
    renamed = "name" in values and values["name"] != target.name
    if renamed and Scenario.objects.filter(centre=target.centre, name=values["name"]).exists():
        raise ConceptError(_("Ein Szenario mit diesem Namen gibt es schon."))
    resources = dict(target.resources)
    for name, value in values.items():
        if name in ("name", "first_month", "months"):
            setattr(target, name, value)
        else:
            resources[name] = value
    target.resources = resources
    target.save()
    record_event(
        ConceptAction.SCENARIO_CHANGED,
        actor=member.user,
        centre_id=target.centre_id,
        summary=target.name,
    )
    return saved


def solve(*, member: Membership, scenario: Scenario, version: int | None = None) -> bool:
    """Queue the scenario's solve; False when one is already queued or running, or when the
    form's version is spent (a double click, or a second tab, queues one run)."""
    with transaction.atomic():
        locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
        if locked.status in PENDING or (version is not None and version != locked.version):
            return False
        _bump(member, locked, version)
        record_event(
            ConceptAction.SCENARIO_SOLVED,
            actor=member.user,
            centre_id=locked.centre_id,
            summary=locked.name,
        )
    return solving.request(scenario)


@transaction.atomic
def delete_scenario(*, member: Membership, scenario: Scenario) -> None:
    saved = _bump(member, scenario, None)
    record_event(
        ConceptAction.SCENARIO_DELETED,
        actor=member.user,
        centre_id=scenario.centre_id,
        summary=scenario.name,
    )
    saved.scenario.delete()


# --- items --------------------------------------------------------------------------------
ITEM_CHANGES = {
    "lock": {"fixed": True, "removed": False},
    "unlock": {"fixed": False},
    "remove": {"removed": True, "fixed": False},
    "restore": {"removed": False},
}


@transaction.atomic
def change_item(
    *, member: Membership, item: ScenarioItem, change: str, version: int | None
) -> Saved:
    """Lock, unlock, remove or restore an item; the next solve plans around it."""
    if change not in ITEM_CHANGES:
        raise ConceptError(_("Unbekannte Änderung."))
    saved = _bump(member, item.scenario, version)
    if item.offer_ids:
        raise ConceptError(_("Diese Position ist schon als Angebotsentwurf veröffentlicht."))
    for name, value in ITEM_CHANGES[change].items():
        setattr(item, name, value)
    if change == "remove" and item.added:
        item.delete()
    else:
        item.save()
    return saved


@transaction.atomic
def add_item(
    *,
    member: Membership,
    scenario: Scenario,
    module: Module,
    place: str,
    month: str,
    sessions: int,
    version: int | None,
) -> Saved:
    """Add a module at a place in a month by hand: locked, so the next solve keeps it."""
    saved = _bump(member, scenario, version)
    target = saved.scenario
    if module.centre_id != target.centre_id:
        raise NotAllowed(_("Das Modul gehört zu einem anderen Zentrum."))
    places = {p["key"]: p for p in target.resources.get("places", [])}
    if place != ONLINE and place not in places:
        raise ConceptError(_("Diesen Ort kennt das Szenario nicht."))
    if month not in months_of(target.first_month, target.months):
        raise ConceptError(_("Der Monat liegt nicht im Zeitraum des Szenarios."))
    _item, _created = ScenarioItem.objects.update_or_create(
        scenario=target,
        option=f"m{module.pk}",
        place=place,
        month=month,
        defaults={
            "module_id": module.pk,
            "title": module.title,
            "format": module.format,
            "place_label": "online" if place == ONLINE else places[place]["name"],
            "land": "" if place == ONLINE else places[place]["land"],
            "sessions": sessions,
            "fixed": True,
            "removed": False,
            "added": True,
        },
    )
    return saved


# --- publishing ---------------------------------------------------------------------------
@transaction.atomic
def publish(*, member: Membership, scenario: Scenario) -> int:
    """Draft offers in the catalogue for every item not yet published, through the catalogue's
    own action; the trainers confirm them there. Publishing again creates nothing twice (each
    item remembers its offers). Returns the number of offers made now."""
    locked = Scenario.objects.select_for_update().get(pk=scenario.pk)
    rules.may_publish(member, locked).enforce(NotAllowed)
    snap = locked.resources
    places = {p["key"]: p for p in snap.get("places", [])}
    lands = {land.code: land for land in Land.objects.all()}
    modules = {m.pk: m for m in Module.objects.filter(centre_id=locked.centre_id)}
    made = 0
    for item in locked.items.select_for_update().filter(removed=False, offer_ids=[]):
        module = modules.get(item.module_id)
        if module is None:
            continue
        place = places.get(item.place)
        ids = []
        for start, end in _dates(item.month, item.sessions, float(module.duration_hours)):
            offer = Offer(
                module=module,
                online=place is None,
                land=lands[place["land"]] if place else None,
                kreis_name=(place or {}).get("kreis", "")[:80],
                venue=(place or {}).get("name", "")[:200],
                capacity=int(snap.get("max_participants", 12)),
                status=OfferStatus.DRAFT,
            )
            save_offer(member=member, offer=offer, sessions=[(start, end)])
            ids.append(offer.pk)
        item.offer_ids = ids
        item.save(update_fields=["offer_ids"])
        made += len(ids)
    locked.published_at = timezone.now()
    locked.save(update_fields=["published_at", "updated_at"])
    record_event(
        ConceptAction.SCENARIO_PUBLISHED,
        actor=member.user,
        centre_id=locked.centre_id,
        summary=locked.name,
        offers=made,
    )
    return made


def _dates(month: str, count: int, hours: float) -> list[tuple[datetime, datetime]]:
    """`count` dates in the month, a week apart from the first Tuesday (then Thursdays), at
    9:00, as long as the module lasts (a long module ends the same day at 17:00 at the latest;
    the trainers set the real dates when they confirm the draft)."""
    year, number = (int(part) for part in month.split("-"))
    days_in_month = calendar.monthrange(year, number)[1]
    first_tuesday = 1 + (1 - calendar.weekday(year, number, 1)) % 7
    days = [d for d in range(first_tuesday, days_in_month + 1, 7)]
    days += [d + 2 for d in days if d + 2 <= days_in_month]
    out = []
    for i in range(count):
        day = days[i % len(days)]
        start = timezone.make_aware(datetime.combine(datetime(year, number, day), time(9, 0)))
        out.append((start, start + timedelta(hours=min(hours, 8.0))))
    return out

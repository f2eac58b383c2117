"""Learning paths from the models: planner inputs for a person or a group, and stored plans.

The planner (`learning.planning`) is pure; this module feeds it. A person's current level is the
evidence log's (measured before self-rating, `evidence.levels_of`), their targets come from every
target source (`targets.targets_for`, reasons kept), the catalogue is every published module
with the open offers still to come and their free seats, and the window, hours, online/travel
choices and fixed or ruled-out modules are the person's `PathSettings`.

A plan is made on request only (the page's button, a changed setting, a fixed or excluded
module), stored as a `LearningPlan`, and the previous plan is marked superseded by it.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Max, Min, Q
from django.utils import timezone

from zukunftszentrum.organisations.models import Organisation

from .. import planning
from ..competence.evidence import import_self_ratings, levels_of
from ..competence.targets import Target, targets_for, targets_for_many
from ..models import (
    Evidence,
    LearningPlan,
    Module,
    Offer,
    OfferStatus,
    PathSettings,
    Registration,
    RegistrationStatus,
)
from ..models.catalogue import SEAT_STATUSES

DEFAULT_MONTHS = 12
DEFAULT_HOURS = Decimal(8)
PERSON_TIME_LIMIT = 10.0
TEAM_TIME_LIMIT = 60.0


# --- settings ------------------------------------------------------------------------------
def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def add_months(day: dt.date, months: int) -> dt.date:
    index = day.year * 12 + day.month - 1 + months
    return dt.date(index // 12, index % 12 + 1, 1)


def settings_of(user: Any) -> PathSettings:
    """The person's settings, or unsaved defaults (this month, twelve months, 8 hours)."""
    found = PathSettings.objects.filter(user=user).first()
    return found if found is not None else default_settings(user)


def default_settings(user: Any) -> PathSettings:
    start = first_of_month(timezone.localdate())
    return PathSettings(
        user=user, start=start, end=add_months(start, DEFAULT_MONTHS), monthly_hours=DEFAULT_HOURS
    )


def save_settings(*, user: Any, **values: Any) -> PathSettings:
    current = settings_of(user)
    for name, value in values.items():
        setattr(current, name, value)
    current.save()
    return current


def toggle_module(*, user: Any, module_id: int, what: str) -> PathSettings:
    """Fix ("lock"), rule out ("exclude") or free ("free") a module for the next plans."""
    current = settings_of(user)
    locked = [m for m in current.locked if m != module_id]
    excluded = [m for m in current.excluded if m != module_id]
    if what == "lock":
        locked.append(module_id)
    elif what == "exclude":
        excluded.append(module_id)
    current.locked, current.excluded = sorted(locked), sorted(excluded)
    current.save()
    return current


# --- the catalogue -------------------------------------------------------------------------
@dataclass(frozen=True)
class CatalogueData:
    catalogue: planning.Catalogue
    modules: dict[str, Module]


def _open_offers(now: dt.datetime) -> list[Offer]:
    return list(
        Offer.objects.filter(module__published=True, status=OfferStatus.OPEN)
        .annotate(
            first=Min("sessions__starts_at"),
            last=Max("sessions__ends_at"),
            taken=Count(
                "registrations",
                filter=Q(registrations__status__in=SEAT_STATUSES),
                distinct=True,
            ),
        )
        .filter(first__gte=now)
        .select_related("module")
    )


def load_catalogue(holders: Iterable[Any] = ()) -> CatalogueData:
    """Published modules and the open offers to come with their free seats. A seat that one of
    `holders` (users) already holds counts as free for the plan: it is theirs to keep."""
    modules = {
        str(m.pk): m
        for m in Module.objects.filter(published=True).prefetch_related("prerequisite_modules")
    }
    held: dict[int, int] = {}
    for offer_id in Registration.objects.filter(
        user__in=list(holders), status=RegistrationStatus.REGISTERED
    ).values_list("offer_id", flat=True):
        held[offer_id] = held.get(offer_id, 0) + 1
    offers = [
        planning.Offer(
            id=str(o.pk),
            module=str(o.module_id),
            first_date=timezone.localdate(o.first),  # type: ignore[attr-defined]
            last_date=timezone.localdate(o.last),  # type: ignore[attr-defined]
            free_seats=max(0, o.capacity - o.taken) + held.get(o.pk, 0),  # type: ignore[attr-defined]
            online=o.online,
            land=o.land_id or "",
            kreis=o.kreis_ags,
        )
        for o in _open_offers(timezone.now())
        if str(o.module_id) in modules
    ]
    planned = [
        planning.Module(
            id=key,
            reaches={c: int(v) for c, v in m.competences.items()},
            hours=float(m.duration_hours),
            cost=float(m.cost_eur),
            format=m.format,
            requires_modules=tuple(
                str(p.pk) for p in m.prerequisite_modules.all() if str(p.pk) in modules
            ),
            requires_levels={c: int(v) for c, v in m.prerequisite_levels.items()},
        )
        for key, m in modules.items()
    ]
    return CatalogueData(planning.Catalogue(planned, offers), modules)


# --- one person ----------------------------------------------------------------------------
# levels, targets, settings and completed modules of one person, read for a group at once
Read = tuple[dict[str, Any], dict[str, Target], PathSettings, frozenset[int]]


def completed_modules(user_ids: list[int]) -> dict[int, frozenset[int]]:
    """Per person the modules whose course they attended (confirmed by the trainer): done,
    so they meet other modules' prerequisites and are not planned again. One query."""
    found: dict[int, set[int]] = {pk: set() for pk in user_ids}
    for user_id, module_id in Registration.objects.filter(
        user__in=user_ids, status=RegistrationStatus.ATTENDED
    ).values_list("user_id", "offer__module_id"):
        found[user_id].add(module_id)
    return {pk: frozenset(ids) for pk, ids in found.items()}


@dataclass(frozen=True)
class PersonInputs:
    learner: planning.Learner
    targets: dict[str, Target]
    levels: dict[str, tuple[int, str]]  # competence -> (level, basis)


def person_inputs(
    user: Any,
    organisation: Organisation | None,
    catalogue: CatalogueData,
    *,
    read: Read | None = None,
) -> PersonInputs:
    """The planner's learner; `read` passes the levels, targets, settings and completed modules
    when they were read for a whole group at once (`group_reads`)."""
    if read is None:
        states, targets, chosen, done = (
            levels_of(user),
            targets_for(user, organisation),
            settings_of(user),
            completed_modules([user.pk])[user.pk],
        )
    else:
        states, targets, chosen, done = read
    known = catalogue.modules
    learner = planning.Learner(
        id=str(user.pk),
        current={c: s.level for c, s in states.items()},
        targets={c: t.level for c, t in targets.items()},
        start=chosen.start,
        end=chosen.end,
        monthly_hours=float(chosen.monthly_hours),
        land=(organisation.land_id or "") if organisation else "",
        kreis=organisation.kreis_ags if organisation else "",
        accepts_online=chosen.online,
        travels=chosen.travels,
        locked=frozenset(str(m) for m in chosen.locked if str(m) in known),
        excluded=frozenset(str(m) for m in chosen.excluded if str(m) in known),
        completed=frozenset(str(m) for m in done if str(m) in known),
    )
    levels = {c: (s.level, s.basis) for c, s in states.items()}
    return PersonInputs(learner, targets, levels)


def _summary(inputs: PersonInputs, catalogue: CatalogueData) -> dict[str, Any]:
    learner = inputs.learner
    return {
        "start": learner.start.isoformat(),
        "end": learner.end.isoformat(),
        "monthly_hours": learner.monthly_hours,
        "online": learner.accepts_online,
        "travels": learner.travels,
        "locked": sorted(int(m) for m in learner.locked),
        "excluded": sorted(int(m) for m in learner.excluded),
        "levels": {c: list(v) for c, v in inputs.levels.items() if c in learner.targets},
        "targets": {
            c: {"level": t.level, "reasons": t.reasons, "urls": [r.url for r in t.requirements]}
            for c, t in inputs.targets.items()
        },
        "gaps": {c: list(v) for c, v in learner.gaps().items()},
        "modules": len(catalogue.modules),
        "offers": len(catalogue.catalogue.offers),
    }


def _steps(plan: planning.Plan, learner: planning.Learner) -> list[dict[str, Any]]:
    return [
        {
            "module": int(step.module),
            "offer": int(step.offer) if step.offer else None,
            "start_month": step.start_month.isoformat(),
            "month": step.month.isoformat(),
            "hours": step.hours,
            "cost": step.cost,
            "locked": step.module in learner.locked,
            "changes": [
                [c.competence, c.from_level, c.to_level, c.closes_gap] for c in step.changes
            ],
        }
        for step in plan.steps
    ]


def _gaps(plan: planning.Plan) -> list[dict[str, Any]]:
    return [
        {"competence": g.competence, "current": g.current, "target": g.target, "reason": g.reason}
        for g in plan.open_gaps
    ]


def current_plan(user: Any) -> LearningPlan | None:
    return LearningPlan.objects.filter(user=user, superseded_by__isnull=True).first()


def plan_history(user: Any) -> list[LearningPlan]:
    return list(LearningPlan.objects.filter(user=user, superseded_by__isnull=False))


@transaction.atomic
def store_plan(
    user: Any, organisation: Organisation | None, plan: planning.Plan, summary: dict[str, Any],
    learner: planning.Learner,
) -> LearningPlan:  # fmt: skip
    """Store the plan and mark the person's previous current plan superseded by it."""
    stored = LearningPlan.objects.create(
        user=user,
        organisation=organisation,
        status=plan.status,
        inputs=summary,
        steps=_steps(plan, learner),
        open_gaps=_gaps(plan),
        gaps_total=len(summary["gaps"]),
        explanation=plan.explanation,
    )
    LearningPlan.objects.filter(user=user, superseded_by__isnull=True).exclude(pk=stored.pk).update(
        superseded_by=stored, superseded_at=timezone.now()
    )
    return stored


def plan_for(user: Any, organisation: Organisation | None) -> LearningPlan:
    """Plan one person now (fast enough inline: one person, a few seconds at most)."""
    # Older competence checks count as on "Meine Kompetenzen", which catches them up the same
    # way: planned without them, the person's first visit there would close the plan's gaps
    # after the fact, and its steps would read "nicht mehr nötig" the day they were planned.
    import_self_ratings(user)
    catalogue = load_catalogue(holders=[user])
    inputs = person_inputs(user, organisation, catalogue)
    plan = planning.plan_person(inputs.learner, catalogue.catalogue, time_limit=PERSON_TIME_LIMIT)
    return store_plan(user, organisation, plan, _summary(inputs, catalogue), inputs.learner)


def group_reads(people: list[tuple[Any, Organisation]]) -> dict[int, Read]:
    """Levels, targets and settings of many people with a fixed number of queries (one per
    table and organisation), not a few per person: a team may have hundreds."""
    users = [user for user, _org in people]
    entries: dict[int, list[Evidence]] = {u.pk: [] for u in users}
    for entry in Evidence.objects.filter(user__in=[u.pk for u in users]).order_by(
        "recorded_at", "id"
    ):
        entries[entry.user_id].append(entry)
    stored = {s.user_id: s for s in PathSettings.objects.filter(user__in=[u.pk for u in users])}
    by_org: dict[Any, list[Any]] = {}
    for user, organisation in people:
        by_org.setdefault(organisation, []).append(user)
    targets: dict[int, dict[str, Target]] = {}
    for organisation, members in by_org.items():
        targets.update(targets_for_many(members, organisation))
    done = completed_modules([u.pk for u in users])
    return {
        u.pk: (
            levels_of(u, entries[u.pk]),
            targets[u.pk],
            stored.get(u.pk) or default_settings(u),
            done[u.pk],
        )
        for u in users
    }


def team_plan_for(
    people: list[tuple[Any, Organisation]],
) -> tuple[planning.TeamPlan, CatalogueData]:
    """One optimisation for the group with the offers' free seats shared."""
    catalogue = load_catalogue(holders=[user for user, _org in people])
    read = group_reads(people)
    learners = [
        person_inputs(user, org, catalogue, read=read[user.pk]).learner for user, org in people
    ]
    result = planning.plan_team(learners, catalogue.catalogue, time_limit=TEAM_TIME_LIMIT)
    return result, catalogue


def access_own_plan(user: Any, pk: Any) -> LearningPlan:
    """One of the person's own plans; anyone else's (and a missing one) is a 404."""
    from django.http import Http404

    found = LearningPlan.objects.filter(user=user, pk=pk).first()
    if found is None:
        raise Http404
    return found

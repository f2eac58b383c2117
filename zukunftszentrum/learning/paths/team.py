"""Team plans: a group of a company, one optimisation with the offers' seats shared, and the
schedule the lead (or an accompanying advisor) sees and may register in one click.

What the lead sees is the schedule only: offer -> who attends, and per person their offers and
dates. Levels, gaps, targets and self-ratings stay in each person's own plan and never reach
this module's pages.

Groups: everyone with a job profile, people picked by name, or a group another app registers
with `register_group_source(kind, fn(organisation, key) -> user ids, choices)` — the AI-system
inventory adds "all users of one AI system".
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Min
from django.tasks import task
from django.utils import timezone

from zukunftszentrum.core.tasks import enqueue_on_commit
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation
from zukunftszentrum.organisations.roles import Capability, has_capability

from ..catalogue import actions as catalogue_actions
from ..catalogue.exceptions import CatalogueError
from ..catalogue.pages import place_label
from ..models import JobProfileAssignment, Offer, RegistrationStatus, TeamPlan, TeamPlanStatus
from . import plans as paths
from .rules import may_plan_team

PROFILE, MEMBERS = "job_profile", "members"
# A team plan still waiting or running after this long lost its task or its worker (the
# planner's own limit is a minute).
LOST_AFTER = timedelta(minutes=15)


def learners_of(organisation: Organisation) -> dict[int, Membership]:
    """The organisation's current members who learn (one membership per person)."""
    found: dict[int, Membership] = {}
    for membership in members_of_organisation(organisation):
        if has_capability(membership.role, Capability.LEARN):
            found.setdefault(membership.user_id, membership)
    return found


def _profile_group(organisation: Organisation, key: str) -> list[int]:
    return list(
        JobProfileAssignment.objects.filter(organisation=organisation, profile=key).values_list(
            "user_id", flat=True
        )
    )


# kind -> who is in the group; the AI-system inventory adds "ai_system" (its users).
GROUP_SOURCES: dict[str, Callable[[Organisation, str], list[int]]] = {PROFILE: _profile_group}
# kind -> the groups a company offers of that kind, as (key, label) for the team form
GROUP_CHOICES: dict[str, Callable[[Organisation], list[tuple[str, str]]]] = {}


def register_group_source(
    kind: str,
    fn: Callable[[Organisation, str], list[int]],
    choices: Callable[[Organisation], list[tuple[str, str]]] | None = None,
) -> None:
    GROUP_SOURCES[kind] = fn
    if choices is not None:
        GROUP_CHOICES[kind] = choices


def group_choices(organisation: Organisation) -> list[tuple[str, str]]:
    """Every registered group of the company as ("kind:key", label)."""
    return [
        (f"{kind}:{key}", label)
        for kind in sorted(GROUP_CHOICES)
        for key, label in GROUP_CHOICES[kind](organisation)
    ]


def group_people(organisation: Organisation, kind: str, key: str, picked: list[int]) -> list[int]:
    learners = learners_of(organisation)
    if kind != MEMBERS and kind not in GROUP_SOURCES:
        return []
    wanted = picked if kind == MEMBERS else GROUP_SOURCES[kind](organisation, key)
    return sorted({pk for pk in wanted if pk in learners})


def start(
    *, member: Membership, organisation: Organisation, kind: str, key: str, people: list[int]
) -> TeamPlan:
    """Queue a team plan (a task: a group may take a minute)."""
    may_plan_team(member, organisation).enforce(CatalogueError)
    plan = TeamPlan.objects.create(
        organisation=organisation,
        requested_by=member.user,
        group_kind=kind,
        group_key=key,
        people=people,
    )
    if settings.ZZ_RUN_TASKS_INLINE:  # tests and single-process runs: at once
        run(plan.pk)
    else:
        enqueue_on_commit(compute_team_plan, plan.pk)
    return plan


@task
def compute_team_plan(team_plan_id: int) -> str:
    return run(team_plan_id)


def run(team_plan_id: int) -> str:
    """Compute a queued team plan once (a duplicate task finds it claimed and does nothing)."""
    with transaction.atomic():
        plan = TeamPlan.objects.select_for_update().filter(pk=team_plan_id).first()
        if plan is None or plan.status != TeamPlanStatus.QUEUED:
            return "nothing"
        plan.status = TeamPlanStatus.RUNNING
        plan.save(update_fields=["status"])
    learners = learners_of(plan.organisation)
    people = [(learners[pk].user, plan.organisation) for pk in plan.people if pk in learners]
    try:
        result, _catalogue = paths.team_plan_for(people)
    except Exception:
        TeamPlan.objects.filter(pk=plan.pk).update(
            status=TeamPlanStatus.FAILED, finished_at=timezone.now()
        )
        raise
    TeamPlan.objects.filter(pk=plan.pk).update(
        status=TeamPlanStatus.DONE,
        schedule={offer: [int(u) for u in users] for offer, users in result.schedule.items()},
        progress=result.status,
        finished_at=timezone.now(),
    )
    return "done"


def requeue_lost() -> int:
    """Queue again the team plans a dead worker or a lost task left behind (a worker runs this
    when it starts, see core.tasks recoveries); `run` claims a plan, so a late twin is harmless."""
    lost = TeamPlan.objects.filter(
        status__in=(TeamPlanStatus.QUEUED, TeamPlanStatus.RUNNING),
        requested_at__lt=timezone.now() - LOST_AFTER,
    )
    ids = list(lost.values_list("pk", flat=True))
    # a fresh request time: the next recovery waits for this attempt
    TeamPlan.objects.filter(pk__in=ids).update(
        status=TeamPlanStatus.QUEUED, requested_at=timezone.now()
    )
    for pk in ids:
        enqueue_on_commit(compute_team_plan, pk)
    return len(ids)


# --- what the page shows ------------------------------------------------------------------
@dataclass
class ScheduleRow:
    offer: Offer
    place: str
    names: list[str]


@dataclass
class PersonRow:
    name: str
    offers: list[Offer] = field(default_factory=list)


def schedule_view(plan: TeamPlan) -> tuple[list[ScheduleRow], list[PersonRow]]:
    """Offer -> names, and per person the offers with dates. Nothing else about anyone."""
    offers = {
        o.pk: o
        for o in Offer.objects.filter(pk__in=[int(k) for k in plan.schedule])
        .select_related("module", "land")
        .annotate(first=Min("sessions__starts_at"))
    }
    learners = learners_of(plan.organisation)
    name = {pk: str(m.user) for pk, m in learners.items()}
    rows, people = [], {pk: PersonRow(name.get(pk, "?")) for pk in plan.people if pk in name}
    for key, users in sorted(
        plan.schedule.items(),
        key=lambda item: (offers[int(item[0])].first, int(item[0])),  # type: ignore[attr-defined]
    ):
        offer = offers[int(key)]
        rows.append(ScheduleRow(offer, place_label(offer), sorted(name.get(u, "?") for u in users)))
        for user in users:
            if user in people:
                people[user].offers.append(offer)
    return rows, sorted(people.values(), key=lambda p: p.name)


@dataclass
class RegisterResult:
    registered: list[str] = field(default_factory=list)
    waitlisted: list[str] = field(default_factory=list)
    refused: list[str] = field(default_factory=list)


def register_schedule(*, member: Membership, plan: TeamPlan, base_url: str = "") -> RegisterResult:
    """Register everyone of the schedule through the catalogue's action: a full offer puts that
    person on its waitlist; someone already registered stays as they are."""
    may_plan_team(member, plan.organisation).enforce(CatalogueError)
    learners = learners_of(plan.organisation)
    result = RegisterResult()
    offers = {o.pk: o for o in Offer.objects.filter(pk__in=[int(k) for k in plan.schedule])}
    for key, users in plan.schedule.items():
        offer = offers.get(int(key))
        for user in users:
            membership = learners.get(user)
            if offer is None or membership is None:
                continue
            label = f"{membership.user}: {offer.module.title}"
            try:
                outcome = catalogue_actions.register(
                    member=membership, offer=offer, base_url=base_url
                )
            except CatalogueError:
                result.refused.append(label)
                continue
            if outcome.registration.status == RegistrationStatus.WAITLISTED:
                result.waitlisted.append(label)
            else:
                result.registered.append(label)
    return result


def team_plans_of(organisation: Organisation) -> list[TeamPlan]:
    return list(TeamPlan.objects.filter(organisation=organisation)[:10])


def access_team_plan(member: Membership, organisation: Organisation, pk: Any) -> TeamPlan:
    from django.http import Http404

    plan = TeamPlan.objects.filter(organisation=organisation, pk=pk).first()
    if plan is None:
        raise Http404
    return plan

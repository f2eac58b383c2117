"""Job profiles in a company: reads and writes (assignments, the company's target levels, a
person's own goals) and the one aggregate a company sees. Writes check permission themselves.

The lead sees who has which profile (that is the employer's assignment), never anyone's levels,
self-ratings or gaps; the only figure about people is the share of a profile's holders who reach
all its targets, published through `core.disclosure`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils.translation import gettext as _

from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.disclosure import Contribution, Parameters, Published, publish_share
from zukunftszentrum.organisations.models import Membership, Organisation
from zukunftszentrum.organisations.queries import members_of_organisation, organisations_visible_to

from ..audit_actions import LearningAction
from ..models import Evidence, JobProfileAssignment, OwnGoal, TargetAdjustment
from . import content
from .evidence import CompetenceError, NotAllowed, check_level, levels_of
from .framework import JobProfile
from .rules import accompanies, is_lead_of, may_adjust_targets, may_assign_profiles
from .targets import profile_targets


def access_target_organisation(member: Membership | None, pk: int | str) -> Organisation:
    """An organisation whose profiles the member may see: their own as its lead, or one their
    centre actively accompanies. Missing and not-yours are the same 404."""
    organisation = organisations_visible_to(member).filter(pk=pk).first()
    if organisation is None or not (
        is_lead_of(member, organisation) or accompanies(member, organisation)
    ):
        raise Http404
    return organisation


def assignment_of(user: Any, organisation: Organisation | None) -> JobProfileAssignment | None:
    if organisation is None:
        return None
    return JobProfileAssignment.objects.filter(organisation=organisation, user=user).first()


def assign_profile(
    *, member: Membership, organisation: Organisation, person_id: int, profile_id: str
) -> JobProfileAssignment | None:
    """Assign (or with "" remove) a profile; the person must be a current member."""
    may_assign_profiles(member, organisation).enforce(NotAllowed)
    person = members_of_organisation(organisation).filter(user_id=person_id).first()
    if person is None:
        raise Http404
    if profile_id and content.job_profile(profile_id) is None:
        raise CompetenceError(_("Dieses Berufsprofil gibt es nicht."))
    with transaction.atomic():
        current = assignment_of(person.user, organisation)
        if not profile_id:
            if current is not None:
                current.delete()
            result = None
        elif current is None:
            result = JobProfileAssignment.objects.create(
                organisation=organisation,
                user=person.user,
                profile=profile_id,
                assigned_by=member.user,
            )
        else:
            current.profile, current.assigned_by = profile_id, member.user
            current.save(update_fields=["profile", "assigned_by"])
            result = current
        record_event(
            LearningAction.JOB_PROFILE_ASSIGNED,
            actor=member.user,
            summary=profile_id or "-",
            organisation_id=organisation.pk,
            person=person.user_id,
        )
    return result


def adjust_target(
    *,
    member: Membership,
    organisation: Organisation,
    profile_id: str,
    competence: str,
    level: int | None,
) -> None:
    """Set the company's level for one target (0: no target); None returns to the content's."""
    may_adjust_targets(member, organisation).enforce(NotAllowed)
    if content.job_profile(profile_id) is None:
        raise CompetenceError(_("Dieses Berufsprofil gibt es nicht."))
    if content.framework().competence(competence) is None:
        raise CompetenceError(_("Diese Kompetenz gibt es im Kompetenzrahmen nicht."))
    with transaction.atomic():
        if level is None:
            TargetAdjustment.objects.filter(
                organisation=organisation, profile=profile_id, competence=competence
            ).delete()
        else:
            TargetAdjustment.objects.update_or_create(
                organisation=organisation,
                profile=profile_id,
                competence=competence,
                defaults={"level": check_level(level), "changed_by": member.user},
            )
        record_event(
            LearningAction.TARGET_ADJUSTED,
            actor=member.user,
            summary=f"{profile_id}: {competence} -> {'-' if level is None else level}",
            organisation_id=organisation.pk,
        )


def set_own_goal(*, user: Any, competence: str, level: int, note: str = "") -> OwnGoal:
    if content.framework().competence(competence) is None:
        raise CompetenceError(_("Diese Kompetenz gibt es im Kompetenzrahmen nicht."))
    if level not in (1, 2, 3, 4):
        raise CompetenceError(_("Bitte wählen Sie eine Zielstufe von 1 bis 4."))
    goal, _created = OwnGoal.objects.update_or_create(
        user=user, competence=competence, defaults={"level": level, "note": note[:300]}
    )
    return goal


def access_own_goal(user: Any, pk: int | str) -> OwnGoal:
    """One of the person's own goals; anyone else's is the same 404 as a missing one."""
    goal = OwnGoal.objects.filter(user=user, pk=pk).first()
    if goal is None:
        raise Http404
    return goal


def remove_own_goal(*, goal: OwnGoal) -> None:
    goal.delete()


def own_goals(user: Any) -> list[OwnGoal]:
    return list(OwnGoal.objects.filter(user=user))


@dataclass(frozen=True)
class ProfileRow:
    profile: JobProfile
    targets: list[tuple[str, int, int | None]]  # competence, level that applies, content level
    holders: list[Membership]
    reached: Published


def reaches_all(user: Any, targets: dict[str, int], entries: list[Evidence] | None = None) -> bool:
    """Whether the person's current level meets every positive target (a company aggregate's
    contribution; never shown per person). `entries`: the person's evidence, if read already."""
    states = levels_of(user, entries)
    return all(states[c].level >= lvl for c, lvl in targets.items() if lvl > 0 and c in states)


def profile_rows(organisation: Organisation, *, with_holders: bool) -> list[ProfileRow]:
    """Every profile with the company's targets, its holders (for the lead) and the published
    share of holders who reach all of them."""
    assignments = {
        a.user_id: a for a in JobProfileAssignment.objects.filter(organisation=organisation)
    }
    members = list(members_of_organisation(organisation))
    params = Parameters(min_size=settings.ZZ_MIN_GROUP_SIZE)
    # Read once for all profiles and holders (not a query per profile and per person).
    adjustments: dict[str, list[TargetAdjustment]] = {}
    for adj in TargetAdjustment.objects.filter(organisation=organisation):
        adjustments.setdefault(adj.profile, []).append(adj)
    entries: dict[int, list[Evidence]] = {m.user_id: [] for m in members}
    for entry in (
        Evidence.objects.filter(
            user_id__in=[m.user_id for m in members if m.user_id in assignments]
        )
        .select_related("recorded_by")
        .order_by("recorded_at", "id")
    ):
        entries[entry.user_id].append(entry)
    rows = []
    for profile in content.job_profiles():
        targets = profile_targets(profile.id, organisation, adjustments.get(profile.id, []))
        holders = [
            m
            for m in members
            if (a := assignments.get(m.user_id)) is not None and a.profile == profile.id
        ]
        applying = {c: lvl for c, (lvl, _base) in targets.items()}
        contributions = [
            Contribution(
                key=assignments[m.user_id].record_key,
                value=1.0 if reaches_all(m.user, applying, entries[m.user_id]) else 0.0,
            )
            for m in holders
        ]
        reached = publish_share(
            contributions, variable=f"learning:targets_reached:{profile.id}", params=params
        )
        ordered = [
            (c.id, *targets[c.id]) for c in content.framework().competences if c.id in targets
        ]
        rows.append(ProfileRow(profile, ordered, holders if with_holders else [], reached))
    return rows


def assignments_by_person(organisation: Organisation) -> dict[int, str]:
    return dict(
        JobProfileAssignment.objects.filter(organisation=organisation).values_list(
            "user_id", "profile"
        )
    )

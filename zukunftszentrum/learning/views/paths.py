"""Thin views of "Mein Lernweg" (the person's own plan, settings and history) and the team plan
(a company's group, its schedule, registering it in one click)."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.models import Organisation
from zukunftszentrum.organisations.roles import Capability

from ..catalogue.exceptions import CatalogueError
from ..catalogue.queries import access_public_module
from ..competence import content, profiles
from ..paths import plans as paths
from ..paths import team
from ..paths.forms import PathSettingsForm, TeamGroupForm
from ..paths.pages import my_path_context, open_gap_rows
from ..paths.rules import may_plan_team
from .catalogue import base_url

MINE = "learning/paths/mine.html"
TOGGLES = ("lock", "exclude", "free")


@requires(Capability.LEARN)
def my_path(request: MemberRequest) -> HttpResponse:
    return render(request, MINE, my_path_context(request.member))


def _plan_again(request: MemberRequest) -> HttpResponse:
    plan = paths.plan_for(request.user, request.member.organisation)
    if plan.open_gaps:
        messages.success(request, _("Ihr Lernweg ist neu berechnet. Einige Lücken bleiben offen."))
    else:
        messages.success(request, _("Ihr Lernweg ist neu berechnet."))
    return redirect("learning:paths")


@requires(Capability.LEARN)
@require_POST
def plan(request: MemberRequest) -> HttpResponse:
    return _plan_again(request)


@requires(Capability.LEARN)
@require_POST
def save_settings(request: MemberRequest) -> HttpResponse:
    form = PathSettingsForm(request.POST, instance=paths.settings_of(request.user))
    if not form.is_valid():
        return render(
            request, MINE, my_path_context(request.member, settings_form=form), status=400
        )
    form.save()
    return _plan_again(request)


@requires(Capability.LEARN)
@require_POST
def toggle_module(request: MemberRequest, pk: int, what: str) -> HttpResponse:
    """Fix a module in the plan, rule it out, or free it again; then plan again."""
    if what not in TOGGLES:
        raise Http404
    module = access_public_module(pk)
    paths.toggle_module(user=request.user, module_id=module.pk, what=what)
    return _plan_again(request)


@requires(Capability.LEARN)
def old_plan(request: MemberRequest, pk: int) -> HttpResponse:
    """One plan of the person's history (anyone else's: 404)."""
    found = paths.access_own_plan(request.user, pk)
    context = {"old": found, "open_gaps": open_gap_rows(found)}
    return render(request, "learning/paths/old_plan.html", context)


# --- the team plan ------------------------------------------------------------------------
def _profiles() -> list[tuple[str, str]]:
    lang = (get_language() or "de")[:2]
    return [(p.id, p.title.get(lang)) for p in content.job_profiles()]


def _group_form(organisation: Organisation, data: object = None) -> TeamGroupForm:
    people = [(pk, str(m.user)) for pk, m in team.learners_of(organisation).items()]
    return TeamGroupForm(
        data,
        profiles=_profiles(),
        people=sorted(people, key=lambda p: p[1]),
        groups=team.group_choices(organisation),
    )


@requires(Capability.PLAN_TEAM_LEARNING)
def my_team(request: MemberRequest) -> HttpResponse:
    """The lead's own company."""
    if not request.member.organisation_id:
        raise Http404
    return team_of(request, request.member.organisation_id)


@requires(Capability.PLAN_TEAM_LEARNING, Capability.ACCOMPANY_COMPANIES)
def team_of(request: MemberRequest, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, pk)
    form = _group_form(organisation, request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        profile, group = form.cleaned_data["profile"], form.cleaned_data.get("group")
        kind, key = (team.PROFILE, profile) if profile else (team.MEMBERS, "")
        if group:
            kind, _sep, key = group.partition(":")
        picked = [int(p) for p in form.cleaned_data["people"]]
        people = team.group_people(organisation, kind, key, picked)
        if not people:
            messages.error(request, _("In dieser Gruppe ist niemand, der lernt."))
        else:
            try:
                started = team.start(
                    member=request.member,
                    organisation=organisation,
                    kind=kind,
                    key=key,
                    people=people,
                )
            except CatalogueError as error:
                messages.error(request, str(error))
            else:
                return redirect("learning:team_plan", org=organisation.pk, pk=started.pk)
    context = {
        "organisation": organisation,
        "form": form,
        "plans": team.team_plans_of(organisation),
        "may_plan": may_plan_team(request.member, organisation),
    }
    status = 400 if request.method == "POST" else 200
    return render(request, "learning/paths/team.html", context, status=status)


@requires(Capability.PLAN_TEAM_LEARNING, Capability.ACCOMPANY_COMPANIES)
def team_plan(request: MemberRequest, org: int, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, org)
    found = team.access_team_plan(request.member, organisation, pk)
    rows, people = team.schedule_view(found) if found.status == "done" else ([], [])
    context = {"organisation": organisation, "plan": found, "rows": rows, "people": people}
    return render(request, "learning/paths/team_plan.html", context)


@requires(Capability.PLAN_TEAM_LEARNING, Capability.ACCOMPANY_COMPANIES)
@require_POST
def team_register(request: MemberRequest, org: int, pk: int) -> HttpResponse:
    organisation = profiles.access_target_organisation(request.member, org)
    found = team.access_team_plan(request.member, organisation, pk)
    try:
        result = team.register_schedule(
            member=request.member, plan=found, base_url=base_url(request)
        )
    except CatalogueError as error:
        messages.error(request, str(error))
        return redirect("learning:team_plan", org=organisation.pk, pk=found.pk)
    messages.success(
        request,
        _("Angemeldet: %(registered)d. Auf der Warteliste, weil ausgebucht: %(waitlisted)d.")
        % {"registered": len(result.registered), "waitlisted": len(result.waitlisted)},
    )
    for label in result.waitlisted:
        messages.warning(request, _("Warteliste: %(who)s") % {"who": label})
    for label in result.refused:
        messages.error(request, _("Nicht möglich: %(who)s") % {"who": label})
    return redirect("learning:team_plan", org=organisation.pk, pk=found.pk)

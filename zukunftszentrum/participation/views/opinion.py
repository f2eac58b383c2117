"""The opinion map: statements to vote on (agree, disagree, pass), proposals, and the groups
as far as core.disclosure lets them be shown."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import Answer, requires
from zukunftszentrum.core.disclosure import Published
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import codet_rules, opinion, opinion_map, pages, queries, rules
from ..codet_forms import StatementForm
from ..models import Project
from ..opinion_chart import Bar, group_chart
from .common import PARTICIPANTS, refusals, require

_REASONS = {
    opinion_map.MapReason.TOO_FEW_STATEMENTS: lambda n: _(
        "Für eine Meinungslandkarte braucht es mindestens drei Aussagen."
    ),
    opinion_map.MapReason.TOO_FEW_PARTICIPANTS: lambda n: (
        _(
            "Noch haben zu wenige Personen genug Aussagen bewertet: Es braucht mindestens zwei "
            "Gruppen von je %(n)d Personen."
        )
        % {"n": n}
    ),
    opinion_map.MapReason.NO_GROUPS: lambda n: (
        _("Es zeigen sich keine zwei Meinungsgruppen mit mindestens %(n)d Personen.") % {"n": n}
    ),
}


def _text(figure: Published, minimum: int, percent: bool = False) -> str:
    if not figure.shown or figure.value is None:
        return _("weniger als %(n)d") % {"n": minimum}
    return f"{figure.value} %" if percent else str(figure.value)


def _map_context(project: Project, may_release: Answer) -> dict[str, Any]:
    """The latest release of the map as the page shows it (stored figures, never recomputed)
    and, for the facilitator, whether a new release may be made now."""
    minimum = pages.params().minimum
    latest = opinion.latest_release(project)
    context: dict[str, Any] = {
        "release": latest,
        "min_size": minimum,
        "release_due": bool(may_release) and opinion.release_check(project).due,
    }
    stored = opinion.released_map(latest)
    if stored is None:
        return context
    result, texts = stored

    def shares(s: opinion_map.StatementShares) -> dict[str, str]:
        return {
            "text": texts.get(str(s.statement), ""),
            "agree": _text(s.agree, minimum, True),
            "disagree": _text(s.disagree, minimum, True),
        }

    groups: list[dict[str, Any]] = [
        {
            "label": _("Gruppe %(label)s") % {"label": g.label},
            "size": _text(g.size, minimum),
            "dividing": [
                {
                    "direction": d.direction,
                    "group": shares(d.group),
                    "others": shares(d.others),
                }
                for d in g.dividing
            ],
        }
        for g in result.groups
    ]
    chart = ""
    if result.shown:
        chart = group_chart(
            [
                Bar(g["label"], grp.size.value if grp.size.shown else None, g["size"])
                for g, grp in zip(groups, result.groups, strict=True)
            ],
            title=_("Größe der Meinungsgruppen"),
            desc=_("Zahl der Personen je Gruppe, wie in der Tabelle; kleine Zahlen sind gerundet."),
        )
    return context | {
        "map": result,
        "placed": _text(result.participants, minimum),
        "left_out": _text(result.left_out, minimum),
        # A release is shown to anybody, so its groups need one more than the minimum.
        "reason": _REASONS[result.reason](minimum + 1) if result.reason else "",
        "groups": groups,
        "uniting": [shares(s) for s in result.uniting],
        "chart": mark_safe(chart),  # noqa: S308 -- core.charts escapes every text
    }


def _page(
    request: MemberRequest, project: Project, status: int = 200, **forms: Any
) -> HttpResponse:
    member = request.member
    s = rules.situation(member, project)
    may = {
        a: codet_rules.may(a, member, project, s)
        for a in (
            "curate_statements",
            "propose_statement",
            "vote_statement",
            "release_opinion_map",
        )
    }
    mine = opinion.own_votes(request.user, project)
    statements = [(st, mine.get(st.pk)) for st in opinion.accepted(project)]
    context = {
        "project": project,
        "may": may,
        "statements": statements,
        "proposals": opinion.proposals(project) if may["curate_statements"] else [],
        "statement_form": forms.get("statement_form") or StatementForm(),
        **_map_context(project, may["release_opinion_map"]),
    }
    return render(request, "participation/opinion.html", context, status=status)


@requires(*PARTICIPANTS)
def opinion_page(request: MemberRequest, pk: int) -> HttpResponse:
    return _page(request, queries.access_project(request.member, pk))


@requires(*PARTICIPANTS)
@require_POST
def statement_add(request: MemberRequest, pk: int) -> HttpResponse:
    """The facilitator adds a statement; anyone else whose phase allows posting proposes one."""
    project = queries.access_project(request.member, pk)
    curate = codet_rules.may("curate_statements", request.member, project)
    if not curate:
        require(codet_rules.may("propose_statement", request.member, project))
    form = StatementForm(request.POST)
    if not form.is_valid():
        return _page(request, project, 400, statement_form=form)
    with refusals(request):
        if curate:
            opinion.add_statement(
                member=request.member, project=project, text=form.cleaned_data["text"]
            )
            messages.success(request, _("Die Aussage steht zur Abstimmung."))
        else:
            opinion.propose_statement(
                member=request.member, project=project, text=form.cleaned_data["text"]
            )
            messages.success(
                request,
                _("Ihr Vorschlag ist eingegangen; die Moderation nimmt ihn auf oder nicht."),
            )
    return redirect("participation:opinion", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def statement_decide(request: MemberRequest, pk: int, statement_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    statement = opinion.access_statement(project, statement_pk)
    require(codet_rules.may("curate_statements", request.member, project))
    with refusals(request):
        opinion.decide_proposal(
            member=request.member, statement=statement, accept=request.POST.get("accept") == "1"
        )
        messages.success(request, _("Der Vorschlag ist entschieden."))
    return redirect("participation:opinion", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def statement_vote(request: MemberRequest, pk: int, statement_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    statement = opinion.access_statement(project, statement_pk)
    require(codet_rules.may("vote_statement", request.member, project))
    try:
        value = int(request.POST.get("value", ""))
    except ValueError:
        value = 99
    with refusals(request):
        if opinion.vote(member=request.member, statement=statement, value=value):
            messages.success(request, _("Ihre Stimme ist gezählt."))
        else:
            messages.info(request, _("Diese Stimme hatten Sie schon abgegeben; sie zählt einmal."))
    return redirect("participation:opinion", pk=project.pk)


@requires(*PARTICIPANTS)
@require_POST
def map_release(request: MemberRequest, pk: int) -> HttpResponse:
    """The facilitator releases the map as it stands: computed once, shown until the next."""
    project = queries.access_project(request.member, pk)
    require(codet_rules.may("release_opinion_map", request.member, project))
    with refusals(request):
        made = opinion.release(project=project, member=request.member)
        messages.success(
            request,
            _(
                "Die Meinungslandkarte ist freigegeben (Freigabe %(n)d); alle sehen jetzt diesen Stand."
            )
            % {"n": made.number},
        )
    return redirect("participation:opinion", pk=project.pk)

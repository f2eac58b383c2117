"""Ideas and concerns: the list with filters, posting (named or anonymous), an item's page with
comments and votes, moderation by the facilitator and the management's answer.

An anonymous post is written without the person: the action gets no author, the audit log no
event, and the rate protection counts in the session only (anonymity.py).
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest

from .. import actions, anonymity, pages, queries, rules
from ..forms import AnswerForm, CommentForm, FilterForm, HideForm, ItemForm, MergeForm
from ..models import Item, Project
from .common import PARTICIPANTS, handle_form, refusals, require


@requires(*PARTICIPANTS)
def item_list(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    filters = FilterForm(request.GET or None)
    chosen = filters.cleaned_data if filters.is_valid() else {}
    items = list(
        queries.items_of(
            project, category=chosen.get("category", ""), status=chosen.get("status", "")
        ).select_related("author__user")
    )
    return render(
        request,
        "participation/item_list.html",
        {
            "project": project,
            "filters": filters,
            "rows": [(item, pages.author_label(item)) for item in items],
            "may_post": rules.may("post", request.member, project),
        },
    )


def _anonymous_left(request: MemberRequest, project: Project) -> int:
    counters = request.session.get(anonymity.SESSION_KEY)
    return anonymity.allowance(counters, project.pk, timezone.localdate())


def _count_anonymous(request: MemberRequest, project: Project) -> None:
    counters = request.session.get(anonymity.SESSION_KEY)
    request.session[anonymity.SESSION_KEY] = anonymity.counted(
        counters, project.pk, timezone.localdate()
    )


def _too_many(form: Any, request: MemberRequest, project: Project) -> bool:
    if form.cleaned_data.get("anonymous") and _anonymous_left(request, project) <= 0:
        form.add_error(
            "anonymous",
            _(
                "Sie haben heute schon %(n)d anonyme Beiträge in diesem Projekt geschrieben. "
                "Morgen geht es wieder; mit Ihrem Namen können Sie sofort weiterschreiben."
            )
            % {"n": anonymity.ANONYMOUS_POSTS_PER_DAY},
        )
        return True
    return False


@requires(*PARTICIPANTS)
def item_new(request: MemberRequest, pk: int) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    allowed = rules.may("post", request.member, project)
    form = ItemForm(request.POST or None)
    if request.method == "POST" and not allowed:
        # Refused (the phase closed meanwhile, a second tab): 403 with the reason, and what
        # the person wrote shown again so that nothing is lost.
        return render(
            request,
            "participation/item_new.html",
            {"project": project, "form": form, "allowed": allowed, "kept": request.POST},
            status=403,
        )
    if request.method == "POST" and form.is_valid() and not _too_many(form, request, project):
        d = form.cleaned_data
        with refusals(request):
            item = actions.post_item(
                member=request.member,
                project=project,
                kind=d["kind"],
                category=d["category"],
                title=d["title"],
                body=d["body"],
                anonymous=d["anonymous"],
            )
            if d["anonymous"]:
                _count_anonymous(request, project)
                # No link to the new item: the person cannot come back to it as theirs.
                messages.success(
                    request,
                    _(
                        "Ihr Beitrag ist anonym eingegangen. Er erscheint in der Liste als „eine anonyme Meldung“."
                    ),
                )
                return redirect("participation:items", pk=project.pk)
            messages.success(request, _("Ihr Beitrag ist eingegangen."))
            return redirect("participation:item", pk=project.pk, item_pk=item.pk)
    return render(
        request,
        "participation/item_new.html",
        {"project": project, "form": form, "allowed": allowed},
    )


def _item_page(
    request: MemberRequest, project: Project, item: Item, status: int = 200, **forms: Any
) -> HttpResponse:
    member = request.member
    s = rules.situation(member, project)
    may = {a: rules.may(a, member, project, s) for a in ("comment", "vote", "answer", "moderate")}
    others = queries.items_of(project).exclude(pk=item.pk)
    comments = [(c, pages.author_label(c)) for c in queries.comments_of(item)]
    context = {
        "project": project,
        "item": item,
        "author": pages.author_label(item),
        "comments": comments,
        "answers": item.answers.select_related("answered_by__user"),
        "tally": pages.tally(item, request.user),
        "own_vote": queries.own_vote(request.user, item),
        "min_size": pages.params().minimum,
        "may": may,
        "comment_form": forms.get("comment_form") or CommentForm(),
        "answer_form": forms.get("answer_form") or AnswerForm(),
        "hide_form": forms.get("hide_form") or HideForm(),
        "merge_form": forms.get("merge_form") or MergeForm(others=others),
        "kept": forms.get("kept"),
    }
    return render(request, "participation/item_detail.html", context, status=status)


@requires(*PARTICIPANTS)
def item_detail(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    return _item_page(request, project, queries.access_item(project, item_pk))


def _back(item: Item) -> HttpResponse:
    return redirect("participation:item", pk=item.project_id, item_pk=item.pk)


@requires(*PARTICIPANTS)
@require_POST
def comment(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    form = CommentForm(request.POST)
    if not rules.may("comment", request.member, project):
        return _item_page(request, project, item, 403, comment_form=form, kept=request.POST)
    if not form.is_valid() or _too_many(form, request, project):
        return _item_page(request, project, item, 400, comment_form=form)
    with refusals(request):
        actions.post_comment(
            member=request.member,
            item=item,
            body=form.cleaned_data["body"],
            anonymous=form.cleaned_data["anonymous"],
        )
        if form.cleaned_data["anonymous"]:
            _count_anonymous(request, project)
        messages.success(request, _("Ihr Kommentar ist eingegangen."))
        return _back(item)
    return _item_page(request, project, item, 400, comment_form=form)


@requires(*PARTICIPANTS)
@require_POST
def vote(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    with refusals(request):
        changed = actions.vote(
            member=request.member, item=item, agree=request.POST.get("agree") == "1"
        )
        if changed:
            messages.success(request, _("Ihre Stimme ist gezählt."))
        else:
            messages.info(request, _("Diese Stimme hatten Sie schon abgegeben; sie zählt einmal."))
    return _back(item)


@requires(*PARTICIPANTS)
@require_POST
def item_hide(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    require(rules.may("moderate", request.member, project))
    return handle_form(
        request,
        HideForm(request.POST),
        act=lambda d: actions.hide(member=request.member, target=item, reason=d["reason"]),
        done=_("Der Beitrag ist ausgeblendet; der Grund wird gezeigt."),
        then=lambda _none: _back(item),
        invalid=lambda form: _item_page(request, project, item, 400, hide_form=form),
    )


@requires(*PARTICIPANTS)
@require_POST
def item_show(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    with refusals(request):
        actions.show(member=request.member, target=item)
        messages.success(request, _("Der Beitrag ist wieder zu sehen."))
    return _back(item)


@requires(*PARTICIPANTS)
@require_POST
def comment_hide(request: MemberRequest, pk: int, item_pk: str, comment_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    target = queries.access_comment(item, comment_pk)
    require(rules.may("moderate", request.member, project))
    return handle_form(
        request,
        HideForm(request.POST),
        act=lambda d: actions.hide(member=request.member, target=target, reason=d["reason"]),
        done=_("Der Kommentar ist ausgeblendet; der Grund wird gezeigt."),
        then=lambda _none: _back(item),
        invalid=lambda form: _item_page(request, project, item, 400, hide_form=form),
    )


@requires(*PARTICIPANTS)
@require_POST
def item_merge(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    require(rules.may("moderate", request.member, project))
    form = MergeForm(request.POST, others=queries.items_of(project).exclude(pk=item.pk))
    if not form.is_valid():
        return _item_page(request, project, item, 400, merge_form=form)
    into = queries.access_item(project, form.cleaned_data["into"])
    with refusals(request):
        actions.merge(member=request.member, item=item, into=into)
        messages.success(request, _("Die Beiträge sind zusammengeführt."))
        return _back(into)
    return _back(item)


@requires(*PARTICIPANTS)
@require_POST
def item_answer(request: MemberRequest, pk: int, item_pk: str) -> HttpResponse:
    project = queries.access_project(request.member, pk)
    item = queries.access_item(project, item_pk)
    require(rules.may("answer", request.member, project))
    form = AnswerForm(request.POST)
    if not form.is_valid():
        return _item_page(request, project, item, 400, answer_form=form)
    with refusals(request):
        entry = actions.answer(
            member=request.member,
            item=item,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
        )
        if entry is None:
            messages.info(request, _("Diese Antwort war schon gespeichert."))
        else:
            messages.success(request, _("Die Antwort ist gespeichert und für alle sichtbar."))
    return _back(item)

"""Thin views of the self-learning player. Signed-in learners address their progress by unit
and their attempts by id (only their own are found); everyone else uses the private link.
Works without JavaScript: every step is a plain form, POST then redirect."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import public, request_capabilities, requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.models import User
from zukunftszentrum.organisations.roles import Capability

from . import actions, content, pages
from .models import Attempt
from .queries import (
    Flow,
    access_own_attempt,
    access_token_attempt,
    flow_by_token,
    own_progress,
    progress_of,
    unit_or_404,
)


def _learns(request: HttpRequest) -> bool:
    """Signed in with a role that learns: progress is kept with the person, not a link."""
    return bool(request.user.is_authenticated) and Capability.LEARN in request_capabilities(request)


def _own_flow(request: MemberRequest, unit_id: str) -> Flow:
    unit = unit_or_404(unit_id)
    progress, _token = actions.start_unit(user=request.user, unit=unit)
    return Flow(progress, unit)


# --- everyone -----------------------------------------------------------------------------------
@public
def unit_list(request: HttpRequest) -> HttpResponse:
    competence = request.GET.get("kompetenz", "")
    if competence not in {c for c, _title in pages.competence_choices()}:
        competence = ""
    progress = progress_of(request.user) if _learns(request) else {}
    return render(request, "self_learning/list.html", pages.unit_list_context(competence, progress))


@public
def unit(request: HttpRequest, unit: str) -> HttpResponse:
    found = unit_or_404(unit)
    progress = own_progress(request.user, found.id) if _learns(request) else None
    context = pages.unit_context(found, progress)
    context["learns"] = _learns(request)
    return render(request, "self_learning/unit.html", context)


@public
@require_POST
def start(request: HttpRequest, unit: str) -> HttpResponse:
    found = unit_or_404(unit)
    if _learns(request) and isinstance(request.user, User):
        progress, _token = actions.start_unit(user=request.user, unit=found)
        return redirect("self_learning:section", unit=found.id, number=progress.section)
    progress, token = actions.start_unit(user=None, unit=found)
    return redirect("self_learning:token_home", token=token)


@public
def print_unit(request: HttpRequest, unit: str) -> HttpResponse:
    return render(request, "self_learning/print.html", pages.print_context(unit_or_404(unit)))


# --- signed-in learners -------------------------------------------------------------------------
@requires(Capability.LEARN)
def section(request: MemberRequest, unit: str, number: int) -> HttpResponse:
    return _section(request, _own_flow(request, unit), number)


@requires(Capability.LEARN)
def quiz(request: MemberRequest, unit: str) -> HttpResponse:
    return _quiz(request, _own_flow(request, unit))


@requires(Capability.LEARN)
def attempt(request: MemberRequest, pk: str) -> HttpResponse:
    return _attempt(request, *access_own_attempt(request.user, pk))


@requires(Capability.LEARN)
def attempt_review(request: MemberRequest, pk: str) -> HttpResponse:
    return _review(request, *access_own_attempt(request.user, pk))


# --- the private link ---------------------------------------------------------------------------
@public
def token_home(request: HttpRequest, token: str) -> HttpResponse:
    flow = flow_by_token(token)
    context = {
        "flow": flow,
        "title": flow.unit.title.get(pages.lang()),
        "total": len(flow.unit.sections),
        "link": request.build_absolute_uri(flow.url("home")),
        "may_claim": _learns(request),
        "card": pages.unit_card(flow.unit, flow.progress),
    }
    return render(request, "self_learning/token_home.html", context)


@public
def token_section(request: HttpRequest, token: str, number: int) -> HttpResponse:
    return _section(request, flow_by_token(token), number)


@public
def token_quiz(request: HttpRequest, token: str) -> HttpResponse:
    return _quiz(request, flow_by_token(token))


@public
def token_attempt(request: HttpRequest, token: str, pk: str) -> HttpResponse:
    return _attempt(request, *access_token_attempt(token, pk))


@public
def token_review(request: HttpRequest, token: str, pk: str) -> HttpResponse:
    return _review(request, *access_token_attempt(token, pk))


@requires(Capability.LEARN)
@require_POST
def token_claim(request: MemberRequest, token: str) -> HttpResponse:
    progress = actions.claim(token=token, user=request.user, units=content.units())
    if progress is None:
        raise Http404("token")
    messages.success(
        request,
        _("Ihr Fortschritt und Ihre Versuche sind jetzt in Ihrem Konto gespeichert."),
    )
    return redirect("self_learning:unit", unit=progress.unit_id)


# --- shared steps -------------------------------------------------------------------------------
def _section(request: HttpRequest, flow: Flow, number: int) -> HttpResponse:
    total = len(flow.unit.sections)
    if not 1 <= number <= total:
        raise Http404("section")
    if request.method == "POST":
        target = number - 1 if request.POST.get("step") == "back" else number + 1
        actions.go_to_section(flow.progress, flow.unit, target)
        if target > total:
            return redirect(flow.url("quiz"))
        return redirect(flow.url("section", number=max(1, target)))
    actions.go_to_section(flow.progress, flow.unit, number)
    return render(request, "self_learning/section.html", pages.section_context(flow, number))


def _quiz(request: HttpRequest, flow: Flow) -> HttpResponse:
    if request.method == "POST":
        return redirect(
            flow.attempt_url("attempt", actions.start_attempt(flow.progress, flow.unit))
        )
    submitted = list(flow.progress.attempts.exclude(submitted_at=None).order_by("-submitted_at"))
    context = {
        "flow": flow,
        "title": flow.unit.title.get(pages.lang()),
        "open": actions.open_attempt(flow.progress, flow.unit),
        "previous": [(a, flow.attempt_url("review", a)) for a in submitted],
        "questions": flow.unit.per_attempt,
        "needed": pages.needed_points(flow.unit.per_attempt, flow.unit.pass_mark),
        "credentials_url": pages.credentials_url() if not flow.by_token else None,
        "passed": flow.progress.passed_at is not None,
        "first_section_url": flow.url("section", number=1),
    }
    return render(request, "self_learning/quiz.html", context)


def _attempt(request: HttpRequest, flow: Flow, attempt: Attempt) -> HttpResponse:
    if attempt.is_submitted:  # a second submit, or the back button: the result stands
        return redirect(flow.attempt_url("review", attempt))
    questions = actions.drawn_questions(attempt)
    if request.method == "POST":
        answers, errors = pages.answers_from_post(questions, request.POST)
        if errors:
            context = pages.quiz_context(flow, attempt, questions, post=request.POST, errors=errors)
            return render(request, "self_learning/attempt.html", context, status=400)
        actions.submit_attempt(attempt=attempt, answers=answers, unit=flow.unit)
        return redirect(flow.attempt_url("review", attempt))
    context = pages.quiz_context(flow, attempt, questions)
    return render(request, "self_learning/attempt.html", context)


def _review(request: HttpRequest, flow: Flow, attempt: Attempt) -> HttpResponse:
    if not attempt.is_submitted:
        return redirect(flow.attempt_url("attempt", attempt))
    context = pages.review_context(flow, attempt, actions.drawn_questions(attempt))
    return render(request, "self_learning/review.html", context)

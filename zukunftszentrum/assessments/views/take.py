"""Taking a check: one page per screen, back/next/save all keep the answers, a review page,
then submit. Signed-in people address their response by id (only their own is found);
everyone else by the private token link. Without JavaScript: POST, then redirect."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from zukunftszentrum.core.access import login_required, public

from .. import actions
from ..exceptions import AlreadySubmitted, AssessmentError, OutdatedVersion
from ..forms import page_fields
from ..navigation import Flow, number_of, page_order, visible_ids
from ..queries import access_own_response, instrument_of, lang, response_by_token
from ..review import review_context

ALREADY_SUBMITTED = gettext_lazy(
    "Ihre Antworten wurden bereits abgesendet. Sie können sie nicht mehr ändern."
)


def flow_by_id(request: HttpRequest, pk: Any) -> Flow:
    """The signed-in person's own response (another person's is a 404)."""
    return Flow(access_own_response(request.user, pk))


def flow_by_token(token: str) -> Flow:
    """The response behind a private link (an unknown token is a 404)."""
    response = response_by_token(token)
    if response is None:
        raise Http404("token")
    return Flow(response, token)


# --- signed-in people: by id ------------------------------------------------------------------
@login_required
def continue_(request: HttpRequest, pk: Any) -> HttpResponse:
    return _continue(flow_by_id(request, pk))


@login_required
def page(request: HttpRequest, pk: Any, number: int) -> HttpResponse:
    return _page(request, flow_by_id(request, pk), number)


@login_required
def review(request: HttpRequest, pk: Any) -> HttpResponse:
    return _review(request, flow_by_id(request, pk))


@login_required
def done(request: HttpRequest, pk: Any) -> HttpResponse:
    return _done(request, flow_by_id(request, pk))


# --- the private link: by token ---------------------------------------------------------------
@public
def resume(request: HttpRequest, token: str) -> HttpResponse:
    flow = flow_by_token(token)
    context = {"flow": flow, "response": flow.response, "instrument": instrument_of(flow.response)}
    context["link"] = request.build_absolute_uri(flow.url("resume"))
    return render(request, "assessments/resume.html", context)


@public
def token_continue(request: HttpRequest, token: str) -> HttpResponse:
    return _continue(flow_by_token(token))


@public
def token_page(request: HttpRequest, token: str, number: int) -> HttpResponse:
    return _page(request, flow_by_token(token), number)


@public
def token_review(request: HttpRequest, token: str) -> HttpResponse:
    return _review(request, flow_by_token(token))


@public
def token_done(request: HttpRequest, token: str) -> HttpResponse:
    return _done(request, flow_by_token(token))


# --- shared steps -----------------------------------------------------------------------------
def _continue(flow: Flow) -> HttpResponse:
    response = flow.response
    if response.is_submitted:
        return redirect(flow.url("done"))
    order = page_order(instrument_of(response), response.answers, response.perspective)
    return redirect(flow.page_url(number_of(order, response.current_page)))


def _page(request: HttpRequest, flow: Flow, number: int) -> HttpResponse:
    response = flow.response
    if response.is_submitted:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect(flow.url("done"))
    order = page_order(instrument_of(response), response.answers, response.perspective)
    if not 1 <= number <= len(order):
        return redirect(flow.url("review") if number > len(order) else flow.page_url(1))
    if request.method != "POST":
        return _render_page(request, flow, order, number)
    return _save_page(request, flow, order, number)


def _save_page(request: HttpRequest, flow: Flow, order: list[int], number: int) -> HttpResponse:
    step = request.POST.get("step", "next")
    try:
        outcome = actions.save_page(
            response=flow.response,
            page_index=order[number - 1],
            data=dict(request.POST.lists()),
            version=request.POST.get("version"),
            shown=request.POST.getlist("shown"),
            forward=step == "next",
        )
    except AlreadySubmitted:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect(flow.url("done"))
    except OutdatedVersion as exc:
        messages.error(request, str(exc))
        return _render_page(request, flow, order, number, posted=request.POST, status=409)
    if outcome.closed:
        messages.warning(request, _closed_note())
    if not outcome.ok:
        for note in outcome.notes:
            messages.warning(request, note)
        new_order = page_order(
            instrument_of(flow.response), flow.response.answers, flow.response.perspective
        )
        pos = number_of(new_order, order[number - 1])
        return _render_page(
            request, flow, new_order, pos, posted=request.POST, errors=outcome.errors
        )
    return _after_save(request, flow, order[number - 1], step)


def _after_save(request: HttpRequest, flow: Flow, page_index: int, step: str) -> HttpResponse:
    order = page_order(
        instrument_of(flow.response), flow.response.answers, flow.response.perspective
    )
    pos = number_of(order, page_index)
    if step == "back":
        return redirect(flow.page_url(max(pos - 1, 1)))
    if step == "save":
        messages.success(
            request, _("Ihre Antworten sind gespeichert. Sie können später weitermachen.")
        )
        return redirect(flow.url("resume") if flow.by_token else "assessments:overview")
    if pos >= len(order):
        return redirect(flow.url("review"))
    return redirect(flow.page_url(pos + 1))


def _closed_note() -> str:
    return _(
        "Dieser Check wurde inzwischen abgeschlossen. Ihre Antworten bleiben gespeichert, "
        "können aber nicht mehr abgesendet werden."
    )


def _render_page(
    request: HttpRequest,
    flow: Flow,
    order: list[int],
    number: int,
    *,
    posted: Any = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    response = flow.response
    inst = instrument_of(response)
    current = inst.pages[order[number - 1]]
    language = lang()
    fields = page_fields(
        inst,
        current,
        response.answers,
        visible_ids(inst, response.answers, response.perspective),
        posted=dict(posted.lists()) if posted is not None else None,
        errors=errors,
        language=language,
    )
    context = {
        "flow": flow,
        "response": response,
        "instrument": inst,
        "title": inst.title.get(language),
        "page_title": current.title.get(language),
        "intro": current.intro.get(language) if current.intro else "",
        "fields": fields,
        "errors": errors or {},
        "number": number,
        "total": len(order),
        "back_url": flow.page_url(number - 1) if number > 1 else None,
    }
    return render(request, "assessments/page.html", context, status=status)


def _review(request: HttpRequest, flow: Flow) -> HttpResponse:
    if flow.response.is_submitted:
        messages.info(request, ALREADY_SUBMITTED)
        return redirect(flow.url("done"))
    if request.method == "POST":
        try:
            actions.submit_response(response=flow.response, version=request.POST.get("version"))
        except AlreadySubmitted:
            messages.info(request, ALREADY_SUBMITTED)
            return redirect(flow.url("done"))
        except AssessmentError as exc:
            messages.error(request, str(exc))
            flow.response.refresh_from_db()
        else:
            return redirect(flow.url("done"))
    return render(request, "assessments/review.html", review_context(flow))


def _done(request: HttpRequest, flow: Flow) -> HttpResponse:
    if not flow.response.is_submitted:
        return redirect(flow.url("review"))
    inst = instrument_of(flow.response)
    context = {"flow": flow, "response": flow.response, "instrument": inst}
    if flow.by_token:
        context["link"] = request.build_absolute_uri(flow.url("resume"))
    return render(request, "assessments/done.html", context)

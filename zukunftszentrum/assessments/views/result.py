"""The personal result page of one response and its PDF report.

Privacy: a result opens only for its respondent (by id) or the holder of the private link;
an anonymous response has no respondent, so only its token opens it. Nobody else — not the
company's lead, not the accompanying centre — finds the response: they get a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from zukunftszentrum.core.access import login_required, public

from ..navigation import Flow
from ..pdf import pdf_response, render_report_pdf
from ..queries import lang, response_by_token, responses_of, result_context
from ..results import report


def _by_id(request: HttpRequest, pk: Any) -> Flow:
    return Flow(get_object_or_404(responses_of(request.user), pk=pk))  # type: ignore[arg-type]


def _by_token(token: str) -> Flow:
    response = response_by_token(token)
    if response is None:
        raise Http404("token")
    return Flow(response, token)


@login_required
def result(request: HttpRequest, pk: Any) -> HttpResponse:
    return _render(request, _by_id(request, pk), request.user)


@public
def result_by_token(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, _by_token(token), None)


@login_required
def result_pdf(request: HttpRequest, pk: Any) -> HttpResponse:
    return _pdf(_by_id(request, pk))


@public
def result_pdf_by_token(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf(_by_token(token))


def _pdf_url(flow: Flow) -> str:
    if flow.token:
        return reverse("assessments:result_pdf_by_token", kwargs={"token": flow.token})
    return reverse("assessments:result_pdf", kwargs={"pk": flow.response.pk})


def _render(request: HttpRequest, flow: Flow, viewer: Any) -> HttpResponse:
    if not flow.response.is_submitted:
        return redirect(flow.url("continue"))
    context = result_context(flow.response, viewer)
    context.update(flow=flow, pdf_url=_pdf_url(flow))
    if flow.by_token:
        context["link"] = request.build_absolute_uri(flow.url("result"))
    return render(request, "assessments/result.html", context)


def _pdf(flow: Flow) -> HttpResponse:
    if not flow.response.is_submitted:
        return redirect(flow.url("continue"))
    context, filename = report(flow.response, lang())
    return pdf_response(render_report_pdf(context), filename)

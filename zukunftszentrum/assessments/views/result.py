"""The personal result page of one response and its PDF report.

Privacy: a result opens only for its respondent (by id) or the holder of the private link;
an anonymous response has no respondent, so only its token opens it. Nobody else — not the
company's lead, not the accompanying centre — finds the response: they get a 404.
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from zukunftszentrum.core.access import login_required, public
from zukunftszentrum.core.pdf import pdf_response

from ..navigation import Flow
from ..pages import result_context
from ..pdf import TEMPLATE
from ..queries import lang
from ..results import report
from .take import flow_by_id, flow_by_token


@login_required
def result(request: HttpRequest, pk: Any) -> HttpResponse:
    return _render(request, flow_by_id(request, pk), request.user)


@public
def result_by_token(request: HttpRequest, token: str) -> HttpResponse:
    return _render(request, flow_by_token(token), None)


@login_required
def result_pdf(request: HttpRequest, pk: Any) -> HttpResponse:
    return _pdf(flow_by_id(request, pk))


@public
def result_pdf_by_token(request: HttpRequest, token: str) -> HttpResponse:
    return _pdf(flow_by_token(token))


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
    return pdf_response(TEMPLATE, context, filename)

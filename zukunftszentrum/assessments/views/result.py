"""A minimal result page (replaced later by the full one with chart, peers and PDF).

Privacy: a result opens only for its respondent (by id) or the holder of the private link;
an anonymous response has no respondent, so only its token opens it."""

from __future__ import annotations

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from zukunftszentrum.core.access import login_required, public

from ..models import Response
from ..navigation import Flow
from ..queries import response_by_token, responses_of, result_context


@login_required
def result(request: HttpRequest, pk: Any) -> HttpResponse:
    response = get_object_or_404(responses_of(request.user), pk=pk)  # type: ignore[arg-type]
    return _render(request, Flow(response), request.user)


@public
def result_by_token(request: HttpRequest, token: str) -> HttpResponse:
    response = response_by_token(token)
    if response is None:
        raise Http404("token")
    return _render(request, Flow(response, token), None)


def _render(request: HttpRequest, flow: Flow, viewer: Any) -> HttpResponse:
    response: Response = flow.response
    if not response.is_submitted:
        return redirect(flow.url("continue"))
    context = result_context(response, viewer)
    context["flow"] = flow
    return render(request, "assessments/result.html", context)

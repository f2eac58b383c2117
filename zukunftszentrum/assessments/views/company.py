"""The combined result of a company check run, on a page and as a PDF (prepared in the
background, see downloads.py).

Who sees it (see `queries.company_results_visible_to`): the company's lead (or solo), the staff of
a centre that accompanies the company with its consent, and — for a closed run — the company's
employees and works council members, who see the combined result only. Every number is a mean
over at least the minimum group size; nobody opens one person's answers here.
"""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..downloads import prepare_company_report
from ..pages import company_report_ready, company_result_context
from ..queries import access_company_result

VIEWERS = (
    Capability.MANAGE_ASSESSMENTS,
    Capability.VIEW_ACCOMPANIED_RESULTS,
    Capability.TAKE_ASSESSMENT,
)


@requires(*VIEWERS)
def company_result(request: MemberRequest, pk: int) -> HttpResponse:
    member = request.member
    assessment = access_company_result(member, pk)
    context = company_result_context(assessment, member, request.user)
    return render(request, "assessments/company_result.html", context)


@requires(*VIEWERS)
def company_result_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    """The report is rendered by a worker (seconds); the person waits on its status page."""
    member = request.member
    assessment = access_company_result(member, pk)
    if not company_report_ready(assessment, member):
        messages.error(request, _("Für einen Bericht gibt es noch zu wenige Antworten."))
        return redirect("assessments:company_result", pk=assessment.pk)
    download = prepare_company_report(user=request.user, member=member, assessment=assessment)
    return redirect("core:download", pk=download.pk)

"""The company result as a PDF, prepared in the background (core.prepared).

Rendering the report takes seconds, so the view only checks access and whether a result has been
released, then a task worker builds the file while the person sees its progress. The worker
reads the check run again under the stored membership, so the file shows what the page showed
that person (perspectives only to those who may compare them). At fetch time the person must
still hold that membership, active, and still see the run's result (the page's rule,
`queries.company_results_visible_to`).

A person's own result PDF (by id or private link) stays a direct download: it is one person's
result, small, and may be fetched without an account.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from zukunftszentrum.core import prepared
from zukunftszentrum.core.exports import file_slug
from zukunftszentrum.core.pdf import render_pdf
from zukunftszentrum.organisations.models import Membership

from . import pdf
from .models import Assessment
from .pages import company_report_context
from .queries import company_results_visible_to, instrument_of, lang

COMPANY_REPORT_KIND = "assessments.company_result_pdf"


def prepare_company_report(*, user: Any, member: Membership, assessment: Assessment) -> Any:
    """Queue the company PDF for this person; returns the PreparedDownload."""
    label = _("Ergebnisbericht „%(check)s“: %(organisation)s") % {
        "check": instrument_of(assessment).title.get(lang()),
        "organisation": assessment.organisation.legal_name,
    }
    params = {"membership": member.pk, "assessment": assessment.pk}
    return prepared.prepare(user=user, kind=COMPANY_REPORT_KIND, params=params, label=label)


def _member_and_run(params: Mapping[str, Any]) -> tuple[Membership, Assessment]:
    member = Membership.objects.select_related("centre", "organisation", "user").get(
        pk=params["membership"]
    )
    found = company_results_visible_to(member).select_related("organisation")
    return member, found.get(pk=params["assessment"])


def build_company_report(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    member, assessment = _member_and_run(params)
    context = company_report_context(assessment, member)  # Suppressed: the build fails
    progress(30)
    data = render_pdf(pdf.TEMPLATE, context)
    name = file_slug(f"{assessment.instrument_key}-{assessment.organisation.legal_name}")
    return prepared.Built(f"{name}.pdf", "application/pdf", data)


def still_allowed(user: Any, params: Mapping[str, Any]) -> bool:
    """Only while the membership it was asked under is the person's, active, and still sees
    the run's combined result (an ended accompaniment, a reopened run for an employee: no)."""
    member = Membership.objects.filter(pk=params["membership"], user_id=user.pk).first()
    if member is None or not member.is_active:
        return False
    return company_results_visible_to(member).filter(pk=params["assessment"]).exists()


def back_url(params: Mapping[str, Any]) -> str:
    return reverse("assessments:company_result", kwargs={"pk": params["assessment"]})

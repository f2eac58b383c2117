"""The AI-Act PDFs a task worker prepares (core.prepared): the report "KI-Systeme und Pflichten"
and the Art. 4 record "Nachweis über Maßnahmen zur KI-Kompetenz".

Rendering either takes seconds for a company with many systems or measures, so the view checks
access as usual, asks for the file and sends the person to its status page. The worker builds it
with the membership it was asked under. When the file is fetched, `still_allowed_*` asks again:
the membership must still be the person's and active, and still reach what the file holds (the
organisations of the report, the organisation of the record) — an advisor whose accompaniment
ended, or a lead who left, no longer gets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.http import HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _

from zukunftszentrum.core import prepared
from zukunftszentrum.core.exports import file_slug
from zukunftszentrum.core.pdf import render_pdf
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.models import Membership, Organisation

from . import literacy
from .queries import systems_visible_to, visible_organisation_ids
from .report import report_context

REPORT_KIND = "ai_act.report_pdf"
LITERACY_KIND = "ai_act.literacy_pdf"
REPORT_TEMPLATE = "ai_act/report_pdf.html"
LITERACY_TEMPLATE = "ai_act/literacy_pdf.html"


def _ask(request: MemberRequest, kind: str, params: dict[str, Any], label: str) -> HttpResponse:
    download = prepared.prepare(user=request.user, kind=kind, params=params, label=label)
    return redirect("core:download", pk=download.pk)


def _membership(params: Mapping[str, Any]) -> Membership:
    return Membership.objects.select_related("organisation", "centre", "user").get(
        pk=params["membership"]
    )


def _active_membership(user: Any, params: Mapping[str, Any]) -> Membership | None:
    """The membership the file was asked under, if it is still this person's and active."""
    found = (
        Membership.objects.select_related("organisation", "centre")
        .filter(pk=params["membership"], user_id=user.pk)
        .first()
    )
    return found if found is not None and found.is_active else None


# --- the report "KI-Systeme und Pflichten" ---------------------------------------------------


def ask_report(request: MemberRequest) -> HttpResponse:
    """The systems the member sees now, as a PDF prepared in the background."""
    member = request.member
    params = {
        "membership": member.pk,
        "organisations": sorted(visible_organisation_ids(member)),
    }
    label = _("Bericht „KI-Systeme und Pflichten“")
    if member.organisation is not None:
        label = f"{label}: {member.organisation.legal_name}"
    return _ask(request, REPORT_KIND, params, label)


def build_report(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    member = _membership(params)
    systems = systems_visible_to(member).filter(organisation_id__in=params["organisations"])
    progress(20)
    data = render_pdf(REPORT_TEMPLATE, report_context(member, systems))
    return prepared.Built("ki-systeme-und-pflichten.pdf", "application/pdf", data)


def still_allowed_report(user: Any, params: Mapping[str, Any]) -> bool:
    member = _active_membership(user, params)
    return member is not None and set(params["organisations"]) <= visible_organisation_ids(member)


def report_back_url(params: Mapping[str, Any]) -> str:
    return reverse("ai_act:systems")


# --- the Art. 4 record ------------------------------------------------------------------------


def ask_literacy(request: MemberRequest, organisation: Organisation) -> HttpResponse:
    """The record of an organisation the member may read (checked by the view), prepared."""
    params = {"membership": request.member.pk, "organisation": organisation.pk}
    label = f"{_('Nachweis über Maßnahmen zur KI-Kompetenz')}: {organisation.legal_name}"
    return _ask(request, LITERACY_KIND, params, label)


def build_literacy(params: Mapping[str, Any], progress: prepared.Progress) -> prepared.Built:
    member = _membership(params)
    organisation = Organisation.objects.get(pk=params["organisation"])
    progress(20)
    data = render_pdf(LITERACY_TEMPLATE, literacy.record_context(member, organisation))
    name = file_slug(f"nachweis-ki-kompetenz-{organisation.legal_name}")
    return prepared.Built(f"{name}.pdf", "application/pdf", data)


def still_allowed_literacy(user: Any, params: Mapping[str, Any]) -> bool:
    member = _active_membership(user, params)
    return (
        member is not None
        and literacy.record_organisations(member).filter(pk=params["organisation"]).exists()
    )


def literacy_back_url(params: Mapping[str, Any]) -> str:
    return reverse("ai_act:literacy", args=[params["organisation"]])


def register() -> None:
    """Called from the app's extensions (AppConfig.ready())."""
    prepared.register_kind(
        REPORT_KIND,
        build=build_report,
        still_allowed=still_allowed_report,
        back_url=report_back_url,
        order=500,
    )
    prepared.register_kind(
        LITERACY_KIND,
        build=build_literacy,
        still_allowed=still_allowed_literacy,
        back_url=literacy_back_url,
        order=505,
    )

"""The Art. 4 record's pages: the record, its PDF, and the lead's internal guidance.
Thin: access through `literacy.access_record`, writes through `literacy_actions`."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from . import classification, downloads, literacy, literacy_actions
from .audit_actions import LiteracyAction
from .exceptions import NotAllowed
from .literacy_forms import GuidanceForm

READERS = (Capability.MANAGE_AI_SYSTEMS, Capability.VIEW_ACCOMPANIED_RESULTS)
PAGE = "ai_act/literacy.html"


@requires(*READERS)
def record(request: MemberRequest, organisation: int) -> HttpResponse:
    org = literacy.access_record(request.member, organisation)
    context = literacy.record_context(request.member, org) | {"form": GuidanceForm()}
    return render(request, PAGE, context)


@requires(*READERS)
def record_pdf(request: MemberRequest, organisation: int) -> HttpResponse:
    """The PDF "Nachweis über Maßnahmen zur KI-Kompetenz", naming the law version applied,
    prepared by a worker (downloads.py)."""
    org = literacy.access_record(request.member, organisation)
    record_event(
        LiteracyAction.RECORD_DOWNLOADED,
        actor=request.user,
        summary=classification.applied_law(),
        organisation_id=org.pk,
    )
    return downloads.ask_literacy(request, org)


@requires(Capability.MANAGE_AI_SYSTEMS)
@require_POST
def guidance_add(request: MemberRequest, organisation: int) -> HttpResponse:
    """Record one internal measure; on an error the page comes back with what was typed."""
    org = literacy.access_record(request.member, organisation)
    allowed = literacy.may_manage_guidance(request.member, org)
    if not allowed:
        raise PermissionDenied(allowed.reason)
    form = GuidanceForm(request.POST, request.FILES)
    if not form.is_valid():
        context = literacy.record_context(request.member, org) | {"form": form}
        return render(request, PAGE, context, status=400)
    try:
        literacy_actions.add_guidance(
            member=request.member,
            organisation=org,
            title=form.cleaned_data["title"],
            kind=form.cleaned_data["kind"],
            issued_on=form.cleaned_data["issued_on"],
            attachment=form.cleaned_data.get("attachment"),
        )
    except NotAllowed as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Die Maßnahme ist im Nachweis erfasst."))
    return redirect("ai_act:literacy", org.pk)


@requires(Capability.MANAGE_AI_SYSTEMS)
@require_POST
def guidance_remove(request: MemberRequest, organisation: int, pk: int) -> HttpResponse:
    org = literacy.access_record(request.member, organisation)
    entry = literacy.access_guidance(org, pk)
    try:
        literacy_actions.remove_guidance(member=request.member, entry=entry)
    except NotAllowed as exc:
        raise PermissionDenied(str(exc)) from exc
    messages.success(request, _("Die Maßnahme ist entfernt."))
    return redirect("ai_act:literacy", org.pk)


@requires(*READERS)
def guidance_file(request: MemberRequest, organisation: int, pk: int) -> HttpResponse:
    """A guidance entry's PDF (at most 5 MB, checked on upload)."""
    org = literacy.access_record(request.member, organisation)
    entry = literacy.access_guidance(org, pk)
    if not entry.attachment:
        raise Http404
    with entry.attachment.open("rb") as stored:
        response = HttpResponse(stored.read(), content_type="application/pdf")
    response["Content-Disposition"] = 'inline; filename="massnahme.pdf"'
    response["X-Content-Type-Options"] = "nosniff"
    return response

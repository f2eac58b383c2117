"""After the classification: the re-check, the status of each duty, the to-do list across all
systems, the Art. 26(7) information letter, and the PDF "KI-Systeme und Pflichten"."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.exports import file_slug
from zukunftszentrum.core.pdf import pdf_response
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from .. import actions, classification, downloads
from ..exceptions import NotAllowed, NothingToStore
from ..forms import DutyStatusForm, LetterTrackingForm
from ..letters import draft_text
from ..models import ObligationStatus
from ..pages import risk_label, todo_list
from ..queries import (
    access_managed_system,
    access_system,
    latest_classification,
    latest_letter,
    systems_visible_to,
)
from ..results import LETTER_DUTY, duty_rows, law_columns, needs_letter
from ..rules import may_manage_system
from .inventory import READERS


@requires(Capability.MANAGE_AI_SYSTEMS)
def recheck(request: MemberRequest, pk: int) -> HttpResponse:
    """GET shows what re-evaluating the stored facts would change; POST stores the new result."""
    system = access_managed_system(request.member, pk)
    check = classification.recheck(system)
    if request.method == "POST":
        try:
            actions.confirm_recheck(member=request.member, system=system)
        except (NotAllowed, NothingToStore) as exc:
            messages.info(request, str(exc))
        else:
            messages.success(request, _("Die neue Einstufung ist gespeichert."))
        return redirect("ai_act:system_detail", system.pk)
    short = {law["key"]: law["short"] for law in law_columns()}
    context = {
        "system": system,
        "check": check,
        "law_before": short.get(check.law_before, "") if check else "",
        "law_after": short.get(check.law_after, "") if check else "",
        "changes": [
            {
                "law": short.get(c.law, c.law),
                "before": risk_label(c.risk_before),
                "after": risk_label(c.risk_after),
                "added": c.added,
                "removed": c.removed,
                "moved": c.moved,
                "changed": c.changed,
            }
            for c in (check.changes if check else [])
        ],
    }
    return render(request, "ai_act/recheck.html", context)


@requires(Capability.MANAGE_AI_SYSTEMS)
def duty_status(request: MemberRequest, pk: int) -> HttpResponse:
    """The status of one duty of the stored result (?id=Art. 26(7)) under its law version."""
    system = access_managed_system(request.member, pk)
    stored = latest_classification(system)
    duty_id = request.GET.get("id", "")
    row = next((d for d in duty_rows(system, stored) if d.id == duty_id), None) if stored else None
    if stored is None or row is None:
        return redirect("ai_act:system_detail", system.pk)
    current = ObligationStatus.objects.filter(
        system=system, obligation_id=row.id, law_version=stored.law_version
    ).first()
    form = DutyStatusForm(request.POST or None, instance=current)
    if request.method == "POST" and form.is_valid():
        try:
            actions.set_duty_status(
                member=request.member,
                system=system,
                obligation_id=row.id,
                law_version=stored.law_version,
                state=form.cleaned_data["state"],
                evidence=form.cleaned_data["evidence"],
                done_on=form.cleaned_data["done_on"],
            )
        except NotAllowed as exc:
            messages.error(request, str(exc))
        else:
            messages.success(request, _("Der Stand ist gespeichert."))
            return redirect("ai_act:system_detail", system.pk)
    context = {"system": system, "duty": row, "form": form, "law": stored.law_version}
    return render(request, "ai_act/duty_status.html", context)


@requires(*READERS)
def todo(request: MemberRequest) -> HttpResponse:
    items = todo_list(systems_visible_to(request.member))
    return render(request, "ai_act/todo.html", {"items": items})


@requires(*READERS)
def letter(request: MemberRequest, pk: int) -> HttpResponse:
    """The Art. 26(7) letter: a draft to adapt (the lead saves it), then when it went out."""
    system = access_system(request.member, pk)
    stored = latest_classification(system)
    if not needs_letter(stored):
        raise Http404("no Art. 26(7) duty")
    assert stored is not None
    current = latest_letter(system)
    can_manage = may_manage_system(request.member, system)
    tracking = LetterTrackingForm(
        request.POST if request.POST.get("action") == "track" else None, instance=current
    )
    if request.method == "POST":
        if not can_manage:
            raise PermissionDenied(can_manage.reason)
        try:
            if request.POST.get("action") == "track" and current and tracking.is_valid():
                actions.track_letter(
                    member=request.member,
                    letter=current,
                    sent_to_works_council_on=tracking.cleaned_data["sent_to_works_council_on"],
                    workers_informed_on=tracking.cleaned_data["workers_informed_on"],
                )
                messages.success(request, _("Die Daten sind gespeichert."))
                return redirect("ai_act:letter", system.pk)
            if request.POST.get("action") == "draft":
                text = request.POST.get("text", "").strip() or draft_text(system, stored)
                actions.draft_letter(member=request.member, system=system, text=text)
                messages.success(request, _("Der Entwurf ist gespeichert."))
                return redirect("ai_act:letter", system.pk)
        except NotAllowed as exc:
            messages.error(request, str(exc))
    context = {
        "system": system,
        "letter": current,
        "text": current.text if current else draft_text(system, stored),
        "tracking": tracking,
        "can_manage": bool(can_manage),
        "duty": LETTER_DUTY,
    }
    return render(request, "ai_act/letter.html", context)


@requires(*READERS)
def letter_pdf(request: MemberRequest, pk: int) -> HttpResponse:
    system = access_system(request.member, pk)
    stored = latest_classification(system)
    if not needs_letter(stored):
        raise Http404("no Art. 26(7) duty")
    assert stored is not None
    current = latest_letter(system)
    context = {
        "system": system,
        "text": current.text if current else draft_text(system, stored),
        "law": classification.laws()[stored.law_version],
        "today": timezone.localdate(),
    }
    name = file_slug(f"information-art-26-7-{system.name}")
    return pdf_response("ai_act/letter_pdf.html", context, f"{name}.pdf")


@requires(*READERS)
def report_pdf(request: MemberRequest) -> HttpResponse:
    """The PDF "KI-Systeme und Pflichten": every system, its class and its duties with dates,
    prepared by a worker (downloads.py)."""
    return downloads.ask_report(request)

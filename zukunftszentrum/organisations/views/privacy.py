"""Privacy and security: "Meine Daten", the download, deleting the account, taking note of the
privacy notice, and the audit log."""

from __future__ import annotations

import json

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.core.paginator import Paginator
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from zukunftszentrum.core.access import login_required, requires
from zukunftszentrum.core.audit import record_event
from zukunftszentrum.core.audit_actions import CoreAction
from zukunftszentrum.core.models import ConsentRecord
from zukunftszentrum.core.personal_data import export_document, sections_for_display

from .. import actions
from ..audit_queries import audit_events_visible_to
from ..consent import has_current_consent, remember_consent, safe_next
from ..exceptions import LastCompanyLead
from ..middleware import MemberRequest
from ..privacy_forms import AuditFilterForm, DeleteAccountForm
from ..roles import Capability

AUDIT_PAGE_SIZE = 50


@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    context = {
        "sections": sections_for_display(),
        "consents": request.user.consents.all(),  # type: ignore[union-attr]
        "notice_version": settings.ZZ_PRIVACY_NOTICE_VERSION,
    }
    return render(request, "organisations/my_data.html", context)


@login_required
def download_my_data(request: HttpRequest) -> HttpResponse:
    # POST only: a link or an image on another site must not be able to start a download and
    # write an export into the person's log. A plain visit goes back to "Meine Daten".
    if request.method != "POST":
        return redirect("organisations:my_data")
    body = json.dumps(
        export_document(request.user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2
    )
    record_event(
        CoreAction.DATA_EXPORTED,
        actor=request.user,
        request=request,
        user_id=request.user.pk,
    )
    response = HttpResponse(body, content_type="application/json; charset=utf-8")
    filename = f"meine-daten-{timezone.localdate():%Y-%m-%d}.json"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "no-store"
    return response


@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = DeleteAccountForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            actions.delete_account(user=request.user)  # type: ignore[arg-type]
        except LastCompanyLead as exc:
            messages.error(request, str(exc))
        else:
            request.user.refresh_from_db()  # type: ignore[union-attr]  # now pseudonymised
            logout(request)
            messages.success(
                request, _("Ihr Konto wurde gelöscht. Name und E-Mail-Adresse sind entfernt.")
            )
            return redirect("core:home")
    return render(request, "organisations/delete_account.html", {"form": form})


@login_required
def consent(request: HttpRequest) -> HttpResponse:
    version = settings.ZZ_PRIVACY_NOTICE_VERSION
    next_url = safe_next(request, request.POST.get("next") or request.GET.get("next"))
    if request.method == "POST":
        if not has_current_consent(request.user):  # a second click records nothing twice
            actions.record_consent(
                user=request.user,  # type: ignore[arg-type]
                kind=ConsentRecord.Kind.PRIVACY_NOTICE,
                version=version,
            )
        remember_consent(request)
        messages.success(
            request, _("Danke. Sie haben die Datenschutzhinweise zur Kenntnis genommen.")
        )
        return redirect(next_url or "organisations:dashboard")
    context = {"version": version, "next": next_url, "done": has_current_consent(request.user)}
    return render(request, "organisations/consent.html", context)


@requires(Capability.VIEW_AUDIT_LOG)
def audit_log(request: MemberRequest) -> HttpResponse:
    form = AuditFilterForm(request.GET)
    action = form.cleaned_data["action"] if form.is_valid() else ""
    events = audit_events_visible_to(request.member, action=action)
    page = Paginator(events, AUDIT_PAGE_SIZE).get_page(request.GET.get("seite"))
    return render(
        request, "organisations/audit_log.html", {"form": form, "page": page, "action": action}
    )

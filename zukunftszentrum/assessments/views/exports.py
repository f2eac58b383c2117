"""Aggregated exports for centre staff (CSV, XLSX): means per group, never one row per person.

A centre exports the submitted responses of organisations it accompanies (ACTIVE), a programme
admin those of the whole network. Groups below the minimum size keep only "< n" (see
`exports.export_rows`). Each download is written to the audit log with its parameters.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from zukunftszentrum.core.access import requires
from zukunftszentrum.core.audit import Action, record_event
from zukunftszentrum.core.exports import download_response, file_slug
from zukunftszentrum.core.suppression import effective_min_size
from zukunftszentrum.organisations.middleware import MemberRequest
from zukunftszentrum.organisations.roles import Capability

from ..exports import EXPORT_GROUPINGS, export_instrument_choices, export_table, method_notes

FORMATS = [("xlsx", _("Excel-Arbeitsmappe (XLSX)")), ("csv", _("CSV (Semikolon, für Excel)"))]


class ExportForm(forms.Form):
    check = forms.ChoiceField(label=_("Check und Version"))
    grouping = forms.MultipleChoiceField(
        label=_("Gruppieren nach"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=list(EXPORT_GROUPINGS.items()),
    )
    fmt = forms.ChoiceField(
        label=_("Format"), choices=FORMATS, initial="xlsx", widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["check"].choices = export_instrument_choices()  # type: ignore[attr-defined]


@requires(Capability.EXPORT_RESPONSES)
def export(request: MemberRequest) -> HttpResponse:
    form = ExportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        key, version = form.cleaned_data["check"].split(":", 1)
        grouping = [g for g in EXPORT_GROUPINGS if g in form.cleaned_data["grouping"]]
        table = export_table(request.member, key=key, version=version, grouping=grouping)
        _log(request, instrument=key, version=version, grouping=grouping, rows=len(table.rows))
        stem = file_slug(f"{key}-{version}-{'-'.join(grouping) or 'gesamt'}")
        return download_response(table, form.cleaned_data["fmt"], stem)
    notes = method_notes(effective_min_size(settings.ZZ_MIN_GROUP_SIZE))
    network = Capability.MANAGE_NETWORK in request.capabilities
    context = {"form": form, "notes": notes, "network": network}
    return render(request, "assessments/exports.html", context)


def _log(request: MemberRequest, **params: Any) -> None:
    member = request.member
    record_event(
        Action.DATA_EXPORTED,
        actor=request.user,
        summary=f"{params['instrument']} {params['version']}",
        centre_id=member.centre_id,
        request=request,
        format=request.POST.get("fmt", ""),
        **params,
    )
